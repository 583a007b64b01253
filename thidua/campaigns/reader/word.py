""".docx → text: body paragraphs and table cells in document order, automatic list numbers written out.

The Decree 30 header and the signature block are two-column tables: each row gives its left cell's
paragraphs, then its right cell's.
"""

import io
import zipfile
from collections import defaultdict

from lxml import etree

from thidua.campaigns.reader.errors import ReaderError
from thidua.campaigns.reader.paragraphs import to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _attr(element, name: str) -> str | None:
    return element.get(W + name) if element is not None else None


class Numbering:
    """Renders Word's automatic numbering ("I.", "1.", "a)") for paragraphs that use it."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = defaultdict(dict)
        self.style_numbering = {
            _attr(style, "styleId"): style.find(f"{W}pPr/{W}numPr")
            for style in document.styles.element.findall(W + "style")
            if style.find(f"{W}pPr/{W}numPr") is not None
        }
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.findall(W + "abstractNum"):
            levels = {}
            for level in node.findall(W + "lvl"):
                fmt = _attr(level.find(W + "numFmt"), "val") or "decimal"
                text = _attr(level.find(W + "lvlText"), "val") or ""
                start = int(_attr(level.find(W + "start"), "val") or 1)
                levels[int(_attr(level, "ilvl") or 0)] = (fmt, text, start)
            abstract[_attr(node, "abstractNumId")] = levels
        for node in root.findall(W + "num"):
            abstract_id = _attr(node.find(W + "abstractNumId"), "val")
            self.levels[_attr(node, "numId") or ""] = abstract.get(abstract_id, {})

    def label(self, paragraph) -> str:
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            num_pr = self.style_numbering.get(_attr(paragraph.find(f"{W}pPr/{W}pStyle"), "val"))
        if num_pr is None:
            return ""
        num_id = _attr(num_pr.find(W + "numId"), "val") or ""
        ilvl = int(_attr(num_pr.find(W + "ilvl"), "val") or 0)
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters[num_id]
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        for level in range(ilvl + 1):
            value = counters.get(level, levels.get(level, ("decimal", "", 1))[2])
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            text = text.replace(f"%{level + 1}", _format(value, level_fmt))
        return text + " " if text else ""


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return to_roman(value)
    if fmt == "lowerRoman":
        return to_roman(value).lower()
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)


def _paragraph_text(element) -> str:
    parts = []
    for node in element.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if node.tag == W + "t":
            parts.append(node.text or "")
        elif node.tag == W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _blocks(parent, numbering: Numbering, out: list[str]) -> None:
    for child in parent.iterchildren():
        if child.tag == W + "p":
            out.append(numbering.label(child) + _paragraph_text(child))
        elif child.tag == W + "tbl":
            for row in child.iterchildren(W + "tr"):
                for cell in row.iterchildren(W + "tc"):
                    _blocks(cell, numbering, out)
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                _blocks(content, numbering, out)


def docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError, OSError) as error:
        raise ReaderError("corrupt_docx", "Tệp .docx bị hỏng, không đọc được nội dung.") from error
    out: list[str] = []
    _blocks(document.element.body, Numbering(document), out)
    return "\n".join(out)
