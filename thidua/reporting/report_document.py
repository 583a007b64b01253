"""The report of results (Báo cáo kết quả): drafted from the data, edited as text, printed per Decree 30.

``draft_sections`` reads completeness, consolidation against targets and the units' narratives and writes
the sections as plain text (one paragraph per line; a line starting with "- " is a dash item) plus the
indicator table. ``result_report_spec`` turns a ``ConsolidatedReport`` into a ``DocumentSpec``.
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import QuerySet

from thidua.core.scoping import VIEW
from thidua.core.vietnamese import format_date, format_number
from thidua.documents.render import Bullet, DocumentSpec, Heading, Paragraph, Signature, Table
from thidua.documents.render.builders.common import issuer_lines, lower_first
from thidua.exemplary.choices import KIND_IN_VIETNAMESE
from thidua.exemplary.selectors import recognised_models
from thidua.reporting import selectors
from thidua.reporting.models import ConsolidatedReport, Report, ReportForm
from thidua.reporting.notifications import period_in_vietnamese
from thidua.reporting.periods import periods_of_year

TABLE_HEADER = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Đánh giá"]
TABLE_WIDTHS = [7, 40, 14, 16, 16, 12, 14]
TABLE_ALIGN = ["center", "left", "center", "right", "right", "right", "center"]
MODEL_TABLE_HEADER = ["STT", "Tên mô hình, điển hình", "Đơn vị thực hiện", "Số đơn vị nhân rộng"]
EXCERPTS = 6
EXCERPT_LENGTH = 400
MODEL_WORDS = re.compile(r"mô hình|điển hình", re.IGNORECASE)
LEVEL_PREFIX = re.compile(r"^(xã|phường|thị trấn|đặc khu|thành phố|tỉnh)\s+", re.IGNORECASE)


def result_report_list(*, user) -> QuerySet:
    return ConsolidatedReport.objects.visible_to(user, VIEW).select_related("form", "unit", "document_number")


def _number(value) -> str:
    if value is None:
        return ""
    return format_number(value, 2, trim=True)


def _percent(value) -> str:
    return "" if value is None else format_number(value, 1, trim=True)


def completeness_text(form: ReportForm, *, user, unit, year: int, today: date) -> tuple[str, dict]:
    grid = selectors.completeness(form, user=user, year=year, within=unit, today=today)
    figures = {"expected": grid.expected, "submitted": grid.submitted, "on_time": grid.on_time}
    units = len(grid.units)
    text = (
        f"Năm {year}, {units} đơn vị được giao thực hiện {form.name.lower()}. Tính đến ngày "
        f"{format_date(today)}, số báo cáo phải nộp là {grid.expected}; đã nộp {grid.submitted} báo cáo "
        f"(đạt {_percent(grid.completeness)}%), trong đó đúng hạn {grid.on_time} báo cáo "
        f"(đạt {_percent(grid.timeliness)}%)."
    )
    missing = grid.missing()
    if missing:
        names = sorted({cell.unit.name for cell in missing})
        text += "\n- Đơn vị còn thiếu báo cáo: " + ", ".join(names) + "."
    return text, figures


def indicator_table(form: ReportForm, *, unit, year: int) -> dict:
    periods = periods_of_year(form.period_type, year)
    data = selectors.consolidation(form, root=unit, start=periods[0], end=periods[-1])
    rows = []
    for indicator in data.indicators:
        if not indicator.is_numeric:
            continue
        result = data.total(indicator)
        rows.append(
            [
                str(len(rows) + 1),
                indicator.name,
                "%" if indicator.value_type == "percentage" else indicator.unit_of_measure,
                _number(result.target),
                _number(result.value),
                _percent(result.percent),
                result.verdict.capitalize() if result.verdict else "",
            ]
        )
    return {"header": TABLE_HEADER, "rows": rows}


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _latest_reports(form: ReportForm, unit, year: int) -> list[Report]:
    """Each unit's latest submitted or approved report of the year (one per unit, in tree order)."""
    reports = (
        Report.objects.filter(
            form=form,
            unit__path__startswith=unit.path,
            period_start__year=year,
            status__in=selectors.COUNTED,
        )
        .select_related("unit")
        .order_by("unit__path", "-period_start")
    )
    latest: dict[int, Report] = {}
    for report in reports:
        latest.setdefault(report.unit_id, report)
    return list(latest.values())


def narrative_text(reports: list[Report], field: str) -> str:
    lines = [
        f"- {report.unit.name} ({period_in_vietnamese(report.period_obj)}): {_excerpt(getattr(report, field))}"
        for report in reports
        if getattr(report, field).strip()
    ]
    return "\n".join(lines[:EXCERPTS])


def models_text(reports: list[Report]) -> str:
    """Sentences of the narratives naming an exemplary model ("mô hình", "điển hình"), with the unit."""
    lines = []
    for report in reports:
        for field in ("results", "proposals"):
            for sentence in re.split(r"(?<=[.;!?])\s+|\n+", getattr(report, field)):
                if MODEL_WORDS.search(sentence):
                    lines.append(f"- {report.unit.name}: {_excerpt(sentence.strip())}")
    return "\n".join(dict.fromkeys(lines[: EXCERPTS * 2]))


