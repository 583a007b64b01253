"""The machine contract ``eligibility.schema.json``: request parsing, validation and result output.

Validation is complete before anything is evaluated: the whole input (one request or an array) is
checked against the schema (Draft 2020-12, formats checked) and then against the rules a schema cannot
express (a future year, two ratings for one year, a member list for an individual...). The first
problem found is reported with the field's path, e.g. ``[1].subject.records[2].rating``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from .model import (
    Award,
    AwardType,
    Discipline,
    DisciplineMeasure,
    EngineInputError,
    Initiative,
    InitiativeScope,
    Rating,
    Result,
    Subject,
    SubjectKind,
    YearRecord,
)
from .ruleset import RuleSet, load_ruleset
from .text import day

SCHEMA_PATH = Path(__file__).with_name("contract") / "eligibility.schema.json"
CONTRACT_AUTHORITIES = ("chu_tich_ubnd_xa", "chu_tich_ubnd_tinh", "thu_tuong")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TYPE_NAMES = {
    "integer": "số nguyên",
    "string": "chuỗi",
    "boolean": "true hoặc false",
    "array": "mảng",
    "object": "đối tượng",
    "null": "null",
    "number": "số",
}


@functools.cache
def contract_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def validator_for(definition: str) -> Draft202012Validator:
    """A validator for ``#/properties/<definition>`` of the contract (Request or Result)."""
    schema = contract_schema()
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    return Draft202012Validator(
        {"$ref": f"{schema['$id']}#/properties/{definition}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def field_path(prefix: str, parts: Any) -> str:
    text = prefix
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text and not text.endswith(".") else str(part)
    return text.rstrip(".")


def _schema_error(error: ValidationError, prefix: str) -> EngineInputError:
    path = list(error.absolute_path)
    field = field_path(prefix, path)
    shown = json.dumps(error.instance, ensure_ascii=False)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    if error.validator == "required":
        missing = next(name for name in error.validator_value if name not in error.instance)
        field = field_path(prefix, [*path, missing])
        return EngineInputError("missing_field", field, f"Thiếu trường bắt buộc '{field}'.")
    if error.validator == "enum":
        allowed = ", ".join("null" if value is None else str(value) for value in error.validator_value)
        if (path and path[-1] in ("target", "code")) or (len(path) >= 2 and path[-2] == "titles"):
            return EngineInputError(
                "unknown_title_code",
                field,
                f"Mã danh hiệu, hình thức khen thưởng {shown} tại trường '{field}' không có trong danh mục; "
                f"các mã hợp lệ: {allowed}.",
            )
        return EngineInputError(
            "invalid_value",
            field,
            f"Giá trị {shown} của trường '{field}' không hợp lệ; giá trị cho phép: {allowed}.",
        )
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " hoặc ".join(_TYPE_NAMES.get(name, name) for name in wanted)
        where = f"Trường '{field}'" if field else "Mỗi yêu cầu"
        return EngineInputError(
            "invalid_type", field or None, f"{where} phải là {names} (nhận được: {shown})."
        )
    if error.validator == "format":
        return EngineInputError(
            "invalid_date",
            field,
            f"Trường '{field}' phải là ngày hợp lệ dạng YYYY-MM-DD (nhận được: {shown}).",
        )
    return EngineInputError(
        "invalid_value", field or None, f"Trường '{field}' không hợp lệ: {error.message}."
    )


def _date(value: str, field: str) -> date:
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise EngineInputError(
            "invalid_date",
            field,
            f"Trường '{field}' phải là ngày hợp lệ dạng YYYY-MM-DD (nhận được: {value!r}).",
        ) from None


def _record(raw: Mapping[str, Any]) -> YearRecord:
    discipline = raw.get("discipline")
    return YearRecord(
        year=int(raw["year"]),
        rating=Rating(raw["rating"]) if raw.get("rating") is not None else None,
        titles=frozenset(raw.get("titles", ())),
        awards=tuple(
            Award(code=item["code"], type=AwardType(item["type"])) for item in raw.get("awards", ())
        ),
        initiatives=tuple(
            Initiative(scope=InitiativeScope(item["scope"]), used_for=item.get("used_for"))
            for item in raw.get("initiatives", ())
        ),
        discipline=Discipline(DisciplineMeasure(discipline)) if discipline is not None else None,
        under_review=bool(raw.get("under_review", False)),
        task_completed=bool(raw.get("task_completed", True)),
    )


class ParsedRequest:
    __slots__ = ("decision_date", "id", "ruleset", "subject", "target", "year")

    def __init__(
        self, id: str | None, target: str, year: int, decision_date: date, subject: Subject, ruleset: RuleSet
    ) -> None:
        self.id = id
        self.target = target
        self.year = year
        self.decision_date = decision_date
        self.subject = subject
        self.ruleset = ruleset


def _check_records(raw_subject: Mapping[str, Any], year: int, today: date, prefix: str) -> None:
    seen: dict[int, int] = {}
    for index, raw in enumerate(raw_subject.get("records", ())):
        field = f"{prefix}subject.records[{index}]"
        record_year = int(raw["year"])
        if record_year > today.year:
            raise EngineInputError(
                "future_year",
                f"{field}.year",
                f"Năm {record_year} tại trường '{field}.year' là năm trong tương lai.",
            )
        if record_year in seen:
            first = raw_subject["records"][seen[record_year]]
            both_rated = first.get("rating") is not None and raw.get("rating") is not None
            code, name = (
                ("duplicate_rating", f"{field}.rating") if both_rated else ("duplicate_year", f"{field}.year")
            )
            what = "hai kết quả xếp loại" if both_rated else "hai bản ghi"
            raise EngineInputError(
                code,
                name,
                f"Năm {record_year} có {what} (trường '{name}' và bản ghi records[{seen[record_year]}]); "
                "mỗi năm chỉ một bản ghi, một kết quả xếp loại.",
            )
        seen[record_year] = index
    unit_rating = raw_subject.get("unit_rating")
    if unit_rating is not None and year in seen:
        own = raw_subject["records"][seen[year]].get("rating")
        if own is not None and own != unit_rating:
            raise EngineInputError(
                "duplicate_rating",
                f"{prefix}subject.unit_rating",
                f"Năm {year} có hai kết quả xếp loại khác nhau: unit_rating '{unit_rating}' và "
                f"records[{seen[year]}].rating '{own}' (trường '{prefix}subject.unit_rating').",
            )


def _check_subject(raw_subject: Mapping[str, Any], year: int, today: date, prefix: str) -> None:
    kind = raw_subject["kind"]
    if kind == "individual" and raw_subject.get("members"):
        raise EngineInputError(
            "members_not_allowed",
            f"{prefix}subject.members",
            f"Đối tượng là cá nhân không có danh sách thành viên (trường '{prefix}subject.members').",
        )
    if kind == "individual" and raw_subject.get("unit_rating") is not None:
        raise EngineInputError(
            "unit_rating_not_allowed",
            f"{prefix}subject.unit_rating",
            f"Đối tượng là cá nhân không có xếp loại tập thể (trường '{prefix}subject.unit_rating'); "
            "ghi xếp loại vào records[].rating.",
        )
    _check_records(raw_subject, year, today, prefix)
    for index, member in enumerate(raw_subject.get("members", ())):
        if int(member["year"]) != year:
            field = f"{prefix}subject.members[{index}].year"
            raise EngineInputError(
                "member_year_mismatch",
                field,
                f"Bản ghi thành viên tại trường '{field}' là năm {member['year']}, khác năm đang xét {year}.",
            )


def parse_request(raw: Any, prefix: str, today: date) -> ParsedRequest:
    """Validate one request fully (schema, then semantics) and build the engine's inputs."""
    error = best_match(validator_for("Request").iter_errors(raw))
    if error is not None:
        raise _schema_error(error, prefix)
    year = int(raw["year"])
    if year > today.year:
        raise EngineInputError(
            "future_year",
            f"{prefix}year",
            f"Năm {year} (trường '{prefix}year') là năm trong tương lai; chỉ xét năm {today.year} trở về trước.",
        )
    decision_date = _date(raw["decision_date"], f"{prefix}decision_date")
    if decision_date.year < year:
        raise EngineInputError(
            "decision_before_year",
            f"{prefix}decision_date",
            f"Ngày quyết định {day(decision_date)} (trường '{prefix}decision_date') trước năm đang xét {year}.",
        )
    raw_subject = raw["subject"]
    _check_subject(raw_subject, year, today, prefix)
    start = raw_subject.get("employment_start")
    try:
        ruleset = load_ruleset(decision_date)
    except EngineInputError as error:
        field = f"{prefix}decision_date"
        raise EngineInputError(error.code, field, f"{error.message} (trường '{field}')") from None
    subject = Subject.build(
        SubjectKind(raw_subject["kind"]),
        [_record(item) for item in raw_subject.get("records", ())],
        group=raw_subject.get("group"),
        employment_start=_date(start, f"{prefix}subject.employment_start") if start is not None else None,
        members=[_record(item) for item in raw_subject.get("members", ())],
        unit_rating=raw_subject.get("unit_rating"),
        id=raw.get("id"),
    )
    return ParsedRequest(raw.get("id"), raw["target"], year, decision_date, subject, ruleset)


def result_to_json(
    parsed: ParsedRequest,
    result: Result,
    amount: int | None,
    words: Callable[[int], str] | None,
) -> dict[str, Any]:
    """The contract's Result object (only the contract's fields)."""
    out: dict[str, Any] = {}
    if parsed.id is not None:
        out["id"] = parsed.id
    conditions = [
        {"code": condition.code, "met": condition.met, "basis": condition.basis, "message": condition.message}
        for condition in result.conditions
    ]
    granted_by = result.granted_by
    if granted_by not in CONTRACT_AUTHORITIES:
        # Districts ceased on 01/7/2025; their commune-level award powers passed to the commune chairman.
        granted_by = "chu_tich_ubnd_xa"
        conditions.append(
            {
                "code": "granting_authority_transferred",
                "met": True,
                "basis": "Điều 59 Nghị định 129/2025/NĐ-CP",
                "message": (
                    f"Quyết định ngày {day(parsed.decision_date)} thuộc thẩm quyền Chủ tịch UBND cấp huyện; "
                    "từ 01/7/2025 thẩm quyền này thuộc Chủ tịch UBND xã (Điều 59 NĐ 129/2025/NĐ-CP)"
                ),
            }
        )
    out["eligible"] = result.eligible
    out["held"] = result.held
    out["granted_by"] = granted_by
    out["conditions"] = conditions
    out["amount_vnd"] = amount
    out["amount_in_words"] = _words(words, amount)
    return out


def _words(words: Callable[[int], str] | None, amount: int | None) -> str | None:
    if words is None or amount is None:
        return None
    try:
        text = words(amount)
    except Exception:  # a faulty speller must not lose the evaluation: the field is optional
        return None
    return text if isinstance(text, str) else None
