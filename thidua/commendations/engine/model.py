"""Typed inputs and outputs of the eligibility engine (pure Python, no Django).

Callers build :class:`Subject` objects from whatever storage they use (the CLI from JSON, the
Django app from pre-loaded querysets) and pass them to :func:`..evaluate.evaluate`. Everything here is
immutable, so one subject can be evaluated against many titles and rule sets without copying.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import NamedTuple


class EngineInputError(ValueError):
    """Bad input to the engine. ``field`` names the offending field (dotted path), ``code`` is stable."""

    def __init__(self, code: str, field: str | None, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.message = message


class Rating(enum.StrEnum):
    """Task-performance rating of a year (xếp loại chất lượng)."""

    HTXS = "htxs"
    HTTNV = "httnv"
    HT = "ht"
    KHT = "kht"


RATING_RANK: Mapping[Rating, int] = MappingProxyType(
    {Rating.KHT: 0, Rating.HT: 1, Rating.HTTNV: 2, Rating.HTXS: 3}
)


class DisciplineMeasure(enum.StrEnum):
    """Disciplinary measures in increasing order of severity."""

    KHIEN_TRACH = "khien_trach"
    CANH_CAO = "canh_cao"
    HA_BAC_LUONG = "ha_bac_luong"
    GIANG_CHUC = "giang_chuc"
    CACH_CHUC = "cach_chuc"
    BUOC_THOI_VIEC = "buoc_thoi_viec"


DISCIPLINE_SEVERITY: Mapping[DisciplineMeasure, int] = MappingProxyType(
    {measure: rank for rank, measure in enumerate(DisciplineMeasure, start=1)}
)


class AwardType(enum.StrEnum):
    """Kind of commendation (Luật TĐKT 2022, Điều 8)."""

    CONG_TRANG = "cong_trang"
    DOT_XUAT = "dot_xuat"
    CHUYEN_DE = "chuyen_de"
    CONG_HIEN = "cong_hien"
    DOI_NGOAI = "doi_ngoai"


class InitiativeScope(enum.StrEnum):
    """Level at which an initiative or science project was recognised as effective."""

    CO_SO = "co_so"
    TINH = "tinh"
    TOAN_QUOC = "toan_quoc"


SCOPE_RANK: Mapping[InitiativeScope, int] = MappingProxyType(
    {InitiativeScope.CO_SO: 1, InitiativeScope.TINH: 2, InitiativeScope.TOAN_QUOC: 3}
)


class SubjectKind(enum.StrEnum):
    INDIVIDUAL = "individual"
    COLLECTIVE = "collective"
    HOUSEHOLD = "household"


class Group(enum.StrEnum):
    """Employment group of an individual: decides which clause of Điều 24 applies."""

    CBCCVC = "cbccvc"
    WORKER = "worker"
    RESIDENT = "resident"


@dataclass(frozen=True, slots=True)
class Award:
    """A title or form received, with the kind of commendation and its decision."""

    code: str
    type: AwardType = AwardType.CONG_TRANG
    decision_number: str | None = None
    decision_date: date | None = None
    issuer: str | None = None


@dataclass(frozen=True, slots=True)
class Initiative:
    """An initiative (sáng kiến) or science project; ``used_for`` is the award it already supported."""

    scope: InitiativeScope
    used_for: str | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class Discipline:
    """A disciplinary measure in force during the year, with its dates when known."""

    measure: DisciplineMeasure
    start: date | None = None
    end: date | None = None

    @property
    def severity(self) -> int:
        return DISCIPLINE_SEVERITY[self.measure]


@dataclass(frozen=True, slots=True)
class YearRecord:
    """Everything known about one subject (or one member of a collective) for one year."""

    year: int
    rating: Rating | None = None
    titles: frozenset[str] = frozenset()
    awards: tuple[Award, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    discipline: Discipline | None = None
    under_review: bool = False
    task_completed: bool = True
    employment_months: int | None = None
    """Months worked at the unit in the year, when the caller knows it (overrides employment_start)."""


@dataclass(frozen=True, slots=True)
class Subject:
    """A person, a collective (with its members' records for the year under review) or a household."""

    kind: SubjectKind
    records: Mapping[int, YearRecord] = field(default_factory=dict)
    group: Group | None = None
    employment_start: date | None = None
    members: tuple[YearRecord, ...] = ()
    unit_rating: Rating | None = None
    id: str | None = None

    @classmethod
    def build(
        cls,
        kind: SubjectKind | str,
        records: Iterable[YearRecord] = (),
        *,
        group: Group | str | None = None,
        employment_start: date | None = None,
        members: Iterable[YearRecord] = (),
        unit_rating: Rating | str | None = None,
        id: str | None = None,
    ) -> Subject:
        """Build a subject from a flat list of yearly records; two records for one year is an error."""
        by_year: dict[int, YearRecord] = {}
        for index, record in enumerate(records):
            if record.year in by_year:
                raise EngineInputError(
                    "duplicate_year",
                    f"records[{index}].year",
                    f"Năm {record.year} có hai bản ghi (records[{index}]); mỗi năm chỉ một bản ghi.",
                )
            by_year[record.year] = record
        return cls(
            kind=SubjectKind(kind),
            records=MappingProxyType(by_year),
            group=Group(group) if group is not None else None,
            employment_start=employment_start,
            members=tuple(members),
            unit_rating=Rating(unit_rating) if unit_rating is not None else None,
            id=id,
        )

    def record(self, year: int) -> YearRecord:
        """The record of ``year``, or an empty one when nothing was recorded."""
        found = self.records.get(year)
        return found if found is not None else YearRecord(year=year)

    def rating(self, year: int, year_under_review: int) -> Rating | None:
        """Rating of ``year``; for the year under review a collective's ``unit_rating`` fills the gap."""
        found = self.records.get(year)
        if found is not None and found.rating is not None:
            return found.rating
        if year == year_under_review:
            return self.unit_rating
        return None


class Condition(NamedTuple):
    """One checked condition: met or not, its legal basis and a Vietnamese sentence.

    A named tuple rather than a dataclass: bulk evaluation creates hundreds of thousands of them.
    """

    code: str
    met: bool
    basis: str
    message: str
    confidence: str = "C"
    vouched: bool = False
    """True when the request cannot express it and the proposing unit vouches for it."""
    hold: bool = False
    """True for the pending-review condition: failing it holds the proposal rather than rejecting it."""


class Status(enum.StrEnum):
    ELIGIBLE = "eligible"
    HELD = "held"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True, slots=True)
class Result:
    """Outcome of one evaluation."""

    target: str
    year: int
    eligible: bool
    held: bool
    granted_by: str
    conditions: tuple[Condition, ...]
    ruleset_version: str
    subject_id: str | None = None

    @property
    def status(self) -> Status:
        if self.eligible:
            return Status.ELIGIBLE
        return Status.HELD if self.held else Status.NOT_ELIGIBLE

    @property
    def failed(self) -> tuple[Condition, ...]:
        return tuple(condition for condition in self.conditions if not condition.met)
