"""Builders (plain data -> DocumentSpec) and the text conventions they rely on."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from thidua.documents.render import (
    Bullet,
    Heading,
    Paragraph,
    PartialDate,
    Table,
    decree30_date,
    number_line,
    place_date_line,
    plan_spec,
    registration_summary_spec,
)
from thidua.documents.render.builders.common import issuer_lines, issuer_name, parse_date, split_recipients
from thidua.documents.render.formatting import punctuate_list, recipient_lines
from thidua.documents.render.metrics import balanced_lines, text_width_mm
from thidua.documents.render.samples import cam_giang_plan, cam_giang_registrations

CONTRACT = Path(__file__).resolve().parents[4] / "shared" / "contracts" / "plan-parse.schema.json"


# --- formatting ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2025, 9, 5), "ngày 05 tháng 9 năm 2025"),
        (datetime.date(2025, 1, 9), "ngày 09 tháng 01 năm 2025"),
        (datetime.date(2025, 2, 28), "ngày 28 tháng 02 năm 2025"),
        (datetime.date(2025, 12, 15), "ngày 15 tháng 12 năm 2025"),
        (datetime.date(2025, 3, 10), "ngày 10 tháng 3 năm 2025"),
    ],
)
def test_decree30_date_pads_days_below_ten_and_months_one_and_two(value, expected):
    assert decree30_date(value) == expected


def test_partial_dates_keep_blanks():
    assert decree30_date(PartialDate(2025, 9)).split() == ["ngày", "tháng", "9", "năm", "2025"]
    assert decree30_date(PartialDate(2025)).split() == ["ngày", "tháng", "năm", "2025"]
    assert place_date_line("Cẩm Giang", datetime.date(2025, 9, 5)) == "Cẩm Giang, ngày 05 tháng 9 năm 2025"


def test_number_line():
    assert number_line(5, "KH-UBND") == "Số: 05/KH-UBND"
    assert number_line(123, "QĐ-UBND") == "Số: 123/QĐ-UBND"
    assert number_line(None, "KH-UBND").split() == ["Số:", "/KH-UBND"]


def test_punctuation_of_lists():
    assert punctuate_list(["Căn cứ A.", "Căn cứ B;", " Căn cứ C "]) == ["Căn cứ A;", "Căn cứ B;", "Căn cứ C."]
    assert recipient_lines(["- Như trên;", "Lưu: VT"], "VT, VP") == ["- Như trên;", "- Lưu: VT, VP."]
    assert recipient_lines([], "") == ["- Lưu: VT."]


def test_width_estimate_matches_times_new_roman():
    # Measured with Liberation Serif 2 (Times New Roman metrics): 87.7 mm and 60.4 mm.
    assert text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True) == pytest.approx(87.7, abs=1)
    assert text_width_mm("Độc lập - Tự do - Hạnh phúc", 14, bold=True) == pytest.approx(60.4, abs=1)


def test_balanced_lines_are_even_and_never_split_at_a_dash():
    text = "Phát động phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025 của xã Cẩm Giang"
    lines = balanced_lines(text, 100, 14, bold=True)
    assert " ".join(lines) == text
    widths = [text_width_mm(line, 14, bold=True) for line in lines]
    assert len(lines) == 3
    assert max(widths) <= 100 and max(widths) - min(widths) < 25
    assert any("kinh tế - xã" in line for line in lines)
    assert not any(line.endswith(" -") or line.startswith("- ") for line in lines)
    assert balanced_lines("Ngắn", 100, 14) == ["Ngắn"]


# --- common conversions -----------------------------------------------------------------------------


def test_issuer_lines_and_name():
    assert issuer_lines("ỦY BAN NHÂN DÂN XÃ CẨM GIANG") == ["ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG"]
    assert issuer_lines("Ủy ban nhân dân phường Hồng Bàng") == ["ỦY BAN NHÂN DÂN", "PHƯỜNG HỒNG BÀNG"]
    assert issuer_lines("PHÒNG VĂN HÓA - XÃ HỘI") == ["PHÒNG VĂN HÓA - XÃ HỘI"]
    assert issuer_name(["ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG"]) == "Ủy ban nhân dân xã Cẩm Giang"
    assert issuer_name(["ỦY BAN NHÂN DÂN", "ĐẶC KHU CÔN ĐẢO"]) == "Ủy ban nhân dân đặc khu Côn Đảo"


def test_contract_dates():
    assert parse_date("2025-09-05") == datetime.date(2025, 9, 5)
    assert parse_date({"year": 2025, "month": 9, "day": None}) == PartialDate(2025, 9, None)
    assert parse_date({"year": 2025, "month": 9, "day": 5}) == datetime.date(2025, 9, 5)
    assert parse_date(None) is None


def test_archive_entry_is_split_from_recipients():
    items, archive = split_recipients(["- Lãnh đạo UBND xã;", "Lưu: VT. VHXH"])
    assert items == ["Lãnh đạo UBND xã"]
    assert archive == "VT, VHXH"


# --- plan -------------------------------------------------------------------------------------------


def test_sample_plan_satisfies_the_plan_parse_contract():
    jsonschema = pytest.importorskip("jsonschema")
    if not CONTRACT.is_file():
        pytest.skip(f"contract not found at {CONTRACT}")
    jsonschema.validate(cam_giang_plan(), json.loads(CONTRACT.read_text(encoding="utf-8")))


def headings(spec, level):
    return [f"{b.label} {b.text}" for b in spec.body if isinstance(b, Heading) and b.level == level]


def test_plan_spec_header_fields():
    spec = plan_spec(cam_giang_plan())
    assert spec.issuer == ["ỦY BAN NHÂN DÂN", "XÃ CẨM GIANG"]
    assert (spec.number, spec.symbol, spec.kind) == (5, "KH-UBND", "KẾ HOẠCH")
    assert spec.date == datetime.date(2025, 9, 5)
    assert spec.place == "Cẩm Giang"
    assert spec.signature.capacity == "TM. ỦY BAN NHÂN DÂN"
    assert spec.signature.position == "CHỦ TỊCH"
    assert spec.archive == "VT, VHXH"
    assert "Lưu: VT, VHXH" not in spec.recipients


def test_plan_spec_standard_sections():
    spec = plan_spec(cam_giang_plan())
    assert headings(spec, 1) == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG, THỜI GIAN VÀ KHEN THƯỞNG",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    level2 = headings(spec, 2)
    assert level2[:2] == ["1. Mục đích.", "2. Yêu cầu."]
    assert "1. Phòng Kinh tế." in level2
    assert "6. Các cơ quan, đơn vị, trường học, trạm y tế trên địa bàn xã." in level2
    bullets = [b.text for b in spec.body if isinstance(b, Bullet)]
    assert (
        bullets[0]
        == "Phong trào thi đua “Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hiện tiết kiệm, chống lãng phí”;"
    )
    assert bullets[6] == "Phong trào thi đua “Bình dân học vụ số”."
    texts = [b.text for b in spec.body if isinstance(b, Paragraph)]
    assert texts[0].startswith(
        "Thực hiện Kế hoạch số 252/KH-UBND ngày 09 tháng 9 năm 2025 của Ủy ban nhân dân thành phố, "
    )
    assert texts[0].endswith("cụ thể như sau:")
    assert "Từ ngày phát động đến hết tháng 12 năm 2025." in texts
    assert texts[-1].endswith("./.")
    assert "Chế độ báo cáo." not in " ".join(level2)  # the deadline is already in Phòng VH-XH's tasks


def test_plan_spec_from_a_bare_contract_reading():
    plan = {
        "doc_kind": "KẾ HOẠCH",
        "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG AN BIÊN",
        "issuer_parent": "UBND THÀNH PHỐ HẢI PHÒNG",
        "number": None,
        "symbol": "KH-UBND",
        "place": "An Biên",
        "date": {"year": 2025, "month": 10, "day": None},
        "title": "Tổ chức phong trào thi đua “Bình dân học vụ số”",
        "references": [],
        "movements": [],
        "period_end": None,
        "deadlines": [
            {"date": "2025-11-30", "text": "Các đơn vị báo cáo kết quả trước ngày 30/11/2025", "to": None}
        ],
        "assignments": [
            {"unit": "Văn phòng HĐND và UBND phường", "lead_for": "theo dõi, tổng hợp", "tasks": []}
        ],
        "recipients": [],
        "signer": {"capacity": None, "title": "CHỦ TỊCH", "name": None},
        "warnings": [],
    }
    spec = plan_spec(plan)
    assert spec.number is None
    assert spec.date == PartialDate(2025, 10, None)
    assert spec.issuer_parent == "UBND THÀNH PHỐ HẢI PHÒNG"
    assert spec.signature.capacity is None
    texts = [b.text for b in spec.body if isinstance(b, Paragraph | Bullet)]
    assert (
        texts[0]
        == "Ủy ban nhân dân phường An Biên ban hành Kế hoạch tổ chức phong trào thi đua “Bình dân học vụ số”, cụ thể như sau:"
    )
    assert "Chủ trì theo dõi, tổng hợp." in texts
    assert "Các đơn vị báo cáo kết quả trước ngày 30/11/2025." in texts
    assert "Từ ngày phát động đến khi có văn bản tổng kết Đợt thi đua." in texts
    assert headings(spec, 2)[-1] == "1. Văn phòng HĐND và UBND phường."
    assert headings(spec, 1)[-1] == "IV. CHẾ ĐỘ BÁO CÁO"


# --- registration summary ---------------------------------------------------------------------------------


def test_registration_summary_table_and_counts():
    spec = registration_summary_spec(cam_giang_plan(), cam_giang_registrations(), number=7, date="2025-09-25")
    assert (spec.kind, spec.symbol, spec.number) == ("BÁO CÁO", "BC-UBND", 7)
    assert spec.title == [
        "Tổng hợp đăng ký thi đua thực hiện Kế hoạch số 05/KH-UBND ngày 05 tháng 9 năm 2025 của Ủy ban nhân dân xã Cẩm Giang"
    ]
    table = next(b for b in spec.body if isinstance(b, Table))
    assert table.header == [
        ["STT", "Đơn vị", "Nội dung đăng ký", "Chỉ tiêu", "Danh hiệu đăng ký", "Trạng thái"]
    ]
    assert [row[0] for row in table.rows] == ["1", "2", "3", "4", "5", "6"]
    assert table.rows[0][3] == "- 100% hồ sơ giải quyết đúng hạn\n- Thu nhập bình quân tăng 8%"
    assert [row[5] for row in table.rows] == [
        "Đã chấp nhận",
        "Đã chấp nhận",
        "Chờ xem xét",
        "Trả lại",
        "Chưa đăng ký",
        "Chờ xem xét",
    ]
    texts = [b.text for b in spec.body if isinstance(b, Paragraph)]
    assert (
        "Tổng số đơn vị: 6; đã đăng ký: 5 (đã chấp nhận: 2; chờ xem xét: 2; trả lại: 1); chưa đăng ký: 1."
        in texts
    )
    assert "Các đơn vị chưa đăng ký: Trạm Y tế xã." in texts
    assert spec.annexes == []


def test_registration_summary_as_landscape_annex():
    spec = registration_summary_spec(cam_giang_plan(), cam_giang_registrations(), as_annex=True)
    assert not any(isinstance(b, Table) for b in spec.body)
    (annex,) = spec.annexes
    assert annex.landscape
    assert annex.title == ["DANH SÁCH ĐĂNG KÝ THI ĐUA"]
    assert annex.reference.startswith("Kèm theo Báo cáo số")
    assert annex.reference.endswith("của Ủy ban nhân dân xã Cẩm Giang")
    assert annex.table is not None and len(annex.table.rows) == 6


def test_shared_and_local_date_helpers_agree():
    from thidua.documents.render import formatting

    day = datetime.date(2025, 1, 1)
    while day.year == 2025:
        assert formatting.decree30_date(day) == formatting._local_decree30_date(day)
        day += datetime.timedelta(days=1)
    for partial in (PartialDate(2025, 9), PartialDate(2025, 2), PartialDate(2025)):
        assert formatting.decree30_date(partial).split() == formatting._local_decree30_date(partial).split()


def test_command_line_renders_the_sample(tmp_path, capsys):
    from thidua.documents.render.__main__ import main

    out = tmp_path / "plan.docx"
    assert main(["plan", str(out)]) == 0
    assert out.read_bytes().startswith(b"PK")
    assert "docx" in capsys.readouterr().out
