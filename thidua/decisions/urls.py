from django.urls import path

from thidua.decisions import views

app_name = "decisions"

urlpatterns: list = [
    path("", views.index, name="index"),
    path("new/", views.decision_create, name="create"),
    path("<int:pk>/", views.decision_detail, name="decision"),
    path("<int:pk>/edit/", views.decision_edit, name="edit"),
    path("<int:pk>/delete/", views.decision_delete, name="delete"),
    path("<int:pk>/issue/", views.decision_issue, name="issue"),
    path("<int:pk>/sign/", views.decision_sign, name="sign"),
    path("<int:pk>/download.<str:fmt>", views.decision_download, name="download"),
    path("<int:pk>/signed.pdf", views.signed_download, name="signed"),
    path("<int:pk>/bundle.zip", views.bundle_download, name="bundle"),
    path("<int:pk>/certificates/", views.batch_create, name="batch_create"),
    path("certificates/<int:pk>/", views.batch_detail, name="batch"),
    path("certificates/<int:pk>/progress/", views.batch_progress, name="batch_progress"),
    path("certificates/<int:pk>/file.pdf", views.batch_download, name="batch_download"),
    path("register/", views.register, name="register"),
]
