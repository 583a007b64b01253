"""Writes to plans and registrations. Status fields change only through the transition tables here."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns import conf
from thidua.campaigns.choices import PlanKind, PlanStatus, RegistrationStatus
from thidua.campaigns.models import Assignment, Deadline, LegalBasis, Movement, Plan, Registration
from thidua.core.scoping import CHANGE, can
from thidua.core.services import audited_save, move_status, require
from thidua.core.vietnamese import WorkCalendar, format_date
from thidua.documents.render.builders.common import lower_first
from thidua.documents.services import document_number_issue
from thidua.orgs.models import OrgUnit

PLAN_TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.DRAFT: {PlanStatus.ISSUED},
    PlanStatus.ISSUED: {PlanStatus.RUNNING},
    PlanStatus.RUNNING: {PlanStatus.MID_TERM_REVIEW, PlanStatus.CLOSED},
    PlanStatus.MID_TERM_REVIEW: {PlanStatus.RUNNING, PlanStatus.CLOSED},
    PlanStatus.CLOSED: set(),
}

REGISTRATION_TRANSITIONS: dict[str, set[str]] = {
    RegistrationStatus.DRAFT: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.SUBMITTED: {RegistrationStatus.ACCEPTED, RegistrationStatus.RETURNED},
    RegistrationStatus.RETURNED: {RegistrationStatus.SUBMITTED},
    RegistrationStatus.ACCEPTED: set(),
}

#: Plans in these states take registrations (until the registration deadline).
OPEN_FOR_REGISTRATION = (PlanStatus.ISSUED, PlanStatus.RUNNING)

PLAN_FIELDS = (
    "doc_kind",
    "symbol",
    "date",
    "place",
    "issuer_name",
    "issuer_parent",
    "signer_capacity",
    "signer_position",
    "signer_name",
    "title",
    "purposes",
    "requirements",
    "recipients",
    "period_start",
    "period_end",
)


def issuer_line(unit: OrgUnit) -> str:
    """``ỦY BAN NHÂN DÂN XÃ CẨM GIANG`` for a commune; the unit's name in capitals otherwise."""
    name = unit.name
    if unit.kind in ("commune", "province", "district"):
        return f"ỦY BAN NHÂN DÂN {name}".upper()
    return name.upper()


def _plan_transition(plan: Plan, to_status: str) -> None:
    move_status(plan, to_status, PLAN_TRANSITIONS, _("A plan cannot go from “%(from)s” to “%(to)s”."))


def _locked_plan(plan: Plan) -> Plan:
    return Plan.objects.select_for_update().select_related("issuing_unit").get(pk=plan.pk)


# --- Plans -----------------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, actor, data: dict[str, Any]) -> Plan:
    plan = Plan(**data)
    if not plan.issuer_name and plan.issuing_unit_id:
        plan.issuer_name = issuer_line(plan.issuing_unit)
    plan.full_clean()
    require(actor, CHANGE, plan)
    audited_save(plan, actor=actor, validate=False)
    return plan


@transaction.atomic
def plan_update(*, actor, plan: Plan, data: dict[str, Any], reason: str = "") -> Plan:
    require(actor, CHANGE, _locked_plan(plan))
    for name, value in data.items():
        if name not in PLAN_FIELDS:
            raise ValueError(name)
        setattr(plan, name, value)
    audited_save(plan, actor=actor, reason=reason)
    return plan


@transaction.atomic
def plan_issue(*, actor, plan: Plan, today: date | None = None) -> Plan:
    """Draft -> issued: take the next number of the issuing unit's register; an undated plan is dated today."""
    locked = _locked_plan(plan)
    require(actor, CHANGE, locked)
    _plan_transition(locked, PlanStatus.ISSUED)
    locked.date = locked.date or today or timezone.localdate()
    if locked.number is not None:
        # Read from a document already signed and numbered elsewhere (the city's plan): keep its number.
        audited_save(
            locked,
            actor=actor,
            reason=_("Recorded as issued with number %(number)s") % {"number": locked.number_symbol},
        )
        return locked
    entry = document_number_issue(
        actor=actor,
        issuer=locked.issuing_unit,
        kind=locked.doc_kind,
        symbol=locked.symbol,
        year=locked.date.year,
        title=locked.title[:500],
        target=locked,
    )
    locked.number = entry.number
    locked.document_number = entry
    audited_save(locked, actor=actor, reason=_("Issued with number %(number)s") % {"number": entry})
    return locked


