"""Spreadsheet import: read a CSV or .xlsx upload, check every row, then write all rows or none.

:meth:`Importer.run` is the whole flow:

1. :func:`read_table` reads the upload. The size limit is checked before parsing; the format is
   decided by the content (an .xlsx is a zip holding the OOXML parts), never by the file name;
   CSV must be UTF-8 (a BOM, ``;`` or tab delimiters are fine) and text typed in the legacy
   TCVN3/VNI fonts or saved as Windows-1258 is refused with a clear message. Every cell comes out
   NFC-normalised and stripped, with the row number the user sees in the sheet.
2. :meth:`ImportSpec.match_headers` matches the header row against the spec's columns, ignoring
   accents, case and spaces, in every language of the site (and the English source).
3. Every cell is parsed by its :class:`Column` (required, maximum length, date, choice), then the app's
   importer checks every row against data it prefetched in bulk. All problems are collected.
4. Only when there is none, :meth:`Importer.write` runs for every row inside one transaction, through
   the app's services (so permissions and history apply); any failure rolls back every row.

This module knows no domain: apps subclass :class:`Importer` (see ``thidua/orgs/imports.py``).
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from thidua.core.scoping import CHANGE, VIEW, scope_for
from thidua.core.vietnamese.dates import format_date
from thidua.core.vietnamese.legacy import detect_legacy_encoding
from thidua.core.vietnamese.text import fold

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
MAX_COLUMNS = 100
MAX_UNZIPPED_RATIO = 40  # refuse zip bombs: unpacked parts over 40 x the byte limit
LEGACY_SAMPLE_ROWS = 300  # rows looked at to recognise TCVN3/VNI text
IN_CHUNK = 10_000  # values per ``__in`` query (SQLite allows 32,766 parameters)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


# --- The report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One reason the file cannot be imported: the row as numbered in the sheet (``None`` for the
    whole file), the column header and the reason."""

    row: int | None
    column: str
    reason: str


@dataclass
class ImportReport:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, row: int | None, column: object, reason: object) -> None:
        self.problems.append(Problem(row, str(column), str(reason)))

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def sorted_problems(self) -> list[Problem]:
        """By row (file-level problems first); the order found within a row is kept."""
        return sorted(self.problems, key=lambda problem: problem.row or 0)


class ImportFailed(Exception):
    """The file as a whole cannot be read."""

    def __init__(self, reason: str, *, row: int | None = None, column: str = ""):
        super().__init__(reason)
        self.problem = Problem(row, column, reason)


# --- Reading the file ----------------------------------------------------------------------------


@dataclass
class Table:
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the sheet, cells)


