"""WSGI entry point: ``gunicorn --pythonpath site passerelles.wsgi``."""

import os
import sys
from pathlib import Path

# `site/` is a source root (the stdlib owns the name `site`); the repository
# root holds the crm_sync and search apps. Both go on the path so the file
# loads from any working directory (gunicorn, uwsgi, mod_wsgi, systemd).
_SITE_DIR = Path(__file__).resolve().parent.parent
for _path in (_SITE_DIR.parent, _SITE_DIR):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings.production")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
