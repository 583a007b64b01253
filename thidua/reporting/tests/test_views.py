import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.reporting import services
from thidua.reporting.choices import ReportStatus
from thidua.reporting.models import Evidence, Report, ReportValue
from thidua.reporting.tests.conftest import GOOD


def entry_url(form, unit, period="2025-10", suffix=""):
    return reverse(f"reporting:entry{suffix}", args=[form.pk, unit.pk, period])


def post_data(values=GOOD, version=0, action="save", **extra):
    data = {"version": str(version), "action": action, **extra}
    for code, (value, comment) in values.items():
        data[f"v-{code}"], data[f"c-{code}"] = value, comment
    return data


def test_anonymous_redirected(client, tree, monthly_form):
    response = client.get(entry_url(monthly_form, tree["village_a"]))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    ("who", "unit", "status"),
    [
        ("unit_reporter", "village_a", 200),
        ("unit_reporter", "department_a", 404),
        ("other_commune", "village_a", 404),
        ("no_role", "village_a", 404),
        ("commune_officer", "village_a", 200),
        ("city_officer", "village_b", 200),
    ],
)
def test_entry_page_matrix(client, tree, users, monthly_form, today_in_2025, who, unit, status):
    client.force_login(users[who])
    assert client.get(entry_url(monthly_form, tree[unit])).status_code == status


def test_reporter_fills_and_submits(client, tree, users, monthly_form, today_in_2025):
    client.force_login(users["unit_reporter"])
    response = client.post(entry_url(monthly_form, tree["village_a"]), post_data(action="submit"))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == ReportStatus.SUBMITTED and report.versions.count() == 1


def test_other_commune_post_changes_nothing(client, tree, users, monthly_form, today_in_2025):
    client.force_login(users["other_commune"])
    assert client.post(entry_url(monthly_form, tree["village_a"]), post_data()).status_code == 404
    assert not Report.objects.exists()


