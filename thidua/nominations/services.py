"""Writes of review rounds and nominations. Status fields change only through the transition tables here.

The council records its vote with ``nomination_record_vote``; the decisions app closes a nomination with
``nomination_decide`` (the chairman's decision) or ``nomination_propose`` (sent up to the province).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.choices import DECIDE, REVIEW
from thidua.core.scoping import CHANGE
from thidua.core.services import audited_save, require
from thidua.core.vietnamese.calendar import WorkCalendar
from thidua.nominations.choices import NominationStatus, RoundStatus
from thidua.nominations.models import Nomination, ReviewRound

S = NominationStatus

NOMINATION_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.RETURNED, S.ACCEPTED},
    S.RETURNED: {S.SUBMITTED},
    S.ACCEPTED: {S.DISCLOSED, S.RETURNED},
    S.DISCLOSED: {S.VOTED, S.NOT_PASSED},
    S.VOTED: {S.DECIDED, S.PROPOSED},
    S.NOT_PASSED: set(),
    S.DECIDED: set(),
    S.PROPOSED: set(),
}

#: A unit may still change its proposal in these states.
EDITABLE = (S.DRAFT, S.RETURNED)

ROUND_TRANSITIONS: dict[str, set[str]] = {
    RoundStatus.OPEN: {RoundStatus.REVIEWING},
    RoundStatus.REVIEWING: {RoundStatus.DISCLOSED, RoundStatus.OPEN},
    RoundStatus.DISCLOSED: {RoundStatus.VOTED},
    RoundStatus.VOTED: {RoundStatus.CLOSED},
    RoundStatus.CLOSED: set(),
}

NOMINATION_FIELDS = ("code", "category", "field_of_work", "position", "summary", "proposing_unit")


def _move(nomination: Nomination, to_status: str) -> None:
    if to_status not in NOMINATION_TRANSITIONS.get(nomination.status, set()):
        raise ValidationError(
            _("A nomination cannot go from “%(from)s” to “%(to)s”.")
            % {"from": S(nomination.status).label, "to": S(to_status).label}
        )
    nomination.status = to_status


def _move_round(review_round: ReviewRound, to_status: str) -> None:
    if to_status not in ROUND_TRANSITIONS.get(review_round.status, set()):
        raise ValidationError(
            _("A review round cannot go from “%(from)s” to “%(to)s”.")
            % {"from": RoundStatus(review_round.status).label, "to": RoundStatus(to_status).label}
        )
    review_round.status = to_status


def locked(nomination: Nomination) -> Nomination:
    """The nomination's row, locked for the rest of the transaction, with what scoping reads."""
    return (
        Nomination.objects.select_for_update()
        .select_related(
            "person__unit", "unit", "household__village", "review_round__commune", "proposing_unit"
        )
        .get(pk=nomination.pk)
    )


def locked_round(review_round: ReviewRound) -> ReviewRound:
    return ReviewRound.objects.select_for_update().select_related("commune").get(pk=review_round.pk)


# --- Rounds --------------------------------------------------------------------------------------------------


@transaction.atomic
def round_create(*, actor, data: dict[str, Any]) -> ReviewRound:
    review_round = ReviewRound(**data)
    require(actor, REVIEW, review_round.commune)
    audited_save(review_round, actor=actor)
    return review_round


@transaction.atomic
def round_disclose(
    *, actor, review_round: ReviewRound, start: date | None = None, calendar: WorkCalendar | None = None
) -> ReviewRound:
    """Publish the accepted nominations for comments: the window runs ``disclosure_days`` working days."""
    review_round = locked_round(review_round)
    require(actor, REVIEW, review_round.commune)
    accepted = list(
        Nomination.objects.select_for_update().filter(review_round=review_round, status=S.ACCEPTED)
    )
    if not accepted:
        raise ValidationError(_("There is no accepted nomination to disclose."))
    if review_round.status == RoundStatus.OPEN:
        _move_round(review_round, RoundStatus.REVIEWING)
    _move_round(review_round, RoundStatus.DISCLOSED)
    start = start or timezone.localdate()
    calendar = calendar or WorkCalendar()
    review_round.disclosed_from = start
    review_round.disclosure_ends_on = calendar.add_working_days(
        start, max(review_round.disclosure_days, 1) - 1
    )
    if not calendar.is_working_day(start):
        review_round.disclosure_ends_on = calendar.add_working_days(start, review_round.disclosure_days)
    audited_save(review_round, actor=actor, reason=_("Nominee list published for comments."))
    for nomination in accepted:
        _move(nomination, S.DISCLOSED)
        audited_save(nomination, actor=actor, reason=_("Nominee list published for comments."))
    return review_round


