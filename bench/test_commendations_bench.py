"""Bulk evaluation of a commune: load every record in a constant number of queries, then evaluate_many.

Measured against a floor in the same run: raw SQL selecting the same records (people, ratings, titles,
initiatives, discipline, reviews, memberships) with nothing built from them. Reported as ratios in
``extra_info`` (see bench/commendations.md). Targets (issue #5): 5,000 people × 5 years ≤ 2 s;
100,000 people ≤ 30 s on PostgreSQL (run only when DATABASE_URL is set).
"""

import os
import random
import time
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.commendations import evaluation
from thidua.commendations.models import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    TaskRating,
)
from thidua.commendations.rules import ruleset_for
from thidua.orgs import services
from thidua.orgs.choices import EmploymentGroup, Sex, UnitKind
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db
YEARS = range(2021, 2026)
AS_OF = date(2026, 1, 15)
TARGETS = ("lao_dong_tien_tien", "chien_si_thi_dua_co_so")
LOAD_QUERIES = 9
RATINGS = ["htxs", "httnv", "httnv", "httnv", "ht", "kht"]


def build(admin, people: int, units: int = 50, batch: int = 5000):
    """A commune with ``units`` units and ``people`` people, five years of records each (bulk_create)."""
    rng = random.Random(5)
    commune = services.orgunit_create(
        actor=admin, data={"code": "BX", "name": "Xã Bench", "kind": UnitKind.COMMUNE}
    )
    bodies = [
        services.orgunit_create(
            actor=admin,
            data={
                "code": f"BX-{index}",
                "name": f"Đơn vị {index}",
                "kind": UnitKind.DEPARTMENT,
                "parent": commune,
            },
        )
        for index in range(units)
    ]
    for start in range(0, people, batch):
        created = Person.objects.bulk_create(
            Person(
                full_name=f"Nguyễn Văn {index}",
                given_name=str(index),
                sex=Sex.MALE,
                employment_group=EmploymentGroup.CBCCVC,
                unit=bodies[index % units],
            )
            for index in range(start, min(start + batch, people))
        )
        ratings, awards, initiatives, disciplines, reviews = [], [], [], [], []
        for person in created:
            for year in YEARS:
                rating = rng.choice(RATINGS)
                ratings.append(TaskRating(person=person, year=year, rating=rating))
                if year < 2025 and rating in ("htxs", "httnv"):
                    awards.append(AwardRecord(person=person, year=year, code="lao_dong_tien_tien"))
                if rng.random() < 0.15:
                    initiatives.append(
                        InitiativeRecord(person=person, year=year, title="Sáng kiến", scope="co_so")
                    )
            if rng.random() < 0.03:
                disciplines.append(
                    DisciplineRecord(person=person, measure="khien_trach", start=date(2025, 3, 1))
                )
            if rng.random() < 0.01:
                reviews.append(PendingReview(person=person, kind="complaint", opened=date(2025, 10, 1)))
        TaskRating.objects.bulk_create(ratings, batch_size=batch)
        AwardRecord.objects.bulk_create(awards, batch_size=batch)
        InitiativeRecord.objects.bulk_create(initiatives, batch_size=batch)
        DisciplineRecord.objects.bulk_create(disciplines, batch_size=batch)
        PendingReview.objects.bulk_create(reviews, batch_size=batch)
    for body in bodies[:10]:
        TaskRating.objects.create(unit=body, year=2025, rating="httnv")
    return commune


