"""A new installation's directory tables get planner statistics after a sync's first pages."""

import datetime as dt

from django.db import connection as db

from crm_sync.engine import sync_connection
from people.statistics import DIRECTORY, analyze_new_tables, tables_without_statistics

WHEN = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC)


def statistics_of(table: str) -> int:
    with db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone()[0]


def test_after_a_sync_every_directory_table_holding_rows_has_planner_statistics(
    connection, source, connector
):
    for n in range(12):
        source.put(
            f"c{n}",
            WHEN,
            first_name="Lotte",
            last_name=f"Peeters{n}",
            emails=[f"lotte{n}@kaai.be"],
            organisation="Kaai vzw",
        )
    run = sync_connection(connection, connector=connector(page_size=4))
    assert run.status == "succeeded" and run.created == 12
    # Analysed after the first page: no page is planned with default
    # selectivities, which made a new installation's first sync 3–10× slower.
    assert tables_without_statistics() == []
    for model in DIRECTORY[:4]:  # source records, people, emails, organisations hold rows
        assert statistics_of(model._meta.db_table) > 0
    assert analyze_new_tables() == []  # nothing left to do
