"""Public routes for models (joined into portal.urls, namespace "portal")."""

from django.urls import path

from thidua.portal import views_models

urlpatterns: list = [
    path("models/", views_models.model_list, name="model_list"),
    path("models/<uuid:public_id>/", views_models.model_detail, name="model_detail"),
    path("models/photos/<int:pk>/", views_models.model_photo, name="model_photo"),
]
