"""Production settings: secrets have no default and a missing one stops the start."""

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_str

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
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True

# Search index updates go through the database queue and its worker.
TASKS["search"]["BACKEND"] = env_str(  # noqa: F405
    "SEARCH_TASK_BACKEND", "django_tasks_db.DatabaseBackend"
)
