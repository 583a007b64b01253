"""Conversions shared by the builders: plan-parse contract values -> spec values."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..formatting import decree30_date, format_number, nfc
from ..spec import Block, DocumentDate, Heading, Paragraph, PartialDate, Signature

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_BODY_PREFIX = re.compile(
    r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG)\s+(.+)$"
)
_LEVEL_WORDS = ("THỊ TRẤN", "THỊ XÃ", "THÀNH PHỐ", "ĐẶC KHU", "PHƯỜNG", "XÃ", "HUYỆN", "QUẬN", "TỈNH")


def parse_date(value: Any) -> DocumentDate | None:
    """Accept a ``date``, an ISO string, or the contract's ``{year, month, day}`` with blanks."""
    if value is None or isinstance(value, datetime.date | PartialDate):
        return value
    if isinstance(value, str):
        return datetime.date.fromisoformat(value) if value.strip() else None
    if isinstance(value, Mapping):
        year, month, day = value.get("year"), value.get("month"), value.get("day")
        if year is None:
            return None
        if month is not None and day is not None:
            return datetime.date(int(year), int(month), int(day))
        return PartialDate(
            int(year), None if month is None else int(month), None if day is None else int(day)
        )
    raise ValueError(f"Unrecognised date: {value!r}")


def parse_number(value: Any) -> int | None:
    """``"05"`` -> 5; blank or non-numeric -> None (left blank for the registry to fill)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    digits = str(value).strip()
    return int(digits) if digits.isdigit() and int(digits) > 0 else None


def issuer_lines(issuer: str | Iterable[str]) -> list[str]:
    """``"ỦY BAN NHÂN DÂN XÃ CẨM GIANG"`` -> ``["ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG"]``."""
    if not isinstance(issuer, str):
        return [nfc(line) for line in issuer if nfc(line)]
    text = nfc(issuer).upper()
    match = _BODY_PREFIX.match(text)
    if match:
        return [match.group(1), match.group(2)]
    return [text]


def issuer_name(lines: list[str]) -> str:
    """The issuer as written in running text: ``Ủy ban nhân dân xã Cẩm Giang``."""
    words: list[str] = []
    text = " ".join(lines)
    match = _BODY_PREFIX.match(text)
    rest = text
    if match:
        words.append(match.group(1).capitalize())
        rest = match.group(2)
    for level in _LEVEL_WORDS:
        if rest.startswith(level + " "):
            words.append(level.lower())
            rest = rest[len(level) + 1 :]
            break
    words.append(rest.title() if rest.isupper() else rest)
    name = " ".join(words)
    return name[0].upper() + name[1:] if name else name


def lower_first(text: str) -> str:
    """Lower-case the first letter when the text continues a sentence ("Phát động ..." -> "phát động ...")."""
    text = nfc(text)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def sentence(text: str, end: str = ".") -> str:
    text = nfc(text).rstrip(" ;,.:")
    return f"{text}{end}" if text else text


def roman(index: int) -> str:
    return _ROMAN[index - 1] if index <= len(_ROMAN) else str(index)


def lettered(items: Iterable[str]) -> list[Block]:
    """Items as ``a) ...``, ``b) ...`` paragraphs; a single item is printed without a letter."""
    cleaned = [sentence(item) for item in items if nfc(item)]
    if len(cleaned) == 1:
        return [Paragraph(cleaned[0])]
    return [
        Paragraph(text, lead=f"{_LETTERS[i % len(_LETTERS)]})", lead_style="plain")
        for i, text in enumerate(cleaned)
    ]


class Numbering:
    """Hands out "I.", "II." for sections and "1.", "2." for the items inside the current section."""

    def __init__(self) -> None:
        self.section = 0
        self.item = 0

    def heading(self, text: str) -> Heading:
        self.section += 1
        self.item = 0
        return Heading(nfc(text).upper(), level=1, label=f"{roman(self.section)}.")

    def subheading(self, text: str) -> Heading:
        self.item += 1
        return Heading(sentence(text), level=2, label=f"{self.item}.")


def signature_from(signer: Mapping[str, Any] | None, *, signed: bool = False) -> Signature:
    signer = signer or {}
    return Signature(
        position=nfc(signer.get("title") or "CHỦ TỊCH"),
        name=nfc(signer.get("name") or ""),
        capacity=nfc(signer["capacity"]) if signer.get("capacity") else None,
        signed=signed,
    )


def split_recipients(recipients: Iterable[str]) -> tuple[list[str], str]:
    """Separate the "Lưu: VT, VHXH" entry from the other Nơi nhận entries; normalise its separators."""
    items: list[str] = []
    archive = "VT"
    for entry in recipients:
        text = nfc(entry).lstrip("-–+ ").rstrip(" ;,.")
        if not text:
            continue
        if text.lower().startswith("lưu"):
            parts = [p.strip() for p in re.split(r"[.,;]", text.split(":", 1)[-1]) if p.strip()]
            archive = ", ".join(parts) or "VT"
        else:
            items.append(text)
    return items, archive


def document_citation(
    kind: str, number: Any, symbol: str | None, date: Any, issuer: str | None, *, blank_date: bool = False
) -> str:
    """``Kế hoạch số 252/KH-UBND ngày 09 tháng 9 năm 2025 của Ủy ban nhân dân thành phố``.

    A blank number keeps its spaces (``số       /BC-UBND``); ``blank_date`` prints ``ngày ... tháng ...
    năm ...`` blanks when the date is unknown (a document citing itself before signing).
    """
    parts = [nfc(kind)]
    if number or symbol:
        if isinstance(number, str) and number.strip() and not number.strip().isdigit():
            shown = nfc(number)
        else:
            shown = format_number(parse_number(number))
        parts.append(f"số {shown}/{nfc(symbol or '')}".rstrip("/"))
    parsed = parse_date(date)
    if parsed is not None or blank_date:
        parts.append(decree30_date(parsed))
    if issuer:
        parts.append(f"của {nfc(issuer)}")
    return " ".join(parts)
