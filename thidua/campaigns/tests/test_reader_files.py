""".docx built with python-docx (Decree 30 header as a 2-column table) and the .pdf LibreOffice makes of it
read the same as the plain-text fixture they were built from."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from thidua.campaigns.reader import extract_text, read_plan_bytes, read_plan_file, read_plan_text
from thidua.campaigns.reader.schema import validate_reading

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
DOCUMENTS = ["ke-hoach-phuong-an-phu-kt", "ke-hoach-so-noi-vu-lang-son", "quyet-dinh-huyen-tien-lang"]
_RIGHT_HEADER = re.compile(r"CỘNG HÒA|Độc lập|, ngày .* tháng")
_MARKER = re.compile(r"^(?:[IVX]+\.|\d+\.|[a-zđ]\)|[-+] |Điều \d+\.)")


def read_text(text: str, **options) -> dict:
    """read_plan_text, with the contract checked on every reading."""
    reading = read_plan_text(text, **options)
    validate_reading(reading)
    return reading


def _paragraphs(lines: list[str]) -> list[str]:
    """Join the fixture's wrapped lines back into paragraphs (a wrapped line is long or goes on in lower case)."""
    out: list[str] = []
    for line in lines:
        wrapped = out and not out[-1].endswith((".", ":", ";")) and (line[0].islower() or len(out[-1]) > 60)
        if wrapped and not _MARKER.match(line):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _parts(name: str) -> dict:
    lines = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    kind = next(i for i, line in enumerate(lines) if line in ("KẾ HOẠCH", "QUYẾT ĐỊNH"))
    tail = lines.index("Nơi nhận:")
    header = lines[:kind]
    title_end = next(i for i in range(kind + 1, tail) if re.match(r"^(Căn cứ|Thực hiện|CHỦ TỊCH)", lines[i]))
    return {
        "left": [line for line in header if not _RIGHT_HEADER.search(line)],
        "right": [line for line in header if _RIGHT_HEADER.search(line)],
        "kind": lines[kind],
        "title": [" ".join(lines[kind + 1 : title_end])],
        "body": _paragraphs(lines[title_end:tail]),
        "recipients": [line for line in lines[tail:] if line.startswith("-") or line == "Nơi nhận:"],
        "signature": [line for line in lines[tail + 1 :] if not line.startswith("-")],
    }


def _cell(cell, lines: list[str], *, bold: bool = True, size: int = 13, centred: bool = True) -> None:
    cell.paragraphs[0].text = ""
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = bold
        run.font.size = Pt(size)


def _centred(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = True


def build_docx(name: str, path: Path) -> Path:
    parts = _parts(name)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = document.add_table(rows=1, cols=2)
    _cell(header.rows[0].cells[0], parts["left"])
    _cell(header.rows[0].cells[1], parts["right"])
    _centred(document, parts["kind"])
    for line in parts["title"]:
        _centred(document, line)
    for paragraph in parts["body"]:
        document.add_paragraph(paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    signature = document.add_table(rows=1, cols=2)
    _cell(signature.rows[0].cells[0], parts["recipients"], bold=False, size=11, centred=False)
    title_lines, name_line = parts["signature"][:-1], parts["signature"][-1]
    _cell(signature.rows[0].cells[1], [*title_lines, "", "(Đã ký)", "", name_line])
    document.save(path)
    return path


def main_fields(reading: dict) -> dict:
    """Everything but line numbers (a .docx paragraph or a PDF line is not a line of the .txt)."""

    def strip(items: list[dict]) -> list[dict]:
        return [{k: v for k, v in item.items() if k != "line"} for item in items]

    out = {
        k: v for k, v in reading.items() if k not in ("references", "deadlines", "assignments", "warnings")
    }
    out |= {k: strip(reading[k]) for k in ("references", "deadlines", "assignments")}
    out["warnings"] = sorted(w["code"] for w in reading["warnings"])
    return out


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    return {name: build_docx(name, folder / f"{name}.docx") for name in DOCUMENTS}


@pytest.fixture(scope="module")
def pdf_files(docx_files, tmp_path_factory) -> dict[str, Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot make PDFs from the .docx fixtures")
    folder = tmp_path_factory.mktemp("pdf")
    profile = (folder / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir"]
    subprocess.run(
        [*command, str(folder), *map(str, docx_files.values())],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(folder)},
    )
    return {name: folder / f"{name}.pdf" for name in DOCUMENTS}


def txt_reading(name: str) -> dict:
    return read_plan_file(FIXTURES / f"{name}.txt")


def test_docx_text_keeps_table_cells_in_document_order(docx_files):
    lines = extract_text(docx_files["ke-hoach-phuong-an-phu-kt"]).splitlines()
    assert lines[:6] == [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG AN PHÚ",
        "Số: 118/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "An Phú, ngày 03 tháng 10 năm 2025",
    ]
    assert lines[-5:] == ["PHÓ CHỦ TỊCH", "", "(Đã ký)", "", "Lê Thị Minh Hằng"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_docx_reads_like_the_text(docx_files, name):
    reading = read_plan_file(docx_files[name])
    validate_reading(reading)
    assert main_fields(reading) == main_fields(txt_reading(name))


def test_docx_bytes_with_a_wrong_extension_are_read_by_content(docx_files):
    data = docx_files["quyet-dinh-huyen-tien-lang"].read_bytes()
    reading = read_plan_bytes(data, "quyet-dinh.pdf")
    validate_reading(reading)
    assert reading["number"] == "1520"


def test_docx_automatic_numbering_is_written_out(tmp_path):
    document = Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thi đua năm 2025")
    for text in ("Mục đích của đợt thi đua.", "Yêu cầu của đợt thi đua.", "Thời gian thực hiện."):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(path)
    assert extract_text(path).splitlines()[2:] == [
        "1. Mục đích của đợt thi đua.",
        "2. Yêu cầu của đợt thi đua.",
        "3. Thời gian thực hiện.",
    ]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_from_libreoffice_reads_like_the_text(pdf_files, name):
    reading = read_plan_file(pdf_files[name])
    validate_reading(reading)
    assert main_fields(reading) == main_fields(txt_reading(name))


def test_pdf_header_table_comes_out_column_by_column(pdf_files):
    text = extract_text(pdf_files["ke-hoach-so-noi-vu-lang-son"])
    lines = text.splitlines()
    assert lines.index("UBND TỈNH LẠNG SƠN") < lines.index("SỞ NỘI VỤ") < lines.index("Số: 215/KH-SNV")
    assert read_text(text, wrapped=True)["issuer_parent"] == "UBND TỈNH LẠNG SƠN"
