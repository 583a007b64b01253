"""Named emulation movements: phong trào thi đua “…”, with unbalanced quotes mended."""

import re

from thidua.campaigns.reader.paragraphs import Para
from thidua.campaigns.reader.text import capitalize_first, clean, fold, key, words

_OPEN = "“«„"
_CLOSE = "”»"
_MOVEMENT_WORD = re.compile(r"phong\s+trao", re.I)
_UNQUOTED = re.compile(
    r"(?<!cac )(?<!nhung )(?<!moi )phong\s+trao(?:\s+thi\s+dua)?\s+(?P<rest>[^\s\"].*)", re.I
)
_NOT_A_NAME = frozenset(
    words(
        "khac do theo thuong tren trong cua nay va o tai yeu da duoc dang nhu cung gan la chung cac sau tu "
        "den voi cho ve nham de thi"
    )
)


def quoted_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quoted run; an opening quote met while one is open ends it."""
    spans: list[tuple[int, int, bool]] = []
    open_at: int | None = None
    for index, char in enumerate(text):
        if char in _OPEN or (char == '"' and open_at is None):
            if open_at is not None:
                spans.append((open_at + 1, index, False))
            open_at = index
        elif (char in _CLOSE or char == '"') and open_at is not None:
            spans.append((open_at + 1, index, True))
            open_at = None
    if open_at is not None:
        spans.append((open_at + 1, len(text), False))
    return spans


def _mend_unclosed(content: str) -> str:
    """Where the closing quote was forgotten, the name ends before the clause naming the next one."""
    folded = fold(content)
    mentions = list(_MOVEMENT_WORD.finditer(folded))
    if mentions:
        cut = max(content.rfind(";", 0, mentions[-1].start()), content.rfind(",", 0, mentions[-1].start()))
        return content[:cut] if cut > 0 else content[: mentions[-1].start()]
    for separator in (";", ". "):
        if separator in content:
            return content[: content.index(separator)]
    return content


def _name(content: str) -> str:
    return clean(content.replace('"', " ").replace("'", " ")).strip(" ,;.:-–")


def find_movements(paragraphs: list[Para]) -> list[str]:
    names: list[tuple[int, int, str]] = []
    list_intro = False
    for order, para in enumerate(paragraphs):
        folded = fold(para.text).lower()
        found = _quoted_movements(para.text, folded, in_list=list_intro and para.marker is not None)
        if found:
            found += _unquoted_movements(para.text, folded)
        names += [(order, start, name) for start, name in found]
        if para.marker is None or para.marker.kind not in ("dash", "plus"):
            list_intro = folded.rstrip().endswith(":") and "phong trao" in folded
    unique: list[str] = []
    seen: set[str] = set()
    for _, _, name in sorted(names):
        if len(name) >= 3 and key(name) not in seen:
            seen.add(key(name))
            unique.append(name)
    return unique


def _quoted_movements(text: str, folded: str, *, in_list: bool) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    previous_end = 0
    for start, end, closed in quoted_spans(text):
        window = folded[max(previous_end, start - 60) : start]
        introduced = "phong trao" in window or (in_list and not found and start <= 3)
        content = text[start:end] if closed else _mend_unclosed(text[start:end])
        previous_end = end if closed else start + len(content)
        if introduced:
            found.append((start, _name(content)))
    return found


def _unquoted_movements(text: str, folded: str) -> list[tuple[int, str]]:
    masked = list(folded)
    for start, end, _ in quoted_spans(text):
        for index in range(max(start - 1, 0), min(end + 1, len(masked))):
            masked[index] = "\x00"
    masked_text = "".join(masked)
    found = []
    offset = 0
    for clause in masked_text.split(";"):
        match = _UNQUOTED.search(clause)
        if match and "\x00" not in match["rest"]:
            first_word = match["rest"].split()[0]
            if first_word not in _NOT_A_NAME and match["rest"][:1].islower():
                start = offset + match.start("rest")
                name = _name(text[start : offset + len(clause)].split(". ")[0])
                found.append((start, capitalize_first(name)))
        offset += len(clause) + 1
    return found
