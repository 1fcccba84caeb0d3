"""A PostgreSQL database of a test's own, for `manage.py` processes.

Tests that start the site or a command as a separate process need data that
is committed, which the test database (one transaction per test) never is.
Those tests build a database of their own with these helpers.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def own_name(purpose: str) -> str:
    """The name of a database of a test's own, unique to this checkout's test database.

    Derived from DATABASE_URL's database name (``passerelles`` by default), so
    two checkouts that run the suite at once with different DATABASE_URLs
    never drop each other's databases; and from the pytest-xdist worker, so
    the two processes of one run never drop each other's either.
    """
    url = os.environ.get("DATABASE_URL", "")
    base = urlsplit(url).path.strip("/") if url else ""
    # Under pytest-xdist each worker (gw0, gw1…) is a session of its own that
    # builds and drops its databases: the worker's name keeps them apart.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"{base or 'passerelles'}_{purpose}" + (f"_{worker}" if worker else "")


def admin_dsn() -> str:
    """Where to create and drop databases (BROWSER_ADMIN_DSN, for historical reasons)."""
    return os.environ.get("BROWSER_ADMIN_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")


def dsn(name: str) -> str:
    """The database `name`, where the processes reach it."""
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def recreate_database(name: str) -> None:
    with psycopg.connect(admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    with psycopg.connect(admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(name: str, **extra: str) -> dict[str, str]:
    """The environment of a `manage.py` process on the database `name` (test settings)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passerelles.settings.test",
        "DATABASE_URL": dsn(name),
        **extra,
    }


def manage(env: dict, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run `manage.py` with these arguments; the caller checks the result."""
    return subprocess.run(
        [*MANAGE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def shell(name: str, code: str) -> str:
    """Run Python in `manage.py shell` on the database `name`; return what it printed."""
    result = manage(environment(name), "shell", "--verbosity", "0", "-c", code)
    result.check_returncode()
    return result.stdout.strip()
