"""Writes of decisions, the reward register (sổ vàng) and certificate batches.

Statuses change only through the transition tables here. Issuing a decision, in one transaction:
the document number from the registry, a register number and a public token per award, the amount of each
line at the decision date, the nominations moved to "decided" and an ``AwardRecord`` per recipient (so the
subject's history and next year's eligibility see the award). Anything refused leaves the database as it was.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.choices import DECIDE, REVIEW
from thidua.commendations import engine
from thidua.commendations.models import AwardRecord
from thidua.commendations.rules import province_slug, ruleset_for
from thidua.commendations.selectors import cash_total
from thidua.core.models import Lock
from thidua.core.scoping import can
from thidua.core.services import audited_delete, audited_save, move_status, require
from thidua.decisions.choices import BatchMode, BatchStatus, DecisionKind, DecisionStatus
from thidua.decisions.models import CertificateBatch, Decision, DecisionEntry, RewardRegisterEntry
from thidua.documents.models import DocumentNumber
from thidua.documents.render.builders.common import lower_first
from thidua.documents.responses import ascii_filename
from thidua.documents.services import document_number_issue
from thidua.nominations import checks as nomination_checks
from thidua.nominations import services as nominations
from thidua.nominations.choices import NominationStatus, RoundStatus
from thidua.nominations.models import Nomination, ReviewRound

D = DecisionStatus

DECISION_TRANSITIONS: dict[str, set[str]] = {
    D.DRAFT: {D.ISSUED},
    D.ISSUED: {D.SIGNED},
    D.SIGNED: set(),
}

BATCH_TRANSITIONS: dict[str, set[str]] = {
    BatchStatus.QUEUED: {BatchStatus.RUNNING, BatchStatus.FAILED},
    BatchStatus.RUNNING: {BatchStatus.DONE, BatchStatus.FAILED},
    BatchStatus.DONE: set(),
    BatchStatus.FAILED: set(),
}

#: Who grants a code at commune level (the engine's ``granted_by``); other codes go up in a proposal.
COMMUNE_GRANTOR = "chu_tich_ubnd_xa"
SYMBOLS = {DecisionKind.DECISION: ("QĐ", "QĐ-UBND"), DecisionKind.PROPOSAL: ("TTr", "TTr-UBND")}
DRAFT_FIELDS = ("title", "signer_name", "signer_capacity", "legal_bases", "addressee")
OFFSET_LIMIT = Decimal(50)

DEFAULT_LEGAL_BASES = "\n".join(
    [
        "Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp "
        "thẩm quyền, trình tự, thủ tục và chi tiết một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng xã;",
    ]
)


def _move(decision: Decision, to_status: str) -> None:
    move_status(
        decision, to_status, DECISION_TRANSITIONS, _("A decision cannot go from “%(from)s” to “%(to)s”.")
    )


def _move_batch(batch: CertificateBatch, to_status: str) -> None:
    move_status(
        batch, to_status, BATCH_TRANSITIONS, _("A certificate batch cannot go from “%(from)s” to “%(to)s”.")
    )


def locked(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("review_round__commune", "document_number")
        .get(pk=decision.pk)
    )


def rules_at(review_round: ReviewRound, day: date) -> engine.RuleSet:
    return ruleset_for(day, province_slug(review_round.commune))


def granted_by_commune(code: str, rules: engine.RuleSet) -> bool:
    title = rules.titles.get(code)
    return title is not None and title.granted_by == COMMUNE_GRANTOR


def _require_drafter(actor, decision_or_round) -> None:
    """The commune officer prepares the draft; the chairman may too."""
    if not (can(actor, REVIEW, decision_or_round) or can(actor, DECIDE, decision_or_round)):
        raise PermissionDenied(_("You do not have permission for this action."))


def _check_window(review_round: ReviewRound, day: date) -> None:
    if not nominations.disclosure_over(review_round, day):
        if review_round.disclosure_ends_on is None:
            raise ValidationError(
                _("The nominee list of this round has not been published for comments yet.")
            )
        raise ValidationError(
            _("The disclosure window ends on %(date)s; a decision can only be made after it.")
            % {"date": review_round.disclosure_ends_on.strftime("%d/%m/%Y")}
        )


# --- Drafts -----------------------------------------------------------------------------------------------


def default_title(kind: str, review_round: ReviewRound) -> str:
    if kind == DecisionKind.PROPOSAL:
        return f"Đề nghị khen thưởng thành tích năm {review_round.year}"
    return f"Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm {review_round.year}"


def default_addressee(review_round: ReviewRound) -> str:
    commune = review_round.commune
    parent = commune.parent
    return f"Ủy ban nhân dân {lower_first(parent.name)}" if parent is not None else ""


@transaction.atomic
def decision_create(
    *,
    actor,
    review_round: ReviewRound,
    kind: str = DecisionKind.DECISION,
    data: dict[str, Any] | None = None,
    today: date | None = None,
) -> Decision:
    """A draft with every nomination the council passed in the round that this kind covers: the titles the
    commune chairman grants for a decision, the others for a proposal to the higher level."""
    review_round = nominations.locked_round(review_round)
    _require_drafter(actor, review_round.commune)
    today = today or timezone.localdate()
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": _("Choose a decision or a proposal.")})
    _check_window(review_round, today)
    rules = rules_at(review_round, today)
    passed = (
        Nomination.objects.select_for_update(of=("self",))
        .filter(review_round=review_round, status=NominationStatus.VOTED, decision_entry__isnull=True)
        .order_by("pk")
    )
    wanted = [n for n in passed if granted_by_commune(n.code, rules) == (kind == DecisionKind.DECISION)]
    if not wanted:
        if kind == DecisionKind.DECISION:
            raise ValidationError(
                _("No nomination passed by the council is waiting for the chairman's decision in this round.")
            )
        raise ValidationError(
            _(
                "No nomination passed by the council is waiting to be proposed to the higher level in this round."
            )
        )
    data = dict(data or {})
    decision = Decision(review_round=review_round, kind=kind)
    decision.title = default_title(kind, review_round)
    decision.legal_bases = DEFAULT_LEGAL_BASES
    if kind == DecisionKind.PROPOSAL:
        decision.addressee = default_addressee(review_round)
    for name, value in data.items():
        if name in DRAFT_FIELDS and value not in (None, ""):
            setattr(decision, name, value)
    audited_save(decision, actor=actor, reason=_("Draft prepared from the council's result."))
    for index, nomination in enumerate(wanted):
        audited_save(DecisionEntry(decision=decision, nomination=nomination, position=index), actor=actor)
    return decision


@transaction.atomic
def decision_update(*, actor, decision: Decision, data: dict[str, Any]) -> Decision:
    decision = locked(decision)
    _require_drafter(actor, decision)
    if decision.status != D.DRAFT:
        raise ValidationError(_("Only a draft can be changed."))
    for name, value in data.items():
        if name in DRAFT_FIELDS:
            setattr(decision, name, value)
    audited_save(decision, actor=actor)
    return decision


@transaction.atomic
def decision_delete(*, actor, decision: Decision) -> None:
    """A draft can be thrown away (its nominations wait for another draft)."""
    decision = locked(decision)
    _require_drafter(actor, decision)
    if decision.status != D.DRAFT:
        raise ValidationError(_("Only a draft can be deleted; an issued decision stays on record."))
    for entry in decision.entries.all():
        audited_delete(entry, actor=actor)
    audited_delete(decision, actor=actor, reason=_("Draft deleted."))


# --- Issue --------------------------------------------------------------------------------------------------


def _take_number(*, actor, decision: Decision, kind: str, symbol: str, year: int) -> DocumentNumber:
    """The next number of the commune's register, taken with the chairman's right to decide."""
    return document_number_issue(
        actor=actor,
        issuer=decision.review_round.commune,
        kind=kind,
        symbol=symbol,
        year=year,
        title=decision.title[:500],
        target=decision,
        action=DECIDE,
    )


def eligibility_checks(rules: engine.RuleSet) -> list[Callable[[Nomination], None]]:
    """What is checked again for each nominee when the decision is issued: the engine's eligibility
    (a discipline recorded since the council voted stops the award)."""
    return [lambda nomination: nomination_checks.check_eligible(nomination, rules)]


def _entries(decision: Decision) -> list[DecisionEntry]:
    return list(
        decision.entries.select_related(
            "nomination__person__unit",
            "nomination__unit",
            "nomination__household__village",
            "nomination__review_round",
        ).order_by("position", "pk")
    )


def _prepare_issue(
    actor, decision: Decision, kind: str, today: date | None, checks
) -> tuple[Decision, list, date]:
    decision = locked(decision)
    require(actor, DECIDE, decision)
    if decision.kind != kind:
        raise ValidationError(
            _("This is a proposal to the higher level; issue it as a proposal.")
            if decision.is_proposal
            else _("This is the chairman's decision; issue it as a decision.")
        )
    if decision.status != D.DRAFT:
        raise ValidationError(
            _("%(number)s has already been issued; it cannot be issued again.")
            % {"number": decision.number_text}
        )
    _move(decision, D.ISSUED)
    day = today or timezone.localdate()
    review_round = nominations.locked_round(decision.review_round)
    _check_window(review_round, day)
    entries = _entries(decision)
    if not entries:
        raise ValidationError(_("The decision lists no nominee."))
    rules = rules_at(review_round, day)
    problems = []
    for entry in entries:
        nomination = entry.nomination
        if nomination.status != NominationStatus.VOTED:
            problems.append(
                _("%(subject)s: the nomination is “%(status)s”, not passed by the council.")
                % {"subject": nomination.subject, "status": NominationStatus(nomination.status).label}
            )
            continue
        if kind == DecisionKind.DECISION and not granted_by_commune(nomination.code, rules):
            problems.append(
                _(
                    "%(subject)s: %(title)s is not granted by the commune chairman; propose it to the higher level."
                )
                % {
                    "subject": nomination.subject,
                    "title": nomination_checks.code_name(nomination.code, rules),
                }
            )
            continue
        for check in eligibility_checks(rules) if checks is None else checks:
            try:
                check(nomination)
            except ValidationError as error:
                problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    return decision, entries, day


def _close_round(actor, review_round: ReviewRound, reason: str) -> None:
    review_round.refresh_from_db()
    waiting = Nomination.objects.filter(review_round=review_round, status=NominationStatus.VOTED).exists()
    if review_round.status == RoundStatus.VOTED and not waiting:
        nominations.round_mark(
            actor=actor, review_round=review_round, status=RoundStatus.CLOSED, reason=reason
        )


def register_lock_name(commune_id: int, year: int) -> str:
    return f"decisions.register:{commune_id}:{year}"


def _issuer_text(decision: Decision) -> str:
    return f"Chủ tịch UBND {decision.review_round.commune.name}"


@transaction.atomic
def decision_issue(*, actor, decision: Decision, today: date | None = None, checks=None) -> Decision:
    """Issue the chairman's decision: number QĐ-UBND, register numbers, amounts, awards on record.

    ``checks`` (callables raising ValidationError) default to the engine's eligibility at the decision date.
    """
    decision, entries, day = _prepare_issue(actor, decision, DecisionKind.DECISION, today, checks)
    review_round = decision.review_round
    commune = review_round.commune
    from thidua.decisions.documents import annex_order

    entries = annex_order(entries, rules_at(review_round, day))
    number = _take_number(actor=actor, decision=decision, kind="QĐ", symbol="QĐ-UBND", year=day.year)
    decision.document_number = number
    decision.number_text = f"{number.number:02d}/{number.symbol}"
    decision.decided_on = day
    decision.issued_at = timezone.now()
    decision.issued_by = actor if getattr(actor, "pk", None) else None
    summary = cash_total(
        [(e.nomination.code, e.nomination.subject_kind) for e in entries],
        day,
        province=province_slug(commune),
    )
    amounts = {(line.code, line.kind): line.amount for line in summary.lines}
    from thidua.commendations.choices import ENGINE_KIND, SubjectKind

    Lock.acquire(register_lock_name(commune.pk, day.year))
    last = (
        RewardRegisterEntry.objects.filter(commune=commune, year=day.year).aggregate(last=Max("number"))[
            "last"
        ]
        or 0
    )
    reason = _("Decision %(number)s.") % {"number": decision.number_text}
    issuer = _issuer_text(decision)
    for index, entry in enumerate(entries):
        nomination = entry.nomination
        award = AwardRecord(
            person=nomination.person,
            unit=nomination.unit,
            household=nomination.household,
            year=review_round.year,
            code=nomination.code,
            decision_number=decision.number_text,
            decision_date=day,
            issuer=issuer,
        )
        audited_save(award, actor=actor, reason=reason)
        entry.position = index
        entry.amount = amounts.get((nomination.code, ENGINE_KIND[SubjectKind(nomination.subject_kind)]))
        entry.award = award
        audited_save(entry, actor=actor, reason=reason)
        audited_save(
            RewardRegisterEntry(commune=commune, year=day.year, number=last + index + 1, entry=entry),
            actor=actor,
            reason=reason,
        )
        nominations.nomination_decide(actor=actor, nomination=nomination, reason=reason)
    audited_save(decision, actor=actor, reason=reason)
    _close_round(actor, review_round, reason)
    return decision


@transaction.atomic
def proposal_issue(*, actor, decision: Decision, today: date | None = None, checks=None) -> Decision:
    """Issue the commune's proposal (TTr-UBND) to the higher level and keep its dossier bundle (zip)."""
    decision, entries, day = _prepare_issue(
        actor, decision, DecisionKind.PROPOSAL, today, checks=checks if checks is not None else ()
    )
    review_round = decision.review_round
    number = _take_number(actor=actor, decision=decision, kind="TTr", symbol="TTr-UBND", year=day.year)
    decision.document_number = number
    decision.number_text = f"{number.number:02d}/{number.symbol}"
    decision.decided_on = day
    decision.issued_at = timezone.now()
    decision.issued_by = actor if getattr(actor, "pk", None) else None
    reason = _("Proposal %(number)s sent to the higher level.") % {"number": decision.number_text}
    for entry in entries:
        nominations.nomination_propose(actor=actor, nomination=entry.nomination, reason=reason)
    from thidua.decisions.documents import dossier_bundle

    data = dossier_bundle(decision)
    decision.bundle.save(
        ascii_filename(f"ho-so-{decision.number_text}") + ".zip", ContentFile(data), save=False
    )
    audited_save(decision, actor=actor, reason=reason)
    _close_round(actor, review_round, reason)
    return decision


