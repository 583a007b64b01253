"""Low-level WordprocessingML helpers on top of python-docx.

Word is strict about the order of child elements (LibreOffice is not), so every element python-docx
has no API for is inserted before its schema successors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
LANGUAGE = "vi-VN"

ALIGNMENTS = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

# Schema order of the children of w:pPr that follow w:pBdr (CT_PPrBase).
_PPR_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
# Children of w:tblPr after w:tblBorders, and after w:tblCellMar.
_TBLPR_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
)
_TBLPR_AFTER_CELLMAR = ("w:tblLook", "w:tblCaption", "w:tblDescription")
# Children of w:sectPr after w:pgNumType.
_SECTPR_AFTER_PGNUM = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
    "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange",
)  # fmt: skip


@dataclass(frozen=True)
class Style:
    """Character and paragraph formatting for one paragraph of text."""

    size: float = 14
    bold: bool = False
    italic: bool = False
    align: str = "justify"
    first_line_mm: float = 0
    before_pt: float = 0
    after_pt: float = 0
    line: float | None = None  # a multiple (1.15) or None for single
    keep_with_next: bool = False


def set_fonts(rpr, font: str = FONT) -> None:
    """Name ``font`` for every script slot so Vietnamese never falls back to another typeface."""
    rfonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), font)
    for theme_slot in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(theme_slot), None)


def format_run(run, size: float, *, bold: bool = False, italic: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = True if bold else None
    run.font.italic = True if italic else None
    rpr = run._element.get_or_add_rPr()
    set_fonts(rpr)
    sz = rpr.find(qn("w:sz"))
    if sz is not None and rpr.find(qn("w:szCs")) is None:
        sz_cs = OxmlElement("w:szCs")
        sz_cs.set(qn("w:val"), sz.get(qn("w:val")))
        sz.addnext(sz_cs)


def format_paragraph(paragraph: Paragraph, style: Style) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGNMENTS[style.align]
    fmt.space_before = Pt(style.before_pt)
    fmt.space_after = Pt(style.after_pt)
    if style.line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = style.line
    if style.first_line_mm:
        fmt.first_line_indent = Mm(style.first_line_mm)
    if style.keep_with_next:
        fmt.keep_with_next = True


def add_runs(paragraph: Paragraph, parts: Iterable[tuple[str, bool, bool]], size: float) -> None:
    """Append ``(text, bold, italic)`` runs; ``\\n`` in a text becomes a line break."""
    for text, bold, italic in parts:
        for index, piece in enumerate(text.split("\n")):
            if index:
                run = paragraph.add_run()
                run.add_break()
                format_run(run, size, bold=bold, italic=italic)
            if piece:
                run = paragraph.add_run(piece)
                format_run(run, size, bold=bold, italic=italic)


def write(container, text: str, style: Style) -> Paragraph:
    """Add one paragraph of uniformly formatted text to a document, cell or header."""
    paragraph = container.add_paragraph()
    format_paragraph(paragraph, style)
    if text:
        add_runs(paragraph, [(text, style.bold, style.italic)], style.size)
    else:  # an empty paragraph is as tall as its mark: give the mark the wanted size
        mark_size(paragraph, style.size)
    return paragraph


def mark_size(paragraph: Paragraph, size: float) -> None:
    """Size the paragraph mark (what an empty paragraph's height follows)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        rpr.append(element)


def add_rule(container, width_mm: float, available_mm: float, *, before_pt: float = 0) -> Paragraph:
    """A centred horizontal rule ``width_mm`` long: an empty paragraph with a bottom border.

    The border spans the paragraph between its indents, so equal indents centre a rule of the wanted
    length. Renders the same in Word and LibreOffice (unlike drawn shapes, which each treat differently).
    """
    width_mm = max(5.0, min(width_mm, available_mm))
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt.space_before = Pt(before_pt)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    side = Mm((available_mm - width_mm) / 2)
    fmt.left_indent = side
    fmt.right_indent = side
    border_box = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    border_box.append(bottom)
    paragraph._p.get_or_add_pPr().insert_element_before(border_box, *_PPR_AFTER_PBDR)
    mark_size(paragraph, 2)
    return paragraph


def add_page_field(paragraph: Paragraph, size: float) -> None:
    """Insert a PAGE field (the current page number) as a complex field."""

    def field_char(kind: str):
        run = paragraph.add_run()
        format_run(run, size)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._element.append(char)

    field_char("begin")
    instruction = paragraph.add_run()
    format_run(instruction, size)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instruction._element.append(instr)
    field_char("separate")
    placeholder = paragraph.add_run("2")
    format_run(placeholder, size)
    field_char("end")


def _border_set(tag: str, sides: Iterable[str], value: str, size: int = 4):
    box = OxmlElement(tag)
    for side in sides:
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), str(size))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        box.append(element)
    return box


def build_table(container, rows: int, widths_mm: list[float], *, borders: bool, padding_mm: float | None):
    """A fixed-layout table of the given column widths, with or without single-line borders."""
    table: Table = container.add_table(rows=rows, cols=len(widths_mm))
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    total = Mm(sum(widths_mm))
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:  # pragma: no cover - python-docx always writes one
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.insert_element_before(tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders")
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(Emu(total).twips))
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    tbl_pr.insert_element_before(
        _border_set("w:tblBorders", sides, "single" if borders else "nil"), *_TBLPR_AFTER_BORDERS
    )
    if padding_mm is not None:
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:w"), str(Mm(padding_mm).twips))
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        tbl_pr.insert_element_before(margins, *_TBLPR_AFTER_CELLMAR)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    return table


def finish_cell(cell: _Cell) -> None:
    """Drop the empty paragraph python-docx puts in every new cell once real content follows it."""
    paragraphs = cell.paragraphs
    if len(paragraphs) > 1 and not paragraphs[0].text and not paragraphs[0].runs:
        paragraphs[0]._p.getparent().remove(paragraphs[0]._p)


def mark_row(row, *, header: bool = False, cant_split: bool = True) -> None:
    """Repeat ``row`` as a header on each page and/or keep it on one page."""
    tr_pr = row._tr.get_or_add_trPr()
    if cant_split:
        tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def set_cell_valign(cell: _Cell, value: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), value)
    tc_pr.insert_element_before(valign, "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge")


def restart_page_numbers(section) -> None:
    """Number this section's pages from 1 (an annex is numbered separately)."""
    sect_pr = section._sectPr
    pg_num = OxmlElement("w:pgNumType")
    pg_num.set(qn("w:start"), "1")
    sect_pr.insert_element_before(pg_num, *_SECTPR_AFTER_PGNUM)
