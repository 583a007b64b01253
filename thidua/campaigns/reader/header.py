"""The Decree 30 header: issuing body (and its parent), "Số: …/…", place and date, "V/v"."""

import datetime
import re
from dataclasses import dataclass

from thidua.campaigns.reader.text import Line, clean, fold, key

_NATIONAL = re.compile(
    r"cong\s*hoa\s+xa\s+hoi\s+chu\s+nghia(?:\s+viet\s+nam)?|dang\s+cong\s+san\s+viet\s+nam|^\s*viet\s+nam\s*$",
    re.I | re.M,
)
_MOTTO = re.compile(r"doc\s*lap\s*[-–—]*\s*tu\s*do\s*[-–—]*\s*hanh\s*phuc", re.I)
_NUMBER = re.compile(
    r"(?:^|(?<=\s))so\s*(?::\s*|(?=\s*[\d./…_-]))(?P<num>\d+[a-z]?(?:/\d{4})?|[.…_ ]*?)\s*[/-]\s*"
    r"(?P<sym>[a-z0-9][a-z0-9\-/.&]*[a-z0-9]|[a-z])",
    re.I | re.M,
)
_PLACE_DATE = re.compile(
    r",?[ \t]*ngay\s*(?P<d>\d{1,2}|[.…_ \t]*?)\s*thang\s*(?P<m>\d{1,2}|[.…_ \t]*?)\s*"
    r"nam\s*(?P<y>\d{4}|[.…_ \t]*)",
    re.I,
)
_SUBJECT = re.compile(r"^\s*v\s*/\s*v\s*:?\s*", re.I)
_ORG_STARTS = tuple(
    f"{word} "
    for word in (
        "uy ban",
        "ubnd",
        "hoi dong",
        "so",
        "phong",
        "ban",
        "van phong",
        "trung tam",
        "bo",
        "cuc",
        "chi cuc",
        "tong cuc",
        "dang uy",
        "dang bo",
        "thanh uy",
        "tinh uy",
        "huyen uy",
        "quan uy",
        "chi bo",
        "hoi",
        "mat tran",
        "uy ban mat tran",
        "doan",
        "cong an",
        "truong",
        "benh vien",
        "tram",
        "thanh tra",
        "kho bac",
        "cong ty",
        "hop tac xa",
        "lien doan",
        "bch",
        "chinh phu",
        "quoc hoi",
        "toa an",
        "vien kiem sat",
        "bo chi huy",
        "ubmttq",
        "hdnd",
        "hoi dong nhan dan",
    )
)
_LEVELS = ("xa ", "phuong ", "thi tran ", "huyen ", "quan ", "thi xa ", "thanh pho ", "tinh ", "dac khu ")


@dataclass
class Header:
    issuer: str = ""
    issuer_parent: str | None = None
    number: str | None = None
    symbol: str | None = None
    number_line: int | None = None
    place: str | None = None
    date: str | dict | None = None
    date_line: int | None = None
    date_parts: tuple[int | None, int | None, int | None] = (None, None, None)
    subject: str | None = None


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def _int_or_none(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def make_date(year: int | None, month: int | None, day: int | None) -> str | dict | None:
    """ISO string when complete and valid, else the {year, month, day} object of the contract."""
    if year is None and month is None and day is None:
        return None
    if None not in (year, month, day):
        try:
            return datetime.date(year, month, day).isoformat()  # type: ignore[arg-type]
        except ValueError:
            pass
    return {"year": year, "month": month, "day": day}


def parse_header(lines: list[Line]) -> Header:
    header = Header()
    text = "\n".join(line.text for line in lines)
    folded = fold(text)
    starts = []
    position = 0
    for line in lines:
        starts.append(position)
        position += len(line.text) + 1
    chars = list(text)

    def line_of(offset: int) -> int:
        index = max(i for i, start in enumerate(starts) if start <= offset)
        return lines[index].no

    for pattern in (_NATIONAL, _MOTTO):
        for match in pattern.finditer(folded):
            _blank(chars, match.start(), match.end())
    number = _NUMBER.search(folded)
    if number:
        raw_number = number["num"].strip(" .…_")
        header.number = raw_number or None
        header.symbol = text[number.start("sym") : number.end("sym")].rstrip(".")
        header.number_line = line_of(number.start())
        _blank(chars, number.start(), number.end())
    _read_place_date(header, text, folded, chars, line_of)
    _read_issuer(header, "".join(chars).split("\n"))
    return header


def _read_place_date(header: Header, text: str, folded: str, chars: list[str], line_of) -> None:
    match = _PLACE_DATE.search(folded)
    if not match:
        return
    day, month, year = _int_or_none(match["d"]), _int_or_none(match["m"]), _int_or_none(match["y"])
    header.date_parts = (year, month, day)
    header.date = make_date(year, month, day)
    header.date_line = line_of(match.start())
    line_start = text.rfind("\n", 0, match.start()) + 1
    before = "".join(chars[line_start : match.start()])
    place_tokens: list[str] = []
    for token in reversed(before.split()):
        if token[:1].isupper() or token in ("-", "–") or (place_tokens and token.endswith(".")):
            place_tokens.insert(0, token)
            continue
        break
    while place_tokens and place_tokens[0] in ("-", "–"):
        place_tokens.pop(0)
    if place_tokens:
        header.place = clean(" ".join(place_tokens).strip(" ,"))
        place_start = line_start + before.rfind(place_tokens[0])
        _blank(chars, place_start, match.end())
    else:
        _blank(chars, match.start(), match.end())


def _read_issuer(header: Header, remaining: list[str]) -> None:
    units: list[list[str]] = []
    for raw in remaining:
        text = clean(raw).strip(" -–—_")
        if not text or len(text) < 2:
            continue
        if _SUBJECT.match(text):
            header.subject = clean(_SUBJECT.sub("", text))
            continue
        if ":" in text or "@" in text:
            continue  # "Người ký: …", "Email: …", "Thời gian ký: …" stamped by e-signing systems
        folded = key(text) + " "
        if not units or folded.startswith(_ORG_STARTS):
            units.append([text])
        else:
            units[-1].append(text)
    units = _repair_order(units)
    joined = [" ".join(unit) for unit in units]
    if joined:
        header.issuer = joined[-1]
        header.issuer_parent = " ".join(joined[:-1]) or None


def _repair_order(units: list[list[str]]) -> list[list[str]]:
    """A level line ("XÃ CẨM GIANG") printed before its body ("ỦY BAN NHÂN DÂN") is put back after it."""
    repaired: list[list[str]] = []
    for unit in units:
        if repaired and len(unit) == 1 and _is_bare_level(repaired[-1]) and not _has_level(unit[0]):
            repaired[-1] = [unit[0], *repaired[-1]]
        else:
            repaired.append(unit)
    return repaired


def _is_bare_level(unit: list[str]) -> bool:
    return (key(" ".join(unit)) + " ").startswith(_LEVELS) and not (key(unit[0]) + " ").startswith(
        _ORG_STARTS
    )


def _has_level(text: str) -> bool:
    folded = f" {key(text)} "
    return any(f" {level}" in folded for level in _LEVELS)
