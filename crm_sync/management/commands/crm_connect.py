"""`manage.py crm_connect AGENCY --kind KIND --url URL [--database DB] [--user USER]
[--token-url URL] [--client-id ID] [--rate-limit N] [--write-attendance] --secret-env VAR
[--check [--json]]`."""

import argparse
import json
import os
import sys

from django.core.management.base import BaseCommand, CommandError

from core.agencies import AGENCY_SLUGS
from crm_sync.checks import check_connection
from crm_sync.forms import ConnectionForm, form_errors_as_lines
from crm_sync.models import Connection

# How the form's fields are called on this command line, for its messages.
OPTIONS = {
    "agency": "AGENCY",
    "kind": "--kind",
    "url": "--url",
    "database": "--database",
    "user": "--user",
    "token_url": "--token-url",
    "client_id": "--client-id",
    "secret_env": "--secret-env",
    "rate_limit": "--rate-limit",
    "write_attendance": "--write-attendance",
    "enabled": "--disable",
}


class Command(BaseCommand):
    """Create or update the CRM connection of an agency, or test it.

    The secret is never passed on the command line: only the *name* of the
    environment variable that holds it (PASSERELLES_CRM_<AGENCY>_<NAME>), read
    when a sync runs. The values are validated by the admin's form
    (crm_sync.forms.ConnectionForm), so both accept and refuse the same.
    Exit status 0 when saved, 2 when a value is refused (nothing is stored).

    With --check nothing is saved: the connection described (or the saved
    one, when only the agency is given) reads one page of its CRM, and the
    command reports what it can see and which permissions are missing (exit
    0 when all is well, 1 otherwise).
    """

    help = (
        "Create or update an agency's CRM connection (the secret stays in an environment "
        "variable), or test it with --check."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("agency", help=f"the agency's slug: {', '.join(AGENCY_SLUGS)}")
        parser.add_argument(
            "--kind", help=f"the CRM: {', '.join(k for k, _ in Connection.Kind.choices)}"
        )
        parser.add_argument("--url", help="base URL of the CRM, e.g. https://crm.example:8000")
        parser.add_argument("--database", default="", help="database or tenant name")
        parser.add_argument("--user", default="", help="API user name")
        parser.add_argument(
            "--token-url", default="", help="OAuth token URL (Salesforce, Dynamics 365)"
        )
        parser.add_argument(
            "--client-id", default="", help="OAuth client id (Salesforce, Dynamics 365)"
        )
        parser.add_argument(
            "--rate-limit",
            default="",
            help="at most this many requests per second (default: the vendor's limits)",
        )
        parser.add_argument(
            "--write-attendance",
            action=argparse.BooleanOptionalAction,
            default=False,
            help="write attendance back to this CRM (--no-write-attendance to stop)",
        )
        parser.add_argument(
            "--secret-env",
            help="name of the environment variable holding the password, token or client "
            "secret, PASSERELLES_CRM_<AGENCY>_<NAME>, e.g. PASSERELLES_CRM_WBMUSIQUES_TOKEN",
        )
        parser.add_argument(
            "--disable", action="store_true", help="keep the connection but skip it in syncs"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="save nothing: read one page and report what is visible and what is missing",
        )
        parser.add_argument("--json", action="store_true", help="with --check: one JSON document")

    def handle(self, *args, **options) -> None:
        existing = Connection.objects.filter(agency=options["agency"]).first()
        given = [options["kind"], options["url"], options["secret_env"]]
        if options["check"] and not any(given):
            if existing is None:
                raise CommandError(
                    f"No CRM connection for {options['agency']} yet (see crm_connect).",
                    returncode=2,
                )
            return self._check(existing, options["json"])
        if not all(given):
            raise CommandError(
                "--kind, --url and --secret-env are required (only --check may go without "
                "them, to test the saved connection).",
                returncode=2,
            )
        form = ConnectionForm(
            data={
                "agency": options["agency"],
                "kind": options["kind"],
                "url": options["url"],
                "database": options["database"],
                "user": options["user"],
                "token_url": options["token_url"],
                "client_id": options["client_id"],
                "rate_limit": options["rate_limit"],
                "write_attendance": options["write_attendance"],
                "secret_env": options["secret_env"],
                "enabled": not options["disable"],
            },
            instance=existing,
        )
        if not form.is_valid():
            lines = form_errors_as_lines(form, OPTIONS)
            raise CommandError("\n".join(["Nothing was stored.", *lines]), returncode=2)
        if options["check"]:
            return self._check(form.save(commit=False), options["json"])
        connection = form.save()
        verb = "Updated" if existing else "Created"
        self.stdout.write(
            f"{verb} the {connection.get_kind_display()} connection of {connection.agency}."
        )
        if not os.environ.get(connection.secret_env):
            self.stderr.write(
                f"Note: {connection.secret_env} is not set in this environment; "
                "set it where the sync runs."
            )

    def _check(self, connection: Connection, as_json: bool) -> None:
        report = check_connection(connection)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "agency": connection.agency,
                        "kind": connection.kind,
                        "ok": report.ok,
                        "seen": report.seen,
                        "missing": report.missing,
                        "error": report.error,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for line in report.seen:
                self.stdout.write(f"✓ {line}")
            for line in report.missing:
                self.stdout.write(f"✗ missing: {line}")
            if report.error:
                self.stdout.write(f"✗ {report.error}")
            self.stderr.write(
                f"{connection.agency}: the connection works."
                if report.ok
                else f"{connection.agency}: the connection needs attention."
            )
        if not report.ok:
            sys.exit(1)
