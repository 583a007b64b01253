"""Bytes of a plain-text file → str; legacy Vietnamese encodings (TCVN3/ABC, VNI) are detected and refused."""

import codecs
import re
import unicodedata

from thidua.campaigns.reader.errors import ReaderError
from thidua.campaigns.reader.syllables import is_valid

# Characters a TCVN3 (ABC, .VnTime) text shows when read as Latin-1/Unicode: à=µ, á=¸, ả=¶, ã=·, ạ=¹, ă=¨, â=©, ê=ª, ô=«, ơ=¬, đ=®.
# (« and » are left out: Unicode text uses them as quotation marks.)
_TCVN3_MARKS = frozenset("µ¶·¸¹¨©ª¬®¼½¾ÆÇË§¡¢£¤¥¦")
# VNI-Windows puts tone and vowel marks after the letter as Latin-1 characters: ø (huyền), û (hỏi), ï (nặng), ñ (đ), ö (ư)…
_VNI_MARKS = frozenset("øûïåäëüöñæØÛÏÅÄËÜÖÑÆ")
_WORD = re.compile(r"[^\W\d_]+")


def legacy_encoding(text: str) -> str | None:
    """ "TCVN3" or "VNI" when the text is Vietnamese typed with a legacy font encoding, else None."""
    letters = sum(1 for char in text if char.isalpha())
    if letters == 0:
        return None
    tcvn3 = sum(1 for char in text if char in _TCVN3_MARKS)
    vni = sum(1 for char in text if char in _VNI_MARKS)
    if tcvn3 + vni < 3 or (tcvn3 + vni) / letters < 0.015:
        return None
    return "TCVN3" if tcvn3 * 3 >= vni else "VNI"


def refuse_legacy(text: str) -> None:
    found = legacy_encoding(text)
    if found:
        name = "TCVN3 (ABC, phông .Vn…)" if found == "TCVN3" else "VNI (phông VNI-…)"
        raise ReaderError(
            "legacy_encoding",
            f"Văn bản dùng bảng mã cũ {name}, không phải Unicode; hãy chuyển mã sang Unicode "
            "(ví dụ bằng công cụ chuyển mã của Unikey) rồi tải lại.",
        )


def _mostly_vietnamese(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    return bool(words) and sum(map(is_valid, words)) >= 0.8 * len(words)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_zero = sample[0::2].count(0) / max(len(sample[0::2]), 1)
    odd_zero = sample[1::2].count(0) / max(len(sample[1::2]), 1)
    if odd_zero > 0.3 and even_zero < 0.05:
        return data.decode("utf-16-le", errors="strict")
    if even_zero > 0.3 and odd_zero < 0.05:
        return data.decode("utf-16-be", errors="strict")
    return None


def _refuse_binary(content: bytes | str) -> None:
    """Plain text has no NUL and almost no control characters besides tab, line and page breaks."""
    sample = content[:20000]
    codes = sample if isinstance(sample, bytes) else [ord(c) for c in sample]
    controls = sum(1 for code in codes if code < 32 and code not in (9, 10, 12, 13))
    if 0 in codes or controls > max(len(codes) // 100, 2):
        raise ReaderError("unsupported_format", "Tệp không phải văn bản thuần (.txt) hay tệp .docx, .pdf.")


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (BOM or not) or Windows-1258; refuse TCVN3/VNI."""
    text: str | None = None
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[3:].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = _utf16_without_bom(data)
            if text is None:
                text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        _refuse_binary(data)
        latin = data.decode("cp1252", errors="replace")
        refuse_legacy(latin)
        candidate = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
        if "\ufffd" not in candidate and _mostly_vietnamese(candidate):
            text = candidate
        else:
            raise ReaderError(
                "unknown_encoding", "Không nhận ra bảng mã của tệp văn bản; hãy lưu tệp dạng Unicode (UTF-8)."
            )
    _refuse_binary(text)
    refuse_legacy(text)
    return text
