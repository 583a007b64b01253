"""Lay out a :class:`DocumentSpec` as a Decree 30/2020 .docx (python-docx).

Layout (Decree 30, Phụ lục I; sizes in points):

* A4 portrait, margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman.
* Header: a borderless two-column table. Row 1: issuing body (parent 13 regular, issuer 13 bold, short
  rule) | national title 12 bold, motto 13 bold with a rule of its own width. Row 2: "Số: 05/KH-UBND" 13
  (and "V/v ..." 12 for a công văn) | place-date line 14 italic, so both sit on one line.
* Kind 14 bold, subject 14 bold with a 1/3 rule, all centred.
* Body 14 justified, first line indented 12.7 mm, 6 pt after, line spacing 1.15.
* Page numbers 13, centred in the top margin, none on page 1 (different first-page header).
* Signature and Nơi nhận: a borderless two-column table that is never split across pages.
* Each annex: a new section (optionally landscape), numbered from 1.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import replace

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import ooxml
from .formatting import clean, nfc, number_line, place_date_line, punctuate_list, recipient_lines
from .metrics import balanced_lines, text_width_mm
from .ooxml import Style, add_rule, finish_cell, write
from .spec import Annex, Block, Bullet, DocumentSpec, Heading, Paragraph, Table

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210.0, 297.0
MARGIN_TOP_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 20.0, 20.0, 30.0, 15.0
HEADER_DISTANCE_MM = 10.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165
LANDSCAPE_TEXT_WIDTH_MM = PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 252

HEADER_COLUMNS_MM = (68.0, 97.0)
SIGNATURE_COLUMNS_MM = (78.0, 87.0)

ISSUER_SIZE = 13
NATIONAL_TITLE_SIZE = 12
MOTTO_SIZE = 13
NUMBER_SIZE = 13
SUBJECT_LINE_SIZE = 12  # "V/v ..." of a công văn
PLACE_DATE_SIZE = 14
TITLE_SIZE = 14
BODY_SIZE = 14
PAGE_NUMBER_SIZE = 13
RECIPIENTS_LABEL_SIZE = 12
RECIPIENTS_SIZE = 11
SIGNATURE_SIZE = 14

BODY_INDENT_MM = 12.7
CELL_PADDING_MM = 1.5
BODY_AFTER_PT = 6
BODY_LINE = 1.15

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

BODY = Style(size=BODY_SIZE, after_pt=BODY_AFTER_PT, line=BODY_LINE, first_line_mm=BODY_INDENT_MM)
HEADER_CELL = Style(size=ISSUER_SIZE, align="center")


def render_docx(spec: DocumentSpec) -> bytes:
    """Render ``spec`` as a .docx file and return its bytes."""
    spec.validate()
    document = Document()
    _setup_document(document, spec)
    _write_header(document, spec)
    _write_title_block(document, spec)
    _write_bases(document, spec)
    for block in spec.body:
        _write_block(document, block, TEXT_WIDTH_MM)
    _write_signature(document, spec)
    for annex in spec.annexes:
        _write_annex(document, annex)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- document setup ---------------------------------------------------------------------------------


def _setup_document(document, spec: DocumentSpec) -> None:
    _set_defaults(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.gutter = Mm(0)
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    ooxml.format_paragraph(first.paragraphs[0], Style(size=PAGE_NUMBER_SIZE, align="center"))
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    ooxml.format_paragraph(number, Style(size=PAGE_NUMBER_SIZE, align="center"))
    ooxml.add_page_field(number, PAGE_NUMBER_SIZE)
    _set_core_properties(document, spec)


def _set_defaults(document) -> None:
    """Times New Roman 14 for every script, Vietnamese language, no inherited spacing."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_fonts(run_defaults)
    run_defaults.find(qn("w:sz")).set(qn("w:val"), str(BODY_SIZE * 2))
    run_defaults.find(qn("w:szCs")).set(qn("w:val"), str(BODY_SIZE * 2))
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), ooxml.LANGUAGE)
    language.set(qn("w:eastAsia"), ooxml.LANGUAGE)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    normal.font.name = ooxml.FONT
    normal.font.size = Pt(BODY_SIZE)
    ooxml.set_fonts(normal.element.get_or_add_rPr())


