"""Excel downloads: the completeness grid, the "not yet submitted" list and the consolidated table."""

from __future__ import annotations

import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.core.exports import XLSX_TYPE
from thidua.core.vietnamese.dates import format_date

STATE_LABELS = {
    "approved": "Đã duyệt",
    "on-time": "Đã gửi đúng hạn",
    "late": "Gửi muộn",
    "returned": "Bị trả lại",
    "draft": "Đang soạn",
    "missing": "Chưa gửi",
    "not-due": "Chưa đến hạn",
    "not-expected": "",
}


def _response(book: Workbook, name: str) -> HttpResponse:
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _header(sheet, cells) -> None:
    sheet.append(cells)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def completeness_xlsx(grid, year: int) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tình hình gửi báo cáo"
    _header(sheet, ["Đơn vị", *[p.short_label() for p in grid.periods]])
    for unit, cells in grid.rows:
        sheet.append([unit.name, *[STATE_LABELS[cell.state] for cell in cells]])
    sheet.append([])
    sheet.append(["Phải gửi", grid.expected])
    sheet.append(["Đã gửi", grid.submitted])
    sheet.append(["Đúng hạn", grid.on_time])
    return _response(book, f"tinh-hinh-bao-cao-{grid.form.code}-{year}")


def missing_xlsx(grid) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = "Chưa gửi"
    _header(sheet, ["STT", "Mã đơn vị", "Đơn vị", "Kỳ báo cáo", "Hạn gửi", "Tình trạng"])
    for index, cell in enumerate(grid.missing(), start=1):
        sheet.append(
            [
                index,
                cell.unit.code,
                cell.unit.name,
                cell.period.label(),
                format_date(cell.due),
                STATE_LABELS[cell.state],
            ]
        )
    return _response(book, f"chua-gui-bao-cao-{grid.form.code}")


def consolidation_xlsx(data) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append([f"{data.form.name} – {data.root.name}"])
    sheet.append([f"Từ {data.periods[0].label()} đến {data.periods[-1].label()}" if data.periods else ""])
    _header(
        sheet,
        [
            "Đơn vị",
            *[
                f"{ind.name} ({ind.unit_of_measure})" if ind.unit_of_measure else ind.name
                for ind in data.indicators
            ],
        ],
    )
    for child in data.children:
        sheet.append([child.name, *[_number(data.value(child.pk, ind)) for ind in data.indicators]])
    sheet.append(
        [f"Toàn {data.root.name}", *[_number(data.value(data.root.pk, ind)) for ind in data.indicators]]
    )
    sheet.append(["Chỉ tiêu kế hoạch", *[_number(data.targets.get(ind.pk)) for ind in data.indicators]])
    sheet.append(
        ["Tỷ lệ so với kế hoạch (%)", *[_number(data.total(ind).percent) for ind in data.indicators]]
    )
    sheet.append(["Đánh giá", *[data.total(ind).verdict for ind in data.indicators]])
    return _response(book, f"tong-hop-{data.form.code}")


def _number(value):
    if value is None:
        return None
    return float(round(value, 2))
