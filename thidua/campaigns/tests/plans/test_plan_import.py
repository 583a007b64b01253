"""Upload -> review -> confirm with the seed plan; bad uploads change nothing."""

import io
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image, ImageDraw

from thidua.campaigns import importing
from thidua.campaigns.choices import AssignmentRole, ImportStatus, PlanStatus
from thidua.campaigns.models import Plan, PlanImport
from thidua.campaigns.reader import ReaderError
from thidua.orgs.models import OrgUnit

SEED = Path(__file__).resolve().parents[2] / "demo_data" / "ke-hoach-thi-dua-cam-giang-2025.txt"

pytestmark = pytest.mark.django_db

NO_TEXT = "tệp PDF không có lớp văn bản, cần bản có chữ hoặc .docx"


def scanned_pdf() -> bytes:
    image = Image.new("RGB", (620, 877), "white")
    ImageDraw.Draw(image).text((60, 60), "UY BAN NHAN DAN XA CAM GIANG - KE HOACH", fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=72)
    return buffer.getvalue()


def upload(client, tree, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("campaigns:plan_import"),
        {"file": SimpleUploadedFile(name, data), "issuing_unit": tree["commune_a"].pk},
    )


def test_seed_reading_becomes_a_draft_with_matched_bodies(tree, bodies, users):
    officer = users["commune_officer"]
    plan_import = importing.plan_import_create(
        actor=officer, issuing_unit=tree["commune_a"], filename=SEED.name, data=SEED.read_bytes()
    )
    draft = plan_import.draft
    assert draft["plan"]["title"].startswith("Phát động Đợt thi đua")
    assert len(draft["movements"]) == 8
    assert len(draft["plan"]["purposes"].splitlines()) == 2
    matches = [(row["body"], row["match"]) for row in draft["assignments"]]
    assert matches[:6] == [
        ("Phòng Kinh tế xã", str(tree["department_a"].pk)),
        ("Phòng Văn hóa - Xã hội xã", str(bodies["vhxh"].pk)),
        ("Văn phòng HĐND & UBND xã", str(bodies["vp"].pk)),
        ("Trung tâm Văn hóa - Thể thao và Truyền thông xã", str(bodies["ttvh"].pk)),
        ("Trung tâm Phục vụ hành chính công xã", str(bodies["hcc"].pk)),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội", str(bodies["mttq"].pk)),
    ]
    assert matches[6][1] == ""  # "Các cơ quan, đơn vị…" is a group, not one unit
    assert draft["assignments"][0]["role"] == AssignmentRole.LEAD
    assert plan_import.source_file.read() == SEED.read_bytes()