def _set_core_properties(document, spec: DocumentSpec) -> None:
    properties = document.core_properties
    author = nfc(spec.author or " ".join(spec.issuer))
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    properties.title = nfc(spec.document_title)[:255]
    properties.subject = nfc(" ".join(spec.title))[:255]
    properties.author = author
    properties.last_modified_by = author
    properties.language = ooxml.LANGUAGE
    properties.keywords = spec.symbol
    properties.comments = ""
    properties.category = nfc(spec.kind or "CÔNG VĂN")
    properties.created = properties.modified = now
    properties.revision = 1
    package_rels = document.part.package.rels
    for key, rel in list(package_rels.items()):  # the template's thumbnail would show a stranger's page
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package_rels[key]


# --- header -------------------------------------------------------------------------------------------


def _fit_size(text: str, size: float, width_mm: float, *, bold: bool = False, italic: bool = False) -> float:
    """Step ``size`` down by one point (at most) when ``text`` would not fit on one line."""
    if text_width_mm(text, size, bold=bold, italic=italic) > width_mm and size > 12:
        return size - 1
    return size


def _write_header(document, spec: DocumentSpec) -> None:
    left_mm, right_mm = HEADER_COLUMNS_MM
    table = ooxml.build_table(document, 2, list(HEADER_COLUMNS_MM), borders=False, padding_mm=0)
    (issuer_cell, national_cell), (number_cell, date_cell) = (row.cells for row in table.rows)

    issuer_lines = [nfc(line).upper() for line in spec.issuer if line.strip()]
    all_lines = [*([nfc(spec.issuer_parent).upper()] if spec.issuer_parent else []), *issuer_lines]
    size = min(_fit_size(line, ISSUER_SIZE, left_mm, bold=True) for line in all_lines)
    if spec.issuer_parent:
        write(issuer_cell, all_lines[0], Style(size=size, align="center"))
    write(issuer_cell, "\n".join(issuer_lines), Style(size=size, align="center", bold=True))
    widest = max(text_width_mm(line, size, bold=True) for line in issuer_lines)
    add_rule(issuer_cell, min(max(widest * 0.4, 15), widest), left_mm, before_pt=1)

    write(national_cell, NATIONAL_TITLE, Style(size=NATIONAL_TITLE_SIZE, align="center", bold=True))
    write(national_cell, MOTTO, Style(size=MOTTO_SIZE, align="center", bold=True))
    add_rule(national_cell, text_width_mm(MOTTO, MOTTO_SIZE, bold=True), right_mm, before_pt=1)

    write(
        number_cell,
        number_line(spec.number, spec.symbol),
        Style(size=NUMBER_SIZE, align="center", before_pt=6),
    )
    if spec.kind is None:  # công văn: the subject sits under the number
        subject = "V/v " + " ".join(nfc(line) for line in spec.title)
        lines = balanced_lines(subject, left_mm - 6, SUBJECT_LINE_SIZE)
        write(number_cell, "\n".join(lines), Style(size=SUBJECT_LINE_SIZE, align="center", before_pt=3))

    place_date = place_date_line(spec.place, spec.date)
    date_size = _fit_size(place_date, PLACE_DATE_SIZE, right_mm - 2, italic=True)
    write(date_cell, place_date, Style(size=date_size, align="center", italic=True, before_pt=6))

    for row in table.rows:
        ooxml.mark_row(row)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
            finish_cell(cell)


# --- title, addressees, legal bases -----------------------------------------------------------------


def _title_lines(lines: list[str], size: float) -> list[str]:
    result: list[str] = []
    for line in (nfc(line) for line in lines if line.strip()):
        if len(lines) == 1 or text_width_mm(line, size, bold=True) > TEXT_WIDTH_MM - 10:
            result.extend(balanced_lines(line, TEXT_WIDTH_MM - 20, size, bold=True))
        else:
            result.append(line)
    return result


