"""Spelling warnings: impossible syllables, misplaced tone marks, near-misses of frequent words."""

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from thidua.campaigns.reader.lexicon import ALLOWED_GROUPS, EXPLICIT_SLIPS, LOANWORDS, TERMS
from thidua.campaigns.reader.syllables import (
    TONE_MARKS,
    allowed_tone_positions,
    canonical,
    has_vietnamese_marks,
    is_valid,
    parse,
    split_tone,
)
from thidua.campaigns.reader.text import apply_case


def fold(text: str) -> str:
    """Letters without tone or vowel marks; đ stays đ (d/đ slips are rare, d/đ words are many)."""
    stripped = unicodedata.normalize("NFD", text.replace("đ", "\0").replace("Đ", "\1"))
    letters = "".join(c for c in stripped if not unicodedata.combining(c))
    return letters.replace("\0", "đ").replace("\1", "Đ")


_WORD = re.compile(r"[^\W\d_]+")
_FINALS = "cghnt"


def _canonical_group(words: Iterable[str]) -> str:
    return " ".join(canonical(word) for word in words)


_TERM_CANON = frozenset(_canonical_group(term.split()) for term in TERMS)
_ALLOWED_CANON = frozenset(_canonical_group(group.split()) for group in ALLOWED_GROUPS) | _TERM_CANON
_TERM_BY_FOLD: dict[str, str] = {}
for _term in TERMS:
    _TERM_BY_FOLD.setdefault(fold(_term).lower(), _term)
_TERM_BY_CANON = {_canonical_group(term.split()): term for term in TERMS}
TONE_BY_NAME = {name: mark for mark, name in TONE_MARKS.items()}
_SLIPS = {slip: (correction, followers) for slip, correction, followers in EXPLICIT_SLIPS}


@dataclass(frozen=True)
class Slip:
    """A word or group that looks misspelt, where it is, and the likely correct form."""

    written: str
    suggestion: str | None
    start: int
    end: int


@lru_cache(maxsize=16384)
def _near_term(group: str) -> str | None:
    """The frequent term ``group`` (lower case, words separated by one space) seems to miss."""
    words = group.split(" ")
    canon = _canonical_group(words)
    if canon in _ALLOWED_CANON:
        return None
    term = _TERM_BY_FOLD.get(fold(group))
    if term is not None:
        return term
    last = words[-1]
    variants = [last + final for final in _FINALS]
    if len(last) > 1 and last[-1] in _FINALS:
        variants.append(last[:-1])
    for variant in variants:
        term = _TERM_BY_CANON.get(_canonical_group([*words[:-1], variant]))
        if term is not None:
            return term
    return None


def _retone(word: str) -> str | None:
    """The word with its tone mark moved to the vowel that should carry it, if that helps."""
    syllable = parse(word)
    if syllable is None or syllable.tone_index is None:
        return None
    positions = sorted(allowed_tone_positions(syllable))
    if not positions:
        return None
    base, tone, _, _ = split_tone(word)
    index = positions[-1]
    fixed = (
        base[:index]
        + unicodedata.normalize("NFC", base[index] + TONE_BY_NAME[tone or ""])
        + base[index + 1 :]
    )
    return apply_case(word, fixed)


_OCR_CONFUSIONS = (("rn", "m"), ("cl", "d"), ("ii", "u"), ("vv", "w"))


def _ocr_suggestion(word: str) -> str | None:
    """ "nhiệrn" → "nhiệm": letter shapes a text-recognition engine commonly mistakes."""
    for wrong, right in _OCR_CONFUSIONS:
        if wrong in word:
            candidate = word.replace(wrong, right)
            if is_valid(candidate):
                return candidate
    return None


def _split_suggestion(word: str) -> str | None:
    """ "thôngkhông" → "thông không": two words typed without the space between them."""
    for cut in range(1, len(word)):
        left, right = word[:cut], word[cut:]
        if len(left) > 1 and len(right) > 1 and is_valid(left) and is_valid(right):
            return f"{left} {right}"
    return None


def _checkable(word: str) -> bool:
    """Lower-case or all-caps words with Vietnamese marks (proper names and codes are left alone)."""
    if not has_vietnamese_marks(word):
        return False
    return word.islower() or word.isupper()


def find_slips(text: str) -> list[Slip]:
    """Every suspicious word or group in ``text``, in order."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    slips: list[Slip] = []
    index = 0
    while index < len(tokens):
        found = None
        for size in (3, 2):
            group = tokens[index : index + size]
            if len(group) < size or any(text[a[1] : b[0]] != " " for a, b in itertools.pairwise(group)):
                continue
            written = " ".join(token[2] for token in group)
            term = _near_term(written.lower())
            if term:
                suggestion = " ".join(
                    apply_case(w, t) for w, t in zip(written.split(), term.split(), strict=True)
                )
                found = (Slip(written, suggestion, group[0][0], group[-1][1]), size)
                break
        if found:
            slips.append(found[0])
            index += found[1]
            continue
        start, end, word = tokens[index]
        slip = _explicit_slip(text, tokens, index)
        if slip is not None:
            slips.append(slip)
            index += 2
            continue
        if _checkable(word) and not is_valid(word) and word.lower() not in LOANWORDS:
            suggestion = _retone(word) or _ocr_suggestion(word) or _split_suggestion(word)
            slips.append(Slip(word, suggestion, start, end))
        index += 1
    return slips


def _explicit_slip(text: str, tokens: list[tuple[int, int, str]], index: int) -> Slip | None:
    start, end, word = tokens[index]
    rule = _SLIPS.get(word.lower())
    if rule is None or index + 1 >= len(tokens):
        return None
    following = tokens[index + 1]
    if text[end : following[0]] != " " or following[2].lower() in rule[1]:
        return None
    written = f"{word} {following[2]}"
    return Slip(written, f"{apply_case(word, rule[0])} {following[2]}", start, following[1])
