from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.accounts.choices import ROLE_ACTIONS, Role
from thidua.core.models import DomainModel
from thidua.core.scoping import Scope


class User(AbstractUser):
    """A login. What it may see and do comes only from its role grants."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def active_grants(self) -> list["RoleGrant"]:
        cached = getattr(self, "_grants_cache", None)
        if cached is None:
            cached = list(self.role_grants.select_related("unit"))
            self._grants_cache = cached
        return cached

    def org_scope(self, action: str) -> Scope:
        """Units where this user may perform ``action``: computed from the grants, cached per object."""
        cache = self.__dict__.setdefault("_scope_cache", {})
        if action in cache:
            return cache[action]
        if self.is_superuser:
            scope = Scope(everything=True)
        else:
            grants = [g for g in self.active_grants() if action in ROLE_ACTIONS.get(g.role, ())]
            if any(g.role == Role.ADMIN and g.unit.parent_id is None and g.include_subtree for g in grants):
                scope = Scope(everything=True)
            else:
                scope = Scope(
                    subtrees=tuple(sorted({g.unit.path for g in grants if g.include_subtree})),
                    units=tuple(sorted({g.unit.path for g in grants if not g.include_subtree})),
                    unit_ids=tuple(sorted({g.unit_id for g in grants})),
                )
        cache[action] = scope
        return scope

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or any(g.role in roles for g in self.active_grants())

    def home_units(self) -> list:
        """Units the user holds grants on, for the org-unit switcher."""
        seen: dict[int, object] = {}
        for grant in self.active_grants():
            seen.setdefault(grant.unit_id, grant.unit)
        return list(seen.values())


class RoleGrant(DomainModel):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="role_grants"
    )
    include_subtree = models.BooleanField(_("includes the subtree"), default=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    org_path_field = "unit__path"

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="rolegrant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
