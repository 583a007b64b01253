"""Writes of the council: setup, sessions (a transition table) and the secret ballot.

A session goes draft -> open -> closed -> counted, only through ``SESSION_TRANSITIONS``. Ballots are
written as one ``VoteMark`` (that the member voted) and one ``BallotSlip`` per candidate (what was chosen,
with nothing linking it to the member); the member keeps a random receipt code whose hash the slips carry.
"""

from __future__ import annotations

import hashlib
import math
import random
import secrets
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from thidua.accounts.choices import REVIEW
from thidua.core.scoping import can
from thidua.core.services import audited_save, move_status, require
from thidua.council.choices import Attendance, Channel, Choice, MemberRole, SessionStatus
from thidua.council.models import (
    AgendaItem,
    BallotSlip,
    Council,
    CouncilMember,
    CouncilSession,
    SessionAttendance,
    VoteMark,
    VoteThreshold,
)
from thidua.council.selectors import active_members, tally
from thidua.documents.render.builders.common import lower_first
from thidua.nominations import services as nominations
from thidua.nominations.choices import NominationStatus, RoundStatus
from thidua.nominations.models import ReviewRound

St = SessionStatus

SESSION_TRANSITIONS: dict[str, set[str]] = {
    St.DRAFT: {St.OPEN},
    St.OPEN: {St.CLOSED},
    St.CLOSED: {St.COUNTED},
    St.COUNTED: set(),
}

#: Default thresholds (DOMAIN §5): CSTĐCS needs ≥ 80% of ALL members; other titles a majority (> 50%).
DEFAULT_THRESHOLDS: list[tuple[str, Decimal, bool]] = [
    ("chien_si_thi_dua_co_so", Decimal(80), True),
    ("lao_dong_tien_tien", Decimal(50), False),
    ("tap_the_lao_dong_tien_tien", Decimal(50), False),
    ("tap_the_lao_dong_xuat_sac", Decimal(50), False),
    ("gia_dinh_van_hoa", Decimal(50), False),
    ("thon_van_hoa", Decimal(50), False),
    ("giay_khen_chu_tich_xa", Decimal(50), False),
    ("chien_si_thi_dua_tinh", Decimal(50), False),
    ("bang_khen_chu_tich_tinh", Decimal(50), False),
]
MAJORITY = (Decimal(50), False)

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
MEMBER_FIELDS = ("person", "user", "role", "position", "active_from", "active_to")
COUNCIL_FIELDS = ("name", "quorum_percent", "series_symbol")


# --- helpers ------------------------------------------------------------------------------------------------


def _move(session: CouncilSession, to_status: str) -> None:
    move_status(
        session, to_status, SESSION_TRANSITIONS, _("A council session cannot go from “%(from)s” to “%(to)s”.")
    )


def _locked(session: CouncilSession) -> CouncilSession:
    return (
        CouncilSession.objects.select_for_update()
        .select_related("council__commune", "review_round__commune")
        .get(pk=session.pk)
    )


def is_secretary(user, session: CouncilSession) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(
        member.role == MemberRole.SECRETARY and member.user_id == user.pk
        for member in active_members(session.council, session.held_on)
    )


def require_manager(actor, session: CouncilSession) -> None:
    """The commune officer (review over the commune) or the council's secretary runs a session."""
    if not (can(actor, REVIEW, session) or is_secretary(actor, session)):
        raise PermissionDenied(_("You do not have permission for this action."))


def votes_needed(total: int, percent: Decimal, inclusive: bool) -> int:
    """Votes needed out of ``total`` members: ≥ p% rounds up (80% of 9 = 7.2 -> 8); > p% is floor + 1."""
    share = Decimal(percent) * total / 100
    return math.ceil(share) if inclusive else math.floor(share) + 1


def percent_of(votes: int, total: int) -> Decimal:
    if not total:
        return Decimal("0.00")
    return (Decimal(votes) * 100 / total).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def threshold_for(council: Council, code: str) -> tuple[Decimal, bool]:
    row = VoteThreshold.objects.filter(council=council, code=code).first()
    return (row.percent, row.inclusive) if row is not None else MAJORITY


