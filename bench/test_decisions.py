"""Decisions and certificates (issue #6, "Numbers"), each against a floor measured in the same run.

Targets: a decision with 1,000 recipients as .docx ≤ 2 s and as PDF ≤ 10 s; 1,000 certificates as one
PDF ≤ 60 s (the background task's work: layout in chunks with a progress update after each, then joined).

Floors: the Decree 30 renderer on a one-page decision (no annex); LibreOffice converting that one-page
.docx; WeasyPrint laying out one certificate. The decision is built in memory (``build_decision`` below) so
the figures are the documents' cost, not the database's. Figures: bench/decisions.md.
"""

# --- An in-memory decision of N recipients (no database rows) ------------------------------------------
import datetime
import itertools

import pytest
from timing import best_of, record

from thidua.decisions import certificates, documents
from thidua.decisions.choices import DecisionKind, DecisionStatus
from thidua.decisions.models import Decision, DecisionEntry, RewardRegisterEntry, new_token
from thidua.documents.render import render_docx, render_pdf
from thidua.documents.render.pdf import find_soffice
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


def build_decision(recipients: int = 1000) -> tuple[Decision, list[DecisionEntry]]:
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


pytestmark = pytest.mark.django_db
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def one_page_spec():
    decision, entries = build_decision(1)
    spec = documents.decision_spec(decision, entries)
    spec.annexes = []
    return spec


def test_decision_1000_docx(benchmark):
    decision, entries = build_decision(1000)

    def work():
        return documents.render_docx_fast(documents.decision_spec(decision, entries))

    data = benchmark.pedantic(work, rounds=3, iterations=1, warmup_rounds=1)
    assert data.startswith(b"PK")
    spec = one_page_spec()
    floor = best_of(lambda: render_docx(spec), rounds=5)
    record(benchmark, benchmark.name, floor, 2.0, recipients=1000)


@needs_soffice
def test_decision_1000_pdf(benchmark):
    decision, entries = build_decision(1000)

    def work():
        return render_pdf(documents.render_docx_fast(documents.decision_spec(decision, entries)))

    data = benchmark.pedantic(work, rounds=1, iterations=1, warmup_rounds=0)
    assert data.startswith(b"%PDF")
    one_page = render_docx(one_page_spec())
    floor = best_of(lambda: render_pdf(one_page), rounds=2)
    record(benchmark, benchmark.name, floor, 10.0, recipients=1000)


def test_certificates_1000_pdf(benchmark):
    decision, entries = build_decision(1000)
    from thidua.decisions.services import rules_at

    rules = rules_at(decision.review_round, decision.decided_on)
    progress: list[int] = []

    def work():
        progress.clear()
        items = [
            certificates.certificate_for(e, decision, "https://thidua.camgiang.gov.vn", rules)
            for e in entries
        ]
        return certificates.render_pdf(items, progress=progress.append)

    data = benchmark.pedantic(work, rounds=1, iterations=1, warmup_rounds=0)
    assert data.startswith(b"%PDF") and progress[-1] == 1000 and len(progress) == 10
    one = [certificates.certificate_for(entries[0], decision, "https://thidua.camgiang.gov.vn", rules)]
    floor = best_of(lambda: certificates.render_pdf(one), rounds=3)
    record(benchmark, benchmark.name, floor, 60.0, certificates=1000, bytes=len(data))
