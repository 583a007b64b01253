"""Commendation records 2023–2025 for the Cẩm Giang demo (run after ``orgs.demo`` and ``accounts.demo``).

Illustrative data from a fixed seed, shaped so the 2025 commune table shows a realistic mix:
mostly "completed well", some "excellent" within the 20% cap, a few "completed", two "not completed";
Advanced Worker titles for many in 2023–2024, some base-level emulation fighters, a few advanced
collectives; initiatives (one already used for an award, one province-wide); one reprimand, one
warning, one pending complaint and a newcomer who joined in September 2025.
"""

import random
from datetime import date

from django.db import transaction

from thidua.commendations import services
from thidua.commendations.models import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    TaskRating,
)
from thidua.orgs import services as orgs_services
from thidua.orgs.models import Household, Membership, OrgUnit, Person

YEARS = (2023, 2024, 2025)
STAFF_KINDS = ("department", "school", "clinic", "mass_org")
LDTT, CSTDCS, TTLDTT = "lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien"
FORMER_ISSUER = {  # before the July 2025 merger the district granted CSTĐCS and TTLĐTT
    LDTT: "Chủ tịch UBND thị trấn Cẩm Giang",
    CSTDCS: "Chủ tịch UBND huyện Cẩm Giàng",
    TTLDTT: "Chủ tịch UBND huyện Cẩm Giàng",
    "thon_van_hoa": "Chủ tịch UBND huyện Cẩm Giàng",
    "gia_dinh_van_hoa": "Chủ tịch UBND thị trấn Cẩm Giang",
}


class Numbers:
    """Decision numbers per year, as the registry would give them."""

    def __init__(self):
        self.next = dict.fromkeys(YEARS, 12)

    def decision(self, year: int, code: str) -> tuple[str, date, str]:
        self.next[year] += 1
        suffix = "QĐ-UBND"
        return (
            f"{self.next[year]:02d}/{suffix}",
            date(year + 1, 1, 10 + self.next[year] % 15),
            FORMER_ISSUER[code],
        )