def issue(*, actor, decision: Decision, today: date | None = None, checks=None) -> Decision:
    if decision.is_proposal:
        return proposal_issue(actor=actor, decision=decision, today=today, checks=checks)
    return decision_issue(actor=actor, decision=decision, today=today, checks=checks)


# --- Digital signature --------------------------------------------------------------------------------------


def signing_settings() -> tuple[str, bytes | None]:
    """The PKCS#12 file and its password (settings ``THIDUA_SIGNING_P12``, ``THIDUA_SIGNING_P12_PASSWORD``)."""
    path = settings.THIDUA_SIGNING_P12
    password = settings.THIDUA_SIGNING_P12_PASSWORD
    return str(path or ""), password.encode() if password else None


@transaction.atomic
def decision_sign(*, actor, decision: Decision, pdf: bytes | None = None) -> Decision:
    """Sign the issued document's PDF (PAdES) with the certificate configured on the server."""
    decision = locked(decision)
    require(actor, DECIDE, decision)
    _move(decision, D.SIGNED)
    path, password = signing_settings()
    if not path:
        raise ValidationError(
            _(
                "No signing certificate is configured on the server; ask the administrator to set THIDUA_SIGNING_P12."
            )
        )
    if not os.path.exists(path):
        raise ValidationError(_("The configured signing certificate file cannot be found."))
    from thidua.decisions import signing
    from thidua.decisions.documents import document_pdf

    source = pdf if pdf is not None else document_pdf(decision)
    signed = signing.sign_pdf(
        source,
        p12_path=path,
        password=password,
        reason=decision.number_text,
        location=decision.review_round.commune.name,
    )
    decision.signed_pdf.save(
        ascii_filename(f"{decision.number_text}-ky-so") + ".pdf", ContentFile(signed), save=False
    )
    audited_save(decision, actor=actor, reason=_("Digitally signed."))
    return decision


