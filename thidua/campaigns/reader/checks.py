"""The clerk's warnings: what a careful reader flags before the document is signed."""

import re
from collections import defaultdict
from dataclasses import dataclass

from thidua.campaigns.reader.header import Header
from thidua.campaigns.reader.paragraphs import Para, roman_value
from thidua.campaigns.reader.references import Citation
from thidua.campaigns.reader.spelling import find_slips
from thidua.campaigns.reader.text import fold, key, same_name

_LEVELS = r"thi tran|thi xa|thanh pho|dac khu|xa|phuong|huyen|quan|tinh"
_LEVEL_NAMES = {
    "thi tran": "thị trấn",
    "thi xa": "thị xã",
    "thanh pho": "thành phố",
    "dac khu": "đặc khu",
    "xa": "xã",
    "phuong": "phường",
    "huyen": "huyện",
    "quan": "quận",
    "tinh": "tỉnh",
}
_PEERS = {
    "xa": ("xa", "phuong", "thi tran", "dac khu"),
    "phuong": ("xa", "phuong", "thi tran", "dac khu"),
    "thi tran": ("xa", "phuong", "thi tran", "dac khu"),
    "dac khu": ("xa", "phuong", "thi tran", "dac khu"),
    "huyen": ("huyen", "quan", "thi xa"),
    "quan": ("huyen", "quan", "thi xa"),
    "thi xa": ("huyen", "quan", "thi xa"),
    "thanh pho": ("thanh pho", "tinh"),
    "tinh": ("tinh", "thanh pho"),
}
_ISSUER_LEVEL = re.compile(rf"\b(?P<level>{_LEVELS})\s+(?P<name>\S.*)$", re.I)
_LEVELS_WRITTEN = r"thị trấn|thị xã|thành phố|đặc khu|xã|phường|huyện|quận|tỉnh"
_OWN_BODY = re.compile(
    r"\b(?:(?:ủy|uỷ) ban nhân dân|ubnd|hội đồng nhân dân|hđnd|đảng (?:ủy|uỷ)|đảng bộ|chủ tịch ubnd|ubmttq(?:vn)?"
    r"|(?:ủy|uỷ) ban mặt trận tổ quốc(?: việt nam)?|trên địa bàn|công an)\s+"
    rf"(?P<level>{_LEVELS_WRITTEN})\s+",
    re.I,
)
_FORMER = re.compile(r"\s*\(?cũ\)?", re.I)  # "xã Cẩm Đông (cũ)": a commune merged into the issuer
_PLURAL = {
    "commune": re.compile(r"\bcác\s+(?:xã|phường|thị trấn)\b(?!\s+(?:viên|hội)\b)", re.I),
    "district": re.compile(r"\bcác\s+(?:huyện|quận|thị xã)\b", re.I),
    "province": re.compile(r"\bcác\s+tỉnh\b(?!\s+(?:ủy|uỷ|thành)\b)", re.I),
}
_SCOPE = {"xa": "commune", "phuong": "commune", "thi tran": "commune", "dac khu": "commune"}
_SCOPE |= {"huyen": "district", "quan": "district", "thi xa": "district", "tinh": "province"}
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def warning(code: str, message: str, line: int | None) -> dict:
    return {"code": code, "message": message, "line": line}


@dataclass(frozen=True)
class Identity:
    level: str
    name: str


def identity_of(issuer: str, parent: str | None) -> Identity | None:
    """The administrative unit the issuer belongs to: ("xa", "Cẩm Giang"), ("tinh", "Lạng Sơn")."""
    for text in (issuer, parent or ""):
        match = _ISSUER_LEVEL.search(fold(text))
        if match:
            name = text[match.start("name") :].strip()
            return Identity(match["level"].lower(), name.lower().title() if name.isupper() else name)
    return None


def header_warnings(header: Header) -> list[dict]:
    out = []
    if header.symbol is None and header.number is None:
        out.append(warning("number_blank", "Không tìm thấy số, ký hiệu văn bản (dòng “Số: …/…”).", None))
    elif header.number is None:
        message = f"Dòng {header.number_line}: số văn bản để trống (“Số: …/{header.symbol}”), cần lấy số tại văn thư."
        out.append(warning("number_blank", message, header.number_line))
    year, month, day = header.date_parts
    if header.date is None:
        out.append(
            warning("date_incomplete", "Không tìm thấy ngày ban hành (dòng “…, ngày … tháng … năm …”).", None)
        )
    elif isinstance(header.date, dict):
        blanks = [label for label, value in (("ngày", day), ("tháng", month), ("năm", year)) if value is None]
        what = ", ".join(blanks) if blanks else "ngày tháng không hợp lệ"
        message = f"Dòng {header.date_line}: ngày ban hành chưa đủ ({what} để trống)."
        if not blanks:
            message = f"Dòng {header.date_line}: ngày ban hành không hợp lệ ({day}/{month}/{year})."
        out.append(warning("date_incomplete", message, header.date_line))
    return out