def clean_cell(value: object) -> str:
    """A cell as NFC text: dates as dd/mm/yyyy, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def _not_xlsx() -> ImportFailed:
    return ImportFailed(_("The file is not a valid Excel workbook (.xlsx)."))


def _legacy_failure(encoding: str) -> ImportFailed:
    return ImportFailed(
        _(
            "The text in this file is typed in the old %(encoding)s font encoding (.VnTime, VNI-Times...). "
            "Convert it to Unicode (for example with Unikey's converter) and upload it again."
        )
        % {"encoding": encoding}
    )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" (UTF-16, tab-separated)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    encoding = detect_legacy_encoding(data[:65536].decode("latin-1"))
    if encoding:
        raise _legacy_failure(encoding)
    raise ImportFailed(
        _(
            "The file is not saved as UTF-8 text (it looks like Windows-1258 / ANSI). In Excel choose "
            "Save As, then “CSV UTF-8 (Comma delimited)”, and upload that file."
        )
    )


def _delimiter(text: str) -> str:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def _csv_records(data: bytes) -> Iterator[tuple[int, list[str]]]:
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if (not utf16 and b"\x00" in data[:8192]) or "\x00" in (text := _decode(data)):
        raise ImportFailed(_("The file is neither a CSV text file nor an Excel workbook (.xlsx)."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [clean_cell(cell) for cell in cells[:MAX_COLUMNS]]
    except csv.Error:
        raise ImportFailed(
            _("The CSV file cannot be read after row %(row)s.") % {"row": number}, row=number + 1
        ) from None


def _xlsx_records(data: bytes, max_bytes: int) -> Iterator[tuple[int, list[str]]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _not_xlsx() from None
    if not all(part in names for part in XLSX_PARTS):
        raise _not_xlsx()
    if unzipped > max_bytes * MAX_UNZIPPED_RATIO:
        raise _too_big(max_bytes)
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.active if hasattr(workbook.active, "iter_rows") else workbook.worksheets[0]
        sheet.reset_dimensions()  # a stale dimension would pad the sheet with a million empty rows
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            yield number, [clean_cell(value) for value in values]
    except ImportFailed:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged file; none may become a 500
        raise _not_xlsx() from None
    finally:
        if workbook is not None:
            workbook.close()


def megabytes(size: int) -> str:
    """``5242880`` -> ``"5"``; ``1572864`` -> ``"1,5"`` in Vietnamese."""
    value = round(size / 1024 / 1024, 1)
    return number_format(int(value) if value.is_integer() else value, force_grouping=True)


def _too_big(max_bytes: int) -> ImportFailed:
    return ImportFailed(
        _("The file is larger than %(size)s MB; split it into smaller files.")
        % {"size": megabytes(max_bytes)}
    )


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]


def _collect(records: Iterator[tuple[int, list[str]]], max_rows: int) -> Table:
    header: tuple[int, list[str]] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, cells in records:
        cells = _trimmed(cells)
        if not cells:
            continue
        if header is None:
            header = (number, cells)
            continue
        if len(rows) >= max_rows:
            raise ImportFailed(
                _("The file has more than %(limit)s data rows; split it into smaller files.")
                % {"limit": number_format(max_rows, force_grouping=True)}
            )
        rows.append((number, cells))
    if header is None:
        raise ImportFailed(_("The file is empty."))
    if not rows:
        raise ImportFailed(_("The file has a header row but no data rows."), row=header[0])
    return Table(header_row=header[0], headers=header[1], rows=rows)


def read_table(upload, *, max_bytes: int | None = None, max_rows: int | None = None) -> Table:
    """Read an uploaded CSV or .xlsx file (anything with ``read()``; ``size`` and ``name`` if known)."""
    max_bytes = settings.THIDUA_IMPORT_MAX_BYTES if max_bytes is None else max_bytes
    max_rows = settings.THIDUA_IMPORT_MAX_ROWS if max_rows is None else max_rows
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _too_big(max_bytes)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(max_bytes)
    if not data.strip():
        raise ImportFailed(_("The file is empty."))
    name = (getattr(upload, "name", "") or "").lower()
    if data.startswith(ZIP_MAGIC):
        records = _xlsx_records(data, max_bytes)
    elif data.startswith(OLE_MAGIC):
        raise ImportFailed(
            _("Old Excel files (.xls) cannot be read: open the file in Excel and save it as .xlsx.")
        )
    elif name.endswith((".xlsx", ".xlsm", ".xls")):
        raise _not_xlsx()
    else:
        records = _csv_records(data)
    table = _collect(records, max_rows)
    sample = [*table.headers, *(cell for _number, cells in table.rows[:LEGACY_SAMPLE_ROWS] for cell in cells)]
    encoding = detect_legacy_encoding(" ".join(sample))
    if encoding:
        raise _legacy_failure(encoding)
    return table


# --- Columns and the spec ------------------------------------------------------------------------


def header_key(text: object) -> str:
    """What a header is matched by: no accents, case, spaces or punctuation (``"Mã đơn vị"`` -> ``madonvi``)."""
    return re.sub(r"[\W_]+", "", fold(str(text)))


def in_every_language(label: object) -> set[str]:
    """``label`` as the English source and in each language of the site."""
    texts = {str(label)}
    with override(None):
        texts.add(str(label))
    for code, _name in settings.LANGUAGES:
        with override(code):
            texts.add(str(label))
    return texts


class ChoiceParser:
    """Read a choice by its label in any language of the site or by its code, ignoring accents and case."""

    def __init__(self, choices):
        self.choices = choices
        self._lookup: dict[str, str] | None = None

    def lookup(self) -> dict[str, str]:
        if self._lookup is None:
            lookup = {}
            for value, label in self.choices.choices:
                lookup[header_key(value)] = value
                for text in in_every_language(label):
                    lookup.setdefault(header_key(text), value)
            self._lookup = lookup
        return self._lookup

    def __call__(self, text: str) -> str:
        value = self.lookup().get(header_key(text))
        if value is None:
            options = "; ".join(str(label) for _value, label in self.choices.choices)
            raise ValueError(
                _("“%(value)s” is not one of: %(options)s.") % {"value": text, "options": options}
            )
        return value


@dataclass(frozen=True)
class Column:
    """One column of an import: its (lazily translated) header, the field it fills and how to read it.

    ``parse`` turns the cell's text into a value or raises ``ValueError``/``ValidationError`` with a
    message for the user; an empty cell gives ``empty`` (or a problem when ``required``).
    """

    label: Any
    field: str
    required: bool = False
    parse: Callable[[str], Any] | None = None
    max_length: int | None = None
    empty: Any = ""
    hint: Any = ""

    @property
    def options(self) -> list[str]:
        """The accepted labels of a choice column (for the import page)."""
        if isinstance(self.parse, ChoiceParser):
            return [str(label) for _value, label in self.parse.choices.choices]
        return []


@dataclass
class Row:
    """One data row: its parsed values (only for columns in the file whose cell was valid)."""

    number: int
    values: dict[str, Any] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    target: Any = None  # the existing record this row updates, if any
    extra: dict[str, Any] = field(default_factory=dict)  # what ``check`` resolved for ``write``


def error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)


@dataclass(frozen=True)
class ImportSpec:
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.field == name)

    def headers(self) -> list[str]:
        return [str(column.label) for column in self.columns]

    def match_headers(self, table: Table, report: ImportReport) -> dict[int, Column]:
        """Map header positions to columns; unknown, repeated and missing columns become problems."""
        lookup = {
            key: column for column in self.columns for key in map(header_key, in_every_language(column.label))
        }
        mapping: dict[int, Column] = {}
        for index, header in enumerate(table.headers):
            if not header_key(header):
                continue
            column = lookup.get(header_key(header))
            if column is None:
                report.add(
                    table.header_row,
                    header,
                    _("Unknown column “%(header)s”. The columns this import reads are: %(columns)s.")
                    % {"header": header, "columns": "; ".join(self.headers())},
                )
            elif any(known.field == column.field for known in mapping.values()):
                report.add(table.header_row, header, _("This column appears more than once."))
            else:
                mapping[index] = column
        present = {column.field for column in mapping.values()}
        for column in self.columns:
            if column.required and column.field not in present:
                report.add(
                    table.header_row,
                    column.label,
                    _("The required column “%(column)s” is missing.") % {"column": column.label},
                )
        return mapping

    def parse_rows(self, table: Table, mapping: dict[int, Column], report: ImportReport) -> list[Row]:
        rows = []
        unnamed = {index for index, header in enumerate(table.headers) if not header_key(header)}
        unnamed_reported: set[int] = set()
        for number, cells in table.rows:
            row = Row(number)
            for index, column in mapping.items():
                self._parse_cell(row, column, cells[index] if index < len(cells) else "", report)
            for index in unnamed | set(range(len(table.headers), len(cells))):
                if index < len(cells) and cells[index] and index not in unnamed_reported:
                    unnamed_reported.add(index)
                    letter = get_column_letter(index + 1)
                    report.add(
                        number, letter, _("Column %(letter)s has values but no header.") % {"letter": letter}
                    )
            rows.append(row)
        return rows

    @staticmethod
    def _parse_cell(row: Row, column: Column, text: str, report: ImportReport) -> None:
        reason = None
        if not text:
            if not column.required:
                row.values[column.field] = column.empty
                return
            reason = _("This value is required.")
        elif column.max_length and len(text) > column.max_length:
            reason = _("At most %(limit)s characters are allowed; this value has %(length)s.") % {
                "limit": column.max_length,
                "length": len(text),
            }
        else:
            try:
                row.values[column.field] = column.parse(text) if column.parse else text
                return
            except (ValueError, ValidationError) as error:
                reason = error_text(error)
        row.failed.add(column.field)
        report.add(row.number, column.label, reason)


def fetch_in(queryset, field_name: str, values: Iterable) -> list:
    """Objects whose ``field_name`` is among ``values``: one query per 10,000 values."""
    values = sorted(set(values))
    found = []
    for start in range(0, len(values), IN_CHUNK):
        found.extend(queryset.filter(**{f"{field_name}__in": values[start : start + IN_CHUNK]}))
    return found


# --- The importer --------------------------------------------------------------------------------


class Importer:
    """Subclasses set ``spec`` and implement ``prepare`` (bulk reads), ``check`` (per row, no queries)
    and ``write`` (per row, through services; returns CREATED, UPDATED or UNCHANGED)."""

    spec: ImportSpec

    def __init__(self, *, user, update_existing: bool = False):
        self.user = user
        self.update_existing = update_existing
        self.view_scope = scope_for(user, VIEW)
        self.change_scope = scope_for(user, CHANGE)
        self.present: set[str] = set()

    def run(self, upload) -> ImportReport:
        report = ImportReport()
        try:
            table = read_table(upload)
        except ImportFailed as failed:
            report.problems.append(failed.problem)
            return report
        mapping = self.spec.match_headers(table, report)
        if not report.ok:
            return report
        self.present = {column.field for column in mapping.values()}
        rows = self.spec.parse_rows(table, mapping, report)
        self.prepare(rows)
        for row in rows:
            self.check(row, report)
        if report.ok:
            self.write_all(rows, report)
        report.problems = report.sorted_problems()
        return report

    def problem(self, report: ImportReport, row: Row, field_name: str, reason: str) -> None:
        report.add(row.number, self.spec.column(field_name).label, reason)
        row.failed.add(field_name)

    def write_all(self, rows: list[Row], report: ImportReport) -> None:
        counts: Counter[str] = Counter()
        current = None
        try:
            with transaction.atomic():
                for current in rows:
                    counts[self.write(current)] += 1
        except (ValidationError, PermissionDenied, DatabaseError) as error:
            report.add(
                current.number if current else None,
                "",
                _("Nothing was imported: this row could not be saved (%(reason)s).")
                % {"reason": error_text(error)},
            )
            return
        report.created, report.updated, report.unchanged = counts[CREATED], counts[UPDATED], counts[UNCHANGED]

    def prepare(self, rows: list[Row]) -> None:
        """Read what the checks need, in a few bulk queries."""

    def check(self, row: Row, report: ImportReport) -> None:
        """Add the row's problems to ``report`` (no queries here)."""

    def write(self, row: Row) -> str:
        raise NotImplementedError
