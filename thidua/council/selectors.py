"""Reads of the council app, scoped to the user; the tally is one GROUP BY over the slips."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet

from thidua.core.scoping import VIEW
from thidua.core.vietnamese.collation import name_sort_key
from thidua.council.choices import Choice, MemberRole
from thidua.council.models import (
    AgendaItem,
    BallotSlip,
    Council,
    CouncilMember,
    CouncilSession,
    SessionAttendance,
    VoteMark,
)

ROLE_ORDER: dict[str, int] = {
    MemberRole.CHAIR: 0,
    MemberRole.VICE_CHAIR: 1,
    MemberRole.STANDING: 2,
    MemberRole.MEMBER: 3,
    MemberRole.SECRETARY: 4,
}


def member_sort_key(member: CouncilMember) -> tuple:
    return (ROLE_ORDER.get(member.role, 9), name_sort_key(member.person.full_name))


def council_list(*, user, within=None) -> QuerySet[Council]:
    return Council.objects.visible_to(user, VIEW).select_related("commune")


def session_list(*, user, within=None) -> QuerySet[CouncilSession]:
    return CouncilSession.objects.visible_to(user, VIEW).select_related(
        "council__commune", "review_round", "minutes_number"
    )


def active_members(council: Council, day: date) -> list[CouncilMember]:
    members = [
        member
        for member in CouncilMember.objects.filter(council=council).select_related("person", "user")
        if member.active_on(day)
    ]
    return sorted(members, key=member_sort_key)


def attendance_rows(session: CouncilSession) -> list[SessionAttendance]:
    rows = list(
        SessionAttendance.objects.filter(session=session).select_related("member__person", "member__user")
    )
    return sorted(rows, key=lambda row: member_sort_key(row.member))


def agenda(session: CouncilSession) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(session=session)
        .select_related("nomination__person", "nomination__unit", "nomination__household")
        .order_by("position")
    )


def voted_count(session: CouncilSession) -> int:
    return VoteMark.objects.filter(session=session).count()


def has_voted(session: CouncilSession, member: CouncilMember) -> bool:
    return VoteMark.objects.filter(session=session, member=member).exists()


def tally(session: CouncilSession) -> dict[int, tuple[int, int]]:
    """{agenda item id: (agree, disagree)} in one query."""
    rows = (
        BallotSlip.objects.filter(item__session=session)
        .values("item_id")
        .annotate(
            agree=Count("id", filter=Q(choice=Choice.AGREE)),
            disagree=Count("id", filter=Q(choice=Choice.DISAGREE)),
        )
        .order_by()
    )
    return {row["item_id"]: (row["agree"], row["disagree"]) for row in rows}


def receipt_hashes(session: CouncilSession) -> list[str]:
    """The hashes of every receipt whose ballot is in the box (the public tally)."""
    return sorted(
        BallotSlip.objects.filter(item__session=session)
        .values_list("receipt_hash", flat=True)
        .distinct()
        .order_by()
    )


def receipt_counted(session: CouncilSession, digest: str) -> int:
    """How many slips (candidates) carry this receipt's hash: 0 if it is not in the box."""
    return BallotSlip.objects.filter(item__session=session, receipt_hash=digest).count()
