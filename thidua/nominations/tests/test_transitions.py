"""Every pair of statuses against the transition tables: allowed moves happen, the others are refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.nominations import services
from thidua.nominations.choices import NominationStatus, RoundStatus
from thidua.nominations.models import Nomination, ReviewRound
from thidua.nominations.services import NOMINATION_TRANSITIONS, ROUND_TRANSITIONS

pytestmark = pytest.mark.django_db
S = NominationStatus


def _call(target: str, actor, nomination):
    if target == S.SUBMITTED:
        return services.nomination_submit(actor=actor, nomination=nomination)
    if target == S.RETURNED:
        return services.nomination_return(actor=actor, nomination=nomination, reason="Thiếu biên bản")
    if target == S.ACCEPTED:
        return services.nomination_accept(actor=actor, nomination=nomination, checks=[])
    if target in (S.VOTED, S.NOT_PASSED):
        return services.nomination_record_vote(
            actor=actor,
            nomination=nomination,
            votes_for=7,
            percent=Decimal("87.50"),
            passed=target == S.VOTED,
        )
    if target == S.DECIDED:
        return services.nomination_decide(actor=actor, nomination=nomination, reason="QĐ 05/QĐ-UBND")
    if target == S.PROPOSED:
        return services.nomination_propose(actor=actor, nomination=nomination, reason="TTr 03/TTr-UBND")
    raise AssertionError(target)


SERVICE_TARGETS = [S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.VOTED, S.NOT_PASSED, S.DECIDED, S.PROPOSED]


@pytest.mark.parametrize("source", list(S))
@pytest.mark.parametrize("target", SERVICE_TARGETS)
def test_every_nomination_transition_through_the_services(source, target, nominate, person, admin_user):
    nomination = nominate(person)
    Nomination.objects.filter(pk=nomination.pk).update(status=source)
    before = Nomination.history.filter(id=nomination.pk).count()
    allowed = target in NOMINATION_TRANSITIONS[source] or (source == target == S.SUBMITTED)
    if allowed:
        _call(target, admin_user, nomination)
        nomination.refresh_from_db()
        assert nomination.status == target
    else:
        with pytest.raises(ValidationError) as error:
            _call(target, admin_user, nomination)
        assert "cannot go from" in str(error.value) or "không thể chuyển" in str(error.value)
        nomination.refresh_from_db()
        assert nomination.status == source
        assert Nomination.history.filter(id=nomination.pk).count() == before


@pytest.mark.parametrize("source", list(S))
@pytest.mark.parametrize("target", list(S))
def test_transition_table_is_the_only_way(source, target, nominate, person):
    nomination = nominate(person)
    nomination.status = source
    if target in NOMINATION_TRANSITIONS[source]:
        services._move(nomination, target)
        assert nomination.status == target
    else:
        with pytest.raises(ValidationError):
            services._move(nomination, target)
        assert nomination.status == source


@pytest.mark.parametrize("source", list(RoundStatus))
@pytest.mark.parametrize("target", list(RoundStatus))
def test_every_round_transition(source, target, review_round, admin_user):
    ReviewRound.objects.filter(pk=review_round.pk).update(status=source)
    if target in ROUND_TRANSITIONS[source]:
        services.round_mark(actor=admin_user, review_round=review_round, status=target)
        review_round.refresh_from_db()
        assert review_round.status == target
    else:
        with pytest.raises(ValidationError):
            services.round_mark(actor=admin_user, review_round=review_round, status=target)
        review_round.refresh_from_db()
        assert review_round.status == source


def test_a_session_result_is_recorded_all_or_nothing_with_a_history_row_each(nominate, person, admin_user):
    first, second = nominate(person), nominate(person)
    Nomination.objects.filter(pk__in=[first.pk, second.pk]).update(status=S.DISCLOSED)
    services.nomination_record_votes(
        actor=admin_user,
        results=[(first, 8, Decimal("88.89"), True), (second, 7, Decimal("77.78"), False)],
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.votes_for, second.status, second.votes_for) == (S.VOTED, 8, S.NOT_PASSED, 7)
    latest = Nomination.history.filter(id=second.pk).latest("history_date")
    assert latest.history_user == admin_user
    assert "7" in latest.history_change_reason and "77.78" in latest.history_change_reason

    third = nominate(person)  # still a draft: the whole result is refused, the others untouched
    Nomination.objects.filter(pk=first.pk).update(status=S.DISCLOSED)
    with pytest.raises(ValidationError):
        services.nomination_record_votes(
            actor=admin_user, results=[(first, 9, Decimal("100"), True), (third, 9, Decimal("100"), True)]
        )
    first.refresh_from_db()
    assert (first.status, first.votes_for) == (S.DISCLOSED, 8)
