"""A narrow table for the database backend's scans (PostgreSQL only), issue 13.

A broad word ("architecte": a fifth of the directory) made PostgreSQL read
and re-check every matching entry's whole row (1.6 kB on average: the
displayed ``fields``, the ``facets`` JSON, every term column …) to score,
count and facet them. The scans now read ``people_search_scan``: one narrow
row per entry with only what a search reads for every match (kind, filters,
quality and sort name for the order, the exact keys, the name terms for
suggestions, the weighted vector and the facets as small integer ids); the
wide entry is read for the page's rows only.

- ``people_search_facetkey``: one id per ``facet=value`` ever indexed (a
  dictionary: ids never change, so a row's ``facets`` stay valid);
- ``people_search_scan``: written with the entries by `search.indexing`
  (same transaction, same rows), removed with them by triggers (a row
  delete, and TRUNCATE, as Django's test flush does): no foreign key, which
  would make such a TRUNCATE of the entries fail;
- the entries' generated ``search_vector`` and ``facet_keys`` columns and
  the names index move to the narrow table (fewer indexes to maintain per
  entry written); ``SearchFacet`` rows still count the whole directory.

Forward-safe on a filled database: the narrow rows are computed here from
the stored entries, so search keeps working without a rebuild.
"""

from django.db import migrations

ENTRY = "people_search_searchentry"
SCAN = "people_search_scan"
KEYS = "people_search_facetkey"

# The same weights as migration 0003 (see search.scoring): name A,
# organisation/city/country B, email/phone C, other text D. `e` is an entry.
VECTOR = (
    "setweight(to_tsvector('simple', e.name_terms), 'A') || "
    "setweight(to_tsvector('simple', e.key_terms), 'B') || "
    "setweight(to_tsvector('simple', e.contact_terms), 'C') || "
    "setweight(to_tsvector('simple', e.text_terms), 'D')"
)
# The facet ids of an entry `e`, in id order (people_search_facet_keys: migration 0002).
FACET_IDS = (
    f"ARRAY(SELECT k.id FROM {KEYS} k "  # noqa: S608
    "WHERE k.key = ANY(people_search_facet_keys(e.facets::jsonb)) ORDER BY k.id)"
)
COLUMNS = "id, kind, cross_sector, quality, sort_name, keys, name_terms, vector, facets"
SELECT = (
    f"SELECT e.id, e.kind, e.cross_sector, e.quality, e.sort_name, e.keys, e.name_terms, "
    f"{VECTOR}, {FACET_IDS}"
)

CREATE = [
    f"CREATE TABLE IF NOT EXISTS {KEYS} (id serial PRIMARY KEY, key text NOT NULL UNIQUE)",
    f"""CREATE TABLE IF NOT EXISTS {SCAN} (
        id bigint PRIMARY KEY,
        kind varchar(10) NOT NULL,
        cross_sector boolean NOT NULL,
        quality double precision NOT NULL,
        sort_name varchar(300) NOT NULL,
        keys text NOT NULL,
        name_terms text NOT NULL,
        vector tsvector NOT NULL,
        facets integer[] NOT NULL
    )""",
    # Rows removed with their entries (Django deletes entries row by row, and
    # empties tables with TRUNCATE between transactional tests).
    f"""CREATE OR REPLACE FUNCTION people_search_scan_delete() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM {SCAN} WHERE id = OLD.id;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION people_search_scan_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {SCAN};
        RETURN NULL;
    END $$""",
    f"DROP TRIGGER IF EXISTS people_search_scan_delete ON {ENTRY}",
    f"CREATE TRIGGER people_search_scan_delete AFTER DELETE ON {ENTRY} "
    "FOR EACH ROW EXECUTE FUNCTION people_search_scan_delete()",
    f"DROP TRIGGER IF EXISTS people_search_scan_truncate ON {ENTRY}",
    f"CREATE TRIGGER people_search_scan_truncate AFTER TRUNCATE ON {ENTRY} "
    "FOR EACH STATEMENT EXECUTE FUNCTION people_search_scan_truncate()",
]
INDEXES = [
    f"CREATE INDEX IF NOT EXISTS search_scan_vector ON {SCAN} USING gin (vector)",
    # Suggestions match names only: no weights, so the index answers without a recheck;
    # one index per kind, since suggestions read each kind's tiers on their own.
    f"CREATE INDEX IF NOT EXISTS search_scan_names_person ON {SCAN} "
    "USING gin (to_tsvector('simple', name_terms)) WHERE kind = 'person'",
    f"CREATE INDEX IF NOT EXISTS search_scan_names_project ON {SCAN} "
    "USING gin (to_tsvector('simple', name_terms)) WHERE kind = 'project'",
    f"CREATE INDEX IF NOT EXISTS search_scan_facets ON {SCAN} USING gin (facets)",
    # Pages without text are in name order.
    f"CREATE INDEX IF NOT EXISTS search_scan_sort_name ON {SCAN} (sort_name, id)",
    # Suggestions for a common prefix walk its tiers in this order (see backends.database).
    f"CREATE INDEX IF NOT EXISTS search_scan_quality ON {SCAN} "
    "(kind, quality DESC, sort_name, id)",
    # The exact-key bonus (a whole name typed), found without reading the candidates.
    f"CREATE INDEX IF NOT EXISTS search_scan_keys ON {SCAN} USING gin (string_to_array(keys, '|'))",
]


def narrow_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    schema_editor.execute(
        f"INSERT INTO {KEYS} (key) SELECT DISTINCT k FROM {ENTRY} e, "  # noqa: S608
        "unnest(people_search_facet_keys(e.facets::jsonb)) k ORDER BY k ON CONFLICT DO NOTHING"
    )
    schema_editor.execute(
        f"INSERT INTO {SCAN} ({COLUMNS}) {SELECT} FROM {ENTRY} e ON CONFLICT (id) DO NOTHING"  # noqa: S608
    )
    for statement in INDEXES:
        schema_editor.execute(statement)
    schema_editor.execute(
        f"ALTER TABLE {ENTRY} DROP COLUMN IF EXISTS search_vector, "
        "DROP COLUMN IF EXISTS facet_keys"
    )
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_names")
    schema_editor.execute(f"ANALYZE {SCAN}")


def wide_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE {ENTRY} "
        "ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple', name_terms), 'A') || "
        "setweight(to_tsvector('simple', key_terms), 'B') || "
        "setweight(to_tsvector('simple', contact_terms), 'C') || "
        "setweight(to_tsvector('simple', text_terms), 'D')) STORED, "
        "ADD COLUMN facet_keys text[] GENERATED ALWAYS AS (people_search_facet_keys(facets)) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX search_entry_search_vector ON {ENTRY} USING gin (search_vector)"
    )
    schema_editor.execute(f"CREATE INDEX search_entry_facet_keys ON {ENTRY} USING gin (facet_keys)")
    schema_editor.execute(
        f"CREATE INDEX search_entry_names ON {ENTRY} USING gin (to_tsvector('simple', name_terms))"
    )
    schema_editor.execute(f"DROP TRIGGER IF EXISTS people_search_scan_delete ON {ENTRY}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS people_search_scan_truncate ON {ENTRY}")
    schema_editor.execute("DROP FUNCTION IF EXISTS people_search_scan_delete()")
    schema_editor.execute("DROP FUNCTION IF EXISTS people_search_scan_truncate()")
    schema_editor.execute(f"DROP TABLE IF EXISTS {SCAN}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {KEYS}")


class Migration(migrations.Migration):
    dependencies = [("people_search", "0005_names_index_for_suggestions")]

    operations = [migrations.RunPython(narrow_table, wide_table)]
