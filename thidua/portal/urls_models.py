"""Public routes for models (joined into portal.urls, namespace "portal")."""

urlpatterns: list = []