def test_review_page_confirms_into_a_plan(client, tree, bodies, users):
    client.force_login(users["commune_officer"])
    response = upload(client, tree, SEED.name, SEED.read_bytes())
    plan_import = PlanImport.objects.get()
    assert response.url == reverse("campaigns:plan_import_review", args=[plan_import.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Nguyên Giáp" in content and 'class="line flagged"' in content
    form = page.context["plan_form"]
    formsets = page.context["formsets"]
    data = {f"plan-{name}": field.value() or "" for name, field in ((n, form[n]) for n in form.fields)}
    data["plan-date"] = "15/09/2025"
    for prefix, formset in formsets.items():
        data[f"{prefix}-TOTAL_FORMS"] = str(len(formset.initial))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(formset.initial))
        for index, initial in enumerate(formset.initial):
            for name, value in initial.items():
                if name == "candidates":
                    continue
                if hasattr(value, "strftime"):
                    value = value.strftime("%d/%m/%Y")
                if isinstance(value, bool):
                    if value:
                        data[f"{prefix}-{index}-{name}"] = "on"
                    continue
                data[f"{prefix}-{index}-{name}"] = value
    data["assignments-6-match"] = "new"
    data["assignments-6-body"] = "Công an xã"
    data["action"] = "confirm"
    response = client.post(reverse("campaigns:plan_import_review", args=[plan_import.pk]), data)
    assert response.status_code == 302, response.context and response.context["plan_form"].errors
    plan = Plan.objects.get()
    assert response.url == plan.get_absolute_url()
    assert (plan.status, plan.number, plan.date.isoformat()) == (PlanStatus.DRAFT, None, "2025-09-15")
    assert plan.movements.count() == 8
    assert plan.deadlines.get().due_date.isoformat() == "2025-12-15"
    assert [a.unit.code for a in plan.assignments.order_by("order")] == [
        "A-D",
        "A-VHXH",
        "A-VP",
        "A-TTVH",
        "A-HCC",
        "A-MTTQ",
        OrgUnit.objects.get(name="Công an xã").code,
    ]
    assert plan.legal_bases.count() == 8
    assert PlanImport.objects.get().status == ImportStatus.CONFIRMED
    assert plan.reading["number"] is None and plan.sections


def test_saved_corrections_come_back(client, tree, bodies, users):
    client.force_login(users["commune_officer"])
    upload(client, tree, SEED.name, SEED.read_bytes())
    plan_import = PlanImport.objects.get()
    url = reverse("campaigns:plan_import_review", args=[plan_import.pk])
    client.post(url, {"plan-title": "Tên đã sửa", "plan-symbol": "KH-UBND", "action": "save"})
    page = client.get(url)
    assert page.context["plan_form"]["title"].value() == "Tên đã sửa"
    assert Plan.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.docx", b"PK\x03\x04 not really a zip", None),
        ("ke-hoach.pdf", b"%PDF-1.4 broken", None),
        ("ke-hoach.txt", b"   \n  ", "rỗng"),
        ("ke-hoach.pdf", None, NO_TEXT),
    ],
    ids=["corrupt-docx", "corrupt-pdf", "empty", "scanned-pdf"],
)
def test_bad_uploads_change_nothing(client, tree, users, name, data, message):
    client.force_login(users["commune_officer"])
    response = upload(client, tree, name, scanned_pdf() if data is None else data)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors
    if message:
        assert message in errors[0]
    assert (PlanImport.objects.count(), Plan.objects.count()) == (0, 0)


def test_too_big_is_refused_before_reading(client, tree, users, settings, monkeypatch):
    settings.THIDUA_PLAN_UPLOAD_MAX_BYTES = 1024
    monkeypatch.setattr(importing, "read_upload", lambda *a, **k: pytest.fail("read a too big file"))
    client.force_login(users["commune_officer"])
    response = upload(client, tree, "ke-hoach.txt", b"x" * 2048)
    assert "Tệp quá lớn" in response.context["form"].errors["file"][0]
    assert PlanImport.objects.count() == 0
    with pytest.raises(ReaderError):
        importing.check_upload_size(50 * 1024 * 1024)


def test_others_cannot_import_for_the_commune_or_open_its_review(client, tree, users):
    plan_import = importing.plan_import_create(
        actor=users["commune_officer"],
        issuing_unit=tree["commune_a"],
        filename=SEED.name,
        data=SEED.read_bytes(),
    )
    url = reverse("campaigns:plan_import_review", args=[plan_import.pk])
    for name in ("other_commune", "unit_reporter", "no_role", "council_member"):
        client.force_login(users[name])
        assert client.get(url).status_code == 404
        assert client.post(url, {"action": "confirm"}).status_code == 404
        response = upload(client, tree, SEED.name, SEED.read_bytes())
        assert "issuing_unit" in response.context["form"].errors
    assert (PlanImport.objects.count(), Plan.objects.count()) == (1, 0)


def test_a_docx_upload_is_read_too(client, tree, bodies, users):
    """The commune's own Decree 30 .docx (rendered from the sample plan) reads back into a draft."""
    from thidua.documents.render import plan_spec, render_docx
    from thidua.documents.render.samples import cam_giang_plan

    client.force_login(users["commune_officer"])
    response = upload(client, tree, "ke-hoach.docx", render_docx(plan_spec(cam_giang_plan())))
    draft = PlanImport.objects.get().draft
    assert response.status_code == 302
    assert draft["plan"]["number"] == "05" and draft["plan"]["date"] == "2025-09-05"
    assert len(draft["movements"]) == 7
    assert draft["assignments"][1]["match"] == str(bodies["vhxh"].pk)
