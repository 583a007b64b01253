"""Small text helpers: NFC, spaces, accent folding that keeps offsets, lines with their numbers."""

import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\t\x0b\x0c\u00a0\u2007\u202f\u2002\u2003\u2009\u3000"), " ")
_MULTI_SPACE = re.compile(r" {2,}")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u00ab\u00bb\u201e\u2033"), '"')


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, no invisible characters, one space between words, trimmed."""
    text = nfc(text).translate(_INVISIBLE).translate(_SPACES)
    return _MULTI_SPACE.sub(" ", text).strip()


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    return unicodedata.normalize("NFD", char)[0]


# Latin-1, Latin Extended and Latin Extended Additional (where Vietnamese letters live), one for one.
_FOLD_TABLE = {
    code: _fold_char(chr(code))
    for block in (range(0xC0, 0x250), range(0x1E00, 0x1F00))
    for code in block
    if _fold_char(chr(code)) != chr(code)
}


def fold(text: str) -> str:
    """Remove Vietnamese diacritics, one character for one (offsets stay valid on NFC text)."""
    return text.translate(_FOLD_TABLE)


def key(text: str) -> str:
    """Comparison key: folded, lower case, quotes unified, single spaces."""
    return _MULTI_SPACE.sub(" ", fold(text).lower().translate(_QUOTES)).strip()


def same_name(left: str, right: str) -> bool:
    """Two names are the same ignoring case and spacing (accents must match)."""
    return nfc(left).casefold().split() == nfc(right).casefold().split()


def is_upper_text(text: str) -> bool:
    """True when the text has letters and none of them is lower case."""
    return text == text.upper() and text != text.lower()


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def apply_case(model: str, word: str) -> str:
    """Give ``word`` the case pattern of ``model`` (UPPER, Title or lower)."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return capitalize_first(word)
    return word


def words(text: str) -> list[str]:
    """The words of a literal word list (keeps long lists of short words readable in the source)."""
    return text.split()


@dataclass(frozen=True)
class Line:
    """One line of the extracted text and its 1-based number in that text."""

    no: int
    text: str


def to_lines(text: str) -> list[Line]:
    """Split into cleaned, numbered lines; empty lines are dropped (numbers keep their place)."""
    lines = []
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(raw_lines, start=1):
        cleaned = clean(raw)
        if cleaned:
            lines.append(Line(number, cleaned))
    return lines
