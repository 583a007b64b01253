"""Who may review (return, approve) reports and decide lock exceptions.

The scoped actions of ``accounts.choices.ROLE_ACTIONS`` say who sees and enters data. Reviewing is a
separate right: the aggregating department, the commune officer and the city officer over the unit's
subtree (never the unit reporter of the unit itself).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from thidua.accounts.choices import Role

REVIEW_ROLES = frozenset({Role.ADMIN, Role.CITY_OFFICER, Role.COMMUNE_OFFICER, Role.AGGREGATING_DEPARTMENT})


def review_paths(user) -> tuple[str, ...]:
    """Path prefixes of the subtrees ``user`` reviews."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    if user.is_superuser:
        return ("",)
    return tuple(
        sorted({g.unit.path for g in user.active_grants() if g.role in REVIEW_ROLES and g.include_subtree})
    )


def can_review(user, unit) -> bool:
    return any(unit.path.startswith(prefix) for prefix in review_paths(user))


def require_review(user, unit) -> None:
    if not can_review(user, unit):
        raise PermissionDenied(_("You do not have permission for this action."))