# --- Certificates ----------------------------------------------------------------------------------------------


def _offset(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except Exception as error:
        raise ValidationError({field: _("Enter a number of millimetres.")}) from error
    if not number.is_finite() or abs(number) > OFFSET_LIMIT:
        raise ValidationError({field: _("Offsets must be between -50 and 50 mm.")})
    return number


@transaction.atomic
def batch_create(
    *,
    actor,
    decision: Decision,
    mode: str = BatchMode.FULL,
    offset_x_mm=0,
    offset_y_mm=0,
    base_url: str = "",
    run: bool = True,
) -> CertificateBatch:
    """Queue the printing of every certificate of an issued decision (the task runs after the commit)."""
    decision = locked(decision)
    _require_drafter(actor, decision)
    if decision.is_proposal:
        raise ValidationError(
            _("Certificates are printed from the chairman's decision, not from a proposal.")
        )
    if decision.status == D.DRAFT:
        raise ValidationError(_("Certificates can be printed only after the decision is issued."))
    if mode not in BatchMode.values:
        raise ValidationError({"mode": _("Choose how to print.")})
    batch = CertificateBatch(
        decision=decision,
        mode=mode,
        offset_x_mm=_offset(offset_x_mm, "offset_x_mm"),
        offset_y_mm=_offset(offset_y_mm, "offset_y_mm"),
        total=decision.entries.count(),
        base_url=base_url.rstrip("/"),
        requested_by=actor if getattr(actor, "pk", None) else None,
    )
    audited_save(batch, actor=actor, reason=_("Certificates queued for printing."))
    if run:
        from thidua.decisions.tasks import make_certificates

        transaction.on_commit(lambda: make_certificates.enqueue(batch.pk))
    return batch


def batch_start(batch_id: int) -> CertificateBatch | None:
    """The worker takes the batch (queued -> running); None if someone else already did."""
    with transaction.atomic():
        batch = CertificateBatch.objects.select_for_update().get(pk=batch_id)
        if batch.status != BatchStatus.QUEUED:
            return None
        _move_batch(batch, BatchStatus.RUNNING)
        batch.done = 0
        audited_save(batch, actor=None, reason=_("Printing started."))
    return batch


def batch_progress(batch_id: int, done: int) -> None:
    """A cheap progress update (no history row)."""
    CertificateBatch.objects.filter(pk=batch_id, status=BatchStatus.RUNNING).update(done=done)


@transaction.atomic
def batch_finish(batch_id: int, *, pdf: bytes | None, error: str = "") -> CertificateBatch:
    batch = (
        CertificateBatch.objects.select_for_update(of=("self",)).select_related("decision").get(pk=batch_id)
    )
    if pdf is not None:
        _move_batch(batch, BatchStatus.DONE)
        batch.done = batch.total
        name = ascii_filename(f"giay-khen-{batch.decision.number_text}-{batch.pk}") + ".pdf"
        batch.file.save(name, ContentFile(pdf), save=False)
        audited_save(batch, actor=None, reason=_("Certificates printed."))
    else:
        _move_batch(batch, BatchStatus.FAILED)
        batch.error = error[:2000]
        audited_save(batch, actor=None, reason=_("Printing failed."))
    return batch


def awards_of(entries: Iterable[DecisionEntry]) -> list[DecisionEntry]:
    return [entry for entry in entries if entry.award_id]
