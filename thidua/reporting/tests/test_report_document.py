"""The report of results: numbers from the data, editing, issuing with the next number, the .docx."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from thidua.documents.models import DocumentNumber
from thidua.documents.render import render_docx
from thidua.documents.services import document_number_issue
from thidua.reporting import services
from thidua.reporting.choices import ConsolidatedReportStatus, ReportStatus
from thidua.reporting.models import ConsolidatedReport, Report, ReportValue
from thidua.reporting.report_document import result_report_spec

TODAY = date(2025, 11, 7)


def approved(form, unit, indicators, values, **narrative):
    submitted = timezone.make_aware(datetime(2025, 11, 4, 9, 0))
    report = Report.objects.create(
        form=form,
        unit=unit,
        period="2025-10",
        status=ReportStatus.APPROVED,
        first_submitted_at=submitted,
        submitted_at=submitted,
        **narrative,
    )
    for code, number in values.items():
        ReportValue.objects.create(
            report=report, indicator=indicators[code], value=str(number), number=Decimal(str(number))
        )
    return report


@pytest.fixture
def data(tree, admin_user, indicators, monthly_form):
    for code, value in (("households", 200), ("poor", 10), ("gdvh", 80)):
        services.target_set(
            actor=admin_user, indicator=indicators[code], unit=tree["commune_a"], period="2025", value=value
        )
    approved(
        monthly_form,
        tree["village_a"],
        indicators,
        {"households": 120, "poor": 3, "gdvh": "85.5", "ntm": 1},
        results="Xây dựng mô hình “Thôn xanh, sạch, đẹp” được nhân dân đồng tình. Hoàn thành 3 km đường bê tông.",
        shortcomings="Kinh phí còn hạn chế.",
        proposals="Đề nghị xã hỗ trợ kinh phí làm đường.",
    )
    approved(
        monthly_form,
        tree["department_a"],
        indicators,
        {"households": 90, "poor": 4, "gdvh": 80, "ntm": 1},
        results="Hướng dẫn 12 hộ chuyển đổi cây trồng.",
    )
    approved(
        monthly_form, tree["village_b"], indicators, {"households": 999, "poor": 1, "gdvh": 10, "ntm": 0}
    )
    return monthly_form


@pytest.fixture
def draft(data, tree, users):
    return services.result_report_draft(
        actor=users["commune_officer"], form=data, unit=tree["commune_a"], year=2025, today=TODAY
    )


def section(report, key):
    return next(s for s in report.sections if s["key"] == key)


def test_completeness_figures_match_the_data(draft):
    # January to October are due by 07/11 for the two units of commune A: 20 expected, October submitted on time
    assert section(draft, "completeness")["figures"] == {"expected": 20, "submitted": 2, "on_time": 2}
    text = section(draft, "completeness")["text"]
    assert (
        "số báo cáo phải nộp là 20; đã nộp 2 báo cáo (đạt 10%), trong đó đúng hạn 2 báo cáo (đạt 10%)" in text
    )


def test_indicator_table_against_targets(draft):
    rows = section(draft, "indicators")["table"]["rows"]
    assert rows == [
        ["1", "Hộ gia đình", "hộ", "200", "210", "105", "Vượt"],
        ["2", "Hộ thoát nghèo", "hộ", "10", "7", "70", "Chưa đạt"],
        ["3", "Tỷ lệ hộ GĐVH", "%", "80", "82,75", "103,4", "Vượt"],
        ["4", "Đạt chuẩn NTM", "", "", "2", "", ""],
    ]


def test_narratives_are_attributed_and_models_found(draft):
    results = section(draft, "results")["text"].splitlines()
    assert results[0].startswith("- Phòng Kinh tế (tháng 10/2025): Hướng dẫn 12 hộ")
    assert results[1].startswith("- Thôn Đông (tháng 10/2025): Xây dựng mô hình")
    assert "Thôn Tây" not in section(draft, "results")["text"]  # another commune
    assert (
        section(draft, "models")["text"]
        == "- Thôn Đông: Xây dựng mô hình “Thôn xanh, sạch, đẹp” được nhân dân đồng tình."
    )
    assert (
        section(draft, "proposals")["text"]
        == "- Thôn Đông (tháng 10/2025): Đề nghị xã hỗ trợ kinh phí làm đường."
    )
    assert draft.title == "Kết quả thực hiện báo cáo tháng năm 2025"
    assert draft.addressee == "Ủy ban nhân dân thành phố Thử"


def test_other_commune_cannot_draft(data, tree, users):
    with pytest.raises(PermissionDenied):
        services.result_report_draft(
            actor=users["other_commune"], form=data, unit=tree["commune_a"], year=2025
        )
    assert not ConsolidatedReport.objects.exists()


def test_edit_then_issue_takes_the_next_number_and_freezes(draft, tree, users, admin_user):
    officer = users["commune_officer"]
    document_number_issue(actor=admin_user, issuer=tree["commune_a"], kind="BC", symbol="BC-UBND")
    services.result_report_update(
        actor=officer,
        report=draft,
        title=draft.title,
        addressee=draft.addressee,
        signer_name="Trần Văn Bình",
        texts={"results": "- Thôn Đông: làm 3 km đường."},
    )
    issued = services.result_report_issue(actor=officer, report=draft)
    assert issued.status == ConsolidatedReportStatus.ISSUED
    assert issued.document_number.number == 2 and issued.document_number.symbol == "BC-UBND"
    assert DocumentNumber.objects.filter(issuer=tree["commune_a"]).count() == 2
    with pytest.raises(ValidationError):
        services.result_report_update(
            actor=officer, report=issued, title="Khác", addressee="", signer_name="", texts={"results": "x"}
        )
    with pytest.raises(ValidationError):
        services.result_report_issue(actor=officer, report=issued)
    issued.refresh_from_db()
    assert issued.title != "Khác" and section(issued, "results")["text"] == "- Thôn Đông: làm 3 km đường."
    assert DocumentNumber.objects.count() == 2
    assert issued.history.first().history_change_reason


def test_docx_has_the_kind_title_and_table(draft):
    document = Document(io.BytesIO(render_docx(result_report_spec(draft))))
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts
    assert any("Kính gửi" in t and "thành phố Thử" in t for t in texts)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in table.rows[1].cells] == ["1", "Hộ gia đình", "hộ", "200", "210", "105", "Vượt"]


def test_pages(client, draft, users, monkeypatch):
    client.force_login(users["commune_officer"])
    detail = reverse("reporting:result_report_detail", args=[draft.pk])
    assert client.get(detail).status_code == 200
    response = client.get(reverse("reporting:result_report_download", args=[draft.pk, "docx"]))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    response = client.post(
        reverse("reporting:result_report_edit", args=[draft.pk]),
        {"title": "Báo cáo thử", "addressee": draft.addressee, "signer_name": "", "text-results": "Mới"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Báo cáo thử" and section(draft, "results")["text"] == "Mới"
    client.force_login(users["other_commune"])
    assert client.get(detail).status_code == 404
    assert client.post(reverse("reporting:result_report_issue", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.status == ConsolidatedReportStatus.DRAFT