def _ratings(rng: random.Random, people: list[Person], stars: set[int]) -> dict[int, str]:
    """One unit-year: HTXS for the unit's stars within the 20% cap, a few HT, the rest HTTNV."""
    ratings = {person.pk: "httnv" for person in people}
    completed = [person.pk for person in people if person.pk not in stars]
    for pk in rng.sample(completed, k=len(people) // 8):
        ratings[pk] = "ht"
    well = sum(1 for value in ratings.values() if value == "httnv")
    room = 0
    for pk in sorted(stars & set(ratings)):
        if (room + 1) * 5 <= well - room - 1:
            ratings[pk] = "htxs"
            room += 1
    return ratings


def _within_cap(ratings: dict[int, str]) -> None:
    """Demote excellent ratings until they are at most 20% of the "completed well" ones."""
    for pk in sorted(ratings, reverse=True):
        excellent = sum(1 for value in ratings.values() if value == "htxs")
        well = sum(1 for value in ratings.values() if value == "httnv")
        if excellent * 5 <= well:
            return
        if ratings[pk] == "htxs":
            ratings[pk] = "httnv"


@transaction.atomic
def build(actor) -> dict[str, int]:
    commune = OrgUnit.objects.filter(code="HP-CG").first()
    if commune is None:
        return {}
    if TaskRating.objects.filter(person__unit__path__startswith=commune.path).exists():
        return {"ratings": TaskRating.objects.filter(person__unit__path__startswith=commune.path).count()}
    rng = random.Random(2025)
    numbers = Numbers()

    def add(model, **data):
        return services.record_create(actor=actor, model=model, data=data)

    def award(subject_field, subject, year, code, award_type="cong_trang"):
        number, day, issuer = numbers.decision(year, code)
        add(
            AwardRecord,
            **{subject_field: subject},
            year=year,
            code=code,
            award_type=award_type,
            decision_number=number,
            decision_date=day,
            issuer=issuer,
        )

    units = list(OrgUnit.objects.filter(path__startswith=commune.path, kind__in=STAFF_KINDS).order_by("path"))
    staff = {
        unit.pk: list(Person.objects.filter(unit=unit, employment_group="cbccvc").order_by("pk"))
        for unit in units
    }
    everyone = [person for people in staff.values() for person in people]
    stars = {people[1].pk for people in staff.values() if len(people) >= 6}
    by_name = {unit.code: unit for unit in units}

    # Special cases for 2025 (by position in the seeded lists, so the demo is the same every time).
    vhxh = staff[by_name["HP-CG-VHXH"].pk]
    reprimanded, warned = vhxh[2], staff[by_name["HP-CG-THCS"].pk][4]
    complainant = staff[by_name["HP-CG-PKT"].pk][3]
    not_completed = [staff[by_name["HP-CG-THCG"].pk][7], staff[by_name["HP-CG-MNCG"].pk][6]]
    newcomer = staff[by_name["HP-CG-HCC"].pk][-1]
    initiative_holder = vhxh[3]

    for year in YEARS:
        for unit in units:
            ratings = _ratings(rng, staff[unit.pk], stars)
            if year == 2025:
                ratings.update({person.pk: "kht" for person in not_completed if person.pk in ratings})
                ratings.update({person.pk: "ht" for person in (reprimanded, warned) if person.pk in ratings})
                if newcomer.pk in ratings:
                    ratings[newcomer.pk] = "httnv"
            _within_cap(ratings)
            for person in staff[unit.pk]:
                rating = ratings[person.pk]
                add(TaskRating, person=person, year=year, rating=rating)
                if year == 2025:
                    continue
                if rating == "htxs" and rng.random() < 0.8:
                    award("person", person, year, LDTT)
                    award("person", person, year, CSTDCS)
                elif rating in ("htxs", "httnv") and rng.random() < 0.85:
                    award("person", person, year, LDTT)

    # Collectives: the bodies rated by the commune; TTLĐTT for a few in 2023–2024.
    for year in YEARS:
        for index, unit in enumerate(units):
            rating = (
                "htxs" if unit.code in ("HP-CG-THCG", "HP-CG-TYT") else ("ht" if index % 7 == 5 else "httnv")
            )
            add(TaskRating, unit=unit, year=year, rating=rating)
            if year < 2025 and rating != "ht" and rng.random() < 0.45:
                award("unit", unit, year, TTLDTT)
    villages = list(OrgUnit.objects.filter(path__startswith=commune.path, kind="village").order_by("path"))
    for year in (2023, 2024):
        for village in villages[::2]:
            award("unit", village, year, "thon_van_hoa")
    households = list(Household.objects.filter(village__path__startswith=commune.path).order_by("code"))
    for year in (2023, 2024):
        for household in households:
            if rng.random() < 0.6:
                award("household", household, year, "gia_dinh_van_hoa")

    # Initiatives: base-level ones, one already used for a 2024 CSTĐCS, one province-wide.
    used_by = next(person for person in everyone if person.pk in stars)
    add(
        InitiativeRecord,
        person=used_by,
        year=2024,
        title="Số hóa hồ sơ một cửa bằng mã QR",
        scope="co_so",
        used_for=CSTDCS,
        recognition="Quyết định 31/QĐ-UBND ngày 20/01/2025",
    )
    add(
        InitiativeRecord,
        person=used_by,
        year=2025,
        title="Quy trình tiếp nhận hồ sơ khen thưởng trực tuyến",
        scope="tinh",
        recognition="Quyết định 112/QĐ-HĐSK ngày 18/11/2025 của Hội đồng sáng kiến tỉnh",
    )
    add(
        InitiativeRecord,
        person=initiative_holder,
        year=2025,
        title="Sổ tay tuyên truyền Bình dân học vụ số",
        scope="co_so",
        recognition="Quyết định 96/QĐ-UBND ngày 10/11/2025",
    )
    for person in rng.sample(everyone, 3):
        if person not in (reprimanded, warned, used_by, initiative_holder):
            add(
                InitiativeRecord,
                person=person,
                year=2024,
                title="Cải tiến sổ theo dõi công việc",
                scope="co_so",
            )

    add(
        DisciplineRecord,
        person=reprimanded,
        measure="khien_trach",
        start=date(2025, 3, 10),
        end=date(2026, 3, 9),
        decision_number="18/QĐ-UBND",
        reason="Chậm giải quyết hồ sơ quá hạn",
    )
    add(
        DisciplineRecord,
        person=warned,
        measure="canh_cao",
        start=date(2025, 5, 5),
        end=date(2026, 5, 4),
        decision_number="07/QĐ-THCS",
        reason="Vi phạm quy định dạy thêm",
    )
    add(
        PendingReview,
        person=complainant,
        kind="complaint",
        opened=date(2025, 11, 20),
        note="Đơn khiếu nại về kết quả bình xét đang được xác minh",
    )
    if not Membership.objects.filter(person=newcomer).exists():
        orgs_services.membership_save(
            actor=actor,
            membership=Membership(person=newcomer),
            data={"unit": newcomer.unit, "position": newcomer.position, "valid_from": date(2025, 9, 1)},
        )
    return {"ratings": TaskRating.objects.filter(person__unit__path__startswith=commune.path).count()}
