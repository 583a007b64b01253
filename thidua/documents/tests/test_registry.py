"""The number registry: sequential, no gaps, no duplicates, scoped; its list page and manual issue form."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.db.utils import IntegrityError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.models import Lock
from thidua.documents import selectors
from thidua.documents.models import DocumentKind, DocumentNumber, format_number_symbol
from thidua.documents.services import document_number_issue, series_for

pytestmark = pytest.mark.django_db


def issue(actor, issuer, kind="KH", symbol="KH-UBND", **extra):
    return document_number_issue(actor=actor, issuer=issuer, kind=kind, symbol=symbol, **extra)


# --- Formatting ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        (5, "KH-UBND", "05/KH-UBND"),
        (1, "QĐ-UBND", "01/QĐ-UBND"),
        (10, "TB-HĐTĐKT", "10/TB-HĐTĐKT"),
        (252, " KH-UBND ", "252/KH-UBND"),
        (None, "KH-UBND", "      /KH-UBND"),
    ],
)
def test_format_number_symbol(number, symbol, expected):
    assert format_number_symbol(number, symbol) == expected


@pytest.mark.parametrize(
    ("symbol", "series", "expected"),
    [
        ("KH-UBND", "", "UBND"),
        ("QĐ-UBND", "", "UBND"),
        ("TB-HĐTĐKT", "", "HĐTĐKT"),
        ("UBND-VHXH", "", "UBND"),
        ("KH", "", "UBND"),
        ("KH-UBND", "HĐTĐKT", "HĐTĐKT"),
    ],
)
def test_series_for(symbol, series, expected):
    assert series_for(symbol, series) == expected


# --- Issuing ------------------------------------------------------------------------------------------


def test_numbers_are_sequential_per_issuer_and_year(tree, users):
    officer, commune = users["commune_officer"], tree["commune_a"]
    first = issue(officer, commune, year=2025, title="Kế hoạch phát động thi đua")
    second = issue(officer, commune, kind="QĐ", symbol="QĐ-UBND", year=2025)
    third = issue(officer, commune, kind="BC", symbol="BC-UBND", year=2025)
    assert [first.number, second.number, third.number] == [1, 2, 3]
    assert [str(first), str(second), str(third)] == ["01/KH-UBND", "02/QĐ-UBND", "03/BC-UBND"]
    assert first.series == "UBND" and first.issued_by == officer and first.issuer == commune
    assert first.title == "Kế hoạch phát động thi đua"
    assert first.history.count() == 1 and first.history.first().history_user == officer


def test_numbers_restart_each_year(tree, users):
    officer, commune = users["commune_officer"], tree["commune_a"]
    assert [issue(officer, commune, year=2024).number for _ in range(3)] == [1, 2, 3]
    assert [issue(officer, commune, year=2025).number for _ in range(2)] == [1, 2]
    assert issue(officer, commune, year=2024).number == 4


def test_year_defaults_to_this_year(tree, users):
    from django.utils import timezone

    entry = issue(users["commune_officer"], tree["commune_a"])
    assert entry.year == timezone.localdate().year


def test_issuers_and_series_are_independent(tree, users):
    city_officer = users["city_officer"]
    a, b = tree["commune_a"], tree["commune_b"]
    assert issue(city_officer, a, year=2025).number == 1
    assert issue(city_officer, a, year=2025).number == 2
    assert issue(city_officer, b, year=2025).number == 1
    council = issue(city_officer, a, kind="TB", symbol="TB-HĐTĐKT", year=2025)
    assert (council.series, council.number) == ("HĐTĐKT", 1)
    explicit = issue(city_officer, a, kind="KH", symbol="KH-HĐTĐKT", series="HĐTĐKT", year=2025)
    assert explicit.number == 2
    assert issue(city_officer, a, year=2025).number == 3


def test_target_is_linked(tree, users):
    officer, commune = users["commune_officer"], tree["commune_a"]
    entry = issue(officer, commune, year=2025, target=tree["village_a"])
    entry.refresh_from_db()
    assert entry.target == tree["village_a"]


@pytest.mark.parametrize("who", ["other_commune", "no_role", "council_member", "unit_reporter"])
def test_who_may_not_issue_changes_nothing(tree, users, who):
    before = Lock.objects.count()
    with pytest.raises(PermissionDenied):
        issue(users[who], tree["commune_a"], year=2025)
    assert DocumentNumber.objects.count() == 0
    assert Lock.objects.count() == before


def test_anonymous_may_not_issue(tree):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        issue(AnonymousUser(), tree["commune_a"], year=2025)
    assert DocumentNumber.objects.count() == 0


def test_parent_subtree_and_own_unit_may_issue(tree, users):
    assert issue(users["city_officer"], tree["commune_a"], year=2025).number == 1
    assert issue(users["commune_officer"], tree["commune_a"], year=2025).number == 2
    assert issue(users["commune_officer"], tree["department_a"], year=2025).number == 1


def test_bad_symbol_or_kind_is_refused_and_leaves_no_gap(tree, users):
    officer, commune = users["commune_officer"], tree["commune_a"]
    with pytest.raises(ValidationError):
        issue(officer, commune, symbol="KH UBND", year=2025)
    with pytest.raises(ValidationError):
        issue(officer, commune, kind="XX", year=2025)
    assert DocumentNumber.objects.count() == 0
    assert issue(officer, commune, year=2025).number == 1


def test_a_rolled_back_caller_leaves_no_gap(tree, users):
    officer, commune = users["commune_officer"], tree["commune_a"]
    issue(officer, commune, year=2025)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert issue(officer, commune, year=2025).number == 2
        raise RuntimeError("the plan could not be issued")
    assert issue(officer, commune, year=2025).number == 2
    assert list(DocumentNumber.objects.values_list("number", flat=True).order_by("number")) == [1, 2]


def test_unique_constraint_is_the_safety_net(tree, users):
    entry = issue(users["commune_officer"], tree["commune_a"], year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentNumber.objects.create(
            issuer=entry.issuer, series=entry.series, kind="QĐ", symbol="QĐ-UBND", year=2025, number=1
        )


# --- Concurrency (PostgreSQL) -------------------------------------------------------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every writer with one database lock; row locks need PostgreSQL",
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_ten_threads_issue_one_hundred_numbers_without_gaps_or_duplicates(tree, users):
    officer, commune = users["city_officer"], tree["commune_a"]
    errors: list[BaseException] = []
    start = threading.Barrier(10)

    def worker():
        try:
            start.wait()
            for _ in range(10):
                issue(officer, commune, year=2031)
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
    numbers = list(DocumentNumber.objects.filter(issuer=commune, year=2031).values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, 101))


# --- Selectors and pages ------------------------------------------------------------------------------


@pytest.fixture
def registry(tree, users):
    city = users["city_officer"]
    return {
        "a1": issue(city, tree["commune_a"], year=2025, title="Kế hoạch thi đua"),
        "a2": issue(city, tree["commune_a"], kind="QĐ", symbol="QĐ-UBND", year=2025),
        "a_old": issue(city, tree["commune_a"], year=2024),
        "dept": issue(city, tree["department_a"], kind="BC", symbol="BC-PKT", year=2025),
        "b1": issue(city, tree["commune_b"], year=2025),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("no_role", set()),
        ("other_commune", {"b1"}),
        ("commune_officer", {"a1", "a2", "a_old", "dept"}),
        ("council_member", {"a1", "a2", "a_old", "dept"}),
        ("city_officer", {"a1", "a2", "a_old", "dept", "b1"}),
    ],
)
def test_list_is_scoped(registry, users, who, expected):
    seen = set(selectors.document_number_list(user=users[who]))
    assert seen == {registry[name] for name in expected}


def test_list_within_a_unit(registry, users, tree):
    seen = set(selectors.document_number_list(user=users["city_officer"], within=tree["department_a"]))
    assert seen == {registry["dept"]}
    assert selectors.document_number_years(user=users["commune_officer"]) == [2025, 2024]


def test_registry_page_requires_login(client, registry):
    response = client.get(reverse("documents:registry"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_registry_page_filters_by_kind_and_year(client, registry, users):
    client.force_login(users["commune_officer"])
    response = client.get(reverse("documents:registry"), {"kind": "KH", "year": "2025"})
    assert response.status_code == 200
    rows = list(response.context["table"].data)
    assert rows == [registry["a1"]]
    assert "01/KH-UBND" in response.content.decode()
    other = client.get(reverse("documents:registry"))
    assert registry["b1"] not in list(other.context["table"].data)


def test_registry_export_is_scoped(client, registry, users):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(users["other_commune"])
    response = client.get(reverse("documents:registry"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(values) == 1
    assert values[0][:5] == ["01/KH-UBND", "1", "KH-UBND", "KH", "2025"]
    assert values[0][6] == "Xã Bình Minh"


def test_registry_page_query_count_does_not_grow(client, tree, users):
    client.force_login(users["city_officer"])
    issue(users["city_officer"], tree["commune_a"], year=2025)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("documents:registry")).status_code == 200
    DocumentNumber.objects.bulk_create(
        DocumentNumber(
            issuer=tree["commune_b"],
            series="UBND",
            kind="KH",
            symbol="KH-UBND",
            year=2025,
            number=number,
            issued_by=users["city_officer"],
        )
        for number in range(1, 21)
    )
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("documents:registry")).status_code == 200
    assert len(many) == len(few)


def test_issue_page_takes_the_next_number(client, tree, users):
    client.force_login(users["commune_officer"])
    page = client.get(reverse("documents:issue"))
    issuers = set(page.context["form"].fields["issuer"].queryset)
    assert tree["commune_a"] in issuers and tree["commune_b"] not in issuers
    data = {"issuer": tree["commune_a"].pk, "kind": DocumentKind.NOTICE, "symbol": "TB-UBND", "title": "Họp"}
    response = client.post(reverse("documents:issue"), data)
    assert response.status_code == 302
    entry = DocumentNumber.objects.get()
    assert (entry.number, entry.series, entry.kind, entry.title) == (1, "UBND", "TB", "Họp")
    assert response["Location"] == entry.get_absolute_url()


def test_issue_page_refuses_another_communes_unit(client, tree, users):
    client.force_login(users["commune_officer"])
    data = {"issuer": tree["commune_b"].pk, "kind": "KH", "symbol": "KH-UBND"}
    response = client.post(reverse("documents:issue"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert DocumentNumber.objects.count() == 0
