"""Vietnamese alphabetical order for text and for person names.

Order, level by level over the whole string (as ICU's ``vi`` collation, so Python sorts agree with
PostgreSQL ``COLLATE "vi-VN-x-icu"`` on letters):

1. base letters in the Vietnamese alphabet ``a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y``
   (the Latin letters f j w z slot in where English puts them); before letters come spaces, then
   punctuation and symbols (by code point), then digits;
2. tones as tie-breaker, in the conventional dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng;
3. case: lower case before upper case;
4. finally the NFC text itself, so the order is total.

So ``An < Anh < Ánh < Ă < Â < B`` and ``D < Đ``.
"""

import unicodedata
from functools import lru_cache

from thidua.core.vietnamese.text import normalize_input

__all__ = ["SortKey", "name_sort_key", "split_name", "text_sort_key"]

type SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")  # breve, circumflex, horn: part of the letter
# Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_OTHER_MARKS_RANK = 6

_SPACE = 0
_PUNCTUATION = 1  # + code point
_DIGIT = 2_000_000  # + digit value
_LETTER = 2_100_000  # + position in _ALPHABET
_OTHER_LETTER = 2_200_000  # + code point of the unaccented letter
_LETTER_RANK = {letter: _LETTER + i for i, letter in enumerate(_ALPHABET)}


@lru_cache(maxsize=8192)
def _char_weights(ch: str) -> tuple[int, int, int]:
    """(primary, secondary, tertiary) weights of one NFC character."""
    lower = ch.lower() if len(ch.lower()) == 1 else ch
    tertiary = int(lower != ch)
    if ch.isspace():
        return _SPACE, 0, 0
    if ch.isdigit():
        return _DIGIT + unicodedata.digit(ch, 0), 0, tertiary
    decomposed = unicodedata.normalize("NFD", lower)
    base, marks = decomposed[0], decomposed[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
    tones = "".join(m for m in marks if m not in _LETTER_MARKS)
    secondary = _TONE_RANK.get(tones, _OTHER_MARKS_RANK + sum(map(ord, tones)))
    if letter in _LETTER_RANK:
        return _LETTER_RANK[letter], secondary, tertiary
    if base in _LETTER_RANK:  # a Latin letter with a non-Vietnamese mark (ŏ, ü): weigh the mark only
        return _LETTER_RANK[base], _OTHER_MARKS_RANK + sum(map(ord, marks)), tertiary
    if base.isalpha():
        return _OTHER_LETTER + ord(base), secondary, tertiary
    return _PUNCTUATION + ord(ch), 0, 0


def text_sort_key(s: str | None) -> SortKey:
    """Key for ``sorted()`` giving Vietnamese alphabetical order (see the module docstring)."""
    text = normalize_input(s)
    weights = [_char_weights(ch) for ch in text]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
        text,
    )


def split_name(full_name: str | None) -> tuple[str, str, str]:
    """Split a Vietnamese full name into (family name, middle names, given name).

    The family name is the first word, the given name the last, the middle names everything between:
    ``split_name("Nguyễn Thị Minh Khai") == ("Nguyễn", "Thị Minh", "Khai")``. A single word is a given
    name. Compound family names ("Tôn Nữ") are not recognised; they sort with the middle names.
    """
    words = normalize_input(full_name).split(" ")
    if words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_sort_key(full_name: str | None) -> tuple[SortKey, SortKey, SortKey]:
    """Key ordering people as Vietnamese lists do: given name, then middle names, then family name."""
    family, middle, given = split_name(full_name)
    return text_sort_key(given), text_sort_key(middle), text_sort_key(family)
