"""Sample data: the Cẩm Giang plan (as ``plan parse`` reads the seed, corrected) and its registrations.

Used by the tests, the benchmark and ``python -m thidua.documents.render`` for visual checks.
"""

from __future__ import annotations

import copy
from typing import Any

_CAM_GIANG_PLAN: dict[str, Any] = {
    "doc_kind": "KẾ HOẠCH",
    "issuer": "ỦY BAN NHÂN DÂN XÃ CẨM GIANG",
    "issuer_parent": None,
    "number": "05",
    "symbol": "KH-UBND",
    "place": "Cẩm Giang",
    "date": "2025-09-05",
    "title": (
        "Phát động Đợt thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc "
        "phòng - an ninh năm 2025 của UBND xã Cẩm Giang sau hợp nhất, lập thành tích xuất sắc chào mừng Đại "
        "hội Thi đua yêu nước thành phố lần thứ I (2025 - 2030) tiến tới Đại hội Thi đua yêu nước toàn quốc "
        "lần thứ XI; Đại hội Đại biểu Đảng bộ thành phố lần thứ I (nhiệm kỳ 2025 - 2030)"
    ),
    "references": [
        {
            "kind": "Kế hoạch",
            "number": "252",
            "symbol": "KH-UBND",
            "date": "2025-09-09",
            "issuer": "Ủy ban nhân dân thành phố",
        },
        {
            "kind": "Chỉ thị",
            "number": "41",
            "symbol": "CT/TW",
            "date": "2024-12-26",
            "issuer": "Bộ Chính trị",
        },
        {
            "kind": "Chỉ thị",
            "number": "46",
            "symbol": "CT/TU",
            "date": "2025-06-26",
            "issuer": "Ban Thường vụ Thành ủy",
        },
    ],
    "purposes": [
        "Đẩy mạnh Đợt thi đua theo tinh thần Chỉ thị số 41-CT/TW ngày 26/12/2024 của Bộ Chính trị, Chỉ thị số "
        "46-CT/TU ngày 26/6/2025 của Ban Thường vụ Thành ủy về tăng cường sự lãnh đạo của Đảng đối với công tác "
        "thi đua, khen thưởng trong tình hình mới; khơi dậy mạnh mẽ truyền thống yêu nước, ý chí tự lực, tự "
        "cường, tinh thần vượt khó, lao động sáng tạo của các tầng lớp Nhân dân",
        "Tích cực phát hiện, bồi dưỡng, tổng kết, nhân rộng các điển hình tiên tiến, mô hình mới, cách làm hay, "
        "hiệu quả trên các lĩnh vực, tạo sự lan tỏa trong đơn vị, địa phương, doanh nghiệp và đời sống xã hội",
    ],
    "requirements": [
        "Đợt thi đua phải được thực hiện đồng bộ, thường xuyên, liên tục, đa dạng, phù hợp, có hiệu quả ở các cơ "
        "quan, đơn vị, gắn với việc lãnh đạo, chỉ đạo thực hiện nhiệm vụ chính trị, chuyên môn",
        "Đợt thi đua phải có trọng tâm, trọng điểm; nội dung thiết thực, với các tiêu chí cụ thể, rõ ràng, tránh "
        "phô trương, hình thức",
        "Khen thưởng đúng đối tượng, đúng thành tích, bảo đảm nguyên tắc công khai, khách quan, chú trọng khen "
        "thưởng tập thể nhỏ, cá nhân trực tiếp lao động, công tác, gương người tốt, việc tốt",
    ],
    "targets": [
        "Hoàn thành và hoàn thành vượt mức các chỉ tiêu phát triển kinh tế - xã hội năm 2025 được Hội đồng nhân "
        "dân xã thông qua",
    ],
    "movements": [
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hiện tiết kiệm, chống lãng phí",
        "Cả nước chung sức xây dựng nông thôn mới",
        "Vì người nghèo - không để ai bị bỏ lại phía sau",
        "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
        "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023 - 2030",
        "Cả nước thi đua đổi mới, sáng tạo và chuyển đổi số",
        "Bình dân học vụ số",
    ],
    "period_start": None,
    "period_end": "2025-12-31",
    "deadlines": [
        {
            "date": "2025-12-15",
            "text": "Phòng Văn hóa - Xã hội tổng hợp kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân thành phố "
            "trước ngày 15 tháng 12 năm 2025",
            "to": "Ủy ban nhân dân thành phố",
        }
    ],
    "assignments": [
        {
            "unit": "Phòng Kinh tế",
            "lead_for": "các phong trào thi đua gắn với nhiệm vụ phát triển kinh tế",
            "tasks": [
                "Chủ trì, phối hợp với các phòng chuyên môn, các thôn triển khai các phong trào thi đua gắn với "
                "nhiệm vụ phát triển kinh tế, xây dựng nông thôn mới nâng cao và bền vững",
                "Hướng dẫn, phối hợp với Hội Nông dân, các hợp tác xã triển khai mô hình sản xuất hiệu quả, ứng "
                "dụng khoa học kỹ thuật, góp phần nâng cao thu nhập cho người dân",
            ],
        },
        {
            "unit": "Phòng Văn hóa - Xã hội",
            "lead_for": None,
            "tasks": [
                "Chủ trì, phối hợp với Trung tâm Văn hóa - Thể thao và Truyền thông, các thôn tổ chức các hoạt "
                "động văn hóa, văn nghệ, thể dục thể thao, tuyên truyền cổ động trực quan tạo không khí thi đua "
                "sôi nổi",
                "Tổng hợp kết quả thực hiện Kế hoạch này cùng với kết quả thực hiện các phong trào thi đua khác "
                "của địa phương, báo cáo Ủy ban nhân dân thành phố trước ngày 15 tháng 12 năm 2025",
            ],
        },
        {
            "unit": "Văn phòng HĐND và UBND xã",
            "lead_for": None,
            "tasks": [
                "Tham mưu Ủy ban nhân dân xã ban hành văn bản triển khai, hướng dẫn, đôn đốc thực hiện Kế hoạch",
                "Theo dõi, tổng hợp, báo cáo kết quả định kỳ; tham mưu sơ kết, tổng kết, đề xuất khen thưởng, "
                "nhân rộng điển hình tiên tiến",
            ],
        },
        {
            "unit": "Trung tâm Văn hóa - Thể thao và Truyền thông xã",
            "lead_for": None,
            "tasks": [
                "Đẩy mạnh tuyên truyền trên hệ thống loa truyền thanh, cổng thông tin điện tử và các phương tiện "
                "thông tin đại chúng; phát hiện, biểu dương và nhân rộng gương điển hình tiên tiến",
            ],
        },
        {
            "unit": "Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội",
            "lead_for": None,
            "tasks": [
                "Căn cứ chức năng, nhiệm vụ, phát động phong trào thi đua trong đoàn viên, hội viên và các tầng "
                "lớp Nhân dân; phát hiện và bồi dưỡng điển hình tiên tiến, nhân tố mới",
            ],
        },
        {
            "unit": "Các cơ quan, đơn vị, trường học, trạm y tế trên địa bàn xã",
            "lead_for": None,
            "tasks": [
                "Căn cứ Kế hoạch này, xây dựng chương trình hành động cụ thể phù hợp với đặc thù của cơ quan, đơn "
                "vị",
                "Đăng ký nội dung, chỉ tiêu thi đua thiết thực, gắn với nhiệm vụ chuyên môn; định kỳ báo cáo kết "
                "quả về Ủy ban nhân dân xã (qua Phòng Văn hóa - Xã hội) để tổng hợp",
            ],
        },
    ],
    "recipients": [
        "Ban Thường vụ Đảng ủy",
        "Thường trực HĐND và các Ban HĐND xã",
        "Lãnh đạo UBND xã",
        "UBMTTQVN xã; các tổ chức chính trị - xã hội xã",
        "Các cơ quan, đơn vị trên địa bàn",
        "Cổng thông tin điện tử xã",
        "Lưu: VT, VHXH",
    ],
    "signer": {"capacity": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": "Vương Đức Dũng"},
    "warnings": [],
}

_REGISTRATIONS: list[dict[str, Any]] = [
    {
        "unit": "Phòng Kinh tế",
        "content": "Thi đua hoàn thành các tiêu chí nông thôn mới nâng cao",
        "targets": ["100% hồ sơ giải quyết đúng hạn", "Thu nhập bình quân tăng 8%"],
        "title": "Tập thể Lao động tiên tiến",
        "status": "accepted",
    },
    {
        "unit": "Phòng Văn hóa - Xã hội",
        "content": "Xây dựng đời sống văn hóa, chăm lo an sinh xã hội",
        "targets": ["95% hộ đạt Gia đình văn hóa"],
        "title": "Tập thể Lao động tiên tiến",
        "status": "accepted",
    },
    {
        "unit": "Văn phòng HĐND và UBND xã",
        "content": "Thực hiện văn hóa công sở, chuyển đổi số",
        "targets": ["100% văn bản điện tử có ký số"],
        "title": "Tập thể Lao động xuất sắc",
        "status": "submitted",
    },
    {
        "unit": "Trường Tiểu học Cẩm Giang",
        "content": "Dạy tốt, học tốt; Bình dân học vụ số",
        "targets": "Tỷ lệ học sinh hoàn thành chương trình 99,5%",
        "title": "Tập thể Lao động tiên tiến",
        "status": "returned",
    },
    {"unit": "Trạm Y tế xã", "content": None, "targets": None, "title": None, "status": "missing"},
    {
        "unit": "Thôn Đông Giang",
        "content": "Xây dựng thôn văn hóa, khu dân cư kiểu mẫu",
        "targets": ["90% hộ đạt Gia đình văn hóa"],
        "title": "Thôn văn hóa",
        "status": "submitted",
    },
]


def cam_giang_plan() -> dict[str, Any]:
    """A fresh copy of the sample plan dict (plan-parse shape plus structured text)."""
    return copy.deepcopy(_CAM_GIANG_PLAN)


def cam_giang_registrations() -> list[dict[str, Any]]:
    """A fresh copy of the sample registrations (one unit still missing, one returned)."""
    return copy.deepcopy(_REGISTRATIONS)
