"""NFC normalisation, accent folding and legacy-font detection."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.core.vietnamese.legacy import legacy_to_unicode
from thidua.core.vietnamese.text import detect_legacy_encoding, fold, nfc, normalize_input

VIETNAMESE_LETTERS = (
    "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
)
vietnamese_text = st.text(
    alphabet=st.sampled_from(VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + " \t\n,.-"), max_size=40
)


def test_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert decomposed != "Nguyễn Thị Ánh"
    assert nfc(decomposed) == "Nguyễn Thị Ánh"
    assert nfc(None) == ""
    assert nfc("") == ""


def test_normalize_input() -> None:
    raw = "  Nông \t thôn\u00a0 mới\n "
    assert normalize_input(unicodedata.normalize("NFD", raw)) == "Nông thôn mới"
    assert normalize_input(None) == ""
    assert normalize_input("   ") == ""
    assert normalize_input("\ufeffHọ và\u200b tên") == "Họ và tên"
    assert normalize_input("Nguye\u200b\u0302\u0303n") == "Nguyễn"  # composes once the gap is gone


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("NÔNG THÔN mới", "nong thon moi"),
        ("Đường Điện Biên Phủ", "duong dien bien phu"),
        ("Ủy ban nhân dân xã Cẩm Giang", "uy ban nhan dan xa cam giang"),
        ("Thi đua – Khen thưởng", "thi dua – khen thuong"),
        ("ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ớ ờ ở ỡ ợ ứ ừ ử ữ ự", "a a a a a a a a a a o o o o o u u u u u"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text: str | None, folded: str) -> None:
    assert fold(text) == folded


@settings(max_examples=200, deadline=None)
@given(vietnamese_text)
def test_fold_is_ascii_for_vietnamese_and_ignores_normal_form(text: str) -> None:
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert fold(unicodedata.normalize("NFD", text)) == folded
    assert fold(folded) == folded
    assert len(folded) == len(nfc(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="ae \t\u00a0\u200b\ufeff\u0301\u0302\u0323", max_size=20))
def test_normalize_input_is_idempotent_nfc(text: str) -> None:
    once = normalize_input(text)
    assert normalize_input(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "  " not in once
    assert once == once.strip()


TCVN3_SAMPLES = [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Uû ban nh©n d©n x· CÈm Giang", "Uỷ ban nhân dân xã Cẩm Giang"),
    ("Hµ Néi", "Hà Nội"),
    ("Gia ®×nh v¨n ho¸", "Gia đình văn hoá"),
    ("Danh s¸ch ®Ò nghÞ khen th\xadëng", "Danh sách đề nghị khen thưởng"),
    (
        "QuyÕt ®Þnh sè 12/Q§-UBND ngµy 05/9/2025 vÒ viÖc khen th\xadëng",
        "Quyết định số 12/QĐ-UBND ngày 05/9/2025 về việc khen thưởng",
    ),
]
VNI_SAMPLES = [
    ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("UÛy ban nhaân daân xaõ", "Ủy ban nhân dân xã"),
    ("Gia ñình vaên hoùa", "Gia đình văn hóa"),
    ("Danh saùch ñeà nghò khen thöôûng", "Danh sách đề nghị khen thưởng"),
    (
        "Quyeát ñònh soá 12/QÑ-UBND ngaøy 05/9/2025 veà vieäc khen thöôûng",
        "Quyết định số 12/QĐ-UBND ngày 05/9/2025 về việc khen thưởng",
    ),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_SAMPLES)
def test_tcvn3_is_detected_and_converted(legacy: str, unicode: str) -> None:
    assert detect_legacy_encoding(legacy) == "TCVN3"
    assert legacy_to_unicode(legacy, "TCVN3") == unicode


@pytest.mark.parametrize(("legacy", "unicode"), VNI_SAMPLES)
def test_vni_is_detected_and_converted(legacy: str, unicode: str) -> None:
    assert detect_legacy_encoding(legacy) == "VNI"
    assert legacy_to_unicode(legacy, "VNI") == unicode


@pytest.mark.parametrize(
    "text",
    [
        *(unicode for _, unicode in TCVN3_SAMPLES + VNI_SAMPLES),
        "Cà phê",
        "Tây Ninh",
        "Cà Mau",
        "Bà Rịa",
        "Pokémon café à la carte",
        "Nguyen Van An",
        "",
        None,
        "12/QĐ-UBND",
        "Về việc khen thưởng",
    ],
)
def test_unicode_and_plain_text_is_not_legacy(text: str | None) -> None:
    assert detect_legacy_encoding(text) is None


@pytest.mark.parametrize(("_legacy", "unicode"), TCVN3_SAMPLES + VNI_SAMPLES)
def test_unicode_is_not_legacy_in_nfd_either(_legacy: str, unicode: str) -> None:
    assert detect_legacy_encoding(unicodedata.normalize("NFD", unicode)) is None


@settings(max_examples=200, deadline=None)
@given(vietnamese_text)
def test_random_unicode_vietnamese_is_never_legacy(text: str) -> None:
    assert detect_legacy_encoding(text) is None


def test_unknown_legacy_encoding_raises() -> None:
    with pytest.raises(ValueError):
        legacy_to_unicode("abc", "VISCII")
