"""The seed plan (UBND xã Cẩm Giang, text extracted from a PDF): every field of its reading, exactly."""

import pytest

from thidua.campaigns.reader import read_plan_file
from thidua.campaigns.reader.schema import validate_reading
from thidua.campaigns.seed import SEED_PATH

SEED = SEED_PATH

EXPECTED = {
    "doc_kind": "KẾ HOẠCH",
    "issuer": "ỦY BAN NHÂN DÂN XÃ CẨM GIANG",
    "issuer_parent": None,
    "number": None,
    "symbol": "KH-UBND",
    "place": "Cẩm Giang",
    "date": {"year": 2025, "month": 9, "day": None},
    "title": "Phát động Đợt thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc "
    "phòng - an ninh năm 2025 của UBND xã Cẩm Giang sau hợp nhất, lập thành tích xuất sắc chào mừng "
    "Đại hội Thi đua yêu nước thành phố lần thứ I (2025 - 2030) tiến tới Đại hội Thi đua yêu nước toàn "
    "quốc lần thứ XI; Đại hội Đại biểu Đảng bộ thành phố lần thứ I (nhiệm kỳ 2025 - 2030)",
    "references": [
        {
            "kind": "Kế hoạch",
            "number": "252",
            "symbol": "KH-UBND",
            "date": "2025-09-09",
            "issuer": "UBND thành phố",
            "cited_as": "252/KH-UBND",
            "line": 33,
        },
        {
            "kind": "Chỉ thị",
            "number": "41",
            "symbol": "CT/TW",
            "date": "2024-12-26",
            "issuer": "Bộ Chính trị",
            "cited_as": "41-CT/TW",
            "line": 63,
        },
        {
            "kind": "Chỉ thị",
            "number": "46",
            "symbol": "CTATU",
            "date": "2025-06-26",
            "issuer": "Ban Thường vụ Thành ủy",
            "cited_as": "46-CTATU",
            "line": 65,
        },
        {
            "kind": "Nghị quyết",
            "number": "57",
            "symbol": "NQ/TW",
            "date": "2024-12-22",
            "issuer": "Bộ Chính trị",
            "cited_as": "57-NQ/TW",
            "line": 157,
        },
        {
            "kind": "Nghị quyết",
            "number": "59",
            "symbol": "NQ/TW",
            "date": "2025-01-24",
            "issuer": "Bộ Chỉnh trị",
            "cited_as": "59-NQ/TW",
            "line": 161,
        },
        {
            "kind": "Nghị quyết",
            "number": "66",
            "symbol": "NQ/TW",
            "date": "2025-04-30",
            "issuer": "Bộ Chính trị",
            "cited_as": "66-NQ/TW",
            "line": 165,
        },
        {
            "kind": "Nghị quyết",
            "number": "68",
            "symbol": "NQ/TW",
            "date": "2025-05-04",
            "issuer": "Bộ Chính trị",
            "cited_as": "68-NQ/TW",
            "line": 171,
        },
        {
            "kind": "Chỉ thị",
            "number": "46",
            "symbol": "CT/TƯ",
            "date": "2025-06-26",
            "issuer": "Ban Thường vụ Thành ủy",
            "cited_as": "46-CT/TƯ",
            "line": 209,
        },
    ],
    "movements": [
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hiện tiết kiệm, chống lãng phí "
        "gắn với thi đua đẩy mạnh giải ngân vốn đầu tư",
        "Cả nước chung sức xây dựng nông thôn mới",
        "Vì người nghèo - không để ai bị bỏ lại phía sau",
        "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
        "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030 "
        "trên địa bàn thành phố Hải Phòng",
        "Cả nước thi đua đổi mới, sáng tạo và chuyển đổi số",
        "Bình dân học vụ số",
        "Xây dựng, chỉnh trang, nâng cấp và hiện đại hóa đô thị, xây dựng nông thôn mới kiểu mẫu",
    ],
    "period_start": None,
    "period_end": "2025-12-31",
    "deadlines": [
        {
            "date": "2025-12-15",
            "text": "Kết quả tổ chức thực hiện Kế hoạch này tổng hợp báo cáo cùng với kết quả thực hiện "
            "các phong trào thi đua khác của địa phương, báo cáo ủy ban nhân dân thành phố trước "
            "ngày 15 tháng 12 năm 2025.",
            "to": "Ủy ban nhân dân thành phố",
            "line": 303,
        }
    ],
    "assignments": [
        {
            "unit": "Phòng Kinh tế xã",
            "lead_for": "triển khai các phong trào thi đua gắn với nhiệm vụ phát triển kinh tế, xây "
            "dựng nông thôn mới nâng cao và bền vững",
            "tasks": [
                "Chủ trì, tham mưu, phối hợp với cá phòng chuyên môn, các thôn triển khai các "
                "phong trào thi đua gắn với nhiệm vụ phát triển kinh tế, xây dựng nông thôn mới "
                "nâng cao và bền vững.",
                "Hướng dẫn, phối hợp với Hội Nông dân, các hợp tác xã triển khai mô hình sản "
                "xuất hiệu quả, ứng dụng khoa học kỹ thuật, góp phần nâng cao thu nhập cho người "
                "dân.",
            ],
            "line": 272,
        },
        {
            "unit": "Phòng Văn hóa - Xã hội xã",
            "lead_for": "tham mưu, phối hợp với Trung tâm Văn hóa, Thể thao và Truyền thôn",
            "tasks": [
                "Chủ trì, tham mưu, phối hợp với Trung tâm Văn hóa, Thể thao và Truyền thôn; các "
                "thôn tổ chức các hoạt động văn hóa, văn nghệ, thể dục thể thao, tuyên truyền cổ "
                "động trực quan tạo không khí thi đua sôi nổi.",
                "Thực hiện tốt các phong trào xây dựng đời sống văn hóa, chăm lo chính sách an "
                "sinh xã hội; phối hợp với Công an xã bảo đảm an ninh văn hóa, trật tự an toàn "
                "xã hội.",
                "Kết quả tổ chức thực hiện Kế hoạch này tổng hợp báo cáo cùng với kết quả thực "
                "hiện các phong trào thi đua khác của địa phương, báo cáo ủy ban nhân dân thành "
                "phố trước ngày 15 tháng 12 năm 2025.",
            ],
            "line": 285,
        },
        {
            "unit": "Văn phòng HĐND & UBND xã",
            "lead_for": None,
            "tasks": [
                "Tham mưu UBND xã ban hành văn bản triển khai, hướng dẫn, đôn đốc thực hiện Kế hoạch.",
                "Theo dõi, tổng hợp, báo cáo kết quả định kỳ; tham mưu sơ kết, tổng kết, đề xuất "
                "khen thưởng, nhân rộng điển hình tiên tiến.",
            ],
            "line": 305,
        },
        {
            "unit": "Trung tâm Văn hóa - Thể thao và Truyền thông xã",
            "lead_for": None,
            "tasks": [
                "Đẩy mạnh tuyên truyền trên hệ thống loa truyền thanh, cổng thông tin điện tử và "
                "các phương tiện thông tin đại chúng.",
                "Phối hợp với các phòng chuyên môn, các thôn, Trung tâm điện ảnh và triển lãm "
                "thành phố tổ chức các hoạt động văn hóa, thể thao, phát hiện, biểu dương và "
                "nhân rộng gương điển hình tiên tiến.",
            ],
            "line": 315,
        },
        {
            "unit": "Trung tâm Phục vụ hành chính công xã",
            "lead_for": None,
            "tasks": [
                "Phối hợp với các phòng chuyên môn của UBND xã, UBMTTQ VN xã và các tổ chức "
                "chính trị - xã hội nâng cao chất lượng cải cách hành chính, văn hóa công sở, kỷ "
                "luật, kỷ cương hành chính, phục vụ nhân dân.",
                "Tổ chức các phong trào thi đua gắn với xây dựng chính quyền thân thiện, chuyên "
                "nghiệp, hiện đại.",
            ],
            "line": 327,
        },
        {
            "unit": "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội",
            "lead_for": None,
            "tasks": [
                "Căn cứ chức năng, nhiệm vụ, phát động phong trào thi đua trong đoàn viên, hội "
                "viên và các tầng lớp nhân dân. Vận động nhân dân tham gia tích cực vào các "
                "phong trào thi đua, phát hiện và bồi dưỡng điển hình tiên tiến, nhân tố mới."
            ],
            "line": 339,
        },
        {
            "unit": "Các cơ quan, đơn vị, trường học, trạm y tế đóng trên địa bàn xã",
            "lead_for": None,
            "tasks": [
                "Căn cứ kế hoạch chung, xây dựng chương trình hành động cụ thể phù hợp với đặc "
                "thù từng phòng/ban/ cơ quan/đơn vị.",
                "Đăng ký nội dung, chỉ tiêu thi đua thiết thực, gắn với nhiệm vụ chuyên môn; "
                "định kỳ báo cáo kết quả về UBND xã (qua Phòng Văn hóa - Xã hội) để tổng hợp.",
            ],
            "line": 347,
        },
    ],
    "recipients": [
        "Ban Thường vụ Đảng ủy",
        "Thường trực HĐND và các Ban HĐND xã",
        "Lãnh đạo UBND xã",
        "UBMTTQVN xã",
        "Các tổ chức chính trị - Xã hội xã",
        "Các cơ quan, đơn vị trên địa bàn",
        "Cổng thông tin điện tử xã",
        "Lưu: VT. VHXH",
    ],
    "signer": {"capacity": None, "title": "CHỦ TỊCH", "name": "Vương Đức Dũng"},
}

