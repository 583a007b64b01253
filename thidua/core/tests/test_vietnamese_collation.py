"""Vietnamese alphabetical order for text and person names."""

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.core.vietnamese.collation import name_sort_key, split_name, text_sort_key
from thidua.core.vietnamese.text import fold, normalize_input

ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")


def without_tones(s: str) -> str:
    """Lower case without the five tone marks (but keeping ă â ê ô ơ ư đ)."""
    decomposed = unicodedata.normalize("NFD", normalize_input(s).lower())
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if ch not in "\u0300\u0301\u0303\u0309\u0323")
    )


def shuffled(items: list[str]) -> list[str]:
    copy = list(items)
    random.Random(1).shuffle(copy)
    return copy


def test_product_example_order() -> None:
    expected = ["An", "Anh", "Ánh", "Ă", "Â", "B", "D", "Đ"]
    assert sorted(shuffled(expected), key=text_sort_key) == expected


def test_alphabet_order() -> None:
    assert sorted(shuffled(ALPHABET), key=text_sort_key) == ALPHABET
    upper = [letter.upper() for letter in ALPHABET]
    assert sorted(shuffled(upper), key=text_sort_key) == upper


def test_tone_order_is_ngang_huyen_hoi_nga_sac_nang() -> None:
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(shuffled(expected), key=text_sort_key) == expected
    expected = ["Ư", "Ừ", "Ử", "Ữ", "Ứ", "Ự"]
    assert sorted(shuffled(expected), key=text_sort_key) == expected


def test_letters_before_tones_before_case() -> None:
    # the base letters decide first: "ba" < "bà" < "bác" although "à" > "a"
    expected = ["ba", "Ba", "bà", "Bà", "bác", "bạc", "bắc", "bầu"]
    assert sorted(shuffled(expected), key=text_sort_key) == expected


def test_d_and_dd_unlike_python() -> None:
    words = ["Em", "Đào", "Dung", "Đinh", "Duyên"]
    assert sorted(words) != ["Dung", "Duyên", "Đào", "Đinh", "Em"]
    assert sorted(words, key=text_sort_key) == ["Dung", "Duyên", "Đào", "Đinh", "Em"]


def test_spaces_then_punctuation_then_digits_then_letters() -> None:
    assert sorted(["ab", "a1", "a-b", "a b"], key=text_sort_key) == ["a b", "a-b", "a1", "ab"]
    # digits compare one by one, as in ICU's default (no numeric ordering)
    expected = ["Thôn 1", "Thôn 10", "Thôn 2", "Thôn An", "Thôn Ấp"]
    assert sorted(shuffled(expected), key=text_sort_key) == expected


def test_nfd_nfc_and_whitespace_do_not_matter() -> None:
    assert text_sort_key(unicodedata.normalize("NFD", " Nguyễn  Ánh ")) == text_sort_key("Nguyễn Ánh")
    assert text_sort_key(None) == text_sort_key("")


def test_foreign_letters_sort_sensibly() -> None:
    assert sorted(["Zalo", "Facebook", "Yên", "Éva"], key=text_sort_key) == ["Éva", "Facebook", "Yên", "Zalo"]
    assert text_sort_key("ü") != text_sort_key("u")
    assert text_sort_key("Ωmega")[0][0] > text_sort_key("zeta")[0][0]


@pytest.mark.parametrize(
    ("full_name", "parts"),
    [
        ("Nguyễn Thị Minh Khai", ("Nguyễn", "Thị Minh", "Khai")),
        ("Trần Văn Bình", ("Trần", "Văn", "Bình")),
        ("Lê Ánh", ("Lê", "", "Ánh")),
        ("Ánh", ("", "", "Ánh")),
        ("  Lê   Văn\tTám  ", ("Lê", "Văn", "Tám")),
        ("", ("", "", "")),
        (None, ("", "", "")),
    ],
)
def test_split_name(full_name: str | None, parts: tuple[str, str, str]) -> None:
    assert split_name(full_name) == parts


def test_names_sort_by_given_name_first() -> None:
    assert sorted(["Trần Văn Bình", "Nguyễn Thị An", "Lê Ánh"], key=name_sort_key) == [
        "Nguyễn Thị An",
        "Lê Ánh",
        "Trần Văn Bình",
    ]


def test_names_tie_break_on_middle_then_family() -> None:
    expected = [
        "Lê Thị An",
        "Nguyễn Thị An",
        "Nguyễn Văn An",
        "Đỗ Anh",
        "Bùi Ánh",
        "Phạm Đức Dũng",
        "Vũ Văn Đạt",
    ]
    assert sorted(shuffled(expected), key=name_sort_key) == expected


def test_name_key_ignores_normal_form_and_spacing() -> None:
    assert name_sort_key(unicodedata.normalize("NFD", "Nguyễn  Văn Ánh ")) == name_sort_key("Nguyễn Văn Ánh")


words = st.text(
    alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàáạảãầấậẩẫòóọỏõờớợởỡ AĐƯ"), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(words, words)
def test_key_order_is_total_and_consistent(a: str, b: str) -> None:
    key_a, key_b = text_sort_key(a), text_sort_key(b)
    assert (key_a == key_b) == (normalize_input(a) == normalize_input(b))
    if without_tones(a) == without_tones(b):
        assert key_a[0] == key_b[0], "same letters ignoring tones and case: same primary weights"
    if fold(a) != fold(b) and without_tones(a) != without_tones(b):
        assert key_a[0] != key_b[0]


@settings(max_examples=200, deadline=None)
@given(st.lists(words, max_size=8))
def test_sorting_is_stable_under_normal_form(items: list[str]) -> None:
    nfd = [unicodedata.normalize("NFD", item) for item in items]
    assert [normalize_input(x) for x in sorted(nfd, key=text_sort_key)] == [
        normalize_input(x) for x in sorted(items, key=text_sort_key)
    ]
