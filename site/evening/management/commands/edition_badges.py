"""`manage.py edition_badges EDITION --output badges.pdf [--single] [--checked-in-only]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from evening.badges import badges_pdf
from evening.forms import EditionField
from evening.registrants import EXPECTED, registrants
from people import audit
from people.models import Attendance


class Command(BaseCommand):
    """Write the name badges of an edition's registrants as a PDF (fonts embedded)."""

    help = "Write an edition's name badges (A4 sheets of 90 x 55 mm inserts) as a PDF."

    def add_arguments(self, parser) -> None:
        parser.add_argument("edition", help="the edition's French slug, e.g. printemps-2027")
        parser.add_argument("--output", required=True, help="the PDF file to write")
        parser.add_argument("--single", action="store_true", help="one badge per page")
        parser.add_argument("--checked-in-only", action="store_true")
        parser.add_argument("--language", default="fr", choices=["fr", "nl", "en"])

    def handle(self, *args, **options) -> None:
        try:
            edition = EditionField().clean(options["edition"])
        except Exception as error:  # ValidationError
            raise CommandError(f"EDITION: {' '.join(error.messages)}", returncode=2) from None
        statuses = (Attendance.Status.ATTENDED,) if options["checked_in_only"] else EXPECTED
        people = registrants(edition.pk, statuses)
        with translation.override(options["language"]):
            data = badges_pdf(edition, people, single=options["single"])
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as error:
            raise CommandError(f"--output: {error.strerror}", returncode=2) from error
        audit.record(
            None,
            audit.Action.EXPORT,
            people=[p.person_id for p in people],
            count=len(people),
            details={"format": "pdf", "purpose": "badges", "edition": edition.slug},
        )
        self.stderr.write(f"{len(people)} badges written to {options['output']}")
