"""Numbers as Vietnamese writes them: ``1.234.567``, ``1.234,5``, ``70,5%``, ``1.234.567 đồng``.

Rounding is half up (0,05 → 0,1), as people round by hand, not Python's round-half-even.
"""

from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = ["format_money", "format_number", "format_percent"]

type Number = int | float | Decimal


def _to_decimal(value: Number) -> Decimal:
    """Exact Decimal for ints and Decimals, the shortest round-tripping one for floats."""
    if isinstance(value, bool):
        raise TypeError("expected a number, got a bool")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"cannot format {value!r}")
    return number


def _group_thousands(digits: str) -> str:
    """``"1234567"`` → ``"1.234.567"``."""
    head = len(digits) % 3 or 3
    return ".".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def format_number(value: Number, decimals: int | None = None, *, trim: bool = False) -> str:
    """Group thousands with ``.`` and write decimals after ``,``.

    ``decimals=None`` keeps the digits the value has (``1234.5`` → ``"1.234,5"``, ``Decimal("1.50")`` →
    ``"1,50"``; a float's trailing zeros go: ``2.0`` → ``"2"``); an int ``decimals``
    rounds half up to that many places (``format_number(2.5, 0) == "3"``); ``trim`` then drops
    trailing zeros (``format_number(70.0, 1, trim=True) == "70"``).
    """
    number = _to_decimal(value)
    if decimals is None and isinstance(value, float):
        trim = True
    if decimals is not None:
        with localcontext() as context:
            context.prec = max(context.prec, number.adjusted() + decimals + 2)
            number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite, checked above
    text = "".join(map(str, digits))
    if exponent >= 0:
        whole, fraction = text + "0" * exponent, ""
    else:
        text = text.rjust(-exponent + 1, "0")
        whole, fraction = text[:exponent], text[exponent:]
    if trim:
        fraction = fraction.rstrip("0")
    whole = whole.lstrip("0") or "0"
    result = _group_thousands(whole) + ("," + fraction if fraction else "")
    is_zero = not any(ch in "123456789" for ch in whole + fraction)
    return "-" + result if sign and not is_zero else result


def format_percent(ratio: Number, decimals: int = 1, *, trim: bool = True) -> str:
    """A ratio as a percentage: ``0.705`` → ``"70,5%"``, ``0.7`` → ``"70%"`` (``trim=False``: ``"70,0%"``)."""
    return format_number(_to_decimal(ratio) * 100, decimals, trim=trim) + "%"


def format_money(amount: Number, currency: str = "đồng") -> str:
    """An amount of money in whole units: ``1234567`` → ``"1.234.567 đồng"`` (rounded half up)."""
    return f"{format_number(amount, 0)} {currency}"
