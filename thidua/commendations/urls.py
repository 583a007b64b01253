from django.contrib.auth.decorators import login_required
from django.urls import path

from thidua.commendations import imports, views

app_name = "commendations"

urlpatterns = [
    path("", login_required(views.index), name="index"),
    path("evaluation/", views.EvaluationView.as_view(), name="evaluation"),
    path("rules/", views.RulesView.as_view(), name="rules"),
    path("person/<int:pk>/", views.PersonView.as_view(), name="person"),
    path("collective/<int:pk>/", views.CollectiveView.as_view(), name="collective"),
    path("household/<int:pk>/", views.HouseholdView.as_view(), name="household"),
    path("<str:kind>/<int:pk>/print/", views.SubjectPrintView.as_view(), name="print"),
    path("<str:kind>/<int:subject>/<str:record>/new/", views.RecordFormView.as_view(), name="record_create"),
    path("records/<str:record>/<int:pk>/edit/", views.RecordFormView.as_view(), name="record_update"),
    path("records/<str:record>/<int:pk>/delete/", views.RecordDeleteView.as_view(), name="record_delete"),
    path("ratings/import/", imports.RatingImportView.as_view(), name="rating_import"),
    path("awards/import/", imports.AwardImportView.as_view(), name="award_import"),
]
