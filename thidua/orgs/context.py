"""The org unit a user is working in (the switcher), kept in the session."""

from thidua.core.scoping import VIEW
from thidua.orgs.models import OrgUnit

SESSION_KEY = "current_unit_id"


def resolve_current_unit(request) -> OrgUnit | None:
    """The unit chosen in the switcher, if the user may still see it."""
    unit_id = request.session.get(SESSION_KEY)
    if not unit_id or not request.user.is_authenticated:
        return None
    return OrgUnit.objects.visible_to(request.user, VIEW).filter(pk=unit_id).first()


class CurrentUnitMiddleware:
    """Sets ``request.current_unit`` (or None) for every view and the layout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.current_unit = resolve_current_unit(request)
        return self.get_response(request)


def shell(request):
    """Context for the base layout: the switcher's choices and the current unit."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"current_unit": getattr(request, "current_unit", None), "switcher_units": user.home_units()}
