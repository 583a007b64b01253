"""python-docx checks of the Decree 30 layout of rendered documents (no Django, no database)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from thidua.documents.render import (
    Annex,
    Bullet,
    DocumentSpec,
    Heading,
    Paragraph,
    PartialDate,
    Signature,
    Table,
    plan_spec,
    render_docx,
)
from thidua.documents.render.samples import cam_giang_plan

FONT = "Times New Roman"


def make_spec(**overrides) -> DocumentSpec:
    values = {
        "issuer": ["ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG"],
        "number": 5,
        "symbol": "KH-UBND",
        "place": "Cẩm Giang",
        "date": datetime.date(2025, 9, 5),
        "kind": "KẾ HOẠCH",
        "title": ["Phát động phong trào thi đua năm 2025"],
        "legal_bases": [
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
            "Căn cứ Nghị định số 152/2025/NĐ-CP.",
        ],
        "body": [
            Heading("MỤC ĐÍCH, YÊU CẦU", level=1, label="I."),
            Heading("Mục đích.", level=2, label="1."),
            Paragraph("Đẩy mạnh phong trào thi đua yêu nước.", lead="a)", lead_style="plain"),
            Bullet("Phong trào thi đua “Bình dân học vụ số”."),
            Paragraph("Phê duyệt Kế hoạch.", lead="Điều 1."),
        ],
        "signature": Signature(capacity="TM. ỦY BAN NHÂN DÂN", position="CHỦ TỊCH", name="Vương Đức Dũng"),
        "recipients": ["Thường trực Đảng ủy", "- Các cơ quan, đơn vị;"],
        "archive": "VT, VHXH",
    }
    values.update(overrides)
    return DocumentSpec(**values)


def load(data: bytes):
    return Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def plan_document():
    return load(render_docx(plan_spec(cam_giang_plan())))


def header_table(document):
    return document.tables[0]


def cell_lines(cell) -> list:
    return [p for p in cell.paragraphs if p.text.strip()]


def run_sizes(paragraph) -> set[float]:
    return {run.font.size.pt for run in paragraph.runs if run.text.strip()}


def assert_font(run) -> None:
    fonts = run._element.rPr.rFonts
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert fonts.get(qn(slot)) == FONT, (slot, run.text)


# --- page -----------------------------------------------------------------------------------------------


def test_page_is_a4_portrait_with_decree_margins(plan_document):
    section = plan_document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.top_margin - Mm(20)) < Mm(0.1)
    assert abs(section.bottom_margin - Mm(20)) < Mm(0.1)
    assert abs(section.left_margin - Mm(30)) < Mm(0.1)
    assert abs(section.right_margin - Mm(15)) < Mm(0.1)


def test_every_run_is_times_new_roman_for_every_script(plan_document):
    normal = plan_document.styles["Normal"]
    assert normal.font.name == FONT
    assert normal.font.size == Pt(14)
    runs = [run for p in plan_document.paragraphs for run in p.runs]
    for table in plan_document.tables:
        runs += [run for cell in table._cells for p in cell.paragraphs for run in p.runs]
    assert len(runs) > 50
    for run in runs:
        assert_font(run)


def test_document_defaults_name_the_font_and_vietnamese(plan_document):
    defaults = (
        plan_document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == FONT
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"


# --- header -------------------------------------------------------------------------------------------


def test_header_table_has_two_columns_and_no_borders(plan_document):
    table = header_table(plan_document)
    assert len(table.columns) == 2
    tbl_pr = table._tbl.tblPr
    assert tbl_pr.find(qn("w:tblStyle")) is None
    borders = tbl_pr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    assert len(borders) == 6
    widths = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    assert abs(sum(widths) - Mm(165)) < Mm(0.5)
    for cell in table._cells:
        assert cell._tc.tcPr.find(qn("w:tcBorders")) is None


def test_issuer_lines_are_bold_caps_13_with_a_short_rule(plan_document):
    cell = header_table(plan_document).cell(0, 0)
    paragraphs = cell.paragraphs
    assert paragraphs[0].text == "ỦY BAN NHÂN DÂN\nXÃ CẨM GIANG"
    assert all(run.bold for run in paragraphs[0].runs if run.text)
    assert run_sizes(paragraphs[0]) == {13}
    assert paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = paragraphs[1]
    bottom = rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:val")) == "single"
    rule_width = Mm(68) - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    assert Mm(15) <= rule_width <= Mm(35)


def test_issuer_parent_is_regular_caps_above_the_issuer():
    document = load(render_docx(make_spec(issuer_parent="UBND thành phố Hải Phòng")))
    paragraphs = cell_lines(header_table(document).cell(0, 0))
    assert paragraphs[0].text == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert not any(run.bold for run in paragraphs[0].runs)
    assert paragraphs[1].text.startswith("ỦY BAN NHÂN DÂN")
    assert all(run.bold for run in paragraphs[1].runs if run.text)


def test_national_title_and_motto_with_a_rule_of_the_motto_width(plan_document):
    paragraphs = header_table(plan_document).cell(0, 1).paragraphs
    national, motto, rule = paragraphs[:3]
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert run_sizes(national) == {12} and all(r.bold for r in national.runs)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert run_sizes(motto) == {13} and all(r.bold for r in motto.runs)
    assert rule._p.pPr.find(qn("w:pBdr")) is not None
    rule_width = Mm(97) - rule.paragraph_format.left_indent - rule.paragraph_format.right_indent
    assert Mm(50) <= rule_width <= Mm(62)  # the motto in bold 13 is about 56 mm wide


def test_number_line_and_place_date_share_the_second_row(plan_document):
    table = header_table(plan_document)
    number = cell_lines(table.cell(1, 0))[0]
    place_date = cell_lines(table.cell(1, 1))[0]
    assert number.text == "Số: 05/KH-UBND"
    assert run_sizes(number) == {13}
    assert place_date.text == "Cẩm Giang, ngày 05 tháng 9 năm 2025"
    assert all(run.italic for run in place_date.runs)
    assert run_sizes(place_date) == {14}


def test_two_digit_number_and_leading_zero_month():
    document = load(render_docx(make_spec(number=12, date=datetime.date(2025, 2, 14))))
    table = header_table(document)
    assert cell_lines(table.cell(1, 0))[0].text == "Số: 12/KH-UBND"
    assert cell_lines(table.cell(1, 1))[0].text == "Cẩm Giang, ngày 14 tháng 02 năm 2025"


def test_blank_number_and_day_leave_spaces_for_signing():
    document = load(render_docx(make_spec(number=None, date=PartialDate(2025, 9))))
    table = header_table(document)
    number = cell_lines(table.cell(1, 0))[0].text
    assert number.startswith("Số:") and number.endswith("/KH-UBND")
    assert number.removeprefix("Số:").removesuffix("/KH-UBND").strip() == ""
    assert len(number) >= len("Số: /KH-UBND") + 4
    assert re.fullmatch(r"Cẩm Giang, ngày {3,}tháng 9 năm 2025", cell_lines(table.cell(1, 1))[0].text)


# --- page numbers ---------------------------------------------------------------------------------------


def has_page_field(header) -> bool:
    xml = header._element.xml
    return "PAGE" in xml and "fldChar" in xml


def test_page_numbers_in_the_top_margin_but_not_on_page_one(plan_document):
    section = plan_document.sections[0]
    assert section.different_first_page_header_footer is True
    assert not section.first_page_header.is_linked_to_previous
    assert not has_page_field(section.first_page_header)
    assert section.first_page_header.paragraphs[0].text == ""
    assert has_page_field(section.header)
    paragraph = section.header.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert run_sizes(paragraph) == {13}
    assert section.header_distance < section.top_margin


# --- title, bases, body ---------------------------------------------------------------------------------


def body_paragraph(document, text: str):
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(text):
            return paragraph
    raise AssertionError(f"No paragraph starts with {text!r}")


def test_kind_and_title_block_centred_bold_14_with_rule():
    document = load(render_docx(make_spec()))
    kind = body_paragraph(document, "KẾ HOẠCH")
    title = body_paragraph(document, "Phát động phong trào")
    for paragraph in (kind, title):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert run_sizes(paragraph) == {14}
        assert all(run.bold for run in paragraph.runs if run.text)
    paragraphs = document.paragraphs
    rule = paragraphs[[p._p for p in paragraphs].index(title._p) + 1]
    assert rule._p.pPr.find(qn("w:pBdr")) is not None


def test_long_title_is_broken_into_balanced_lines(plan_document):
    title = body_paragraph(plan_document, "Phát động Đợt thi đua")
    lines = title.text.split("\n")
    assert 3 <= len(lines) <= 7
    lengths = [len(line) for line in lines]
    assert max(lengths) - min(lengths) < 25
    assert not any(line.endswith("-") or line.startswith("-") for line in lines)


def test_legal_bases_italic_each_ending_semicolon_last_full_stop():
    document = load(render_docx(make_spec()))
    first = body_paragraph(document, "Căn cứ Luật")
    last = body_paragraph(document, "Căn cứ Nghị định")
    assert first.text.endswith("2022;")
    assert last.text.endswith("NĐ-CP.")
    for paragraph in (first, last):
        assert all(run.italic for run in paragraph.runs)
        assert run_sizes(paragraph) == {14}


def test_body_paragraphs_are_justified_indented_and_spaced():
    document = load(render_docx(make_spec()))
    paragraph = body_paragraph(document, "a) Đẩy mạnh")
    fmt = paragraph.paragraph_format
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert abs(fmt.first_line_indent - Mm(12.7)) < Mm(0.1)
    assert fmt.space_after == Pt(6)
    assert 1.15 <= fmt.line_spacing <= 1.5
    assert run_sizes(paragraph) == {14}
    heading = body_paragraph(document, "I. MỤC ĐÍCH")
    assert all(run.bold for run in heading.runs) and heading.paragraph_format.keep_with_next
    article = body_paragraph(document, "Điều 1.")
    assert article.runs[0].text.strip() == "Điều 1." and article.runs[0].bold
    assert not article.runs[-1].bold
    assert body_paragraph(document, "- Phong trào thi đua “Bình dân học vụ số”.")


# --- signature and recipients -----------------------------------------------------------------------------


def signature_table(document):
    return document.tables[-1]


def test_signature_block_capacity_position_and_name(plan_document):
    table = signature_table(plan_document)
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    lines = cell_lines(table.cell(0, 1))
    assert [p.text for p in lines] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Vương Đức Dũng"]
    for paragraph in lines:
        assert run_sizes(paragraph) == {14}
        assert all(run.bold for run in paragraph.runs)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert lines[2].paragraph_format.space_before >= Pt(48)  # room for the signature and seal
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_deputy_signature_and_signed_copy():
    spec = make_spec(
        signature=Signature(
            capacity="KT. CHỦ TỊCH", position="PHÓ CHỦ TỊCH", name="Nguyễn Văn A", signed=True
        )
    )
    lines = cell_lines(signature_table(load(render_docx(spec))).cell(0, 1))
    assert [p.text for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn A"]
    assert all(run.italic for run in lines[2].runs)


def test_invalid_capacity_is_refused():
    with pytest.raises(ValueError, match=r"TM\."):
        render_docx(make_spec(signature=Signature(capacity="THAY MẶT", position="CHỦ TỊCH", name="A")))


def test_noi_nhan_label_bold_italic_12_items_11_and_archive_last(plan_document):
    lines = cell_lines(signature_table(plan_document).cell(0, 0))
    label, *items = lines
    assert label.text == "Nơi nhận:"
    assert all(run.bold and run.italic for run in label.runs)
    assert run_sizes(label) == {12}
    assert label.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert items[0].text == "- Ban Thường vụ Đảng ủy;"
    assert all(p.text.startswith("- ") and p.text.endswith(";") for p in items[:-1])
    assert items[-1].text.startswith("- Lưu: VT")
    assert items[-1].text == "- Lưu: VT, VHXH."
    for paragraph in items:
        assert run_sizes(paragraph) == {11}


def test_recipients_are_cleaned_of_dashes_and_punctuation():
    lines = [p.text for p in cell_lines(signature_table(load(render_docx(make_spec()))).cell(0, 0))]
    assert lines == ["Nơi nhận:", "- Thường trực Đảng ủy;", "- Các cơ quan, đơn vị;", "- Lưu: VT, VHXH."]


# --- công văn, decisions, annexes -----------------------------------------------------------------------


def test_cong_van_prints_subject_under_number_and_addressees():
    spec = make_spec(
        kind=None,
        symbol="UBND-VP",
        title=["Đăng ký thi đua năm 2025"],
        addressees=["Các cơ quan, đơn vị trên địa bàn xã", "Các thôn"],
    )
    document = load(render_docx(spec))
    number_cell = cell_lines(header_table(document).cell(1, 0))
    assert number_cell[0].text == "Số: 05/UBND-VP"
    assert number_cell[1].text == "V/v Đăng ký thi đua năm 2025"
    assert run_sizes(number_cell[1]) == {12}
    assert not any(p.text == "KẾ HOẠCH" for p in document.paragraphs)
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi:\t- Các cơ quan, đơn vị trên địa bàn xã;" in texts
    assert "- Các thôn." in texts


def test_decision_authority_line():
    spec = make_spec(kind="QUYẾT ĐỊNH", symbol="QĐ-UBND", authority="Chủ tịch Ủy ban nhân dân xã Cẩm Giang")
    paragraph = body_paragraph(load(render_docx(spec)), "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ CẨM GIANG")
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for run in paragraph.runs)


def test_annex_on_a_new_landscape_section_numbered_from_one():
    annex = Annex(
        title=["Danh sách đăng ký thi đua"],
        reference="Kèm theo Quyết định số 05/QĐ-UBND ngày 05 tháng 9 năm 2025 của Chủ tịch UBND xã Cẩm Giang",
        table=Table(
            header=[["STT", "Đơn vị", "Danh hiệu"]],
            rows=[["1", "Trạm Y tế xã", "Lao động tiên tiến"]],
            widths=[1, 5, 4],
        ),
        landscape=True,
    )
    document = load(render_docx(make_spec(annexes=[annex])))
    assert len(document.sections) == 2
    section = document.sections[1]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert section.start_type is not None
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    title = body_paragraph(document, "DANH SÁCH ĐĂNG KÝ THI ĐUA")
    reference = body_paragraph(document, "(Kèm theo Quyết định số 05/QĐ-UBND")
    assert reference.text.endswith("Cẩm Giang)")
    assert all(run.italic for run in reference.runs)
    assert all(run.bold for run in title.runs)
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["STT", "Đơn vị", "Danh hiệu"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert {b.get(qn("w:val")) for b in table._tbl.tblPr.find(qn("w:tblBorders"))} == {"single"}
    widths = [col.w for col in table._tbl.tblGrid.gridCol_lst]
    assert abs(sum(widths) - Mm(252)) < Mm(0.5)


# --- package validity -------------------------------------------------------------------------------------


def test_core_properties(plan_document):
    properties = plan_document.core_properties
    assert properties.title.startswith("Kế hoạch Phát động Đợt thi đua")
    assert properties.author == "Ủy ban nhân dân xã Cẩm Giang"
    assert properties.language == "vi-VN"


def test_package_parts_are_well_formed_and_ordered():
    data = render_docx(plan_spec(cam_giang_plan()))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert not any("thumbnail" in name for name in names)
        for name in names:
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))
        document_xml = ElementTree.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    order = ["keepNext", "pBdr", "spacing", "ind", "jc", "rPr", "sectPr"]
    for ppr in document_xml.iter(f"{w}pPr"):
        tags = [child.tag.removeprefix(w) for child in ppr]
        known = [order.index(tag) for tag in tags if tag in order]
        assert known == sorted(known), tags


def test_spec_validation_errors():
    with pytest.raises(ValueError):
        render_docx(make_spec(issuer=[]))
    with pytest.raises(ValueError):
        render_docx(make_spec(symbol="KH UBND"))
    with pytest.raises(ValueError):
        render_docx(make_spec(number=0))
    with pytest.raises(ValueError):
        PartialDate(2025, None, 5)
