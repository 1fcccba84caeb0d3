"""`manage.py crm_sync [--agency AGENCY ...] [--full] [--dry-run] [--json]`."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from core.agencies import AGENCY_SLUGS
from crm_sync.engine import AlreadyRunning, Progress, sync_connection
from crm_sync.models import Connection, SyncRun

# Attendance a dry run lists in --json (the count is always complete).
WRITEBACK_LISTED = 1000


class Command(BaseCommand):
    """Mirror the agencies' CRMs into the people directory.

    Exit status 0 when every connection succeeded, 1 otherwise, 2 on bad usage
    (an unknown agency, or one without a connection). With --json,
    one JSON document on stdout (counts and status per connection) and human
    messages on stderr.
    """

    help = "Sync the CRM connections (all enabled ones, or those named with --agency)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--agency", action="append", default=[], help="only this agency (repeatable)"
        )
        parser.add_argument(
            "--full", action="store_true", help="read everything and reconcile deletions"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")

    def handle(self, *args, **options) -> None:
        connections = Connection.objects.filter(enabled=True)
        if options["agency"]:
            # Bad usage (exit status 2, as argparse's own errors): nothing runs.
            unknown = sorted(set(options["agency"]) - set(AGENCY_SLUGS))
            if unknown:
                raise CommandError(
                    f"Unknown agency: {', '.join(unknown)} "
                    f"(the agencies are {', '.join(AGENCY_SLUGS)}).",
                    returncode=2,
                )
            known = set(Connection.objects.values_list("agency", flat=True))
            missing = sorted(set(options["agency"]) - known)
            if missing:
                raise CommandError(
                    f"No CRM connection for: {', '.join(missing)} (see crm_connect).",
                    returncode=2,
                )
            connections = Connection.objects.filter(agency__in=options["agency"])
        report = []
        ok = True
        for connection in connections.order_by("agency"):
            entry = {"agency": connection.agency, "kind": connection.kind}
            try:
                run = sync_connection(
                    connection,
                    full=options["full"],
                    dry_run=options["dry_run"],
                    on_page=self._progress if sys.stderr.isatty() and not options["json"] else None,
                )
            except AlreadyRunning as error:
                entry.update(status="skipped", error=str(error))
                ok = False
            except Exception as error:  # one broken connection must not stop the others
                entry.update(status="failed", error=f"{type(error).__name__}: {error}")
                ok = False
            else:
                entry.update(status=run.status, full=run.full, dry_run=run.dry_run, **run.counts())
                # Attendance written back (a dry run lists what it would write) and the
                # time spent waiting for the vendor's rate limits.
                # False: this CRM leaves no trace of deletions, only a --full run counts them.
                entry["deletions_known"] = getattr(run, "deletions_known", True)
                entry["written_back"] = run.written_back
                entry["waited_seconds"] = round(run.waited, 3)
                if run.dry_run and getattr(run, "writeback_plan", None):
                    entry["writeback"] = run.writeback_plan[:WRITEBACK_LISTED]
                if run.error:
                    entry["error"] = run.error
                # What was dropped or cut from stored records (invalid emails, long fields);
                # all of them are kept with the run (People → Sync runs).
                entry["warnings_count"] = getattr(run, "warnings_count", 0)
                entry["warnings"] = [
                    {"source_id": sid, "message": message}
                    for sid, message in getattr(run, "first_warnings", [])
                ]
                if not run.dry_run:
                    entry["run_id"] = run.pk
                    entry["errors"] = list(run.errors.values("source_id", "message")[:20])
                    # What was dropped or cut from stored records (invalid emails, long fields).
                    entry["warnings_count"] = run.warnings.count()
                    entry["warnings"] = list(run.warnings.values("source_id", "message")[:20])
                ok = ok and run.status == SyncRun.Status.SUCCEEDED
                caught_up = getattr(run, "caught_up", None)
                if caught_up is not None:
                    # The run resumed an interrupted one; this one read on to now.
                    entry["caught_up"] = {"status": caught_up.status, **caught_up.counts()}
                    if caught_up.error:
                        entry["caught_up"]["error"] = caught_up.error
                    if not caught_up.dry_run:
                        entry["caught_up"]["run_id"] = caught_up.pk
                    ok = ok and caught_up.status == SyncRun.Status.SUCCEEDED
            report.append(entry)
            self._say(entry)
        if options["json"]:
            self.stdout.write(
                json.dumps({"ok": ok, "connections": report}, ensure_ascii=False, indent=2)
            )
        if not report:
            self.stderr.write("No enabled CRM connection (see crm_connect).")
        if not ok:
            sys.exit(1)

    def _say(self, entry: dict) -> None:
        counts = ", ".join(f"{name} {entry[name]}" for name in SyncRun.COUNTS if name in entry)
        line = f"{entry['agency']}: {entry['status']}"
        if counts:
            line += f" — {counts}"
        if entry.get("written_back"):
            verb = "to write back" if entry.get("dry_run") else "written back"
            line += f", attendance {verb} {entry['written_back']}"
        if entry.get("deletions_known") is False:
            line += " (deletions are counted by --full runs only)"
        if entry.get("warnings_count"):
            line += f", {entry['warnings_count']} warning(s) (see the run's page)"
        if entry.get("caught_up"):
            caught_up = entry["caught_up"]
            line += f"; then read on to now: {caught_up['status']}, fetched {caught_up['fetched']}"
        if entry.get("waited_seconds"):
            line += f", waited {entry['waited_seconds']:.1f} s for rate limits"
        if entry.get("error"):
            line += f" — {entry['error']}"
        if self.stderr.isatty():
            self.stderr.write("\r\033[K", ending="")
        self.stderr.write(line)

    def _progress(self, progress: Progress) -> None:
        run = progress.run
        self.stderr.write(
            f"\r\033[K{progress.connection.agency}: {run.fetched} read · {run.created} new · "
            f"{run.updated} updated · {run.failed} errors",
            ending="",
        )
        self.stderr.flush()