def _move(*, actor, plan: Plan, to_status: str, reason: str = "") -> Plan:
    locked = _locked_plan(plan)
    require(actor, CHANGE, locked)
    _plan_transition(locked, to_status)
    audited_save(locked, actor=actor, reason=reason)
    return locked


@transaction.atomic
def plan_start(*, actor, plan: Plan, reason: str = "") -> Plan:
    return _move(actor=actor, plan=plan, to_status=PlanStatus.RUNNING, reason=reason)


@transaction.atomic
def plan_review(*, actor, plan: Plan, reason: str = "") -> Plan:
    return _move(actor=actor, plan=plan, to_status=PlanStatus.MID_TERM_REVIEW, reason=reason)


@transaction.atomic
def plan_close(*, actor, plan: Plan, reason: str = "") -> Plan:
    return _move(actor=actor, plan=plan, to_status=PlanStatus.CLOSED, reason=reason)


#: The service behind each target status, for the detail page's buttons.
PLAN_STEPS = {
    PlanStatus.ISSUED: plan_issue,
    PlanStatus.RUNNING: plan_start,
    PlanStatus.MID_TERM_REVIEW: plan_review,
    PlanStatus.CLOSED: plan_close,
}


def plan_next_steps(plan: Plan) -> list[str]:
    return [status for status in PlanStatus.values if status in PLAN_TRANSITIONS[plan.status]]


# --- Rows of a plan ----------------------------------------------------------------------------------------


def _save_row(row, *, actor) -> None:
    audited_save(row, actor=actor)


def add_legal_basis(*, actor, plan: Plan, **data) -> LegalBasis:
    basis = LegalBasis(plan=plan, **data)
    _save_row(basis, actor=actor)
    return basis


def add_movement(*, actor, plan: Plan, **data) -> Movement:
    movement = Movement(plan=plan, **data)
    _save_row(movement, actor=actor)
    return movement


def add_deadline(*, actor, plan: Plan, **data) -> Deadline:
    deadline = Deadline(plan=plan, **data)
    _save_row(deadline, actor=actor)
    return deadline


def add_assignment(*, actor, plan: Plan, movements=(), **data) -> Assignment:
    assignment = Assignment(plan=plan, **data)
    _save_row(assignment, actor=actor)
    if movements:
        assignment.movements.set(movements)
    return assignment


PLAN_KIND_WORDS: dict[str, str] = {
    PlanKind.PLAN: "Kế hoạch",
    PlanKind.PROGRAMME: "Chương trình",
    PlanKind.DECISION: "Quyết định",
    PlanKind.OFFICIAL_LETTER: "Công văn",
}


def issuer_phrase(unit: OrgUnit) -> str:
    """``Ủy ban nhân dân thành phố Hải Phòng`` for a local government; the unit's name otherwise."""
    if unit.kind in ("commune", "province", "district"):
        return f"Ủy ban nhân dân {lower_first(unit.name)}"
    return unit.name


def plan_citation(plan: Plan) -> str:
    """``Kế hoạch số 252/KH-UBND ngày 09/09/2025 của Ủy ban nhân dân thành phố Hải Phòng``."""
    text = f"{PLAN_KIND_WORDS.get(plan.doc_kind, 'Kế hoạch')} số {plan.number_symbol}"
    if plan.date:
        text += f" ngày {format_date(plan.date)}"
    return f"{text} của {issuer_phrase(plan.issuing_unit)}"


# --- Cascade -------------------------------------------------------------------------------------------------


