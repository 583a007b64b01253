"""The end of a document: the "Nơi nhận:" list and the signature block (TM./KT./Q., title, name)."""

import re

from thidua.campaigns.reader.syllables import is_valid
from thidua.campaigns.reader.text import Line, clean, fold, is_upper_text, key

CAPACITY = re.compile(r"^(?:(?:TM|KT|Q|TL|TUQ)\s*\.|T/M|K/T|T/L)\s*\S", re.I)
_RECIPIENTS_LABEL = re.compile(r"^n[oơ]i\s+nh[aậ]n\s*:?\s*", re.I)
_APPENDIX = re.compile(r"^(?:PHỤ LỤC|DANH SÁCH|BIỂU|MẪU|\(?Kèm theo)", re.I)
_ITEM = re.compile(r"^[-–—+•·*]\s*")
_STAMP = re.compile(r"^\(?\s*(?:đã ký|da ky|ký|ky|ký tên|ký, ghi rõ|đóng dấu|chữ ký).*\)?$", re.I)
_MERGED_RIGHT = re.compile(
    r"^(?P<left>.*?[;.,])\s+(?P<right>(?:(?:TM|KT|Q|TL|TUQ)\.\s*|T/M |K/T )?[A-ZĐ][^a-zđ]*)$"
)


_POSITION_WORDS = re.compile(
    r"\b(?:chu tich|giam doc|truong|bi thu|uy ban|hoi dong|van phong|pho|chanh|thu ky|chi huy|nhan dan)\b",
    re.I,
)


def _is_name(text: str, *, allow_capitals: bool = False) -> bool:
    """ "Vương Đức Dũng"; in capitals too once the title is known ("VƯƠNG ĐỨC DŨNG")."""
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    if text.isupper():
        return allow_capitals and not _POSITION_WORDS.search(fold(text)) and all(map(is_valid, words))
    return all(w[:1].isupper() and not w.isupper() and is_valid(w) for w in words)


def _is_title(text: str) -> bool:
    return is_upper_text(text) and len(text.split()) <= 10 and not any(ch.isdigit() for ch in text)


def _split_merged(lines: list[Line]) -> list[Line]:
    """ "- UBND thành phố; PHÓ CHỦ TỊCH" (two table cells on one extracted line) → two lines."""
    out: list[Line] = []
    for line in lines:
        text = _RECIPIENTS_LABEL.sub("", line.text) if _RECIPIENTS_LABEL.match(line.text) else None
        if text is not None:
            out.append(Line(line.no, "Nơi nhận:"))
            if text:
                out.append(Line(line.no, text))
            continue
        match = _MERGED_RIGHT.match(line.text)
        right = match["right"] if match else ""
        looks_signed = CAPACITY.match(right) or (len(right.split()) >= 2 and not right.endswith("."))
        if match and _ITEM.match(line.text) and is_upper_text(right) and looks_signed:
            out += [Line(line.no, match["left"]), Line(line.no, match["right"])]
        else:
            out.append(line)
    return out


def read_tail(lines: list[Line]) -> tuple[list[str], dict]:
    """(recipients, signer) from the lines after the body, whatever order the two columns came in."""
    lines = _split_merged(lines)
    recipients: list[str] = []
    capacity: list[str] = []
    title = name = None
    in_list = False
    for line in lines:
        text = line.text
        if _APPENDIX.match(text):
            break  # an attached list or appendix follows the signature
        if text == "Nơi nhận:":
            in_list = True
            continue
        if _STAMP.match(text):
            continue
        if CAPACITY.match(text):
            capacity.append(text)
            continue
        if in_list and _ITEM.match(text):
            recipients.append(_ITEM.sub("", text))
            continue
        if in_list and recipients and not recipients[-1].endswith((";", ".")) and not _is_title(text):
            recipients[-1] = f"{recipients[-1]} {text}"
            continue
        if _is_title(text) and title is None and not _is_name(text):
            title = text
        elif name is None and _is_name(text, allow_capitals=True) and (title is not None or capacity):
            name = text
    signer = {
        "capacity": clean(" ".join(capacity)) or None,
        "title": title,
        "name": name,
    }
    return _clean_recipients(recipients), signer


def _clean_recipients(items: list[str]) -> list[str]:
    out = []
    for item in items:
        parts = [item] if key(item).startswith("luu") else re.split(r";\s*(?=\S)", item)
        for part in parts:
            cleaned = clean(part).strip(" ;,.")
            if cleaned:
                out.append(cleaned)
    return out
