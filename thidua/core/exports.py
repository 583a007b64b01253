"""CSV and Excel downloads of any list, with the same columns the import reads."""

import csv
import io
from collections.abc import Callable, Iterable
from datetime import date

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.core.vietnamese.dates import format_date

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Column = tuple[str, str | Callable]


def cell_value(obj, accessor: str | Callable) -> object:
    if callable(accessor):
        return accessor(obj)
    value = obj
    for part in accessor.split("."):
        value = getattr(value, part, None)
        if value is None:
            return ""
        if callable(value) and part.startswith("get_"):
            value = value()
    return value


def _text(value: object) -> str:
    if isinstance(value, date):
        return format_date(value)
    return "" if value is None else str(value)


def rows_as_text(objects: Iterable, columns: list[Column]) -> list[list[str]]:
    return [[_text(cell_value(obj, accessor)) for _, accessor in columns] for obj in objects]


def export_response(objects: Iterable, columns: list[Column], name: str, fmt: str) -> HttpResponse:
    headers = [str(header) for header, _ in columns]
    rows = rows_as_text(objects, columns)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(rows)
        response = HttpResponse(
            ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = name[:31]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for index, header in enumerate(headers, start=1):
            width = max([len(header), *(len(row[index - 1]) for row in rows[:200])]) + 2
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(width, 60)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    raise Http404
