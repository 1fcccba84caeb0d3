"""`manage.py crm_connect AGENCY --kind KIND --url URL [--database DB] [--user USER]
--secret-env VAR`."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from core.agencies import AGENCY_SLUGS
from crm_sync.models import Connection

ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]*$")


class Command(BaseCommand):
    """Create or update the CRM connection of an agency.

    The secret is never passed on the command line: only the *name* of the
    environment variable that holds it, read when a sync runs.
    """

    help = (
        "Create or update an agency's CRM connection (the secret stays in an environment variable)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("agency", choices=AGENCY_SLUGS, help="the agency's slug")
        parser.add_argument(
            "--kind", required=True, choices=[k for k, _ in Connection.Kind.choices]
        )
        parser.add_argument(
            "--url", required=True, help="base URL of the CRM, e.g. https://crm.example:8000"
        )
        parser.add_argument("--database", default="", help="database or tenant name")
        parser.add_argument("--user", default="", help="API user name")
        parser.add_argument(
            "--secret-env",
            required=True,
            help="name of the environment variable holding the password or token",
        )
        parser.add_argument(
            "--disable", action="store_true", help="keep the connection but skip it in syncs"
        )

    def handle(self, *args, **options) -> None:
        secret_env = options["secret_env"]
        if not ENV_NAME.match(secret_env):
            raise CommandError(
                "--secret-env takes the NAME of an environment variable (like "
                "WBM_TRYTON_PASSWORD), never the secret itself; the value given is not a valid "
                "variable name (and was not stored)."
            )
        url = options["url"].rstrip("/")
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise CommandError(
                "--url must be an http(s) URL, e.g. https://crm.example:8000"
            ) from None
        if urlsplit(url).username or urlsplit(url).password:
            raise CommandError(
                "--url must not carry a user name or password: give the user with --user and "
                "the secret through --secret-env (nothing was stored)."
            )
        connection, created = Connection.objects.update_or_create(
            agency=options["agency"],
            defaults={
                "kind": options["kind"],
                "url": url,
                "database": options["database"],
                "user": options["user"],
                "secret_env": secret_env,
                "enabled": not options["disable"],
            },
        )
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f"{verb} the {connection.get_kind_display()} connection of {connection.agency}."
        )
        import os

        if not os.environ.get(secret_env):
            self.stderr.write(
                f"Note: {secret_env} is not set in this environment; set it where the sync runs."
            )
