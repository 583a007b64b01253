"""Property tests: monotonicity of the rules and the contract on generated input."""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.commendations.engine import (
    Award,
    AwardType,
    Discipline,
    DisciplineMeasure,
    Initiative,
    InitiativeScope,
    Rating,
    Subject,
    SubjectKind,
    YearRecord,
    evaluate,
    load_ruleset,
)
from thidua.commendations.engine.model import DISCIPLINE_SEVERITY, RATING_RANK
from thidua.commendations.tests.fixtures.engine import check

TODAY = date(2026, 11, 24)
YEAR = 2025
RULES = load_ruleset(date(2025, 12, 20))
TARGETS = [code for code, title in RULES.titles.items() if title.evaluable]
CODES = [*TARGETS, "bang_khen_thu_tuong"]
RATINGS = sorted(Rating, key=RATING_RANK.get)
MEASURES = list(DisciplineMeasure)

ratings = st.none() | st.sampled_from(RATINGS)
disciplines = st.none() | st.builds(Discipline, st.sampled_from(MEASURES))
initiatives = st.lists(
    st.builds(
        Initiative, scope=st.sampled_from(list(InitiativeScope)), used_for=st.none() | st.sampled_from(CODES)
    ),
    max_size=2,
).map(tuple)
awards = st.lists(
    st.builds(Award, code=st.sampled_from(CODES), type=st.sampled_from(list(AwardType))), max_size=2
).map(tuple)


def records_for(year: int, *, quiet: bool = False):
    return st.builds(
        YearRecord,
        year=st.just(year),
        rating=ratings,
        titles=st.frozensets(st.sampled_from(CODES), max_size=2),
        awards=awards,
        initiatives=initiatives,
        discipline=st.none() if quiet else st.one_of(st.none(), st.none(), disciplines),
        under_review=st.booleans() if not quiet else st.just(False),
        task_completed=st.booleans(),
    )


@st.composite
def subjects(draw):
    kind = draw(st.sampled_from(list(SubjectKind)))
    years = draw(st.lists(st.integers(2021, YEAR), unique=True, max_size=5))
    records = [draw(records_for(year)) for year in sorted(years)]
    members = []
    unit_rating = None
    if kind is SubjectKind.COLLECTIVE:
        members = draw(st.lists(records_for(YEAR), max_size=8))
        unit_rating = draw(ratings)
    start = draw(st.none() | st.dates(date(2018, 1, 1), date(2026, 3, 1)))
    group = draw(st.none() | st.sampled_from(["cbccvc", "worker", "resident"]))
    return Subject.build(
        kind, records, members=members, unit_rating=unit_rating, employment_start=start, group=group
    )


def outcomes(subject: Subject) -> dict[str, bool]:
    return {target: evaluate(subject, target, YEAR, RULES, today=TODAY).eligible for target in TARGETS}


def replace_record(subject: Subject, record: YearRecord) -> Subject:
    records = dict(subject.records)
    records[record.year] = record
    return dataclasses.replace(subject, records=records)


@settings(max_examples=150, deadline=None)
@given(subjects(), st.integers(2021, YEAR), st.sampled_from(MEASURES), st.booleans(), st.data())
def test_adding_discipline_never_makes_anyone_eligible(subject, year, measure, on_member, data):
    before = outcomes(subject)
    if on_member and subject.members:
        index = data.draw(st.integers(0, len(subject.members) - 1))
        member = subject.members[index]
        worse = _worse(member.discipline, measure)
        members = list(subject.members)
        members[index] = dataclasses.replace(member, discipline=worse)
        after_subject = dataclasses.replace(subject, members=tuple(members))
    else:
        record = subject.record(year)
        after_subject = replace_record(
            subject, dataclasses.replace(record, discipline=_worse(record.discipline, measure))
        )
    after = outcomes(after_subject)
    for target in TARGETS:
        assert not (after[target] and not before[target]), target


def _worse(current: Discipline | None, measure: DisciplineMeasure) -> Discipline:
    if current is not None and DISCIPLINE_SEVERITY[current.measure] >= DISCIPLINE_SEVERITY[measure]:
        return current
    return Discipline(measure)


@settings(max_examples=150, deadline=None)
@given(subjects(), st.integers(2021, YEAR), st.sampled_from(["record", "member", "unit"]), st.data())
def test_a_better_rating_never_makes_anyone_ineligible(subject, year, where, data):
    before = outcomes(subject)
    if where == "member" and subject.members:
        index = data.draw(st.integers(0, len(subject.members) - 1))
        member = subject.members[index]
        members = list(subject.members)
        members[index] = dataclasses.replace(member, rating=_better(member.rating, data))
        after_subject = dataclasses.replace(subject, members=tuple(members))
    elif where == "unit" and subject.kind is SubjectKind.COLLECTIVE and subject.unit_rating is not None:
        after_subject = dataclasses.replace(subject, unit_rating=_better(subject.unit_rating, data))
    else:
        record = subject.records.get(year)
        if record is None or record.rating is None:
            return
        after_subject = replace_record(
            subject, dataclasses.replace(record, rating=_better(record.rating, data))
        )
    after = outcomes(after_subject)
    for target in TARGETS:
        assert not (before[target] and not after[target]), target


def _better(rating: Rating | None, data) -> Rating | None:
    if rating is None:
        return None
    return data.draw(st.sampled_from([item for item in RATINGS if RATING_RANK[item] >= RATING_RANK[rating]]))


