"""`manage.py impact_report [--edition E] [--agency A] [--since DATE] [--until DATE] [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError

from outcomes.forms import ImpactFilterForm
from outcomes.impact import build_report


class Command(BaseCommand):
    """The impact view's figures for scripts: the same numbers as the admin and its exports.

    Options are validated by the admin's filter form. Exit status 2 on a bad
    option (unknown edition or agency, a date that is not YYYY-MM-DD).
    """

    help = "Print the impact figures (attendance, sector pairs, ladder, kinds)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--edition", default="", help="an edition's slug (French)")
        parser.add_argument("--agency", default="", help="an agency's slug")
        parser.add_argument("--since", default="", help="from this date (YYYY-MM-DD)")
        parser.add_argument("--until", default="", help="until this date (YYYY-MM-DD)")
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")

    def handle(self, *args, **options) -> None:
        form = ImpactFilterForm(
            {key: options[key] for key in ("edition", "agency", "since", "until")}
        )
        if not form.is_valid():
            problems = "; ".join(
                f"--{name}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            raise CommandError(problems, returncode=2)
        report = build_report(form.filters())
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        out = self.stdout.write
        attendance = report["attendance"]
        out(f"editions: {len(report['editions'])}")
        out(
            f"attendances: {attendance['attendances']} ({attendance['people']} people, "
            f"{attendance['first_timers']} first-timers, {attendance['returning']} returning)"
        )
        out(f"encounters: {report['encounters']}")
        out("ladder:")
        for step in report["funnel"]:
            median = step["median_days_from_previous"]
            out(
                f"  {step['stage']:<17} {step['reached']:>6}"
                + (f"  median {median:g} days from the previous step" if median is not None else "")
            )
        out("top sector pairs:")
        for pair in report["sector_pairs"][:10]:
            out(
                f"  {' + '.join(pair['sectors']):<40} {pair['encounters']:>5} encounters, "
                f"{pair['projects_started']:>4} projects"
            )