@transaction.atomic
def plan_cascade(
    *, actor, parent: Plan, issuing_unit: OrgUnit, working_days: int | None = None, calendar=None
) -> Plan:
    """From a higher (city) plan, the draft of a lower (commune) plan that carries it out.

    Movements carry the parent's; deadlines fall ``working_days`` working days earlier (so the commune has
    time to consolidate); the parent plan is the first legal basis, followed by the parent's own.
    """
    require(actor, CHANGE, issuing_unit)
    if parent.status == PlanStatus.DRAFT:
        raise ValidationError(_("Only an issued plan can be carried out by a lower level."))
    working_days = conf.cascade_working_days() if working_days is None else working_days
    if working_days < 0:
        raise ValidationError(_("The number of working days must not be negative."))
    calendar = calendar or WorkCalendar()
    child = plan_create(
        actor=actor,
        data={
            "doc_kind": PlanKind.PLAN,
            "symbol": "KH-UBND",
            "issuing_unit": issuing_unit,
            "issuer_name": issuer_line(issuing_unit),
            "place": issuing_unit.short_name or issuing_unit.name,
            "title": parent.title,
            "purposes": parent.purposes,
            "requirements": parent.requirements,
            "period_start": parent.period_start,
            "period_end": parent.period_end,
            "parent": parent,
        },
    )
    add_legal_basis(
        actor=actor,
        plan=child,
        order=0,
        text=plan_citation(parent),
        kind="Kế hoạch",
        number=str(parent.number or ""),
        symbol=parent.symbol,
        date=parent.date,
        issuer=parent.issuing_unit.name,
        linked_plan=parent,
    )
    for order, basis in enumerate(parent.legal_bases.order_by("order", "pk"), start=1):
        add_legal_basis(
            actor=actor,
            plan=child,
            order=order,
            text=basis.text,
            kind=basis.kind,
            number=basis.number,
            symbol=basis.symbol,
            date=basis.date,
            issuer=basis.issuer,
            linked_plan=basis.linked_plan,
        )
    for movement in parent.movements.order_by("order", "pk"):
        add_movement(actor=actor, plan=child, order=movement.order, name=movement.name, carries=movement)
    for deadline in parent.deadlines.order_by("due_date", "pk"):
        add_deadline(
            actor=actor,
            plan=child,
            what=deadline.what,
            due_date=calendar.add_working_days(deadline.due_date, -working_days),
            to_unit=parent.issuing_unit,
            to_text=parent.issuing_unit.name,
            is_registration=deadline.is_registration,
            carries=deadline,
        )
    return child


@transaction.atomic
def plan_create_action_programmes(*, actor, plan: Plan) -> list[Plan]:
    """Each assigned unit gets a draft action programme (a child plan it owns) with its tasks.

    Units that already have one keep it; returns the programmes created.
    """
    require(actor, CHANGE, plan)
    if plan.status == PlanStatus.CLOSED:
        raise ValidationError(_("The plan is closed."))
    existing = set(plan.children.filter(owner_unit__isnull=False).values_list("owner_unit_id", flat=True))
    created = []
    movements = list(plan.movements.order_by("order", "pk"))
    for assignment in plan.assignments.filter(unit__isnull=False).select_related("unit").order_by("order"):
        unit = assignment.unit
        if unit is None or unit.pk in existing:
            continue
        existing.add(unit.pk)
        programme = plan_create(
            actor=actor,
            data={
                "doc_kind": PlanKind.PROGRAMME,
                "symbol": "CTr",
                "issuing_unit": unit,
                "owner_unit": unit,
                "issuer_name": unit.name.upper(),
                "issuer_parent": plan.issuer_name,
                "place": plan.place,
                "title": f"Hành động thực hiện {plan_citation(plan)}",
                "period_start": plan.period_start,
                "period_end": plan.period_end,
                "signer_position": "",
                "parent": plan,
            },
        )
        add_legal_basis(
            actor=actor,
            plan=programme,
            order=0,
            text=plan_citation(plan),
            kind="Kế hoạch",
            number=str(plan.number or ""),
            symbol=plan.symbol,
            date=plan.date,
            issuer=plan.issuing_unit.name,
            linked_plan=plan,
        )
        covered = set(assignment.movements.values_list("pk", flat=True))
        carried = {}
        for movement in movements:
            if covered and movement.pk not in covered:
                continue
            carried[movement.pk] = add_movement(
                actor=actor, plan=programme, order=movement.order, name=movement.name, carries=movement
            )
        for deadline in plan.deadlines.filter(to_unit__isnull=True).order_by("due_date"):
            add_deadline(
                actor=actor,
                plan=programme,
                what=deadline.what,
                due_date=deadline.due_date,
                to_unit=plan.issuing_unit,
                to_text=plan.issuing_unit.name,
                is_registration=deadline.is_registration,
                carries=deadline,
            )
        add_assignment(
            actor=actor,
            plan=programme,
            order=0,
            body=unit.name,
            unit=unit,
            role=assignment.role,
            lead_for=assignment.lead_for,
            tasks=assignment.tasks,
            due_date=assignment.due_date,
            movements=list(carried.values()),
        )
        created.append(programme)
    return created