def disclosure_over(review_round: ReviewRound, today: date | None = None) -> bool:
    """The council may vote only after the last day of the window."""
    ends = review_round.disclosure_ends_on
    return ends is not None and (today or timezone.localdate()) > ends


# --- Nominations: the unit's part -------------------------------------------------------------------------


@transaction.atomic
def nomination_create(*, actor, data: dict[str, Any]) -> Nomination:
    nomination = Nomination(**data)
    require(actor, CHANGE, nomination)
    if nomination.review_round.status != RoundStatus.OPEN:
        raise ValidationError(_("This review round no longer takes nominations."))
    audited_save(nomination, actor=actor)
    return nomination


@transaction.atomic
def nomination_update(*, actor, nomination: Nomination, data: dict[str, Any], reason: str = "") -> Nomination:
    nomination = locked(nomination)
    require(actor, CHANGE, nomination)
    if nomination.status not in EDITABLE:
        raise ValidationError(_("Only a draft or a returned nomination can be changed."))
    for name, value in data.items():
        if name in NOMINATION_FIELDS:
            setattr(nomination, name, value)
    audited_save(nomination, actor=actor, reason=reason)
    return nomination


@transaction.atomic
def nomination_submit(*, actor, nomination: Nomination) -> Nomination:
    """Send to the commune. Submitting what is already submitted changes nothing."""
    nomination = locked(nomination)
    require(actor, CHANGE, nomination)
    if nomination.status == S.SUBMITTED:
        return nomination
    _move(nomination, S.SUBMITTED)
    nomination.submitted_at = timezone.now()
    nomination.return_reason = ""
    audited_save(nomination, actor=actor, reason=_("Submitted to the commune."))
    return nomination


# --- Nominations: the commune's part ----------------------------------------------------------------------


@transaction.atomic
def nomination_return(*, actor, nomination: Nomination, reason: str) -> Nomination:
    nomination = locked(nomination)
    require(actor, REVIEW, nomination)
    if not reason.strip():
        raise ValidationError(_("Give the reason for returning the nomination."))
    _move(nomination, S.RETURNED)
    nomination.return_reason = reason
    audited_save(nomination, actor=actor, reason=reason)
    return nomination


@transaction.atomic
def nomination_accept(*, actor, nomination: Nomination, checks=()) -> Nomination:
    """Accept into the round's list. ``checks`` are callables raising ValidationError (dossier, eligibility)."""
    nomination = locked(nomination)
    require(actor, REVIEW, nomination)
    for check in checks:
        check(nomination)
    _move(nomination, S.ACCEPTED)
    audited_save(nomination, actor=actor, reason=_("Accepted into the list."))
    return nomination


@transaction.atomic
def nomination_override_registration(*, actor, nomination: Nomination, justification: str) -> Nomination:
    """The chairman allows a title without a registration, with a recorded justification."""
    nomination = locked(nomination)
    require(actor, DECIDE, nomination)
    if not justification.strip():
        raise ValidationError(_("Write the justification for allowing a title without registration."))
    nomination.registration_override = justification
    audited_save(nomination, actor=actor, reason=justification)
    return nomination


# --- Hooks for the council and the decision -------------------------------------------------------------


@transaction.atomic
def nomination_record_vote(
    *, actor, nomination: Nomination, votes_for: int, percent: Decimal, passed: bool
) -> Nomination:
    """The council's result for one nominee (called by the council app when a session is counted)."""
    nomination = locked(nomination)
    _move(nomination, S.VOTED if passed else S.NOT_PASSED)
    nomination.votes_for = votes_for
    nomination.vote_percent = percent
    audited_save(
        nomination,
        actor=actor,
        reason=_("Council vote: %(votes)s in favour (%(percent)s%% of all members).")
        % {"votes": votes_for, "percent": percent},
    )
    return nomination


@transaction.atomic
def nomination_decide(*, actor, nomination: Nomination, reason: str) -> Nomination:
    nomination = locked(nomination)
    _move(nomination, S.DECIDED)
    audited_save(nomination, actor=actor, reason=reason)
    return nomination


@transaction.atomic
def nomination_propose(*, actor, nomination: Nomination, reason: str) -> Nomination:
    nomination = locked(nomination)
    _move(nomination, S.PROPOSED)
    audited_save(nomination, actor=actor, reason=reason)
    return nomination


@transaction.atomic
def round_mark(*, actor, review_round: ReviewRound, status: str, reason: str = "") -> ReviewRound:
    """Move a round on (the council marks it voted, the decision closes it)."""
    review_round = locked_round(review_round)
    _move_round(review_round, status)
    audited_save(review_round, actor=actor, reason=reason)
    return review_round
