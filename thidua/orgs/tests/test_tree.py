from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.orgs import selectors, services
from thidua.orgs.choices import SuccessionKind, UnitKind
from thidua.orgs.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_paths_follow_the_tree(tree):
    city, commune, department = tree["city"], tree["commune_a"], tree["department_a"]
    assert commune.path.startswith(city.path)
    assert department.path.startswith(commune.path)
    assert (city.depth, commune.depth, department.depth) == (0, 1, 2)
    assert department.ancestor_ids == [city.pk, commune.pk]


def test_subtree_and_ancestors_take_one_query_each(tree):
    commune = tree["commune_a"]
    with CaptureQueriesContext(connection) as queries:
        codes = sorted(unit.code for unit in selectors.orgunit_subtree(commune))
    assert codes == ["A", "A-D", "A-V"]
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        chain = [unit.code for unit in selectors.orgunit_ancestors(tree["department_a"])]
    assert chain == ["C", "A"]
    assert len(queries) == 1


def test_subtree_query_count_does_not_grow_with_depth(admin_user, tree):
    parent = tree["village_a"]
    for level in range(6):
        parent = services.orgunit_create(
            actor=admin_user,
            data={"code": f"deep-{level}", "name": f"Tổ {level}", "kind": UnitKind.OTHER, "parent": parent},
        )
    with CaptureQueriesContext(connection) as queries:
        units = list(selectors.orgunit_subtree(tree["commune_a"]))
        ancestors = list(selectors.orgunit_ancestors(parent))
    assert len(units) == 9
    assert len(ancestors) == 8
    assert len(queries) == 2


def test_moving_a_unit_moves_its_subtree(admin_user, tree):
    village = tree["village_a"]
    child = services.orgunit_create(
        actor=admin_user, data={"code": "A-V-1", "name": "Xóm 1", "kind": UnitKind.OTHER, "parent": village}
    )
    services.orgunit_update(actor=admin_user, unit=village, data={"parent": tree["commune_b"]})
    child.refresh_from_db()
    village.refresh_from_db()
    assert village.path.startswith(tree["commune_b"].path)
    assert child.path.startswith(village.path)
    assert child.depth == 3
    codes = {unit.code for unit in selectors.orgunit_subtree(tree["commune_b"])}
    assert codes == {"B", "B-V", "A-V", "A-V-1"}


def test_a_unit_cannot_move_under_itself(admin_user, tree):
    commune = tree["commune_a"]
    before = OrgUnit.objects.values_list("pk", "path").order_by("pk")
    before = list(before)
    with pytest.raises(ValidationError):
        services.orgunit_update(actor=admin_user, unit=commune, data={"parent": tree["department_a"]})
    assert list(OrgUnit.objects.values_list("pk", "path").order_by("pk")) == before


def test_officer_cannot_move_a_unit_into_another_commune(users, tree):
    village = tree["village_a"]
    with pytest.raises(PermissionDenied):
        services.orgunit_update(
            actor=users["commune_officer"], unit=village, data={"parent": tree["commune_b"]}
        )
    village.refresh_from_db()
    assert village.parent_id == tree["commune_a"].pk


def test_delete_refuses_units_with_children(admin_user, tree):
    with pytest.raises(ValidationError):
        services.orgunit_delete(actor=admin_user, unit=tree["commune_a"])
    assert OrgUnit.objects.filter(pk=tree["commune_a"].pk).exists()


def test_merger_keeps_history(admin_user, tree):
    new = services.orgunit_create(
        actor=admin_user,
        data={
            "code": "AB",
            "name": "Xã Ánh Bình",
            "kind": UnitKind.COMMUNE,
            "parent": tree["city"],
            "valid_from": date(2025, 7, 1),
        },
    )
    services.orgunit_succeed(
        actor=admin_user,
        predecessors=[tree["commune_a"], tree["commune_b"]],
        successor=new,
        kind=SuccessionKind.MERGE,
        effective_date=date(2025, 7, 1),
    )
    tree["commune_a"].refresh_from_db()
    assert tree["commune_a"].valid_to == date(2025, 6, 30)
    assert not tree["commune_a"].is_current
    lineage = selectors.orgunit_lineage(new)
    assert {link.predecessor.code for link in lineage} == {"A", "B"}
    renamed = services.orgunit_create(
        actor=admin_user,
        data={"code": "AB2", "name": "Phường Ánh Bình", "kind": UnitKind.COMMUNE, "parent": tree["city"]},
    )
    services.orgunit_succeed(
        actor=admin_user,
        predecessors=[new],
        successor=renamed,
        kind=SuccessionKind.RENAME,
        effective_date=date(2026, 1, 1),
    )
    assert {link.predecessor.code for link in selectors.orgunit_lineage(renamed)} == {"AB", "A", "B"}


def test_validity_range_is_checked(admin_user, tree):
    with pytest.raises(ValidationError) as error:
        services.orgunit_create(
            actor=admin_user,
            data={
                "code": "X",
                "name": "Sai ngày",
                "kind": UnitKind.OTHER,
                "parent": tree["city"],
                "valid_from": date(2025, 7, 1),
                "valid_to": date(2025, 1, 1),
            },
        )
    assert "valid_to" in error.value.message_dict
    assert not OrgUnit.objects.filter(code="X").exists()


def test_text_is_stored_nfc_and_searchable_without_accents(admin_user, tree):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Trường Mầm non Nông Thôn Mới")
    unit = services.orgunit_create(
        actor=admin_user,
        data={"code": "MN", "name": nfd, "kind": UnitKind.SCHOOL, "parent": tree["commune_a"]},
    )
    unit.refresh_from_db()
    assert unit.name == unicodedata.normalize("NFC", nfd)
    assert OrgUnit.objects.filter(search_text__contains="nong thon moi").get() == unit