FLOOR_SQL = [
    "SELECT p.id, p.full_name, p.employment_group, p.unit_id, u.name, p.household_id FROM orgs_person p "
    "JOIN orgs_orgunit u ON u.id = p.unit_id WHERE u.path LIKE %s",
    "SELECT r.person_id, r.unit_id, r.household_id, r.year, r.rating FROM commendations_taskrating r "
    "LEFT JOIN orgs_person p ON p.id = r.person_id LEFT JOIN orgs_orgunit pu ON pu.id = p.unit_id "
    "LEFT JOIN orgs_orgunit u ON u.id = r.unit_id WHERE (pu.path LIKE %s OR u.path LIKE %s) AND r.year <= 2025",
    "SELECT r.person_id, r.unit_id, r.household_id, r.year, r.code, r.award_type, r.decision_number, "
    "r.decision_date, r.issuer FROM commendations_awardrecord r LEFT JOIN orgs_person p ON p.id = r.person_id "
    "LEFT JOIN orgs_orgunit pu ON pu.id = p.unit_id LEFT JOIN orgs_orgunit u ON u.id = r.unit_id "
    "WHERE (pu.path LIKE %s OR u.path LIKE %s) AND r.year <= 2025",
    "SELECT r.person_id, r.unit_id, r.household_id, r.year, r.scope, r.used_for, r.title "
    "FROM commendations_initiativerecord r LEFT JOIN orgs_person p ON p.id = r.person_id "
    "LEFT JOIN orgs_orgunit pu ON pu.id = p.unit_id LEFT JOIN orgs_orgunit u ON u.id = r.unit_id "
    "WHERE (pu.path LIKE %s OR u.path LIKE %s) AND r.year <= 2025",
    'SELECT r.person_id, r.unit_id, r.household_id, r.measure, r.start, r."end" FROM commendations_disciplinerecord r '
    "LEFT JOIN orgs_person p ON p.id = r.person_id LEFT JOIN orgs_orgunit pu ON pu.id = p.unit_id "
    "LEFT JOIN orgs_orgunit u ON u.id = r.unit_id WHERE (pu.path LIKE %s OR u.path LIKE %s)",
    "SELECT r.person_id, r.unit_id, r.household_id FROM commendations_pendingreview r "
    "LEFT JOIN orgs_person p ON p.id = r.person_id LEFT JOIN orgs_orgunit pu ON pu.id = p.unit_id "
    "LEFT JOIN orgs_orgunit u ON u.id = r.unit_id WHERE (pu.path LIKE %s OR u.path LIKE %s) AND r.closed IS NULL",
]


def floor(commune) -> float:
    """Best of three: the same records by raw SQL, fetched, nothing built."""
    best = float("inf")
    like = commune.path + "%"
    for _ in range(3):
        start = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in FLOOR_SQL:
                cursor.execute(sql, [like] * sql.count("%s"))
                cursor.fetchall()
        best = min(best, time.perf_counter() - start)
    return best


def run(commune, targets=TARGETS):
    loaded = evaluation.load_commune(commune, year=2025, as_of=AS_OF)
    return evaluation.evaluate(loaded, ruleset_for(AS_OF), targets=targets, today=AS_OF)


def measure(benchmark, commune, people, limit, targets=TARGETS):
    with CaptureQueriesContext(connection) as queries:
        rows = run(commune, targets)
    load_queries = [q for q in queries.captured_queries if "ruleoverride" not in q["sql"]]
    assert len(load_queries) == LOAD_QUERIES, [q["sql"][:80] for q in queries.captured_queries]
    assert sum(1 for row in rows if row.info.kind == "person") == people * len(targets)
    result = benchmark.pedantic(run, args=(commune, targets), rounds=3, iterations=1)
    assert len(result) == len(rows)
    best = benchmark.stats.stats.min
    base = floor(commune)
    benchmark.extra_info.update(
        people=people,
        targets=len(targets),
        queries=LOAD_QUERIES,
        seconds=round(best, 3),
        floor_seconds=round(base, 3),
        ratio_to_floor=round(best / base, 1),
        vendor=connection.vendor,
    )
    print(
        f"\n{people} people × {len(targets)} targets on {connection.vendor}: {best:.3f} s, floor {base:.3f} s, ratio {best / base:.1f}"
    )
    assert best <= limit, f"{best:.2f} s > {limit} s"


def test_5000_people_five_years(benchmark, admin_user):
    commune = build(admin_user, 5000)
    measure(benchmark, commune, 5000, 2.0)


def test_5000_people_every_individual_target(benchmark, admin_user):
    commune = build(admin_user, 5000)
    measure(benchmark, commune, 5000, 4.0, targets=evaluation.PERSON_TARGETS)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL"), reason="100,000 people only on PostgreSQL (DATABASE_URL)"
)
def test_100000_people_postgresql(benchmark, admin_user):
    commune = build(admin_user, 100_000, units=400)
    measure(benchmark, commune, 100_000, 30.0)
