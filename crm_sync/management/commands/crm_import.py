"""`manage.py crm_import AGENCY FILE [--dry-run]`: contacts from a CSV or XLSX file."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.agencies import AGENCY_SLUGS
from crm_sync.spreadsheets import SpreadsheetError, import_spreadsheet


class Command(BaseCommand):
    """Import an agency's contacts from a spreadsheet: all rows or none.

    Exit status 0 when imported (or, with --dry-run, importable), 1 when the
    file or any row is invalid — then nothing changed.
    """

    help = "Import an agency's contacts from a CSV or XLSX file (all rows or none)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("agency", choices=AGENCY_SLUGS, help="the agency's slug")
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, change nothing"
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = import_spreadsheet(
                options["agency"], path.read_bytes(), path.name, dry_run=options["dry_run"]
            )
        except SpreadsheetError as error:
            self.stderr.write(f"{path.name}: {error} Nothing was imported.")
            sys.exit(1)
        for line, message in report.row_errors:
            self.stderr.write(f"{path.name}, line {line}: {message}")
        if not report.ok:
            self.stderr.write(
                f"{len(report.row_errors)} invalid row(s) out of {report.rows}: "
                "nothing was imported."
            )
            sys.exit(1)
        r = report.result
        prefix = "Dry run: would import" if report.dry_run else "Imported"
        self.stdout.write(
            f"{prefix} {report.rows} row(s): {r.created} new, {r.updated} updated, "
            f"{r.unchanged} unchanged, {r.suppressed} kept erased."
        )
