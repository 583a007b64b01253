"""Bulk evaluation over 5,000 people × 5 years of pre-loaded records (timings live in bench/)."""

from __future__ import annotations

import random
from datetime import date

from thidua.commendations.engine import (
    Discipline,
    DisciplineMeasure,
    Initiative,
    InitiativeScope,
    Rating,
    Subject,
    YearRecord,
    evaluate_many,
    load_ruleset,
)

TODAY = date(2026, 11, 24)
TITLES = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"]


def people(count: int = 5000) -> list[Subject]:
    rng = random.Random(2025)
    ratings = list(Rating)
    scopes = list(InitiativeScope)
    result = []
    for index in range(count):
        records = []
        for year in range(2021, 2026):
            records.append(
                YearRecord(
                    year,
                    rng.choice(ratings),
                    frozenset(rng.sample(TITLES, rng.randint(0, 2))),
                    initiatives=tuple(Initiative(rng.choice(scopes)) for _ in range(rng.randint(0, 1))),
                    discipline=Discipline(DisciplineMeasure.KHIEN_TRACH) if rng.random() < 0.03 else None,
                    under_review=rng.random() < 0.01,
                )
            )
        result.append(
            Subject.build(
                "individual", records, group="cbccvc", employment_start=date(2015, 1, 1), id=str(index)
            )
        )
    return result


def test_5000_people_5_years_give_a_mix_of_outcomes():
    subjects = people()
    rules = load_ruleset(date(2025, 12, 20))
    for target in (
        "lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "chien_si_thi_dua_tinh",
        "bang_khen_chu_tich_tinh",
    ):
        results = list(evaluate_many(subjects, [target], 2025, rules, today=TODAY))
        assert len(results) == 5000
        assert 0 < sum(result.eligible for _, result in results) < 5000


def test_bulk_results_match_single_evaluation():
    from thidua.commendations.engine import evaluate

    subjects = people(50)
    rules = load_ruleset(date(2025, 12, 20))
    bulk = list(evaluate_many(subjects, TITLES, 2025, rules, today=TODAY))
    single = [(s, evaluate(s, t, 2025, rules, today=TODAY)) for s in subjects for t in TITLES]
    assert [r for _, r in bulk] == [r for _, r in single]
