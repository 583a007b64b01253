"""Reads of review rounds, nominations and comments, scoped to the user (the portal reads only what is public)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.commendations import engine
from thidua.commendations.models import TaskRating
from thidua.core.scoping import VIEW
from thidua.core.vietnamese.calendar import WorkCalendar
from thidua.core.vietnamese.collation import name_sort_key, text_sort_key
from thidua.nominations import checks, dossier
from thidua.nominations.choices import CommentStatus, NominationStatus, RoundStatus
from thidua.nominations.models import DisclosureComment, Nomination, ReviewRound
from thidua.orgs.models import OrgUnit

NOMINATION_RELATED = (
    "person__unit",
    "unit__parent",
    "household__head",
    "household__village",
    "proposing_unit",
    "review_round__commune",
)
PUBLIC_STATUSES = (
    NominationStatus.DISCLOSED,
    NominationStatus.VOTED,
    NominationStatus.NOT_PASSED,
    NominationStatus.DECIDED,
    NominationStatus.PROPOSED,
)


def round_list(*, user, action: str = VIEW, within: OrgUnit | None = None) -> QuerySet:
    """Rounds of the communes the user sees, or of a commune whose units the user sees."""
    visible = ReviewRound.objects.visible_to(user, action)
    units = OrgUnit.objects.visible_to(user, action).values_list("path", flat=True)[:2000]
    ids = {int(part) for path in units for part in path.split("/") if part}
    rounds = ReviewRound.objects.filter(Q(pk__in=visible.values("pk")) | Q(commune_id__in=ids))
    if within is not None:
        rounds = rounds.filter(
            Q(commune__path__startswith=within.path) | Q(commune_id__in=within.ancestor_ids)
        )
    return rounds.select_related("commune", "plan").order_by("-year", "commune__name", "-pk")


def nomination_list(
    *, user, review_round: ReviewRound | None = None, action: str = VIEW, status: str | None = None
) -> QuerySet:
    nominations = Nomination.objects.visible_to(user, action).select_related(*NOMINATION_RELATED)
    if review_round is not None:
        nominations = nominations.filter(review_round=review_round)
    if status:
        nominations = nominations.filter(status=status)
    return nominations.order_by("code", "pk")


def status_counts(nominations) -> list[tuple[str, str, int]]:
    counts = Counter(item.status for item in nominations)
    return [(value, str(label), counts.get(value, 0)) for value, label in NominationStatus.choices]


def name_key(nomination: Nomination) -> tuple:
    if nomination.person_id and nomination.person is not None:
        return (0, name_sort_key(nomination.person.full_name))
    return (1, text_sort_key(dossier.subject_name(nomination)))


def annotate(nominations) -> list[Nomination]:
    """Set ``display_name``, ``display_place`` and ``display_position`` for lists and exports."""
    for item in nominations:
        item.display_name = dossier.subject_name(item)
        item.display_place = dossier.subject_place(item)
        item.display_position = item.position or (item.person.position if item.person_id else "")
    return nominations


@dataclass
class Group:
    code: str
    name: str
    is_title: bool
    nominations: list[Nomination]


def grouped(nominations, rules: engine.RuleSet) -> list[Group]:
    """Grouped by title or form (titles first, in the ruleset's order), names sorted the Vietnamese way."""
    order = {code: index for index, code in enumerate(rules.titles)}
    groups: dict[str, list[Nomination]] = defaultdict(list)
    for item in nominations:
        groups[item.code].append(item)
    result = [
        Group(code, checks.code_name(code, rules), checks.is_title(code, rules), sorted(items, key=name_key))
        for code, items in groups.items()
    ]
    return sorted(result, key=lambda group: (not group.is_title, order.get(group.code, 999), group.code))


@dataclass
class UnitQuota:
    unit: OrgUnit
    result: engine.QuotaResult


def quota_panel(nominations, year: int, rules: engine.RuleSet) -> list[UnitQuota]:
    """The caps (HTXS share …) of every unit whose people are nominated, from the year's ratings (one query)."""
    units = {item.person.unit_id: item.person.unit for item in nominations if item.person_id}
    ratings: dict[int, list[str]] = defaultdict(list)
    for unit_id, rating in TaskRating.objects.filter(person__unit_id__in=units, year=year).values_list(
        "person__unit_id", "rating"
    ):
        ratings[unit_id].append(rating)
    panel = [
        UnitQuota(unit, result)
        for unit_id, unit in units.items()
        for result in engine.check_quota(ratings.get(unit_id, []), rules)
    ]
    return sorted(panel, key=lambda item: (not item.result.exceeded, text_sort_key(item.unit.name)))


# --- Comments ----------------------------------------------------------------------------------------------


def comment_list(*, user, review_round: ReviewRound, status: str | None = None) -> QuerySet:
    comments = DisclosureComment.objects.visible_to(user, VIEW).filter(review_round=review_round)
    if status:
        comments = comments.filter(status=status)
    return comments.select_related("nomination__person", "nomination__unit", "nomination__household__head")


def comment_summary(review_round: ReviewRound) -> list[dict]:
    """Per nominee of the published list: the published comments (count and texts); then general comments."""
    rules = checks.rules_for(review_round)
    nominees = list(
        Nomination.objects.filter(review_round=review_round, status__in=PUBLIC_STATUSES).select_related(
            *NOMINATION_RELATED
        )
    )
    comments = DisclosureComment.objects.filter(
        review_round=review_round, status=CommentStatus.PUBLISHED
    ).order_by("created_at", "pk")
    by_nominee: dict[int | None, list[dict]] = defaultdict(list)
    for nomination_id, author, text, created in comments.values_list(
        "nomination_id", "author_name", "text", "created_at"
    ):
        by_nominee[nomination_id].append({"author": author, "text": text, "created_at": created})
    summary = [
        {
            "nomination": item,
            "name": dossier.subject_name(item),
            "title": checks.code_name(item.code, rules),
            "count": len(by_nominee.get(item.pk, [])),
            "comments": by_nominee.get(item.pk, []),
        }
        for group in grouped(nominees, rules)
        for item in group.nominations
    ]
    general = by_nominee.get(None, [])
    summary.append(
        {"nomination": None, "name": "Ý kiến chung", "title": "", "count": len(general), "comments": general}
    )
    return summary


# --- Public (portal) -----------------------------------------------------------------------------------------


def disclosed_rounds(today: date | None = None) -> QuerySet:
    """Rounds whose list has been published (the window open or past), newest first."""
    return (
        ReviewRound.objects.filter(
            disclosed_from__isnull=False, disclosed_from__lte=today or timezone.localdate()
        )
        .exclude(status=RoundStatus.OPEN)
        .select_related("commune")
        .order_by("-disclosed_from", "-pk")
    )


def public_nominees(review_round: ReviewRound) -> QuerySet:
    return Nomination.objects.filter(review_round=review_round, status__in=PUBLIC_STATUSES).select_related(
        *NOMINATION_RELATED
    )


def public_comments(review_round: ReviewRound) -> QuerySet:
    return (
        DisclosureComment.objects.filter(review_round=review_round, status=CommentStatus.PUBLISHED)
        .select_related("nomination__person", "nomination__unit", "nomination__household__head")
        .order_by("created_at", "pk")
    )


def days_left(
    review_round: ReviewRound, today: date | None = None, calendar: WorkCalendar | None = None
) -> int:
    """Working days left in the window, today included (0 once it has ended)."""
    today = today or timezone.localdate()
    ends = review_round.disclosure_ends_on
    if ends is None or today > ends:
        return 0
    calendar = calendar or WorkCalendar()
    return calendar.working_days_between(today, ends) + (1 if calendar.is_working_day(today) else 0)
