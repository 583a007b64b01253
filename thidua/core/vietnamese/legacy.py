"""Text typed with pre-Unicode Vietnamese fonts (TCVN3/ABC ".VnTime", VNI "VNI-Times").

Old Word and Excel files keep such text as Latin-1 look-alikes: TCVN3 "Céng hoµ" and VNI
"Coäng hoøa" both mean "Cộng hoà". :func:`detect_legacy_encoding` recognises them heuristically: it
decodes the words both ways and keeps the reading that turns clearly more words into valid Vietnamese
syllables than the text as given. :func:`legacy_to_unicode` converts.
"""

import re
import unicodedata

__all__ = ["LEGACY_ENCODINGS", "detect_legacy_encoding", "legacy_to_unicode"]

LEGACY_ENCODINGS = ("TCVN3", "VNI")

# TCVN3 (TCVN 5712:1993, VN3): one Latin-1 code point per Vietnamese letter. Rows list a vowel
# and its tones in the order of the standard (huyền, hỏi, ngã, sắc, nặng).
_TCVN3_ROWS = (
    ("µ¶·¸¹", "àảãáạ"),
    ("¨»¼½¾Æ", "ăằẳẵắặ"),
    ("©ÇÈÉÊË", "âầẩẫấậ"),
    ("ÌÎÏÐÑ", "èẻẽéẹ"),
    ("ªÒÓÔÕÖ", "êềểễếệ"),
    ("×ØÜÝÞ", "ìỉĩíị"),
    ("ßáâãä", "òỏõóọ"),
    ("«åæçèé", "ôồổỗốộ"),
    ("¬êëìíî", "ơờởỡớợ"),
    ("ïñòóô", "ùủũúụ"),
    ("\xadõö÷øù", "ưừửữứự"),
    ("úûüýþ", "ỳỷỹýỵ"),
    ("®¡¢£¤¥¦§", "đĂÂÊÔƠƯĐ"),
)
_TCVN3_TABLE = str.maketrans(
    {old: new for olds, news in _TCVN3_ROWS for old, new in zip(olds, news, strict=True)}
)

# VNI Windows: a vowel followed by a modifier letter, plus a few single letters.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRCUMFLEX, _BREVE = "\u0302", "\u0306"
_VNI_TONES = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRCUMFLEX = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
_VNI_WITH_CIRCUMFLEX = {**_VNI_TONES, **{k: _CIRCUMFLEX + v for k, v in _VNI_CIRCUMFLEX.items()}}
# base letter -> (its Unicode letter, modifiers it accepts with the marks they add)
_VNI_BASES: dict[str, tuple[str, dict[str, str]]] = {
    "a": ("a", {**_VNI_WITH_CIRCUMFLEX, **{k: _BREVE + v for k, v in _VNI_BREVE.items()}}),
    "e": ("e", _VNI_WITH_CIRCUMFLEX),
    "o": ("o", _VNI_WITH_CIRCUMFLEX),
    "u": ("u", _VNI_TONES),
    "y": ("y", _VNI_TONES),
    "ô": ("ơ", _VNI_TONES),
    "ö": ("ư", _VNI_TONES),
}
_VNI_SINGLES = {"ñ": "đ", "ô": "ơ", "ö": "ư", "ó": "ĩ", "ò": "ị", "æ": "ỉ", "î": "ỵ"}

# Plausible Vietnamese syllables (tone removed), used to score candidate readings.
_INITIALS = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_OPEN_NUCLEI = (
    "oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|iêu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ua|ưa"
)
_FREE_NUCLEI = "oa|oe|uê|uy|a|e|ê|i|o|ô|ơ|u|ư|y"
_CLOSED_NUCLEI = "uyê|iê|yê|uô|ươ|oă|uâ|ă|â"
_FINALS = "ch|ng|nh|c|m|n|p|t"
_SYLLABLE = re.compile(
    rf"(?:{_INITIALS})?(?:(?:{_OPEN_NUCLEI})|(?:{_FREE_NUCLEI})(?:{_FINALS})?|(?:{_CLOSED_NUCLEI})(?:{_FINALS}))"
)
_TONE_MARKS = frozenset((_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT))
# The Latin-1 letters Unicode Vietnamese uses; any other Latin-1 character hints at a legacy font.
_VIETNAMESE_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Runs of ASCII letters and Latin-1 characters: legacy fonts put letters on Latin-1 punctuation too.
_LEGACY_WORD = re.compile(r"[A-Za-z\u00a1-\u00ff]+")


def legacy_to_unicode(s: str, encoding: str) -> str:
    """Convert text typed in a legacy font (``"TCVN3"`` or ``"VNI"``) to NFC Unicode."""
    if encoding == "TCVN3":
        return unicodedata.normalize("NFC", s.translate(_TCVN3_TABLE))
    if encoding == "VNI":
        return _decode_vni(s)
    raise ValueError(f"Unknown legacy encoding {encoding!r}; expected one of {LEGACY_ENCODINGS}")


def _decode_vni(s: str) -> str:
    """Decode VNI Windows text: vowel + modifier pairs first, then the single letters."""
    out: list[str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        base = _VNI_BASES.get(ch.lower())
        modifier = s[i + 1].lower() if i + 1 < len(s) else ""
        if base is not None and modifier in base[1]:
            letter = base[0].upper() if ch.isupper() else base[0]
            out.append(letter + base[1][modifier])
            i += 2
            continue
        single = _VNI_SINGLES.get(ch.lower())
        out.append(ch if single is None else (single.upper() if ch.isupper() else single))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def _is_syllable(word: str) -> bool:
    """True if ``word`` is shaped like one Vietnamese syllable with at most one tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(ch in _TONE_MARKS for ch in decomposed) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(toneless) is not None


def _has_unicode_vietnamese(s: str) -> bool:
    """True if ``s`` has a letter only Unicode Vietnamese uses (ă, đ, ơ, ư, ĩ, ũ, ạ ... ỹ)."""
    return any("\u0100" <= ch <= "\u01b0" or "\u1ea0" <= ch <= "\u1ef9" for ch in s)


def detect_legacy_encoding(s: str | None) -> str | None:
    """Return ``"TCVN3"`` or ``"VNI"`` if ``s`` looks typed in that legacy font, else ``None``.

    Heuristic: text holding genuine Unicode Vietnamese letters (ă, đ, ơ, ư, ạ ...) is Unicode, and so
    is text whose every non-ASCII character is a letter Unicode Vietnamese uses too ("Cà phê").
    Otherwise the words with non-ASCII characters are decoded both ways; an encoding wins when its
    reading yields more valid syllables than the text as given and makes at least half of them valid.
    """
    text = unicodedata.normalize("NFC", s or "")
    if _has_unicode_vietnamese(text):
        return None
    words = [w for w in _LEGACY_WORD.findall(text) if not w.isascii()]
    if all(ch.isascii() or ch in _VIETNAMESE_LATIN1 for word in words for ch in word):
        return None
    best, best_score = None, sum(map(_is_syllable, words))
    for name in LEGACY_ENCODINGS:
        score = sum(_is_syllable(legacy_to_unicode(w, name)) for w in words)
        if score > best_score:
            best, best_score = name, score
    if best is None or 2 * best_score < len(words):
        return None
    return best
