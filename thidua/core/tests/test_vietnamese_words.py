"""Numbers and amounts in Vietnamese words."""

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thidua.core.vietnamese.words import MAX_NUMBER_IN_WORDS, amount_in_words, number_to_words

DIGIT_VALUES = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
UNIT_AFTER_TENS = {"mốt": 1, "lăm": 5}
SCALE_VALUES = {"nghìn": 10**3, "triệu": 10**6}
VOCABULARY = {*DIGIT_VALUES, *UNIT_AFTER_TENS, *SCALE_VALUES, "tỷ", "trăm", "mươi", "mười", "linh", "lẻ"}


def read_back(words: str) -> int:
    """Parse a Vietnamese reading back to its integer (written independently of the code under test)."""
    tokens = words.split(" ")
    closed, group, i = 0, 0, 0
    while i < len(tokens):
        token, following = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None
        if token in DIGIT_VALUES and following in ("trăm", "mươi"):
            group += DIGIT_VALUES[token] * (100 if following == "trăm" else 10)
            i += 2
            continue
        if token == "mười":
            group += 10
        elif token in DIGIT_VALUES:
            group += DIGIT_VALUES[token]
        elif token in UNIT_AFTER_TENS:
            group += UNIT_AFTER_TENS[token]
        elif token in SCALE_VALUES:
            closed, group = closed + group * SCALE_VALUES[token], 0
        elif token == "tỷ":
            closed, group = (closed + group) * 10**9, 0
        elif token not in ("linh", "lẻ"):
            raise ValueError(f"unexpected word {token!r} in {words!r}")
        i += 1
    return closed + group


def numbers_with_zeros() -> st.SearchStrategy[int]:
    """Integers up to 10^15 whose digits are mostly zeros, to hit "không trăm", "linh" and skipped groups."""
    digits = st.lists(st.sampled_from([0] * 6 + list(range(1, 10))), min_size=1, max_size=16)
    return digits.map(lambda ds: int("".join(map(str, ds)))).filter(lambda n: n <= MAX_NUMBER_IN_WORDS)


ANY_NUMBER = st.one_of(st.integers(0, MAX_NUMBER_IN_WORDS), numbers_with_zeros())


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (1, "một"),
        (4, "bốn"),
        (5, "năm"),
        (10, "mười"),
        (11, "mười một"),
        (14, "mười bốn"),
        (15, "mười lăm"),
        (20, "hai mươi"),
        (21, "hai mươi mốt"),
        (24, "hai mươi bốn"),
        (25, "hai mươi lăm"),
        (55, "năm mươi lăm"),
        (99, "chín mươi chín"),
        (100, "một trăm"),
        (101, "một trăm linh một"),
        (104, "một trăm linh bốn"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (111, "một trăm mười một"),
        (115, "một trăm mười lăm"),
        (121, "một trăm hai mươi mốt"),
        (1000, "một nghìn"),
        (1001, "một nghìn không trăm linh một"),
        (1010, "một nghìn không trăm mười"),
        (1024, "một nghìn không trăm hai mươi bốn"),
        (1100, "một nghìn một trăm"),
        (10_000, "mười nghìn"),
        (15_000, "mười lăm nghìn"),
        (21_000, "hai mươi mốt nghìn"),
        (105_000, "một trăm linh năm nghìn"),
        (710_000, "bảy trăm mười nghìn"),
        (1_000_000, "một triệu"),
        (1_000_005, "một triệu không trăm linh năm"),
        (1_200_000, "một triệu hai trăm nghìn"),
        (1_005_000, "một triệu không trăm linh năm nghìn"),
        (10**9, "một tỷ"),
        (1_005_000_000, "một tỷ không trăm linh năm triệu"),
        (1_000_000_001, "một tỷ không trăm linh một"),
        (25_000_000_000, "hai mươi lăm tỷ"),
        (10**12, "một nghìn tỷ"),
        (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
        (5_000_001_000_000, "năm nghìn tỷ không trăm linh một triệu"),
        (10**15, "một triệu tỷ"),
        (
            999_999_999_999_999,
            "chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu "
            "chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
        ),
    ],
)
def test_number_to_words_table(n: int, words: str) -> None:
    assert number_to_words(n) == words


