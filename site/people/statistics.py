"""Planner statistics for a directory that a first sync is filling.

A freshly created database has no statistics on its tables until
autovacuum's first ANALYZE, a minute or more after the first rows arrive.
Meanwhile PostgreSQL plans each page's joins with default selectivities (an
equality matching 0.5 % of a table, whatever its size): the first sync of a
new installation ran at 442–1,003 contacts/s against 2,700–3,200/s into a
database that had seen one. `analyze_new_tables`, called between pages, gives
the tables that hold rows but have no statistics theirs, once; from then on
the planner scales them with the tables' real size.
"""

from django.db import connection

from .models import Organisation, Person, PersonEmail, PossibleDuplicate, SourceRecord

# The tables a sync's pages read with joins and lookups.
DIRECTORY = (SourceRecord, Person, PersonEmail, Organisation, PossibleDuplicate)


def tables_without_statistics() -> list[str]:
    """The directory's tables that hold rows but have no planner statistics (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c WHERE c.relname = ANY(%s) "
            "AND c.relnamespace = current_schema()::regnamespace AND NOT EXISTS ("
            "SELECT 1 FROM pg_stats s WHERE s.schemaname = current_schema() "
            "AND s.tablename = c.relname)",
            [[model._meta.db_table for model in DIRECTORY]],
        )
        candidates = [row[0] for row in cursor.fetchall()]
        holding = []
        for table in candidates:
            # A table analysed while empty has no statistics either: only the
            # ones with a row now need them. Names from the models, matched in pg_class.
            cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{table}")')  # noqa: S608
            if cursor.fetchone()[0]:
                holding.append(table)
        return holding


def analyze_new_tables() -> list[str]:
    """ANALYZE the directory's tables that hold rows but have no statistics; return their names.

    Call it outside a page's transaction (ANALYZE's lock then lasts only as
    long as ANALYZE). Costs one catalogue query when there is nothing to do.
    """
    tables = tables_without_statistics()
    with connection.cursor() as cursor:
        for table in tables:
            # Names from the models (matched in pg_class), never from data.
            cursor.execute(f'ANALYZE "{table}"')
    return tables
