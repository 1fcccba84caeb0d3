"""`python manage.py setup_roles`: the agencies' editorial groups, workflows and collections."""

from django.core.management.base import BaseCommand
from django.db import transaction

from passerelles.roles import setup_roles


class Command(BaseCommand):
    """Create what is missing of the editorial roles; idempotent (run by `make run`).

    Groups per agency (editors, publishers) and for the network coordinators,
    their page, collection and model permissions, one review workflow per
    agency and one for the network. Nothing an administrator added or changed
    is removed. Run it again after creating an agency page or a language tree.
    """

    help = (
        "Create the editorial groups, permissions, review workflows and media collections "
        "that are missing. Running it again changes nothing."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            report = setup_roles()
        for line in report.missing:
            self.stderr.write(f"not found, skipped: {line}")
        if options["verbosity"] > 1:
            for line in report.created:
                self.stderr.write(f"  created {line}")
        if not options["verbosity"]:
            return
        if report.created:
            self.stdout.write(
                self.style.SUCCESS(f"Editorial roles set up ({len(report.created)} changes).")
            )
        else:
            self.stdout.write("Editorial roles already set up; nothing changed.")
