"""Writes of review rounds and nominations. Status fields change only through the transition tables here.

The council records its vote with ``nomination_record_votes``; the decisions app closes a nomination with
``nomination_decide`` (the chairman's decision) or ``nomination_propose`` (sent up to the province).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from thidua.accounts.choices import DECIDE, REVIEW
from thidua.core.scoping import CHANGE
from thidua.core.services import audited_delete, audited_save, move_status, require
from thidua.core.vietnamese.calendar import WorkCalendar
from thidua.nominations import checks
from thidua.nominations.choices import CommentStatus, DossierPartKind, NominationStatus, RoundStatus
from thidua.nominations.models import DisclosureComment, DossierPart, Nomination, ReviewRound

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
    move_status(
        nomination,
        to_status,
        NOMINATION_TRANSITIONS,
        _("A nomination cannot go from “%(from)s” to “%(to)s”."),
    )


def _move_round(review_round: ReviewRound, to_status: str) -> None:
    move_status(
        review_round, to_status, ROUND_TRANSITIONS, _("A review round cannot go from “%(from)s” to “%(to)s”.")
    )


def locked(nomination: Nomination) -> Nomination:
    """The nomination's row, locked for the rest of the transaction, with what scoping reads.

    Only the nomination's own row is locked (``of=("self",)``): PostgreSQL refuses FOR UPDATE on the
    nullable side of the outer joins the subject needs.
    """
    return (
        Nomination.objects.select_for_update(of=("self",))
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


def nominations_closed(review_round: ReviewRound, today: date | None = None) -> bool:
    return (today or timezone.localdate()) > review_round.nominations_due


def accept_checks(review_round: ReviewRound) -> list:
    return checks.accept_checks(checks.rules_for(review_round))


def disclosure_open(review_round: ReviewRound, today: date | None = None) -> bool:
    """Comments are taken from the first to the last day of the window, both included."""
    today = today or timezone.localdate()
    return (
        review_round.status == RoundStatus.DISCLOSED
        and review_round.disclosed_from is not None
        and review_round.disclosure_ends_on is not None
        and review_round.disclosed_from <= today <= review_round.disclosure_ends_on
    )


def disclosure_over(review_round: ReviewRound, today: date | None = None) -> bool:
    """The council may vote only after the last day of the window."""
    ends = review_round.disclosure_ends_on
    return ends is not None and (today or timezone.localdate()) > ends


# --- Nominations: the unit's part -------------------------------------------------------------------------


@transaction.atomic
def nomination_create(*, actor, data: dict[str, Any]) -> Nomination:
    nomination = Nomination(**data)
    require(actor, CHANGE, nomination)
    require(actor, CHANGE, nomination.proposing_unit)
    review_round = nomination.review_round = locked_round(nomination.review_round)
    if review_round.status != RoundStatus.OPEN:
        raise ValidationError(_("This review round no longer takes nominations."))
    if not nomination.proposing_unit.path.startswith(review_round.commune.path):
        raise ValidationError({"proposing_unit": _("The proposing unit must belong to the round's commune.")})
    if not nomination.org_path().startswith(review_round.commune.path):
        raise ValidationError(_("The nominee must belong to the round's commune."))
    checks.check_code(nomination, checks.rules_for(review_round))
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
    require(actor, CHANGE, nomination.proposing_unit)
    checks.check_code(nomination, checks.rules_for(nomination.review_round))
    audited_save(nomination, actor=actor, reason=reason)
    return nomination


@transaction.atomic
def nomination_submit(*, actor, nomination: Nomination, today: date | None = None) -> Nomination:
    """Send to the commune, on or before the round's due date. Submitting twice changes nothing."""
    nomination = locked(nomination)
    require(actor, CHANGE, nomination)
    if nomination.status == S.SUBMITTED:
        return nomination
    review_round = nomination.review_round
    today = today or timezone.localdate()
    if review_round.status in (RoundStatus.VOTED, RoundStatus.CLOSED):
        raise ValidationError(_("This review round no longer takes nominations."))
    if nominations_closed(review_round, today):
        raise ValidationError(
            _("Nominations for this round were due on %(date)s; it is too late to submit.")
            % {"date": review_round.nominations_due.strftime("%d/%m/%Y")}
        )
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
def nomination_accept(*, actor, nomination: Nomination, checks=None) -> Nomination:
    """Accept into the round's list. ``checks`` are callables raising ValidationError; by default the
    dossier's required parts, the registration for a title under a plan and the engine's eligibility."""
    nomination = locked(nomination)
    require(actor, REVIEW, nomination)
    if nomination.status != S.SUBMITTED:
        _move(nomination, S.ACCEPTED)  # refuses with the transition's message
    if checks is None:
        checks = accept_checks(nomination.review_round)
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
def nomination_record_votes(
    *, actor, results: Iterable[tuple[Nomination, int, Decimal, bool]]
) -> list[Nomination]:
    """The council's results, ``(nomination, votes for, % of all members, passed)`` for each nominee of a
    session: every row locked and checked before any is written, then one update and one history insert."""
    results = list(results)
    rows = {
        row.pk: row
        for row in Nomination.objects.select_for_update(of=("self",)).filter(
            pk__in=[nomination.pk for nomination, *_ in results]
        )
    }
    changed = []
    for nomination, votes_for, percent, passed in results:
        row = rows[nomination.pk]
        _move(row, S.VOTED if passed else S.NOT_PASSED)
        row.votes_for, row.vote_percent, row.updated_at = votes_for, percent, timezone.now()
        reason = _("Council vote: %(votes)s in favour (%(percent)s%% of all members).")
        row._change_reason = reason % {"votes": votes_for, "percent": percent}  # type: ignore[attr-defined]
        changed.append(row)
    bulk_update_with_history(
        changed, Nomination, ["status", "votes_for", "vote_percent", "updated_at"], default_user=actor
    )
    return changed


