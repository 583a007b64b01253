"""Helpers every app's services use: permission checks and audited writes (one history mechanism)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from thidua.core.scoping import can, scope_for


def require(actor, action: str, obj) -> None:
    """Raise PermissionDenied unless ``actor`` may perform ``action`` on ``obj``."""
    if not can(actor, action, obj):
        raise PermissionDenied(_("You do not have permission for this action."))


def require_everything(actor, action: str) -> None:
    if not scope_for(actor, action).everything:
        raise PermissionDenied(_("You do not have permission for this action."))


def audited_save(obj, *, actor, reason: str = "", validate: bool = True) -> None:
    """Validate and save, recording who and why in the object's history."""
    if validate:
        obj.full_clean()
    obj._history_user = actor
    obj._change_reason = reason or None
    obj.save()


def audited_delete(obj, *, actor, reason: str = "") -> None:
    obj._history_user = actor
    obj._change_reason = reason or None
    obj.delete()


def move_status(obj, to_status: str, transitions: dict[str, set[str]], message: str) -> None:
    """Set ``obj.status`` if the transition table allows the move, else refuse with ``message``, which
    names the two statuses as ``%(from)s`` and ``%(to)s`` (their labels)."""
    if to_status not in transitions.get(obj.status, set()):
        labels = dict(obj._meta.get_field("status").choices)
        raise ValidationError(
            message % {"from": labels.get(obj.status, obj.status), "to": labels.get(to_status, to_status)}
        )
    obj.status = to_status
