"""`python manage.py ensure_admin`: an administrator account for a local run."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    """Create a superuser once, from the environment or with a generated password.

    ``DJANGO_SUPERUSER_USERNAME`` (default ``admin``), ``DJANGO_SUPERUSER_PASSWORD``
    and ``DJANGO_SUPERUSER_EMAIL`` are read when set. A generated password is
    printed once, when the account is created; it is never stored in clear.
    """

    help = "Create the admin account if it does not exist and print its credentials."

    def handle(self, *args, **options) -> None:
        user_model = get_user_model()
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "admin@localhost")
        user = user_model.objects.filter(username=username).first()
        if user is not None:
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(f"Admin account '{username}': password set from the environment.")
            else:
                self.stdout.write(
                    f"Admin account '{username}' exists. Forgot the password? "
                    f"python manage.py changepassword {username}"
                )
            return
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email=email, password=password)
        shown = password if generated else "(from DJANGO_SUPERUSER_PASSWORD)"
        self.stdout.write(
            self.style.SUCCESS(f"Admin account created — user: {username}  password: {shown}")
        )
