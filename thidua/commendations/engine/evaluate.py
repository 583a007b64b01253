"""Evaluate a subject against a title or form for a year under review."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from .checks import run_criteria
from .context import Context
from .model import Condition, EngineInputError, Result, Subject
from .ruleset import RuleSet, TitleRule
from .text import KIND_NAMES


def _title(ruleset: RuleSet, target_code: str) -> TitleRule:
    title = ruleset.titles.get(target_code)
    if title is None:
        known = ", ".join(code for code, rule in ruleset.titles.items() if rule.evaluable)
        raise EngineInputError(
            "unknown_title_code",
            "target",
            f"Mã danh hiệu, hình thức khen thưởng '{target_code}' không có trong danh mục; các mã hợp lệ: {known}.",
        )
    if not title.evaluable:
        raise EngineInputError(
            "not_evaluable",
            "target",
            f"{title.name} ({target_code}) chưa có bộ tiêu chí để xét tự động ở cấp xã.",
        )
    return title


def check_year(year: int, today: date | None = None) -> None:
    """A year under review after the current year is an error."""
    current = (today or date.today()).year
    if year > current:
        raise EngineInputError(
            "future_year",
            "year",
            f"Năm {year} là năm trong tương lai; chỉ xét thành tích từ năm {current} trở về trước.",
        )


def _kind_condition(subject: Subject, title: TitleRule) -> Condition:
    kinds = " hoặc ".join(KIND_NAMES[kind] for kind in title.subject_kinds)  # type: ignore[index]
    kind_name = KIND_NAMES[subject.kind]
    met = subject.kind in title.subject_kinds
    if met:
        text = f"Đối tượng là {kind_name}, thuộc diện xét {title.name}"
    else:
        text = f"{title.name} chỉ xét cho {kinds}; đối tượng là {kind_name}"
    return Condition(
        code="subject_kind",
        met=met,
        basis=title.basis.basis,
        message=f"{text} ({title.basis.cite})",
        confidence=title.basis.confidence,
    )


def evaluate(
    subject: Subject, target_code: str, year: int, ruleset: RuleSet, *, today: date | None = None
) -> Result:
    """Eligible / held / not eligible for ``target_code`` in ``year``, with every condition checked."""
    title = _title(ruleset, target_code)
    check_year(year, today)
    return _evaluate(subject, title, year, ruleset)


def _evaluate(subject: Subject, title: TitleRule, year: int, ruleset: RuleSet) -> Result:
    kind = _kind_condition(subject, title)
    conditions = [kind]
    if kind.met:
        conditions.extend(run_criteria(Context(subject, year, ruleset, title)))
    held = any(condition.hold and not condition.met for condition in conditions)
    eligible = all(condition.met for condition in conditions)
    return Result(
        target=title.code,
        year=year,
        eligible=eligible,
        held=held,
        granted_by=title.granted_by,
        conditions=tuple(conditions),
        ruleset_version=ruleset.version,
        subject_id=subject.id,
    )


def evaluate_many(
    subjects: Iterable[Subject],
    target_codes: Sequence[str],
    year: int,
    ruleset: RuleSet,
    *,
    today: date | None = None,
) -> Iterator[tuple[Subject, Result]]:
    """Bulk evaluation over pre-loaded subjects: one pass, no I/O, titles resolved once.

    Yields ``(subject, result)`` for every subject and every target, subjects in input order.
    Targets that do not apply to a subject's kind still yield a result (not eligible, with the reason).
    """
    titles = [_title(ruleset, code) for code in target_codes]
    check_year(year, today)
    for subject in subjects:
        for title in titles:
            yield subject, _evaluate(subject, title, year, ruleset)
