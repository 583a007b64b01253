"""Background printing of certificates (Django's tasks API; ``thidua db_worker`` runs the queue)."""

from __future__ import annotations

import logging

from django.tasks import task

logger = logging.getLogger(__name__)


def run_batch(batch_id: int) -> str:
    """Lay out every certificate of the batch, reporting progress after each chunk; returns the status."""
    from thidua.decisions import certificates, services
    from thidua.decisions.models import CertificateBatch

    batch = services.batch_start(batch_id)
    if batch is None:
        return CertificateBatch.objects.get(pk=batch_id).status
    try:
        decision = batch.decision
        base = certificates.public_base_url(batch.base_url)
        items = certificates.certificates_of(decision, base)
        pdf = certificates.render_pdf(
            items,
            mode=batch.mode,
            offset_x=batch.offset_x_mm,
            offset_y=batch.offset_y_mm,
            progress=lambda done: services.batch_progress(batch_id, done),
        )
    except Exception as error:  # the batch records the failure for the user; the log keeps the trace
        logger.exception("certificate batch %s failed", batch_id)
        return services.batch_finish(batch_id, pdf=None, error=str(error)).status
    return services.batch_finish(batch_id, pdf=pdf).status


@task()
def make_certificates(batch_id: int) -> str:
    return run_batch(batch_id)
