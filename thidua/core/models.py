"""Base models shared by every app. No domain here."""

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet


class DomainModel(models.Model):
    """Timestamps, NFC text on every save, and the org-scoped manager.

    Subclasses name the path of the org unit that scopes them in ``org_path_field``
    (e.g. ``"path"`` for units, ``"unit__path"`` for people).
    """

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    org_path_field = "path"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    setattr(self, field.attname, unicodedata.normalize("NFC", value).strip())
        super().save(*args, **kwargs)

    def org_path(self) -> str:
        """The scoping path of this object, read through ``org_path_field``."""
        target = self
        for part in self.org_path_field.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return ""
        return str(target)


class Lock(models.Model):
    """A named row to serialise writers (the org tree, number registries) on every database."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("lock")
        verbose_name_plural = _("locks")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def acquire(cls, name: str) -> "Lock":
        """Take the lock for the rest of the current transaction."""
        cls.objects.get_or_create(name=name)
        return cls.objects.select_for_update().get(name=name)
