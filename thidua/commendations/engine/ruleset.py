"""Versioned rules: load the JSON data in ``rules/`` and compile the version in force at a date.

``rules/national/<valid_from>.json`` holds one version each. The first is complete; each later one
names the version it ``extends`` and carries a ``patch`` (a deep merge: objects merge key by key, a
``null`` value deletes a key, anything else replaces). ``rules/provinces/<slug>.json`` holds
effective-dated patches for one province, applied over the national version. A published file is
never edited: a change is a new file with a later ``valid_from``, so an earlier date always compiles to
the same rules and gives the same outcome.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .model import EngineInputError

RULES_DIR = Path(__file__).with_name("rules")
ROUNDING_MODES = ("CEIL_10K", "NEAREST_10K", "NONE")
AUTHORITIES = ("chu_tich_ubnd_xa", "chu_tich_ubnd_huyen", "chu_tich_ubnd_tinh", "thu_tuong")


@dataclass(frozen=True, slots=True)
class Basis:
    """A legal basis: full citation, short citation for sentences, and confidence (C / L / U)."""

    key: str
    basis: str
    cite: str
    confidence: str


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    check: str
    basis: Basis
    params: Mapping[str, Any]
    kinds: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Coefficient:
    value: Decimal | None
    basis: Basis
    confidence: str


@dataclass(frozen=True, slots=True)
class TitleRule:
    code: str
    name: str
    category: str
    subject_kinds: tuple[str, ...]
    granted_by: str
    granted_by_basis: Basis
    award_type: str
    basis: Basis
    coefficients: Mapping[str, Coefficient]
    criteria: tuple[Criterion, ...]
    evaluable: bool = True


@dataclass(frozen=True, slots=True)
class SalaryStep:
    valid_from: date
    amount: int
    basis: Basis


@dataclass(frozen=True, slots=True)
class QuotaCap:
    code: str
    name: str
    counted_ratings: frozenset[str]
    counted_titles: frozenset[str]
    base_ratings: frozenset[str]
    base_titles: frozenset[str]
    ratio: Fraction
    exception_for_exceptional_unit: bool
    basis: Basis


@dataclass(frozen=True, slots=True)
class VoteThreshold:
    title: str
    ratio: Fraction
    of: str
    secret_ballot: bool
    basis: Basis


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The compiled rules in force at ``as_of`` (national version plus province overrides)."""

    version: str
    as_of: date
    province: str | None
    province_version: str | None
    titles: Mapping[str, TitleRule]
    base_salary: tuple[SalaryStep, ...]
    rounding_mode: str
    rounding_basis: Basis
    non_counting_award_types: frozenset[str]
    non_counting_basis: Basis
    streak_restarts_after_same_award: bool
    default_individual_group: str
    caps: Mapping[str, QuotaCap]
    vote_thresholds: Mapping[str, VoteThreshold]
    bases: Mapping[str, Basis]
    data: Mapping[str, Any]
    """The merged raw data, for display (admin page, exports)."""

    def basis(self, key: str) -> Basis:
        return self.bases[key]

    def salary_on(self, day: date) -> SalaryStep | None:
        found = None
        for step in self.base_salary:
            if step.valid_from <= day:
                found = step
        return found


def deep_merge(base: Any, patch: Any) -> Any:
    """Merge ``patch`` into a copy of ``base``: objects key by key, ``None`` deletes, others replace."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return copy.deepcopy(patch)
    merged = dict(base)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        elif key in merged and isinstance(merged[key], dict) and isinstance(value, dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@functools.cache
def _national_files() -> tuple[tuple[date, str, Mapping[str, Any]], ...]:
    versions = []
    for path in sorted((RULES_DIR / "national").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        versions.append((date.fromisoformat(data["valid_from"]), data["version"], data))
    versions.sort(key=lambda item: item[0])
    return tuple(versions)


@functools.cache
def _province_file(province: str) -> Mapping[str, Any] | None:
    path = RULES_DIR / "provinces" / f"{province}.json"
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def list_versions() -> tuple[tuple[str, date, str], ...]:
    """(version, valid_from, name) of every national version, oldest first."""
    return tuple(
        (version, valid_from, data.get("name", "")) for valid_from, version, data in _national_files()
    )


def list_provinces() -> tuple[str, ...]:
    return tuple(sorted(path.stem for path in (RULES_DIR / "provinces").glob("*.json")))


@functools.cache
def _merged_national(version: str) -> Mapping[str, Any]:
    by_version = {name: data for _, name, data in _national_files()}
    data = by_version[version]
    parent = data.get("extends")
    if parent is None:
        return copy.deepcopy(data)
    merged = deep_merge(_merged_national(parent), data["patch"])
    merged["version"] = data["version"]
    merged["valid_from"] = data["valid_from"]
    merged["name"] = data.get("name", "")
    return merged


def load_ruleset(as_of: date, province: str | None = None) -> RuleSet:
    """The rules in force on ``as_of`` (a decision date), with ``province``'s overrides if any."""
    national = [item for item in _national_files() if item[0] <= as_of]
    if not national:
        first = _national_files()[0][0]
        raise EngineInputError(
            "no_rules_in_force",
            "decision_date",
            f"Không có bộ quy tắc có hiệu lực vào ngày {as_of:%d/%m/%Y}; "
            f"dữ liệu quy tắc bắt đầu từ ngày {first:%d/%m/%Y} (Luật Thi đua, khen thưởng 2022).",
        )
    version = national[-1][1]
    province_version = None
    if province:
        province_data = _province_file(province)
        if province_data is not None:
            in_force = [
                item for item in province_data["versions"] if date.fromisoformat(item["valid_from"]) <= as_of
            ]
            if in_force:
                province_version = max(item["valid_from"] for item in in_force)
    return _compile(version, province or None, province_version, as_of)


