"""Normalising and folding Vietnamese text.

Every string that enters the system goes through :func:`normalize_input` (or at least :func:`nfc`):
NFC and NFD spellings of the same word compare unequal otherwise. :func:`fold` builds the
accent-insensitive form used for search ("nong thon moi" finds "nông thôn mới").
"""

import unicodedata

from thidua.core.vietnamese.legacy import detect_legacy_encoding

__all__ = ["detect_legacy_encoding", "fold", "nfc", "normalize_input"]

# Invisible characters pasted from web pages and CSV files (byte order mark, zero-width space).
_INVISIBLE = str.maketrans(dict.fromkeys("\ufeff\u200b"))
# Letters whose accent-free form is not reachable by dropping combining marks.
_FOLD_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe"})


def nfc(s: str | None) -> str:
    """Return ``s`` in Unicode NFC; ``None`` becomes ``""``."""
    if s is None:
        return ""
    return unicodedata.normalize("NFC", s)


def normalize_input(s: str | None) -> str:
    """NFC, drop BOM and zero-width spaces, strip both ends, collapse each run of whitespace to one space."""
    return " ".join(nfc((s or "").translate(_INVISIBLE)).split())


def fold(s: str | None) -> str:
    """Accent- and case-insensitive form for search: ``fold("NÔNG THÔN mới") == "nong thon moi"``.

    Lower-cases, drops every combining mark (tones, circumflex, breve, horn) and maps đ to d.
    Whitespace is kept as is; combine with :func:`normalize_input` for search terms.
    """
    lowered = nfc(s).lower()
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))
    return stripped.translate(_FOLD_LETTERS)
