"""Person.provenance stored per origin instead of per field (issue 16, speed).

The field reads both forms, so the data step is not needed for correctness:
it rewrites existing rows in the compact form (smaller rows, one format in
the database), and back to the per-field form when migrating backwards.
"""

import json

from django.db import migrations

import people.models

BATCH = 2000


def _rewrite(schema_editor, convert) -> None:
    connection = schema_editor.connection
    table = connection.ops.quote_name("people_person")
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                f"SELECT id, provenance FROM {table} WHERE id > %s ORDER BY id LIMIT %s",  # noqa: S608
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            last = rows[-1][0]
            changes = []
            for pk, raw in rows:
                value = json.loads(raw) if isinstance(raw, str | bytes) else raw
                new = convert(value)
                if new != value:
                    changes.append([json.dumps(new), pk])
            if changes:
                cursor.executemany(
                    f"UPDATE {table} SET provenance = %s WHERE id = %s",  # noqa: S608
                    changes,
                )


def compact(apps, schema_editor) -> None:
    _rewrite(schema_editor, people.models.compact_provenance)


def expand(apps, schema_editor) -> None:
    _rewrite(schema_editor, people.models.expand_provenance)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0008_sync_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="provenance",
            field=people.models.ProvenanceField(
                blank=True,
                default=dict,
                help_text="For each field, the agency it came from and when it changed there.",
                verbose_name="provenance",
            ),
        ),
        migrations.RunPython(compact, expand, elidable=True),
    ]
