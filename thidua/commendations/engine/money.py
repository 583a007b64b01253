"""Cash rewards: coefficient × base salary in force on the decision date, rounded per the rule set."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .model import EngineInputError, SubjectKind
from .ruleset import ROUNDING_MODES, RuleSet, load_ruleset

TEN_THOUSAND = Decimal(10_000)


def round_amount(value: Decimal | int, mode: str) -> int:
    """Round a VND amount: CEIL_10K (up to the next 10,000), NEAREST_10K (half up) or NONE (to the đồng)."""
    value = Decimal(value)
    if mode == "CEIL_10K":
        return int((value / TEN_THOUSAND).to_integral_value(rounding=ROUND_CEILING) * TEN_THOUSAND)
    if mode == "NEAREST_10K":
        return int((value / TEN_THOUSAND).to_integral_value(rounding=ROUND_HALF_UP) * TEN_THOUSAND)
    if mode == "NONE":
        return int(value.to_integral_value(rounding=ROUND_HALF_UP))
    raise ValueError(f"unknown rounding mode {mode!r}; expected one of {', '.join(ROUNDING_MODES)}")


@dataclass(frozen=True, slots=True)
class Amount:
    """One award's cash amount with everything needed to explain it."""

    code: str
    subject_kind: str
    decision_date: date
    coefficient: Decimal
    base_salary: int
    unrounded: Decimal
    amount: int
    rounding_mode: str
    basis: str


def award_amount_detail(
    code: str,
    subject_kind: SubjectKind | str,
    decision_date: date,
    ruleset: RuleSet | None = None,
    *,
    rounding_mode: str | None = None,
) -> Amount | None:
    """The amount with its parts, or None where the rules set no amount for this title and kind."""
    rules = ruleset if ruleset is not None else load_ruleset(decision_date)
    title = rules.titles.get(code)
    if title is None:
        raise EngineInputError(
            "unknown_title_code", "code", f"Mã danh hiệu, hình thức khen thưởng '{code}' không có."
        )
    coefficient = title.coefficients.get(str(subject_kind))
    if coefficient is None or coefficient.value is None:
        return None
    step = rules.salary_on(decision_date)
    if step is None:
        raise EngineInputError(
            "no_base_salary",
            "decision_date",
            f"Không có mức lương cơ sở áp dụng cho ngày {decision_date:%d/%m/%Y}.",
        )
    mode = rounding_mode or rules.rounding_mode
    unrounded = coefficient.value * step.amount
    return Amount(
        code=code,
        subject_kind=str(subject_kind),
        decision_date=decision_date,
        coefficient=coefficient.value,
        base_salary=step.amount,
        unrounded=unrounded,
        amount=round_amount(unrounded, mode),
        rounding_mode=mode,
        basis=f"{coefficient.basis.basis}; {step.basis.basis}; {rules.rounding_basis.basis}",
    )


def award_amount(
    code: str,
    subject_kind: SubjectKind | str,
    decision_date: date,
    ruleset: RuleSet | None = None,
    *,
    rounding_mode: str | None = None,
) -> int | None:
    """Coefficient × base salary on ``decision_date``, rounded; None where the rules set no amount.

    ``ruleset`` defaults to the rules in force on ``decision_date``; ``rounding_mode`` overrides the
    rule set's mode (CEIL_10K, NEAREST_10K, NONE).
    """
    detail = award_amount_detail(code, subject_kind, decision_date, ruleset, rounding_mode=rounding_mode)
    return None if detail is None else detail.amount


def amount_total(
    items: Iterable[tuple[str, SubjectKind | str]],
    decision_date: date,
    ruleset: RuleSet | None = None,
    *,
    rounding_mode: str | None = None,
) -> int:
    """Total of a list (or decision) of ``(code, subject_kind)``; each amount is rounded before adding."""
    rules = ruleset if ruleset is not None else load_ruleset(decision_date)
    total = 0
    for code, kind in items:
        amount = award_amount(code, kind, decision_date, rules, rounding_mode=rounding_mode)
        total += amount or 0
    return total
