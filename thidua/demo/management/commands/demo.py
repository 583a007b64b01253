from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from thidua.accounts import demo as accounts_demo
from thidua.campaigns import demo as campaigns_demo
from thidua.commendations import demo as commendations_demo
from thidua.council import demo as council_demo
from thidua.decisions import demo as decisions_demo
from thidua.exemplary import demo as exemplary_demo
from thidua.nominations import demo as nominations_demo
from thidua.orgs import demo as orgs_demo
from thidua.reporting import demo as reporting_demo


class Command(BaseCommand):
    help = "Load the Cẩm Giang demo (Hải Phòng -> xã Cẩm Giang). Safe to run again."

    def handle(self, *args, **options):
        translation.activate("vi")
        with transaction.atomic():
            actor = accounts_demo.system_user()
            orgs_demo.build(actor)
            rows = accounts_demo.build(actor)
            campaigns_demo.build(actor)
            commendations_demo.build(actor)
            reporting_demo.build(actor)
            exemplary_demo.build(actor)
            nominations_demo.build(actor)
            council_demo.build(actor)
            decisions_demo.build(actor)
        self.stdout.write("")
        self.stdout.write(f"Tài khoản demo (mật khẩu chung: {accounts_demo.DEMO_PASSWORD})")
        for username, role, unit in rows:
            self.stdout.write(f"  {username:<10} {role:<28} {unit}")
        self.stdout.write("")
