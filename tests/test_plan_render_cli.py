"""``thidua plan render``: exit codes and messages, and the round trip read -> render -> read.

Lives in the top-level ``tests/`` because it uses both the reader (``campaigns``) and the renderer
(``documents``), and ``documents`` may not import ``campaigns`` (ADR 0005).
"""

import io
import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm

from thidua.campaigns.reader import extract_text, read_plan_file, read_plan_text
from thidua.campaigns.render_cli import cli_main
from thidua.campaigns.seed import SEED_PATH
from thidua.documents.render import plan_spec, render_docx
from thidua.documents.render.pdf import find_soffice

SEED = SEED_PATH
FONT = "Times New Roman"

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"the seed plan is not at {SEED}")
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")

#: What the renderer writes from a reading, so what must come back from the .docx.
ROUND_TRIP_FIELDS = (
    "doc_kind",
    "issuer",
    "issuer_parent",
    "number",
    "symbol",
    "place",
    "date",
    "title",
    "movements",
    "period_start",
    "period_end",
    "deadlines",
    "assignments",
    "recipients",
    "signer",
)

OWN_PLAN = {
    "doc_kind": "KẾ HOẠCH",
    "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG HỒNG HÀ",
    "issuer_parent": None,
    "number": "17",
    "symbol": "KH-UBND",
    "place": "Hồng Hà",
    "date": "2025-03-04",
    "title": "Tổ chức phong trào thi đua “Dân vận khéo” năm 2025",
    "references": [
        {
            "kind": "Kế hoạch",
            "number": "41",
            "symbol": "KH-UBND",
            "date": "2025-02-10",
            "issuer": "Ủy ban nhân dân tỉnh",
        }
    ],
    "movements": ["Dân vận khéo", "Toàn dân đoàn kết xây dựng đời sống văn hóa"],
    "period_start": "2025-03-15",
    "period_end": "2025-11-30",
    "deadlines": [
        {
            "date": "2025-11-20",
            "text": "Các đơn vị gửi báo cáo kết quả về Ủy ban nhân dân phường trước ngày 20 tháng 11 năm 2025.",
            "to": "Ủy ban nhân dân phường",
        }
    ],
    "assignments": [
        {
            "unit": "Văn phòng HĐND và UBND phường",
            "lead_for": None,
            "tasks": [
                "Tham mưu Ủy ban nhân dân phường triển khai, đôn đốc thực hiện Kế hoạch.",
                "Tổng hợp kết quả, đề xuất khen thưởng các tập thể, cá nhân tiêu biểu.",
            ],
        },
        {
            "unit": "Công an phường",
            "lead_for": None,
            "tasks": ["Bảo đảm an ninh, trật tự trong các hoạt động thi đua trên địa bàn phường."],
        },
    ],
    "recipients": ["Thường trực Đảng ủy phường", "Chủ tịch, các Phó Chủ tịch UBND phường", "Lưu: VT, VP"],
    "signer": {"capacity": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Thị Minh Hằng"},
    "warnings": [],
}


def comparable(reading: dict) -> dict:
    """The fields the renderer writes, without the reader's line numbers."""
    out = {}
    for key in ROUND_TRIP_FIELDS:
        value = reading.get(key)
        if isinstance(value, list):
            value = [
                {k: v for k, v in item.items() if k != "line"} if isinstance(item, dict) else item
                for item in value
            ]
        out[key] = value
    # The renderer normalises the archive line's separators ("Lưu: VT. VHXH" -> "Lưu: VT, VHXH").
    out["recipients"] = [r.replace("VT. ", "VT, ") for r in out["recipients"]]
    return out


def parent_plans(reading: dict) -> list[tuple]:
    return [
        (ref["kind"], ref["number"], ref["symbol"], ref.get("date"))
        for ref in reading["references"]
        if ref["kind"].lower() == "kế hoạch"
    ][:1]


def run_cli(*args: str, capsys) -> tuple[int, str, str]:
    code = cli_main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def seed_reading() -> dict:
    if not SEED.is_file():
        pytest.skip(f"the seed plan is not at {SEED}")
    return read_plan_file(SEED)


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory, seed_reading) -> Path:
    out = tmp_path_factory.mktemp("render") / "ke-hoach.docx"
    assert cli_main([str(SEED), "--out", str(out)]) == 0
    return out


# --- round trip ---------------------------------------------------------------------------------------


def test_seed_read_render_read_gives_the_same_fields(seed_reading, seed_docx):
    again = read_plan_file(seed_docx)
    assert comparable(again) == comparable(seed_reading)
    assert parent_plans(again) == parent_plans(seed_reading) == [("Kế hoạch", "252", "KH-UBND", "2025-09-09")]
    # The blanks left for signing are still reported, and no new problem is introduced by the layout.
    codes = {warning["code"] for warning in again["warnings"]}
    assert {"number_blank", "date_incomplete"} <= codes
    assert not codes & {"heading_sequence", "issuer_name_mismatch", "plural_scope", "citation_inconsistent"}