# --- Registrations ------------------------------------------------------------------------------------------


def _check_open(plan: Plan, today: date | None) -> None:
    if plan.status not in OPEN_FOR_REGISTRATION:
        raise ValidationError(_("This plan does not take registrations (it is not issued or running)."))
    deadline = plan.registration_deadline()
    today = today or timezone.localdate()
    if deadline is not None and today > deadline.due_date:
        raise ValidationError(
            _("The registration deadline (%(date)s) has passed; registrations are closed.")
            % {"date": format_date(deadline.due_date)}
        )


def _registration_transition(registration: Registration, to_status: str) -> None:
    move_status(
        registration,
        to_status,
        REGISTRATION_TRANSITIONS,
        _("A registration cannot go from “%(from)s” to “%(to)s”."),
    )


REGISTRATION_FIELDS = ("unit", "person", "contents", "targets", "intended_titles")


@transaction.atomic
def registration_create(
    *, actor, plan: Plan, data: dict[str, Any], today: date | None = None
) -> Registration:
    """A unit (or a person of it) registers against ``plan``: a draft until submitted."""
    registration = Registration(plan=plan, **{k: v for k, v in data.items() if k in REGISTRATION_FIELDS})
    require(actor, CHANGE, registration)
    _check_open(plan, today)
    duplicate = Registration.objects.filter(plan=plan, unit=registration.unit, person=registration.person)
    if registration.person_id is None:
        duplicate = Registration.objects.filter(plan=plan, unit=registration.unit, person__isnull=True)
    if duplicate.exists():
        raise ValidationError(_("This unit or person has already registered for this plan."))
    audited_save(registration, actor=actor)
    return registration


@transaction.atomic
def registration_update(
    *, actor, registration: Registration, data: dict[str, Any], today: date | None = None
) -> Registration:
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    require(actor, CHANGE, locked)
    if locked.status not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        raise ValidationError(_("Only a draft or returned registration can be edited."))
    _check_open(locked.plan, today)
    for name in ("contents", "targets", "intended_titles"):
        if name in data:
            setattr(locked, name, data[name])
    audited_save(locked, actor=actor)
    return locked


@transaction.atomic
def registration_submit(*, actor, registration: Registration, today: date | None = None) -> Registration:
    locked = Registration.objects.select_for_update().select_related("plan").get(pk=registration.pk)
    require(actor, CHANGE, locked)
    _check_open(locked.plan, today)
    _registration_transition(locked, RegistrationStatus.SUBMITTED)
    locked.submitted_at = timezone.now()
    locked.return_reason = ""
    audited_save(locked, actor=actor)
    return locked


def _decide(*, actor, registration: Registration, to_status: str, reason: str = "") -> Registration:
    locked = (
        Registration.objects.select_for_update().select_related("plan__issuing_unit").get(pk=registration.pk)
    )
    require(actor, CHANGE, locked.plan)
    _registration_transition(locked, to_status)
    locked.decided_by = actor
    locked.return_reason = reason
    audited_save(locked, actor=actor, reason=reason)
    return locked


@transaction.atomic
def registration_accept(*, actor, registration: Registration) -> Registration:
    """The plan's issuing unit (the commune officer) accepts a submitted registration."""
    return _decide(actor=actor, registration=registration, to_status=RegistrationStatus.ACCEPTED)


@transaction.atomic
def registration_return(*, actor, registration: Registration, reason: str) -> Registration:
    """Send a submitted registration back to the unit, saying why."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the registration is returned.")})
    return _decide(
        actor=actor, registration=registration, to_status=RegistrationStatus.RETURNED, reason=reason.strip()
    )


def can_decide(user, registration: Registration) -> bool:
    return can(user, CHANGE, registration.plan)
