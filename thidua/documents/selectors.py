"""Reads of the number registry, always scoped to the user."""

from django.db.models import QuerySet

from thidua.core.scoping import VIEW
from thidua.documents.models import DocumentNumber


def document_number_list(*, user, action: str = VIEW, within=None) -> QuerySet:
    """Numbers issued by units the user may see (``within`` narrows to one unit's subtree)."""
    numbers = DocumentNumber.objects.visible_to(user, action).select_related("issuer", "issued_by")
    if within is not None:
        numbers = numbers.filter(issuer__path__startswith=within.path)
    return numbers.order_by("-year", "issuer__path", "series", "-number")


def document_number_years(*, user) -> list[int]:
    """The years the user's visible registers have numbers in, newest first."""
    years = document_number_list(user=user).order_by("-year").values_list("year", flat=True).distinct()
    return list(years)
