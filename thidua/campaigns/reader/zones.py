"""Cut a document into its Decree 30 zones: header, kind and title, body, signature tail."""

import re
from dataclasses import dataclass

from thidua.campaigns.reader.paragraphs import marker_of
from thidua.campaigns.reader.text import Line, is_upper_text, key

_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*[-–—])?$", re.I)
_RULE = re.compile(r"^[\s\-–—_=~.*‾…·•]+$")
_NOISE = re.compile(r"^(?:\(?dự thảo\)?|mật|khẩn|thượng khẩn|hỏa tốc|hoả tốc)$", re.I)

DOC_KINDS = (
    "chuong trinh hanh dong",
    "ke hoach lien tich",
    "huong dan lien tich",
    "nghi quyet lien tich",
    "thong bao ket luan",
    "giay gioi thieu",
    "giay uy quyen",
    "ke hoach",
    "quyet dinh",
    "bao cao",
    "chi thi",
    "thong bao",
    "huong dan",
    "chuong trinh",
    "phuong an",
    "de an",
    "to trinh",
    "bien ban",
    "nghi quyet",
    "quy che",
    "quy dinh",
    "giay moi",
    "cong dien",
    "ket luan",
    "dieu le",
    "thong tri",
    "cong van",
)
_BODY_START_WORDS = (
    "can cu",
    "thuc hien",
    "xet ",
    "theo de nghi",
    "theo chi dao",
    "nham ",
    "de ",
    "tren co so",
    "trien khai",
    "kinh gui",
    "hom nay",
    "vao hoi",
    "quyet dinh:",
    "quyet nghi:",
)
_AUTHORITY = re.compile(
    r"^(chu tich|pho chu tich|giam doc|bo truong|uy ban nhan dan|hoi dong|ban thuong vu|ban chap hanh"
    r"|truong ban|thu truong|hieu truong|chanh van phong|truong phong|bi thu)\b"
)
_POSITION = re.compile(
    r"^(?:pho )?(?:chu tich|giam doc|truong phong|truong ban|chanh van phong|bi thu|hieu truong"
    r"|tong giam doc|bo truong|thu truong|chu nhiem|cuc truong|vien truong)$"
)
_TAIL_START = re.compile(r"^(?:noi nhan|(?:tm|kt|q|tl|tuq)\s*\.\s*\S|(?:t/m|k/t|t/l)\s+\S)", re.I)


def is_noise(text: str) -> bool:
    """Page numbers, horizontal rules and draft or urgency stamps."""
    return bool(_PAGE_NUMBER.match(text) or _RULE.match(text) or _NOISE.match(text))


def _unspaced(text: str) -> str:
    """ "K Ế H O Ạ C H" (letter-spaced in some PDFs) → "KẾHOẠCH"; other text unchanged."""
    tokens = text.split()
    return "".join(tokens) if len(tokens) >= 4 and all(len(t) == 1 for t in tokens) else text


def _spaced_kind(text: str) -> str | None:
    compact = _unspaced(text)
    if compact == text:
        return None
    for kind in DOC_KINDS:
        if key(compact) == kind.replace(" ", ""):
            words, start = [], 0
            for word in kind.split():
                words.append(compact[start : start + len(word)])
                start += len(word)
            return " ".join(words)
    return None


def kind_of(text: str) -> tuple[str, str] | None:
    """(kind as printed, rest of the line) when the line is a document-kind line."""
    spaced = _spaced_kind(text.rstrip(" :."))
    if spaced:
        return spaced, ""
    folded = key(text).rstrip(" :.")
    for kind in DOC_KINDS:
        if folded == kind and is_upper_text(text):
            return text.rstrip(" :.").strip(), ""
        if folded.startswith(kind + " "):
            printed = text[: len(kind)]
            rest = text[len(kind) :].strip()
            if is_upper_text(printed) and rest[:1].isupper() and not is_upper_text(rest):
                return printed, rest
    return None


def _starts_body(text: str, first_title_line: bool) -> bool:
    marker = marker_of(text)
    if marker is not None and marker.kind in ("roman", "dieu", "arabic"):
        return True
    if first_title_line:
        return False
    if marker is not None and marker.kind in ("dash", "plus"):
        text = marker.body  # "- Căn cứ …"
    folded = key(text)
    if text[:1].isupper() and folded.startswith(_BODY_START_WORDS):
        return True
    return is_upper_text(text) and bool(_AUTHORITY.match(folded)) and len(folded.split()) >= 3


@dataclass
class Zones:
    header: list[Line]
    kind: str
    kind_line: int | None
    title: list[Line]
    body: list[Line]
    tail: list[Line]


def split_zones(lines: list[Line]) -> Zones:
    lines = [line for line in lines if not is_noise(line.text)]
    kind_index, kind, rest = _find_kind(lines)
    if kind_index is None:
        header_end = _header_end_without_kind(lines)
        header, title, after = lines[:header_end], [], lines[header_end:]
        kind_line = None
    else:
        moved = _header_lines_after(lines, kind_index)
        header = lines[:kind_index] + moved
        kind_line = lines[kind_index].no
        after = lines[kind_index + 1 + len(moved) :]
        if rest:
            after = [Line(kind_line, rest), *after]
        title_end = _title_end(after)
        title, after = after[:title_end], after[title_end:]
    body_end = _tail_start(after)
    return Zones(header, kind, kind_line, title, after[:body_end], after[body_end:])


def _find_kind(lines: list[Line]) -> tuple[int | None, str, str]:
    for index, line in enumerate(lines[:40]):
        found = kind_of(line.text)
        if found:
            return index, found[0], found[1]
    return None, "", ""


_HEADER_LINE = re.compile(r"^(?:cong hoa xa hoi|viet nam$|doc lap|so\s*:|[^,]{2,40},?\s*ngay\b.*\bthang\b)")


def _header_lines_after(lines: list[Line], kind_index: int) -> list[Line]:
    """Right-hand header cells a PDF extractor put after the document kind (narrow left column)."""
    moved: list[Line] = []
    for line in lines[kind_index + 1 : kind_index + 8]:
        folded = key(line.text)
        follows_date = bool(moved) and key(moved[-1].text).endswith("nam") and re.fullmatch(r"\d{4}", folded)
        if not (_HEADER_LINE.match(folded) or follows_date):
            break
        moved.append(line)
    return moved


def _header_end_without_kind(lines: list[Line]) -> int:
    end = 0
    for index, line in enumerate(lines[:20]):
        folded = key(line.text)
        if re.search(r"\bso\s*:|ngay\s.*thang\s.*nam\s|doc lap|cong hoa xa hoi", folded):
            end = index + 1
    return end


def _title_end(lines: list[Line]) -> int:
    for index, line in enumerate(lines[:15]):
        if _starts_body(line.text, first_title_line=index == 0):
            return index
    for index, line in enumerate(lines[:4]):
        if line.text.endswith((".", ";", ":")):
            return index + 1
    return min(len(lines), 3)


def _tail_start(lines: list[Line]) -> int:
    """Index of the first line after the body (Nơi nhận, signature block, or after "./.")."""
    candidates = [len(lines)]
    for index, line in enumerate(lines):
        if line.text.rstrip().endswith("./."):
            candidates.append(index + 1)
            break
    for index, line in enumerate(lines):
        if _TAIL_START.match(key(line.text)):
            candidates.append(index)
            break
    start = max(len(lines) - 8, 0)
    for index in range(start, len(lines)):
        text = lines[index].text
        if is_upper_text(text) and len(text.split()) <= 6 and _POSITION.match(key(text)):
            candidates.append(index)
            break
    return min(candidates)