def name_warnings(header: Header, paragraphs: list[Para], own: Identity | None) -> list[dict]:
    if own is None:
        return []
    out = []
    level_name = _LEVEL_NAMES[own.level]
    parent = identity_of(header.issuer_parent or "", None)
    if header.place and not _place_matches(header.place, own, parent):
        message = (
            f"Dòng {header.date_line}: địa danh “{header.place}” khác tên đơn vị ban hành "
            f"({level_name} {own.name})."
        )
        out.append(warning("issuer_name_mismatch", message, header.date_line))
    seen: set[str] = set()
    for para in paragraphs:
        for match in _OWN_BODY.finditer(para.text):
            if fold(match["level"]).lower() not in _PEERS[own.level]:
                continue
            following = para.text[match.end() :]
            name = _proper_name(following)
            if (
                not name
                or same_name(name, own.name)
                or key(name) in seen
                or _FORMER.match(following[len(name) :])
            ):
                continue
            seen.add(key(name))
            written = para.text[match.start() : match.end()] + name
            line = para.line_at(match.start())
            message = (
                f"Dòng {line}: “{written}” — tên này khác đơn vị ban hành ({level_name} {own.name}), "
                "có thể còn sót từ văn bản khác."
            )
            out.append(warning("issuer_name_mismatch", message, line))
    return out


def _place_matches(place: str, own: Identity, parent: Identity | None) -> bool:
    names = [own.name] + ([parent.name] if parent else [])
    place_key = key(place).replace("tp. ", "").replace("thanh pho ", "")
    return any(place_key in key(name) or key(name) in place_key for name in names)


def _proper_name(text: str) -> str:
    words = []
    for token in text.split()[:4]:
        match = re.match(r"[^\W_]+", token)
        if match is None or not (token[0].isupper() or token[0].isdigit()):
            break
        words.append(match.group())
        if match.group() != token:
            break
    return " ".join(words)


def plural_warnings(paragraphs: list[Para], own: Identity | None) -> list[dict]:
    if own is None or own.level not in _SCOPE:
        return []
    pattern = _PLURAL[_SCOPE[own.level]]
    out = []
    for para in paragraphs:
        for match in pattern.finditer(para.text):
            following = para.text[match.end() : match.end() + 80]
            if following.strip()[:1].isupper() or "(cũ)" in following:
                continue  # "các xã Cẩm Đông, Cẩm Đoài (cũ)" names the former communes of a merger
            start = max(para.text.rfind(" ", 0, max(match.start() - 30, 0)) + 1, 0)
            phrase = para.text[start : match.end()].strip()
            line = para.line_at(match.start())
            message = (
                f"Dòng {line}: “…{phrase}” — văn bản của một {_LEVEL_NAMES[own.level]} mà viết "
                f"“{para.text[match.start() : match.end()]}”, có thể chép từ văn bản cấp trên."
            )
            out.append(warning("plural_scope", message, line))
    return out


def spelling_warnings(paragraphs: list[Para]) -> list[dict]:
    groups: dict[str, list] = defaultdict(list)
    for para in paragraphs:
        for slip in find_slips(para.text):
            groups[slip.written.lower()].append((para.line_at(slip.start), slip))
    out = []
    for occurrences in groups.values():
        lines = sorted({line for line, _ in occurrences})
        slip = occurrences[0][1]
        where = "dòng " + ", ".join(map(str, lines))
        if slip.suggestion:
            message = f"“{slip.written}” ({where}): có thể viết sai, đúng là “{slip.suggestion}”."
        else:
            message = (
                f"“{slip.written}” ({where}): không phải từ tiếng Việt, có thể lỗi gõ hoặc lỗi nhận dạng chữ."
            )
        out.append(warning("spelling", message, lines[0]))
    return out


def citation_warnings(citations: list[Citation]) -> list[dict]:
    groups: dict[tuple[str, str], list[Citation]] = defaultdict(list)
    for citation in citations:
        groups[(key(citation.kind), citation.number)].append(citation)
    out = []
    for cited in groups.values():
        symbols = list(dict.fromkeys(c.symbol for c in cited))
        dates = {c.date for c in cited if c.date}
        if len(symbols) < 2 and len(dates) < 2:
            continue
        if len(symbols) >= 2 and len(dates) >= 2:
            continue  # two different documents that happen to share a number
        forms = "; ".join(f"“{c.written}” (dòng {c.line})" for c in _first_per_symbol(cited))
        first = cited[0]
        if len(symbols) >= 2:
            message = f"{first.kind} số {first.number} được trích dẫn với các ký hiệu khác nhau: {forms}."
        else:
            shown = ", ".join(sorted(dates))
            message = (
                f"{first.kind} {first.number}/{first.symbol} được trích dẫn với các ngày khác nhau ({shown})."
            )
        suggestion = _expected_party_symbol(cited)
        if suggestion:
            message += f" Văn bản của {suggestion[0]} thì ký hiệu đúng là “{first.number}-{suggestion[1]}”."
        out.append(warning("citation_inconsistent", message, cited[1].line if len(cited) > 1 else first.line))
    return out


