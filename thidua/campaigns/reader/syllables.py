"""Vietnamese syllable structure: onset + rhyme + one tone, with spelling and tone-placement rules.

Used to flag words that cannot be Vietnamese (OCR slips such as "trỉến", "nhiệrn") and tone marks
put on the wrong vowel ("cuả"). Both tone placements in use for oa/oe/uy (hòa/hoà) are accepted.
"""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from thidua.campaigns.reader.text import words

TONE_MARKS = {"\u0301": "sắc", "\u0300": "huyền", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}
VOWELS = set("aăâeêioôơuưy")
MARKED_VOWELS = set("ăâêôơư")

_ONSETS = sorted(
    words("ngh ng nh ch gh gi kh ph th tr qu b c d đ g h k l m n p r s t v x"), key=len, reverse=True
)

# Rhymes (medial + nucleus + coda) without tone.
RHYMES = frozenset(
    words(
        """
        a ac ach ai am an ang anh ao ap at au ay
        ăc ăm ăn ăng ăp ăt
        âc âm ân âng âp ât âu ây
        e ec em en eng eo ep et
        ê êch êm ên ênh êp êt êu
        i ia ich iêc iêm iên iêng iêp iêt iêu im in inh ip it iu
        o oc oi om on ong op ot oong ooc
        ô ôc ôi ôm ôn ông ôp ôt
        ơ ơi ơm ơn ơp ơt
        u ua uc ui um un ung up ut
        uôc uôi uôm uôn uông uôp uôt
        ư ưa ưc ưi ưm ưn ưng ưt ưu
        ươc ươi ươm ươn ương ươp ươt ươu
        y yêm yên yêng yêt yêu
        oa oac oach oai oam oan oang oanh oap oat oay
        oăc oăm oăn oăng oăt
        oe oen oeo oet
        uâc uân uâng uât uây
        uê uêch uên uênh uêt
        uơ uy uya uych uyên uyêt uynh uyt uyu
        """
    )
)

_STOP_CODAS = ("c", "ch", "p", "t")
_FRONT = ("i", "e", "ê", "y")


@dataclass(frozen=True)
class Syllable:
    onset: str
    rhyme: str
    base: str
    tone: str | None
    tone_index: int | None


def split_tone(word: str) -> tuple[str, str | None, int | None, int]:
    """Return (base without tone, tone name, index of the toned letter, number of tone marks)."""
    base_chars: list[str] = []
    tone = None
    tone_index = None
    count = 0
    for char in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", char)
        kept = parts[0]
        for mark in parts[1:]:
            if mark in TONE_MARKS:
                tone = TONE_MARKS[mark]
                tone_index = len(base_chars)
                count += 1
            else:
                kept += mark
        base_chars.append(unicodedata.normalize("NFC", kept))
    return "".join(base_chars), tone, tone_index, count


def _onset_allows(onset: str, rhyme: str) -> bool:
    first = rhyme[:1]
    if onset in ("k", "gh", "ngh"):
        return first in _FRONT
    if onset in ("c", "ng"):
        return first not in _FRONT
    if onset == "g":
        return first not in ("e", "ê", "y")
    if onset == "":
        return not rhyme.startswith("iê")
    return True


def _rhyme_candidates(onset: str, rest: str) -> list[str]:
    if onset == "gi":
        return [rest or "i", "i" + rest]
    if onset == "qu":
        return [rest, "u" + rest] if rest and rest[0] not in "uư" else []
    return [rest]


@lru_cache(maxsize=8192)
def parse(word: str) -> Syllable | None:
    """The syllable structure of ``word``, or None when it cannot be a Vietnamese syllable."""
    base, tone, tone_index, count = split_tone(word)
    if count > 1 or not base.isalpha():
        return None
    for onset in [*_ONSETS, ""]:
        if not base.startswith(onset):
            continue
        for rhyme in _rhyme_candidates(onset, base[len(onset) :]):
            if rhyme not in RHYMES or not _onset_allows(onset, rhyme):
                continue
            if rhyme.startswith("yê") and onset not in ("", "qu"):
                continue
            if tone not in (None, "sắc", "nặng") and rhyme.endswith(_STOP_CODAS):
                continue
            return Syllable(onset, rhyme, base, tone, tone_index)
    return None


def allowed_tone_positions(syllable: Syllable) -> set[int]:
    """Indexes (in ``base``) where the tone mark may sit."""
    start = len(syllable.base) - len(syllable.rhyme)
    vowels = [i for i in range(start, len(syllable.base)) if syllable.base[i] in VOWELS]
    if not vowels:
        return set()
    marked = [i for i in vowels if syllable.base[i] in MARKED_VOWELS]
    if marked:
        return {marked[-1]}
    if len(vowels) == 1:
        return {vowels[0]}
    if syllable.base[-1] not in VOWELS:
        return {vowels[-1]}
    if len(vowels) == 2:
        pair = "".join(syllable.base[i] for i in vowels)
        return set(vowels) if pair in ("oa", "oe", "uy") else {vowels[0]}
    return {vowels[1]}


def is_valid(word: str) -> bool:
    """A well-formed syllable with its tone on an accepted vowel."""
    syllable = parse(word)
    if syllable is None:
        return False
    return syllable.tone_index is None or syllable.tone_index in allowed_tone_positions(syllable)


def canonical(word: str) -> str:
    """Form that ignores where the tone mark sits (hòa == hoà), lower case."""
    base, tone, _, _ = split_tone(word)
    return f"{base}|{tone or ''}"


def has_vietnamese_marks(word: str) -> bool:
    """True when some letter carries a tone or vowel mark (đ alone does not count)."""
    return any(len(unicodedata.normalize("NFD", c)) > 1 for c in word)
