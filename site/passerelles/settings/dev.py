"""Development settings: the embedded defaults, debug on."""

from .base import *  # noqa: F403
from .env import env_bool, env_networks, env_str

DEBUG = env_bool("DEBUG", True)
# A development-only key; production has no default and fails without one.
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-passerelles-key-not-for-production")
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Exports are prepared right after the request commits (no worker to start in
# development); production queues them for the `people_exports` worker.
TASKS["exports"]["BACKEND"] = env_str(  # noqa: F405
    "PEOPLE_EXPORT_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)
# Local CRM simulators and a local Tryton answer on loopback, over http.
CRM_ALLOW_HTTP = env_bool("CRM_ALLOW_HTTP", True)
CRM_ALLOWED_NETWORKS = env_networks("CRM_ALLOWED_NETWORKS", ["127.0.0.0/8", "::1/128"])
