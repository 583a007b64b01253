from django.urls import path

from thidua.reporting import views, views_exemplary

app_name = "reporting"

urlpatterns = [
    path("", views.EntryListView.as_view(), name="entry_list"),
    path("entry/<int:form>/<int:unit>/<str:period>/", views.EntryView.as_view(), name="entry"),
    path("entry/<int:form>/<int:unit>/<str:period>/excel/", views.entry_xlsx, name="entry_xlsx"),
    path("entry/<int:form>/<int:unit>/<str:period>/upload/", views.UploadView.as_view(), name="entry_upload"),
    path("entry/<int:form>/<int:unit>/<str:period>/unlock/", views.lock_request, name="lock_request"),
    path("lock-exceptions/<int:pk>/decide/", views.lock_decide, name="lock_decide"),
    path("r/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("r/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("r/<int:pk>/exemplary-model/", views_exemplary.propose_model, name="propose_model"),
    path("r/<int:pk>/<str:decision>/", views.report_decide, name="report_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("forms/<int:pk>/completeness/", views.HeatmapView.as_view(), name="heatmap"),
    path("forms/<int:pk>/remind/", views.remind, name="remind"),
    path("forms/<int:pk>/consolidation/", views.ConsolidationView.as_view(), name="consolidation"),
    path("results/", views.ResultReportListView.as_view(), name="result_report_list"),
    path("results/new/", views.result_report_create, name="result_report_create"),
    path("results/<int:pk>/", views.ResultReportDetailView.as_view(), name="result_report_detail"),
    path("results/<int:pk>/edit/", views.result_report_edit, name="result_report_edit"),
    path("results/<int:pk>/issue/", views.result_report_issue, name="result_report_issue"),
    path("results/<int:pk>/<str:fmt>/", views.result_report_download, name="result_report_download"),
]
