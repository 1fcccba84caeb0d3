"""A sync really killed (SIGKILL) mid-way, then run again at once: it resumes.

Unlike the in-process interruption tests, this runs `manage.py crm_sync` as
a separate process against a real Tryton server, kills it with SIGKILL after
its first committed page (nothing in the process gets to clean up), and runs
the command again right away. The second run must resume from the last
checkpoint of the killed one, not refuse to run because the killed one still
looks like it is running, and end with the directory an uninterrupted run
gives. The processes need committed data, so they use their own database.
"""

import contextlib
import json
import signal
import subprocess
import time
from collections.abc import Iterator

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

from .fault_proxy import FaultProxy
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


def count(sql: str) -> int:
    with psycopg.connect(dsn(DB_NAME), autocommit=True) as conn:
        return conn.execute(sql).fetchone()[0]


def create_parties(tryton, prefix: str, codes: bool = False) -> list[int]:
    """PARTIES parties with one email each in the agency's Tryton; their ids."""
    return admin_rpc(tryton, "wbm").model(
        "party.party",
        "create",
        [
            {
                "name": f"Personne {n:04d}",
                **({"code": f"{prefix.upper()}{n:04d}"} if codes else {}),
                "contact_mechanisms": [
                    ["create", [{"type": "email", "value": f"{prefix}{n:04d}@example.org"}]]
                ],
            }
            for n in range(PARTIES)
        ],
    )


@contextlib.contextmanager
def slow_connection(tryton, kill_db) -> Iterator[dict]:
    """wbmusiques connected to Tryton through a slow proxy; yields the processes' environment."""
    proxy = FaultProxy(tryton.url, delay=DELAY)  # no faults: only slow
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
        yield env
    finally:
        proxy.close()


def kill_after_a_page(arguments: list[str], env: dict, log, committed: str) -> None:
    """Run `manage.py` with `arguments` and SIGKILL it once the query `committed` reaches PAGE."""
    with log.open("wb") as out:
        process = subprocess.Popen([*MANAGE, *arguments], cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 120
        while count(committed) < PAGE:
            assert process.poll() is None, "ended before the kill: " + log.read_text()
            assert time.monotonic() < deadline, "no page was committed within 120 s"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()


def test_a_sync_killed_with_sigkill_resumes_at_once_and_ends_like_an_uninterrupted_run(
    tryton,
    kill_db,
    tmp_path,
):
    create_parties(tryton, "k", codes=True)
    with slow_connection(tryton, kill_db) as env:
        kill_after_a_page(
            ["crm_sync", "--full", "--json"],
            env,
            tmp_path / "first.log",
            "SELECT count(*) FROM people_sourcerecord",
        )
        committed = count("SELECT count(*) FROM people_sourcerecord")
        assert PAGE <= committed < PARTIES
        assert count("SELECT count(*) FROM crm_sync_syncrun WHERE status = 'running'") == 1

        second = manage(env, "crm_sync", "--full", "--json")
        assert second.returncode == 0, second.stdout + second.stderr
        (entry,) = json.loads(second.stdout)["connections"]
        assert entry["status"] == "succeeded"
        # It went on from the killed run's last checkpoint, not from scratch.
        assert (entry["fetched"], entry["created"]) == (PARTIES - committed,) * 2
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
    parties = create_parties(tryton, "f")
    rpc = admin_rpc(tryton, "wbm")
    with slow_connection(tryton, kill_db) as env:
        first = manage(env, "crm_sync", "--full", "--json")
        assert first.returncode == 0, first.stdout + first.stderr
        # Every party written again (read again by the incremental run), one deleted.
        rpc.model("party.party", "write", parties, {"name": "Renommée Partout"})
        rpc.model("party.party", "delete", [parties[-1]])
        running = (
            "SELECT coalesce(max(fetched), 0) FROM crm_sync_syncrun "
            "WHERE status = 'running' AND NOT \"full\""
        )
        kill_after_a_page(["crm_sync", "--json"], env, tmp_path / "incremental.log", running)

        full = manage(env, "crm_sync", "--full", "--json")
        assert full.returncode == 0, full.stdout + full.stderr
        (entry,) = json.loads(full.stdout)["connections"]
    assert entry["status"] == "succeeded"
    assert entry["full"] is True
    assert entry["deleted"] == 1  # in this invocation, not at a second --full
    live = "SELECT count(*) FROM people_sourcerecord WHERE tombstoned_at IS NULL"
    assert count(live) == PARTIES - 1
    assert count("SELECT count(*) FROM people_person WHERE last_name = 'Partout'") == PARTIES - 1
