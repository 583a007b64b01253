from django.urls import path

from thidua.documents import views

app_name = "documents"

urlpatterns = [
    path("registry/", views.RegistryView.as_view(), name="registry"),
    path("registry/issue/", views.IssueView.as_view(), name="issue"),
]