def _model_line(model) -> str:
    line = f"- {model.title} ({KIND_IN_VIETNAMESE.get(model.kind, model.kind)}) của {model.unit.name}"
    summary = _excerpt(model.summary).rstrip(".")
    line += f": {summary}." if summary else "."
    if model.adopting_units:
        names = ", ".join(unit.name for unit in model.adopting_units)
        line += f" Đã được nhân rộng tại {len(model.adopting_units)} đơn vị: {names}."
    else:
        line += " Chưa có đơn vị nhân rộng."
    return line


def models_section(reports: list[Report], *, unit, year: int) -> dict:
    """The models the commune verified in the year (with their replication) and, after them, the sentences
    of the units' narratives that name a model. Without verified models the section is the narratives alone.
    """
    recognised = recognised_models(root=unit, start=date(year, 1, 1), end=date(year, 12, 31))
    mentions = models_text(reports)
    section = {"key": "models", "title": "Mô hình, điển hình tiêu biểu", "text": mentions}
    if not recognised:
        return section
    titles = [model.title.lower() for model in recognised]
    mentions = "\n".join(
        line for line in mentions.splitlines() if not any(title in line.lower() for title in titles)
    )  # a sentence naming a listed model adds nothing
    adoptions = sum(len(model.adopting_units) for model in recognised)
    lines = [
        f"Năm {year}, Ủy ban nhân dân {lower_first(unit.name)} đã công nhận {len(recognised)} mô hình, "
        f"điển hình tiêu biểu; các mô hình được nhân rộng tại {adoptions} lượt đơn vị:",
        *(_model_line(model) for model in recognised),
    ]
    if mentions:
        lines += ["Các mô hình khác được nêu trong báo cáo của các đơn vị:", mentions]
    section["text"] = "\n".join(lines)
    section["table"] = {
        "header": MODEL_TABLE_HEADER,
        "rows": [
            [str(index), model.title, model.unit.name, str(len(model.adopting_units))]
            for index, model in enumerate(recognised, start=1)
        ],
        "widths": [8, 52, 40, 20],
        "align": ["center", "left", "left", "center"],
    }
    return section


def default_title(form: ReportForm, year: int, plan=None) -> str:
    if plan is not None:
        if plan.number:
            subject = f"Kế hoạch số {plan.number}/{plan.symbol}"
        else:
            subject = "Kế hoạch " + lower_first(plan.title)
    else:
        subject = lower_first(form.name)
    title = f"Kết quả thực hiện {subject}"
    return title if str(year) in title else f"{title} năm {year}"


def addressee_for(unit) -> str:
    parent = unit.parent
    return f"Ủy ban nhân dân {lower_first(parent.name)}" if parent is not None else ""


def draft_sections(form: ReportForm, *, user, unit, year: int, today: date) -> list[dict]:
    completeness, figures = completeness_text(form, user=user, unit=unit, year=year, today=today)
    reports = _latest_reports(form, unit, year)
    nothing = "Chưa có nội dung trong báo cáo của các đơn vị."
    return [
        {
            "key": "completeness",
            "title": "Tình hình báo cáo của các đơn vị",
            "text": completeness,
            "figures": figures,
        },
        {
            "key": "indicators",
            "title": "Kết quả thực hiện các chỉ tiêu",
            "text": "Kết quả thực hiện các chỉ tiêu so với kế hoạch năm như sau:",
            "table": indicator_table(form, unit=unit, year=year),
        },
        {
            "key": "results",
            "title": "Kết quả nổi bật của các đơn vị",
            "text": narrative_text(reports, "results") or nothing,
        },
        _with_default(models_section(reports, unit=unit, year=year), nothing),
        {
            "key": "shortcomings",
            "title": "Tồn tại, hạn chế",
            "text": narrative_text(reports, "shortcomings") or nothing,
        },
        {
            "key": "proposals",
            "title": "Đề xuất, kiến nghị",
            "text": narrative_text(reports, "proposals") or nothing,
        },
    ]


def _with_default(section: dict, nothing: str) -> dict:
    section["text"] = section["text"] or nothing
    return section


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _blocks(text: str) -> list:
    blocks: list = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        blocks.append(Bullet(line[2:].strip()) if line.startswith("- ") else Paragraph(line))
    return blocks


def place_of(unit) -> str:
    return LEVEL_PREFIX.sub("", unit.short_name or unit.name)


def result_report_spec(report: ConsolidatedReport) -> DocumentSpec:
    body: list = []
    for index, section in enumerate(report.sections):
        body.append(Heading(section["title"].upper(), level=1, label=f"{_ROMAN[index]}."))
        body.extend(_blocks(section.get("text", "")))
        table = section.get("table")
        if table and table.get("rows"):
            body.append(
                Table(
                    header=[table["header"]],
                    rows=table["rows"],
                    widths=table.get("widths", TABLE_WIDTHS),
                    align=table.get("align", TABLE_ALIGN),
                )
            )
    number = report.document_number.number if report.document_number else None
    commune = issuer_lines("ỦY BAN NHÂN DÂN " + report.unit.name)
    return DocumentSpec(
        issuer=commune,
        symbol="BC-UBND",
        number=number,
        place=place_of(report.unit),
        date=report.issued_on,
        kind="BÁO CÁO",
        title=[report.title],
        addressees=[report.addressee] if report.addressee else [],
        body=body,
        signature=Signature(
            capacity="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH", name=report.signer_name, signed=False
        ),
        recipients=[f"{report.addressee} (để báo cáo);"] if report.addressee else [],
        archive="VT, VHXH",
        author=" ".join(commune),
    )
