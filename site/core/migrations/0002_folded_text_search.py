"""The text search configuration of the site search: `simple` with accents folded.

Used by ``core.search_backend`` on PostgreSQL. ``unaccent`` is a trusted
extension (PostgreSQL 13+): the database owner may create it. Nothing to do
on other databases.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'passerelles_folded') THEN
    CREATE TEXT SEARCH CONFIGURATION passerelles_folded (COPY = pg_catalog.simple);
    ALTER TEXT SEARCH CONFIGURATION passerelles_folded
      ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
      WITH unaccent, simple;
  END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS passerelles_folded;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
