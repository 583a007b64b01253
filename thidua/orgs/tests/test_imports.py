"""CSV and Excel import of units, people and households: all or nothing, with a report of every problem."""

import csv
import io
import unicodedata
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from thidua.core.exports import export_response
from thidua.core.imports import header_key, in_every_language, read_table
from thidua.orgs import services
from thidua.orgs.choices import UnitKind
from thidua.orgs.exports import HOUSEHOLD_COLUMNS, ORGUNIT_COLUMNS, PERSON_COLUMNS
from thidua.orgs.imports import (
    HOUSEHOLD_SPEC,
    ORGUNIT_SPEC,
    PERSON_SPEC,
    HouseholdImporter,
    OrgUnitImporter,
    PersonImporter,
)
from thidua.orgs.models import Household, OrgUnit, Person

pytestmark = pytest.mark.django_db

UNIT_HEADER = [
    "Code",
    "Official name",
    "Short name",
    "Kind",
    "Parent code",
    "Valid from",
    "Valid to",
    "Address",
]
PERSON_HEADER = [
    "Full name",
    "Sex",
    "Date of birth",
    "Position",
    "Employment group",
    "Unit code",
    "Household code",
    "Relation to head",
    "Phone",
]
HOUSEHOLD_HEADER = ["Household code", "Village code", "Head of household", "Address"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The ``users`` fixture hashes six passwords; the production hasher makes that take seconds."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    """Messages and headers in the English source; the Vietnamese text lives in the catalogue."""
    with translation.override("en"):
        yield


def csv_upload(rows, name="import.csv", delimiter=",", bom=True):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    data = ("\ufeff" if bom else "") + buffer.getvalue()
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def xlsx_upload(rows, name="import.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def snapshot():
    return {
        "units": OrgUnit.objects.count(),
        "people": Person.objects.count(),
        "households": Household.objects.count(),
        "unit history": OrgUnit.history.count(),
        "person history": Person.history.count(),
        "household history": Household.history.count(),
    }


def triples(report):
    return [(problem.row, problem.column, problem.reason) for problem in report.problems]


def unit_row(code, name="Tổ mới", kind="Other", parent="A-V", valid_from="", valid_to="", address=""):
    return [code, name, "", kind, parent, valid_from, valid_to, address]


def person_row(name="Trần Thị Bình", unit="A-V", household="", relation="", sex="Female"):
    return [name, sex, "05/09/1990", "", "Resident (farmer, other)", unit, household, relation, "0912345678"]


# --- The columns are the export's ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "columns"),
    [(ORGUNIT_SPEC, ORGUNIT_COLUMNS), (PERSON_SPEC, PERSON_COLUMNS), (HOUSEHOLD_SPEC, HOUSEHOLD_COLUMNS)],
)
def test_import_columns_are_the_export_columns(spec, columns):
    assert spec.headers() == [str(label) for label, _accessor in columns]
    keys = [
        (column.field, header_key(text))
        for column in spec.columns
        for text in in_every_language(column.label)
    ]
    owners = {}
    for field_name, key in keys:
        assert owners.setdefault(key, field_name) == field_name, f"{key} names two columns"


# --- Units: a good file ------------------------------------------------------------------------------


def test_units_import_in_file_order_with_parents_from_the_file(admin_user, tree):
    upload = csv_upload(
        [
            UNIT_HEADER,
            unit_row("A-V-1", "Xóm Một", "Other", "A-V", "01/07/2025", "", "Thôn Đông"),
            unit_row("A-V-1-a", "Tổ 1a", "other", "A-V-1"),
        ]
    )
    report = OrgUnitImporter(user=admin_user).run(upload)
    assert triples(report) == []
    assert (report.created, report.updated) == (2, 0)
    child = OrgUnit.objects.get(code="A-V-1-a")
    assert child.parent.code == "A-V-1"
    assert child.path.startswith(tree["village_a"].path)
    assert OrgUnit.objects.get(code="A-V-1").valid_from == date(2025, 7, 1)
    assert child.history.first().history_user == admin_user


def test_semicolon_csv_with_vietnamese_headers_and_labels(admin_user, tree):
    with translation.override("vi"):
        header = [str(label) for label, _accessor in ORGUNIT_COLUMNS]
        kind = str(UnitKind.VILLAGE.label)
    header = [unicodedata.normalize("NFD", text.upper()) for text in header]  # accents, case, NFD: all fine
    upload = csv_upload([header, ["A-V2", "Thôn Nam", "", kind, "A", "", "", ""]], delimiter=";", bom=False)
    report = OrgUnitImporter(user=admin_user).run(upload)
    assert triples(report) == []
    assert OrgUnit.objects.get(code="A-V2").kind == UnitKind.VILLAGE


def test_nfd_text_is_stored_as_nfc(admin_user, tree):
    name = "Thôn Hồng Phúc"
    upload = xlsx_upload([UNIT_HEADER, unit_row("A-V3", unicodedata.normalize("NFD", name), parent="A")])
    report = OrgUnitImporter(user=admin_user).run(upload)
    assert triples(report) == []
    stored = OrgUnit.objects.get(code="A-V3").name
    assert stored == name
    assert unicodedata.is_normalized("NFC", stored)


# --- Units: bad files change nothing ------------------------------------------------------------


def run_failing(importer, upload, **options):
    before = snapshot()
    report = importer(**options).run(upload)
    assert not report.ok
    assert snapshot() == before
    assert (report.created, report.updated, report.unchanged) == (0, 0, 0)
    return triples(report)


def test_wrong_header(admin_user, tree):
    header = ["Cod", *UNIT_HEADER[1:]]
    problems = run_failing(OrgUnitImporter, csv_upload([header, unit_row("X1")]), user=admin_user)
    assert [(row, column) for row, column, _reason in problems] == [(1, "Cod"), (1, "Code")]
    assert problems[0][2].startswith("Unknown column “Cod”.")
    assert problems[1][2] == "The required column “Code” is missing."


def test_missing_required_column(admin_user, tree):
    header = [text for text in UNIT_HEADER if text != "Official name"]
    row = [value for index, value in enumerate(unit_row("X1")) if index != 1]
    problems = run_failing(OrgUnitImporter, csv_upload([header, row]), user=admin_user)
    assert problems == [(1, "Official name", "The required column “Official name” is missing.")]


def test_required_value_and_unknown_choice_are_reported_on_every_row(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("X1", name=""), unit_row("X2", kind="Castle"), unit_row("X3")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert [(row, column) for row, column, _reason in problems] == [(2, "Official name"), (3, "Kind")]
    assert problems[0][2] == "This value is required."
    assert problems[1][2].startswith("“Castle” is not one of: Province / city;")


def test_duplicate_code_inside_the_file(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("X1"), unit_row("X2"), unit_row("X1")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert problems == [(4, "Code", "The code X1 is repeated: it is already on row 2 of this file.")]


def test_duplicate_code_against_the_database(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("X1"), unit_row("A-D", parent="A")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert problems == [(3, "Code", "The code A-D is already used by an existing unit.")]


def test_unknown_parent_and_parent_later_in_the_file(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("X1", parent="NOPE"), unit_row("X2", parent="X3"), unit_row("X3")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert problems == [
        (2, "Parent code", "There is no unit with the code NOPE."),
        (
            3,
            "Parent code",
            "The parent X3 comes later in the file (row 4); put parents before their sub-units.",
        ),
    ]


def test_impossible_date(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("X1", valid_from="31/02/2025"), unit_row("X2", valid_from="soon")]
    problems = run_failing(OrgUnitImporter, xlsx_upload(rows), user=admin_user)
    assert problems[0] == (2, "Valid from", "Ngày 31/02/2025 không tồn tại")
    assert problems[1][:2] == (3, "Valid from")


def test_end_before_start(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("X1", valid_from="02/01/2025", valid_to="01/01/2025")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert problems == [(2, "Valid to", "The end date must not be before the start date.")]


def test_overlong_field(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("X" * 51), unit_row("X2", name="T" * 256)]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert problems == [
        (2, "Code", "At most 50 characters are allowed; this value has 51."),
        (3, "Official name", "At most 255 characters are allowed; this value has 256."),
    ]


def test_every_problem_of_the_file_is_reported_at_once(admin_user, tree):
    rows = [
        UNIT_HEADER,
        unit_row("X1", valid_from="30/02/2024"),
        unit_row("X2", parent="NOPE"),
        unit_row("X1"),
        unit_row("X4", kind=""),
    ]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert [(row, column) for row, column, _reason in problems] == [
        (2, "Valid from"),
        (3, "Parent code"),
        (4, "Code"),
        (5, "Kind"),
    ]


# --- Files that are not what they claim ----------------------------------------------------------


def test_a_non_spreadsheet_renamed_xlsx(admin_user, tree):
    pdf = SimpleUploadedFile("units.xlsx", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    assert run_failing(OrgUnitImporter, pdf, user=admin_user) == [
        (None, "", "The file is not a valid Excel workbook (.xlsx).")
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # a Word document is a zip too, without the workbook
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    docx = SimpleUploadedFile("units.xlsx", buffer.getvalue())
    assert run_failing(OrgUnitImporter, docx, user=admin_user) == [
        (None, "", "The file is not a valid Excel workbook (.xlsx).")
    ]


def test_a_damaged_workbook(admin_user, tree):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "not xml at all")
    problems = run_failing(OrgUnitImporter, SimpleUploadedFile("u.xlsx", buffer.getvalue()), user=admin_user)
    assert problems == [(None, "", "The file is not a valid Excel workbook (.xlsx).")]


def test_the_format_is_read_from_the_content_not_the_name(admin_user, tree):
    upload = xlsx_upload([UNIT_HEADER, unit_row("X1")], name="units.csv")
    report = OrgUnitImporter(user=admin_user).run(upload)
    assert triples(report) == []
    assert OrgUnit.objects.filter(code="X1").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "The file is empty."),
        (b"  \r\n", "The file is empty."),
        (b"\xef\xbb\xbf,,,\r\n", "The file is empty."),
    ],
)
def test_an_empty_file(admin_user, tree, content, reason):
    upload = SimpleUploadedFile("units.csv", content)
    assert run_failing(OrgUnitImporter, upload, user=admin_user) == [(None, "", reason)]


def test_a_header_without_rows(admin_user, tree):
    problems = run_failing(OrgUnitImporter, csv_upload([UNIT_HEADER]), user=admin_user)
    assert problems == [(1, "", "The file has a header row but no data rows.")]


def test_windows_1258_and_legacy_fonts_are_refused(admin_user, tree):
    text = "Code,Official name\r\nX1,Thôn Đông\r\n"
    ansi = SimpleUploadedFile("u.csv", text.encode("cp1258"))
    problems = run_failing(OrgUnitImporter, ansi, user=admin_user)
    assert problems[0][2].startswith("The file is not saved as UTF-8 text")
    tcvn3 = csv_upload([UNIT_HEADER, unit_row("X1", "Céng hoµ x· héi chñ nghÜa ViÖt Nam")])
    problems = run_failing(OrgUnitImporter, tcvn3, user=admin_user)
    assert problems[0][2].startswith("The text in this file is typed in the old TCVN3 font encoding")


def test_binary_named_csv_and_utf16_text(admin_user, tree):
    png = SimpleUploadedFile("units.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    assert run_failing(OrgUnitImporter, png, user=admin_user) == [
        (None, "", "The file is neither a CSV text file nor an Excel workbook (.xlsx).")
    ]
    text = "\t".join(UNIT_HEADER) + "\r\n" + "\t".join(unit_row("X1", "Tổ Một")) + "\r\n"
    report = OrgUnitImporter(user=admin_user).run(SimpleUploadedFile("u.txt", text.encode("utf-16")))
    assert triples(report) == []
    assert OrgUnit.objects.get(code="X1").name == "Tổ Một"


@override_settings(THIDUA_IMPORT_MAX_BYTES=200, THIDUA_IMPORT_MAX_ROWS=3)
def test_size_and_row_limits(admin_user, tree):
    big = SimpleUploadedFile("u.csv", b"x" * 201)
    assert run_failing(OrgUnitImporter, big, user=admin_user)[0][2].startswith("The file is larger than")
    many = csv_upload([["Code"], ["1"], ["2"], ["3"], ["4"]])
    problems = run_failing(OrgUnitImporter, many, user=admin_user)
    assert problems == [(None, "", "The file has more than 3 data rows; split it into smaller files.")]


def test_values_without_a_header_are_reported(admin_user, tree):
    rows = [[*UNIT_HEADER, ""], [*unit_row("X1"), "lost value"]]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert problems == [(2, "I", "Column I has values but no header.")]


def test_excel_dates_and_numbers_are_read_as_text():
    upload = xlsx_upload([["Code", "Valid from"], [1024, date(2025, 9, 5)], [None, None], [" x ", 1.5]])
    table = read_table(upload)
    assert table.rows == [(2, ["1024", "05/09/2025"]), (4, ["x", "1.5"])]


# --- Permissions ---------------------------------------------------------------------------------


def test_unit_reporter_cannot_import_units_under_another_commune(users, tree):
    rows = [
        UNIT_HEADER,
        unit_row("X1", parent="A-V"),
        unit_row("X2", parent="B"),
        unit_row("X3", parent="X1"),
    ]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=users["unit_reporter"])
    assert problems == [
        (3, "Parent code", "There is no unit with the code B."),
        (4, "Parent code", "You may not add or move units under X1."),
    ]


def test_a_viewer_cannot_add_units_and_an_officer_cannot_add_top_level_units(users, tree):
    rows = [UNIT_HEADER, unit_row("X1", parent="A")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=users["council_member"])
    assert problems == [(2, "Parent code", "You may not add or move units under A.")]
    rows = [UNIT_HEADER, unit_row("X1", parent="")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=users["commune_officer"])
    assert problems == [
        (2, "Parent code", "Only administrators may add top-level units; fill in the parent code.")
    ]


def test_officer_cannot_update_or_move_units_of_another_commune(users, tree):
    officer = users["commune_officer"]
    rows = [UNIT_HEADER, unit_row("B-V", "Thôn Tây mới", "Village", "B")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=officer, update_existing=True)
    assert problems == [(2, "Code", "The code B-V is already used by an existing unit.")]
    rows = [UNIT_HEADER, unit_row("A-V", "Thôn Đông", "Village", "B")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=officer, update_existing=True)
    assert problems == [(2, "Parent code", "There is no unit with the code B.")]


def test_a_unit_cannot_be_moved_under_its_own_sub_unit(admin_user, tree):
    rows = [UNIT_HEADER, unit_row("N1", parent="A-V"), unit_row("A", "Xã Ánh Dương", "Commune / ward", "N1")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user, update_existing=True)
    assert problems == [(3, "Parent code", "A unit cannot be moved under itself or its own sub-unit.")]


def test_a_failure_while_writing_rolls_back_every_row(admin_user, tree, monkeypatch):
    create = services.orgunit_create

    def failing_create(*, actor, data):
        if data["code"] == "X3":
            raise services.ValidationError({"name": "boom"})
        return create(actor=actor, data=data)

    monkeypatch.setattr(services, "orgunit_create", failing_create)
    rows = [UNIT_HEADER, unit_row("X1"), unit_row("X2"), unit_row("X3")]
    problems = run_failing(OrgUnitImporter, csv_upload(rows), user=admin_user)
    assert problems == [(4, "", "Nothing was imported: this row could not be saved (boom).")]


# --- Round trip and updates ----------------------------------------------------------------------


def exported(fmt, user):
    response = export_response(
        OrgUnit.objects.visible_to(user).order_by("path"), ORGUNIT_COLUMNS, "units", fmt
    )
    return SimpleUploadedFile(f"units.{fmt}", response.content)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_export_then_import_of_units(admin_user, tree, fmt):
    services.orgunit_update(
        actor=admin_user,
        unit=tree["village_a"],
        data={"valid_from": date(2025, 7, 1), "short_name": "Đông", "address": "Cẩm Giang, Hải Phòng"},
    )
    before = snapshot()
    report = OrgUnitImporter(user=admin_user, update_existing=True).run(exported(fmt, admin_user))
    assert triples(report) == []
    assert (report.created, report.updated, report.unchanged) == (0, 0, 6)
    assert snapshot() == before


def test_an_edited_export_updates_the_units(admin_user, tree):
    workbook = load_workbook(exported("xlsx", admin_user).file)
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == "A-V":
            row[1].value = "Thôn Đông Mới"
            row[4].value = "B"  # move the village to commune B
    sheet.append(["B-V-1", "Xóm Bắc", "", "Other", "A-V", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = OrgUnitImporter(user=admin_user, update_existing=True).run(
        SimpleUploadedFile("u.xlsx", buffer.getvalue())
    )
    assert triples(report) == []
    assert (report.created, report.updated, report.unchanged) == (1, 1, 5)
    village = OrgUnit.objects.get(code="A-V")
    assert (village.name, village.parent.code) == ("Thôn Đông Mới", "B")
    assert OrgUnit.objects.get(code="B-V-1").path.startswith(village.path)
    assert village.history.first().history_change_reason == "Imported from a file"


# --- People --------------------------------------------------------------------------------------


def test_people_import(admin_user, tree):
    household = services.household_create(
        actor=admin_user, data={"code": "HGD-1", "village": tree["village_a"]}
    )
    rows = [
        PERSON_HEADER,
        person_row("Nguyễn Văn An", household="HGD-1", relation="Head of household", sex="Male"),
        person_row("Trần Thị Bình", household="HGD-1", relation="spouse"),
        ["Lê Văn Cường", "nam", "", "", "", "A-D", "", "", ""],
    ]
    report = PersonImporter(user=admin_user).run(xlsx_upload(rows))
    assert triples(report) == []
    assert report.created == 3
    household.refresh_from_db()
    assert household.head.full_name == "Nguyễn Văn An"
    assert household.members.count() == 2
    cuong = Person.objects.get(full_name="Lê Văn Cường")
    assert (cuong.sex, cuong.employment_group, cuong.unit.code) == ("male", "resident", "A-D")
    binh = Person.objects.get(full_name="Trần Thị Bình")
    assert (binh.date_of_birth, binh.relation_to_head, binh.phone) == (
        date(1990, 9, 5),
        "spouse",
        "0912345678",
    )


def test_people_with_unknown_unit_household_or_a_second_head(admin_user, users, tree, make_person):
    household = services.household_create(
        actor=admin_user, data={"code": "HGD-1", "village": tree["village_a"]}
    )
    services.household_update(
        actor=admin_user, household=household, data={"head": make_person(tree["village_a"])}
    )
    services.household_create(actor=admin_user, data={"code": "HGD-B", "village": tree["village_b"]})
    rows = [
        PERSON_HEADER,
        person_row(unit="NOPE"),
        person_row(unit="B-V"),
        person_row(household="HGD-X"),
        person_row(household="HGD-B"),
        person_row(household="HGD-1", relation="Head of household"),
        person_row(unit="A", sex=""),
    ]
    problems = run_failing(PersonImporter, csv_upload(rows), user=users["commune_officer"])
    assert problems == [
        (2, "Unit code", "There is no unit with the code NOPE."),
        (3, "Unit code", "There is no unit with the code B-V."),
        (4, "Household code", "There is no household with the code HGD-X."),
        (5, "Household code", "There is no household with the code HGD-B."),
        (6, "Relation to head", "Household HGD-1 already has a head (Nguyễn Văn An)."),
        (7, "Sex", "This value is required."),
    ]


def test_unit_reporter_may_add_people_only_to_the_own_unit(users, tree):
    rows = [PERSON_HEADER, person_row(unit="A-V"), person_row(unit="A")]
    problems = run_failing(PersonImporter, csv_upload(rows), user=users["unit_reporter"])
    assert problems == [(3, "Unit code", "There is no unit with the code A.")]
    rows = [PERSON_HEADER, person_row(unit="A-V")]
    problems = run_failing(PersonImporter, csv_upload(rows), user=users["council_member"])
    assert problems == [(2, "Unit code", "You may not add people to A-V.")]


def people_rows(count):
    return [PERSON_HEADER, *(person_row(f"Nguyễn Văn {index:05d}", unit="A-V") for index in range(count))]


def test_ten_thousand_people(admin_user, tree):
    report = PersonImporter(user=admin_user).run(csv_upload(people_rows(10_000)))
    assert triples(report) == []
    assert report.created == 10_000
    assert Person.objects.filter(unit=tree["village_a"]).count() == 10_000
    assert Person.history.count() == 10_000


def test_ten_thousand_rows_with_one_bad_row_at_the_end(admin_user, tree):
    rows = people_rows(10_000)
    rows[-1] = person_row("Nguyễn Văn Cuối", unit="NOPE")
    problems = run_failing(PersonImporter, csv_upload(rows), user=admin_user)
    assert problems == [(10_001, "Unit code", "There is no unit with the code NOPE.")]


def test_validation_queries_do_not_grow_with_rows(admin_user, tree, django_assert_max_num_queries):
    rows = people_rows(500)
    rows[-1] = person_row(unit="NOPE")
    with django_assert_max_num_queries(4):
        report = PersonImporter(user=admin_user).run(csv_upload(rows))
    assert len(report.problems) == 1


# --- Households ----------------------------------------------------------------------------------


def test_households_import_and_head_rules(admin_user, users, tree, make_person):
    existing = services.household_create(
        actor=admin_user, data={"code": "HGD-1", "village": tree["village_a"]}
    )
    make_person(tree["village_a"], "Phạm Văn Dũng", household=existing)
    rows = [
        HOUSEHOLD_HEADER,
        ["HGD-2", "A-V", "", "Số 2, Thôn Đông"],
        ["HGD-3", "A-V", "Ai Đó", ""],
        ["HGD-4", "A-D", "", ""],
        ["HGD-5", "B-V", "", ""],
        ["HGD-1", "A-V", "", ""],
    ]
    problems = run_failing(HouseholdImporter, csv_upload(rows), user=users["commune_officer"])
    assert [(row, column) for row, column, _reason in problems] == [
        (3, "Head of household"),
        (4, "Village code"),
        (5, "Village code"),
        (6, "Household code"),
    ]
    assert problems[1][2] == "The unit A-D is not a village / residential group."
    assert problems[3][2] == "The household code HGD-1 is already used."
    rows = [HOUSEHOLD_HEADER, ["HGD-2", "A-V", "", "Số 2"], ["HGD-1", "A-V", "phạm văn  dũng", "Số 1"]]
    report = HouseholdImporter(user=users["commune_officer"], update_existing=True).run(csv_upload(rows))
    assert triples(report) == []
    assert (report.created, report.updated) == (1, 1)
    existing.refresh_from_db()
    assert (existing.head.full_name, existing.address) == ("Phạm Văn Dũng", "Số 1")
    assert Household.objects.get(code="HGD-2").head is None


def test_household_head_must_be_a_member(admin_user, tree):
    services.household_create(actor=admin_user, data={"code": "HGD-1", "village": tree["village_a"]})
    rows = [HOUSEHOLD_HEADER, ["HGD-1", "A-V", "Không Có", ""]]
    problems = run_failing(HouseholdImporter, csv_upload(rows), user=admin_user, update_existing=True)
    assert problems == [(2, "Head of household", "No member of household HGD-1 is named “Không Có”.")]


# --- The page ------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("orgs:unit_import"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_page_lists_the_columns_and_offers_a_template(client, admin_user, tree):
    client.force_login(admin_user)
    response = client.get(reverse("orgs:person_import"))
    assert response.status_code == 200
    assert "Họ và tên" in response.text
    response = client.get(reverse("orgs:household_import") + "?template=xlsx")
    assert response.status_code == 200
    headers = [cell.value for cell in load_workbook(io.BytesIO(response.content)).active[1]]
    assert headers == HOUSEHOLD_SPEC.headers()
    assert load_workbook(io.BytesIO(response.content)).active.max_row == 1


def test_posting_a_bad_file_shows_the_problems(client, admin_user, tree):
    client.force_login(admin_user)
    before = snapshot()
    upload = csv_upload([UNIT_HEADER, unit_row("X1", valid_from="31/02/2025"), unit_row("X1")])
    response = client.post(reverse("orgs:unit_import"), {"file": upload})
    assert response.status_code == 200
    assert snapshot() == before
    assert response.context["report"].problems[0].row == 2
    page = response.text
    assert "import-problems" in page
    assert "31/02/2025 không tồn tại" in page
    assert 'type="file"' in page  # the form is still there


def test_posting_garbage_never_fails(client, admin_user, tree):
    client.force_login(admin_user)
    for content in (
        b"",
        b"\x00\x01\x02binary",
        b"PK\x03\x04broken zip",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old",
    ):
        response = client.post(reverse("orgs:unit_import"), {"file": SimpleUploadedFile("x.xlsx", content)})
        assert response.status_code == 200
        assert response.context["report"].problems
    response = client.post(reverse("orgs:unit_import"), {})
    assert response.status_code == 200


def test_posting_a_good_file_imports_and_redirects(client, admin_user, tree):
    client.force_login(admin_user)
    upload = csv_upload([PERSON_HEADER, person_row("Đỗ Thị Hoa"), person_row("Vũ Văn Hải", sex="Male")])
    response = client.post(reverse("orgs:person_import"), {"file": upload})
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:person_list")
    assert set(Person.objects.values_list("full_name", flat=True)) == {"Đỗ Thị Hoa", "Vũ Văn Hải"}
    page = client.get(response["Location"]).text
    assert "Imported 2 rows" in page or "Đã nhập 2 dòng" in page


def test_update_option_is_honoured_by_the_page(client, admin_user, tree):
    client.force_login(admin_user)
    row = unit_row("A-V", "Thôn Đông Hai", "Village", "A")
    response = client.post(reverse("orgs:unit_import"), {"file": csv_upload([UNIT_HEADER, row])})
    assert response.status_code == 200
    response = client.post(
        reverse("orgs:unit_import"), {"file": csv_upload([UNIT_HEADER, row]), "update_existing": "on"}
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="A-V").name == "Thôn Đông Hai"
