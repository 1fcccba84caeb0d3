"""`manage.py people_retention [--dry-run] [--json]`."""

import json

from django.core.management.base import BaseCommand

from people.retention import apply_policy


class Command(BaseCommand):
    """Apply the retention policy: remove what the PEOPLE_RETENTION_… settings say is too old.

    Prints each rule with exactly what it removes (ids, never names). With
    --dry-run nothing is removed and the same list is printed: a real run
    right after removes exactly that. Erased people stay erased (their hashes
    are never removed). Run it nightly after `crm_sync`. Exit status 0.
    """

    help = "Remove what the retention policy says is too old (see README, Data protection)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be removed, remove nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")

    def handle(self, *args, **options) -> None:
        dry_run = options["dry_run"]
        removals = apply_policy(dry_run=dry_run)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {"dry_run": dry_run, "removals": [r.as_dict() for r in removals]}, indent=2
                )
            )
            return
        verb = "Would remove" if dry_run else "Removed"
        for removal in removals:
            ids = ", ".join(str(i) for i in removal.ids) or "—"
            self.stdout.write(f"{verb} {removal.count} {removal.what} [{removal.rule}]: {ids}")
        total = sum(r.count for r in removals)
        self.stderr.write(
            f"{'Dry run: nothing removed' if dry_run else 'Done'} ({total} item(s) in all)."
        )
