"""Match a body named in a plan ("Phòng Văn hóa - Xã hội xã") to an org unit, accent-insensitively.

Names are folded (``thidua.core.vietnamese.fold``), filler words that every body name carries in a commune
plan ("xã", "của", "UBND"…) are dropped, common abbreviations are spelled out, and candidates are scored by
a blend of ``difflib`` similarity and word overlap. Pure Python: the caller passes the candidate units.
"""

import difflib
import re
from dataclasses import dataclass

from thidua.core.vietnamese.text import fold

#: Below this score a match is only offered, never picked by itself.
MATCH_THRESHOLD = 0.72

_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "ubmttq": "uy ban mat tran to quoc",
    "mttq": "mat tran to quoc",
    "vn": "viet nam",
    "ubmttqvn": "uy ban mat tran to quoc viet nam",
    "vh": "van hoa",
    "xh": "xa hoi",
    "kt": "kinh te",
    "tt": "trung tam",
    "thcs": "trung hoc co so",
    "th": "tieu hoc",
    "mn": "mam non",
    "pvhcc": "phuc vu hanh chinh cong",
}
_FILLER = {"xa", "phuong", "cua", "va", "cac", "&", "-", "tren", "dia", "ban"}


def normalise(name: str) -> str:
    """Folded words, abbreviations spelled out, filler words dropped."""
    words = []
    for word in re.split(r"[\s,;.&/()\-–]+", fold(name)):
        if not word:
            continue
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return " ".join(word for word in words if word not in _FILLER)


def score(name: str, candidate: str) -> float:
    """Similarity in [0, 1] of two body names."""
    left, right = normalise(name), normalise(candidate)
    if not left or not right:
        return 0.0
    if left == right:
        return 1.0
    ratio = difflib.SequenceMatcher(None, left, right).ratio()
    left_words, right_words = set(left.split()), set(right.split())
    overlap = len(left_words & right_words) / max(len(left_words | right_words), 1)
    contained = 1.0 if left_words <= right_words or right_words <= left_words else 0.0
    return round(0.5 * ratio + 0.35 * overlap + 0.15 * contained, 4)


@dataclass(frozen=True)
class Candidate:
    unit_id: int
    name: str
    score: float


def rank(name: str, units, limit: int = 4) -> list[Candidate]:
    """The best candidates among ``units`` (objects with ``pk``, ``name`` and ``short_name``), best first."""
    found = []
    for unit in units:
        best = max(score(name, unit.name), score(name, unit.short_name or "") * 0.98)
        found.append(Candidate(unit.pk, unit.name, best))
    found.sort(key=lambda candidate: (-candidate.score, candidate.name))
    return [candidate for candidate in found[:limit] if candidate.score > 0.3]


def best_match(name: str, units) -> Candidate | None:
    """The best candidate if it is good enough to pick by itself."""
    ranked = rank(name, units, limit=1)
    return ranked[0] if ranked and ranked[0].score >= MATCH_THRESHOLD else None
