"""Parsing and checking entered values: per indicator (type, sign, usual range) and between indicators."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from thidua.core.vietnamese.numbers import format_number
from thidua.reporting.choices import Comparison, ValueType

YES = {"có", "co", "yes", "y", "x", "1", "true", "đạt"}
NO = {"không", "khong", "no", "n", "0", "false", "chưa", "chưa đạt"}
_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")

OPERATORS = {
    Comparison.LE: lambda a, b: a <= b,
    Comparison.LT: lambda a, b: a < b,
    Comparison.EQ: lambda a, b: a == b,
    Comparison.GE: lambda a, b: a >= b,
    Comparison.GT: lambda a, b: a > b,
}


class EntryError(Exception):
    """A value that cannot be stored (its message is for the person entering it)."""


def parse_number(raw: str) -> Decimal:
    """Read "1.234,5", "1234.5", "1 234", "85%" -> Decimal; raises EntryError otherwise."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in text and "." in text:  # Vietnamese grouping: 1.234,5
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1:  # 1.234.567
        text = text.replace(".", "")
    elif "," in text:
        text = (
            text.replace(",", ".")
            if text.count(",") == 1 and len(text.split(",")[1]) != 3
            else text.replace(",", "")
        )
    elif re.fullmatch(r"[+-]?\d{1,3}\.\d{3}", text):  # 1.234 is a thousand and more, as Vietnamese write it
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        raise EntryError(_("Enter a number."))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise EntryError(_("Enter a number.")) from None


def parse_value(indicator, raw) -> tuple[str, Decimal | None]:
    """The stored text and number of ``raw`` for ``indicator``; ("", None) for an empty value."""
    if raw is None:
        return "", None
    if isinstance(raw, bool):
        raw = "có" if raw else "không"
    if isinstance(raw, int | float | Decimal):
        raw = str(raw)
    text = str(raw).strip()
    if not text:
        return "", None
    if indicator.value_type == ValueType.TEXT:
        return text, None
    if indicator.value_type == ValueType.YES_NO:
        folded = text.lower()
        if folded in YES:
            return "có", Decimal(1)
        if folded in NO:
            return "không", Decimal(0)
        raise EntryError(_("Answer yes or no."))
    number = parse_number(text)
    if number < 0 and not indicator.allow_negative:
        raise EntryError(_("This value cannot be negative."))
    if indicator.value_type == ValueType.PERCENTAGE and not 0 <= number <= 100:
        raise EntryError(_("A percentage is between 0 and 100."))
    return format_number(number, trim=True), number


@dataclass
class Checked:
    """The outcome of checking one report's values."""

    values: dict[int, tuple[str, Decimal | None, str]] = field(
        default_factory=dict
    )  # indicator id -> (text, number, comment)
    errors: dict[str, list[str]] = field(default_factory=dict)  # indicator code (or "__all__") -> messages

    def add(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors


def _range_message(indicator, number: Decimal) -> str | None:
    low, high = indicator.min_value, indicator.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        return _(
            "%(value)s is outside the usual range (%(low)s to %(high)s): add a comment to explain it."
        ) % {
            "value": format_number(number, trim=True),
            "low": "…" if low is None else format_number(low, trim=True),
            "high": "…" if high is None else format_number(high, trim=True),
        }
    return None


def check_values(
    indicators, entered: Mapping[str, tuple[object, str]], rules=(), *, complete: bool = False
) -> Checked:
    """Check ``entered`` ({indicator code: (raw value, comment)}) against the form's indicators and rules.

    ``indicators`` is a list of (indicator, required) pairs. With ``complete`` (submission), required
    values must be present.
    """
    checked = Checked()
    for indicator, required in indicators:
        raw, comment = entered.get(indicator.code, ("", ""))
        comment = (comment or "").strip()
        try:
            text, number = parse_value(indicator, raw)
        except EntryError as error:
            checked.add(indicator.code, str(error))
            continue
        if not text and required and complete:
            checked.add(indicator.code, _("This indicator is required."))
        if number is not None and indicator.value_type != ValueType.YES_NO and not comment:
            message = _range_message(indicator, number)
            if message:
                checked.add(indicator.code, message)
        checked.values[indicator.id] = (text, number, comment)
    for rule in rules:
        left = checked.values.get(rule.left_id, ("", None, ""))[1]
        right = checked.values.get(rule.right_id, ("", None, ""))[1]
        if left is None or right is None:
            continue
        if not OPERATORS[rule.operator](left, right):
            message = rule.message or _("%(left)s must be %(operator)s %(right)s.") % {
                "left": rule.left.name,
                "operator": rule.get_operator_display(),
                "right": rule.right.name,
            }
            checked.add(rule.left.code, message)
    return checked
