"""The public portal: no login. Each part keeps its routes in its own module, joined here."""

from django.urls import path

from thidua.portal import urls_disclosure, urls_models, urls_verify, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    *urls_disclosure.urlpatterns,
    *urls_verify.urlpatterns,
    *urls_models.urlpatterns,
]
