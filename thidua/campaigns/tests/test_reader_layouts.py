"""Other layouts than the seed: ward plan (KT.), department under a province, district QĐ, PDF noise
(NFD, merged header cells, page numbers, hyphenation), a Party committee plan as `pdftotext -layout` prints
it (letter-spaced kind, T/M signature), and a text that is not a plan."""

import codecs
import json
import unicodedata
from pathlib import Path

import pytest

from thidua.campaigns.reader import read_plan_file, read_plan_text
from thidua.campaigns.reader.schema import SCHEMA_PATH, validate_reading

FIXTURES = Path(__file__).parent / "fixtures" / "reader"
LAYOUTS = sorted(path.stem for path in FIXTURES.glob("*.txt"))
SHARED_SCHEMA = Path(__file__).resolve().parents[3].parent / "shared" / "contracts" / "plan-parse.schema.json"


def read_text(text: str, **options) -> dict:
    """read_plan_text, with the contract checked on every reading."""
    reading = read_plan_text(text, **options)
    validate_reading(reading)
    return reading


def expected(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def comparable(reading: dict) -> dict:
    """The reading with warnings reduced to code and line (messages are checked elsewhere)."""
    return {**reading, "warnings": [{"code": w["code"], "line": w["line"]} for w in reading["warnings"]]}


def test_there_are_six_layouts():
    assert LAYOUTS == [
        "ke-hoach-dang-uy-xa-layout",
        "ke-hoach-phuong-an-phu-kt",
        "ke-hoach-so-noi-vu-lang-son",
        "ke-hoach-xa-tan-tien-pdf-nfd",
        "khong-phai-ke-hoach",
        "quyet-dinh-huyen-tien-lang",
    ]


@pytest.mark.parametrize("name", LAYOUTS)
def test_layout_reading(name):
    assert comparable(read_plan_file(FIXTURES / f"{name}.txt")) == expected(name)


@pytest.mark.parametrize("name", LAYOUTS)
def test_layout_reading_follows_the_contract(name):
    validate_reading(read_plan_file(FIXTURES / f"{name}.txt"))


def test_package_schema_is_the_shared_contract():
    if not SHARED_SCHEMA.is_file():
        pytest.skip(f"shared contract not found at {SHARED_SCHEMA}")
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == json.loads(
        SHARED_SCHEMA.read_text(encoding="utf-8")
    )


def _all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_strings(item)


@pytest.mark.parametrize("name", LAYOUTS)
def test_strings_are_nfc_single_spaced_and_trimmed(name):
    for text in _all_strings(read_plan_file(FIXTURES / f"{name}.txt")):
        assert unicodedata.is_normalized("NFC", text)
        assert text == text.strip()
        assert "  " not in text


def test_nfd_fixture_is_really_nfd():
    raw = (FIXTURES / "ke-hoach-xa-tan-tien-pdf-nfd.txt").read_text(encoding="utf-8")
    assert not unicodedata.is_normalized("NFC", raw)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf-8-bom", "utf-16-bom", "utf-16-le-no-bom", "crlf"],
)
def test_encodings_give_the_same_reading(tmp_path, encode):
    source = FIXTURES / "ke-hoach-phuong-an-phu-kt.txt"
    path = tmp_path / "plan.txt"
    path.write_bytes(encode(source.read_text(encoding="utf-8")))
    assert comparable(read_plan_file(path)) == expected("ke-hoach-phuong-an-phu-kt")


def test_header_cells_in_reverse_order_and_dash_variants():
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập-Tự do-Hạnh phúc\n"
        "XÃ BÌNH MINH\nỦY BAN NHÂN DÂN\nSố: 05 /KH-UBND\n"
        "Bình Minh, ngày 10 tháng 02 năm 2025\nKẾ HOẠCH\nThi đua năm 2025\n"
        "I. MỤC ĐÍCH\nPhát động thi đua trong toàn xã.\n"
    )
    reading = read_text(text)
    assert reading["issuer"] == "ỦY BAN NHÂN DÂN XÃ BÌNH MINH"
    assert (reading["number"], reading["symbol"], reading["place"], reading["date"]) == (
        "05",
        "KH-UBND",
        "Bình Minh",
        "2025-02-10",
    )
    assert reading["title"] == "Thi đua năm 2025"


