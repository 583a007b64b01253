from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from thidua.reporting import synth


class Command(BaseCommand):
    help = (
        "Build a reproducible synthetic dataset for benchmarks: a city -> N communes -> M units each, "
        "K indicators, one monthly form, P monthly periods of reports and values (bulk inserts; COPY on "
        "PostgreSQL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, required=True)
        parser.add_argument("--units-per-commune", type=int, required=True)
        parser.add_argument("--indicators", type=int, required=True)
        parser.add_argument("--periods", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace", action="store_true", help="delete the synthetic city of this seed first"
        )
        parser.add_argument("--batch-size", type=int, default=synth.BATCH)

    def handle(self, *args, **options):
        for name in ("communes", "units_per_commune", "indicators", "periods"):
            if options[name] < 1:
                raise CommandError(_("--%(name)s must be at least 1.") % {"name": name.replace("_", "-")})
        try:
            result = synth.build(
                communes=options["communes"],
                units_per_commune=options["units_per_commune"],
                indicators=options["indicators"],
                periods=options["periods"],
                seed=options["seed"],
                replace=options["replace"],
                batch=options["batch_size"],
                log=lambda line: self.stdout.write(f"  {line}"),
            )
        except synth.SynthExists:
            raise CommandError(
                _(
                    "A synthetic city with seed %(seed)s already exists (code %(code)s). "
                    "Run again with --replace to rebuild it, or choose another --seed."
                )
                % {"seed": options["seed"], "code": synth.city_code(options["seed"])}
            ) from None
        statuses = ", ".join(f"{name} {count:,}" for name, count in sorted(result.by_status.items()))
        self.stdout.write(
            f"{result.city.code} ({result.city.name}, id {result.city.pk}): {result.communes:,} communes, "
            f"{result.units:,} units, {result.indicators} indicators, form {result.form.code} "
            f"(id {result.form.pk}), {result.periods} monthly periods, {result.reports:,} reports "
            f"({statuses}), {result.values:,} values in {result.seconds:.1f} s"
        )
