"""Ballot secrecy: no table links a ballot slip to its voter, and nothing records when a slip was written."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from thidua.council import services
from thidua.council.models import BallotSlip, CouncilMember, SessionAttendance, VoteMark
from thidua.council.tests.conftest import all_choices, member_user

pytestmark = pytest.mark.django_db

USER_MODEL = apps.get_model(settings.AUTH_USER_MODEL)
VOTER_MODELS = {CouncilMember, VoteMark, SessionAttendance, USER_MODEL, apps.get_model("orgs", "Person")}


def related_models(model) -> set:
    """Models this one points at (foreign keys, one-to-one, many-to-many, generic relations)."""
    return {
        field.related_model
        for field in model._meta.get_fields()
        if field.is_relation and field.related_model and (field.concrete or field.many_to_many)
    }


def test_slip_has_no_relation_to_a_voter_or_a_mark():
    assert related_models(BallotSlip) & VOTER_MODELS == set()
    # Its only outgoing link is the agenda item (candidate); nothing points back at a slip.
    outgoing = {f.name for f in BallotSlip._meta.get_fields() if f.is_relation and f.concrete}
    assert outgoing == {"item"}
    assert not [f for f in BallotSlip._meta.get_fields() if f.is_relation and not f.concrete]


def test_no_model_in_the_project_links_slips_to_voters():
    for model in apps.get_models():
        targets = related_models(model)
        if model is BallotSlip:
            continue
        assert BallotSlip not in targets, f"{model.__name__} points at ballot slips"
        assert VoteMark not in targets, f"{model.__name__} points at voted marks"
    # The ballot's own links: candidate only; a mark's: session and member only.
    assert related_models(BallotSlip) == {apps.get_model("council", "AgendaItem")}
    assert related_models(VoteMark) == {apps.get_model("council", "CouncilSession"), CouncilMember}


def test_mark_records_no_choice():
    names = {f.name for f in VoteMark._meta.get_fields()}
    assert names == {"id", "session", "member"}


@pytest.mark.parametrize("model", [BallotSlip, VoteMark])
def test_no_timestamp_no_sequential_id_no_history(model):
    fields = model._meta.concrete_fields
    assert not [
        f for f in fields if isinstance(f, models.DateTimeField | models.DateField | models.TimeField)
    ]
    assert isinstance(model._meta.pk, models.UUIDField)
    assert not [
        f for f in fields if isinstance(f, models.AutoField | models.BigAutoField | models.IntegerField)
    ]
    history_names = {m.__name__ for m in apps.get_models() if m.__name__.startswith("Historical")}
    assert f"Historical{model.__name__}" not in history_names
    assert not hasattr(model, "history")


def test_nothing_in_the_database_says_who_chose_what(open_session, council):
    user = member_user(council, 2)
    receipt = services.ballot_cast(
        actor=user, session=open_session, choices=all_choices(open_session, "disagree")
    )
    member = council.members.get(user=user)
    # The slip rows carry only the candidate, the choice, the channel and the receipt's hash.
    row = BallotSlip.objects.values().first()
    assert set(row) == {"id", "item_id", "choice", "channel", "receipt_hash"}
    assert str(member.pk) not in row.values() and str(user.pk) not in map(str, row.values())
    assert receipt.code not in row.values()
    # No history row anywhere was written for the ballot.
    for model in apps.get_models():
        if model.__name__.startswith("Historical") and "history_user" in {f.name for f in model._meta.fields}:
            assert not model.objects.filter(history_user=user).exists(), model.__name__
