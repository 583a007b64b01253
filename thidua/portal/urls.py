"""The public portal: no login. Each part keeps its routes in its own module, joined here."""

from django.urls import path

from thidua.portal import urls_disclosure, urls_models, urls_verify, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("feed/", views.PortalFeed(), name="feed"),
    *urls_disclosure.urlpatterns,
    *urls_verify.urlpatterns,
    *urls_models.urlpatterns,
]