def test_seed_reading_has_what_the_round_trip_compares(seed_reading):
    assert seed_reading["issuer"] == "ỦY BAN NHÂN DÂN XÃ CẨM GIANG"
    assert seed_reading["number"] is None and seed_reading["symbol"] == "KH-UBND"
    assert seed_reading["date"] == {"year": 2025, "month": 9, "day": None}
    assert len(seed_reading["movements"]) >= 5 and len(seed_reading["assignments"]) == 7
    assert seed_reading["signer"]["name"] == "Vương Đức Dũng"


def test_own_plan_renders_and_reads_back(tmp_path):
    out = tmp_path / "own.docx"
    out.write_bytes(render_docx(plan_spec(OWN_PLAN)))
    again = read_plan_file(out)
    assert comparable(again) == comparable(OWN_PLAN)
    assert parent_plans(again) == [("Kế hoạch", "41", "KH-UBND", "2025-02-10")]
    assert again["warnings"] == []


def test_own_plan_from_json_through_the_cli(tmp_path, capsys):
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(OWN_PLAN, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "own.docx"
    code, stdout, _ = run_cli(source, "--out", out, "--json", capsys=capsys)
    assert code == 0
    result = json.loads(stdout)
    assert result == {
        "output": str(out),
        "format": "docx",
        "bytes": out.stat().st_size,
        "source": "json",
        "warnings": [],
    }
    assert comparable(read_plan_file(out)) == comparable(OWN_PLAN)


def test_parse_json_output_renders_like_the_file_itself(tmp_path, capsys, seed_reading, seed_docx):
    source = tmp_path / "seed.json"
    source.write_text(json.dumps(seed_reading, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "from-json.docx"
    code, stdout, _ = run_cli(source, "--out", out, capsys=capsys)
    assert code == 0 and stdout.startswith(f"Đã ghi {out}")
    assert [p.text for p in Document(out).paragraphs] == [p.text for p in Document(seed_docx).paragraphs]


def test_json_without_the_json_extension_and_from_stdin(tmp_path, capsys, monkeypatch):
    source = tmp_path / "plan.out"
    source.write_text(json.dumps(OWN_PLAN, ensure_ascii=False), encoding="utf-8")
    assert run_cli(source, "--out", tmp_path / "a.docx", capsys=capsys)[0] == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(source.read_bytes())))
    assert run_cli("-", "--out", tmp_path / "b.docx", capsys=capsys)[0] == 0
    texts = [[p.text for p in Document(tmp_path / name).paragraphs] for name in ("a.docx", "b.docx")]
    assert texts[0] == texts[1] and "KẾ HOẠCH" in texts[0]


def test_text_file_reads_through_the_reader(tmp_path, capsys):
    rendered = tmp_path / "own.docx"
    rendered.write_bytes(render_docx(plan_spec(OWN_PLAN)))
    text = extract_text(rendered)
    assert comparable(read_plan_text(text)) == comparable(OWN_PLAN)
    source = tmp_path / "plan.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "from-text.docx"
    code, stdout, _ = run_cli(source, "--out", out, "--json", capsys=capsys)
    assert code == 0 and json.loads(stdout)["source"] == "reader"
    assert comparable(read_plan_file(out)) == comparable(OWN_PLAN)


# --- python-docx checks of the rendered seed ----------------------------------------------------------


def test_seed_docx_page_fonts_and_margins(seed_docx):
    document = Document(seed_docx)
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    # Decree 30, Phụ lục I: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
    assert Mm(20) - Mm(0.1) <= section.top_margin <= Mm(25) + Mm(0.1)
    assert Mm(20) - Mm(0.1) <= section.bottom_margin <= Mm(25) + Mm(0.1)
    assert Mm(30) - Mm(0.1) <= section.left_margin <= Mm(35) + Mm(0.1)
    assert Mm(15) - Mm(0.1) <= section.right_margin <= Mm(20) + Mm(0.1)
    assert document.styles["Normal"].font.name == FONT
    runs = [run for paragraph in all_paragraphs(document) for run in paragraph.runs if run.text.strip()]
    assert runs
    for run in runs:
        fonts = run._element.rPr.rFonts
        assert {fonts.get(qn(slot)) for slot in ("w:ascii", "w:hAnsi", "w:cs")} == {FONT}, run.text
        assert 11 <= run.font.size.pt <= 14, run.text
    body = [p for p in document.paragraphs if p.paragraph_format.first_line_indent and len(p.text) > 80]
    assert body and all({run.font.size.pt for run in p.runs if run.text.strip()} <= {13, 14} for p in body)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY for p in body)


def all_paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for cell in table._cells:
            yield from cell.paragraphs


