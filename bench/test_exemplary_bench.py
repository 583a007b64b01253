"""Exemplary models at commune scale: list pages and the Báo cáo kết quả section. See bench/exemplary.md.

Dataset: a commune with 40 units and 1,000 models (bulk-created: a quarter of each status, one photo row and
three before/after rows each) and 4,000 adoptions. Cases, each against a floor measured in the same run:

- the app's list page (``/models/``, 25 rows with the replication count, commune officer) and the portal's
  list (``/portal/models/``, 24 cards) vs rendering the portal's front page (same stack, no query);
- ``recognised_models`` for a year (the report section: 500 models with their adopting units) vs the same
  rows (model, unit name, adopting unit names) fetched through a plain cursor.
"""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone
from timing import best_of, record

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.exemplary.choices import ModelStatus
from thidua.exemplary.models import ExemplaryModel, ModelAdoption, ModelIndicator, ModelPhoto
from thidua.exemplary.selectors import recognised_models
from thidua.orgs import services as org_services
from thidua.orgs.choices import UnitKind
from thidua.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db
UNITS, MODELS, ADOPTIONS = 40, 1000, 4000
STATUSES = [ModelStatus.DRAFT, ModelStatus.PROPOSED, ModelStatus.VERIFIED, ModelStatus.PUBLISHED]


@pytest.fixture
def commune(admin_user):
    def unit(code, name, kind, parent=None):
        return org_services.orgunit_create(
            actor=admin_user, data={"code": code, "name": name, "kind": kind, "parent": parent}
        )

    city = unit("EB", "Thành phố Bench", UnitKind.PROVINCE)
    commune = unit("EB-X", "Xã Bench", UnitKind.COMMUNE, city)
    units = [unit(f"EB-X-{i:02d}", f"Thôn Bench {i:02d}", UnitKind.VILLAGE, commune) for i in range(UNITS)]
    when = timezone.make_aware(datetime(2025, 6, 1, 9, 0))
    models = ExemplaryModel.objects.bulk_create(
        ExemplaryModel(
            title=f"Mô hình {i:04d}",
            unit=units[i % UNITS],
            summary="Tóm tắt mô hình",
            status=STATUSES[i % 4],
            verified_at=when if i % 4 >= 2 else None,
            published_at=when if i % 4 == 3 else None,
        )
        for i in range(MODELS)
    )
    ModelPhoto.objects.bulk_create(
        ModelPhoto(model=m, image="models/x.png", kind="png", width=1, height=1, size=1) for m in models
    )
    ModelIndicator.objects.bulk_create(
        ModelIndicator(model=m, name=f"Chỉ tiêu {k}", before_value=k, after_value=k + 5, order=k)
        for m in models
        for k in range(3)
    )
    published = [m for m in models if m.status == ModelStatus.PUBLISHED]
    pairs = [(m, units[(m.unit_id + k) % UNITS]) for m in published for k in range(1, 17)][:ADOPTIONS]
    ModelAdoption.objects.bulk_create(
        ModelAdoption(model=m, unit=u, adopted_on=date(2025, 7, 1)) for m, u in pairs if u.pk != m.unit_id
    )
    officer = User.objects.create_user("bench-officer", password="x-bench-123")
    RoleGrant.objects.create(user=officer, role=Role.COMMUNE_OFFICER, unit=commune, include_subtree=True)
    return commune, officer


def report(benchmark, name: str, floor: float) -> None:
    record(benchmark, f"{name} on {connection.vendor}", floor, vendor=connection.vendor, models=MODELS)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_app_list_page(benchmark, commune):
    _, officer = commune
    client = Client()
    client.force_login(officer)
    floor = best_of(lambda: _get(client, "/portal/"))
    response = benchmark.pedantic(_get, args=(client, "/models/"), rounds=5, iterations=1, warmup_rounds=1)
    assert "1000 kết quả" in response.content.decode() or "1.000" in response.content.decode()
    report(benchmark, "app list page, 1,000 models", floor)


def test_portal_list_page(benchmark, commune):
    client = Client()
    floor = best_of(lambda: _get(client, "/portal/"))
    response = benchmark.pedantic(
        _get, args=(client, "/portal/models/"), rounds=5, iterations=1, warmup_rounds=1
    )
    assert response.content.decode().count('class="model-card"') == 24
    report(benchmark, "portal list page, 250 published", floor)


def test_report_section(benchmark, commune):
    root, _ = commune
    table = ExemplaryModel._meta.db_table

    unit_table, adoption_table = OrgUnit._meta.db_table, ModelAdoption._meta.db_table

    def raw():
        """The same rows (model, its unit's name, each adopting unit's name) through a plain cursor."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.id, m.title, u.name, au.name FROM {table} m JOIN {unit_table} u ON u.id = m.unit_id "
                f"LEFT JOIN {adoption_table} a ON a.model_id = m.id LEFT JOIN {unit_table} au ON au.id = a.unit_id "
                "WHERE m.status IN ('verified', 'published') AND u.path LIKE %s "
                "AND m.verified_at >= %s AND m.verified_at < %s ORDER BY u.path, m.title, m.id",
                [root.path + "%", datetime(2025, 1, 1), datetime(2026, 1, 1)],
            )
            rows = cursor.fetchall()
        return len({row[0] for row in rows})

    floor = best_of(raw, 10)
    result = benchmark.pedantic(
        recognised_models,
        kwargs={"root": root, "start": date(2025, 1, 1), "end": date(2025, 12, 31)},
        rounds=5,
        iterations=1,
        warmup_rounds=1,
    )
    assert len(result) == raw() == MODELS // 2
    report(benchmark, "report section, 500 recognised models", floor)
