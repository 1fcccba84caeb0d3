"""Project health: checks, migrations, settings from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def test_django_check_is_clean():
    call_command("check", fail_level="WARNING")


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def run_settings(module: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "PEOPLE_ERASURE_SALT"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("passerelles.settings.production", {"ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "README" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    result = run_settings(
        "passerelles.settings.production",
        {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"},
    )
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_embedded_defaults_use_sqlite_and_database_search():
    code = (
        "import django, sys; sys.path.insert(0, 'site'); django.setup();"
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "passerelles.settings.dev"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["django.db.backends.sqlite3", "core.search_backend"]


def test_every_catalogue_is_complete():
    import polib

    for language in ["fr", "nl", "en"]:
        po = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
        untranslated = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
        assert not untranslated, f"{language}: {untranslated[:5]}"


def test_wsgi_application_loads_from_any_working_directory(tmp_path):
    code = (
        "import runpy, sys; "
        f"ns = runpy.run_path({str(ROOT / 'site' / 'passerelles' / 'wsgi.py')!r}); "
        "import crm_sync, people; print(callable(ns['application']))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "passerelles.settings.dev"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_requires_its_own_erasure_salt():
    result = run_settings(
        "passerelles.settings.production",
        {
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": "postgres://u@127.0.0.1:5432/x",
            "WAGTAILADMIN_BASE_URL": "https://example.org",
        },
    )
    assert result.returncode != 0
    assert "PEOPLE_ERASURE_SALT" in result.stderr