EXPECTED_WARNINGS = [
    ("number_blank", 15),
    ("date_incomplete", 15),
    ("spelling", 59),  # YÊU CẨU → YÊU CẦU
    ("spelling", 73),  # tổng họp (also lines 252, 260) → tổng hợp
    ("spelling", 86),  # phù họp → phù hợp
    ("spelling", 130),  # bứt phát → bứt phá
    ("spelling", 159),  # phát trỉến → phát triển
    ("spelling", 159),  # đối mới → đổi mới
    ("spelling", 159),  # sảng tạo → sáng tạo
    ("spelling", 159),  # chuyến đối sổ → chuyển đổi số
    ("spelling", 161),  # Bộ Chỉnh trị → Bộ Chính trị
    ("citation_inconsistent", 209),  # Chỉ thị 46-CTATU (line 65) vs 46-CT/TƯ (line 209)
    ("spelling", 218),  # phối họp → phối hợp
    ("heading_sequence", 228),  # a) b) c) d) e) f): Latin letters, Decree 30 wants d), đ), e), g)
    ("plural_scope", 250),  # "Chủ tịch ủy ban nhân dân các xã" in a one-commune plan
    ("issuer_name_mismatch", 268),  # "Ủy ban nhân dân xã Nguyên Giáp" in xã Cẩm Giang's plan
    ("spelling", 274),  # cá phòng → các phòng
    ("spelling", 287),  # Truyền thôn → Truyền thông
]


