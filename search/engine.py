"""The external engine (Elasticsearch 8/9 or OpenSearch-compatible), when configured.

Chosen with ELASTICSEARCH_URL. Indexes are versioned
(``<prefix>-<timestamp>``) behind one alias, so a rebuild fills a new index
and swaps the alias atomically while search keeps answering. Every call here
is defensive: when the engine is down, indexing keeps entries pending and
searching falls back to the database.

The dependencies go one way: `indexing` and `service` call this module, this
module calls `elastic` (the engine's queries and bulk requests), and `elastic`
calls neither back.
"""

import functools
import logging
from collections.abc import Iterable

from django.conf import settings

from . import elastic

logger = logging.getLogger(__name__)


def is_configured() -> bool:
    """True when ELASTICSEARCH_URL is set."""
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


# After a failed search, searches go straight to the database for this long
# instead of each waiting up to ELASTICSEARCH_TIMEOUT on an engine that hangs.
DOWN_FOR_SECONDS = 30


def _down_key() -> str:
    return f"search-engine-down-{settings.ELASTICSEARCH_URL}"


def mark_down() -> None:
    """Remember (in the cache) that the engine just failed a search."""
    from django.core.cache import cache

    cache.set(_down_key(), True, DOWN_FOR_SECONDS)


def recently_down() -> bool:
    """Did the engine fail a search less than DOWN_FOR_SECONDS ago?"""
    from django.core.cache import cache

    return bool(cache.get(_down_key()))


def alias() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-entries"


def client():
    """A client for the configured engine, reused so its connections stay open."""
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


@functools.lru_cache(maxsize=4)
def _client(url: str, timeout: float):
    from elasticsearch import Elasticsearch

    return Elasticsearch(url, request_timeout=timeout, max_retries=1, retry_on_timeout=False)


def index_entries(entries: Iterable) -> bool:
    """Send entries to the engine; False (and a log line) when it cannot be reached."""
    try:
        elastic.bulk_index(client(), alias(), list(entries))
    except Exception as error:  # connection refused, timeouts, 5xx, missing alias
        logger.warning("search engine indexing failed: %s", type(error).__name__)
        return False
    return True


def delete_documents(kind: str, ids: list[int]) -> bool:
    """Remove documents from the engine; False (and a log line) when it cannot be reached.

    Callers keep what could not be deleted as `PendingDeletion` rows (see indexing).
    """
    if not is_configured() or not ids:
        return True
    try:
        elastic.bulk_delete(client(), alias(), kind, ids)
    except Exception as error:  # connection refused, timeouts, 5xx
        logger.warning("search engine delete failed: %s", type(error).__name__)
        return False
    return True


def rebuild_index() -> dict:
    """Fill a new versioned index from the entries and swap the alias (see elastic)."""
    return elastic.rebuild_index(client(), alias())


def status() -> dict:
    """The alias's index and its document count (or the error when unreachable)."""
    return elastic.engine_status(client(), alias())
