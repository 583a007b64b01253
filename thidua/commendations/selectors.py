"""Reads of commendation records, always scoped to the user, plus quota and cash selectors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.commendations import engine
from thidua.commendations.choices import ENGINE_KIND, SubjectKind
from thidua.commendations.models import (
    SUBJECT_FIELDS,
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    TaskRating,
)
from thidua.commendations.rules import province_slug, ruleset_for
from thidua.core.scoping import VIEW
from thidua.core.vietnamese.words import amount_in_words
from thidua.orgs.models import Membership, OrgUnit, Person

RECORD_MODELS = {
    "rating": TaskRating,
    "award": AwardRecord,
    "initiative": InitiativeRecord,
    "discipline": DisciplineRecord,
    "review": PendingReview,
}
RELATED = ("person__unit", "unit", "household__village", "household__head")


def record_list(model, *, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    records = model.objects.visible_to(user, action).select_related(*RELATED)
    if within is not None:
        records = records.filter(
            Q(person__unit__path__startswith=within.path)
            | Q(unit__path__startswith=within.path)
            | Q(household__village__path__startswith=within.path)
        )
    return records


def subject_records(kind: str, pk: int, *, user) -> dict[str, list]:
    """Every record of one subject, by record type (five queries)."""
    return {
        name: list(
            record_list(model, user=user)
            .filter(**{f"{SUBJECT_FIELDS[SubjectKind(kind)]}_id": pk})
            .order_by("-pk")
        )
        for name, model in RECORD_MODELS.items()
    }


def subject_members(kind: str, obj, year: int) -> list[Person]:
    """The members of a collective for ``year``: people of the unit plus dated memberships overlapping it.

    Only collectives have a member list; asking for a person's or a household's is an error.
    """
    if kind != SubjectKind.COLLECTIVE:
        raise ValidationError(_("Only a collective has a member list."))
    start, end = date(year, 1, 1), date(year, 12, 31)
    dated = Membership.objects.filter(unit=obj).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=end), Q(valid_to__isnull=True) | Q(valid_to__gte=start)
    )
    return list(
        Person.objects.filter(Q(unit=obj) | Q(pk__in=dated.values("person_id"))).distinct().order_by("pk")
    )


def communes_visible_to(user) -> QuerySet:
    """Communes the user can see (or whose units they can see), for the evaluation page."""
    visible = OrgUnit.objects.visible_to(user, VIEW)
    paths = list(visible.values_list("path", flat=True)[:5000])
    ids = {int(part) for path in paths for part in path.split("/") if part}
    return OrgUnit.objects.filter(kind="commune", pk__in=ids, valid_to__isnull=True).order_by("name")


def commune_of(unit: OrgUnit | None) -> OrgUnit | None:
    if unit is None:
        return None
    if unit.kind == "commune":
        return unit
    return OrgUnit.objects.filter(pk__in=unit.ancestor_ids, kind="commune").order_by("-depth").first()


def quota_status(
    unit: OrgUnit,
    year: int,
    *,
    as_of: date | None = None,
    proposed: Iterable[str] = (),
    ruleset: engine.RuleSet | None = None,
) -> tuple[engine.QuotaResult, ...]:
    """The caps in force for ``unit``'s people in ``year`` (e.g. HTXS ≤ 20% of those rated HTTNV).

    ``proposed`` adds ratings not stored yet (a nomination list being drafted). Two queries.
    """
    rules = ruleset or ruleset_for(as_of or date.today(), province_slug(unit))
    ratings = list(TaskRating.objects.filter(person__unit=unit, year=year).values_list("rating", flat=True))
    return engine.check_quota([*ratings, *proposed], rules)


@dataclass
class CashLine:
    code: str
    name: str
    kind: str
    count: int
    coefficient: Decimal | None
    base_salary: int | None
    amount: int | None
    subtotal: int
    basis: str


@dataclass
class CashSummary:
    decision_date: date
    rounding_mode: str
    lines: list[CashLine]
    total: int
    words: str


def cash_total(
    items: Iterable[tuple[str, str]],
    decision_date: date,
    *,
    province: str | None = None,
    ruleset: engine.RuleSet | None = None,
) -> CashSummary:
    """Amounts of a list of ``(code, subject kind)`` at ``decision_date``: coefficient × base salary in force
    that day, each rounded per the rules' mode, totalled and written in words."""
    rules = ruleset or ruleset_for(decision_date, province)
    counts = Counter((code, ENGINE_KIND.get(kind, kind)) for code, kind in items)  # type: ignore[call-overload]
    lines = []
    for (code, kind), count in sorted(counts.items()):
        detail = engine.award_amount_detail(code, kind, decision_date, rules)
        title = rules.titles.get(code)
        amount = detail.amount if detail else None
        lines.append(
            CashLine(
                code=code,
                name=title.name if title else code,
                kind=kind,
                count=count,
                coefficient=detail.coefficient if detail else None,
                base_salary=detail.base_salary if detail else None,
                amount=amount,
                subtotal=(amount or 0) * count,
                basis=detail.basis if detail else "",
            )
        )
    total = sum(line.subtotal for line in lines)
    return CashSummary(decision_date, rules.rounding_mode, lines, total, amount_in_words(total))
