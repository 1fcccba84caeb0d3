"""`python manage.py ensure_demo_users`: demo accounts of the communications teams."""

import os
import secrets

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from passerelles.demo.users import DEMO_USERS, ensure_demo_user


class Command(BaseCommand):
    """Create the demo editors and publishers once and print their passwords.

    An editor and a publisher of WBMusiques (admin in French) and of WBImages
    (admin in Dutch), and a network coordinator. ``DEMO_USERS_PASSWORD`` sets
    one password for all of them; otherwise each gets a generated one,
    printed once, when the account is created. Needs ``setup_roles`` first.
    """

    help = "Create the demo editors, publishers and coordinator, and print their passwords."

    def handle(self, *args, **options) -> None:
        fixed = os.environ.get("DEMO_USERS_PASSWORD")
        missing = [u.group for u in DEMO_USERS if not Group.objects.filter(name=u.group).exists()]
        if missing:
            raise CommandError(
                f"Group {missing[0]!r} does not exist: run `manage.py setup_roles` first."
            )
        created = 0
        with transaction.atomic():
            for spec in DEMO_USERS:
                password = fixed or secrets.token_urlsafe(12)
                if not ensure_demo_user(spec, password):
                    continue
                created += 1
                shown = "(from DEMO_USERS_PASSWORD)" if fixed else password
                language = dict(settings.LANGUAGES)[spec.language]
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Demo account created — user: {spec.username}  password: {shown}  "
                        f"({spec.group}, admin in {language})"
                    )
                )
        if not created:
            self.stdout.write(
                "Demo accounts exist (wbmusiques-editor, wbmusiques-publisher, wbimages-editor, "
                "wbimages-publisher, coordinator). Forgot a password? "
                "python manage.py changepassword USER"
            )
