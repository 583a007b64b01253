"""Plan reading, Decree 30 rendering and the number registry (issue #3, "Numbers"), each against a floor.

Targets: parsing the seed ≤ 0.5 s; a 30-page plan ≤ 3 s; rendering the plan .docx ≤ 1 s and PDF ≤ 5 s;
issuing 100 numbers from 10 threads on PostgreSQL gives 100 distinct consecutive numbers.

Each case measures a floor in the same run — the least work of the same kind (reading the raw file,
python-docx saving an empty document, LibreOffice converting a one-line .docx, plain inserts of 100 rows) —
and reports ``ratio_to_floor`` in ``extra_info``. Figures: bench/README.md.
"""

import io
import os
import sys
import threading
from pathlib import Path

import pytest
from django.db import connections
from docx import Document
from timing import best_of, record

from thidua.campaigns.reader import read_plan_bytes, read_plan_file, read_plan_text
from thidua.documents.models import DocumentNumber
from thidua.documents.render import plan_spec, render_docx, render_pdf
from thidua.documents.render.pdf import find_soffice
from thidua.documents.services import document_number_issue

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documents_plans import SEED, long_plan_docx, long_plan_text

needs_seed = pytest.mark.skipif(not SEED.is_file(), reason=f"the seed plan is not at {SEED}")


# --- reading --------------------------------------------------------------------------------------------


@needs_seed
def test_parse_seed(benchmark):
    reading = benchmark.pedantic(read_plan_file, args=(SEED,), rounds=10, iterations=1, warmup_rounds=1)
    assert reading["signer"]["name"] == "Vương Đức Dũng" and len(reading["assignments"]) == 7
    floor = best_of(lambda: SEED.read_text(encoding="utf-8"), rounds=20)
    record(benchmark, benchmark.name, floor, 0.5, characters=len(SEED.read_text(encoding="utf-8")))


@needs_seed
def test_parse_30_page_plan_txt(benchmark):
    text = long_plan_text(30)
    reading = benchmark.pedantic(read_plan_text, args=(text,), rounds=5, iterations=1, warmup_rounds=1)
    assert len(reading["assignments"]) >= 40 and reading["signer"]["name"] == "Vương Đức Dũng"
    floor = best_of(lambda: text.encode("utf-8").decode("utf-8").splitlines(), rounds=20)
    record(
        benchmark, benchmark.name, floor, 3.0, characters=len(text), assignments=len(reading["assignments"])
    )


@needs_seed
def test_parse_30_page_plan_docx(benchmark):
    data = long_plan_docx(30)
    reading = benchmark.pedantic(
        read_plan_bytes, args=(data, "ke-hoach-30-trang.docx"), rounds=5, iterations=1, warmup_rounds=1
    )
    assert len(reading["assignments"]) >= 40
    floor = best_of(lambda: [p.text for p in Document(io.BytesIO(data)).paragraphs], rounds=5)
    record(
        benchmark,
        benchmark.name,
        floor,
        3.0,
        bytes=len(data),
        floor_is="python-docx opening the file, paragraphs read",
    )


# --- rendering ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_plan() -> dict:
    if not SEED.is_file():
        pytest.skip(f"the seed plan is not at {SEED}")
    return read_plan_file(SEED)


def empty_docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def one_line_docx() -> bytes:
    document = Document()
    document.add_paragraph("Ủy ban nhân dân xã Cẩm Giang")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_render_plan_docx(benchmark, seed_plan):
    data = benchmark.pedantic(
        lambda: render_docx(plan_spec(seed_plan)), rounds=10, iterations=1, warmup_rounds=1
    )
    assert data.startswith(b"PK\x03\x04")
    floor = best_of(empty_docx, rounds=10)
    record(
        benchmark,
        benchmark.name,
        floor,
        1.0,
        bytes=len(data),
        floor_is="python-docx saving an empty document",
    )


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_render_plan_pdf(benchmark, seed_plan):
    docx = render_docx(plan_spec(seed_plan))
    pdf = benchmark.pedantic(render_pdf, args=(docx,), rounds=3, iterations=1, warmup_rounds=1)
    assert pdf.startswith(b"%PDF-")
    small = one_line_docx()
    floor = best_of(lambda: render_pdf(small), rounds=3)
    record(
        benchmark, benchmark.name, floor, 5.0, bytes=len(pdf), floor_is="soffice converting a one-line .docx"
    )


# --- the registry ---------------------------------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL"), reason="row locks are measured on PostgreSQL (DATABASE_URL)"
)
@pytest.mark.django_db(transaction=True)
def test_registry_100_numbers_from_10_threads(benchmark, tree, admin_user):
    commune = tree["commune_a"]
    years = iter(range(2100, 2200))

    def setup():
        return (next(years),), {}

    def issue_concurrently(year: int) -> list[int]:
        errors: list[BaseException] = []
        barrier = threading.Barrier(10)

        def worker():
            try:
                barrier.wait()
                for _ in range(10):
                    document_number_issue(
                        actor=admin_user, issuer=commune, kind="QĐ", symbol="QĐ-UBND", year=year
                    )
            except BaseException as error:
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        return sorted(
            DocumentNumber.objects.filter(issuer=commune, year=year).values_list("number", flat=True)
        )

    numbers = benchmark.pedantic(issue_concurrently, setup=setup, rounds=3, iterations=1)
    assert numbers == list(range(1, 101))  # 100 distinct consecutive numbers
    for year in range(2100, 2103):
        assert sorted(
            DocumentNumber.objects.filter(issuer=commune, year=year).values_list("number", flat=True)
        ) == list(range(1, 101))

    def plain_inserts():
        year = next(years)
        for number in range(1, 101):
            DocumentNumber.objects.create(
                issuer=commune, series="UBND", kind="QĐ", symbol="QĐ-UBND", year=year, number=number
            )

    floor = best_of(plain_inserts, rounds=3)
    record(
        benchmark,
        benchmark.name,
        floor,
        None,
        floor_is="100 plain inserts from one thread, no lock, no checks",
    )