def test_autosave_returns_new_version(client, tree, users, monthly_form, today_in_2025):
    client.force_login(users["unit_reporter"])
    response = client.post(
        entry_url(monthly_form, tree["village_a"]), post_data(action="autosave"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and b'value="1"' in response.content
    assert Report.objects.get().version == 1


def test_stale_save_shows_the_users_values(client, tree, users, monthly_form, today_in_2025):
    services.report_save(
        actor=users["commune_officer"],
        form=monthly_form,
        unit=tree["village_a"],
        period="2025-10",
        values=GOOD,
    )
    client.force_login(users["unit_reporter"])
    response = client.post(
        entry_url(monthly_form, tree["village_a"]), post_data({**GOOD, "HH": ("777", "")}, version=0)
    )
    assert response.status_code == 400
    assert b'id="stale"' in response.content and b'value="777"' in response.content
    assert ReportValue.objects.get(indicator__code="HH").value == "120"


def test_invalid_values_shown_and_nothing_saved(client, tree, users, monthly_form, today_in_2025):
    client.force_login(users["unit_reporter"])
    response = client.post(entry_url(monthly_form, tree["village_a"]), post_data({**GOOD, "HH": ("abc", "")}))
    assert response.status_code == 400 and b'value="abc"' in response.content
    assert not Report.objects.exists()


def test_department_reviews(client, tree, users, department, monthly_form, today_in_2025):
    report = services.report_save(
        actor=users["unit_reporter"], form=monthly_form, unit=tree["village_a"], period="2025-10", values=GOOD
    )
    services.report_submit(actor=users["unit_reporter"], report=report)
    url = reverse("reporting:report_decide", args=[report.pk, "return"])
    client.force_login(users["unit_reporter"])
    client.post(url, {"reason": "Sai"})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    client.force_login(users["other_commune"])
    assert client.post(url, {"reason": "Sai"}).status_code == 404
    client.force_login(department)
    assert client.get(report.get_absolute_url()).status_code == 200
    client.post(url, {"reason": "Thiếu số liệu"})
    report.refresh_from_db()
    assert (report.status, report.return_reason) == (ReportStatus.RETURNED, "Thiếu số liệu")
    assert client.get(report.get_absolute_url() + "?tab=history").status_code == 200


def test_excel_round_trip(client, tree, users, monthly_form, today_in_2025):
    client.force_login(users["unit_reporter"])
    services.report_save(
        actor=users["unit_reporter"], form=monthly_form, unit=tree["village_a"], period="2025-09", values=GOOD
    ) if False else None
    response = client.get(entry_url(monthly_form, tree["village_a"], suffix="_xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Báo cáo"]
    rows = {sheet.cell(row=r, column=2).value: r for r in range(6, 20)}
    sheet.cell(row=rows["HH"], column=5, value=130)
    sheet.cell(row=rows["POOR"], column=5, value=4)
    sheet.cell(row=rows["GDVH"], column=5, value="90")
    sheet.cell(row=rows["NTM"], column=5, value="có")
    sheet.cell(row=rows["#results"], column=5, value="Hoàn thành kế hoạch")
    buffer = io.BytesIO()
    book.save(buffer)
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "bao-cao.xlsx"
    url = entry_url(monthly_form, tree["village_a"], suffix="_upload")
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200 and b"upload-diff" in preview.content
    assert not Report.objects.exists()  # nothing saved before confirmation
    client.post(url, {"confirm": "1"})
    report = Report.objects.get()
    assert dict(report.values.values_list("indicator__code", "value")) == {
        "HH": "130",
        "POOR": "4",
        "GDVH": "90",
        "NTM": "có",
    }
    assert report.results == "Hoàn thành kế hoạch"


def _template(client, form, unit, period="2025-10"):
    return load_workbook(io.BytesIO(client.get(entry_url(form, unit, period, suffix="_xlsx")).content))


@pytest.mark.parametrize("case", ["not_excel", "other_unit", "edited_rows", "bad_value"])
def test_bad_uploads_change_nothing(client, tree, users, monthly_form, today_in_2025, case):
    client.force_login(users["city_officer"])
    if case == "not_excel":
        content = b"%PDF-1.4 not a spreadsheet"
    else:
        book = _template(client, monthly_form, tree["village_b" if case == "other_unit" else "village_a"])
        sheet = book["Báo cáo"]
        if case == "edited_rows":
            sheet.delete_rows(7)
        if case == "bad_value":
            sheet.cell(row=6, column=5, value="nhiều")
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    upload = io.BytesIO(content)
    upload.name = "x.xlsx"
    response = client.post(entry_url(monthly_form, tree["village_a"], suffix="_upload"), {"file": upload})
    assert response.status_code in (200, 400)
    assert b"Save these values" not in response.content
    client.post(entry_url(monthly_form, tree["village_a"], suffix="_upload"), {"confirm": "1"})
    assert not Report.objects.exists()


def test_evidence_checked_by_content(client, tree, users, monthly_form, today_in_2025):
    report = services.report_save(
        actor=users["unit_reporter"], form=monthly_form, unit=tree["village_a"], period="2025-10", values=GOOD
    )
    client.force_login(users["unit_reporter"])
    url = reverse("reporting:evidence_upload", args=[report.pk])
    fake = io.BytesIO(b"MZ\x90\x00 an exe renamed")
    fake.name = "anh.jpg"
    client.post(url, {"file": fake})
    assert not Evidence.objects.exists()
    real = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    real.name = "anh.png"
    client.post(url, {"file": real})
    evidence = Evidence.objects.get()
    assert evidence.kind == "png"
    assert client.get(reverse("reporting:evidence_download", args=[evidence.pk])).status_code == 200
    evidence.file.delete(save=False)


def test_pages_query_counts_do_not_grow(
    client, tree, users, department, monthly_form, admin_user, today_in_2025
):
    from thidua.orgs import services as org_services
    from thidua.orgs.choices import UnitKind

    client.force_login(department)
    pages = [
        reverse("reporting:entry_list"),
        reverse("reporting:heatmap", args=[monthly_form.pk]) + "?year=2025",
        reverse("reporting:consolidation", args=[monthly_form.pk]) + "?year=2025",
    ]

    def counts():
        result = []
        for page in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    for index in range(6):
        unit = org_services.orgunit_create(
            actor=admin_user,
            data={
                "code": f"A-X{index}",
                "name": f"Thôn {index}",
                "kind": UnitKind.VILLAGE,
                "parent": tree["commune_a"],
            },
        )
        monthly_form.units.add(unit)
        report = services.report_save(
            actor=admin_user, form=monthly_form, unit=unit, period="2025-10", values=GOOD
        )
        services.report_submit(actor=admin_user, report=report)
    assert counts() == before