def nomination_record_vote(
    *, actor, nomination: Nomination, votes_for: int, percent: Decimal, passed: bool
) -> Nomination:
    """One nominee's result (see ``nomination_record_votes``)."""
    return nomination_record_votes(actor=actor, results=[(nomination, votes_for, percent, passed)])[0]


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


# --- Rounds: settings ---------------------------------------------------------------------------------------

ROUND_FIELDS = ("name", "kind", "year", "plan", "nominations_due", "disclosure_days")


@transaction.atomic
def round_update(*, actor, review_round: ReviewRound, data: dict[str, Any]) -> ReviewRound:
    review_round = locked_round(review_round)
    require(actor, REVIEW, review_round.commune)
    if review_round.status not in (RoundStatus.OPEN, RoundStatus.REVIEWING):
        raise ValidationError(_("A round already disclosed can no longer be changed."))
    for name, value in data.items():
        if name in ROUND_FIELDS:
            setattr(review_round, name, value)
    audited_save(review_round, actor=actor)
    return review_round


# --- Dossier parts ------------------------------------------------------------------------------------------

#: The unit (or the commune officer) may still complete the dossier in these states.
DOSSIER_EDITABLE = (S.DRAFT, S.RETURNED, S.SUBMITTED)
GENERATED = (DossierPartKind.PROPOSAL, DossierPartKind.ACHIEVEMENT_REPORT)
UPLOADED = (DossierPartKind.MEETING_MINUTES, DossierPartKind.EVIDENCE)
MAX_UPLOAD_MB = 10


def _dossier_open(actor, nomination: Nomination) -> Nomination:
    nomination = locked(nomination)
    require(actor, CHANGE, nomination)
    if nomination.status not in DOSSIER_EDITABLE:
        raise ValidationError(_("The dossier can no longer be changed once the nomination is accepted."))
    return nomination


@transaction.atomic
def dossier_part_draft(*, actor, nomination: Nomination, kind: str, replace: bool = False) -> DossierPart:
    """Write the draft of a generated part (tờ trình, báo cáo thành tích) from the data on record.

    An existing part keeps its edited text unless ``replace`` is given.
    """
    from thidua.nominations import dossier

    nomination = _dossier_open(actor, nomination)
    if kind not in GENERATED:
        raise ValidationError(_("Only the submission and the achievement report are drafted from the data."))
    part = nomination.parts.filter(kind=kind).order_by("pk").first()
    if part is not None and not replace:
        return part
    part = part or DossierPart(nomination=nomination, kind=kind)
    part.title, part.text = dossier.draft(nomination, kind)
    audited_save(part, actor=actor, reason=_("Draft written from the data on record."))
    return part


