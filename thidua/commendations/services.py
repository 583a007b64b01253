"""Writes of commendation records. Every write checks the actor's scope on the subject and keeps history."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from thidua.commendations.models import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    SubjectRecord,
    TaskRating,
)
from thidua.core.scoping import CHANGE, DELETE
from thidua.core.services import audited_delete, audited_save, require


def _stored(record: SubjectRecord) -> SubjectRecord:
    return type(record).objects.select_related("person__unit", "unit", "household__village").get(pk=record.pk)


@transaction.atomic
def record_create(
    *, actor, model: type[SubjectRecord], data: dict[str, Any], reason: str = ""
) -> SubjectRecord:
    """Create a record of any kind for the subject named in ``data`` (person, unit or household)."""
    record = model(**data)
    require(actor, CHANGE, record)
    audited_save(record, actor=actor, reason=reason)
    return record


@transaction.atomic
def record_update(*, actor, record: SubjectRecord, data: dict[str, Any], reason: str = "") -> SubjectRecord:
    """Change a record; its subject cannot change (delete and create instead)."""
    require(actor, CHANGE, _stored(record))
    for name, value in data.items():
        if name not in {"person", "unit", "household", "person_id", "unit_id", "household_id"}:
            setattr(record, name, value)
    audited_save(record, actor=actor, reason=reason)
    return record


@transaction.atomic
def record_delete(*, actor, record: SubjectRecord, reason: str = "") -> None:
    require(actor, DELETE, _stored(record))
    audited_delete(record, actor=actor, reason=reason)


def rating_create(*, actor, data: dict[str, Any], reason: str = "") -> SubjectRecord:
    return record_create(actor=actor, model=TaskRating, data=data, reason=reason)


def award_create(*, actor, data: dict[str, Any], reason: str = "") -> SubjectRecord:
    return record_create(actor=actor, model=AwardRecord, data=data, reason=reason)


def initiative_create(*, actor, data: dict[str, Any], reason: str = "") -> SubjectRecord:
    return record_create(actor=actor, model=InitiativeRecord, data=data, reason=reason)


def discipline_create(*, actor, data: dict[str, Any], reason: str = "") -> SubjectRecord:
    return record_create(actor=actor, model=DisciplineRecord, data=data, reason=reason)


def review_create(*, actor, data: dict[str, Any], reason: str = "") -> SubjectRecord:
    return record_create(actor=actor, model=PendingReview, data=data, reason=reason)
