"""`manage.py edition_registrations EDITION FILE [--dry-run] [--json]`."""

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from evening.forms import RegistrationImportForm, errors_as_lines
from evening.reading import TableError
from evening.registrations import import_registrations


class Command(BaseCommand):
    """Import an edition's registration list (CSV or XLSX): all rows, or none with the errors.

    The options go through the admin's form. Exit status 2 on bad usage (an
    unknown edition, an unreadable path), 1 when the file or a row is refused.
    """

    help = "Import the registration list of an edition (CSV or XLSX)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("edition", help="the edition's French slug, e.g. printemps-2027")
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check only, change nothing")
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"FILE: {error.strerror}: {path}", returncode=2) from error
        form = RegistrationImportForm(
            {"edition": options["edition"], "dry_run": options["dry_run"]},
            {"file": SimpleUploadedFile(path.name, data)},
        )
        if not form.is_valid():
            lines = errors_as_lines(form, {"edition": "EDITION", "file": "FILE"})
            raise CommandError("; ".join(lines), returncode=2)
        try:
            report = import_registrations(
                form.cleaned_data["edition"], data, path.name, dry_run=options["dry_run"]
            )
        except TableError as error:
            if options["json"]:
                self.stdout.write(json.dumps({"ok": False, "error": str(error)}))
            raise CommandError(str(error), returncode=1) from error
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))
        else:
            self._print(report)
        if not report.ok:
            raise CommandError(
                f"{len(report.row_errors)} row(s) refused; nothing was imported.", returncode=1
            )

    def _print(self, report) -> None:
        err = self.stderr.write
        out = self.stdout.write
        for name, header in report.columns.items():
            out(f"column {header!r} -> {name}")
        if report.ignored:
            out("ignored columns: " + ", ".join(repr(h) for h in report.ignored))
        for line, message in report.row_errors:
            err(f"line {line}: {message}")
        for line, message in report.warnings:
            err(f"line {line}: warning: {message}")
        if not report.ok:
            return
        people = report.resolutions()
        out(
            f"{report.rows} rows: {people['known']} known people, {people['duplicate']} possible "
            f"duplicates to review, {people['new']} new people"
        )
        out("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(report.statuses.items())))
        if report.dry_run:
            out("dry run: nothing was changed")
        else:
            out(
                f"attendances: {report.attendances_created} created, "
                f"{report.attendances_updated} updated; kept erased: {report.suppressed}"
            )
