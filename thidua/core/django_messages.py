"""Django's own messages that its Vietnamese catalogue lacks: named here so `make messages` keeps them in
ours (the project catalogue is searched before Django's)."""

from django.utils.translation import gettext_noop

DJANGO_MESSAGES = (
    # The blank choice of every select built from a model field with choices (Django 6).
    gettext_noop("- Select an option -"),
)
