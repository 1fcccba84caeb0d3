import datetime as dt

import pytest
from django.utils import timezone

from crm_sync.models import Connection

from .memory_source import MemoryConnector, MemorySource


@pytest.fixture
def source():
    return MemorySource()


@pytest.fixture
def connection(db):
    return Connection.objects.create(
        agency="wbmusiques", kind="tryton", url="http://127.0.0.1:1", secret_env="WBM_SECRET"
    )


@pytest.fixture
def other_connection(db):
    return Connection.objects.create(
        agency="wbimages", kind="tryton", url="http://127.0.0.1:1", secret_env="WBI_SECRET"
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
