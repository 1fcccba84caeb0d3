"""Field-tagged words for the scan rows (PostgreSQL only), issue 13.

A cell of the scoring table ("a whole word of the names", "a word of the
text beginning with …") was a weighted test on ``vector`` ('word':A). A GIN
index stores no weights, so finding one cell's rows meant re-reading every
entry holding the word in any field: reading the best cells first, as
suggestions do, cost as much as scoring every match.

``people_search_scan.tags`` holds the same words without positions, each
tagged with its field's weight letter: ``a:word`` (name), ``b:word``
(organisation, city, country), ``c:word`` (email, phone), ``d:word`` (other
text). It is generated from ``vector`` itself, so ``tags @@ 'a:word'`` holds
exactly when ``vector @@ 'word':A`` does (and ``'a:wo':*`` when
``'wo':*A`` does); its GIN index answers a cell exactly, without re-reading
rows. PostgreSQL computes it whenever a scan row is written: `search.indexing`
is unchanged, and this migration fills it for the rows already stored.
"""

from django.db import migrations

SCAN = "people_search_scan"
# The lexemes of `vector` with weight {w}, each as "{w}:lexeme" (none: an empty array).
TAGGED = (
    "coalesce(string_to_array('{w}:' || nullif(array_to_string("
    "tsvector_to_array(ts_filter(vector, '{{{w}}}')), ' {w}:'), ''), ' '), '{{}}')"
)

FORWARD = [
    # IMMUTABLE: the result depends on the argument only (needed by a generated column).
    # Each weight's lexemes (`ts_filter`) prefixed with its letter by string functions:
    # five times cheaper than unnesting every position's weight (lexemes hold no space).
    f"""CREATE OR REPLACE FUNCTION people_search_tags(vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT array_to_tsvector({" || ".join(TAGGED.format(w=w) for w in "abcd")})
    $$""",
    f"ALTER TABLE {SCAN} ADD COLUMN IF NOT EXISTS tags tsvector "
    "GENERATED ALWAYS AS (people_search_tags(vector)) STORED",
    f"CREATE INDEX IF NOT EXISTS search_scan_tags ON {SCAN} USING gin (tags)",
    f"ANALYZE {SCAN}",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_scan_tags",
    f"ALTER TABLE {SCAN} DROP COLUMN IF EXISTS tags",
    "DROP FUNCTION IF EXISTS people_search_tags(tsvector)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("people_search", "0006_narrow_scan_table")]

    operations = [migrations.RunPython(forward, backward)]
