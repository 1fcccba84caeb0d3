"""What the browser tests share: Debian's Chromium, the site served as a process, logging in.

The browser tests drive Debian's Chromium through Playwright (no browser download) against
`manage.py runserver` on a database of the test's own (`tests.own_database`), loaded as
`make run` loads it.
"""

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.own_database import (
    MANAGE,
    ROOT,
    admin_dsn,
    environment,
    manage,
    own_name,
    recreate_database,
)

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


_DEMO_TEMPLATE = own_name("browser_demo")
_demo_built = False


def demo_database(name: str) -> None:
    """(Re)create the database `name` as `make run` leaves it: migrated, the demo loaded,
    the roles set up.

    The first call of a test session builds that once (migrate and `load_demo` take one
    to two minutes); each call then copies it, which takes a second.
    """
    global _demo_built
    if not _demo_built:
        recreate_database(_DEMO_TEMPLATE)
        env = environment(_DEMO_TEMPLATE)
        for command in (["migrate", "--noinput"], ["load_demo"], ["setup_roles"]):
            manage(env, *command, timeout=900).check_returncode()
        _demo_built = True
    with psycopg.connect(admin_dsn(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_DEMO_TEMPLATE}"')


def require_chromium() -> None:
    """Fail (not skip: `make test` installs it) when Debian's Chromium is missing."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make browser-deps` (Debian package chromium)"
        )


def launch(playwright):
    """Debian's Chromium, headless, through Playwright."""
    require_chromium()
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(env: dict[str, str], startup: float = 60) -> Iterator[str]:
    """`manage.py runserver` with `env` on a free port; yields its base URL, stops it after."""
    port = free_port()
    process = subprocess.Popen(
        [*MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + startup
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail("runserver exited before accepting connections")
                time.sleep(0.2)
        else:
            pytest.fail(f"runserver did not start within {startup:.0f} s")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def log_in(
    browser, url: str, username: str, password: str, locale: str = "fr-BE", bypass_csp=False
):
    """A new browser context logged into the admin at `url`; returns its page."""
    page = browser.new_context(locale=locale, bypass_csp=bypass_csp).new_page()
    page.goto(f"{url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{url}/admin/")
    return page