def test_blank_month_and_day_give_a_date_object():
    text = "UBND XÃ AN HÒA\nSố: .../KH-UBND\nAn Hòa, ngày ... tháng ... năm 2025\nKẾ HOẠCH\nThi đua\n"
    reading = read_text(text)
    assert reading["number"] is None
    assert reading["date"] == {"year": 2025, "month": None, "day": None}
    assert [w["code"] for w in reading["warnings"]] == ["number_blank", "date_incomplete"]


def test_pdf_merged_signature_lines_are_split():
    text = (
        "UBND XÃ AN HÒA\nSố: 3/KH-UBND\nAn Hòa, ngày 2 tháng 3 năm 2025\nKẾ HOẠCH\nThi đua\n"
        "I. NỘI DUNG\nThi đua./.\nNơi nhận: KT. CHỦ TỊCH\n- UBND huyện; PHÓ CHỦ TỊCH\n- Lưu: VT.\nTrần Thu Hà\n"
    )
    reading = read_text(text)
    assert reading["recipients"] == ["UBND huyện", "Lưu: VT"]
    assert reading["signer"] == {"capacity": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Thu Hà"}


def test_acting_signer_and_parent_with_three_lines():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 77/KH-SVHTTDL\n"
        "Cao Bằng, ngày 01 tháng 7 năm 2025\nKẾ HOẠCH\nThi đua\nI. NỘI DUNG\nThi đua./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nQ. GIÁM ĐỐC\nNông Thị Lan\n"
    )
    reading = read_text(text)
    assert reading["issuer_parent"] == "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG"
    assert reading["issuer"] == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert reading["signer"] == {"capacity": "Q. GIÁM ĐỐC", "title": None, "name": "Nông Thị Lan"}
    assert reading["warnings"] == []


def test_references_with_year_numbers_and_party_symbols():
    text = (
        "KẾ HOẠCH\nThi đua\nCăn cứ Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị quyết số 57-NQ/TW "
        "ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học; Thông tư "
        "15/2025/TT-BNV ngày 01/8/2025 của Bộ Nội vụ hướng dẫn thi hành.\n"
    )
    refs = read_text(text)["references"]
    assert [(r["kind"], r["number"], r["symbol"], r["date"], r["issuer"]) for r in refs] == [
        ("Luật", "06/2022", "QH15", None, None),
        ("Nghị quyết", "57", "NQ/TW", "2024-12-22", "Bộ Chính trị"),
        ("Thông tư", "15/2025", "TT-BNV", "2025-08-01", "Bộ Nội vụ"),
    ]


def test_same_document_cited_with_two_dates_is_flagged():
    text = (
        "KẾ HOẠCH\nThi đua\nCăn cứ Kế hoạch số 9/KH-UBND ngày 02/01/2025 của UBND huyện.\n"
        "Thực hiện Kế hoạch số 9/KH-UBND ngày 20/01/2025 của UBND huyện.\n"
    )
    codes = [w["code"] for w in read_text(text)["warnings"]]
    assert codes.count("citation_inconsistent") == 1


def test_other_place_in_the_place_date_line_is_flagged():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 3/KH-UBND\nBình Minh, ngày 2 tháng 3 năm 2025\nKẾ HOẠCH\nThi đua\n"
    )
    warnings = read_text(text)["warnings"]
    assert [(w["code"], w["line"]) for w in warnings] == [("issuer_name_mismatch", 4)]
    assert "Bình Minh" in warnings[0]["message"]


def test_right_header_cells_extracted_after_the_kind_line():
    # A PDF extractor reading a narrow left column first puts "KẾ HOẠCH" before the right-hand cells.
    text = (
        "ỦY BAN NHÂN DÂN\nPHƯỜNG AN PHÚ\nSố: 118/KH-UBND\nKẾ HOẠCH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nAn Phú, ngày 03 tháng 10 năm\n2025\nTổ chức phong trào thi đua\n"
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15.\n"
    )
    reading = read_text(text, wrapped=True)
    assert (reading["place"], reading["date"], reading["title"]) == (
        "An Phú",
        "2025-10-03",
        "Tổ chức phong trào thi đua",
    )


def test_official_letter_takes_its_subject_from_vv():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 45/UBND-VP\nV/v đăng ký thi đua năm 2025\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Hòa, ngày 6 tháng 01 năm 2025\n"
        "Kính gửi: Các thôn, cơ quan, đơn vị trên địa bàn xã.\n"
        "Đề nghị các đơn vị gửi bản đăng ký thi đua về Văn phòng HĐND và UBND xã trước 17h00 ngày 20/01/2025./.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn Bình\n"
    )
    reading = read_text(text)
    assert (reading["doc_kind"], reading["title"], reading["symbol"]) == (
        "",
        "đăng ký thi đua năm 2025",
        "UBND-VP",
    )
    assert [(d["date"], d["to"]) for d in reading["deadlines"]] == [
        ("2025-01-20", "Văn phòng HĐND và UBND xã")
    ]
    assert reading["signer"]["capacity"] == "TM. ỦY BAN NHÂN DÂN"


