"""Evaluation context: the subject, the year under review, the rules, and the history helpers.

History rules live here so every check applies them the same way:

* a year in which a disciplinary measure was in force does not count, nor does anything before it
  (after a disciplinary period, achievements count only from its end);
* a title received as a one-off (đột xuất) or thematic (chuyên đề) award does not count toward a
  higher merit award;
* an initiative supports one award only: one already used for another award does not count;
* a streak that earned the target once does not earn it again (when the rule set says so).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import (
    RATING_RANK,
    SCOPE_RANK,
    Group,
    Initiative,
    InitiativeScope,
    Rating,
    Subject,
    SubjectKind,
    YearRecord,
)
from .ruleset import RuleSet, TitleRule
from .text import AWARD_TYPE_NAMES


def counts_as(record: YearRecord, code: str, non_counting: frozenset[str]) -> bool:
    """True when ``record`` holds ``code`` as an award that counts toward higher merit awards."""
    kinds = [award.type for award in record.awards if award.code == code]
    if kinds:
        return any(kind not in non_counting for kind in kinds)
    return code in record.titles


def non_counting_note(record: YearRecord, code: str, non_counting: frozenset[str]) -> str | None:
    kinds = sorted({award.type for award in record.awards if award.code == code})
    if kinds and all(kind in non_counting for kind in kinds):
        return ", ".join(AWARD_TYPE_NAMES[kind] for kind in kinds)
    return None


def initiative_available(initiative: Initiative, target: str) -> bool:
    return initiative.used_for is None or initiative.used_for == target


@dataclass(slots=True)
class Streak:
    years: list[int]
    reason: str
    derived_years: list[int]


class Context:
    """Everything a check needs, with per-evaluation caches."""

    __slots__ = (
        "_derived",
        "_members",
        "_restart",
        "_window",
        "group",
        "ruleset",
        "subject",
        "title",
        "year",
    )

    def __init__(self, subject: Subject, year: int, ruleset: RuleSet, title: TitleRule) -> None:
        self.subject = subject
        self.year = year
        self.ruleset = ruleset
        self.title = title
        self.group = subject.group or Group(ruleset.default_individual_group)
        self._window: int | bool | None = False
        self._restart: int | bool | None = False
        self._derived: dict[str, bool] = {}
        self._members: dict[str, list[bool]] = {}

    @property
    def record(self) -> YearRecord:
        return self.subject.record(self.year)

    @property
    def target(self) -> str:
        return self.title.code

    def rating(self, year: int) -> Rating | None:
        return self.subject.rating(year, self.year)

    def title_name(self, code: str | None) -> str:
        if code is None:
            return ""
        found = self.ruleset.titles.get(code)
        return found.name if found is not None else code

    def counts(self, year: int, code: str) -> bool:
        record = self.subject.records.get(year)
        return record is not None and counts_as(record, code, self.ruleset.non_counting_award_types)

    # -- history bounds -------------------------------------------------------------------------
    def window_start(self) -> int | None:
        """First year whose achievements count (the year after the last disciplined year), or None."""
        if self._window is False:
            disciplined = [
                year
                for year, record in self.subject.records.items()
                if year <= self.year and record.discipline is not None
            ]
            self._window = max(disciplined) + 1 if disciplined else None
        return self._window  # type: ignore[return-value]

    def restart_year(self) -> int | None:
        """Last earlier year in which the target itself was received (its streak is used up)."""
        if self._restart is False:
            found = None
            if self.ruleset.streak_restarts_after_same_award:
                earlier = [
                    year
                    for year in self.subject.records
                    if year < self.year and self.counts(year, self.target)
                ]
                found = max(earlier) if earlier else None
            self._restart = found
        return self._restart  # type: ignore[return-value]

    def _bound_reason(self, year: int) -> str | None:
        window = self.window_start()
        if window is not None and year < window:
            return f"thành tích chỉ được tính từ năm {window}, sau thời hạn kỷ luật năm {window - 1}"
        restart = self.restart_year()
        if restart is not None and year <= restart:
            return (
                f"đã được tặng {self.title.name} năm {restart} với thành tích các năm trước; "
                f"thành tích được tính lại từ năm {restart + 1}"
            )
        return None

    def streak(self, qualifies: Callable[[int], bool], miss: Callable[[int], str]) -> Streak:
        """Consecutive qualifying years ending at the year under review, inside the counting bounds."""
        years: list[int] = []
        year = self.year
        while True:
            bound = self._bound_reason(year)
            if bound is not None:
                return Streak(years, bound, [])
            if not qualifies(year):
                return Streak(years, miss(year), [])
            years.append(year)
            year -= 1

    def title_streak(self, code: str) -> Streak:
        """Consecutive years holding ``code``; the year under review may qualify by its criteria."""
        derived: list[int] = []

        def qualifies(year: int) -> bool:
            if self.counts(year, code):
                return True
            if year == self.year and self.derived(code):
                derived.append(year)
                return True
            return False

        def miss(year: int) -> str:
            record = self.subject.records.get(year)
            note = non_counting_note(record, code, self.ruleset.non_counting_award_types) if record else None
            name = self.title_name(code)
            if note:
                return f"năm {year} {name} là khen thưởng {note}, không được tính ({self.ruleset.non_counting_basis.cite})"
            return f"năm {year} không đạt {name}"

        result = self.streak(qualifies, miss)
        result.derived_years = derived
        return result

    def rating_streak(self, rating: Rating) -> Streak:
        minimum = RATING_RANK[rating]

        def qualifies(year: int) -> bool:
            found = self.rating(year)
            return found is not None and RATING_RANK[found] >= minimum

        def miss(year: int) -> str:
            found = self.rating(year)
            return (
                f"năm {year} chưa có xếp loại" if found is None else f"năm {year} không đạt mức xếp loại này"
            )

        return self.streak(qualifies, miss)

    def initiatives(self, years: list[int], scope: InitiativeScope) -> tuple[int, list[Initiative]]:
        """(number available for the target, those already used for another award) in ``years``."""
        minimum = SCOPE_RANK[scope]
        available = 0
        used: list[Initiative] = []
        for year in years:
            record = self.subject.records.get(year)
            if record is None:
                continue
            for initiative in record.initiatives:
                if SCOPE_RANK[initiative.scope] < minimum:
                    continue
                if initiative_available(initiative, self.target):
                    available += 1
                else:
                    used.append(initiative)
        return available, used

    def used_note(self, used: list[Initiative]) -> str:
        if not used:
            return ""
        names = ", ".join(sorted({self.title_name(item.used_for) for item in used}))
        basis = self.ruleset.basis("principle_initiative_once").cite
        return f"; {len(used)} sáng kiến đã làm căn cứ cho {names} nên không được tính lại ({basis})"

    # -- same-year titles checked by their criteria ----------------------------------------------
    def derived(self, code: str) -> bool:
        """The subject meets the criteria of ``code`` for the year under review (holds aside)."""
        if code not in self._derived:
            from .checks import criteria_met

            self._derived[code] = criteria_met(self.subject, self.year, self.ruleset, code, skip_hold=True)
        return self._derived[code]

    def members_holding(self, code: str, also: tuple[str, ...] = ()) -> list[bool]:
        """For each member: holds ``code`` (or an implying title) or meets its criteria this year."""
        key = code + "|" + ",".join(also)
        if key not in self._members:
            from .checks import criteria_met

            non_counting = self.ruleset.non_counting_award_types
            flags = []
            for member in self.subject.members:
                held = any(counts_as(member, name, non_counting) for name in (code, *also))
                if not held:
                    person = Subject(kind=SubjectKind.INDIVIDUAL, records={self.year: member})
                    held = criteria_met(person, self.year, self.ruleset, code, skip_hold=False)
                flags.append(held)
            self._members[key] = flags
        return self._members[key]
