"""The handoff with reporting: a model proposed from a unit's report, and the Báo cáo kết quả listing the
commune's verified models with their replication.

``thidua.exemplary`` sits below ``thidua.reporting`` (import-linter), so these tests load reporting at run
time instead of importing it.
"""

import importlib
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from docx import Document

from thidua.exemplary import services
from thidua.exemplary.choices import ModelStatus
from thidua.exemplary.models import ExemplaryModel
from thidua.exemplary.tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def reporting(module: str):
    return importlib.import_module(f"thidua.reporting.{module}")


@pytest.fixture
def form(tree, admin_user):
    choices = reporting("choices")
    report_services = reporting("services")

    def indicator(code, name, value_type, uom=""):
        return report_services.indicator_create(
            actor=admin_user,
            data={
                "owner": tree["city"],
                "code": code,
                "name": name,
                "value_type": value_type,
                "aggregation": choices.Aggregation.SUM,
                "unit_of_measure": uom,
            },
        )

    households = indicator("HH", "Số hộ tham gia", choices.ValueType.NUMBER, "hộ")
    note = indicator("NOTE", "Ghi chú", choices.ValueType.TEXT)
    return report_services.form_create(
        actor=admin_user,
        data={
            "owner": tree["commune_a"],
            "code": "M",
            "name": "Báo cáo tháng",
            "period_type": choices.PeriodType.MONTHLY,
            "due_days": 5,
            "lock_days": 25,
        },
        indicators=[households, (note, False)],
        units=[tree["village_a"], tree["department_a"], tree["village_b"]],
    ), households


@pytest.fixture
def report(form, tree):
    report_form, households = form
    Report = apps.get_model("reporting", "Report")
    ReportValue = apps.get_model("reporting", "ReportValue")
    moment = timezone.make_aware(datetime(2025, 11, 4, 9, 0))
    report = Report.objects.create(
        form=report_form,
        unit=tree["village_a"],
        period="2025-10",
        status="approved",
        first_submitted_at=moment,
        submitted_at=moment,
        results="Mô hình “Đường hoa tự quản” thu hút 186 hộ tham gia. Mô hình “Camera an ninh” hoạt động tốt.",
        proposals="Đề nghị nhân rộng.",
    )
    ReportValue.objects.create(report=report, indicator=households, value="186", number=Decimal("186"))
    return report


def test_report_page_offers_the_button_to_its_unit_only(client, report, users):
    client.force_login(users["unit_reporter"])
    assert 'id="propose-model"' in client.get(f"/reports/r/{report.pk}/").content.decode()
    client.force_login(users["council_member"])
    assert 'id="propose-model"' not in client.get(f"/reports/r/{report.pk}/").content.decode()
    assert client.get(f"/reports/r/{report.pk}/exemplary-model/").status_code == 404
    client.force_login(users["other_commune"])
    assert client.post(f"/reports/r/{report.pk}/exemplary-model/", {"title": "X"}).status_code == 404
    assert not ExemplaryModel.objects.exists()


