"""A sync really killed (SIGKILL) mid-way, then run again at once: it resumes.

Unlike the in-process interruption tests, this runs `manage.py crm_sync` as
a separate process against a real Tryton server, kills it with SIGKILL after
its first committed page (nothing in the process gets to clean up), and runs
the command again right away. The second run must resume from the last
checkpoint of the killed one, not refuse to run because the killed one still
looks like it is running, and end with the directory an uninterrupted run
gives. The processes need committed data, so they use their own database.
"""

import http.client
import json
import signal
import subprocess
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg
import pytest

from tests.own_database import (
    MANAGE,
    ROOT,
    drop_database,
    dsn,
    environment,
    manage,
    own_name,
    recreate_database,
)

from .tryton_server import ADMIN_PASSWORD, admin_rpc

DB_NAME = own_name("kill_test")
PARTIES = 1000  # five pages of the connector's 200
PAGE = 200
DELAY = 0.2  # seconds added to every request to Tryton, so the kill lands mid-run


@pytest.fixture(scope="module")
def kill_db():
    recreate_database(DB_NAME)
    env = environment(DB_NAME)
    manage(env, "migrate", "--noinput").check_returncode()
    yield env
    drop_database(DB_NAME)


class SlowProxy:
    """Forwards HTTP POSTs to Tryton as they are (headers, status, body), each after a delay."""

    def __init__(self, upstream: str) -> None:
        target = urllib.parse.urlsplit(upstream)

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                time.sleep(DELAY)
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")
                }
                upstream_connection = http.client.HTTPConnection(target.netloc, timeout=30)
                try:
                    upstream_connection.request("POST", self.path, body=body, headers=headers)
                    response = upstream_connection.getresponse()
                    payload = response.read()
                finally:
                    upstream_connection.close()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("content-length", "connection", "transfer-encoding"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def count(sql: str) -> int:
    with psycopg.connect(dsn(DB_NAME), autocommit=True) as conn:
        return conn.execute(sql).fetchone()[0]


def test_a_sync_killed_with_sigkill_resumes_at_once_and_ends_like_an_uninterrupted_run(
    tryton,
    kill_db,
    tmp_path,
):
    rpc = admin_rpc(tryton, "wbm")
    rpc.model(
        "party.party",
        "create",
        [
            {
                "name": f"Personne {n:04d}",
                "code": f"K{n:04d}",
                "contact_mechanisms": [
                    ["create", [{"type": "email", "value": f"k{n:04d}@example.org"}]]
                ],
            }
            for n in range(PARTIES)
        ],
    )
    proxy = SlowProxy(tryton.url)
    env = {**kill_db, "PASSERELLES_CRM_WBMUSIQUES_PASSWORD": ADMIN_PASSWORD}
    try:
        connect = manage(
            env,
            "crm_connect",
            "wbmusiques",
            "--kind=tryton",
            f"--url={proxy.url}",
            "--database=wbm",
            "--user=admin",
            "--secret-env=PASSERELLES_CRM_WBMUSIQUES_PASSWORD",
        )
        assert connect.returncode == 0, connect.stderr
        sync = [*MANAGE, "crm_sync", "--full", "--json"]
        log = tmp_path / "first.log"
        with log.open("wb") as out:
            first = subprocess.Popen(sync, cwd=ROOT, env=env, stdout=out, stderr=out)
        try:
            deadline = time.monotonic() + 120
            while count("SELECT count(*) FROM people_sourcerecord") < PAGE:
                assert first.poll() is None, "ended before the kill: " + log.read_text()
                assert time.monotonic() < deadline, "no page was committed within 120 s"
                time.sleep(0.02)
            first.send_signal(signal.SIGKILL)
            first.wait(30)
        finally:
            if first.poll() is None:
                first.kill()
        committed = count("SELECT count(*) FROM people_sourcerecord")
        assert PAGE <= committed < PARTIES
        assert count("SELECT count(*) FROM crm_sync_syncrun WHERE status = 'running'") == 1

        second = manage(env, "crm_sync", "--full", "--json")
        assert second.returncode == 0, second.stdout + second.stderr
        (entry,) = json.loads(second.stdout)["connections"]
        assert entry["status"] == "succeeded"
        # It went on from the killed run's last checkpoint, not from scratch.
        assert (entry["fetched"], entry["created"]) == (PARTIES - committed,) * 2
    finally:
        proxy.close()
    # The end state of an uninterrupted run: everyone once, nobody twice.
    assert count("SELECT count(*) FROM people_sourcerecord WHERE tombstoned_at IS NULL") == PARTIES
    assert count("SELECT count(*) FROM people_person") == PARTIES
    assert count("SELECT count(DISTINCT email) FROM people_person") == PARTIES
    assert count("SELECT count(*) FROM crm_sync_syncrun WHERE status = 'interrupted'") == 1
    assert count("SELECT count(*) FROM crm_sync_syncrun WHERE resumed_from_id IS NOT NULL") == 1
    assert count("SELECT count(*) FROM crm_sync_connection WHERE locked_by_run_id IS NULL") == 1


def test_full_after_an_incremental_run_killed_with_sigkill_reconciles_at_once(
    tryton,
    kill_db,
    tmp_path,
):
    """`crm_sync --full` after a killed incremental run: full, and deletions seen now."""
    manage(kill_db, "flush", "--noinput").check_returncode()
    rpc = admin_rpc(tryton, "wbm")
    parties = rpc.model(
        "party.party",
        "create",
        [
            {
                "name": f"Personne {n:04d}",
                "contact_mechanisms": [
                    ["create", [{"type": "email", "value": f"f{n:04d}@example.org"}]]
                ],
            }
            for n in range(PARTIES)
        ],
    )
    proxy = SlowProxy(tryton.url)
    env = {**kill_db, "PASSERELLES_CRM_WBMUSIQUES_PASSWORD": ADMIN_PASSWORD}
    try:
        connect = manage(
            env,
            "crm_connect",
            "wbmusiques",
            "--kind=tryton",
            f"--url={proxy.url}",
            "--database=wbm",
            "--user=admin",
            "--secret-env=PASSERELLES_CRM_WBMUSIQUES_PASSWORD",
        )
        assert connect.returncode == 0, connect.stderr
        first = manage(env, "crm_sync", "--full", "--json")
        assert first.returncode == 0, first.stdout + first.stderr
        # Every party written again (read again by the incremental run), one deleted.
        rpc.model("party.party", "write", parties, {"name": "Renommée Partout"})
        rpc.model("party.party", "delete", [parties[-1]])
        log = tmp_path / "incremental.log"
        running = (
            "SELECT coalesce(max(fetched), 0) FROM crm_sync_syncrun "
            "WHERE status = 'running' AND NOT \"full\""
        )
        with log.open("wb") as out:
            incremental = subprocess.Popen(
                [*MANAGE, "crm_sync", "--json"], cwd=ROOT, env=env, stdout=out, stderr=out
            )
        try:
            deadline = time.monotonic() + 120
            while count(running) < PAGE:
                assert incremental.poll() is None, "ended before the kill: " + log.read_text()
                assert time.monotonic() < deadline, "no page was committed within 120 s"
                time.sleep(0.02)
            incremental.send_signal(signal.SIGKILL)
            incremental.wait(30)
        finally:
            if incremental.poll() is None:
                incremental.kill()

        full = manage(env, "crm_sync", "--full", "--json")
        assert full.returncode == 0, full.stdout + full.stderr
        (entry,) = json.loads(full.stdout)["connections"]
    finally:
        proxy.close()
    assert entry["status"] == "succeeded"
    assert entry["full"] is True
    assert entry["deleted"] == 1  # in this invocation, not at a second --full
    live = "SELECT count(*) FROM people_sourcerecord WHERE tombstoned_at IS NULL"
    assert count(live) == PARTIES - 1
    assert count("SELECT count(*) FROM people_person WHERE last_name = 'Partout'") == PARTIES - 1
