"""Public routes for disclosure (joined into portal.urls, namespace "portal")."""

urlpatterns: list = []
