from django.urls import path

from thidua.orgs import imports, views

app_name = "orgs"

urlpatterns = [
    path("", views.home, name="home"),
    path("switch-unit/", views.switch_unit, name="switch_unit"),
    path("units/", views.OrgUnitListView.as_view(), name="unit_list"),
    path("units/new/", views.OrgUnitFormView.as_view(), name="unit_create"),
    path("units/import/", imports.OrgUnitImportView.as_view(), name="unit_import"),
    path("units/<int:pk>/", views.OrgUnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", views.OrgUnitFormView.as_view(), name="unit_update"),
    path("units/<int:pk>/delete/", views.OrgUnitDeleteView.as_view(), name="unit_delete"),
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/new/", views.PersonFormView.as_view(), name="person_create"),
    path("people/import/", imports.PersonImportView.as_view(), name="person_import"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonFormView.as_view(), name="person_update"),
    path("people/<int:pk>/delete/", views.PersonDeleteView.as_view(), name="person_delete"),
    path(
        "people/<int:person>/memberships/new/", views.MembershipFormView.as_view(), name="membership_create"
    ),
    path("memberships/<int:pk>/edit/", views.MembershipFormView.as_view(), name="membership_update"),
    path("memberships/<int:pk>/delete/", views.MembershipDeleteView.as_view(), name="membership_delete"),
    path("households/", views.HouseholdListView.as_view(), name="household_list"),
    path("households/new/", views.HouseholdFormView.as_view(), name="household_create"),
    path("households/import/", imports.HouseholdImportView.as_view(), name="household_import"),
    path("households/<int:pk>/", views.HouseholdDetailView.as_view(), name="household_detail"),
    path("households/<int:pk>/edit/", views.HouseholdFormView.as_view(), name="household_update"),
    path("households/<int:pk>/delete/", views.HouseholdDeleteView.as_view(), name="household_delete"),
]
