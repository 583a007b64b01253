"""Demo data of this app (called by `thidua demo` after the council demo); safe to run again.

For the 2024 year-end round of xã Cẩm Giang, once the council has passed nominees: the officer's draft, the
decision issued by the chairman (login ``chutich``; the administrator when that login does not exist) with
its number, register numbers and amounts, and the certificates printed (synchronously here, in the
background in the application). Nominees passed for titles the province grants get a draft proposal.
Whatever does not exist yet (the commune, the round, the council's vote) is skipped quietly.
"""

from __future__ import annotations

import contextlib
import logging

from django.core.exceptions import ValidationError

from thidua.accounts.models import User
from thidua.decisions import services
from thidua.decisions.choices import BatchStatus, DecisionKind, DecisionStatus
from thidua.decisions.models import Decision
from thidua.nominations.choices import NominationStatus, RoundKind
from thidua.nominations.models import Nomination, ReviewRound

logger = logging.getLogger(__name__)
COMMUNE_CODE = "HP-CG"
SIGNER = "Vương Đức Dũng"
PORTAL = "http://127.0.0.1:8000"


def build(actor) -> None:
    review_round = (
        ReviewRound.objects.filter(commune__code=COMMUNE_CODE, year=2024, kind=RoundKind.YEAR_END)
        .select_related("commune")
        .first()
    )
    if review_round is None:
        return
    chairman = User.objects.filter(username="chutich").first() or actor
    decision = Decision.objects.filter(review_round=review_round, kind=DecisionKind.DECISION).first()
    waiting = Nomination.objects.filter(
        review_round=review_round, status=NominationStatus.VOTED, decision_entry__isnull=True
    )
    if decision is None and waiting.exists():
        try:
            decision = services.decision_create(
                actor=actor, review_round=review_round, data={"signer_name": SIGNER}
            )
        except ValidationError as error:  # nothing the commune chairman grants, or the window not over
            logger.info("demo decision skipped: %s", error)
            decision = None
    if decision is not None and decision.status == DecisionStatus.DRAFT:
        try:
            decision = services.decision_issue(actor=chairman, decision=decision)
        except ValidationError as error:
            logger.warning("demo decision not issued: %s", error)
            return
    printed = decision is not None and decision.batches.filter(status=BatchStatus.DONE).exists()
    if decision is not None and decision.status != DecisionStatus.DRAFT and not printed:
        from thidua.decisions.tasks import run_batch

        batch = services.batch_create(actor=actor, decision=decision, base_url=PORTAL, run=False)
        run_batch(batch.pk)
    if (
        waiting.exists()
        and not Decision.objects.filter(review_round=review_round, kind=DecisionKind.PROPOSAL).exists()
    ):
        with contextlib.suppress(ValidationError):
            services.decision_create(
                actor=actor,
                review_round=review_round,
                kind=DecisionKind.PROPOSAL,
                data={"signer_name": SIGNER},
            )