def test_seed_docx_header_table(seed_docx):
    table = Document(seed_docx).tables[0]
    assert len(table.columns) == 2
    left = [p for p in table.cell(0, 0).paragraphs if p.text.strip()]
    right = [p for p in table.cell(0, 1).paragraphs if p.text.strip()]
    assert left[0].text == "ỦY BAN NHÂN DÂN\nXÃ CẨM GIANG"
    assert all(run.bold for run in left[0].runs if run.text)
    assert [p.text for p in right[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    number = next(p for p in table.cell(1, 0).paragraphs if p.text.strip())
    place_date = next(p for p in table.cell(1, 1).paragraphs if p.text.strip())
    assert number.text.replace(" ", "") == "Số:/KH-UBND" and "      /" in number.text
    assert unicodedata.normalize("NFC", place_date.text).startswith("Cẩm Giang, ngày ")
    assert place_date.text.endswith("tháng 9 năm 2025")
    assert all(run.italic for run in place_date.runs if run.text.strip())
    rules = [p for p in table.cell(0, 0).paragraphs + table.cell(0, 1).paragraphs if p._p.pPr is not None]
    assert sum(p._p.pPr.find(qn("w:pBdr")) is not None for p in rules) == 2


def test_seed_docx_signature_and_recipients(seed_docx):
    table = Document(seed_docx).tables[-1]
    signer = [p.text for p in table.cell(0, 1).paragraphs if p.text.strip()]
    recipients = [p.text for p in table.cell(0, 0).paragraphs if p.text.strip()]
    assert signer == ["CHỦ TỊCH", "Vương Đức Dũng"]
    assert recipients[0] == "Nơi nhận:" and recipients[-1] == "- Lưu: VT, VHXH."


@needs_soffice
def test_seed_pdf_through_libreoffice(tmp_path, capsys):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "ke-hoach.pdf"
    code, _, _ = run_cli(SEED, "--out", out, capsys=capsys)
    assert code == 0
    reader = pypdf.PdfReader(out)
    first = unicodedata.normalize("NFC", reader.pages[0].extract_text())
    assert "KẾ HOẠCH" in first and "ỦY BAN NHÂN DÂN" in first
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", out, tmp_path / "page"], check=True
        )
        assert (tmp_path / "page-1.png").stat().st_size > 0


# --- refusals -----------------------------------------------------------------------------------------


def test_unknown_output_extension(tmp_path, capsys):
    code, stdout, _ = run_cli(SEED, "--out", tmp_path / "x.odt", "--json", capsys=capsys)
    assert code == 2
    error = json.loads(stdout)["error"]
    assert error["code"] == "output_format" and ".docx hoặc .pdf" in error["message"]
    assert not (tmp_path / "x.odt").exists()
    code, stdout, stderr = run_cli(SEED, "--out", tmp_path / "x.odt", capsys=capsys)
    assert code == 2 and stdout == "" and "Tệp kết quả phải có đuôi .docx hoặc .pdf" in stderr


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("missing.docx", None, "file_not_found"),
        ("corrupt.docx", b"PK\x03\x04 this is not a zip", None),
        ("empty.txt", b"", None),
        ("broken.json", b'{"title": ', "json_invalid"),
        (
            "error.json",
            json.dumps({"error": {"code": "pdf_no_text", "message": "x"}}).encode(),
            "json_error_object",
        ),
        ("list.json", b"[1, 2]", "json_not_plan"),
        ("not-a-plan.txt", "Hôm nay trời đẹp, chúng tôi đi chơi công viên.".encode(), "plan_incomplete"),
        (
            "bad-date.json",
            json.dumps({"issuer": "UBND XÃ A", "place": "A", "date": "x"}).encode(),
            "plan_invalid",
        ),
    ],
)
def test_unreadable_input_exits_2_with_a_json_error(tmp_path, capsys, name, content, code):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    out = tmp_path / "out.docx"
    exit_code, stdout, _ = run_cli(source, "--out", out, "--json", capsys=capsys)
    assert exit_code == 2
    error = json.loads(stdout)["error"]
    assert error["message"] and not error["message"].isascii()
    if code:
        assert error["code"] == code
    assert not out.exists()
    exit_code, stdout, stderr = run_cli(source, "--out", out, capsys=capsys)
    assert exit_code == 2 and stdout == "" and stderr.strip() and "Traceback" not in stderr


@needs_seed
def test_missing_libreoffice_for_pdf(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("THIDUA_SOFFICE", "/nonexistent/soffice")
    code, stdout, _ = run_cli(SEED, "--out", tmp_path / "x.pdf", "--json", capsys=capsys)
    assert code == 2
    assert json.loads(stdout)["error"] == {
        "code": "pdf_unavailable",
        "message": "Chưa cài LibreOffice (soffice), không thể xuất PDF",
    }
    assert not (tmp_path / "x.pdf").exists()


def test_usage_errors_exit_2(capsys):
    assert cli_main([]) == 2
    assert cli_main(["plan", "render", str(SEED)]) == 2  # no --out
    assert cli_main(["--help"]) == 0
    capsys.readouterr()


def test_unwritable_output(tmp_path, capsys):
    source = tmp_path / "plan.json"
    source.write_text(json.dumps(OWN_PLAN, ensure_ascii=False), encoding="utf-8")
    code, stdout, _ = run_cli(source, "--out", tmp_path / "no-such-dir" / "x.docx", "--json", capsys=capsys)
    assert code == 2 and json.loads(stdout)["error"]["code"] == "output_unwritable"