@pytest.fixture(scope="module")
def reading() -> dict:
    assert SEED.is_file(), f"the seed plan is expected at {SEED}"
    return read_plan_file(SEED)


def test_every_field_of_the_seed(reading):
    fields = {key: value for key, value in reading.items() if key != "warnings"}
    assert fields == EXPECTED


def test_seed_warnings_by_code_and_line(reading):
    assert [(w["code"], w["line"]) for w in reading["warnings"]] == EXPECTED_WARNINGS


@pytest.mark.parametrize(
    ("fragment"),
    [
        "“YÊU CẨU” (dòng 59): có thể viết sai, đúng là “YÊU CẦU”",
        "“tổng họp” (dòng 73, 252, 260)",
        "“chuyến đối sổ” (dòng 159): có thể viết sai, đúng là “chuyển đổi số”",
        "“46-CTATU” (dòng 65); “46-CT/TƯ” (dòng 209)",
        "ký hiệu đúng là “46-CT/TU”",
        "“Ủy ban nhân dân xã Nguyên Giáp”",
        "viết “các xã”",
        "số văn bản để trống",
        "ngày để trống",
    ],
)
def test_seed_warning_messages_name_the_place(reading, fragment):
    assert any(fragment in w["message"] for w in reading["warnings"]), fragment


def test_seed_reading_follows_the_contract(reading):
    validate_reading(reading)