def _first_per_symbol(cited: list[Citation]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for citation in cited:
        seen.setdefault(citation.symbol, citation)
    return list(seen.values())


_PARTY_SUFFIX = (
    (re.compile(r"thanh uy|tinh uy", re.I), "TU"),
    (re.compile(r"huyen uy", re.I), "HU"),
    (re.compile(r"quan uy", re.I), "QU"),
    (re.compile(r"dang uy", re.I), "ĐU"),
    (re.compile(r"bo chinh tri|ban bi thu|trung uong", re.I), "TW"),
)
_PARTY_CODES = {"chi thi": "CT", "nghi quyet": "NQ", "ket luan": "KL", "quy dinh": "QĐ", "huong dan": "HD"}


def _expected_party_symbol(cited: list[Citation]) -> tuple[str, str] | None:
    """Party documents are numbered "46-CT/TU": the suffix follows from the issuing committee."""
    if not all(c.separator == "-" for c in cited):
        return None
    issuer = next((c.issuer for c in cited if c.issuer), None)
    code = _PARTY_CODES.get(key(cited[0].kind))
    if not issuer or not code:
        return None
    for pattern, suffix in _PARTY_SUFFIX:
        if pattern.search(fold(issuer)):
            return issuer, f"{code}/{suffix}"
    return None


def heading_warnings(paragraphs: list[Para]) -> list[dict]:
    """Numbering that skips or repeats (I., II.; 1., 2.; Điều 1, 2), and points out of a), b), c), d), đ)."""
    out: list[dict] = []
    last = {"roman": 0, "dieu": 0, "arabic": 0}
    letters: list[tuple[str, int]] = []
    where = {"roman": "", "arabic": ""}

    def flush() -> None:
        if letters:
            label = ".".join(part for part in (where["roman"], where["arabic"]) if part)
            out.extend(_letter_warnings(letters, label))
            letters.clear()

    for para in paragraphs:
        marker = para.marker
        if marker is None or marker.kind not in ("roman", "dieu", "arabic", "letter"):
            continue
        if marker.kind == "letter":
            letters.append((marker.value, para.line))
            continue
        flush()
        value = roman_value(marker.value) if marker.kind == "roman" else int(re.sub(r"\D", "", marker.value))
        previous = last[marker.kind]
        if value is not None and value != previous + 1:
            what = "lặp lại" if value <= previous else f"nhảy cóc (thiếu mục {previous + 1})"
            inside = f" trong phần {where['roman']}" if marker.kind == "arabic" and where["roman"] else ""
            message = f"Dòng {para.line}: đánh số “{marker.value}”{inside} {what}."
            out.append(warning("heading_sequence", message, para.line))
        last[marker.kind] = value or previous
        if marker.kind in ("roman", "dieu"):
            where["roman"], where["arabic"] = marker.value, ""
            last["arabic"] = 0
        elif marker.kind == "arabic":
            where["arabic"] = marker.value
    flush()
    return out


def _letter_warnings(letters: list[tuple[str, int]], section: str) -> list[dict]:
    sequence = "".join(letter for letter, _ in letters)
    where = f" mục {section}" if section else ""
    if VIETNAMESE_LETTERS.startswith(sequence):
        return []
    shown = ", ".join(f"{letter})" for letter, _ in letters)
    if LATIN_LETTERS.startswith(sequence):
        index = next(i for i, letter in enumerate(sequence) if VIETNAMESE_LETTERS[i] != letter)
        line = letters[index][1]
        message = (
            f"Dòng {line}: các điểm{where} ({shown}) đánh theo chữ cái La-tinh; theo Nghị định 30/2020 "
            "điểm đánh theo thứ tự chữ cái tiếng Việt: a), b), c), d), đ), e), g)…"
        )
        return [warning("heading_sequence", message, line)]
    for index, (letter, line) in enumerate(letters):
        expected = VIETNAMESE_LETTERS[index] if index < len(VIETNAMESE_LETTERS) else None
        if letter != expected:
            what = (
                "lặp lại" if letter in sequence[:index] else f"không đúng thứ tự (đáng lẽ là “{expected})”)"
            )
            message = f"Dòng {line}: điểm “{letter})”{where} {what}."
            return [warning("heading_sequence", message, line)]
    return []
