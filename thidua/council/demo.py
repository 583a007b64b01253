"""Demo data of this app (called by `thidua demo` after the nominations demo); safe to run again.

The Hội đồng Thi đua - Khen thưởng of xã Cẩm Giang: nine members (the chairman of the commune chairs it
with the demo login ``chutich``; ``hoidong`` is a member), the default vote thresholds, and

- for the nominations demo's 2024 round (window over): a counted session with realistic ballots: eight
  members present, one voting in writing; most candidates pass, one CSTĐCS fails with 7 of 9 votes;
- for the 2025 round: a session scheduled (draft).

What does not exist yet (the commune, the rounds) is skipped quietly.
"""

from __future__ import annotations

import random
from datetime import date, time

from thidua.accounts.models import User
from thidua.core.vietnamese.calendar import WorkCalendar
from thidua.council import selectors, services
from thidua.council.choices import Attendance, Channel, Choice, MemberRole, SessionStatus
from thidua.council.models import Council, CouncilSession
from thidua.nominations.choices import NominationStatus, RoundKind, RoundStatus
from thidua.nominations.models import ReviewRound
from thidua.orgs import services as org_services
from thidua.orgs.choices import EmploymentGroup, Sex
from thidua.orgs.models import OrgUnit, Person

COMMUNE_CODE = "HP-CG"
PLACE = "Hội trường UBND xã Cẩm Giang"
CSTDCS = "chien_si_thi_dua_co_so"
# full name, sex, position, role in the council, demo login
MEMBERS = [
    ("Nguyễn Văn Thắng", Sex.MALE, "Chủ tịch UBND xã", MemberRole.CHAIR, "chutich"),
    ("Trần Thị Thu Hà", Sex.FEMALE, "Phó Chủ tịch UBND xã", MemberRole.VICE_CHAIR, None),
    ("Lê Văn Quang", Sex.MALE, "Chủ tịch Ủy ban MTTQ Việt Nam xã", MemberRole.STANDING, None),
    ("Phạm Thị Ngọc", Sex.FEMALE, "Trưởng Phòng Văn hóa - Xã hội", MemberRole.MEMBER, "hoidong"),
    ("Đỗ Minh Tuấn", Sex.MALE, "Trưởng Phòng Kinh tế", MemberRole.MEMBER, None),
    ("Vũ Thị Hằng", Sex.FEMALE, "Chủ tịch Hội Liên hiệp Phụ nữ xã", MemberRole.MEMBER, None),
    ("Hoàng Văn Dũng", Sex.MALE, "Bí thư Đoàn Thanh niên xã", MemberRole.MEMBER, None),
    ("Bùi Văn Khánh", Sex.MALE, "Chủ tịch Hội Nông dân xã", MemberRole.MEMBER, None),
    ("Ngô Thị Phương", Sex.FEMALE, "Công chức Văn phòng HĐND-UBND xã", MemberRole.SECRETARY, None),
]
WRITTEN_MEMBER = "Bùi Văn Khánh"


def build(actor) -> None:
    commune = OrgUnit.objects.filter(code=COMMUNE_CODE).first()
    if commune is None:
        return
    council = Council.objects.filter(commune=commune).first() or _council(actor, commune)
    round_2024 = ReviewRound.objects.filter(commune=commune, year=2024, kind=RoundKind.YEAR_END).first()
    if round_2024 is not None and not CouncilSession.objects.filter(review_round=round_2024).exists():
        _session_2024(actor, council, round_2024)
    round_2025 = ReviewRound.objects.filter(commune=commune, year=2025, kind=RoundKind.YEAR_END).first()
    if round_2025 is not None and not CouncilSession.objects.filter(review_round=round_2025).exists():
        held_on = _after_window(round_2025) or date(2026, 1, 15)
        services.session_create(
            actor=actor,
            council=council,
            review_round=round_2025,
            held_on=held_on,
            place=PLACE,
            starts_at=time(8),
        )


def _council(actor, commune) -> Council:
    council = services.council_create(
        actor=actor, data={"commune": commune, "name": "Hội đồng Thi đua - Khen thưởng xã Cẩm Giang"}
    )
    for full_name, sex, position, role, username in MEMBERS:
        person = Person.objects.filter(
            full_name=full_name, unit=commune
        ).first() or org_services.person_create(
            actor=actor,
            data={
                "full_name": full_name,
                "sex": sex,
                "position": position,
                "employment_group": EmploymentGroup.CBCCVC,
                "unit": commune,
            },
        )
        user = User.objects.filter(username=username).first() if username else None
        services.member_add(
            actor=actor,
            council=council,
            data={
                "person": person,
                "user": user,
                "role": role,
                "position": position,
                "active_from": date(2024, 1, 1),
            },
        )
    return council


def _after_window(review_round: ReviewRound) -> date | None:
    if review_round.disclosure_ends_on is None:
        return None
    return WorkCalendar().add_working_days(review_round.disclosure_ends_on, 1)


def _session_2024(actor, council: Council, review_round: ReviewRound) -> None:
    held_on = _after_window(review_round)
    disclosed = review_round.nominations.filter(status=NominationStatus.DISCLOSED)
    if held_on is None or review_round.status != RoundStatus.DISCLOSED or not disclosed.exists():
        return
    if held_on >= date.today():
        return  # the window is not over yet
    session = services.session_create(
        actor=actor,
        council=council,
        review_round=review_round,
        held_on=held_on,
        place=PLACE,
        starts_at=time(14),
    )
    rows = selectors.attendance_rows(session)
    written = next(row.member for row in rows if row.member.person.full_name == WRITTEN_MEMBER)
    services.attendance_set(actor=actor, session=session, member=written, status=Attendance.WRITTEN)
    services.session_open(actor=actor, session=session)
    _vote(actor, session, [row.member for row in rows], written)
    session = services.session_close(actor=actor, session=session)
    CouncilSession.objects.filter(pk=session.pk).update(ends_at=time(16, 30))
    services.session_count(actor=actor, session=session)


def _vote(actor, session, members, written) -> None:
    """Most candidates pass; the second CSTĐCS candidate gets 7 of 9 (80% of 9 needs 8)."""
    rng = random.Random(2024)
    items = selectors.agenda(session)
    cstdcs = [item for item in items if item.nomination.code == CSTDCS]
    failing = cstdcs[1] if len(cstdcs) > 1 else (cstdcs[0] if cstdcs else None)
    agree_count = {}
    for item in items:
        if item is failing:
            agree_count[item.pk] = 7
        elif item.nomination.code == CSTDCS:
            agree_count[item.pk] = rng.choice([8, 9, 9])
        else:
            agree_count[item.pk] = rng.choice([7, 8, 9, 9])
    agreeing = {item.pk: set(rng.sample(range(len(members)), agree_count[item.pk])) for item in items}
    for index, member in enumerate(members):
        choices = {item.pk: Choice.AGREE if index in agreeing[item.pk] else Choice.DISAGREE for item in items}
        if member.pk == written.pk:
            services.written_ballot_enter(actor=actor, session=session, member=member, choices=choices)
        else:
            # A past session: members voted on their phones at the meeting (most have no demo login).
            session.refresh_from_db()
            assert session.status == SessionStatus.OPEN
            services._write_ballot(session, member, choices, Channel.PHONE)
