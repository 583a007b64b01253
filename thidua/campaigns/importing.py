"""Upload a plan document, review what the reader understood, confirm it into a draft plan.

``plan_import_create`` reads the upload (size checked first; ``ReaderError`` leaves nothing behind) and keeps
the file, the text and the reading in a ``PlanImport``; ``initial_draft`` turns the reading into the rows the
review page edits (bodies matched to org units); ``plan_import_confirm`` creates the plan, its legal bases,
movements, deadlines and assignments, and the units the reviewer asked to create.
"""

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.campaigns import conf, matching, services
from thidua.campaigns.choices import AssignmentRole, ImportStatus, PlanKind, SignerCapacity
from thidua.campaigns.models import Plan, PlanImport
from thidua.campaigns.reader import ReaderError, read_plan_text
from thidua.campaigns.reader.extract import extract_bytes
from thidua.campaigns.reader.paragraphs import build_paragraphs, find_section, looks_wrapped
from thidua.campaigns.reader.text import to_lines
from thidua.campaigns.reader.zones import split_zones
from thidua.core.scoping import CHANGE
from thidua.core.services import audited_save, require
from thidua.core.vietnamese.text import fold
from thidua.orgs import services as org_services
from thidua.orgs.choices import UnitKind
from thidua.orgs.models import OrgUnit

NEW_UNIT = "new"
KIND_BY_LINE = {
    "KẾ HOẠCH": PlanKind.PLAN,
    "CHƯƠNG TRÌNH": PlanKind.PROGRAMME,
    "QUYẾT ĐỊNH": PlanKind.DECISION,
}
_CAPACITY = re.compile(r"^(TM|KT|Q)\.", re.I)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def check_upload_size(size: int, max_bytes: int | None = None) -> None:
    """Refuse a file by its announced size, before reading a byte of it."""
    max_bytes = conf.plan_upload_max_bytes() if max_bytes is None else max_bytes
    if size > max_bytes:
        raise ReaderError(
            "file_too_large",
            f"Tệp quá lớn ({_megabytes(size)} MB), giới hạn là {_megabytes(max_bytes)} MB.",
        )
    if size == 0:
        raise ReaderError("empty_file", "Tệp rỗng, không có nội dung.")


def leading_lines(text: str) -> int:
    """How many lines the stored text loses at its start (text fields are trimmed when saved)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text[: len(text) - len(text.lstrip())].count("\n")


def numbered_lines(text: str, offset: int = 0) -> list[tuple[int, str]]:
    """The stored text's lines with the numbers the reader's warnings use."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [(number, line) for number, line in enumerate(lines, start=offset + 1)]


def read_upload(data: bytes, filename: str) -> tuple[str, dict, list[dict]]:
    """(text, reading, sections) of an uploaded document; ``ReaderError`` when it cannot be read."""
    text, kind = extract_bytes(data, filename)
    wrapped = None if kind == "text" else kind == "pdf"
    reading = read_plan_text(text, wrapped=wrapped)
    return text, reading, sections_of(text, wrapped)


def _paragraphs(text: str, wrapped: bool | None):
    lines = to_lines(text)
    zones = split_zones(lines)
    return build_paragraphs(zones.body, wrapped=looks_wrapped(lines) if wrapped is None else wrapped)


def sections_of(text: str, wrapped: bool | None = None) -> list[dict]:
    """The body as a list of ``{"marker", "text"}`` (headings keep their marker, paragraphs have "")."""
    out = []
    for para in _paragraphs(text, wrapped):
        marker = para.marker
        out.append({"marker": marker.value if marker else "", "text": para.body if marker else para.text})
    return out


def section_paragraphs(text: str, heading: str, wrapped: bool | None = None) -> list[str]:
    """The paragraphs under the first numbered heading matching ``heading`` (folded), markers removed."""
    found = find_section(_paragraphs(text, wrapped), re.compile(heading))
    return [para.body for para in found[1]] if found else []


@transaction.atomic
def plan_import_create(
    *, actor, issuing_unit: OrgUnit, filename: str, data: bytes, parent: Plan | None = None
) -> PlanImport:
    """Read an uploaded plan and keep it for review. Raises ``ReaderError``; then nothing is stored."""
    require(actor, CHANGE, issuing_unit)
    check_upload_size(len(data))
    text, reading, sections = read_upload(data, filename)
    plan_import = PlanImport(
        issuing_unit=issuing_unit,
        parent=parent,
        file_name=filename[:255],
        text=text,
        reading={**reading, "sections": sections, "line_offset": leading_lines(text)},
        created_by=actor,
    )
    plan_import.source_file.save(filename, ContentFile(data), save=False)
    plan_import.draft = initial_draft(plan_import)
    audited_save(plan_import, actor=actor)
    return plan_import