def _write_title_block(document, spec: DocumentSpec) -> None:
    if spec.kind:
        kind = nfc(spec.kind).upper()
        write(
            document,
            kind,
            Style(size=TITLE_SIZE, bold=True, align="center", before_pt=18, keep_with_next=True),
        )
        lines = _title_lines(spec.title, TITLE_SIZE)
        if lines:
            write(
                document,
                "\n".join(lines),
                Style(size=TITLE_SIZE, bold=True, align="center", keep_with_next=True),
            )
            widest = max(text_width_mm(line, TITLE_SIZE, bold=True) for line in lines)
            add_rule(document, min(max(widest / 3, 25), 60), TEXT_WIDTH_MM, before_pt=1)
    if spec.authority:
        authority = nfc(spec.authority).upper()
        write(
            document, authority, Style(size=TITLE_SIZE, bold=True, align="center", before_pt=12, after_pt=6)
        )
    if spec.addressees:
        _write_addressees(document, spec.addressees)
    elif not spec.authority:
        write(document, "", Style(size=8))  # breathing space before the body


def _write_addressees(document, addressees: list[str]) -> None:
    """ "Kính gửi:" centred for one addressee; label and a dash list beside it for several."""
    items = punctuate_list(addressees)
    style = Style(size=BODY_SIZE, align="center", before_pt=12, after_pt=12)
    if len(items) == 1:
        write(document, f"Kính gửi: {items[0]}", style)
        return
    label_mm, list_mm = 30.0, 55.0
    for index, item in enumerate(items):
        paragraph = document.add_paragraph()
        first, last = index == 0, index == len(items) - 1
        ooxml.format_paragraph(
            paragraph,
            Style(size=BODY_SIZE, align="left", before_pt=12 if first else 0, after_pt=12 if last else 0),
        )
        fmt = paragraph.paragraph_format
        fmt.left_indent = Mm(list_mm)
        fmt.first_line_indent = Mm(label_mm - list_mm) if first else None
        fmt.tab_stops.add_tab_stop(Mm(list_mm), WD_TAB_ALIGNMENT.LEFT)
        text = f"Kính gửi:\t- {item}" if first else f"- {item}"
        ooxml.add_runs(paragraph, [(text, False, False)], BODY_SIZE)


def _write_bases(document, spec: DocumentSpec) -> None:
    for line in punctuate_list(spec.legal_bases):
        write(document, line, replace(BODY, italic=True))


# --- body ---------------------------------------------------------------------------------------------


def _write_block(container, block: Block, width_mm: float) -> None:
    if isinstance(block, Heading):
        text = f"{block.label} {clean(block.text)}".strip()
        bold, italic = block.level < 3, block.level == 3
        write(container, text, replace(BODY, bold=bold, italic=italic, keep_with_next=True))
    elif isinstance(block, Paragraph):
        paragraph = container.add_paragraph()
        style = replace(BODY, align=block.align, first_line_mm=BODY_INDENT_MM if block.indent else 0)
        ooxml.format_paragraph(paragraph, style)
        parts = []
        if block.lead:
            lead_bold, lead_italic = block.lead_style == "bold", block.lead_style == "italic"
            parts.append((clean(block.lead) + " ", lead_bold or block.bold, lead_italic or block.italic))
        parts.append((clean(block.text), block.bold, block.italic))
        ooxml.add_runs(paragraph, parts, BODY_SIZE)
    elif isinstance(block, Bullet):
        write(container, f"{block.marker} {clean(block.text)}", BODY)
    elif isinstance(block, Table):
        _write_table(container, block, width_mm)
    else:  # pragma: no cover - guarded by the Block union
        raise TypeError(f"Unknown block: {block!r}")


