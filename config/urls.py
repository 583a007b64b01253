from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("thidua.accounts.urls")),
    path("plans/", include("thidua.campaigns.urls")),
    path("commendations/", include("thidua.commendations.urls")),
    path("reports/", include("thidua.reporting.urls")),
    path("documents/", include("thidua.documents.urls")),
    path("models/", include("thidua.exemplary.urls")),
    path("nominations/", include("thidua.nominations.urls")),
    path("council/", include("thidua.council.urls")),
    path("decisions/", include("thidua.decisions.urls")),
    path("portal/", include("thidua.portal.urls")),
    path("", include("thidua.orgs.urls")),
]