def receipt_hash(session_id: int, code: str) -> str:
    clean = "".join(char for char in code.upper() if char.isalnum())
    return hashlib.sha256(f"thidua-ballot:{session_id}:{clean}".encode()).hexdigest()


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


# --- council setup ------------------------------------------------------------------------------------------


@transaction.atomic
def council_create(*, actor, data: dict[str, Any]) -> Council:
    council = Council(**{k: v for k, v in data.items() if k in ("commune", *COUNCIL_FIELDS)})
    require(actor, REVIEW, council.commune)
    if Council.objects.filter(commune=council.commune).exists():
        raise ValidationError(_("This commune already has a council."))
    if not council.name:
        name = council.commune.name
        council.name = "Hội đồng Thi đua - Khen thưởng " + lower_first(name)
    audited_save(council, actor=actor)
    for code, percent, inclusive in DEFAULT_THRESHOLDS:
        audited_save(
            VoteThreshold(council=council, code=code, percent=percent, inclusive=inclusive), actor=actor
        )
    return council


@transaction.atomic
def council_update(*, actor, council: Council, data: dict[str, Any]) -> Council:
    council = Council.objects.select_for_update().select_related("commune").get(pk=council.pk)
    require(actor, REVIEW, council)
    for name in COUNCIL_FIELDS:
        if name in data:
            setattr(council, name, data[name])
    audited_save(council, actor=actor)
    return council


@transaction.atomic
def member_add(*, actor, council: Council, data: dict[str, Any]) -> CouncilMember:
    require(actor, REVIEW, council)
    member = CouncilMember(council=council, **{k: v for k, v in data.items() if k in MEMBER_FIELDS})
    audited_save(member, actor=actor)
    return member


@transaction.atomic
def member_update(*, actor, member: CouncilMember, data: dict[str, Any]) -> CouncilMember:
    member = CouncilMember.objects.select_for_update().select_related("council__commune").get(pk=member.pk)
    require(actor, REVIEW, member)
    for name in MEMBER_FIELDS:
        if name in data:
            setattr(member, name, data[name])
    audited_save(member, actor=actor)
    return member


@transaction.atomic
def threshold_set(
    *, actor, council: Council, code: str, percent: Decimal, inclusive: bool = True
) -> VoteThreshold:
    require(actor, REVIEW, council)
    row = VoteThreshold.objects.filter(council=council, code=code).first() or VoteThreshold(
        council=council, code=code
    )
    row.percent, row.inclusive = Decimal(percent), inclusive
    audited_save(row, actor=actor)
    return row


# --- sessions -----------------------------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    actor,
    council: Council,
    review_round: ReviewRound,
    held_on: date,
    place: str,
    starts_at: time | None = None,
) -> CouncilSession:
    require(actor, REVIEW, council)
    if review_round.commune_id != council.commune_id:
        raise ValidationError(_("The review round belongs to another commune."))
    if CouncilSession.objects.filter(review_round=review_round).exists():
        raise ValidationError(_("This review round already has a council session."))
    members = active_members(council, held_on)
    if not members:
        raise ValidationError(_("The council has no member on that date."))
    session = CouncilSession(
        council=council, review_round=review_round, held_on=held_on, place=place, starts_at=starts_at
    )
    audited_save(session, actor=actor)
    for member in members:
        audited_save(SessionAttendance(session=session, member=member), actor=actor)
    return session


@transaction.atomic
def attendance_set(
    *, actor, session: CouncilSession, member: CouncilMember, status: str
) -> SessionAttendance:
    session = _locked(session)
    require_manager(actor, session)
    if session.status not in (St.DRAFT, St.OPEN):
        raise ValidationError(_("Attendance can no longer be changed: voting is closed."))
    row = SessionAttendance.objects.select_for_update().get(session=session, member=member)
    if status not in Attendance.values:
        raise ValidationError(_("Unknown attendance."))
    if VoteMark.objects.filter(session=session, member=member).exists():
        raise ValidationError(_("This member has already voted; their attendance cannot change."))
    row.status = status
    audited_save(row, actor=actor)
    return row


def _require_window_over(session: CouncilSession, today: date | None = None) -> None:
    if not nominations.disclosure_over(session.review_round, today):
        ends = session.review_round.disclosure_ends_on
        raise ValidationError(
            _("The council cannot vote before the disclosure window ends (%(date)s).")
            % {"date": ends.strftime("%d/%m/%Y") if ends else _("not disclosed yet")}
        )


