"""Public routes for disclosure (joined into portal.urls, namespace "portal")."""

from django.urls import path

from thidua.portal import views_disclosure

urlpatterns: list = [
    path("disclosure/", views_disclosure.disclosure_list, name="disclosures"),
    path("disclosure/<int:pk>/", views_disclosure.disclosure_detail, name="disclosure"),
]
