"""Excel import of ratings and awards: all or nothing, problems by row and column."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from thidua.commendations.imports import AwardImporter, RatingImporter
from thidua.commendations.models import AwardRecord, TaskRating

pytestmark = pytest.mark.django_db
HEADERS = ["Kind", "Code", "Full name", "Year", "Rating", "Note"]


def xlsx(rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "ratings.xlsx"
    return buffer


@pytest.fixture
def staff(tree, make_person):
    return [
        make_person(tree["department_a"], "Nguyễn Văn An"),
        make_person(tree["department_a"], "Trần Thị Bình"),
    ]


def run(importer_class, upload, user, update=False):
    with translation.override("en"):
        return importer_class(user=user, update_existing=update).run(upload)


def test_good_file_imports_every_row(staff, users):
    upload = xlsx(
        [
            ["person", "A-D", "Nguyễn Văn An", 2025, "htxs", ""],
            ["individual", "A-D", "trần thị bình", "2025", "Completed duties well", "ghi chú"],
            ["collective", "A-D", "", 2025, "httnv", ""],
        ]
    )
    report = run(RatingImporter, upload, users["commune_officer"])
    assert report.ok, report.problems
    assert report.created == 3
    assert TaskRating.objects.get(person=staff[1]).rating == "httnv"
    assert TaskRating.objects.get(person=staff[0]).history.first().history_user == users["commune_officer"]


def test_bad_input_writes_nothing(staff, users, tree):
    TaskRating.objects.create(person=staff[0], year=2024, rating="ht")
    upload = xlsx(
        [
            ["person", "A-D", "Nguyễn Văn An", 2025, "htxs", ""],  # fine
            ["person", "A-D", "Nguyễn Văn An", 2025, "ht", ""],  # same person and year twice
            ["person", "A-D", "Nguyễn Văn An", 2024, "ht", ""],  # already recorded
            ["person", "A-D", "Không Có Ai", 2025, "ht", ""],  # unknown person
            ["collective", "B-V", "", 2025, "ht", ""],  # other commune
            ["person", "A-D", "Trần Thị Bình", 2999, "ht", ""],  # future year
            ["person", "A-D", "Trần Thị Bình", 2025, "xuất sắc lắm", ""],  # unknown rating
        ]
    )
    report = run(RatingImporter, upload, users["commune_officer"])
    assert not report.ok
    assert [problem.row for problem in report.problems] == [3, 4, 5, 6, 7, 8]
    assert TaskRating.objects.count() == 1


def test_update_existing_replaces(staff, users):
    TaskRating.objects.create(person=staff[0], year=2024, rating="ht")
    report = run(
        RatingImporter,
        xlsx([["person", "A-D", "Nguyễn Văn An", 2024, "httnv", ""]]),
        users["commune_officer"],
        update=True,
    )
    assert report.ok and report.updated == 1
    assert TaskRating.objects.get(person=staff[0]).rating == "httnv"


def test_awards_import_with_unknown_title(staff, users):
    headers = [
        "Kind",
        "Code",
        "Full name",
        "Year",
        "Title or form",
        "Award type",
        "Decision number",
        "Decision date",
        "Issued by",
    ]
    good = [
        "person",
        "A-D",
        "Nguyễn Văn An",
        2024,
        "Lao động tiên tiến",
        "",
        "12/QĐ-UBND",
        "15/01/2025",
        "Chủ tịch UBND xã",
    ]
    bad = ["person", "A-D", "Nguyễn Văn An", 2024, "Huân chương Mặt Trời", "", "", "", ""]
    report = run(AwardImporter, xlsx([good, bad], headers), users["commune_officer"])
    assert [(problem.row, problem.column) for problem in report.problems] == [(3, "Title or form")]
    assert not AwardRecord.objects.exists()
    report = run(AwardImporter, xlsx([good], headers), users["commune_officer"])
    assert report.ok and AwardRecord.objects.get().code == "lao_dong_tien_tien"


def test_import_page(client, users, staff):
    client.force_login(users["commune_officer"])
    url = reverse("commendations:rating_import")
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": xlsx([["person", "A-D", "Nguyễn Văn An", 2025, "htxs", ""]])})
    assert response.status_code == 302
    assert TaskRating.objects.filter(person=staff[0], year=2025).exists()
