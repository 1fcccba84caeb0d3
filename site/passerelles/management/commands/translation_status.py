"""`python manage.py translation_status [--json]`: each page and snippet, per language."""

import json

from django.core.management.base import BaseCommand

from core.translation_status import as_json, translation_status


class Command(BaseCommand):
    """Report, for every French page and translatable snippet, its Dutch and English versions.

    Per language: missing, draft or published, how many text segments are
    translated, and whether the French source changed since the last sync.
    The same as Reports → Translation status in the admin. ``--json`` prints
    one JSON document on stdout; ``--needs-work`` keeps only the objects that
    are not up to date in every language. Exit status 0.
    """

    help = "Report the translation status of every page and snippet (--json for scripts)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
        parser.add_argument(
            "--needs-work",
            action="store_true",
            help="only objects missing, unpublished, incomplete or changed in some language",
        )

    def handle(self, *args, **options) -> None:
        statuses = translation_status()
        if options["needs_work"]:
            statuses = [status for status in statuses if status.needs_work]
        document = as_json(statuses)
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for entry in document["objects"]:
            cells = []
            for language, version in entry["translations"].items():
                cell = f"{language}: {version['state']}"
                if version["state"] != "missing" and version["total_segments"]:
                    cell += f" {version['translated_segments']}/{version['total_segments']}"
                cells.append(cell + (" ✓" if version["up_to_date"] else ""))
            changed = "  [changed since last sync]" if entry["changed_since_sync"] else ""
            self.stdout.write(
                f"{entry['type']:<22} {entry['title'][:48]:<48}  {'  '.join(cells)}{changed}"
            )
        for language, counts in document["summary"].items():
            self.stderr.write(
                f"{language}: {counts['up_to_date']} up to date, {counts['published']} published, "
                f"{counts['draft']} draft, {counts['missing']} missing"
            )
