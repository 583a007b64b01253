"""Writes of periodic reporting: configuration, entry, the submission workflow, lock exceptions, evidence."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.scoping import CHANGE
from thidua.core.services import audited_delete, audited_save, require
from thidua.core.vietnamese.dates import format_date
from thidua.reporting import consolidated
from thidua.reporting.choices import ConsolidatedReportStatus, LockExceptionStatus, ReportStatus
from thidua.reporting.models import (
    ConsolidatedReport,
    Evidence,
    FormIndicator,
    Indicator,
    LockException,
    Report,
    ReportForm,
    ReportValue,
    ReportVersion,
    Target,
)
from thidua.reporting.notifications import period_in_vietnamese
from thidua.reporting.periods import Period
from thidua.reporting.permissions import require_review
from thidua.reporting.validation import check_values

# The only way a report's status changes: {from: {to, ...}}.
TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.DRAFT: {ReportStatus.SUBMITTED},
    ReportStatus.SUBMITTED: {ReportStatus.RETURNED, ReportStatus.APPROVED},
    ReportStatus.RETURNED: {ReportStatus.SUBMITTED},
    ReportStatus.APPROVED: {ReportStatus.RETURNED},
}
EDITABLE = {ReportStatus.DRAFT, ReportStatus.RETURNED}


class StaleReport(ValidationError):
    """Someone saved the report after the version the user started from."""


def _transition(report: Report, to: str) -> None:
    if to not in TRANSITIONS.get(report.status, set()):
        raise ValidationError(
            _("A report that is %(status)s cannot become %(target)s.")
            % {"status": report.get_status_display(), "target": ReportStatus(to).label},
            code="transition",
        )
    report.status = to


# --- Configuration ------------------------------------------------------------------------------------


@transaction.atomic
def indicator_create(*, actor, data: dict) -> Indicator:
    indicator = Indicator(**data)
    require(actor, CHANGE, indicator)
    audited_save(indicator, actor=actor)
    return indicator


@transaction.atomic
def target_set(*, actor, indicator: Indicator, unit, period: str, value) -> Target:
    target = Target.objects.filter(indicator=indicator, unit=unit, period=period).first()
    target = target or Target(indicator=indicator, unit=unit, period=period)
    require(actor, CHANGE, target)
    target.value = Decimal(str(value))
    audited_save(target, actor=actor)
    return target


@transaction.atomic
def form_create(*, actor, data: dict, indicators: list, units: list) -> ReportForm:
    """``indicators``: Indicator objects or (indicator, required) pairs, in order."""
    form = ReportForm(**data)
    require(actor, CHANGE, form)
    audited_save(form, actor=actor)
    rows = []
    for order, item in enumerate(indicators, start=1):
        indicator, required = item if isinstance(item, tuple) else (item, True)
        rows.append(FormIndicator(form=form, indicator=indicator, order=order, required=required))
    FormIndicator.objects.bulk_create(rows)
    form.units.set(units)
    return form


# --- Periods: open, locked, exceptions -----------------------------------------------------------------


def lock_state(form: ReportForm, unit, period: Period, today: date | None = None) -> tuple[bool, date]:
    """(is the period open for ``unit`` today?, the lock date)."""
    today = today or timezone.localdate()
    lock_date = form.lock_date(period)
    if today <= lock_date:
        return True, lock_date
    granted = LockException.objects.filter(
        form=form, unit=unit, period=period.code, status=LockExceptionStatus.GRANTED, until__gte=today
    ).exists()
    return granted, lock_date


def _check_open(form: ReportForm, unit, period: Period) -> None:
    today = timezone.localdate()
    if period.start > today:
        raise ValidationError(_("This period has not started yet."), code="future")
    is_open, lock_date = lock_state(form, unit, period, today)
    if not is_open:
        raise ValidationError(
            _("The report period %(period)s was locked on %(date)s.")
            % {"period": period.label(), "date": format_date(lock_date)},
            code="locked",
        )


@transaction.atomic
def lock_exception_request(*, actor, form: ReportForm, unit, period: str, reason: str) -> LockException:
    exception = LockException(form=form, unit=unit, period=Period.parse(period).code, reason=reason.strip())
    require(actor, CHANGE, exception)
    if not exception.reason:
        raise ValidationError({"reason": _("Say why the unit needs the period reopened.")})
    existing = LockException.objects.filter(
        form=form, unit=unit, period=exception.period, status=LockExceptionStatus.REQUESTED
    ).first()
    if existing:
        return existing
    exception.requested_by = actor
    audited_save(exception, actor=actor, reason=exception.reason)
    return exception


@transaction.atomic
def lock_exception_decide(
    *, actor, exception: LockException, grant: bool, until: date | None = None, reason: str = ""
) -> LockException:
    exception = LockException.objects.select_for_update().select_related("unit").get(pk=exception.pk)
    require_review(actor, exception.unit)
    if grant:
        if until is None or until < timezone.localdate():
            raise ValidationError({"until": _("Give a date from today on.")})
        exception.status, exception.until = LockExceptionStatus.GRANTED, until
    else:
        exception.status = LockExceptionStatus.REFUSED
    exception.granted_by = actor
    audited_save(exception, actor=actor, reason=reason)
    return exception


# --- Entry ---------------------------------------------------------------------------------------------


def form_indicators(form: ReportForm) -> list[tuple[Indicator, bool]]:
    rows = FormIndicator.objects.filter(form=form).select_related("indicator").order_by("order", "id")
    return [(row.indicator, row.required) for row in rows]


def _locked_report(form: ReportForm, unit, period: Period, actor) -> Report:
    """The report row for update (created as a draft when missing), after the permission checks."""
    probe = Report(form=form, unit=unit, period=period.code)
    require(actor, CHANGE, probe)
    if period.type != form.period_type:
        raise ValidationError(_("This form is not reported for that kind of period."), code="period")
    if not form.units.filter(pk=unit.pk).exists():
        raise ValidationError(_("This form is not assigned to this unit."), code="unassigned")
    report, _created = Report.objects.get_or_create(form=form, unit=unit, period=period.code)
    return Report.objects.select_for_update().select_related("form", "unit").get(pk=report.pk)


@transaction.atomic
def report_save(
    *,
    actor,
    form: ReportForm,
    unit,
    period: str | Period,
    values: dict[str, tuple[object, str]],
    narrative: dict[str, str] | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Report:
    """Save a draft (or a returned report being fixed): all values checked, all saved or none.

    ``values`` maps indicator codes to (raw value, comment). ``expected_version`` is the version the user
    started from: if someone saved since, nothing is saved and ``StaleReport`` is raised.
    """
    period = period if isinstance(period, Period) else Period.parse(period)
    report = _locked_report(form, unit, period, actor)
    if report.status not in EDITABLE:
        raise ValidationError(
            _("This report is %(status)s and can no longer be changed.")
            % {"status": report.get_status_display()},
            code="not_editable",
        )
    _check_open(form, unit, period)
    if expected_version is not None and expected_version != report.version:
        raise StaleReport(
            _(
                "Someone else saved this report while you were editing it. Nothing of yours was saved: "
                "your values are shown below; compare them with the saved report and save again."
            ),
            code="stale",
        )
    checked = check_values(form_indicators(form), values, form.rules.select_related("left", "right"))
    if not checked.ok:
        raise ValidationError(checked.errors)
    _write_values(report, checked.values)
    for name, text in (narrative or {}).items():
        if name in ("results", "shortcomings", "proposals"):
            setattr(report, name, (text or "").strip())
    report.version += 1
    audited_save(report, actor=actor, reason=reason)
    return report


def _write_values(report: Report, values: dict[int, tuple[str, Decimal | None, str]]) -> None:
    existing = {row.indicator_id: row for row in ReportValue.objects.filter(report=report)}
    to_create, to_update = [], []
    for indicator_id, (text, number, comment) in values.items():
        row = existing.get(indicator_id)
        if row is None:
            if text or comment:
                to_create.append(
                    ReportValue(
                        report=report, indicator_id=indicator_id, value=text, number=number, comment=comment
                    )
                )
        elif (row.value, row.number, row.comment) != (text, number, comment):
            row.value, row.number, row.comment = text, number, comment
            to_update.append(row)
    ReportValue.objects.bulk_create(to_create)
    ReportValue.objects.bulk_update(to_update, ["value", "number", "comment"])


def report_snapshot(report: Report) -> dict:
    values = ReportValue.objects.filter(report=report).select_related("indicator")
    return {
        "version": report.version,
        "values": {
            row.indicator.code: {
                "value": row.value,
                "number": None if row.number is None else str(row.number),
                "comment": row.comment,
            }
            for row in values
        },
        "results": report.results,
        "shortcomings": report.shortcomings,
        "proposals": report.proposals,
        "evidence": list(report.evidence.values_list("original_name", flat=True)),
    }


# --- Workflow ------------------------------------------------------------------------------------------


@transaction.atomic
def report_submit(*, actor, report: Report, expected_version: int | None = None) -> Report:
    """Submit (or resubmit after a return). Submitting twice is harmless: the second does nothing."""
    report = Report.objects.select_for_update().select_related("form", "unit").get(pk=report.pk)
    require(actor, CHANGE, report)
    if report.status == ReportStatus.SUBMITTED and (expected_version in (None, report.version)):
        return report
    if expected_version is not None and expected_version != report.version:
        raise StaleReport(_("Someone else saved this report in the meantime; open it again."), code="stale")
    _check_open(report.form, report.unit, report.period_obj)
    entered = {
        row.indicator.code: (row.value, row.comment)
        for row in ReportValue.objects.filter(report=report).select_related("indicator")
    }
    checked = check_values(
        form_indicators(report.form),
        entered,
        report.form.rules.select_related("left", "right"),
        complete=True,
    )
    if not checked.ok:
        raise ValidationError(checked.errors)
    _transition(report, ReportStatus.SUBMITTED)
    now = timezone.now()
    report.submitted_at = now
    report.first_submitted_at = report.first_submitted_at or now
    report.return_reason = ""
    audited_save(report, actor=actor, reason=_("Submitted"))
    number = report.versions.count() + 1
    ReportVersion.objects.create(
        report=report, number=number, snapshot=report_snapshot(report), submitted_by=actor, submitted_at=now
    )
    consolidated.refresh(report)
    return report


@transaction.atomic
def report_return(*, actor, report: Report, reason: str) -> Report:
    report = Report.objects.select_for_update().select_related("unit").get(pk=report.pk)
    require_review(actor, report.unit)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")})
    _transition(report, ReportStatus.RETURNED)
    report.return_reason = reason
    report.decided_at = timezone.now()
    audited_save(report, actor=actor, reason=reason)
    consolidated.refresh(report)
    return report


def children_pending(report: Report) -> list:
    """Units below ``report.unit`` assigned to the form whose report for the period is not approved yet."""
    period = report.period_obj
    below = (
        report.form.units.filter(path__startswith=report.unit.path)
        .exclude(pk=report.unit_id)
        .order_by("path")
    )
    approved = set(
        Report.objects.filter(
            form=report.form, unit__in=below, period=report.period, status=ReportStatus.APPROVED
        ).values_list("unit_id", flat=True)
    )
    return [
        unit
        for unit in below
        if unit.pk not in approved
        and not (unit.valid_from and unit.valid_from > period.end)
        and not (unit.valid_to and unit.valid_to < period.start)
    ]


def _check_children_approved(report: Report) -> None:
    """With "approval up the tree", a level is approved only after every unit below it."""
    if not report.form.approval_up_tree:
        return
    pending = children_pending(report)
    if pending:
        raise ValidationError(
            # A legal-style refusal in Vietnamese (like the lock message), with the pending units named.
            "Chưa thể phê duyệt báo cáo của {unit} kỳ {period}: báo cáo của các đơn vị cấp dưới sau "
            "chưa được phê duyệt: {units}.".format(
                unit=report.unit.name,
                period=period_in_vietnamese(report.period_obj),
                units=", ".join(unit.name for unit in pending),
            ),
            code="children_pending",
        )


@transaction.atomic
def report_approve(*, actor, report: Report, reason: str = "") -> Report:
    report = Report.objects.select_for_update().select_related("unit", "form").get(pk=report.pk)
    require_review(actor, report.unit)
    if report.status == ReportStatus.APPROVED:
        return report
    _check_children_approved(report)
    _transition(report, ReportStatus.APPROVED)
    report.decided_at = timezone.now()
    audited_save(report, actor=actor, reason=reason or _("Approved"))
    consolidated.refresh(report)
    return report


# --- Evidence ------------------------------------------------------------------------------------------

ALLOWED_EVIDENCE = {"pdf", "jpg", "png", "docx", "xlsx"}


def sniff_kind(head: bytes, name: str) -> str | None:
    """The file's real type from its first bytes (the name only separates docx from xlsx)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return None  # decided by looking inside the zip
    return None


