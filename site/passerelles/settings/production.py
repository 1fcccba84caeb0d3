"""Production settings: secrets have no default and a missing one stops the start."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
# Production never falls back to the embedded SQLite file.
env_str("DATABASE_URL", required=True)
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", required=True)
PEOPLE_ERASURE_SALT = env_str("PEOPLE_ERASURE_SALT", required=True)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Behind a reverse proxy that terminates TLS and OVERWRITES X-Forwarded-Proto
# (docs/deployment.md): a client could otherwise claim https itself.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS on by default (one year, subdomains included). Opt out with
# SECURE_HSTS_SECONDS=0 (check --deploy then warns, as it should).
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Asking browsers to preload HSTS for the registered domain is a decision for
# whoever owns that domain (hstspreload.org), not a default: off unless set,
# and the check that asks for it is silenced while it is off.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
# The proxy appends the client's address to X-Forwarded-For; sign-in
# throttling reads it from there (0 when nothing is in front).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# Search index updates go through the database queue and its worker.
TASKS["search"]["BACKEND"] = env_str(  # noqa: F405
    "SEARCH_TASK_BACKEND", "django_tasks_db.DatabaseBackend"
)
# Renditions of saved images too (a few seconds of AVIF encoding per image).
TASKS["renditions"]["BACKEND"] = env_str(  # noqa: F405
    "RENDITION_TASK_BACKEND", "django_tasks_db.DatabaseBackend"
)
