"""PDF output through LibreOffice headless: text, fonts, page size, page numbers."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

import pytest

from thidua.documents.render import RenderError, plan_spec, registration_summary_spec, render_docx, render_pdf
from thidua.documents.render.pdf import find_soffice
from thidua.documents.render.samples import cam_giang_plan, cam_giang_registrations

needs_soffice = pytest.mark.skipif(
    find_soffice() is None, reason="LibreOffice (soffice) is not installed: PDF export cannot be tested"
)


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: PDF export cannot be tested")
    return render_pdf(render_docx(plan_spec(cam_giang_plan())))


def pdf_text(data: bytes) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [unicodedata.normalize("NFC", page.extract_text() or "") for page in reader.pages]


def test_missing_libreoffice_gives_a_clear_vietnamese_message(monkeypatch):
    monkeypatch.setenv("THIDUA_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(RenderError, match=r"Chưa cài LibreOffice \(soffice\), không thể xuất PDF"):
        render_pdf(b"PK\x03\x04")


def test_input_that_is_not_a_docx_is_refused_before_conversion():
    with pytest.raises(RenderError, match=r"không phải tệp \.docx"):
        render_pdf(b"")
    with pytest.raises(RenderError, match=r"không phải tệp \.docx"):
        render_pdf(b"%PDF-1.7 not a docx")


@needs_soffice
def test_corrupt_docx_raises_render_error():
    with pytest.raises(RenderError, match="LibreOffice không chuyển được"):
        render_pdf(b"PK\x03\x04" + b"garbage" * 20)


@needs_soffice
def test_pdf_text_keeps_the_header_and_vietnamese_diacritics(plan_pdf):
    pages = pdf_text(plan_pdf)
    first = " ".join(pages[0].split())
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ CẨM GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-UBND",
        "Cẩm Giang, ngày 05 tháng 9 năm 2025",
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ):
        assert expected in first, expected
    whole = " ".join(" ".join(pages).split())
    assert "Phong trào thi đua “Bình dân học vụ số”" in whole
    assert "Nơi nhận:" in whole and "- Lưu: VT, VHXH." in whole
    assert "Vương Đức Dũng" in whole


@needs_soffice
def test_pdf_page_one_is_a4_and_unnumbered(plan_pdf):
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        assert len(pdf.pages) >= 2
        first = pdf.pages[0]
        assert first.width == pytest.approx(595.3, abs=1)
        assert first.height == pytest.approx(841.9, abs=1)
        top = 20 / 25.4 * 72  # the top margin

        def margin_words(page):
            return [w["text"] for w in page.extract_words() if w["bottom"] <= top]

        assert margin_words(first) == []
        assert margin_words(pdf.pages[1]) == ["2"]


@needs_soffice
def test_pdf_embeds_liberation_serif(plan_pdf, tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "plan.pdf"
    path.write_bytes(plan_pdf)
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = output.splitlines()[2:]
    assert fonts, output
    assert all("LiberationSerif" in line for line in fonts), output
    assert all(line.split()[-5] == "yes" for line in fonts), output  # the "emb" column


@needs_soffice
def test_pdf_with_annex_has_the_list_on_its_own_page():
    spec = registration_summary_spec(cam_giang_plan(), cam_giang_registrations(), as_annex=True)
    data = render_pdf(render_docx(spec))
    pages = pdf_text(data)
    assert len(pages) == 2
    assert "DANH SÁCH ĐĂNG KÝ THI ĐUA" in pages[1]
