"""The reader's parts: syllables, spelling, dates, paragraphs, and that odd text never raises."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.campaigns.reader import read_plan_text
from thidua.campaigns.reader.dates import date_at, month_end_at
from thidua.campaigns.reader.movements import find_movements
from thidua.campaigns.reader.paragraphs import Para, build_paragraphs, marker_of, roman_value
from thidua.campaigns.reader.schema import validate_reading
from thidua.campaigns.reader.spelling import find_slips
from thidua.campaigns.reader.syllables import is_valid
from thidua.campaigns.reader.text import Line, fold, to_lines, words
from thidua.campaigns.seed import SEED_PATH

FIXTURES = Path(__file__).parent / "fixtures" / "reader"


@pytest.mark.parametrize(
    "word",
    words(
        "của hòa hoà khỏe khoẻ thủy thuỷ quốc quýt gìn giữa giếng nghiệp người khuỷu khuya thuở yêu kỹ "
        "xoáy ngoặc hươu rượu nghĩa Nguyễn ĐỨC"
    ),
)
def test_real_syllables_are_valid(word):
    assert is_valid(word)


@pytest.mark.parametrize("word", words("trỉến nhiệrn cuả bừt ngi ge cy kưa thôngkhông"))
def test_impossible_syllables_are_not(word):
    assert not is_valid(word)


@pytest.mark.parametrize(
    ("text", "written", "suggestion"),
    [
        ("phát huy sức mạnh tổng họp", "tổng họp", "tổng hợp"),
        ("MỤC ĐÍCH, YÊU CẨU", "YÊU CẨU", "YÊU CẦU"),
        ("đối mới công nghệ", "đối mới", "đổi mới"),
        ("và chuyến đối sổ quốc gia", "chuyến đối sổ", "chuyển đổi số"),
        ("phối hợp với cá phòng chuyên môn", "cá phòng", "các phòng"),
        ("Trung tâm Văn hóa, Thể thao và Truyền thôn", "Truyền thôn", "Truyền thông"),
        ("tăng tốc, bứt phát", "bứt phát", "bứt phá"),
        ("của Bộ Chỉnh trị", "Bộ Chỉnh trị", "Bộ Chính trị"),
        ("đề nghị cuả phòng", "cuả", "của"),
        ("giao thôngkhông dừng", "thôngkhông", "thông không"),
        ("tổ chúc triển khai", "tổ chúc", "tổ chức"),
        ("thực hiện nhiệrn vụ được giao", "nhiệrn", "nhiệm"),
        ("kế họach năm", "họach", "hoạch"),
    ],
)
def test_slips_and_their_corrections(text, written, suggestion):
    slips = find_slips(text)
    assert [(s.written, s.suggestion) for s in slips] == [(written, suggestion)]
    assert text[slips[0].start : slips[0].end] == written


@pytest.mark.parametrize(
    "text",
    [
        "khơi dậy mạnh mẽ truyền thống yêu nước",
        "cá nhân, tập thể có quan hệ công tác",
        "kỳ họp thứ hai, cuộc họp giao ban, phiên họp thường kỳ",
        "các nhân tố mới, các xã viên hợp tác xã",
        "Hòa bình và hoà bình, khỏe và khoẻ, thủy lợi và thuỷ lợi",
        "đề ra các giải pháp để ra quyết định kịp thời",
        "100 mililít nước, 5 kilôgam gạo",
        "Vương Đức Dũng, Krông Pắc, Ea Súp",
        "HĐND, UBND, UBMTTQVN, TĐKT, BCĐ",
    ],
)
def test_correct_text_has_no_slips(text):
    assert find_slips(text) == []


def test_seed_text_has_no_slip_outside_the_known_ones():
    text = SEED_PATH
    found = {slip.written for slip in find_slips(" ".join(text.read_text(encoding="utf-8").split()))}
    assert found == {
        "YÊU CẨU",
        "tổng họp",
        "phù họp",
        "bứt phát",
        "phát trỉến",
        "đối mới",
        "sảng tạo",
        "chuyến đối sổ",
        "Bộ Chỉnh trị",
        "phối họp",
        "cá phòng",
        "Truyền thôn",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 tháng 12 năm 2025", "2025-12-15"),
        ("ngày 09/09/2025", "2025-09-09"),
        ("26-6-2025", "2025-06-26"),
        ("04.5.2025", "2025-05-04"),
        ("31/02/2025", None),
        ("20/12", "2025-12-20"),
    ],
)
def test_dates(text, expected):
    found = date_at(text, 0, default_year=2025)
    assert (found[0] if found else None) == expected


def test_month_end():
    assert month_end_at("tháng 02 năm 2024", 0)[0] == "2024-02-29"
    assert month_end_at("tháng 12/2025", 0)[0] == "2025-12-31"


def test_fold_keeps_offsets():
    text = unicodedata.normalize("NFC", "Đợt thi đua ở xã Cẩm Giang")
    assert len(fold(text)) == len(text)
    assert fold(text) == "Dot thi dua o xa Cam Giang"


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("I. MỤC ĐÍCH", "roman", "I"),
        ("XIV. KHÁC", "roman", "XIV"),
        ("2. Yêu cầu", "arabic", "2"),
        ("1.2. Nội dung", "sub", "1.2"),
        ("đ) Điểm đ", "letter", "đ"),
        ("- Nghị quyết", "dash", "-"),
        ("+ Báo cáo", "plus", "+"),
        ("Điều 3. Thi hành", "dieu", "Điều 3"),
    ],
)
def test_markers(text, kind, value):
    marker = marker_of(text)
    assert (marker.kind, marker.value) == (kind, value)


@pytest.mark.parametrize("text", ["V/v khen thưởng", "2021- 2026.", "3.000 người", "IIV. sai", "Việt Nam"])
def test_not_markers(text):
    assert marker_of(text) is None


def test_roman_values():
    assert [roman_value(v) for v in ("I", "IV", "IX", "XL", "IIII", "VX")] == [1, 4, 9, 40, None, None]


def test_wrapped_lines_become_paragraphs():
    lines = [
        Line(1, "a) Đẩy mạnh phát triển kinh tế - xã hội, bảo đảm quốc phòng"),
        Line(3, "- an ninh của địa phương trong năm 2025 và những năm tiếp theo của nhiệm kỳ."),
        Line(5, "b) Tích cực phát hiện điển hình."),
        Line(6, "- Nghị quyết số 57-NQ/TW của Bộ Chính trị;"),
        Line(7, "- Nghị quyết số 59-NQ/TW."),
    ]
    paragraphs = build_paragraphs(lines, wrapped=True)
    assert [p.text[:12] for p in paragraphs] == [
        "a) Đẩy mạnh ",
        "b) Tích cực ",
        "- Nghị quyết",
        "- Nghị quyết",
    ]
    assert paragraphs[0].line_at(paragraphs[0].text.index("an ninh")) == 3


def test_unbalanced_quote_ends_before_the_next_movement():
    text = (
        "trọng tâm là phong trào thi đua “Đẩy mạnh hạ tầng; thực hiện tiết kiệm; đẩy mạnh thực hiện "
        'phong trào “Cả nước chung sức xây dựng nông thôn mới”; Phong trào thi đua "Bình dân học vụ số".'
    )
    para = Para("")
    para.add(Line(1, text))
    assert find_movements([para]) == [
        "Đẩy mạnh hạ tầng; thực hiện tiết kiệm",
        "Cả nước chung sức xây dựng nông thôn mới",
        "Bình dân học vụ số",
    ]


def test_lines_keep_their_numbers():
    assert to_lines("a\n\n  b  c \r\nd") == [Line(1, "a"), Line(3, "b c"), Line(4, "d")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=400))
def test_any_text_gives_a_contract_reading(text):
    validate_reading(read_plan_text(text))


_PIECES = [
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "Số: /KH-UBND",
    "Số: 12/QĐ-UBND",
    "ỦY BAN NHÂN DÂN",
    "XÃ AN HÒA",
    "An Hòa, ngày   tháng 9 năm 2025",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn An",
    "I. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Nội vụ",
    "a) Chủ trì tổ chức phong trào “Thi đua”",
    "b)",
    "- ",
    "“",
    "trước ngày 15/12/2025",
    "Chỉ thị số 46-CT/TU",
    "./.",
    "các xã",
    "2",
    "",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_scrambled_plan_pieces_give_a_contract_reading(pieces):
    validate_reading(read_plan_text("\n".join(pieces)))
    validate_reading(read_plan_text(" ".join(pieces)))


def test_fixture_lines_shuffled_never_raise():
    import random

    lines = (FIXTURES / "ke-hoach-so-noi-vu-lang-son.txt").read_text(encoding="utf-8").splitlines()
    generator = random.Random(7)
    for _ in range(30):
        generator.shuffle(lines)
        validate_reading(read_plan_text("\n".join(lines)))
