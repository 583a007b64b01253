"""Input the reader must refuse cleanly (ReaderError, CLI exit 2), and the CLI's contract."""

import io
import json
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image, ImageDraw

from thidua.campaigns.reader import ReaderError, cli_main, extract_text, read_plan_bytes, read_plan_file
from thidua.campaigns.reader.encoding import legacy_encoding
from thidua.campaigns.reader.schema import validate_reading
from thidua.campaigns.seed import SEED_PATH

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
SEED = SEED_PATH
NO_TEXT = "tệp PDF không có lớp văn bản, cần bản có chữ hoặc .docx"
# The same national title typed with legacy font encodings, as a Unicode editor shows them.
TCVN3 = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÕ ho¹ch thi ®ua n¨m 2025\n"
VNI = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nKeá hoaïch thi ñua naêm 2025\n"


def refused(path: Path, **kwargs) -> ReaderError:
    with pytest.raises(ReaderError) as caught:
        read_plan_file(path, **kwargs)
    return caught.value


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it."""
    image = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(image).text((60, 60), "UY BAN NHAN DAN XA CAM GIANG - KE HOACH", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72)
    return buffer.getvalue()


def test_corrupt_docx(tmp_path):
    assert (
        refused(write(tmp_path, "plan.docx", b"PK\x03\x04 this is not a zip archive")).code == "corrupt_docx"
    )


def test_docx_without_document_part(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert refused(write(tmp_path, "plan.docx", buffer.getvalue())).code == "corrupt_docx"


def test_docx_with_broken_xml(tmp_path):
    good = io.BytesIO()
    Document().save(good)
    broken = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document><unclosed>" if item.filename == "word/document.xml" else data)
    assert refused(write(tmp_path, "plan.docx", broken.getvalue())).code == "corrupt_docx"


def test_docx_renamed_text_file(tmp_path):
    assert refused(write(tmp_path, "plan.docx", "KẾ HOẠCH".encode())).code == "corrupt_docx"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + b"x" * 500, b"%PDF-1.4\n%%EOF", b"%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >>"],
    ids=["garbage", "header-only", "truncated"],
)
def test_corrupt_pdf(tmp_path, data):
    assert refused(write(tmp_path, "plan.pdf", data)).code == "corrupt_pdf"


def test_pdf_renamed_text_file(tmp_path):
    assert refused(write(tmp_path, "plan.pdf", "KẾ HOẠCH".encode())).code == "corrupt_pdf"


def test_scanned_pdf_without_text_layer(tmp_path):
    error = refused(write(tmp_path, "scan.pdf", scanned_pdf()))
    assert (error.code, error.message_vi) == ("pdf_no_text", NO_TEXT)


@pytest.mark.parametrize(
    "data", [b"", b"   \n\r\n  ", b"\xef\xbb\xbf"], ids=["zero-bytes", "blank", "bom-only"]
)
def test_empty_file(tmp_path, data):
    assert refused(write(tmp_path, "plan.txt", data)).code == "empty_file"


def test_oversize_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.pdf"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    error = refused(path)
    assert error.code == "file_too_large"
    assert "50,0 MB" in error.message_vi and "20,0 MB" in error.message_vi


def test_size_limit_is_a_parameter(tmp_path):
    path = FIXTURES / "ke-hoach-phuong-an-phu-kt.txt"
    assert refused(path, max_bytes=100).code == "file_too_large"
    assert read_plan_file(path, max_bytes=path.stat().st_size)["number"] == "118"


def test_missing_file(tmp_path):
    assert refused(tmp_path / "nowhere.txt").code == "file_not_found"
    assert refused(tmp_path).code == "file_not_found"


@pytest.mark.parametrize("text", [TCVN3, VNI], ids=["tcvn3", "vni"])
def test_legacy_encoding_saved_as_unicode(tmp_path, text):
    error = refused(write(tmp_path, "plan.txt", text.encode("utf-8")))
    assert error.code == "legacy_encoding"
    assert ("TCVN3" if text is TCVN3 else "VNI") in error.message_vi


@pytest.mark.parametrize("text", [TCVN3, VNI], ids=["tcvn3", "vni"])
def test_legacy_encoding_raw_bytes(tmp_path, text):
    assert refused(write(tmp_path, "plan.txt", text.encode("cp1252"))).code == "legacy_encoding"


def test_legacy_encoding_inside_docx(tmp_path):
    document = Document()
    for line in TCVN3.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "old.docx")
    assert refused(tmp_path / "old.docx").code == "legacy_encoding"


def test_unicode_vietnamese_is_not_taken_for_a_legacy_encoding():
    assert legacy_encoding(SEED.read_text(encoding="utf-8")) is None
    assert legacy_encoding("Phong trào «Ngày thứ Bảy tình nguyện» và «Cả nước chung sức»") is None


def cp1258(text: str) -> bytes:
    """Windows-1258 keeps â ê ô ă ơ ư đ whole and writes the five tones as combining marks."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = [mark for mark in parts if mark in "\u0300\u0301\u0303\u0309\u0323"]
        base = unicodedata.normalize("NFC", "".join(mark for mark in parts if mark not in tones))
        out.append(base + "".join(tones))
    return "".join(out).encode("cp1258")