@settings(max_examples=150, deadline=None)
@given(subjects(), st.data())
def test_adding_an_ldtt_member_never_lowers_the_collective(subject, data):
    if subject.kind is not SubjectKind.COLLECTIVE:
        return
    member = YearRecord(YEAR, rating=data.draw(st.sampled_from([Rating.HTTNV, Rating.HTXS])))
    after_subject = dataclasses.replace(subject, members=(*subject.members, member))
    for target in ("tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac"):
        before = evaluate(subject, target, YEAR, RULES, today=TODAY)
        after = evaluate(after_subject, target, YEAR, RULES, today=TODAY)
        ratio_before = next(c.met for c in before.conditions if c.code == "members_ldtt_at_least_70_percent")
        ratio_after = next(c.met for c in after.conditions if c.code == "members_ldtt_at_least_70_percent")
        assert ratio_after or not ratio_before
        assert after.eligible or not before.eligible


@settings(max_examples=150, deadline=None)
@given(
    subjects(), st.integers(2021, YEAR), st.sampled_from([AwardType.DOT_XUAT, AwardType.CHUYEN_DE]), st.data()
)
def test_turning_an_award_into_dot_xuat_or_chuyen_de_never_helps(subject, year, kind, data):
    record = subject.records.get(year)
    if record is None or not record.awards:
        return
    index = data.draw(st.integers(0, len(record.awards) - 1))
    changed = list(record.awards)
    changed[index] = dataclasses.replace(changed[index], type=kind)
    # Only meaningful when the code is not also held through another counting entry or a bare title.
    before = outcomes(subject)
    after = outcomes(replace_record(subject, dataclasses.replace(record, awards=tuple(changed))))
    for target in TARGETS:
        assert not (after[target] and not before[target]), target


@settings(max_examples=150, deadline=None)
@given(subjects(), st.integers(2021, YEAR), st.sampled_from(CODES), st.data())
def test_using_an_initiative_for_another_award_never_helps(subject, year, used_for, data):
    record = subject.records.get(year)
    if record is None or not record.initiatives:
        return
    index = data.draw(st.integers(0, len(record.initiatives) - 1))
    changed = list(record.initiatives)
    if changed[index].used_for is not None:
        return
    changed[index] = dataclasses.replace(changed[index], used_for=used_for)
    before = {t: evaluate(subject, t, YEAR, RULES, today=TODAY) for t in TARGETS}
    after_subject = replace_record(subject, dataclasses.replace(record, initiatives=tuple(changed)))
    for target in TARGETS:
        if used_for == target:
            continue
        after = evaluate(after_subject, target, YEAR, RULES, today=TODAY)
        assert not (after.eligible and not before[target].eligible), target


@settings(max_examples=150, deadline=None)
@given(subjects())
def test_result_invariants(subject):
    for target in TARGETS:
        result = evaluate(subject, target, YEAR, RULES, today=TODAY)
        assert result.eligible == all(condition.met for condition in result.conditions)
        assert not (result.held and result.eligible)
        assert result.held == any(c.hold and not c.met for c in result.conditions)
        assert result.conditions[0].code == "subject_kind"
        assert all(condition.basis and condition.message for condition in result.conditions)


# -- the contract on generated requests -----------------------------------------------------------
def _json_record(year: int):
    return st.fixed_dictionaries(
        {"year": st.just(year)},
        optional={
            "rating": st.sampled_from(["htxs", "httnv", "ht", "kht"]),
            "titles": st.lists(st.sampled_from(TARGETS), max_size=2),
            "awards": st.lists(
                st.fixed_dictionaries(
                    {"code": st.sampled_from(TARGETS), "type": st.sampled_from([t.value for t in AwardType])}
                ),
                max_size=2,
            ),
            "initiatives": st.lists(
                st.fixed_dictionaries(
                    {"scope": st.sampled_from(["co_so", "tinh", "toan_quoc"])},
                    optional={"used_for": st.none() | st.sampled_from(TARGETS)},
                ),
                max_size=2,
            ),
            "discipline": st.none() | st.sampled_from([m.value for m in MEASURES]),
            "under_review": st.booleans(),
            "task_completed": st.booleans(),
        },
    )


@st.composite
def json_requests(draw):
    kind = draw(st.sampled_from(["individual", "collective", "household"]))
    years = draw(st.lists(st.integers(2021, YEAR), unique=True, max_size=4))
    subject = {"kind": kind, "records": [draw(_json_record(year)) for year in years]}
    if kind == "collective":
        subject["members"] = draw(st.lists(_json_record(YEAR), max_size=5))
    else:
        subject["group"] = draw(st.sampled_from(["cbccvc", "worker", "resident"]))
    decision = draw(st.dates(date(2025, 1, 1), date(2027, 12, 31)))
    return {
        "id": draw(st.text(max_size=5)),
        "target": draw(st.sampled_from(TARGETS)),
        "year": YEAR,
        "decision_date": decision.isoformat(),
        "subject": subject,
    }


@settings(max_examples=150, deadline=None)
@given(json_requests())
def test_every_cli_output_satisfies_the_contract(payload):
    result = check(payload)
    assert result["id"] == payload["id"]
    if result["amount_vnd"] is not None:
        assert result["amount_vnd"] % 10_000 == 0