@transaction.atomic
def dossier_part_update(*, actor, part: DossierPart, title: str, text: str) -> DossierPart:
    nomination = _dossier_open(actor, part.nomination)
    part = DossierPart.objects.select_for_update().get(pk=part.pk, nomination=nomination)
    if not text.strip() and not part.file:
        raise ValidationError({"text": _("The text cannot be empty.")})
    part.title, part.text = title.strip(), text
    audited_save(part, actor=actor)
    return part


def check_upload(upload) -> str:
    """The upload's real type (pdf, jpg, png, docx, xlsx) from its content, within the size limit."""
    from thidua.reporting.services import ALLOWED_EVIDENCE, upload_kind

    if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(
            {"file": _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_MB}}, code="too_large"
        )
    kind = upload_kind(upload)
    if kind not in ALLOWED_EVIDENCE:
        raise ValidationError(
            {"file": _("Only PDF, JPG, PNG, Word (.docx) and Excel (.xlsx) files are accepted.")}, code="kind"
        )
    return kind


@transaction.atomic
def dossier_part_upload(*, actor, nomination: Nomination, kind: str, upload, title: str = "") -> DossierPart:
    nomination = _dossier_open(actor, nomination)
    if kind not in DossierPartKind.values:
        raise ValidationError({"kind": _("Choose the kind of the dossier part.")})
    check_upload(upload)
    part = DossierPart(nomination=nomination, kind=kind, title=(title or upload.name)[:255])
    part.file.save(upload.name, upload, save=False)
    audited_save(part, actor=actor, reason=_("File attached."))
    return part


@transaction.atomic
def dossier_part_delete(*, actor, part: DossierPart) -> None:
    _dossier_open(actor, part.nomination)
    if part.file:
        part.file.delete(save=False)
    audited_delete(part, actor=actor)


# --- Public comments during the disclosure window ---------------------------------------------------------

COMMENT_FIELDS = ("author_name", "contact", "text", "nomination")


@transaction.atomic
def comment_submit(*, review_round: ReviewRound, data: dict[str, Any], today: date | None = None):
    """A citizen's comment (no login): taken only while the window is open, then waits for moderation."""
    review_round = locked_round(review_round)
    if not disclosure_open(review_round, today):
        raise ValidationError(
            _("The period for comments on this list is closed; your comment was not saved.")
        )
    comment = DisclosureComment(
        review_round=review_round, **{name: data[name] for name in COMMENT_FIELDS if name in data}
    )
    nominee_id = comment.nomination_id
    if (
        nominee_id is not None
        and not Nomination.objects.filter(
            pk=nominee_id, review_round=review_round, status=S.DISCLOSED
        ).exists()
    ):
        raise ValidationError({"nomination": _("Choose a nominee from the published list.")})
    audited_save(comment, actor=None, reason=_("Comment sent from the portal."))
    return comment


@transaction.atomic
def comment_moderate(*, actor, comment: DisclosureComment, status: str, note: str = "") -> DisclosureComment:
    comment = (
        DisclosureComment.objects.select_for_update()
        .select_related("review_round__commune")
        .get(pk=comment.pk)
    )
    require(actor, REVIEW, comment.review_round.commune)
    if status not in (CommentStatus.PUBLISHED, CommentStatus.REJECTED):
        raise ValidationError(_("A comment is either accepted or rejected."))
    if status == CommentStatus.REJECTED and not note.strip():
        raise ValidationError({"moderator_note": _("Give the reason for rejecting the comment.")})
    comment.status = status
    comment.moderator_note = note.strip()
    comment.moderated_by = actor
    audited_save(comment, actor=actor, reason=note.strip() or str(CommentStatus(status).label))
    return comment
