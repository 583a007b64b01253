"""Dated obligations ("báo cáo … trước ngày 15 tháng 12 năm 2025") and the campaign period."""

import re

from thidua.campaigns.reader.dates import date_at, iso, month_end_at
from thidua.campaigns.reader.paragraphs import Para, marker_of
from thidua.campaigns.reader.text import capitalize_first, clean, fold

_TRIGGER = re.compile(
    r"\b(?:truoc|cham nhat|muon nhat|han chot|han cuoi|khong qua|khong muon hon|xong truoc)"
    r"(?:\s+(?:la|vao))?(?:\s+\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2}\s*(?:phut)?)?\s*,?)?\s+(?:ngay\s+)?(?=\d)",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ\"“(])")
_BODY = (
    r"(?:uy ban|ubnd|so|phong|ban|van phong|hoi dong|thuong truc|trung tam|bo|cuc|chi cuc|thanh uy|tinh uy"
    r"|huyen uy|dang uy|chu tich|thu tuong|chinh phu|cap tren|co quan thuong truc|bo phan|cong an|mat tran|ubmttq)"
)
_RECEIVER = re.compile(
    rf"\b(?:bao cao|gui|nop|trinh|chuyen)(?:\s+(?:ket qua|ve|cho|len|den))*\s+(?P<to>{_BODY}\b[^,;:()]*?)"
    rf"(?=\s*(?:\(|,|;|$|\s+(?:de|qua|truoc|cham nhat|trong|tong hop|theo)\b))",
    re.I,
)
_PERIOD_END = re.compile(r"\b(?:den het|den|toi|ket thuc(?:\s+vao)?)\s+(?:ngay\s+)?", re.I)
_PERIOD_START = re.compile(r"\b(?:tu|bat dau tu|bat dau)\s+(?:ngay\s+)?", re.I)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end); a long sentence is cut to its clause (between semicolons)."""
    begin, finish = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            finish = match.start()
            break
    if len(text[begin:finish]) > 300:
        begin = max(begin, text.rfind(";", begin, start) + 1)
        right = text.find(";", end, finish)
        finish = right if right != -1 else finish
    return begin, finish


def _without_marker(sentence: str) -> str:
    marker = marker_of(sentence)
    return marker.body if marker and marker.kind != "dieu" else sentence


def _receiver(text: str, folded: str, begin: int, before: int) -> str | None:
    candidates = list(_RECEIVER.finditer(folded[:before], begin))
    if not candidates:
        return None
    match = candidates[-1]
    return capitalize_first(clean(text[match.start("to") : match.end("to")])) or None


def find_deadlines(paragraphs: list[Para], year: int | None) -> list[dict]:
    deadlines = []
    for para in paragraphs:
        text = para.text
        folded = fold(text)
        for match in _TRIGGER.finditer(folded):
            found = date_at(folded, match.end(), default_year=year)
            if not found:
                continue
            begin, finish = _sentence_bounds(text, match.start(), found[1])
            deadlines.append(
                {
                    "date": found[0],
                    "text": _without_marker(clean(text[begin:finish])),
                    "to": _receiver(text, folded, begin, match.start()),
                    "line": para.line_at(match.start()),
                }
            )
    return deadlines


def find_period(paragraphs: list[Para], year: int | None) -> tuple[str | None, str | None]:
    """(start, end) of the campaign from "từ ngày … đến hết ngày/tháng/năm …"."""
    start = end = None
    for para in paragraphs:
        folded = fold(para.text)
        for match in _PERIOD_END.finditer(folded):
            found = date_at(folded, match.end(), default_year=year) or month_end_at(folded, match.end())
            if not found and folded[match.start() :].lower().startswith("den het nam"):
                year_match = re.match(r"\s*(\d{4})", folded[match.end() + 3 :])
                found = (iso(int(year_match[1]), 12, 31), 0) if year_match else None
            if found and found[0]:
                end = end or found[0]
        for match in _PERIOD_START.finditer(folded):
            found = date_at(folded, match.end(), default_year=year)
            if found:
                start = start or found[0]
        if end:
            break
    return start, end
