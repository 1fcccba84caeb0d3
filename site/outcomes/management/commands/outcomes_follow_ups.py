"""`manage.py outcomes_follow_ups [--digest] [--dry-run] [--schedule] [--json]`."""

import json

from django.core.management.base import BaseCommand

from outcomes.follow_ups import run_follow_ups


class Command(BaseCommand):
    """Create missing 3/6/12-month reminders, count what is due, optionally email the digests.

    For cron, weekly: ``manage.py outcomes_follow_ups --digest``. Or, with a
    worker on the ``outcomes`` queue, ``--schedule`` once: the task then runs
    every Monday at 07:00 and queues its next run itself.
    """

    help = "Create missing follow-up reminders and (with --digest) email each owner their list."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--digest", action="store_true", help="email the weekly digests")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="count what would happen, change and send nothing",
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="queue the weekly task on the 'outcomes' queue (once; it re-queues itself)",
        )
        parser.add_argument("--json", action="store_true", help="one JSON document on stdout")

    def handle(self, *args, **options) -> None:
        report = run_follow_ups(digest=options["digest"], dry_run=options["dry_run"])
        report["dry_run"] = options["dry_run"]
        if options["schedule"] and not options["dry_run"]:
            from outcomes.tasks import schedule_next

            when = schedule_next()
            report["next_run"] = when.isoformat() if when else "already scheduled"
        if options["json"]:
            self.stdout.write(json.dumps(report))
        else:
            self.stderr.write(
                "{prefix}{scheduled} reminders created, {due} due this week ({overdue} overdue), "
                "{digests} digests sent".format(
                    prefix="(dry run) " if options["dry_run"] else "", **report
                )
            )
            if "next_run" in report:
                self.stderr.write(f"next weekly run: {report['next_run']}")