def test_zero_tens_le() -> None:
    assert number_to_words(105, zero_tens="lẻ") == "một trăm lẻ năm"
    assert number_to_words(2_001_001, zero_tens="lẻ") == "hai triệu không trăm lẻ một nghìn không trăm lẻ một"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (710_000, "Bảy trăm mười nghìn đồng"),
        (1_200_000, "Một triệu hai trăm nghìn đồng"),
        (0, "Không đồng"),
        (Decimal("1872000"), "Một triệu tám trăm bảy mươi hai nghìn đồng"),
        (Decimal("1404000.00"), "Một triệu bốn trăm linh bốn nghìn đồng"),
    ],
)
def test_amount_in_words(amount: int | Decimal, words: str) -> None:
    assert amount_in_words(amount) == words


@pytest.mark.parametrize("bad", [-1, MAX_NUMBER_IN_WORDS + 1, -(10**20)])
def test_out_of_range_raises(bad: int) -> None:
    with pytest.raises(ValueError):
        number_to_words(bad)
    with pytest.raises(ValueError):
        amount_in_words(bad)


@pytest.mark.parametrize("bad", [1.0, "12", True, None])
def test_non_integers_raise(bad: object) -> None:
    with pytest.raises(TypeError):
        number_to_words(bad)  # type: ignore[arg-type]


def test_bad_options_and_fractional_amounts_raise() -> None:
    with pytest.raises(ValueError):
        number_to_words(105, zero_tens="lẽ")
    with pytest.raises(ValueError):
        amount_in_words(Decimal("1000.5"))


def test_every_number_below_30000_reads_back() -> None:
    for n in range(30_000):
        assert read_back(number_to_words(n)) == n


@settings(max_examples=1500, deadline=None)
@given(ANY_NUMBER)
@example(MAX_NUMBER_IN_WORDS)
@example(10**12 + 1)
@example(100_000_000_000_105)
def test_words_read_back_and_are_well_formed(n: int) -> None:
    words = number_to_words(n)
    assert read_back(words) == n
    tokens = words.split(" ")
    assert "" not in tokens, "no double, leading or trailing spaces"
    assert set(tokens) <= VOCABULARY
    assert "tư" not in tokens
    assert tokens.count("tỷ") <= 1
    for before, token, after in zip(["^", *tokens[:-1]], tokens, [*tokens[1:], "$"], strict=True):
        if token == "mốt":
            assert before == "mươi"
        if token == "lăm":
            assert before in ("mươi", "mười")
        if token == "không" and n:
            assert after == "trăm"
        if token == "linh":
            assert before == "trăm"
            assert after in DIGIT_VALUES and after != "không"
        if token == "mươi":
            assert after != "một", "'một' after 'mươi' must be 'mốt'"
        if token in ("mươi", "mười"):
            assert after != "năm", "'năm' after 'mươi'/'mười' must be 'lăm'"


@settings(max_examples=300, deadline=None)
@given(ANY_NUMBER)
def test_le_only_replaces_linh(n: int) -> None:
    assert number_to_words(n, zero_tens="lẻ") == number_to_words(n).replace("linh", "lẻ")


@settings(max_examples=300, deadline=None)
@given(ANY_NUMBER)
def test_amount_is_capitalised_reading(n: int) -> None:
    words = number_to_words(n)
    assert amount_in_words(n) == words[0].upper() + words[1:] + " đồng"


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 999), st.integers(0, 10**12 - 1).filter(lambda r: r % 1000 != 0))
def test_lower_groups_read_in_full(high: int, low: int) -> None:
    """After a higher part, each non-zero group of three digits is read with its hundreds ("không trăm")."""
    words = number_to_words(high * 10**12 + low)
    assert words.endswith(number_to_words(1000 + low % 1000).removeprefix("một nghìn "))
