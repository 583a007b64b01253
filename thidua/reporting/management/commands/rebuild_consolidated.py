"""Recompute the pre-aggregated consolidation table from the reports (after a bulk import or a tree move)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from thidua.reporting.consolidated import rebuild


class Command(BaseCommand):
    help = "Rebuild reporting's consolidated values (per parent unit, indicator and period)."

    def add_arguments(self, parser):
        parser.add_argument("--form", type=int, action="append", help="only this form id (repeatable)")

    def handle(self, *args, form=None, **options):
        with transaction.atomic():
            rows = rebuild(form)
        self.stdout.write(f"{rows} rows")