def quorum(session: CouncilSession) -> tuple[int, int, bool]:
    """(members taking part, all members, quorum reached): present + written votes over ALL members."""
    rows = list(SessionAttendance.objects.filter(session=session).values_list("status", flat=True))
    taking_part = sum(1 for status in rows if status in (Attendance.PRESENT, Attendance.WRITTEN))
    total = len(rows)
    reached = total > 0 and Decimal(taking_part) * 100 >= Decimal(session.council.quorum_percent) * total
    return taking_part, total, reached


@transaction.atomic
def session_open(*, actor, session: CouncilSession, today: date | None = None) -> CouncilSession:
    """Open the vote: after the disclosure window, with a quorum, on the round's disclosed nominations."""
    session = _locked(session)
    require_manager(actor, session)
    _move(session, St.OPEN)
    _require_window_over(session, today)
    taking_part, total, reached = quorum(session)
    if not reached:
        raise ValidationError(
            _("No quorum: %(part)s of %(total)s members take part, %(percent)s%% are needed.")
            % {"part": taking_part, "total": total, "percent": session.council.quorum_percent}
        )
    candidates = list(
        session.review_round.nominations.filter(status=NominationStatus.DISCLOSED).order_by("code", "pk")
    )
    if not candidates:
        raise ValidationError(_("There is no disclosed nomination to vote on."))
    for position, nomination in enumerate(candidates, start=1):
        audited_save(AgendaItem(session=session, nomination=nomination, position=position), actor=actor)
    audited_save(session, actor=actor, reason=_("Voting opened."))
    return session


@dataclass
class Receipt:
    code: str
    candidates: int


def _check_choices(session: CouncilSession, choices: dict[int, str]) -> list[AgendaItem]:
    items = list(AgendaItem.objects.filter(session=session))
    known = {item.pk for item in items}
    given = {int(pk) for pk in choices}
    if given - known:
        raise ValidationError(_("The ballot names a candidate who is not on the agenda."))
    if known - given:
        raise ValidationError(_("Choose agree or disagree for every candidate."))
    if any(value not in Choice.values for value in choices.values()):
        raise ValidationError(_("Choose agree or disagree for every candidate."))
    return items


def _write_ballot(
    session: CouncilSession, member: CouncilMember, choices: dict[int, str], channel: str
) -> Receipt:
    items = _check_choices(session, choices)
    code = new_receipt_code()
    digest = receipt_hash(session.pk, code)
    try:
        with transaction.atomic():
            VoteMark.objects.create(session=session, member=member)
    except IntegrityError as error:
        raise ValidationError(_("This member has already voted in this session.")) from error
    picked = {int(pk): value for pk, value in choices.items()}
    slips = [
        BallotSlip(item=item, choice=picked[item.pk], channel=channel, receipt_hash=digest) for item in items
    ]
    random.SystemRandom().shuffle(slips)
    BallotSlip.objects.bulk_create(slips)
    return Receipt(code=code, candidates=len(slips))


def _member_of(session: CouncilSession, user) -> CouncilMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    for member in active_members(session.council, session.held_on):
        if member.user_id == user.pk:
            return member
    return None


@transaction.atomic
def ballot_cast(*, actor, session: CouncilSession, choices: dict[int, str]) -> Receipt:
    """The member's whole ballot (agree/disagree for every candidate) in one go; nothing saved partially.

    No history is written: who voted is the ``VoteMark``, what was chosen the unlinked slips.
    """
    session = _locked(session)
    member = _member_of(session, actor)
    if member is None:
        raise PermissionDenied(_("Only a member of this council can vote in this session."))
    if session.status != St.OPEN:
        raise ValidationError(_("Voting is not open in this session."))
    _require_window_over(session)
    if VoteMark.objects.filter(session=session, member=member).exists():
        raise ValidationError(_("You have already voted in this session."))
    attendance = SessionAttendance.objects.filter(session=session, member=member).first()
    if attendance is None or attendance.status != Attendance.PRESENT:
        raise ValidationError(
            _("You are not marked present at this session; ask the secretary to record your attendance.")
        )
    return _write_ballot(session, member, choices, Channel.PHONE)


