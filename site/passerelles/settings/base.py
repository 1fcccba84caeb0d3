"""Settings shared by every configuration (dev, test, production).

Everything that differs between a laptop and production is read from the
environment; with nothing set, the embedded defaults run: SQLite, Wagtail's
database search and local media.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from . import env
from .env import env_bool, env_int, env_list, env_networks, env_positive_number, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent  # site/passerelles
SITE_DIR = PROJECT_DIR.parent  # site/
BASE_DIR = SITE_DIR.parent  # repository root

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Passerelles: the composition layer (demo, navigation, admin menu), site
    # content, then the directory, sync and search apps.
    "passerelles",
    "core",
    "home",
    "agencies",
    "editions",
    "stories",
    "people",
    "crm_sync",
    "search",
    "outcomes",
    "evening",
    # wagtail-localize replaces wagtail.locales with its own locale admin.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Kept for its tables only: the second admin site at /django-admin/ is
    # gone (see urls.py); everything is administered in Wagtail's admin.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions and before common: picks the language from the URL prefix,
    # and for `/` from the browser's Accept-Language header.
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CSRF, forms): 413 above the cap.
    "core.middleware.LimitRequestSizeMiddleware",
    "core.middleware.RejectNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "passerelles.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "passerelles.wsgi.application"

# DATABASE_URL picks the database; unset, an embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the source, Dutch and English are translations.
# Plain codes only (no nl-BE), and the content languages equal the interface
# languages, as wagtail-localize expects.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("nl", "Nederlands"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
# British English dates and times on the English site ("25 September 2025,
# 18:30", not Django's US "Sept. 25, 2025, 6:30 p.m."): passerelles/formats/en.
FORMAT_MODULE_PATH = ["passerelles.formats"]
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATIC_URL = env_str("STATIC_URL", "/static/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: console in development; production reads EMAIL_URL-like parts.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "passerelles@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Passerelles"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Page search (the public site's search page and the admin's): Wagtail's
# database backend, accent-folded and prefix-friendly on PostgreSQL
# (core.search_backend). With ELASTICSEARCH_URL set, pages are also indexed in
# Elasticsearch (below) and the public search asks it first.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search_backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Editorial work (issue 11): translations, review and notifications.
# Untranslated pages stay untranslated: no locale synchronisation, so a
# visitor of /nl/ never gets French content served silently as Dutch.
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# "Translate" creates a draft; it goes live when an editor publishes it in
# the translation editor (wagtail-localize's default would publish the copy
# at once, still in French).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Workflow notifications (submitted, approved, rejected, comments) go through
# Django's mail (EMAIL_BACKEND above), to the agencies' publishers and the
# coordinators; superusers are not copied on every agency's review.
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Sizes (bytes). A request whose declared body is larger than
# PASSERELLES_MAX_REQUEST_BYTES is answered 413 before anything reads it
# (core.middleware.LimitRequestSizeMiddleware); the proxy in front should cap
# at the same size. Within it, each kind of upload has its own maximum;
# uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file,
# never into memory, and non-file fields are capped by DATA_UPLOAD_MAX_MEMORY_SIZE.
MiB = 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * MiB, minimum=1)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * MiB, minimum=1)
# Spreadsheets imported in the admin (and the ceiling crm_sync.spreadsheets reads up to).
PASSERELLES_MAX_SPREADSHEET_BYTES = env_int(
    "PASSERELLES_MAX_SPREADSHEET_BYTES", 20 * MiB, minimum=1
)
# What core.tabular reads of a spreadsheet before refusing it (README,
# "Spreadsheets"): an XLSX's parts unpacked, data rows, the last column a
# value may be in, and characters in one cell of a column that is read.
PASSERELLES_SPREADSHEET_MAX_UNPACKED_BYTES = env_int(
    "PASSERELLES_SPREADSHEET_MAX_UNPACKED_BYTES", 100 * MiB, minimum=1
)
PASSERELLES_SPREADSHEET_MAX_ROWS = env_int("PASSERELLES_SPREADSHEET_MAX_ROWS", 200_000, minimum=1)
PASSERELLES_SPREADSHEET_MAX_COLUMNS = env_int("PASSERELLES_SPREADSHEET_MAX_COLUMNS", 200, minimum=1)
PASSERELLES_SPREADSHEET_MAX_CELL_CHARS = env_int(
    "PASSERELLES_SPREADSHEET_MAX_CELL_CHARS", 32_767, minimum=1
)
PASSERELLES_MAX_REQUEST_BYTES = env_int(
    "PASSERELLES_MAX_REQUEST_BYTES",
    max(
        WAGTAILDOCS_MAX_UPLOAD_SIZE,
        WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        PASSERELLES_MAX_SPREADSHEET_BYTES,
    )
    + MiB,  # room for the multipart envelope and the form's other fields
    minimum=1,
)
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * MiB // 2, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 5 * MiB // 2, minimum=0)

# Sign-in throttling (django-axes) on the admin's sign-in: after
# LOGIN_FAILURE_LIMIT failures for one account (from any address), or from one
# address (for any account), signing in is refused for LOGIN_LOCKOUT_MINUTES,
# even with the right password. `manage.py axes_reset_username USER` (or
# axes_reset_ip, axes_reset) unlocks sooner.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "passerelles.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "passerelles.security.client_ip"
AXES_ENABLE_ADMIN = False  # no Django admin site to show them in
# Successful sign-ins are not logged by axes (personal data kept for nothing).
AXES_DISABLE_ACCESS_LOG = True
# How many reverse proxies in front of the application append to
# X-Forwarded-For; 0 reads the client's address from the connection itself.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Response headers. Content-Security-Policy (django-csp): everything from this
# site only; no inline or evaluated script; no plugin; no framing by others.
# Self-hosted fonts, images and styles pass as they are; JSON-LD in
# <script type="application/ld+json"> is data, not script, and needs nothing.
# An inline script needs nonce="{{ request.csp_nonce }}" (NONCE below adds it to
# the header only on pages that use it). To allow another origin (a video
# embed, a CDN for MEDIA_URL), add it to the directive it needs here, e.g.
# "frame-src": [SELF, "https://www.youtube-nocookie.com"]. CSP_REPORT_ONLY=true
# sends the policy as Content-Security-Policy-Report-Only (browsers report,
# block nothing); CSP_REPORT_URI names where browsers send reports.
CONTENT_SECURITY_POLICY_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "form-action": [SELF],
    "base-uri": [SELF],
    "object-src": [NONE],
}
# Wagtail 8's admin initialises widgets with inline scripts and injects inline
# styles: under /admin/ (only) these two directives allow inline code. Tighten
# them when Wagtail's admin no longer needs it.
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}
if env_str("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY_DIRECTIVES["report-uri"] = [env_str("CSP_REPORT_URI")]
if env_bool("CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": CONTENT_SECURITY_POLICY_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": CONTENT_SECURITY_POLICY_DIRECTIVES}
# Features no page of the site uses are switched off for it and any frame.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Staff avatars are not fetched from Gravatar (a third party learning who
# uses the admin); the CSP would refuse them anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor do staff browsers ask releases.wagtail.org for the latest version.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# People and project search: Elasticsearch 8/9 (or an OpenSearch-compatible
# engine) when ELASTICSEARCH_URL is set, the database otherwise.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "passerelles")
ELASTICSEARCH_TIMEOUT = float(env_positive_number("ELASTICSEARCH_TIMEOUT", "5") or "5")
# The planner cost of a random page read, for the database search's statements
# only (PostgreSQL's default of 4 is for spinning disks); "" keeps the server's.
SEARCH_RANDOM_PAGE_COST = env_positive_number("SEARCH_RANDOM_PAGE_COST", "1.1")
# The default analyzer of the pages' Elasticsearch indexes folds accents, so
# "theatre" finds "théâtre" (Wagtail's own analyzers fold only its ngrams).
PAGES_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["asciifolding", "lowercase"],
                }
            }
        }
    }
}
if ELASTICSEARCH_URL:
    # Public pages in Elasticsearch, beside the database index (which keeps
    # the site searchable when the cluster is down). Indexes are named
    # "<prefix>-pages-<model>", apart from the people search's.
    WAGTAILSEARCH_BACKENDS["elasticsearch"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-pages-",
        "TIMEOUT": ELASTICSEARCH_TIMEOUT,
        "INDEX_SETTINGS": PAGES_INDEX_SETTINGS,
    }
# The backend the public search page asks ("default" is the database).
PUBLIC_SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "default"

# Salt of the one-way hashes that keep erased people erased. Falls back to
# SECRET_KEY in development; production requires its own, so rotating the
# SECRET_KEY never lets an erased person come back with the next sync.
PEOPLE_ERASURE_SALT = env_str("PEOPLE_ERASURE_SALT", "")

# CRM connections: where a sync may send requests (crm_sync.outbound). By
# default https only, to public addresses only; an operator lists the private
# networks a CRM may be on (e.g. "10.20.0.0/16"). Development and the tests
# allow http and loopback for their local simulators.
CRM_ALLOW_HTTP = env_bool("CRM_ALLOW_HTTP", False)
CRM_ALLOWED_NETWORKS = env_networks("CRM_ALLOWED_NETWORKS", [])

# Background tasks (django-tasks). Wagtail's own small tasks run immediately;
# CRM syncs queued from the admin ("Sync now") go to a database-backed queue
# served by `manage.py db_worker --backend sync --queue-name crm_sync`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "sync": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["crm_sync"]},
    # Search freshness: immediate (after commit) in development; production
    # queues it for `manage.py db_worker --backend search --queue-name search`.
    "search": {
        "BACKEND": env_str(
            "SEARCH_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["search"],
    },
    # The weekly follow-up run (reminders and digests) queues itself for the
    # worker: `manage.py db_worker --backend outcomes --queue-name outcomes`.
    "outcomes": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["outcomes"]},
    # The public renditions of a saved image (passerelles.renditions): right
    # after the commit in development; production queues them for
    # `manage.py db_worker --backend renditions --queue-name renditions`.
    "renditions": {
        "BACKEND": env_str(
            "RENDITION_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["renditions"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Background-task bookkeeping and Wagtail's per-page audit lines are noise
    # on a console (the demo loader alone would print thousands of them).
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        # Failures and lockouts (warnings) stay; per-sign-in housekeeping does not.
        "axes": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "wagtail_localize": {"level": "WARNING"},
    },
}

# Labels used by templates for registration status etc. live in the apps;
# this one is referenced by the admin's site name.
SITE_TAGLINE = _("The cross-sector network of the Wallonia-Brussels agencies")


# --- Data protection (the people app): retention, exports -------------------
# The retention policy of README.md § "Data protection", applied nightly by
# `manage.py people_retention`. Each is a whole number; 0 turns the rule off.
def _retention(name: str, default: int) -> int:
    value = env_str(name, str(default))
    if not value.isdigit():
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{name} must be a whole number (0 = never), got {value!r}.")
    return int(value)


# Source records deleted or archived at their source, kept to recognise a return.
PEOPLE_RETENTION_TOMBSTONED_MONTHS = _retention("PEOPLE_RETENTION_TOMBSTONED_MONTHS", 12)
# People no source knows any more and with no activity (no change, no edition
# attended, no project touched) for this long.
PEOPLE_RETENTION_INACTIVE_YEARS = _retention("PEOPLE_RETENTION_INACTIVE_YEARS", 3)
# Sync runs (with their per-record errors), and per-record errors on their own.
PEOPLE_RETENTION_SYNC_RUNS_MONTHS = _retention("PEOPLE_RETENTION_SYNC_RUNS_MONTHS", 12)
PEOPLE_RETENTION_RECORD_ERRORS_MONTHS = _retention("PEOPLE_RETENTION_RECORD_ERRORS_MONTHS", 3)
# The audit trail (views, searches, exports, merges, erasures) and Wagtail's
# log entries of people.
PEOPLE_RETENTION_AUDIT_MONTHS = _retention("PEOPLE_RETENTION_AUDIT_MONTHS", 24)
# Finished background tasks (django-tasks results).
PEOPLE_RETENTION_TASK_RESULTS_DAYS = _retention("PEOPLE_RETENTION_TASK_RESULTS_DAYS", 30)

# Exports from the admin are prepared in the background by
# `manage.py db_worker --backend exports --queue-name people_exports`, written to
# a private directory (never under MEDIA_ROOT), downloadable by their owner
# for PEOPLE_EXPORT_LINK_HOURS, at most PEOPLE_EXPORTS_PER_HOUR per user.
PEOPLE_EXPORT_ROOT = Path(env_str("PEOPLE_EXPORT_ROOT", str(BASE_DIR / "var" / "exports")))
PEOPLE_EXPORT_LINK_HOURS = _retention("PEOPLE_EXPORT_LINK_HOURS", 24) or 24
PEOPLE_EXPORTS_PER_HOUR = _retention("PEOPLE_EXPORTS_PER_HOUR", 10)
TASKS["exports"] = {
    "BACKEND": env_str("PEOPLE_EXPORT_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    "QUEUES": ["people_exports"],
}

# Spreadsheet imports from the admin (crm_sync.import_jobs): the uploaded file
# waits in a private directory (never under MEDIA_ROOT) for the crm_sync
# worker, and is deleted when the import is done, or after
# CRM_IMPORT_RETENTION_HOURS when it was only checked or never confirmed.
CRM_IMPORT_ROOT = Path(env_str("CRM_IMPORT_ROOT", str(BASE_DIR / "var" / "imports")))
CRM_IMPORT_RETENTION_HOURS = _retention("CRM_IMPORT_RETENTION_HOURS", 24) or 24

# The environment variables the settings read (the same set, filled as the
# dev/test/production modules read more): a CRM connection never names one.
ENVIRONMENT_VARIABLES = env.READ