def candidate_units(issuing_unit: OrgUnit):
    """Units a named body may be: the current units under the issuing unit."""
    return list(
        OrgUnit.objects.filter(path__startswith=issuing_unit.path, valid_to__isnull=True)
        .exclude(pk=issuing_unit.pk)
        .only("pk", "name", "short_name", "path")
    )


def _iso(value) -> str:
    return value if isinstance(value, str) else ""


def _lead_movements(lead_for: str, tasks: list[str], movements: list[str]) -> list[int]:
    """Indices of the movements a body leads, by word overlap of its lead clause with their names."""
    clause = fold(lead_for or "")
    if not clause:
        return []
    words = set(matching.normalise(clause).split())
    picked = []
    for index, name in enumerate(movements):
        name_words = set(matching.normalise(name).split())
        if len(words & name_words) >= max(3, len(name_words) // 2):
            picked.append(index)
    return picked


def initial_draft(plan_import: PlanImport) -> dict[str, Any]:
    """The review page's starting values, from the reading."""
    reading = plan_import.reading
    signer = reading.get("signer") or {}
    capacity = _CAPACITY.match(signer.get("capacity") or "")
    units = candidate_units(plan_import.issuing_unit)
    movements = list(reading.get("movements") or [])
    text = plan_import.text
    plan = {
        "doc_kind": KIND_BY_LINE.get(reading.get("doc_kind") or "", PlanKind.PLAN),
        "number": reading.get("number") or "",
        "symbol": reading.get("symbol") or "KH-UBND",
        "date": _iso(reading.get("date")),
        "place": reading.get("place") or "",
        "issuer_name": reading.get("issuer") or services.issuer_line(plan_import.issuing_unit),
        "issuer_parent": reading.get("issuer_parent") or "",
        "signer_capacity": capacity.group(1).upper() if capacity else SignerCapacity.NONE,
        "signer_position": signer.get("title") or "",
        "signer_name": signer.get("name") or "",
        "title": reading.get("title") or "",
        "purposes": "\n".join(section_paragraphs(text, r"(?i)^muc dich\W*$")),
        "requirements": "\n".join(section_paragraphs(text, r"(?i)^yeu cau\W*$")),
        "recipients": "\n".join(reading.get("recipients") or []),
        "period_start": reading.get("period_start") or "",
        "period_end": reading.get("period_end") or "",
    }
    assignments = []
    for item in reading.get("assignments") or []:
        ranked = matching.rank(item["unit"], units)
        best = matching.best_match(item["unit"], units)
        tasks = item.get("tasks") or []
        lead = bool(item.get("lead_for")) or any(fold(task).startswith("chu tri") for task in tasks)
        assignments.append(
            {
                "body": item["unit"],
                "match": str(best.unit_id) if best else "",
                "candidates": [[c.unit_id, c.name, c.score] for c in ranked],
                "role": AssignmentRole.LEAD if lead else AssignmentRole.COORDINATE,
                "lead_for": item.get("lead_for") or "",
                "tasks": "\n".join(tasks),
                "movements": [str(i) for i in _lead_movements(item.get("lead_for") or "", tasks, movements)],
            }
        )
    return {
        "plan": plan,
        "legal_bases": [
            {
                "text": ref.get("cited_as") or f"{ref.get('number')}/{ref.get('symbol')}",
                "kind": ref.get("kind") or "",
                "number": ref.get("number") or "",
                "symbol": ref.get("symbol") or "",
                "date": ref.get("date") or "",
                "issuer": ref.get("issuer") or "",
            }
            for ref in reading.get("references") or []
        ],
        "movements": [{"name": name, "carries": ""} for name in movements],
        "deadlines": [
            {
                "due_date": item["date"],
                "what": item.get("text") or "",
                "to_text": item.get("to") or "",
                "is_registration": "đăng ký" in (item.get("text") or "").lower(),
            }
            for item in reading.get("deadlines") or []
        ],
        "assignments": assignments,
    }


@transaction.atomic
def plan_import_save_draft(*, actor, plan_import: PlanImport, post: dict[str, list[str]]) -> PlanImport:
    """Keep what the reviewer typed (the raw form data) so that nothing is lost between visits."""
    require(actor, CHANGE, plan_import)
    if plan_import.status != ImportStatus.REVIEW:
        raise ValidationError(_("This import has already been confirmed."))
    plan_import.draft = {**plan_import.draft, "post": post}
    audited_save(plan_import, actor=actor)
    return plan_import


def _new_unit_code(issuing_unit: OrgUnit, name: str) -> str:
    initials = "".join(word[0] for word in fold(name).split() if word[0].isalnum()).upper()[:8] or "DV"
    base = f"{issuing_unit.code}-{initials}"
    code, suffix = base, 1
    while OrgUnit.objects.filter(code=code).exists():
        suffix += 1
        code = f"{base}{suffix}"
    return code


def _unit_for(
    *, actor, plan_import: PlanImport, row: dict, units_by_id: dict[int, OrgUnit]
) -> OrgUnit | None:
    match = row.get("match") or ""
    if match == NEW_UNIT:
        return org_services.orgunit_create(
            actor=actor,
            data={
                "code": _new_unit_code(plan_import.issuing_unit, row["body"]),
                "name": row["body"],
                "kind": row.get("new_kind") or UnitKind.DEPARTMENT,
                "parent": plan_import.issuing_unit,
            },
        )
    if not match:
        return None
    unit = units_by_id.get(int(match))
    if unit is None:
        raise ValidationError(_("The chosen unit is not under the issuing unit."))
    return unit


@transaction.atomic
def plan_import_confirm(*, actor, plan_import: PlanImport, cleaned: dict[str, Any]) -> Plan:
    """Create the draft plan with its rows from the reviewed values; create the units asked for."""
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    require(actor, CHANGE, plan_import)
    if plan_import.status != ImportStatus.REVIEW:
        raise ValidationError(_("This import has already been confirmed."))
    values = dict(cleaned["plan"])
    number = values.pop("number", None)
    plan = services.plan_create(
        actor=actor,
        data={
            **values,
            "number": number or None,
            "issuing_unit": plan_import.issuing_unit,
            "parent": cleaned.get("parent") or plan_import.parent,
            "sections": plan_import.reading.get("sections") or [],
            "reading": {
                key: value
                for key, value in plan_import.reading.items()
                if key not in ("sections", "line_offset")
            },
        },
    )
    plan.source_file.name = plan_import.source_file.name
    audited_save(plan, actor=actor, reason=_("Imported from %(file)s") % {"file": plan_import.file_name})
    _create_rows(actor=actor, plan=plan, plan_import=plan_import, cleaned=cleaned)
    plan_import.plan = plan
    plan_import.status = ImportStatus.CONFIRMED
    audited_save(plan_import, actor=actor)
    return plan


def _create_rows(*, actor, plan: Plan, plan_import: PlanImport, cleaned: dict[str, Any]) -> None:
    parent_plans = {}
    for order, row in enumerate(cleaned.get("legal_bases") or []):
        linked = _linked_plan(row, plan.parent, parent_plans)
        services.add_legal_basis(actor=actor, plan=plan, order=order, linked_plan=linked, **row)
    movements = {}
    for order, row in enumerate(cleaned.get("movements") or []):
        movements[row["key"]] = services.add_movement(
            actor=actor, plan=plan, order=order, name=row["name"], carries=row.get("carries")
        )
    for row in cleaned.get("deadlines") or []:
        services.add_deadline(actor=actor, plan=plan, **row)
    units_by_id = {unit.pk: unit for unit in candidate_units(plan_import.issuing_unit)}
    for order, row in enumerate(cleaned.get("assignments") or []):
        unit = _unit_for(actor=actor, plan_import=plan_import, row=row, units_by_id=units_by_id)
        services.add_assignment(
            actor=actor,
            plan=plan,
            order=order,
            body=row["body"],
            unit=unit,
            role=row["role"],
            lead_for=row.get("lead_for") or "",
            tasks=row.get("tasks") or "",
            due_date=row.get("due_date"),
            movements=[movements[key] for key in row.get("movements") or [] if key in movements],
        )


def _linked_plan(row: dict, parent: Plan | None, cache: dict) -> Plan | None:
    """The higher plan when a legal basis cites it (same number and symbol)."""
    if parent is None or not row.get("number"):
        return None
    if (
        parent.number is not None
        and str(parent.number) == str(row["number"]).lstrip("0")
        and (fold(parent.symbol) == fold(row.get("symbol") or ""))
    ):
        return parent
    return None


def reading_date(reading: dict) -> date | None:
    value = reading.get("date")
    return date.fromisoformat(value) if isinstance(value, str) else None