@functools.cache
def _compile_cached(version: str, province: str | None, province_version: str | None) -> RuleSet:
    data = _merged_national(version)
    if province and province_version:
        province_data = _province_file(province)
        assert province_data is not None
        for item in sorted(province_data["versions"], key=lambda entry: entry["valid_from"]):
            if item["valid_from"] <= province_version:
                data = deep_merge(data, item["patch"])
    return _build(data, version, province, province_version)


def _compile(version: str, province: str | None, province_version: str | None, as_of: date) -> RuleSet:
    compiled = _compile_cached(version, province, province_version)
    if compiled.as_of == as_of:
        return compiled
    # Same rules, stamped with the date asked for (cheap: a shallow copy of a frozen object).
    return RuleSet(
        **{name: getattr(compiled, name) for name in RuleSet.__slots__ if name != "as_of"}, as_of=as_of
    )


def extend_ruleset(ruleset: RuleSet, patch: Mapping[str, Any], *, version: str) -> RuleSet:
    """``ruleset`` with ``patch`` deep-merged over its data (same rules as the version files).

    The hook for locally configured, effective-dated overrides: the caller picks the patches in force
    on ``ruleset.as_of`` and names the result ``version``; the result keeps the date and province.
    """
    data = deep_merge(dict(ruleset.data), dict(patch))
    built = _build(data, version, ruleset.province, ruleset.province_version)
    return RuleSet(
        **{name: getattr(built, name) for name in RuleSet.__slots__ if name != "as_of"}, as_of=ruleset.as_of
    )


def _bases(data: Mapping[str, Any]) -> dict[str, Basis]:
    return {
        key: Basis(
            key=key,
            basis=value["basis"],
            cite=value.get("cite", value["basis"]),
            confidence=value["confidence"],
        )
        for key, value in data["bases"].items()
    }


def _title(code: str, raw: Mapping[str, Any], bases: Mapping[str, Basis]) -> TitleRule:
    coefficients = {}
    for kind, entry in raw.get("coefficients", {}).items():
        basis = bases[entry["basis"]]
        value = Decimal(entry["value"]) if entry.get("value") is not None else None
        coefficients[kind] = Coefficient(value, basis, entry.get("confidence", basis.confidence))
    criteria = tuple(
        Criterion(
            code=criterion_code,
            check=entry["check"],
            basis=bases[entry["basis"]],
            params=MappingProxyType(dict(entry.get("params", {}))),
            kinds=frozenset(entry["kinds"]) if "kinds" in entry else None,
        )
        for criterion_code, entry in raw.get("criteria", {}).items()
    )
    if raw["granted_by"] not in AUTHORITIES:
        raise ValueError(f"rules: unknown authority {raw['granted_by']!r} for {code}")
    return TitleRule(
        code=code,
        name=raw["name"],
        category=raw["category"],
        subject_kinds=tuple(raw["subject_kinds"]),
        granted_by=raw["granted_by"],
        granted_by_basis=bases[raw["granted_by_basis"]],
        award_type=raw["award_type"],
        basis=bases[raw["basis"]],
        coefficients=MappingProxyType(coefficients),
        criteria=criteria,
        evaluable=raw.get("evaluable", True),
    )


def _build(
    data: Mapping[str, Any], version: str, province: str | None, province_version: str | None
) -> RuleSet:
    bases = _bases(data)
    params = data["parameters"]
    salary = tuple(
        SalaryStep(date.fromisoformat(day), int(entry["amount"]), bases[entry["basis"]])
        for day, entry in sorted(params["base_salary"].items())
    )
    rounding = params["rounding_mode"]
    if rounding["value"] not in ROUNDING_MODES:
        raise ValueError(f"rules: unknown rounding mode {rounding['value']!r}")
    caps = {
        code: QuotaCap(
            code=code,
            name=entry["name"],
            counted_ratings=frozenset(entry["counted"].get("ratings", ())),
            counted_titles=frozenset(entry["counted"].get("titles", ())),
            base_ratings=frozenset(entry["base"].get("ratings", ())),
            base_titles=frozenset(entry["base"].get("titles", ())),
            ratio=Fraction(entry["ratio"]),
            exception_for_exceptional_unit=bool(entry.get("exception_for_exceptional_unit", False)),
            basis=bases[entry["basis"]],
        )
        for code, entry in data.get("caps", {}).items()
    }
    thresholds = {
        title: VoteThreshold(
            title, Fraction(entry["ratio"]), entry["of"], entry["secret_ballot"], bases[entry["basis"]]
        )
        for title, entry in data.get("council", {}).get("vote_thresholds", {}).items()
    }
    return RuleSet(
        version=version,
        as_of=date.fromisoformat(data["valid_from"]),
        province=province,
        province_version=province_version,
        titles=MappingProxyType({code: _title(code, raw, bases) for code, raw in data["titles"].items()}),
        base_salary=salary,
        rounding_mode=rounding["value"],
        rounding_basis=bases[rounding["basis"]],
        non_counting_award_types=frozenset(params["non_counting_award_types"]["value"]),
        non_counting_basis=bases[params["non_counting_award_types"]["basis"]],
        streak_restarts_after_same_award=bool(params["streak_restarts_after_same_award"]["value"]),
        default_individual_group=params["default_individual_group"]["value"],
        caps=MappingProxyType(caps),
        vote_thresholds=MappingProxyType(thresholds),
        bases=MappingProxyType(bases),
        data=MappingProxyType(dict(data)),
    )
