from django.urls import path

from thidua.exemplary import views

app_name = "exemplary"

urlpatterns = [
    path("", views.ModelListView.as_view(), name="index"),
    path("new/", views.ModelFormView.as_view(), name="create"),
    path("<int:pk>/", views.ModelDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ModelFormView.as_view(), name="update"),
    path("<int:pk>/step/<str:status>/", views.model_step, name="step"),
    path("<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("<int:pk>/adoptions/", views.adoption_add, name="adoption_add"),
    path("photos/<int:pk>/", views.photo_file, name="photo_file"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("adoptions/<int:pk>/remove/", views.adoption_remove, name="adoption_remove"),
]
