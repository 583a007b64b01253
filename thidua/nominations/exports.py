"""The nominee list (danh sách đề nghị) as an Excel workbook: DOMAIN §10 columns, grouped by title or form."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from thidua.documents.responses import content_disposition
from thidua.nominations import dossier
from thidua.nominations.choices import Category

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "STT",
    "Phân loại",
    "Họ tên / tên tập thể",
    "Chức vụ",
    "Đơn vị công tác / địa chỉ",
    "Danh hiệu hoặc hình thức đề nghị",
    "Phân loại đối tượng",
    "Lĩnh vực",
    "Tóm tắt thành tích",
    "Ghi chú",
]
WIDTHS = [6, 14, 28, 20, 30, 30, 24, 18, 60, 16]
KIND_TEXT = {"person": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}
CATEGORY_TEXT = {
    Category.LEADER: "Lãnh đạo, quản lý",
    Category.DIRECT_WORKER: "Người trực tiếp lao động, công tác",
    Category.OFFICER: "Cán bộ, công chức, viên chức",
    Category.CITIZEN: "Nhân dân",
    Category.COLLECTIVE: "Tập thể",
    Category.OTHER: "Khác",
}


def nominee_rows(groups) -> list[list]:
    """Group heading rows ("I. Chiến sĩ thi đua cơ sở") followed by the group's nominees, numbered per group."""
    rows: list[list] = []
    for index, group in enumerate(groups, start=1):
        rows.append([dossier_roman(index), f"{group.name} ({len(group.nominations)})", *[""] * 8])
        for number, item in enumerate(group.nominations, start=1):
            rows.append(
                [
                    number,
                    KIND_TEXT.get(item.subject_kind, ""),
                    dossier.subject_name(item),
                    item.position or (item.person.position if item.person_id else ""),
                    dossier.subject_place(item),
                    group.name,
                    CATEGORY_TEXT.get(item.category, ""),
                    item.field_of_work,
                    item.summary,
                    item.get_status_display(),
                ]
            )
    return rows


def dossier_roman(index: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[index - 1]


def nominee_list_response(review_round, groups) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách đề nghị"
    sheet.append([f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG – {review_round.name.upper()}"])
    sheet.append([review_round.commune.name])
    sheet.append([])
    sheet.append(HEADER)
    thin = Side(style="thin")
    header_row = sheet.max_row
    for row in nominee_rows(groups):
        sheet.append(row)
        if isinstance(row[0], str):
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=header_row, max_row=sheet.max_row, max_col=len(HEADER)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if cell.row > header_row:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition(f"Danh sách đề nghị - {review_round.name}.xlsx")
    return response
