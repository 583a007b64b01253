"""Integers read out in Vietnamese words, as written on decisions ("Bằng chữ: ...").

The reading, for every integer from 0 to 10^15:

- digits in groups of three; scales nghìn (10^3), triệu (10^6), tỷ (10^9); above a tỷ the count of
  tỷ is itself read as a number: 10^12 = "một nghìn tỷ", 10^15 = "một triệu tỷ";
- the leading group is read as it is ("năm", "mười lăm", "một trăm linh năm"); every later group
  that is not all zeros is read in full, "không trăm" included: 1024 = "một nghìn không trăm hai
  mươi bốn"; all-zero groups are skipped with their scale: 1 000 005 = "một triệu không trăm linh năm";
- tens: "mười" for 1x, "<digit> mươi" above; a zero tens digit between hundreds and units is "linh"
  (or "lẻ", see ``zero_tens``);
- units: "mốt" for 1 after "mươi" (21 "hai mươi mốt", but 11 "mười một", 101 "một trăm linh một");
  "lăm" for 5 after "mươi"/"mười" (15 "mười lăm", 25 "hai mươi lăm", but 105 "một trăm linh năm");
  4 is always "bốn" (24 "hai mươi bốn", never "tư").
"""

from decimal import Decimal

__all__ = ["MAX_NUMBER_IN_WORDS", "amount_in_words", "number_to_words"]

MAX_NUMBER_IN_WORDS = 10**15

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_SCALES = ("", "nghìn", "triệu")
_BILLION = 10**9
_ZERO_TENS_WORDS = ("linh", "lẻ")


def _read_group(n: int, *, full: bool, zero_tens: str) -> list[str]:
    """Words for 0 < n < 1000; ``full`` reads the hundreds even when zero ("không trăm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append(zero_tens)
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 5 and tens:
            words.append("lăm")
        elif units == 1 and tens >= 2:
            words.append("mốt")
        else:
            words.append(_DIGITS[units])
    return words


def _read_below_billion(n: int, *, leading: bool, zero_tens: str) -> list[str]:
    """Words for 0 < n < 10^9; ``leading`` is False when a higher part was read before it."""
    words: list[str] = []
    for power in (2, 1, 0):
        group = n // 1000**power % 1000
        if group:
            words += _read_group(group, full=bool(words) or not leading, zero_tens=zero_tens)
            if _GROUP_SCALES[power]:
                words.append(_GROUP_SCALES[power])
    return words


def _read(n: int, zero_tens: str) -> list[str]:
    """Words for 0 < n <= 10^15."""
    billions, rest = divmod(n, _BILLION)
    if not billions:
        return _read_below_billion(rest, leading=True, zero_tens=zero_tens)
    words = [*_read(billions, zero_tens), "tỷ"]
    if rest:
        words += _read_below_billion(rest, leading=False, zero_tens=zero_tens)
    return words


def number_to_words(n: int, *, zero_tens: str = "linh") -> str:
    """Read ``n`` (0 <= n <= 10^15) in Vietnamese words, lower case.

    ``number_to_words(1024) == "một nghìn không trăm hai mươi bốn"``; ``zero_tens="lẻ"`` gives the
    southern "một trăm lẻ năm" for 105. Raises ``ValueError`` outside the range, ``TypeError`` for
    non-integers.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if not 0 <= n <= MAX_NUMBER_IN_WORDS:
        raise ValueError(f"{n} is outside 0..10^15, which can be read in words")
    if zero_tens not in _ZERO_TENS_WORDS:
        raise ValueError(f"zero_tens must be one of {_ZERO_TENS_WORDS}, got {zero_tens!r}")
    if n == 0:
        return _DIGITS[0]
    return " ".join(_read(n, zero_tens))


def amount_in_words(amount: int | Decimal, *, currency: str = "đồng", zero_tens: str = "linh") -> str:
    """The "Bằng chữ" line of an amount: ``710000`` → ``"Bảy trăm mười nghìn đồng"``.

    Whole amounts only (an integral ``Decimal`` is accepted); the first letter is capitalised.
    """
    if isinstance(amount, Decimal):
        if amount != amount.to_integral_value():
            raise ValueError(f"{amount} is not a whole amount")
        amount = int(amount)
    words = number_to_words(amount, zero_tens=zero_tens)
    return f"{words[0].upper()}{words[1:]} {currency}"