def test_propose_from_report_carries_the_unit_narrative_and_figures(client, report, users):
    client.force_login(users["unit_reporter"])
    page = client.get(f"/reports/r/{report.pk}/exemplary-model/").content.decode()
    assert "Số hộ tham gia: 186 hộ" in page
    value = report.values.get()
    response = client.post(
        f"/reports/r/{report.pk}/exemplary-model/",
        {
            "title": "Đường hoa tự quản",
            "kind": "new_model",
            "summary": "Mỗi hộ một đoạn đường hoa.",
            "figures": [str(value.pk)],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    model = ExemplaryModel.objects.get()
    assert response["Location"] == f"/models/{model.pk}/"
    assert (model.unit, model.source_report_id, model.status) == (report.unit, report.pk, ModelStatus.DRAFT)
    assert model.started_on == date(2025, 10, 1)
    assert (
        "Đường hoa tự quản" in model.description
        and "Theo báo cáo của Thôn Đông (tháng 10/2025)" in model.description
    )
    row = model.indicators.get()
    assert (row.name, row.before_value, row.after_value, row.unit_of_measure) == (
        "Số hộ tham gia",
        None,
        186,
        "hộ",
    )


def recognised(make_model, admin_user, tree, title, unit=None, year=2025, status=ModelStatus.VERIFIED):
    model = services.model_propose(actor=admin_user, model=make_model(title=title, unit=unit))
    services.model_verify(actor=admin_user, model=model)
    when = timezone.make_aware(datetime(year, 6, 1, 9, 0))
    ExemplaryModel.objects.filter(pk=model.pk).update(verified_at=when)
    if status == ModelStatus.PUBLISHED:
        services.photo_add(actor=admin_user, model=model, data=image_bytes())
        services.model_publish(actor=admin_user, model=model)
        ExemplaryModel.objects.filter(pk=model.pk).update(published_at=when)
    return ExemplaryModel.objects.get(pk=model.pk)


def test_result_report_lists_the_verified_models_with_their_replication(
    form, report, make_model, admin_user, tree, users
):
    road = recognised(make_model, admin_user, tree, "Đường hoa tự quản", status=ModelStatus.PUBLISHED)
    services.adoption_add(
        actor=admin_user, model=road, unit=tree["department_a"], adopted_on=date(2025, 9, 1)
    )
    recognised(make_model, admin_user, tree, "Tủ sách dòng họ", unit=tree["department_a"])
    recognised(make_model, admin_user, tree, "Mô hình năm trước", year=2024)
    recognised(make_model, admin_user, tree, "Mô hình xã khác", unit=tree["village_b"])
    services.model_propose(actor=admin_user, model=make_model(title="Mô hình mới đề xuất"))

    draft = reporting("services").result_report_draft(
        actor=users["commune_officer"],
        form=form[0],
        unit=tree["commune_a"],
        year=2025,
        today=date(2025, 11, 7),
    )
    section = next(s for s in draft.sections if s["key"] == "models")
    lines = section["text"].splitlines()
    assert lines[0] == (
        "Năm 2025, Ủy ban nhân dân xã Ánh Dương đã công nhận 2 mô hình, điển hình tiêu biểu; "
        "các mô hình được nhân rộng tại 1 lượt đơn vị:"
    )
    assert lines[1] == (
        "- Tủ sách dòng họ (mô hình mới) của Phòng Kinh tế: Mỗi hộ chăm sóc đoạn đường trước nhà. "
        "Chưa có đơn vị nhân rộng."
    )
    assert lines[2] == (
        "- Đường hoa tự quản (mô hình mới) của Thôn Đông: Mỗi hộ chăm sóc đoạn đường trước nhà. "
        "Đã được nhân rộng tại 1 đơn vị: Phòng Kinh tế."
    )
    assert lines[3] == "Các mô hình khác được nêu trong báo cáo của các đơn vị:"
    # the sentence naming a listed model is left out; the other one stays
    assert lines[4:] == ["- Thôn Đông: Mô hình “Camera an ninh” hoạt động tốt."]
    assert section["table"]["rows"] == [
        ["1", "Tủ sách dòng họ", "Phòng Kinh tế", "0"],
        ["2", "Đường hoa tự quản", "Thôn Đông", "1"],
    ]
    text = section["text"]
    assert "năm trước" not in text and "xã khác" not in text and "mới đề xuất" not in text

    render = importlib.import_module("thidua.documents.render")
    spec = reporting("report_document").result_report_spec(draft)
    document = Document(io.BytesIO(render.render_docx(spec)))
    paragraphs = [p.text for p in document.paragraphs]
    assert any(
        p.startswith("Năm 2025, Ủy ban nhân dân xã Ánh Dương đã công nhận 2 mô hình") for p in paragraphs
    )
    assert any("Đã được nhân rộng tại 1 đơn vị: Phòng Kinh tế." in p for p in paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    model_table = next(t for t in tables if t[0][0] == "STT" and t[0][1] == "Tên mô hình, điển hình")
    assert model_table[1:] == [
        ["1", "Tủ sách dòng họ", "Phòng Kinh tế", "0"],
        ["2", "Đường hoa tự quản", "Thôn Đông", "1"],
    ]


def test_without_verified_models_the_section_is_the_narratives(form, report, users, tree):
    draft = reporting("services").result_report_draft(
        actor=users["commune_officer"],
        form=form[0],
        unit=tree["commune_a"],
        year=2025,
        today=date(2025, 11, 7),
    )
    section = next(s for s in draft.sections if s["key"] == "models")
    assert section["text"] == (
        "- Thôn Đông: Mô hình “Đường hoa tự quản” thu hút 186 hộ tham gia.\n"
        "- Thôn Đông: Mô hình “Camera an ninh” hoạt động tốt."
    )
    assert "table" not in section
