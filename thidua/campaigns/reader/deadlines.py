"""Dated obligations ("báo cáo … trước ngày 15 tháng 12 năm 2025") and the campaign period."""

import re

from thidua.campaigns.reader.dates import date_at, month_end_at, month_start_at, year_end_at
from thidua.campaigns.reader.paragraphs import Para, marker_of
from thidua.campaigns.reader.text import capitalize_first, clean, fold

_TRIGGER = re.compile(
    r"\b(?:truoc|cham nhat|muon nhat|han chot|han cuoi|khong qua|khong muon hon|xong truoc)"
    r"(?:\s+(?:la|vao))?(?:\s+\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2}\s*(?:phut)?)?\s*,?)?\s+(?:ngay\s+)?(?=\d)",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ\"“(])")
_BODY = (
    r"(?:ủy ban|uỷ ban|ubnd|sở|phòng|ban|văn phòng|hội đồng|thường trực|trung tâm|bộ|cục|chi cục|thành ủy|tỉnh ủy"
    r"|huyện ủy|đảng ủy|chủ tịch|thủ tướng|chính phủ|cấp trên|cơ quan thường trực|bộ phận|công an|mặt trận|ubmttq)"
)
# Runs on the text itself (not folded): "bản" is not "Ban".
_RECEIVER = re.compile(
    rf"\b(?:báo cáo|gửi|nộp|trình|chuyển)(?:(?:\s+(?:kết quả|cho|lên|đến))*\s+|(?:\s+[^\s,;]+){{0,6}}?\s+về\s+)"
    rf"(?P<to>{_BODY}\b[^,;:()]*?)(?=\s*(?:\(|,|;|$|\s+(?:để|qua|trước|chậm nhất|trong|tổng hợp|theo)\b))",
    re.I,
)
_LOWER_CASE_BODIES = ("uy ban", "ubnd", "cap tren")
_OBLIGATION = re.compile(
    r"\b(?:bao cao|gui|nop|hoan thanh|hoan tat|dang ky|tong hop|trinh|xong|thuc hien|to chuc|trien khai|chuyen"
    r"|cap nhat|lap|xay dung|de xuat|de nghi|ban hanh|so ket|tong ket|ket thuc|phe duyet|cung cap)\b",
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


def _receiver(text: str, begin: int, before: int) -> str | None:
    """The body the result goes to: the last "báo cáo/gửi/nộp … (về) <body>" before the date."""
    found = None
    for match in _RECEIVER.finditer(text[:before], begin):
        name = clean(match["to"])
        if name[:1].isupper() or fold(name).lower().startswith(_LOWER_CASE_BODIES):
            found = name
    return capitalize_first(found) if found else None


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
            if not _OBLIGATION.search(folded, begin, finish):
                continue  # "khen thưởng trước ngày 01/01/2024" tells history, not a duty
            deadlines.append(
                {
                    "date": found[0],
                    "text": _without_marker(clean(text[begin:finish])),
                    "to": _receiver(text, begin, match.start()),
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
            found = (
                date_at(folded, match.end(), default_year=year)
                or month_end_at(folded, match.end())
                or year_end_at(folded, match.end())
            )
            if found:
                end = end or found[0]
        for match in _PERIOD_START.finditer(folded):
            found = date_at(folded, match.end(), default_year=year) or month_start_at(folded, match.end())
            if found:
                start = start or found[0]
        if end:
            break
    return start, end
