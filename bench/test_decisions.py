"""Decisions and certificates (issue #6, "Numbers"), each against a floor measured in the same run.

Targets: a decision with 1,000 recipients as .docx ≤ 2 s and as PDF ≤ 10 s; 1,000 certificates as one
PDF ≤ 60 s (the background task's work: layout in chunks with a progress update after each, then joined).

Floors: the Decree 30 renderer on a one-page decision (no annex); LibreOffice converting that one-page
.docx; WeasyPrint laying out one certificate. The decision is built in memory (bench/decisions_data.py) so
the figures are the documents' cost, not the database's. Figures: bench/decisions.md.
"""

import sys
import time
from pathlib import Path

import pytest

from thidua.decisions import certificates, documents
from thidua.documents.render import render_docx, render_pdf
from thidua.documents.render.pdf import find_soffice

sys.path.insert(0, str(Path(__file__).resolve().parent))
from decisions_data import decision as build_decision

pytestmark = pytest.mark.django_db
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def best_of(function, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def report(benchmark, floor: float, limit: float | None, **info) -> None:
    best = benchmark.stats.stats.min
    benchmark.extra_info.update(
        seconds=round(best, 4),
        floor_seconds=round(floor, 4),
        ratio_to_floor=round(best / floor, 1),
        target_seconds=limit,
        **info,
    )
    print(f"\n{benchmark.name}: {best:.3f} s, floor {floor:.4f} s, ratio {best / floor:.1f}")
    if limit is not None:
        assert best <= limit, f"{best:.2f} s > {limit} s"


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
    report(benchmark, floor, 2.0, recipients=1000)


@needs_soffice
def test_decision_1000_pdf(benchmark):
    decision, entries = build_decision(1000)

    def work():
        return render_pdf(documents.render_docx_fast(documents.decision_spec(decision, entries)))

    data = benchmark.pedantic(work, rounds=1, iterations=1, warmup_rounds=0)
    assert data.startswith(b"%PDF")
    one_page = render_docx(one_page_spec())
    floor = best_of(lambda: render_pdf(one_page), rounds=2)
    report(benchmark, floor, 10.0, recipients=1000)


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
    report(benchmark, floor, 60.0, certificates=1000, bytes=len(data))
