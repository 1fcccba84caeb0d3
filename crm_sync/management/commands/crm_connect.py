"""`manage.py crm_connect AGENCY --kind KIND --url URL [--database DB] [--user USER]
[--token-url URL] [--client-id ID] [--rate-limit N] [--write-attendance] --secret-env VAR
[--check] [--json]`."""

import argparse
import json
import os
import re
import sys
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from core.agencies import AGENCY_SLUGS
from crm_sync.checks import check_connection, missing_settings
from crm_sync.models import Connection

ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


class Command(BaseCommand):
    """Create or update the CRM connection of an agency, or test it.

    The secret is never passed on the command line: only the *name* of the
    environment variable that holds it, read when a sync runs. With --check,
    nothing is saved: the connection described (or the saved one, when only
    the agency is given) reads one page of its CRM and the command reports
    what it can see and which permissions are missing (exit 0 when all is
    well, 1 otherwise).
    """

    help = (
        "Create or update an agency's CRM connection (the secret stays in an environment "
        "variable), or test it with --check."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("agency", choices=AGENCY_SLUGS, help="the agency's slug")
        parser.add_argument("--kind", choices=[k for k, _ in Connection.Kind.choices])
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
            type=float,
            default=None,
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
            help="name of the environment variable holding the password, token or client secret",
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
        given = [options["kind"], options["url"], options["secret_env"]]
        if options["check"] and not any(given):
            connection = Connection.objects.filter(agency=options["agency"]).first()
            if connection is None:
                raise CommandError(
                    f"No CRM connection for {options['agency']} yet (see crm_connect).",
                    returncode=2,
                )
            return self._check(connection, options["json"])
        if not all(given):
            raise CommandError(
                "--kind, --url and --secret-env are required (only --check may go without them, "
                "to test the saved connection).",
                returncode=2,
            )
        values = self._validated(options)
        if options["check"]:
            return self._check(Connection(agency=options["agency"], **values), options["json"])
        connection, created = Connection.objects.update_or_create(
            agency=options["agency"], defaults=values
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f"{verb} the {connection.get_kind_display()} connection of {connection.agency}."
        )
        if not os.environ.get(values["secret_env"]):
            self.stderr.write(
                f"Note: {values['secret_env']} is not set in this environment; set it where "
                "the sync runs."
            )

    def _validated(self, options) -> dict:
        secret_env = options["secret_env"]
        if not ENV_NAME.match(secret_env):
            raise CommandError(
                "--secret-env takes the NAME of an environment variable (like "
                "WBM_TRYTON_PASSWORD), never the secret itself; the value given is not a valid "
                "variable name (and was not stored)."
            )
        urls = {"url": options["url"].rstrip("/"), "token_url": options["token_url"]}
        for name, url in urls.items():
            if not url:
                continue
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise CommandError(
                    f"--{name.replace('_', '-')} must be an http(s) URL, e.g. "
                    "https://crm.example:8000"
                ) from None
            if urlsplit(url).username or urlsplit(url).password:
                raise CommandError(
                    f"--{name.replace('_', '-')} must not carry a user name or password: give "
                    "the user with --user and the secret through --secret-env (nothing was "
                    "stored)."
                )
        if options["rate_limit"] is not None and options["rate_limit"] <= 0:
            raise CommandError("--rate-limit must be a positive number of requests per second.")
        values = {
            "kind": options["kind"],
            "url": urls["url"],
            "database": options["database"],
            "user": options["user"],
            "token_url": urls["token_url"],
            "client_id": options["client_id"],
            "rate_limit": options["rate_limit"],
            "write_attendance": options["write_attendance"],
            "secret_env": secret_env,
            "enabled": not options["disable"],
        }
        missing = missing_settings(options["kind"], values)
        if missing:
            raise CommandError(
                f"A {options['kind']} connection needs "
                + ", ".join("--" + name.replace("_", "-") for name in missing)
                + " (nothing was stored)."
            )
        return values

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
