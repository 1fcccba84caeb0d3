import contextlib
import datetime as dt

import psycopg
import pytest
from django.db import connection as db_connection
from django.utils import timezone

from crm_sync.engine import LOCK_NAMESPACE
from crm_sync.models import Connection, SyncRun

from .memory_source import MemoryConnector, MemorySource
from .tryton_server import ADMIN_PASSWORD, TrytonServer


@pytest.fixture
def source():
    return MemorySource()


@pytest.fixture
def connection(db):
    return Connection.objects.create(
        agency="wbmusiques",
        kind="tryton",
        url="http://127.0.0.1:1",
        secret_env="PASSERELLES_CRM_WBMUSIQUES_SECRET",
    )


@pytest.fixture
def other_connection(db):
    return Connection.objects.create(
        agency="wbimages",
        kind="tryton",
        url="http://127.0.0.1:1",
        secret_env="PASSERELLES_CRM_WBIMAGES_SECRET",
    )


@pytest.fixture
def ago():
    """A time `minutes` before now, to give source records realistic modification times."""
    now = timezone.now()

    def _ago(minutes: float) -> dt.datetime:
        return now - dt.timedelta(minutes=minutes)

    return _ago


@pytest.fixture
def connector(source):
    return lambda **kw: MemoryConnector(source, **kw)


@pytest.fixture
def hold():
    """Make a connection look held by a live run in another process.

    The run is marked in the table, and another database session holds the
    run's advisory lock, as the live process would.
    """
    sessions = []

    def _hold(connection: Connection, *, marked: bool = True) -> SyncRun | None:
        # marked=False: a run that has its lock but has not marked the table yet.
        holder = None
        if marked:
            holder = SyncRun.objects.create(connection=connection, until=timezone.now())
            connection.locked_by_run = holder
            connection.heartbeat_at = timezone.now()
            connection.save()
        params = db_connection.get_connection_params()
        params.pop("cursor_factory", None)
        session = psycopg.connect(**params, autocommit=True)
        session.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, connection.pk])
        sessions.append(session)
        return holder

    _hold.sessions = sessions
    yield _hold
    for session in sessions:
        with contextlib.suppress(psycopg.Error):  # ended by the engine, in some tests
            session.close()


@pytest.fixture(scope="session")
def tryton_server(tmp_path_factory):
    """A real trytond with the party module, built once per session."""
    server = TrytonServer(tmp_path_factory.mktemp("tryton"))
    server.create_template()
    yield server
    server.stop()


@pytest.fixture
def tryton(tryton_server, monkeypatch):
    """Two fresh Tryton databases (two agencies' CRMs) on a running server."""
    tryton_server.start("wbm", "wbi")
    monkeypatch.setenv("PASSERELLES_CRM_WBMUSIQUES_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("PASSERELLES_CRM_WBIMAGES_PASSWORD", ADMIN_PASSWORD)
    yield tryton_server
    tryton_server.stop()


@pytest.fixture
def fast_http(settings):
    """Short timeouts and no back-off, so fault schedules cost milliseconds."""
    settings.CRM_SYNC_HTTP_TIMEOUT = 0.15
    settings.CRM_SYNC_HTTP_ATTEMPTS = 4
    settings.CRM_SYNC_HTTP_BACKOFF = 0.0
    settings.CRM_SYNC_HTTP_MAX_WAIT = 0.0
