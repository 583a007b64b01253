"""Fixtures: a 2025 round of commune A, a person rated "completed well" in its village, a complete dossier."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.accounts.choices import Role
from thidua.accounts.models import RoleGrant, User
from thidua.commendations.models import TaskRating
from thidua.nominations import services
from thidua.nominations.choices import DossierPartKind
from thidua.nominations.demo import minimal_pdf

YEAR = 2025


@pytest.fixture
def chairman(tree):
    user = User.objects.create_user("chairman", password="x-secret-123")
    RoleGrant.objects.create(user=user, role=Role.CHAIRMAN, unit=tree["commune_a"], include_subtree=True)
    return user


@pytest.fixture
def review_round(tree, admin_user):
    return services.round_create(
        actor=admin_user,
        data={
            "commune": tree["commune_a"],
            "year": YEAR,
            "name": "Bình xét thi đua, khen thưởng năm 2025",
            "nominations_due": timezone.localdate() + timedelta(days=10),
        },
    )


@pytest.fixture
def person(tree, make_person):
    person = make_person(
        tree["village_a"], "Nguyễn Văn An", date_of_birth=date(1980, 5, 2), position="Trưởng thôn"
    )
    TaskRating.objects.create(person=person, year=YEAR, rating="httnv")
    return person


@pytest.fixture
def nominate(admin_user, review_round, tree):
    def make(subject, code="lao_dong_tien_tien", actor=None, **extra):
        field = {"Person": "person", "OrgUnit": "unit", "Household": "household"}[type(subject).__name__]
        data = {
            "review_round": review_round,
            field: subject,
            "proposing_unit": tree["village_a"],
            "code": code,
            "summary": "Hoàn thành tốt nhiệm vụ được giao",
        }
        data.update(extra)
        return services.nomination_create(actor=actor or admin_user, data=data)

    return make


def pdf_upload(name="bien-ban.pdf"):
    return SimpleUploadedFile(name, minimal_pdf("Bien ban"), content_type="application/pdf")


@pytest.fixture
def complete(admin_user):
    """Give a nomination every part a title or form needs (proposal, report, minutes)."""

    def fill(nomination, actor=None):
        actor = actor or admin_user
        services.dossier_part_draft(actor=actor, nomination=nomination, kind=DossierPartKind.PROPOSAL)
        services.dossier_part_draft(
            actor=actor, nomination=nomination, kind=DossierPartKind.ACHIEVEMENT_REPORT
        )
        services.dossier_part_upload(
            actor=actor, nomination=nomination, kind=DossierPartKind.MEETING_MINUTES, upload=pdf_upload()
        )
        return nomination

    return fill


@pytest.fixture
def submitted(nominate, person, complete, admin_user):
    nomination = complete(nominate(person))
    return services.nomination_submit(actor=admin_user, nomination=nomination)
