"""Approximate printed widths of Vietnamese text in Times New Roman.

Used to size the rules under the issuer, the motto and the title (Decree 30 asks for rules of a given
fraction of the text width) and to break long titles into balanced lines. The advance widths
(thousandths of an em, ASCII 32..126) are those of Times New Roman, which Liberation Serif 2 shares.
Vietnamese letters take the width of their base letter; Ơ/Ư carry a horn and are a little wider.
"""

from __future__ import annotations

import unicodedata

_REGULAR = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500,
    930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778,
    611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500,
    333, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500,
    556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520,
)  # fmt: skip
_ITALIC = (
    250, 333, 420, 500, 500, 833, 778, 214, 333, 333, 500, 675, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 675, 675, 675, 500,
    920, 611, 611, 667, 722, 611, 611, 722, 722, 333, 444, 667, 556, 833, 667, 722,
    611, 722, 611, 500, 556, 722, 611, 833, 611, 556, 556, 389, 278, 389, 422, 500,
    333, 500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500,
    500, 500, 389, 389, 278, 500, 444, 667, 444, 444, 389, 400, 275, 400, 541,
)  # fmt: skip
_EXTRA = {  # (regular, bold, italic) for letters whose base is not ASCII
    "Đ": (722, 722, 722),
    "đ": (500, 556, 500),
    "Ơ": (722, 778, 722),
    "Ư": (776, 796, 754),
    "ơ": (529, 554, 534),
    "ư": (542, 600, 545),
    "–": (500, 500, 500),
    "—": (1000, 1000, 889),
    "“": (444, 500, 556),
    "”": (444, 500, 556),
}
_DEFAULT = 500
_PT_TO_MM = 25.4 / 72


def _char_width(char: str, style: int) -> int:
    if char in _EXTRA:
        return _EXTRA[char][style]
    base = unicodedata.normalize("NFD", char)[0]
    if base in _EXTRA:
        return _EXTRA[base][style]
    code = ord(base)
    if 32 <= code <= 126:
        return (_REGULAR, _BOLD, _ITALIC)[style][code - 32]
    return _DEFAULT


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The printed width of ``text`` at ``size_pt`` in Times New Roman, in millimetres."""
    style = 1 if bold else 2 if italic else 0
    composed = unicodedata.normalize("NFC", text)
    units = sum(_char_width(c, style) for c in composed if not unicodedata.combining(c))
    return units / 1000 * size_pt * _PT_TO_MM


def _tokens(text: str) -> list[str]:
    """Words, with a standalone dash glued to its neighbours ("kinh tế - xã hội" never breaks at "-")."""
    words = text.split()
    tokens: list[str] = []
    glue_next = False
    for word in words:
        if word in {"-", "–"} and tokens:
            tokens[-1] = f"{tokens[-1]} {word}"
            glue_next = True
        elif glue_next:
            tokens[-1] = f"{tokens[-1]} {word}"
            glue_next = False
        else:
            tokens.append(word)
    return tokens


def _wrap(tokens: list[str], limit_mm: float, size_pt: float, bold: bool) -> list[str]:
    lines: list[str] = []
    current = ""
    for token in tokens:
        candidate = f"{current} {token}" if current else token
        if current and text_width_mm(candidate, size_pt, bold=bold) > limit_mm:
            lines.append(current)
            current = token
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def balanced_lines(text: str, max_width_mm: float, size_pt: float, *, bold: bool = False) -> list[str]:
    """Break ``text`` into the fewest lines that fit, then make those lines as even as possible.

    Centred titles look right when their lines are of similar length rather than one long line followed
    by a stub.
    """
    tokens = _tokens(" ".join(text.split()))
    if not tokens:
        return []
    lines = _wrap(tokens, max_width_mm, size_pt, bold)
    if len(lines) <= 1:
        return lines
    low, high = max_width_mm / len(lines), max_width_mm
    for _ in range(20):  # binary search on the narrowest width that keeps the same line count
        middle = (low + high) / 2
        if len(_wrap(tokens, middle, size_pt, bold)) <= len(lines):
            high = middle
        else:
            low = middle
    return _wrap(tokens, high, size_pt, bold)
