"""The rules in force for the app: the engine's versioned rules plus locally configured overrides.

:func:`ruleset_for` loads the engine's rules in force on a date for a province and merges the
:class:`~thidua.commendations.models.RuleOverride` rows in force that day (national ones first, then the
province's, each in date order). Overrides take effect from their ``valid_from`` and never earlier, so
evaluating or paying a decision dated before an override gives the same result as before it existed.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.commendations import engine
from thidua.core.vietnamese.text import fold

PROVINCE_PREFIXES = ("thanh pho ", "tinh ", "tp ")


def province_slug(unit) -> str | None:
    """The rules slug of the province above ``unit`` (``Tỉnh Bắc Ninh`` -> ``bac_ninh``), from its path."""
    from thidua.orgs.models import OrgUnit

    if unit is None:
        return None
    if unit.kind == "province":
        province = unit
    else:
        ids = unit.ancestor_ids
        province = OrgUnit.objects.filter(pk__in=ids, kind="province").order_by("depth").first()
    if province is None:
        return None
    name = fold(province.name)
    for prefix in PROVINCE_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return "_".join(name.split())


def review_year(today: date | None = None) -> int:
    """The year under review by default: until 30 June the previous year's review is still being
    closed (ratings before 15/12, decisions in the first months); from 1 July, the current year."""
    today = today or date.today()
    return today.year if (today.month, today.day) >= (7, 1) else today.year - 1


@functools.cache
def _latest() -> engine.RuleSet:
    versions = engine.list_versions()
    return engine.load_ruleset(versions[-1][1])


@functools.cache
def catalogue_codes() -> frozenset[str]:
    """Codes of every title and form in any published version (a record may be old)."""
    codes: set[str] = set()
    for _version, valid_from, _name in engine.list_versions():
        codes.update(engine.load_ruleset(valid_from).titles)
    return frozenset(codes)


def catalogue_choices() -> list[tuple[str, str]]:
    rules = _latest()
    return [(code, title.name) for code, title in rules.titles.items()]


def title_name(code: str) -> str:
    title = _latest().titles.get(code)
    return title.name if title is not None else code


def _set_path(patch: dict, key: str, value: Any) -> None:
    parts = key.split(".")
    target = patch
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def _lookup(data: Any, parts: list[str]) -> tuple[bool, Any]:
    for part in parts:
        if not isinstance(data, dict) or part not in data:
            return False, None
        data = data[part]
    return True, data


def build_patch(overrides: Iterable, base: engine.RuleSet) -> dict:
    """One patch from the overrides (in order); each names its legal basis, kept next to the value."""
    patch: dict = {}
    for override in overrides:
        basis_key = f"override_{override.pk or 'new'}"
        _set_path(
            patch, f"bases.{basis_key}", {"basis": override.basis, "cite": override.basis, "confidence": "C"}
        )
        value = str(override.value) if isinstance(override.value, float) else override.value
        _set_path(patch, override.key, value)
        parts = override.key.split(".")
        found, parent = _lookup(dict(base.data), parts[:-1])
        if found and isinstance(parent, dict) and "basis" in parent and parts[-1] != "basis":
            _set_path(patch, ".".join([*parts[:-1], "basis"]), basis_key)
        if isinstance(override.value, dict) and "basis" in override.value:
            _set_path(patch, f"{override.key}.basis", basis_key)
    return patch


def _overrides(as_of: date, province: str | None) -> list:
    from thidua.commendations.models import RuleOverride

    rows = RuleOverride.objects.filter(valid_from__lte=as_of, province__in=["", province or ""])
    return sorted(rows, key=lambda row: (row.province != "", row.valid_from, row.pk))


_MERGED: dict[tuple, engine.RuleSet] = {}


def ruleset_for(as_of: date, province: str | None = None) -> engine.RuleSet:
    """The engine's rules in force on ``as_of`` for ``province``, with the overrides in force that day."""
    overrides = _overrides(as_of, province)
    if not overrides:
        return engine.load_ruleset(as_of, province)
    key = (
        as_of,
        province,
        tuple(
            (row.pk, row.key, repr(row.value), row.valid_from, row.basis, row.province) for row in overrides
        ),
    )
    found = _MERGED.get(key)
    if found is None:
        base = engine.load_ruleset(as_of, province)
        version = f"{base.version}+{max(row.valid_from for row in overrides):%Y-%m-%d}"
        found = engine.extend_ruleset(base, build_patch(overrides, base), version=version)
        if len(_MERGED) > 256:
            _MERGED.clear()
        _MERGED[key] = found
    return found


def validate_override(override, *, today: date | None = None) -> None:
    """The key exists in the rules, the merged rules still compile, and it does not act on the past."""
    today = today or date.today()
    errors: dict[str, str] = {}
    if override.valid_from and override.valid_from < today:
        errors["valid_from"] = _(
            "An override cannot take effect in the past: decisions already made keep the rules they were made under."
        )
    as_of = max(override.valid_from or today, today)
    try:
        base = engine.load_ruleset(as_of, override.province or None)
    except engine.EngineInputError as error:
        raise ValidationError({"valid_from": error.message}) from None
    parts = (override.key or "").split(".")
    found, _value = _lookup(dict(base.data), parts)
    parent_found, _parent = _lookup(dict(base.data), parts[:-1])
    new_salary_step = parts[:-1] == ["parameters", "base_salary"] and parent_found
    if not found and not new_salary_step:
        errors["key"] = _("“%(key)s” is not a rule of the published rules.") % {"key": override.key}
    elif parts[0] == "bases" or parts[-1] == "basis":
        errors["key"] = _("Legal bases are set in the “legal basis” field, not as a rule value.")
    if errors:
        raise ValidationError(errors)
    try:
        engine.extend_ruleset(base, build_patch([override], base), version="check")
    except (KeyError, ValueError, TypeError, ArithmeticError) as error:
        raise ValidationError(
            {"value": _("The rules do not accept this value (%(error)s).") % {"error": error}}
        ) from None
