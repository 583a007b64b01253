"""Downloads of rendered documents: content types, file names, and a clear page when PDF is impossible."""

import io
from urllib.parse import unquote

import pytest
from django.http import Http404
from docx import Document

from thidua.documents.render import plan_spec
from thidua.documents.render.pdf import find_soffice
from thidua.documents.render.samples import cam_giang_plan
from thidua.documents.responses import (
    DOCX_TYPE,
    DocumentUnavailable,
    ascii_filename,
    content_disposition,
    document_bytes,
    document_response,
)


@pytest.fixture(scope="module")
def spec():
    return plan_spec(cam_giang_plan())


def test_docx_download(spec):
    response = document_response(spec, "docx", "Kế hoạch 05/KH-UBND")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Length"] == str(len(response.content))
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Ke-hoach-05-KH-UBND.docx\"; filename*=UTF-8''"
        "K%E1%BA%BF%20ho%E1%BA%A1ch%2005-KH-UBND.docx"
    )
    document = Document(io.BytesIO(response.content))
    assert any("KẾ HOẠCH" in paragraph.text for paragraph in document.paragraphs)


def test_the_header_is_ascii_and_the_utf8_name_round_trips():
    header = content_disposition("Báo cáo đăng ký thi đua – Xã Cẩm Giang.pdf")
    header.encode("ascii")
    ascii_part, utf8_part = header.split("; filename*=UTF-8''")
    assert ascii_part == 'attachment; filename="Bao-cao-dang-ky-thi-dua-Xa-Cam-Giang.pdf"'
    assert unquote(utf8_part) == "Báo cáo đăng ký thi đua – Xã Cẩm Giang.pdf"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Đợt thi đua 2025", "Dot-thi-dua-2025"),
        ('a"b\\c/d\r\ne', "a-b-c-d-e"),
        ("", "van-ban"),
        ("…", "van-ban"),
    ],
)
def test_ascii_filename(name, expected):
    assert ascii_filename(name) == expected


def test_quotes_and_line_breaks_cannot_break_the_header():
    header = content_disposition('x"; filename="evil.exe\r\nSet-Cookie: a=b.docx')
    assert "\r" not in header and "\n" not in header
    assert header.startswith('attachment; filename="x-filename-evil.exe-Set-Cookie-a-b.docx"')


def test_extension_is_added_once(spec):
    response = document_response(spec, "DOCX", "ke-hoach.docx")
    assert 'filename="ke-hoach.docx"' in response["Content-Disposition"]


def test_unknown_format_is_not_found(spec):
    with pytest.raises(Http404):
        document_response(spec, "odt", "ke-hoach")
    with pytest.raises(DocumentUnavailable, match=r"chỉ có \.docx và \.pdf"):
        document_bytes(spec, "odt")


@pytest.mark.parametrize("soffice", ["/nonexistent/soffice", "/bin/false"])
def test_pdf_without_working_libreoffice_is_a_clear_503_page(spec, monkeypatch, soffice):
    monkeypatch.setenv("THIDUA_SOFFICE", soffice)
    response = document_response(spec, "pdf", "Kế hoạch")
    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    page = response.content.decode()
    assert "Không tạo được bản PDF" in page
    assert "Traceback" not in page
    if soffice.startswith("/nonexistent"):
        assert "Chưa cài LibreOffice (soffice), không thể xuất PDF" in page
    with pytest.raises(DocumentUnavailable, match=r"Hãy tải bản \.docx"):
        document_bytes(spec, "pdf")


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_pdf_download(spec):
    response = document_response(spec, "pdf", "Kế hoạch 05/KH-UBND")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert 'filename="Ke-hoach-05-KH-UBND.pdf"' in response["Content-Disposition"]
