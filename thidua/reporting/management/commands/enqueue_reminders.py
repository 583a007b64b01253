from django.core.management.base import BaseCommand

from thidua.reporting.tasks import enqueue_reminders


class Command(BaseCommand):
    help = "Queue today's report-reminder digests (run daily, e.g. from cron; `thidua db_worker` sends them)."

    def handle(self, *args, **options):
        result = enqueue_reminders()
        self.stdout.write(f"Queued reminder digests: task {result.id}")
