"""Writes to the number registry: numbers are handed out one at a time, in order, with no gaps.

Decree 30/2020/NĐ-CP (Art. 15, Phụ lục I): a document's number is its sequence number among the documents
an issuer issues in a year, registered at its clerk's office. A body that numbers separately (a council
with its own seal, e.g. the Hội đồng Thi đua - Khen thưởng) keeps its own *series*.

Two users issuing at the same instant are serialised by a row lock on ``Lock`` (one row per issuer,
series and year), and the next number is inserted inside the same transaction; the unique constraint on
(issuer, series, year, number) is the safety net. If the caller's transaction rolls back, the number goes
back with it, so the register never has a gap.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from thidua.core.models import Lock
from thidua.core.scoping import CHANGE
from thidua.core.services import audited_save, require
from thidua.documents.models import DEFAULT_SERIES, DocumentNumber


def registry_lock_name(issuer_id: int, series: str, year: int) -> str:
    return f"documents.registry:{issuer_id}:{series}:{year}"


def series_for(symbol: str, series: str = "") -> str:
    """The series a symbol's number runs in: the given one, else the issuer part of the symbol.

    ``KH-UBND`` and ``QĐ-UBND`` share the committee's register ("UBND"); ``TB-HĐTĐKT`` runs in the
    council's ("HĐTĐKT"); a công văn's ``UBND-VHXH`` is the committee's too.
    """
    if series.strip():
        return series.strip()
    parts = [part for part in symbol.strip().split("-") if part]
    if len(parts) >= 2 and parts[0] in {"UBND", "HĐND", "HĐTĐKT"}:
        return parts[0]
    return parts[-1] if len(parts) >= 2 else DEFAULT_SERIES


@transaction.atomic
def document_number_issue(
    *,
    actor,
    issuer,
    kind: str,
    symbol: str,
    year: int | None = None,
    series: str = "",
    title: str = "",
    target=None,
    action: str = CHANGE,
) -> DocumentNumber:
    """Take the next number of ``issuer``'s register for ``year`` (default: this year) and record it.

    Raises ``PermissionDenied`` (nothing written) unless ``actor`` may perform ``action`` on ``issuer``
    (change its data by default; an award decision asks for the chairman's "decide"), and
    ``ValidationError`` for a bad kind or symbol.
    """
    require(actor, action, issuer)
    year = year or timezone.localdate().year
    series = series_for(symbol, series)
    Lock.acquire(registry_lock_name(issuer.pk, series, year))
    last = DocumentNumber.objects.filter(issuer=issuer, series=series, year=year).aggregate(
        last=Max("number")
    )["last"]
    entry = DocumentNumber(
        issuer=issuer,
        series=series,
        kind=kind,
        symbol=symbol.strip(),
        year=year,
        number=(last or 0) + 1,
        title=title,
        issued_by=actor if getattr(actor, "pk", None) else None,
    )
    if target is not None:
        entry.content_type = ContentType.objects.get_for_model(target)
        entry.object_id = target.pk
    audited_save(entry, actor=actor)
    return entry
