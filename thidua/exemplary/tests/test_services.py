"""The transition table, who may take each step, adoptions and what the history records."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.exemplary import services
from thidua.exemplary.choices import ModelStatus as S
from thidua.exemplary.models import ExemplaryModel, ModelAdoption, ModelIndicator, ModelPhoto
from thidua.exemplary.tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def call(target, actor, model):
    if target == S.RETURNED:
        return services.model_return(actor=actor, model=model, reason="Thiếu số liệu")
    if target == S.WITHDRAWN:
        return services.model_withdraw(actor=actor, model=model, reason="Trùng mô hình khác")
    return services.STEPS[target](actor=actor, model=model)


def test_the_whole_path_and_its_history(make_model, users, admin_user):
    reporter, officer = users["unit_reporter"], users["commune_officer"]
    model = make_model(actor=reporter)
    assert model.status == S.DRAFT
    services.photo_add(actor=reporter, model=model, data=image_bytes(), caption="Ảnh")
    services.model_propose(actor=reporter, model=model)
    services.model_return(actor=officer, model=model, reason="Bổ sung ảnh trước khi làm")
    model.refresh_from_db()
    assert model.status == S.RETURNED and model.return_reason == "Bổ sung ảnh trước khi làm"
    services.model_propose(actor=reporter, model=model)
    services.model_verify(actor=officer, model=model)
    services.model_publish(actor=officer, model=model)
    model.refresh_from_db()
    assert model.status == S.PUBLISHED and model.verified_by == officer and model.published_at
    assert model.return_reason == ""
    statuses = list(model.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["draft", "proposed", "returned", "proposed", "verified", "published"]
    assert model.history.filter(history_change_reason="Bổ sung ảnh trước khi làm").exists()


ILLEGAL = [
    (source, target)
    for source in S.values
    for target in (S.PROPOSED, S.RETURNED, S.VERIFIED, S.PUBLISHED, S.WITHDRAWN)
    if target not in services.TRANSITIONS[source] and not (source == target == S.PROPOSED)
]


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_illegal_step_is_refused_and_changes_nothing(source, target, make_model, admin_user):
    model = make_model()
    services.photo_add(actor=admin_user, model=model, data=image_bytes())
    ExemplaryModel.objects.filter(pk=model.pk).update(status=source)
    before = model.history.count()
    with pytest.raises(ValidationError) as error:
        call(target, admin_user, ExemplaryModel.objects.get(pk=model.pk))
    assert "không thể chuyển từ" in str(error.value)
    model.refresh_from_db()
    assert model.status == source and model.history.count() == before


def test_illegal_pairs_cover_the_table():
    # 6 statuses × 5 targets, minus the 11 allowed moves and proposing what is proposed (a no-op)
    assert sum(len(targets) for targets in services.TRANSITIONS.values()) == 11
    assert len(ILLEGAL) == 30 - 11 - 1


def test_proposing_twice_changes_nothing(make_model, admin_user):
    model = services.model_propose(actor=admin_user, model=make_model())
    count = model.history.count()
    services.model_propose(actor=admin_user, model=model)
    assert model.history.count() == count


def test_return_and_withdraw_need_a_reason(make_model, admin_user):
    model = services.model_propose(actor=admin_user, model=make_model())
    with pytest.raises(ValidationError, match="lý do trả lại mô hình"):
        services.model_return(actor=admin_user, model=model, reason="  ")
    with pytest.raises(ValidationError, match="lý do rút mô hình"):
        services.model_withdraw(actor=admin_user, model=model, reason="")
    model.refresh_from_db()
    assert model.status == S.PROPOSED


def test_publishing_needs_a_photo_and_a_before_after_figure(make_model, admin_user):
    model = make_model(indicators=False)
    services.model_propose(actor=admin_user, model=model)
    services.model_verify(actor=admin_user, model=model)
    with pytest.raises(ValidationError) as error:
        services.model_publish(actor=admin_user, model=model)
    needed = "Trước khi công bố, cần bổ sung ít nhất một ảnh và một chỉ tiêu có số liệu trước và sau."
    assert needed in str(error.value)
    model.refresh_from_db()
    assert model.status == S.VERIFIED and model.published_at is None


# --- Permission matrix ----------------------------------------------------------------------------------------


MATRIX_CREATE = {
    "anonymous": False,
    "no_role": False,
    "other_commune": False,
    "council_member": False,
    "unit_reporter": True,
    "commune_officer": True,
}


def actor_for(users, name):
    return AnonymousUser() if name == "anonymous" else users[name]


@pytest.mark.parametrize(("who", "allowed"), MATRIX_CREATE.items())
def test_create_and_propose(who, allowed, users, make_model, tree, admin_user):
    actor = actor_for(users, who)
    if not allowed:
        with pytest.raises(PermissionDenied):
            make_model(actor=actor)
        assert not ExemplaryModel.objects.exists() and not ModelIndicator.objects.exists()
        model = make_model()
        with pytest.raises(PermissionDenied):
            services.model_propose(actor=actor, model=model)
        model.refresh_from_db()
        assert model.status == S.DRAFT
    else:
        model = services.model_propose(actor=actor, model=make_model(actor=actor))
        assert model.status == S.PROPOSED


@pytest.mark.parametrize(
    ("who", "allowed"),
    {**MATRIX_CREATE, "unit_reporter": False, "city_officer": True}.items(),
)
def test_verify_publish_return_need_the_commune(who, allowed, users, make_model, admin_user):
    actor = actor_for(users, who)
    model = services.model_propose(actor=admin_user, model=make_model())
    if allowed:
        assert services.model_verify(actor=actor, model=model).status == S.VERIFIED
        return
    for step in (S.VERIFIED, S.RETURNED):
        with pytest.raises(PermissionDenied):
            call(step, actor, model)
    model.refresh_from_db()
    assert model.status == S.PROPOSED and model.verified_by is None


def test_the_unit_withdraws_before_verification_only(users, make_model, admin_user):
    reporter = users["unit_reporter"]
    draft = make_model(actor=reporter)
    assert services.model_withdraw(actor=reporter, model=draft, reason="Nhầm").status == S.WITHDRAWN
    model = services.model_propose(actor=admin_user, model=make_model(title="Khác"))
    services.model_verify(actor=admin_user, model=model)
    with pytest.raises(PermissionDenied):
        services.model_withdraw(actor=reporter, model=model, reason="Thôi")
    model.refresh_from_db()
    assert model.status == S.VERIFIED


def test_the_unit_edits_only_a_draft_or_returned_model(users, make_model, admin_user):
    reporter, officer = users["unit_reporter"], users["commune_officer"]
    model = make_model(actor=reporter)
    services.model_update(actor=reporter, model=model, data={"title": "Đường hoa xanh"})
    services.model_propose(actor=reporter, model=model)
    with pytest.raises(ValidationError, match="chỉ sửa được mô hình đang soạn hoặc bị trả lại"):
        services.model_update(actor=reporter, model=model, data={"title": "Đổi tên"})
    with pytest.raises(ValidationError):
        services.photo_add(actor=reporter, model=model, data=image_bytes())
    model.refresh_from_db()
    assert model.title == "Đường hoa xanh" and not ModelPhoto.objects.exists()
    services.model_update(actor=officer, model=model, data={"title": "Đường hoa tự quản thôn Đông"})
    with pytest.raises(PermissionDenied):
        services.model_update(actor=users["other_commune"], model=model, data={"title": "X"})


def test_a_unit_cannot_move_its_model_to_a_unit_it_does_not_hold(users, make_model, tree):
    reporter = users["unit_reporter"]
    model = make_model(actor=reporter)
    with pytest.raises(PermissionDenied):
        services.model_update(actor=reporter, model=model, data={"unit": tree["village_b"]})
    model.refresh_from_db()
    assert model.unit == tree["village_a"]


def test_person_must_belong_to_the_unit(make_model, make_person, tree):
    stranger = make_person(tree["village_b"])
    with pytest.raises(ValidationError, match="phải thuộc đơn vị thực hiện mô hình"):
        make_model(person=stranger)
    assert not ExemplaryModel.objects.exists()


def test_indicators_are_replaced_as_edited(make_model, admin_user):
    model = make_model()
    first = model.indicators.get()
    services.indicators_replace(
        actor=admin_user,
        model=model,
        rows=[
            {
                "id": first.pk,
                "name": "Chiều dài",
                "unit_of_measure": "m",
                "before_value": 100,
                "after_value": 250,
            },
            {"name": "Số hộ tham gia", "unit_of_measure": "hộ", "before_value": None, "after_value": 80},
        ],
    )
    rows = list(model.indicators.all())
    assert [(r.name, r.change, r.percent) for r in rows] == [
        ("Chiều dài", 150, 150),
        ("Số hộ tham gia", None, None),
    ]
    assert rows[0].pk == first.pk


# --- Adoptions ------------------------------------------------------------------------------------------------


def test_adoption_counts_and_its_refusals(published, tree, users, admin_user):
    officer = users["commune_officer"]
    services.adoption_add(
        actor=officer, model=published, unit=tree["department_a"], adopted_on=date(2025, 10, 1)
    )
    # twice: refused, nothing changed
    with pytest.raises(ValidationError, match="đã nhân rộng mô hình này rồi"):
        services.adoption_add(
            actor=officer, model=published, unit=tree["department_a"], adopted_on=date(2025, 11, 1)
        )
    # the owner unit itself
    with pytest.raises(ValidationError, match="không thể nhân rộng mô hình của chính mình"):
        services.adoption_add(
            actor=officer, model=published, unit=tree["village_a"], adopted_on=date(2025, 11, 1)
        )
    # a unit of another commune adopts it through its own officer
    services.adoption_add(
        actor=users["other_commune"], model=published, unit=tree["village_b"], adopted_on=date(2025, 11, 2)
    )
    assert list(published.adoptions.values_list("unit__code", "adopted_on")) == [
        ("A-D", date(2025, 10, 1)),
        ("B-V", date(2025, 11, 2)),
    ]


def test_only_published_models_are_adopted(make_model, tree, admin_user):
    model = services.model_propose(actor=admin_user, model=make_model())
    with pytest.raises(ValidationError, match="Chỉ nhân rộng được mô hình đã công bố"):
        services.adoption_add(
            actor=admin_user, model=model, unit=tree["department_a"], adopted_on=date(2025, 1, 1)
        )
    assert not ModelAdoption.objects.exists()


def test_adoption_date_not_in_the_future(published, tree, admin_user):
    with pytest.raises(ValidationError, match="Ngày áp dụng không được sau ngày hôm nay"):
        services.adoption_add(
            actor=admin_user, model=published, unit=tree["department_a"], adopted_on=date(2999, 1, 1)
        )
    assert not ModelAdoption.objects.exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    {
        "anonymous": False,
        "no_role": False,
        "other_commune": False,
        "council_member": False,
        "unit_reporter": False,  # holds village_a only, not the department
        "commune_officer": True,
    }.items(),
)
def test_adoption_needs_change_on_the_adopting_unit(who, allowed, published, tree, users):
    actor = actor_for(users, who)
    if allowed:
        services.adoption_add(
            actor=actor, model=published, unit=tree["department_a"], adopted_on=date(2025, 5, 1)
        )
        assert published.adoptions.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            services.adoption_add(
                actor=actor, model=published, unit=tree["department_a"], adopted_on=date(2025, 5, 1)
            )
        assert not ModelAdoption.objects.exists()


def test_adoption_removed_by_the_adopting_unit_not_by_a_stranger(published, tree, users, admin_user):
    adoption = services.adoption_add(
        actor=admin_user, model=published, unit=tree["village_b"], adopted_on=date(2025, 5, 1)
    )
    with pytest.raises(PermissionDenied):
        services.adoption_remove(actor=users["unit_reporter"], adoption=adoption)
    assert ModelAdoption.objects.count() == 1
    services.adoption_remove(actor=users["other_commune"], adoption=adoption)
    assert not ModelAdoption.objects.exists()
