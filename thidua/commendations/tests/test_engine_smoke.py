"""Smoke test: the rules load for every version and the CLI answers a simple request."""

import io
import json
from datetime import date

from thidua.commendations.engine import cli_main, list_versions, load_ruleset


def test_every_version_loads():
    for _version, valid_from, _name in list_versions():
        assert load_ruleset(valid_from).as_of == valid_from


def test_cli_single_request():
    request = {
        "target": "lao_dong_tien_tien",
        "year": 2025,
        "decision_date": "2025-12-20",
        "subject": {"kind": "individual", "records": [{"year": 2025, "rating": "httnv"}]},
    }
    out = io.StringIO()
    code = cli_main(
        ["awards", "check", "-", "--json"],
        stdin=io.StringIO(json.dumps(request)),
        stdout=out,
        today=date(2026, 1, 1),
    )
    assert code == 0
    assert json.loads(out.getvalue())["eligible"] is True
