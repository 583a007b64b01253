"""Public routes for verify (joined into portal.urls, namespace "portal")."""

urlpatterns: list = []
