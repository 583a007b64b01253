"""Helpers for the commendation tests: records written through the services, as the app does."""

import pytest

from thidua.commendations import services
from thidua.commendations.models import (
    AwardRecord,
    DisciplineRecord,
    InitiativeRecord,
    PendingReview,
    TaskRating,
)

MODELS = {
    "rating": TaskRating,
    "award": AwardRecord,
    "initiative": InitiativeRecord,
    "discipline": DisciplineRecord,
    "review": PendingReview,
}


@pytest.fixture
def record(admin_user):
    def make(record_type: str, /, **data):
        return services.record_create(actor=admin_user, model=MODELS[record_type], data=data)

    return make
