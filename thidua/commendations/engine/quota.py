"""Quotas on a unit's ratings or titles, and council vote thresholds."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from .model import EngineInputError, Rating, YearRecord
from .ruleset import QuotaCap, RuleSet
from .text import ratio_percent


@dataclass(frozen=True, slots=True)
class QuotaResult:
    code: str
    name: str
    count: int
    base: int
    allowed: int | None
    """Largest count within the cap; None when the cap does not apply (exceptional unit)."""
    exceeded: bool
    ratio: Fraction
    basis: str
    confidence: str
    message: str


def _matches(record: YearRecord, ratings: frozenset[str], titles: frozenset[str]) -> bool:
    return (record.rating is not None and record.rating in ratings) or bool(titles & record.titles)


def _check(cap: QuotaCap, records: list[YearRecord], exceptional_unit: bool) -> QuotaResult:
    count = sum(1 for record in records if _matches(record, cap.counted_ratings, cap.counted_titles))
    base = sum(1 for record in records if _matches(record, cap.base_ratings, cap.base_titles))
    share = ratio_percent(cap.ratio)
    if exceptional_unit and cap.exception_for_exceptional_unit:
        message = (
            f"{cap.name}: {count} trường hợp; đơn vị thuộc diện ngoại lệ, không áp dụng giới hạn {share}"
        )
        return QuotaResult(
            cap.code,
            cap.name,
            count,
            base,
            None,
            False,
            cap.ratio,
            cap.basis.basis,
            cap.basis.confidence,
            f"{message} ({cap.basis.cite})",
        )
    allowed = math.floor(cap.ratio * base)
    exceeded = count > allowed
    verdict = "vượt" if exceeded else "trong"
    message = f"{cap.name}: {count} trường hợp, tối đa {allowed} ({share} của {base}), {verdict} giới hạn"
    return QuotaResult(
        cap.code,
        cap.name,
        count,
        base,
        allowed,
        exceeded,
        cap.ratio,
        cap.basis.basis,
        cap.basis.confidence,
        f"{message} ({cap.basis.cite})",
    )


def check_quota(
    records: Iterable[YearRecord | Rating | str],
    ruleset: RuleSet,
    *,
    caps: Iterable[str] | None = None,
    exceptional_unit: bool = False,
) -> tuple[QuotaResult, ...]:
    """Check one unit's list for a year against the caps in force (all of them, or those named).

    ``records`` are the unit's yearly records (rating and titles), or bare ratings. The HTXS cap
    counts HTXS ratings against the number rated HTTNV (hoàn thành tốt), as DOMAIN §8 words it.
    """
    normalised = [
        item if isinstance(item, YearRecord) else YearRecord(year=0, rating=Rating(item)) for item in records
    ]
    selected = list(ruleset.caps) if caps is None else list(caps)
    results = []
    for code in selected:
        cap = ruleset.caps.get(code)
        if cap is None:
            raise EngineInputError(
                "unknown_cap", "caps", f"Không có giới hạn tỷ lệ '{code}' trong bộ quy tắc."
            )
        results.append(_check(cap, normalised, exceptional_unit))
    return tuple(results)


def council_vote_passes(
    target_code: str, votes_for: int, total_members: int, ruleset: RuleSet
) -> bool | None:
    """Whether a secret ballot reaches the threshold for ``target_code`` (share of ALL council members).

    None when the rules set no vote threshold for that title (simple majority of the council applies).
    """
    threshold = ruleset.vote_thresholds.get(target_code)
    if threshold is None:
        return None
    if total_members <= 0 or votes_for < 0 or votes_for > total_members:
        raise EngineInputError(
            "invalid_vote", "votes_for", "Số phiếu đồng ý phải từ 0 đến tổng số thành viên Hội đồng."
        )
    return votes_for * threshold.ratio.denominator >= total_members * threshold.ratio.numerator
