"""Wagtail's database search backend, accent-insensitive and prefix-friendly on PostgreSQL.

Wagtail's PostgreSQL backend indexes with the server's default text search
configuration (English stemming, accents kept) and matches whole words only,
so a visitor typing "theatre" misses "théâtre" and "rencon" misses
"rencontres". This backend indexes and queries with ``passerelles_folded``
(PostgreSQL's ``simple`` configuration with the ``unaccent`` dictionary in
front, created by ``core/migrations/0002_folded_text_search``): the same
folding at index and query time, no language's stemming imposed on the two
others, and the last word of a query taken as a prefix.

On SQLite (the embedded default) Wagtail's own FTS5 backend is used, its last
word a prefix too: its tokenizer already removes diacritics.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search_backend"}}``.
"""

from django.db import connection
from wagtail.search.backends import database

FOLDED_CONFIG = "passerelles_folded"


def SearchBackend(params: dict):  # noqa: N802 -- the name Wagtail looks up in a backend module
    """The folded PostgreSQL backend on PostgreSQL, Wagtail's database backend elsewhere."""
    if connection.vendor != "postgresql":
        backend = database.SearchBackend(params)
        if type(backend).__name__ == "SQLiteSearchBackend":
            from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchQueryCompiler

            class SQLitePrefixQueryCompiler(SQLiteSearchQueryCompiler):
                LAST_TERM_IS_PREFIX = True

            backend.query_compiler_class = SQLitePrefixQueryCompiler
        return backend

    from modelsearch.backends.database.postgres.postgres import (
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )

    class PrefixQueryCompiler(PostgresSearchQueryCompiler):
        # "rencon" finds "rencontres": the word being typed is a prefix.
        LAST_TERM_IS_PREFIX = True

    class FoldedPostgresSearchBackend(PostgresSearchBackend):
        query_compiler_class = PrefixQueryCompiler

        def __init__(self, params: dict) -> None:
            super().__init__(params)
            self.config = params.get("SEARCH_CONFIG") or FOLDED_CONFIG
            # Wagtail hard-codes "simple" for autocomplete; fold there too.
            self.autocomplete_config = self.config

    return FoldedPostgresSearchBackend(params)