@transaction.atomic
def written_ballot_enter(
    *, actor, session: CouncilSession, member: CouncilMember, choices: dict[int, str]
) -> Receipt:
    """The secretary enters the written vote of an absent member (attendance becomes "votes in writing")."""
    session = _locked(session)
    require_manager(actor, session)
    if session.status != St.OPEN:
        raise ValidationError(_("Voting is not open in this session."))
    _require_window_over(session)
    attendance = SessionAttendance.objects.select_for_update().filter(session=session, member=member).first()
    if attendance is None:
        raise ValidationError(_("This person is not a member of the council for this session."))
    if attendance.status == Attendance.PRESENT:
        raise ValidationError(_("A member present at the session votes on their own phone."))
    if VoteMark.objects.filter(session=session, member=member).exists():
        raise ValidationError(_("This member has already voted in this session."))
    receipt = _write_ballot(session, member, choices, Channel.WRITTEN)
    if attendance.status != Attendance.WRITTEN:
        attendance.status = Attendance.WRITTEN
        audited_save(attendance, actor=actor, reason=_("Written vote of an absent member entered."))
    return receipt


@transaction.atomic
def session_close(*, actor, session: CouncilSession) -> CouncilSession:
    """Stop the vote and rewrite the slips in random order (the row order no longer follows the voters)."""
    session = _locked(session)
    require_manager(actor, session)
    _move(session, St.CLOSED)
    slips = list(BallotSlip.objects.filter(item__session=session))
    BallotSlip.objects.filter(item__session=session).delete()
    fresh = [
        BallotSlip(item_id=s.item_id, choice=s.choice, channel=s.channel, receipt_hash=s.receipt_hash)
        for s in slips
    ]
    random.SystemRandom().shuffle(fresh)
    BallotSlip.objects.bulk_create(fresh, batch_size=1000)
    session.ends_at = timezone.localtime().time().replace(second=0, microsecond=0)
    audited_save(session, actor=actor, reason=_("Voting closed."))
    return session


@transaction.atomic
def session_count(*, actor, session: CouncilSession) -> CouncilSession:
    """Count: votes in favour as a % of ALL members, passed by each title's threshold; record the results."""
    from thidua.documents.services import document_number_issue

    session = _locked(session)
    require(actor, REVIEW, session)
    _move(session, St.COUNTED)
    total = SessionAttendance.objects.filter(session=session).count()
    counts = tally(session)
    thresholds = {
        row.code: (row.percent, row.inclusive)
        for row in VoteThreshold.objects.filter(council=session.council)
    }
    items = list(AgendaItem.objects.filter(session=session).select_related("nomination"))
    results = []
    for item in items:
        agree, disagree = counts.get(item.pk, (0, 0))
        percent, inclusive = thresholds.get(item.nomination.code, MAJORITY)
        needed = votes_needed(total, percent, inclusive)
        share = percent_of(agree, total)
        item.votes_for, item.votes_against, item.percent = agree, disagree, share
        item.votes_needed, item.passed = needed, agree >= needed
        results.append((item.nomination, agree, share, agree >= needed))
    bulk_update_with_history(
        items,
        AgendaItem,
        ["votes_for", "votes_against", "percent", "votes_needed", "passed"],
        default_user=actor,
        default_change_reason=_("Votes counted."),
    )
    nominations.nomination_record_votes(actor=actor, results=results)
    review_round = session.review_round
    if review_round.status == RoundStatus.DISCLOSED:
        nominations.round_mark(
            actor=actor,
            review_round=review_round,
            status=RoundStatus.VOTED,
            reason=_("Council vote counted."),
        )
    council = session.council
    session.minutes_number = document_number_issue(
        actor=actor,
        issuer=council.commune,
        kind="BB",
        symbol=f"BB-{council.series_symbol}",
        series=council.series_symbol,
        year=session.held_on.year,
        title=f"Biên bản kiểm phiếu – {review_round.name}",
        target=session,
    )
    audited_save(session, actor=actor, reason=_("Votes counted."))
    return session


def session_next_steps(session: CouncilSession) -> list[str]:
    return sorted(SESSION_TRANSITIONS.get(session.status, set()))
