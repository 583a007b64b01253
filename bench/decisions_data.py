"""An in-memory decision of N recipients (no database rows): people with varied Vietnamese names in a few
units, three titles, a few collectives; register entries with tokens. Used by bench/test_decisions.py."""

from __future__ import annotations

import datetime
import itertools

from thidua.decisions.choices import DecisionKind, DecisionStatus
from thidua.decisions.models import Decision, DecisionEntry, RewardRegisterEntry, new_token
from thidua.nominations.models import Nomination, ReviewRound
from thidua.orgs.models import OrgUnit, Person

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc"]
GIVEN = ["An", "Ánh", "Bình", "Chi", "Dũng", "Đào", "Giang", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Yến"]
CODES = [
    ("lao_dong_tien_tien", 760000),
    ("chien_si_thi_dua_co_so", 2530000),
    ("giay_khen_chu_tich_xa", 760000),
]


def decision(recipients: int = 1000) -> tuple[Decision, list[DecisionEntry]]:
    province = OrgUnit(pk=900001, name="Tỉnh Bắc Ninh", kind="province", path="900001/", depth=0, code="BN")
    commune = OrgUnit(
        pk=900002,
        name="Xã Cẩm Giang",
        kind="commune",
        parent=province,
        path="900001/900002/",
        depth=1,
        code="CG",
    )
    units = [
        OrgUnit(
            pk=900010 + i,
            name=f"Thôn {name}",
            kind="village",
            parent=commune,
            path=f"900001/900002/{i}/",
            code=f"T{i}",
        )
        for i, name in enumerate(["Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Cầu"])
    ]
    review_round = ReviewRound(
        pk=900001,
        commune=commune,
        year=2024,
        name="Bình xét 2024",
        nominations_due=datetime.date(2024, 12, 1),
    )
    day = datetime.date(2025, 1, 15)
    decision = Decision(
        pk=900001,
        review_round=review_round,
        kind=DecisionKind.DECISION,
        status=DecisionStatus.ISSUED,
        title="Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm 2024",
        decided_on=day,
        signer_name="Vương Đức Dũng",
        number_text="05/QĐ-UBND",
        legal_bases="Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;\nCăn cứ kết quả bình xét của Hội đồng.",
    )
    names = itertools.cycle(itertools.product(GIVEN, MIDDLE, FAMILY))
    entries = []
    for index in range(recipients):
        code, amount = CODES[index % 3] if index % 50 else ("tap_the_lao_dong_tien_tien", 2030000)
        nomination = Nomination(
            pk=900000 + index, review_round=review_round, code=code, position="Chuyên viên"
        )
        if code == "tap_the_lao_dong_tien_tien":
            nomination.unit = units[index % len(units)]
        else:
            given, middle, family = next(names)
            nomination.person = Person(
                pk=900000 + index, full_name=f"{family} {middle} {given}", unit=units[index % 8]
            )
        entry = DecisionEntry(pk=900000 + index, decision=decision, nomination=nomination, amount=amount)
        entry.register = RewardRegisterEntry(
            commune=commune, year=2025, number=index + 1, entry=entry, token=new_token()
        )
        entries.append(entry)
    return decision, entries