def _office_kind(upload) -> str | None:
    import zipfile

    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def upload_kind(upload) -> str | None:
    """An uploaded file's real type (pdf, jpg, png, docx, xlsx) read from its content; None otherwise."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return sniff_kind(head, upload.name) or (_office_kind(upload) if head.startswith(b"PK\x03\x04") else None)


@transaction.atomic
def evidence_add(*, actor, report: Report, upload) -> Evidence:
    report = Report.objects.select_for_update().select_related("form", "unit").get(pk=report.pk)
    require(actor, CHANGE, report)
    if not report.form.evidence_allowed:
        raise ValidationError(_("This form takes no evidence files."), code="no_evidence")
    if report.status not in EDITABLE:
        raise ValidationError(
            _("Evidence can only be added while the report is being prepared."), code="not_editable"
        )
    limit = report.form.evidence_max_mb * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": report.form.evidence_max_mb},
            code="too_large",
        )
    kind = upload_kind(upload)
    if kind not in ALLOWED_EVIDENCE:
        raise ValidationError(
            _("Only PDF, JPG, PNG, Word (.docx) and Excel (.xlsx) files are accepted."), code="kind"
        )
    evidence = Evidence(
        report=report, original_name=upload.name[:255], kind=kind, size=upload.size, uploaded_by=actor
    )
    evidence.file.save(upload.name, upload, save=False)
    audited_save(evidence, actor=actor)
    return evidence


@transaction.atomic
def evidence_delete(*, actor, evidence: Evidence) -> None:
    require(actor, CHANGE, evidence)
    if evidence.report.status not in EDITABLE:
        raise ValidationError(_("Evidence can only be removed while the report is being prepared."))
    evidence.file.delete(save=False)
    audited_delete(evidence, actor=actor)


# --- The report of results (Báo cáo kết quả) ---------------------------------------------------------

RESULT_TRANSITIONS: dict[str, set[str]] = {ConsolidatedReportStatus.DRAFT: {ConsolidatedReportStatus.ISSUED}}


def _require_draft(report: ConsolidatedReport) -> None:
    if report.status != ConsolidatedReportStatus.DRAFT:
        raise ValidationError(_("This report has been issued and can no longer be changed."), code="issued")


@transaction.atomic
def result_report_draft(
    *, actor, form: ReportForm, unit, year: int, plan=None, today: date | None = None
) -> ConsolidatedReport:
    """Draft the commune's report of results for ``form`` and ``year`` from the data."""
    from thidua.reporting import report_document

    today = today or timezone.localdate()
    report = ConsolidatedReport(
        form=form,
        plan=plan,
        unit=unit,
        year=year,
        title=report_document.default_title(form, year, plan),
        addressee=report_document.addressee_for(unit),
    )
    require(actor, CHANGE, report)
    report.sections = report_document.draft_sections(form, user=actor, unit=unit, year=year, today=today)
    audited_save(report, actor=actor, reason=_("Drafted from the reported data"))
    return report