def test_windows_1258_text_is_decoded(tmp_path):
    text = "KẾ HOẠCH\nPhát động phong trào thi đua năm 2025\n"
    reading = read_plan_file(write(tmp_path, "plan.txt", cp1258(text)))
    assert (reading["doc_kind"], reading["title"]) == ("KẾ HOẠCH", "Phát động phong trào thi đua năm 2025")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("plan.xyz", "KẾ HOẠCH".encode()),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100),
        ("plan.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ("plan.odt", b""),
        ("plan.txt", bytes(range(256)) * 4),
    ],
    ids=["unknown-extension", "word-97", "jpeg", "png-named-txt", "odt", "binary-named-txt"],
)
def test_unsupported_content(tmp_path, name, data):
    if name == "plan.odt":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("content.xml", "<office:document-content/>")
        data = buffer.getvalue()
    assert refused(write(tmp_path, name, data)).code in ("unsupported_format", "unknown_encoding")


def test_content_decides_not_the_extension(tmp_path):
    path = write(tmp_path, "plan.data", (FIXTURES / "ke-hoach-phuong-an-phu-kt.txt").read_bytes())
    assert refused(path).code == "unsupported_format"
    good = io.BytesIO()
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thi đua năm 2025")
    document.save(good)
    assert read_plan_bytes(good.getvalue(), "plan.data")["doc_kind"] == "KẾ HOẠCH"
    assert "KẾ HOẠCH" in extract_text(write(tmp_path, "no-extension", good.getvalue()))


def test_not_a_plan_returns_what_it_can_with_warnings():
    reading = read_plan_file(FIXTURES / "khong-phai-ke-hoach.txt")
    validate_reading(reading)
    assert reading["doc_kind"] == ""
    assert {w["code"] for w in reading["warnings"]} == {"number_blank", "date_incomplete"}


# --- the command line: thidua plan parse FILE [--json] ---------------------------------------------


def test_cli_json_is_the_contract(capsys):
    assert cli_main([str(SEED), "--json"]) == 0
    out = capsys.readouterr().out
    reading = json.loads(out)
    validate_reading(reading)
    assert reading["issuer"] == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert "Cẩm Giang" in out  # ensure_ascii=False
    assert out.startswith('{\n  "doc_kind"')  # indent 2


def test_cli_summary_in_vietnamese(capsys):
    assert cli_main(["plan", "parse", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Loại văn bản: KẾ HOẠCH" in out
    assert "Số, ký hiệu: …/KH-UBND" in out
    assert "Chỉ thị 41-CT/TW ngày 26/12/2024 của Bộ Chính trị" in out
    assert "Cảnh báo (18):" in out


def test_cli_unreadable_with_json(tmp_path, capsys):
    path = write(tmp_path, "scan.pdf", scanned_pdf())
    assert cli_main([str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"error": {"code": "pdf_no_text", "message": NO_TEXT}}


def test_cli_unreadable_without_json(tmp_path, capsys):
    assert cli_main([str(write(tmp_path, "empty.txt", b""))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Tệp rỗng" in captured.err


def test_cli_missing_file_and_usage(tmp_path, capsys):
    assert cli_main([str(tmp_path / "missing.pdf"), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["error"]["code"] == "file_not_found"
    assert cli_main([]) == 2
