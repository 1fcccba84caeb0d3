"""Test settings: PostgreSQL (the production database), fast hashing."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .env import env_str

SECRET_KEY = "test-passerelles-key"  # noqa: S105
DEBUG = False
# The suite runs on PostgreSQL; pytest-django creates `test_<name>` from it.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/passerelles")
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# One folder per pytest-xdist worker (gw0, gw1…; the processes a test starts
# inherit the variable): the demo each worker loads writes its images there.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = BASE_DIR / "var" / (f"test-media-{_WORKER}" if _WORKER else "test-media")  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver", "passerelles.example"]
# The suite chooses its search engine per test (database, osmem-server, or
# the cluster named by ELASTICSEARCH_URL in the environment, read by the
# search tests' `engine_url` fixture).
ELASTICSEARCH_URL = ""
# The CRM tests talk to loopback servers (a real trytond, simulators) over
# http; the tests of the outbound policy override these two.
CRM_ALLOW_HTTP = True
CRM_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
# Renditions of saved images are not made in the background during the tests
# (seconds of AVIF encoding per image); tests of that task run it themselves.
TASKS["renditions"]["BACKEND"] = "django_tasks.backends.dummy.DummyBackend"  # noqa: F405
