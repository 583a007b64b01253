"""``thidua awards check FILE --json``: exit codes, stdin and files, arrays, and bad input."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from thidua.commendations.engine import cli_main
from thidua.commendations.tests.fixtures.engine import FIXTURES, RESULT, TODAY, request, run

GOOD = request("lao_dong_tien_tien", [{"year": 2025, "rating": "httnv"}])


def test_file_argument_and_array_in_order(tmp_path):
    out = io.StringIO()
    code = cli_main(["awards", "check", str(FIXTURES / "requests.json"), "--json"], stdout=out, today=TODAY)
    assert code == 0
    results = json.loads(out.getvalue())
    assert [item["id"] for item in results] == [
        "ldtt-nguyen-van-a",
        "cstdcs-tran-thi-b",
        "ttldtt-phong-kinh-te",
        "gdvh-ho-le-van-c",
    ]
    for item in results:
        RESULT.validate(item)
    assert [item["eligible"] for item in results] == [True, True, False, True]
    assert results[2]["amount_vnd"] == 2_030_000


def test_argv_without_the_subcommand_words():
    out = io.StringIO()
    code = cli_main([str(FIXTURES / "requests.json"), "--json"], stdout=out, today=TODAY)
    assert code == 0
    assert len(json.loads(out.getvalue())) == 4


def test_single_object_gives_single_result_and_id_is_echoed_only_when_given():
    code, result, _ = run(GOOD)
    assert code == 0 and isinstance(result, dict) and "id" not in result
    code, result, _ = run({**GOOD, "id": "x-1"})
    assert result["id"] == "x-1"


def test_empty_array():
    assert run([])[:2] == (0, [])


def test_amount_in_words_seam():
    out = io.StringIO()
    cli_main(
        ["-", "--json"],
        stdin=io.StringIO(json.dumps(GOOD)),
        stdout=out,
        today=TODAY,
        amount_in_words=lambda amount: f"<{amount}>",
    )
    assert json.loads(out.getvalue())["amount_in_words"] == "<710000>"


def test_text_output_without_json_flag():
    out = io.StringIO()
    code = cli_main(["awards", "check", "-"], stdin=io.StringIO(json.dumps(GOOD)), stdout=out, today=TODAY)
    assert code == 0
    assert "Lao động tiên tiến năm 2025: ĐỦ ĐIỀU KIỆN" in out.getvalue()
    assert "710.000 đồng" in out.getvalue()


def test_province_option():
    code, result, _ = run(
        request("tap_the_lao_dong_tien_tien", [], kind="collective", unit_rating="httnv"),
        "--province",
        "bac_ninh",
    )
    assert code == 0
    assert any("Bắc Ninh" in item["basis"] for item in result["conditions"])


def test_decision_before_july_2025_reports_the_successor_authority():
    payload = request(
        "chien_si_thi_dua_co_so", [{"year": 2024, "rating": "htxs"}], year=2024, decision_date="2025-03-01"
    )
    code, result, _ = run(payload)
    assert code == 0
    RESULT.validate(result)
    assert result["granted_by"] == "chu_tich_ubnd_xa"
    assert result["conditions"][-1]["code"] == "granting_authority_transferred"


# -- bad input: exit 2, JSON error naming the field, nothing evaluated --------------------------------
def rec(year, **fields):
    return {"year": year, **fields}


BAD = [
    ("unknown title", {**GOOD, "target": "huan_chuong_lao_dong"}, "unknown_title_code", "target"),
    (
        "unknown title in titles",
        request("lao_dong_tien_tien", [rec(2024, titles=["abc"])]),
        "unknown_title_code",
        "subject.records[0].titles[0]",
    ),
    ("future year", {**GOOD, "year": 2027}, "future_year", "year"),
    (
        "future record year",
        request("lao_dong_tien_tien", [rec(2025), rec(2027)]),
        "future_year",
        "subject.records[1].year",
    ),
    (
        "two ratings for one year",
        request("lao_dong_tien_tien", [rec(2025, rating="httnv"), rec(2024), rec(2025, rating="ht")]),
        "duplicate_rating",
        "subject.records[2].rating",
    ),
    (
        "two records for one year",
        request("lao_dong_tien_tien", [rec(2025, rating="httnv"), rec(2025)]),
        "duplicate_year",
        "subject.records[1].year",
    ),
    (
        "unit rating contradicts the record",
        request(
            "tap_the_lao_dong_tien_tien", [rec(2025, rating="ht")], kind="collective", unit_rating="htxs"
        ),
        "duplicate_rating",
        "subject.unit_rating",
    ),
    (
        "members for an individual",
        request("lao_dong_tien_tien", [rec(2025)], members=[rec(2025)]),
        "members_not_allowed",
        "subject.members",
    ),
    (
        "unit rating for an individual",
        request("lao_dong_tien_tien", [rec(2025)], unit_rating="htxs"),
        "unit_rating_not_allowed",
        "subject.unit_rating",
    ),
    (
        "missing decision date",
        {k: v for k, v in GOOD.items() if k != "decision_date"},
        "missing_field",
        "decision_date",
    ),
    ("missing records", {**GOOD, "subject": {"kind": "individual"}}, "missing_field", "subject.records"),
    (
        "bad rating",
        request("lao_dong_tien_tien", [rec(2025, rating="xuat_sac")]),
        "invalid_value",
        "subject.records[0].rating",
    ),
    ("bad kind", {**GOOD, "subject": {"kind": "company", "records": []}}, "invalid_value", "subject.kind"),
    ("year as string", {**GOOD, "year": "2025"}, "invalid_type", "year"),
    ("bad date", {**GOOD, "decision_date": "2025-02-30"}, "invalid_date", "decision_date"),
    ("date not ISO", {**GOOD, "decision_date": "20/12/2025"}, "invalid_date", "decision_date"),
    (
        "bad employment start",
        request("lao_dong_tien_tien", [], employment_start="2025-13-01"),
        "invalid_date",
        "subject.employment_start",
    ),
    (
        "decision before the law",
        {**GOOD, "year": 2023, "decision_date": "2023-12-31"},
        "no_rules_in_force",
        "decision_date",
    ),
    (
        "decision before the year",
        {**GOOD, "decision_date": "2024-12-31"},
        "decision_before_year",
        "decision_date",
    ),
    (
        "member of another year",
        request("tap_the_lao_dong_tien_tien", [], kind="collective", members=[rec(2025), rec(2024)]),
        "member_year_mismatch",
        "subject.members[1].year",
    ),
    (
        "bad award type",
        request("lao_dong_tien_tien", [rec(2024, awards=[{"code": "lao_dong_tien_tien", "type": "thuong"}])]),
        "invalid_value",
        "subject.records[0].awards[0].type",
    ),
    ("not an object", 42, "invalid_type", None),
]


@pytest.mark.parametrize(("label", "payload", "code", "field"), BAD, ids=[case[0] for case in BAD])
def test_bad_input(label, payload, code, field):
    exit_code, body, err = run(payload)
    assert exit_code == 2
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "field", "message"}
    assert body["error"]["code"] == code
    assert body["error"]["field"] == field
    assert body["error"]["message"]
    if field:
        assert field in body["error"]["message"] or field.split(".")[-1] in body["error"]["message"]
    assert err.startswith("Lỗi: ")


def test_bad_item_in_an_array_names_its_index_and_nothing_is_evaluated():
    out = io.StringIO()
    payload = [GOOD, GOOD, {**GOOD, "target": "xyz"}]
    code = cli_main(
        ["-", "--json"], stdin=io.StringIO(json.dumps(payload)), stdout=out, stderr=io.StringIO(), today=TODAY
    )
    assert code == 2
    body = json.loads(out.getvalue())
    assert body["error"]["field"] == "[2].target"
    assert "eligible" not in out.getvalue()


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "invalid_json"),
        ("", "invalid_json"),
        ('{"year": NaN}', "invalid_json"),
        ('{"target": "lao_dong_tien_tien", "target": "x"}', "duplicate_key"),
        ("[1, 2", "invalid_json"),
    ],
)
def test_malformed_json(raw, code):
    exit_code, body, _err = run(None, raw=raw)
    assert exit_code == 2
    assert body["error"]["code"] == code
    assert "JSON" in body["error"]["message"] or "hai lần" in body["error"]["message"]


def test_bom_is_accepted():
    exit_code, body, _ = run(None, raw="\ufeff" + json.dumps(GOOD))
    assert exit_code == 0 and body["eligible"] is True


def test_missing_file_and_usage(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert cli_main(["awards", "check", str(tmp_path / "none.json"), "--json"], stdout=out, stderr=err) == 2
    assert json.loads(out.getvalue())["error"]["code"] == "file_not_found"
    out = io.StringIO()
    assert cli_main(["awards", "check", "--json"], stdout=out, stderr=io.StringIO()) == 2
    assert json.loads(out.getvalue())["error"]["code"] == "usage"
    err = io.StringIO()
    assert cli_main(["awards", "check"], stdout=io.StringIO(), stderr=err) == 2
    assert "Cách dùng" in err.getvalue()
    assert cli_main(["a.json", "--bogus", "--json"], stdout=io.StringIO(), stderr=io.StringIO()) == 2


def test_future_year_depends_on_today():
    payload = {
        **GOOD,
        "year": 2026,
        "decision_date": "2026-12-20",
        "subject": {"kind": "individual", "records": []},
    }
    assert run(payload, today=date(2026, 1, 1))[0] == 0
    assert run(payload, today=date(2025, 12, 31))[0] == 2


def test_undecodable_file(tmp_path):
    path = tmp_path / "latin.json"
    path.write_bytes(b"\xff\xfe\x00{")
    out = io.StringIO()
    assert cli_main([str(path), "--json"], stdout=out, stderr=io.StringIO(), today=TODAY) == 2
    assert json.loads(out.getvalue())["error"]["field"] == "FILE"


def test_array_item_of_the_wrong_type():
    code, body, _ = run([GOOD, 7])
    assert code == 2
    assert body["error"]["code"] == "invalid_type"
    assert body["error"]["field"] == "[1]"
