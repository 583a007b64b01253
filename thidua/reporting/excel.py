"""The Excel round trip of one unit's report: a pre-filled template, and reading it back (all or nothing)."""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.reporting.choices import ValueType

META_SHEET = "meta"
FIRST_ROW = 6
NARRATIVE = [
    ("#results", "Kết quả đạt được"),
    ("#shortcomings", "Tồn tại, hạn chế"),
    ("#proposals", "Đề xuất, kiến nghị"),
]
FIELD_OF = {"#results": "results", "#shortcomings": "shortcomings", "#proposals": "proposals"}


def build_template(
    form, unit, period, indicators, values: dict[str, tuple[str, str]], narrative: dict
) -> bytes:
    """``indicators``: (indicator, required) pairs; ``values``: {code: (value, comment)} to pre-fill."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    sheet["A1"] = form.name.upper()
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = f"Đơn vị: {unit.name}"
    sheet["A3"] = f"Kỳ báo cáo: {period.label()}"
    sheet["A4"] = (
        "Điền cột Giá trị (và Ghi chú khi giá trị bất thường). Không sửa cột Mã và không thêm, xóa dòng."
    )
    sheet["A4"].font = Font(italic=True, color="666666")
    headers = ["STT", "Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị", "Ghi chú"]
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=FIRST_ROW - 1, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    yes_no = DataValidation(type="list", formula1='"có,không"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    row = FIRST_ROW
    for index, (indicator, required) in enumerate(indicators, start=1):
        value, comment = values.get(indicator.code, ("", ""))
        unit_label = "%" if indicator.value_type == ValueType.PERCENTAGE else indicator.unit_of_measure
        cells = [
            index,
            indicator.code,
            indicator.name + (" (*)" if required else ""),
            unit_label,
            value,
            comment,
        ]
        for column, content in enumerate(cells, start=1):
            sheet.cell(row=row, column=column, value=content)
        if indicator.value_type == ValueType.YES_NO:
            yes_no.add(f"E{row}")
        row += 1
    row += 1
    for code, label in NARRATIVE:
        sheet.cell(row=row, column=2, value=code)
        sheet.cell(row=row, column=3, value=label).font = Font(bold=True)
        cell = sheet.cell(row=row, column=5, value=narrative.get(FIELD_OF[code], ""))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    for column, width in zip("ABCDEF", (5, 12, 48, 12, 16, 36), strict=True):
        sheet.column_dimensions[column].width = width
    meta = book.create_sheet(META_SHEET)
    meta.append(["form", form.code])
    meta.append(["unit", unit.code])
    meta.append(["period", period.code])
    meta.append(["indicators", ",".join(indicator.code for indicator, _r in indicators)])
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_upload(upload, form, unit, period, indicators) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Read a filled template back: ({code: (value, comment)}, narrative). ValidationError if anything is off."""
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04":
        raise ValidationError(_("This is not an Excel (.xlsx) file."), code="not_excel")
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise ValidationError(_("This is not an Excel (.xlsx) file."), code="not_excel") from None
    if META_SHEET not in book.sheetnames or "Báo cáo" not in book.sheetnames:
        raise ValidationError(_("This file is not a report template downloaded from here."), code="structure")
    meta = {
        _text(row[0]): _text(row[1]) for row in book[META_SHEET].iter_rows(values_only=True) if row and row[0]
    }
    codes = [indicator.code for indicator, _r in indicators]
    if meta.get("form") != form.code:
        raise ValidationError(_("This file is for another report form."), code="other_form")
    if meta.get("unit") != unit.code:
        raise ValidationError(
            _("This file is for another unit (%(code)s).") % {"code": meta.get("unit")}, code="other_unit"
        )
    if meta.get("period") != period.code:
        raise ValidationError(
            _("This file is for another period (%(code)s).") % {"code": meta.get("period")},
            code="other_period",
        )
    if meta.get("indicators") != ",".join(codes):
        raise ValidationError(
            _("The form's indicators have changed: download a new template."), code="structure"
        )
    rows = list(book["Báo cáo"].iter_rows(min_row=FIRST_ROW, max_col=6, values_only=True))
    values: dict[str, tuple[str, str]] = {}
    narrative: dict[str, str] = {}
    for row in rows:
        cells = [*row, *([None] * (6 - len(row)))]
        code = _text(cells[1])
        if code in FIELD_OF:
            narrative[FIELD_OF[code]] = _text(cells[4])
        elif code:
            values[code] = (_text(cells[4]), _text(cells[5]))
    if list(values) != codes:
        raise ValidationError(
            _("The indicator rows were edited (codes added, removed or moved): download a new template."),
            code="structure",
        )
    return values, narrative
