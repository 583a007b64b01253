"""The output contract (a copy of ``shared/contracts/plan-parse.schema.json``) and its validator."""

import json
from functools import cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).with_name("plan-parse.schema.json")


@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate_reading(reading: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``reading`` does not follow the contract (Draft 2020-12)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker())
    validator.validate(reading)
