"""`manage.py people_export [--format csv|xlsx|json] [--output FILE] [--purpose directory|mailing]
[--include-refused] [--include-inactive]`.

Synchronous, for scripts and cron; the admin's exports run in the background.
"""

import sys

from django.core.management.base import BaseCommand

from people.export import PURPOSES, export_people
from people.models import Person


class Command(BaseCommand):
    """Export the people directory (active people, merged ones excluded); recorded in the audit."""

    help = "Export the people directory as CSV, XLSX or JSON (formula cells escaped)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument("--include-inactive", action="store_true")
        parser.add_argument(
            "--purpose",
            choices=PURPOSES.values,
            default=PURPOSES.DIRECTORY,
            help="mailing: leave out people who refused to be contacted",
        )
        parser.add_argument(
            "--include-refused",
            action="store_true",
            help="with --purpose mailing: keep people who refused to be contacted",
        )

    def handle(self, *args, **options) -> None:
        people = Person.objects.filter(merged_into__isnull=True)
        if not options["include_inactive"]:
            people = people.filter(is_active=True)
        data = export_people(
            people.order_by("last_name", "first_name", "id"),
            options["format"],
            purpose=options["purpose"],
            include_refused=options["include_refused"],
        )
        if options["output"]:
            mode = "wb" if isinstance(data, bytes) else "w"
            with open(
                options["output"], mode, **({} if mode == "wb" else {"encoding": "utf-8"})
            ) as f:
                f.write(data)
            self.stderr.write(f"Exported to {options['output']}.")
        elif isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            self.stdout.write(data, ending="")
