"""`manage.py crm_import AGENCY FILE [--dry-run]`: contacts from a CSV or XLSX file."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.agencies import AGENCY_SLUGS
from crm_sync.spreadsheets import SpreadsheetError, import_spreadsheet


class Command(BaseCommand):
    """Import an agency's contacts from a spreadsheet: all rows or none.

    Runs in the foreground (the admin queues the same import for the worker),
    with a progress line on stderr. Exit status 0 when imported (or, with
    --dry-run, importable), 1 when the file or any row is invalid — then
    nothing changed.
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
        tty = self.stderr.isatty()

        def progress(stage: str, done: int, total: int) -> None:
            verb = "checked" if stage == "check" else "imported"
            if stage == "import" and options["dry_run"]:
                verb = "counted"
            line = f"{path.name}: {done}{f'/{total}' if total else ''} rows {verb}"
            # One line rewritten in a terminal; one line per step in a log.
            self.stderr.write(f"\r{line}" if tty else line, ending="" if tty else "\n")

        try:
            with path.open("rb") as handle:
                report = import_spreadsheet(
                    options["agency"],
                    handle,
                    path.name,
                    dry_run=options["dry_run"],
                    progress=progress,
                )
        except SpreadsheetError as error:
            self._end_progress(tty)
            self.stderr.write(f"{path.name}: {error} Nothing was imported.")
            sys.exit(1)
        self._end_progress(tty)
        for line, message in report.row_errors:
            self.stderr.write(f"{path.name}, line {line}: {message}")
        if report.more_errors:
            self.stderr.write(f"… and {report.more_errors} more error(s).")
        for line, message in report.warnings:
            self.stderr.write(f"{path.name}, line {line}: warning: {message}")
        if not report.ok:
            self.stderr.write(
                f"{report.error_count} error(s) in {report.rows} row(s): nothing was imported."
            )
            sys.exit(1)
        r = report.result
        prefix = "Dry run: would import" if report.dry_run else "Imported"
        encoding = " (read as Windows-1252)" if report.encoding == "cp1252" else ""
        self.stdout.write(
            f"{prefix} {report.rows} row(s){encoding}: {r.created} new, {r.updated} updated, "
            f"{r.unchanged} unchanged, {r.suppressed} kept erased."
        )

    def _end_progress(self, tty: bool) -> None:
        if tty:
            self.stderr.write("")
