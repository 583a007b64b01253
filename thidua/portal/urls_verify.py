"""Public routes for verify (joined into portal.urls, namespace "portal")."""

from django.urls import path

from thidua.portal import views_verify

urlpatterns: list = [
    path("verify/<str:token>/", views_verify.verify, name="verify"),
]
