"""Decree 30 text conventions: number/symbol, place-date line, list punctuation.

Dates come from the project's ``thidua.core.vietnamese.dates`` (``decree30_date``, ``place_date_line``);
the small local helper is the fallback that keeps the renderer importable on its own, and prints a fully
blank date (the shared helpers always print the year).
"""

from __future__ import annotations

import datetime
import functools
import unicodedata
from types import ModuleType

from .spec import DocumentDate, PartialDate

#: Spaces left for the number and the day when they are filled in by hand at signing.
BLANK_NUMBER = " " * 7
BLANK_DAY = " " * 5


def nfc(text: str) -> str:
    """NFC-normalise and collapse whitespace (NFC and NFD Vietnamese compare unequal)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def clean(text: str) -> str:
    """NFC-normalise and trim, keeping inner spacing and line breaks (deliberate blanks, list cells)."""
    return unicodedata.normalize("NFC", text).strip()


def format_number(number: int | None) -> str:
    """``5`` -> ``"05"``; ``None`` -> blank spaces to be filled in at signing."""
    if number is None:
        return BLANK_NUMBER
    return f"{number:02d}"


def number_line(number: int | None, symbol: str) -> str:
    """``Số: 05/KH-UBND`` (Decree 30, Phụ lục I, II.3)."""
    return f"Số: {format_number(number)}/{symbol.strip()}"


def _day(day: int | None) -> str:
    return BLANK_DAY if day is None else f"{day:02d}"


def _month(month: int | None) -> str:
    if month is None:
        return BLANK_DAY
    return f"{month:02d}" if month <= 2 else str(month)


def _local_decree30_date(value: DocumentDate | None) -> str:
    if value is None:
        return f"ngày {BLANK_DAY} tháng {BLANK_DAY} năm {BLANK_DAY}"
    if isinstance(value, datetime.date):
        value = PartialDate(value.year, value.month, value.day)
    return f"ngày {_day(value.day)} tháng {_month(value.month)} năm {value.year}"


@functools.cache
def _shared_dates() -> ModuleType | None:
    """The project's ``thidua.core.vietnamese.dates`` when present (it is pure Python), else None."""
    try:
        from thidua.core.vietnamese import dates
    except ImportError:  # pragma: no cover - the renderer also runs on its own
        return None
    if hasattr(dates, "decree30_date") and hasattr(dates, "place_date_line"):
        return dates
    return None  # pragma: no cover


def _as_date(value: DocumentDate) -> tuple[datetime.date, dict[str, bool]]:
    """A full date plus the blank flags the shared helpers take for a partial one."""
    if isinstance(value, datetime.date):
        return value, {}
    full = datetime.date(value.year, value.month or 1, value.day or 1)
    return full, {"blank_day": value.day is None, "blank_month": value.month is None}


def decree30_date(value: DocumentDate | None) -> str:
    """``ngày 05 tháng 9 năm 2025``: days 1-9 and months 1-2 take a leading zero; blanks stay blank."""
    shared = _shared_dates()
    if shared is None or value is None:
        return _local_decree30_date(value)
    full, blanks = _as_date(value)
    return shared.decree30_date(full, **blanks)


def place_date_line(place: str, value: DocumentDate | None) -> str:
    """``Cẩm Giang, ngày 05 tháng 9 năm 2025``."""
    shared = _shared_dates()
    if shared is None or value is None:
        return f"{nfc(place)}, {_local_decree30_date(value)}"
    full, blanks = _as_date(value)
    return shared.place_date_line(nfc(place), full, **blanks)


def short_date(value: datetime.date) -> str:
    """``09/9/2025`` as used inside citations ("ngày 09/9/2025"): months 1-2 keep their zero."""
    return f"{value.day:02d}/{_month(value.month)}/{value.year}"


def _strip_end(text: str) -> str:
    return nfc(text).rstrip(" ;,.")


def _strip_item(text: str) -> str:
    text = nfc(text)
    while text[:1] in {"-", "–", "+", "•"}:
        text = text[1:].lstrip()
    return _strip_end(text)


def punctuate_list(items: list[str], *, last: str = ".", each: str = ";") -> list[str]:
    """Each item ends with ``;`` and the last with ``.`` (căn cứ, Kính gửi, Nơi nhận)."""
    cleaned = [_strip_item(item) for item in items if _strip_item(item)]
    return [f"{item}{last if i == len(cleaned) - 1 else each}" for i, item in enumerate(cleaned)]


def recipient_lines(recipients: list[str], archive: str) -> list[str]:
    """The Nơi nhận items: ``- X;`` each, the last ``- Lưu: VT, VHXH.``."""
    items = [_strip_item(r) for r in recipients]
    items = [i for i in items if i and not i.lower().startswith("lưu")]
    archive_text = _strip_end(archive) or "VT"
    lines = [f"- {item};" for item in items]
    lines.append(f"- Lưu: {archive_text}.")
    return lines
