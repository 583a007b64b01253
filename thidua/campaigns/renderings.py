"""Plans and registrations as the plain dicts the Decree 30 renderer takes (``thidua.documents.render``)."""

from typing import Any

from thidua.campaigns import selectors
from thidua.campaigns.choices import IntendedTitle, SignerCapacity
from thidua.campaigns.models import Plan

COLLECTIVE_BODY = "ỦY BAN NHÂN DÂN"


_PLACE_PREFIXES = ("Xã ", "Phường ", "Đặc khu ", "Thị trấn ", "Thành phố ", "Tỉnh ", "Huyện ", "Quận ")


def place_of(unit) -> str:
    """The place name of the place-date line: "Cẩm Giang" for "Xã Cẩm Giang"."""
    name = unit.name
    for prefix in _PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return unit.short_name or name


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def signer_of(plan: Plan) -> dict[str, Any]:
    """TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH; KT. CHỦ TỊCH / PHÓ CHỦ TỊCH; Q. CHỦ TỊCH."""
    position = (plan.signer_position or "CHỦ TỊCH").upper()
    capacity = None
    if plan.signer_capacity == SignerCapacity.ON_BEHALF:
        body = COLLECTIVE_BODY if plan.issuer_name.upper().startswith(COLLECTIVE_BODY) else plan.issuer_name
        capacity = f"TM. {body.upper()}"
    elif plan.signer_capacity == SignerCapacity.DEPUTY:
        capacity = "KT. CHỦ TỊCH"
    elif plan.signer_capacity == SignerCapacity.ACTING:
        position = f"Q. {position}"
    return {"capacity": capacity, "title": position, "name": plan.signer_name or None}


def plan_document_data(plan: Plan) -> dict[str, Any]:
    """The stored plan in the shape of ``plan-parse.schema.json`` plus its structured text."""
    bases = list(selectors.plan_legal_bases(plan))
    return {
        "doc_kind": plan.kind_line,
        "issuer": plan.issuer_name or plan.issuing_unit.name.upper(),
        "issuer_parent": plan.issuer_parent or None,
        "number": f"{plan.number:02d}" if plan.number else None,
        "symbol": plan.symbol,
        "place": plan.place or place_of(plan.issuing_unit),
        "date": _iso(plan.date),
        "title": plan.title,
        "references": [
            {
                "kind": basis.kind,
                "number": basis.number,
                "symbol": basis.symbol,
                "date": _iso(basis.date),
                "issuer": basis.issuer or None,
            }
            for basis in bases
            if basis.number
        ],
        "purposes": plan.purpose_list,
        "requirements": plan.requirement_list,
        "movements": [movement.name for movement in selectors.plan_movements(plan)],
        "period_start": _iso(plan.period_start),
        "period_end": _iso(plan.period_end),
        "deadlines": [
            {"date": deadline.due_date.isoformat(), "text": deadline.what, "to": deadline.to_label or None}
            for deadline in selectors.plan_deadlines(plan)
        ],
        "assignments": [
            {
                "unit": assignment.body or str(assignment),
                "lead_for": assignment.lead_for or None,
                "tasks": assignment.task_list,
            }
            for assignment in selectors.plan_assignments(plan)
        ],
        "recipients": plan.recipient_list,
        "signer": signer_of(plan),
        "warnings": [],
    }


def registration_rows(plan: Plan, *, user) -> list[dict[str, Any]]:
    """One row per expected unit (missing ones included), then individual registrations."""
    labels = dict(IntendedTitle.choices)
    rows = []
    for entry in selectors.registration_status_by_unit(plan, user=user):
        registration = entry["registration"]
        if registration is None:
            rows.append(
                {
                    "unit": entry["unit"].name,
                    "content": None,
                    "targets": None,
                    "title": None,
                    "status": "missing",
                }
            )
            continue
        rows.append(_row(registration, entry["unit"].name, labels))
    individuals = selectors.registration_list(user=user).filter(plan=plan, person__isnull=False)
    for registration in individuals:
        rows.append(_row(registration, f"{registration.person.full_name} ({registration.unit.name})", labels))
    return rows


def _row(registration, name: str, labels: dict) -> dict[str, Any]:
    return {
        "unit": name,
        "content": registration.contents,
        "targets": registration.target_list,
        "title": ", ".join(labels.get(code, code) for code in registration.intended_titles or []) or None,
        "status": registration.status,
        "note": registration.return_reason or None,
    }