def _column_widths(block: Table, width_mm: float) -> list[float]:
    """Widths from the relative weights, widened so that no header word ("STT") has to break."""
    columns = block.column_count
    weights = list(block.widths[:columns]) + [1.0] * (columns - len(block.widths))
    widths = [width_mm * w / sum(weights) for w in weights]
    minimum = [2 * CELL_PADDING_MM + 1.0] * columns
    for row in block.header:
        for column, text in enumerate(row):
            for word in text.split():
                needed = text_width_mm(word, block.font_size, bold=True) + 2 * CELL_PADDING_MM + 1.0
                minimum[column] = max(minimum[column], needed)
    shortfall = sum(max(0.0, m - w) for m, w in zip(minimum, widths, strict=True))
    if shortfall:
        spare = {i: w - minimum[i] for i, w in enumerate(widths) if w > minimum[i]}
        total_spare = sum(spare.values()) or 1.0
        widths = [
            max(w, minimum[i]) - (shortfall * spare[i] / total_spare if i in spare else 0.0)
            for i, w in enumerate(widths)
        ]
    return widths


def _write_table(container, block: Table, width_mm: float) -> None:
    widths = _column_widths(block, width_mm)
    rows = [*block.header, *block.rows]
    table = ooxml.build_table(container, len(rows), widths, borders=True, padding_mm=CELL_PADDING_MM)
    for row_index, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        is_header = row_index < len(block.header)
        ooxml.mark_row(row, header=is_header)
        for column, cell in enumerate(row.cells):
            value = clean(values[column]) if column < len(values) else ""
            align = "center" if is_header else (block.align[column] if column < len(block.align) else "left")
            style = Style(size=block.font_size, bold=is_header, align=align, before_pt=2, after_pt=2)
            write(cell, value, style)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            finish_cell(cell)
    write(container, "", Style(size=6))


# --- signature and recipients --------------------------------------------------------------------------


def _write_signature(document, spec: DocumentSpec) -> None:
    if document.paragraphs:  # the closing words never end a page on their own, away from the signature
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    write(document, "", Style(size=6, keep_with_next=True))
    table = ooxml.build_table(document, 1, list(SIGNATURE_COLUMNS_MM), borders=False, padding_mm=0)
    recipients_cell, signer_cell = table.rows[0].cells
    ooxml.mark_row(table.rows[0])

    if spec.recipients or spec.archive:
        label = Style(size=RECIPIENTS_LABEL_SIZE, bold=True, italic=True, align="left")
        write(recipients_cell, "Nơi nhận:", label)
        for line in recipient_lines(spec.recipients, spec.archive):
            write(recipients_cell, line, Style(size=RECIPIENTS_SIZE, align="left"))

    signature = spec.signature
    caps = Style(size=SIGNATURE_SIZE, bold=True, align="center")
    if signature.capacity:
        write(signer_cell, nfc(signature.capacity).upper(), caps)
    write(signer_cell, nfc(signature.position).upper(), caps)
    if signature.signed:
        write(signer_cell, "(Đã ký)", Style(size=SIGNATURE_SIZE, italic=True, align="center", before_pt=24))
    gap = 24 if signature.signed else 78
    write(
        signer_cell,
        clean(signature.name),
        Style(size=SIGNATURE_SIZE, bold=True, align="center", before_pt=gap),
    )
    for cell in (recipients_cell, signer_cell):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        finish_cell(cell)


# --- annexes ------------------------------------------------------------------------------------------


def _write_annex(document, annex: Annex) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    if annex.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    ooxml.restart_page_numbers(section)
    width = LANDSCAPE_TEXT_WIDTH_MM if annex.landscape else TEXT_WIDTH_MM
    title = "\n".join(nfc(line).upper() for line in annex.title if line.strip())
    write(document, title, Style(size=TITLE_SIZE, bold=True, align="center", keep_with_next=True))
    if annex.reference:
        reference = clean(annex.reference).strip("() ")
        write(
            document,
            f"({reference})",
            Style(size=TITLE_SIZE, italic=True, align="center", keep_with_next=True),
        )
    add_rule(document, 40, width, before_pt=1)
    write(document, "", Style(size=8))
    for block in annex.blocks:
        _write_block(document, block, width)
    if annex.table is not None:
        _write_table(document, annex.table, width)
