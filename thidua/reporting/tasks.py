"""Background tasks of periodic reporting (Django's tasks API; the database backend runs them in
``thidua db_worker``).

Daily schedule: cron (or a systemd timer) enqueues the digest once a day, e.g.

    30 6 * * 1-5  cd /srv/thidua && .venv/bin/thidua shell -c "from thidua.reporting.tasks import enqueue_reminders; enqueue_reminders()"

Running it twice the same day is harmless: each user gets at most one digest per day.
"""

from __future__ import annotations

from datetime import date

from django.tasks import task
from django.utils import timezone

from thidua.reporting.notifications import send_digests


@task()
def send_report_reminders(
    today_iso: str, form_id: int | None = None, unit_ids: list[int] | None = None
) -> int:
    """Email each unit reporter one digest of the reports due soon or overdue; returns how many were sent.

    With ``form_id`` and ``unit_ids`` (the "remind these units" button) only those are reminded, under a
    separate daily key so the scheduled digest still goes out.
    """
    today = date.fromisoformat(today_iso)
    key = "daily" if form_id is None else f"form-{form_id}"
    return send_digests(today, key=key, form_ids=[form_id] if form_id else None, unit_ids=unit_ids or None)


def enqueue_reminders(today: date | None = None):
    """Queue today's digest (what the daily cron line calls)."""
    return send_report_reminders.enqueue((today or timezone.localdate()).isoformat())
