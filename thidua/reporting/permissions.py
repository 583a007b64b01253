"""Who may review (return, approve) reports and decide lock exceptions: the "review" action of
``accounts.choices.ROLE_ACTIONS`` (aggregating department, commune officer, city officer, admin), over the
subtree of their grant; a unit reporter never reviews.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from thidua.accounts.choices import REVIEW
from thidua.core.scoping import scope_for


def review_paths(user) -> tuple[str, ...]:
    """Path prefixes of the subtrees ``user`` reviews ("" for everything)."""
    scope = scope_for(user, REVIEW)
    return ("",) if scope.everything else scope.subtrees


def can_review(user, unit) -> bool:
    return any(unit.path.startswith(prefix) for prefix in review_paths(user))


def require_review(user, unit) -> None:
    if not can_review(user, unit):
        raise PermissionDenied(_("You do not have permission for this action."))
