from django.urls import path

from thidua.campaigns import views, views_import, views_registrations

app_name = "campaigns"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan_list"),
    path("import/", views_import.PlanImportView.as_view(), name="plan_import"),
    path("import/<int:pk>/", views_import.PlanImportReviewView.as_view(), name="plan_import_review"),
    path("<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("<int:pk>/edit/", views.PlanUpdateView.as_view(), name="plan_update"),
    path("<int:pk>/step/<str:status>/", views.plan_step, name="plan_step"),
    path("<int:pk>/cascade/", views.PlanCascadeView.as_view(), name="plan_cascade"),
    path("<int:pk>/action-programmes/", views.plan_action_programmes, name="plan_action_programmes"),
    path("<int:pk>/document.<str:fmt>", views.plan_document, name="plan_document"),
    path(
        "<int:pk>/registrations.<str:fmt>", views.plan_registration_summary, name="plan_registration_summary"
    ),
    path("<int:pk>/original/", views.plan_source, name="plan_source"),
    path(
        "<int:plan>/register/", views_registrations.RegistrationFormView.as_view(), name="registration_create"
    ),
    path("registrations/", views_registrations.RegistrationListView.as_view(), name="registration_list"),
    path(
        "registrations/<int:pk>/",
        views_registrations.RegistrationDetailView.as_view(),
        name="registration_detail",
    ),
    path(
        "registrations/<int:pk>/edit/",
        views_registrations.RegistrationFormView.as_view(),
        name="registration_update",
    ),
    path(
        "registrations/<int:pk>/<str:action>/",
        views_registrations.registration_action,
        name="registration_action",
    ),
]
