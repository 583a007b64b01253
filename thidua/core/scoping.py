"""The one scoping primitive: every list, detail, export, API and portal query goes through it."""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.http import Http404

VIEW = "view"
CHANGE = "change"
DELETE = "delete"


@dataclass(frozen=True)
class Scope:
    """Where a user may act: everything, whole subtrees (path prefixes) or single units (paths)."""

    everything: bool = False
    subtrees: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    unit_ids: tuple[int, ...] = field(default=())

    def covers(self, path: str) -> bool:
        if self.everything:
            return True
        if not path:
            return False
        return path in self.units or any(path.startswith(prefix) for prefix in self.subtrees)

    def q(self, path_field: str) -> Q | None:
        """A filter on ``path_field``; ``None`` means nothing is visible."""
        condition = Q()
        for prefix in self.subtrees:
            condition |= Q(**{f"{path_field}__startswith": prefix})
        if self.units:
            condition |= Q(**{f"{path_field}__in": self.units})
        return condition or None


NOTHING = Scope()


def scope_for(user, action: str) -> Scope:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    return user.org_scope(action)


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, action: str = VIEW) -> "ScopedQuerySet":
        scope = scope_for(user, action)
        if scope.everything:
            return self
        condition = scope.q(getattr(self.model, "org_path_field", "path"))
        return self.filter(condition) if condition is not None else self.none()


def get_object_for(queryset, user, pk, action: str = VIEW):
    """Fetch one object the user may act on; 404 for both missing and forbidden."""
    try:
        return queryset.visible_to(user, action).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can(user, action: str, obj) -> bool:
    """Object-level check in Python, the same rule as ``visible_to``."""
    return scope_for(user, action).covers(obj.org_path())