@transaction.atomic
def result_report_refresh(
    *, actor, report: ConsolidatedReport, today: date | None = None
) -> ConsolidatedReport:
    """Draft the sections again from today's data (the edits to the text are replaced)."""
    from thidua.reporting import report_document

    report = ConsolidatedReport.objects.select_for_update().select_related("form", "unit").get(pk=report.pk)
    require(actor, CHANGE, report)
    _require_draft(report)
    report.sections = report_document.draft_sections(
        report.form, user=actor, unit=report.unit, year=report.year, today=today or timezone.localdate()
    )
    audited_save(report, actor=actor, reason=_("Drafted again from the reported data"))
    return report


@transaction.atomic
def result_report_update(
    *, actor, report: ConsolidatedReport, title: str, addressee: str, signer_name: str, texts: dict[str, str]
) -> ConsolidatedReport:
    """Save the edited title, addressee, signer and each section's text (``texts``: section key -> text)."""
    report = ConsolidatedReport.objects.select_for_update().get(pk=report.pk)
    require(actor, CHANGE, report)
    _require_draft(report)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("The report needs a title.")})
    report.title, report.addressee, report.signer_name = title, addressee.strip(), signer_name.strip()
    sections = []
    for section in report.sections:
        section = dict(section)
        if section["key"] in texts:
            section["text"] = (texts[section["key"]] or "").replace("\r\n", "\n").strip()
        sections.append(section)
    report.sections = sections
    audited_save(report, actor=actor)
    return report


@transaction.atomic
def result_report_issue(*, actor, report: ConsolidatedReport) -> ConsolidatedReport:
    """Take the next BC-UBND number of the commune's register and freeze the report."""
    from thidua.documents.services import document_number_issue

    report = ConsolidatedReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    require(actor, CHANGE, report)
    if ConsolidatedReportStatus.ISSUED not in RESULT_TRANSITIONS.get(report.status, set()):
        _require_draft(report)
    today = timezone.localdate()
    report.document_number = document_number_issue(
        actor=actor,
        issuer=report.unit,
        kind="BC",
        symbol="BC-UBND",
        year=today.year,
        title=report.title,
        target=report,
    )
    report.status, report.issued_on = ConsolidatedReportStatus.ISSUED, today
    audited_save(report, actor=actor, reason=_("Issued"))
    return report
