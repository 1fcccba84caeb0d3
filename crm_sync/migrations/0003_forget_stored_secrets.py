"""Forget secrets that older versions let the admin form store in a connection.

Before the connection form shared the command's validation, a password typed
into "secret variable", or a URL with `user:password@`, was saved and shown
back. This removes them: the credentials part of a URL is dropped, and a
"variable name" that cannot be one is blanked and its connection disabled
(its sync would fail anyway; an administrator sets the variable's name again).
"""

import re
from urllib.parse import urlsplit, urlunsplit

from django.db import migrations

VARIABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def forget_stored_secrets(apps, schema_editor):
    Connection = apps.get_model("crm_sync", "Connection")
    for connection in Connection.objects.all():
        changed = []
        parts = urlsplit(connection.url)
        if "@" in parts.netloc:
            netloc = parts.netloc.rsplit("@", 1)[-1]
            connection.url = urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
            changed.append("url")
        if not VARIABLE_NAME.fullmatch(connection.secret_env or ""):
            connection.secret_env = ""
            connection.enabled = False
            changed += ["secret_env", "enabled"]
        if changed:
            connection.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("crm_sync", "0002_verbose_names"),
    ]

    operations = [
        migrations.RunPython(forget_stored_secrets, migrations.RunPython.noop, elidable=True),
    ]