def test_e_signature_stamps_do_not_become_the_issuer():
    text = (
        "Người ký: Ủy ban Nhân dân xã An Hòa\nEmail: ubnd@anhoa.gov.vn\nThời gian ký: 06.01.2025 09:12:40 +07:00\n"
        "ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 4/KH-UBND\nAn Hòa, ngày 6 tháng 01 năm 2025\nKẾ HOẠCH\nThi đua\n"
    )
    reading = read_text(text)
    assert (reading["issuer"], reading["issuer_parent"]) == ("ỦY BAN NHÂN DÂN XÃ AN HÒA", None)


def test_a_date_in_the_past_tense_is_not_a_deadline():
    text = (
        "KẾ HOẠCH\nThi đua\nI. NỘI DUNG\nCác mô hình đã được công nhận trước ngày 01/01/2025 được duy trì.\n"
        "Các đơn vị nộp hồ sơ trước ngày 15/3/2025.\n"
    )
    assert [d["date"] for d in read_text(text)["deadlines"]] == ["2025-03-15"]


def test_sub_numbered_bodies_under_an_arabic_heading():
    text = (
        "KẾ HOẠCH\nThi đua\n1. Mục đích\nThi đua.\n2. Tổ chức thực hiện\n2.1. Phòng Nội vụ\n"
        "Chủ trì tổng hợp kết quả.\n2.2. Các đơn vị\nĐăng ký thi đua.\n"
    )
    assignments = read_text(text)["assignments"]
    assert [(a["unit"], a["lead_for"], a["tasks"]) for a in assignments] == [
        ("Phòng Nội vụ", "tổng hợp kết quả", ["Chủ trì tổng hợp kết quả."]),
        ("Các đơn vị", None, ["Đăng ký thi đua."]),
    ]


def test_another_commune_in_the_signature_block_is_flagged():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ AN HÒA\nSố: 4/KH-UBND\nAn Hòa, ngày 6 tháng 01 năm 2025\nKẾ HOẠCH\nThi đua\n"
        "I. NỘI DUNG\nThi đua./.\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN XÃ BÌNH MINH\nCHỦ TỊCH\nLê Văn Bình\n"
    )
    warnings = read_text(text)["warnings"]
    assert [(w["code"], w["line"]) for w in warnings] == [("issuer_name_mismatch", 11)]


def test_raw_pdf_extraction_with_merged_cells_and_an_appendix():
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nPHƯỜNG AN BÌNH\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 25/KH-UBND\nAn Bình, ngày 05 tháng 9 năm 2025\nKẾ HOẠCH\nPhát động phong trào thi đua năm 2025\n"
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm\n2022 của Quốc hội;\n"
        "I. NỘI DUNG\nThi đua./.\nNơi nhận: KT. CHỦ TỊCH\n- UBND thành phố; PHÓ CHỦ TỊCH\n- Lưu: VT.\n"
        "Nguyễn Văn An\nDANH SÁCH CÁ NHÂN TIÊU BIỂU\nTrần Văn Bình\n"
    )
    reading = read_text(text, wrapped=True)
    assert (reading["issuer"], reading["number"], reading["place"], reading["date"]) == (
        "ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH",
        "25",
        "An Bình",
        "2025-09-05",
    )
    assert reading["references"][0]["date"] == "2022-06-15"
    assert reading["signer"] == {"capacity": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn An"}
    assert reading["recipients"] == ["UBND thành phố", "Lưu: VT"]


def test_former_communes_of_a_merger_are_not_flagged():
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ CẨM GIANG\nSố: 1/KH-UBND\nCẩm Giang, ngày 1 tháng 9 năm 2025\nKẾ HOẠCH\nThi đua\n"
        "I. NỘI DUNG\nTrên địa bàn xã Cẩm Đông (cũ) và các xã Cẩm Đoài, Cẩm Vũ trước sáp nhập; "
        "Ủy ban nhân dân xã Lương Điền cũ. Chủ tịch UBND các xã báo cáo.\n"
    )
    assert [(w["code"], w["line"]) for w in read_text(text)["warnings"]] == [("plural_scope", 8)]
