"""Rebuild paragraphs from extracted lines, and recognise list markers (I., 1., 1.1., a), -, +, Điều 1.)."""

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from thidua.campaigns.reader.syllables import is_valid
from thidua.campaigns.reader.text import Line, fold, is_upper_text

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
_MARKERS = (
    ("roman", re.compile(r"^(?P<m>[IVXL]{1,7})\s*[.)\-–:]\s+(?P<body>\S.*)$")),
    ("dieu", re.compile(r"^(?P<m>Điều\s+\d{1,3})\s*[.:]\s*(?P<body>.*)$")),
    ("sub", re.compile(r"^(?P<m>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<body>[^\d\s].*)$")),
    ("arabic", re.compile(r"^(?P<m>\d{1,2})\s*[.)]\s*(?P<body>[^\d\s./].*)$")),
    ("letter", re.compile(r"^(?P<m>[a-zđ])\s*\)\s*(?P<body>\S.*)$")),
    ("letter", re.compile(r"^(?P<m>[a-zđ])\.\s+(?P<body>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝ].*)$")),
    ("dash", re.compile(r"^(?P<m>[-–—•·*])\s*(?P<body>\S.*)$")),
    ("plus", re.compile(r"^(?P<m>\+)\s*(?P<body>\S.*)$")),
)
HEADING_KINDS = ("roman", "dieu", "sub", "arabic", "letter")
_TERMINAL = (".", ":", ";", "!", "?")
_HYPHEN_END = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^(\w+)")


def roman_value(text: str) -> int | None:
    """Value of a Roman numeral up to 89, or None when the letters do not form one."""
    total = 0
    values = [_ROMAN_VALUES[c] for c in text]
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    canonical = to_roman(total) if 0 < total < 90 else ""
    return total if canonical == text else None


def to_roman(number: int) -> str:
    out = ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += letters
            number -= value
    return out


@dataclass(frozen=True)
class Marker:
    kind: str
    value: str
    body: str
    offset: int


def marker_of(text: str) -> Marker | None:
    for kind, pattern in _MARKERS:
        match = pattern.match(text)
        if match is None:
            continue
        if kind == "roman" and roman_value(match["m"]) is None:
            continue
        return Marker(kind, match["m"], match["body"].strip(), match.start("body"))
    return None


@dataclass
class Para:
    """A paragraph: its text and, for every piece, the source line it came from."""

    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # (offset in text, line number)

    @property
    def line(self) -> int:
        return self.spans[0][1]

    def line_at(self, offset: int) -> int:
        index = bisect_right([start for start, _ in self.spans], offset) - 1
        return self.spans[max(index, 0)][1]

    @property
    def marker(self) -> Marker | None:
        return marker_of(self.text)

    @property
    def body(self) -> str:
        marker = self.marker
        return marker.body if marker else self.text

    def add(self, line: Line) -> None:
        if not self.text:
            self.text = line.text
            self.spans.append((0, line.no))
            return
        joined, glue = _join(self.text, line.text)
        self.spans.append((len(self.text) + glue, line.no))
        self.text = joined


def _join(left: str, right: str) -> tuple[str, int]:
    """Join two broken lines; a word split by a hyphen at the end of a line is put back together."""
    match = _HYPHEN_END.search(left)
    first = _FIRST_WORD.match(right)
    if match and first and right[:1].islower() and not left.endswith(" -"):
        if is_valid(match.group(1)) and is_valid(first.group(1)):
            return left + right, 0  # a real hyphen between two whole words ("kinh tế-xã hội")
        return left[:-1] + right, -1
    return f"{left} {right}", 1


def _starts_upper(text: str) -> bool:
    for char in text:
        if char.isalpha():
            return char.isupper()
        if char.isdigit() or char in "\"“«'(":
            return True
    return False


def _starts_new(previous: str, line: str, short: int) -> bool:
    terminal = previous.endswith(_TERMINAL)
    is_short = len(previous) < short
    marker = marker_of(line)
    if is_upper_text(previous) != is_upper_text(line) and (marker or _starts_upper(line)):
        return True
    if marker is not None and marker.kind in HEADING_KINDS:
        return terminal or is_short or is_upper_text(previous)
    if marker is not None:
        return terminal or (is_short and _starts_upper(marker.body))
    if is_upper_text(previous) and is_upper_text(line):
        return False
    return (terminal or is_short) and _starts_upper(line)


def short_line_limit(lines: list[Line]) -> int:
    """Lines shorter than this did not reach the right margin: they end a paragraph."""
    lengths = sorted(len(line.text) for line in lines)
    if not lengths:
        return 0
    typical = lengths[int(len(lengths) * 0.8)] if len(lengths) > 4 else lengths[-1]
    return int(max(typical, 40) * 0.7)


def build_paragraphs(lines: list[Line], *, wrapped: bool) -> list[Para]:
    """Paragraphs from lines; ``wrapped`` says lines were broken by page width (PDF, plain text)."""
    paragraphs: list[Para] = []
    short = short_line_limit(lines)
    previous = None
    for line in lines:
        if previous is None or not wrapped or _starts_new(previous.text, line.text, short):
            paragraphs.append(Para(""))
        paragraphs[-1].add(line)
        previous = line
    return paragraphs


def looks_wrapped(lines: list[Line]) -> bool:
    """Plain text either keeps one paragraph per line or breaks lines at the page width."""
    long_lines = sum(1 for line in lines if len(line.text) > 130)
    return not (long_lines >= 3 and long_lines >= 0.15 * len(lines))


RANK = {"roman": 1, "dieu": 1, "arabic": 2, "sub": 3, "letter": 4, "dash": 5, "plus": 6}


def rank_of(para: Para) -> int:
    marker = para.marker
    return RANK[marker.kind] if marker else 99


def find_section(paragraphs: list[Para], heading: re.Pattern) -> tuple[int, list[Para]] | None:
    """(rank, paragraphs) of the first numbered section whose heading matches ``heading`` (on folded text)."""
    for index, para in enumerate(paragraphs):
        marker = para.marker
        if marker is None or marker.kind not in ("roman", "dieu", "arabic", "sub"):
            continue
        if not heading.search(fold(marker.body)):
            continue
        rank = RANK[marker.kind]
        end = next(
            (j for j in range(index + 1, len(paragraphs)) if rank_of(paragraphs[j]) <= rank), len(paragraphs)
        )
        return rank, paragraphs[index + 1 : end]
    return None
