"""What the unit's reporter reads in order: the kind of nominee, the nominee, the title, then the details;
the dossier parts in the order of the dossier."""

import re

import pytest
from django.urls import reverse

from thidua.nominations import services
from thidua.nominations.choices import DossierPartKind

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db


def test_the_form_asks_who_then_which_one_then_what(client, users, review_round):
    client.force_login(users["commune_officer"])
    response = client.get(reverse("nominations:nomination_create", args=[review_round.pk]))
    html = response.content.decode()
    names = re.findall(r'class="field[^"]* field-([a-z_]+)"', html)
    assert names[:6] == ["subject_kind", "person", "unit", "household", "target", "proposing_unit"]
    assert set(names) >= {"category", "field_of_work", "position", "summary"}


def test_dossier_parts_are_listed_in_the_order_of_the_dossier(client, users, nominate, person, admin_user):
    nomination = nominate(person)
    # Attached in the reverse order of the dossier: minutes first, the submission last.
    services.dossier_part_upload(
        actor=admin_user, nomination=nomination, kind=DossierPartKind.MEETING_MINUTES, upload=pdf_upload()
    )
    services.dossier_part_draft(
        actor=admin_user, nomination=nomination, kind=DossierPartKind.ACHIEVEMENT_REPORT
    )
    services.dossier_part_draft(actor=admin_user, nomination=nomination, kind=DossierPartKind.PROPOSAL)
    client.force_login(users["commune_officer"])
    response = client.get(reverse("nominations:nomination", args=[nomination.pk]), {"tab": "dossier"})
    table = response.content.decode().split('id="parts"', 1)[1].split("</table>", 1)[0]
    labels = [str(DossierPartKind(kind).label) for kind in DossierPartKind.values[:3]]
    positions = [table.index(label) for label in labels]
    assert positions == sorted(positions), labels
