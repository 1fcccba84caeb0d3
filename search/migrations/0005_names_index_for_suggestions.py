"""Suggestions (autocomplete) search names only: a full-text index of the names alone.

Searching `search_vector` for weight-A prefixes made PostgreSQL re-read and
re-check every candidate's whole vector (a GIN index does not store weights);
an index of `to_tsvector('simple', name_terms)` answers names-only prefixes
without that recheck. The trigram index on names is dropped: nothing has
queried it since typos are found in the word list (`SearchTerm`), and a
rebuild spent time maintaining it.
"""

from django.db import migrations

NAMES = (
    "CREATE INDEX IF NOT EXISTS search_entry_names ON people_search_searchentry "
    "USING gin (to_tsvector('simple', name_terms))"
)
TRIGRAMS = (
    "CREATE INDEX IF NOT EXISTS search_entry_name_trgm ON people_search_searchentry "
    "USING gin (name_terms gin_trgm_ops)"
)


def names_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_name_trgm")
    schema_editor.execute(NAMES)


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_names")
    schema_editor.execute(TRIGRAMS)


class Migration(migrations.Migration):
    dependencies = [("people_search", "0004_engine_pending_deletions")]

    operations = [migrations.RunPython(names_index, trigram_index)]
