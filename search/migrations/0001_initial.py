from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


def create_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_entry_vector ON people_search_searchentry USING gin "
        "(to_tsvector('simple', name_terms || ' ' || text_terms))"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS search_entry_name_trgm ON people_search_searchentry "
        "USING gin (name_terms gin_trgm_ops)"
    )


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_name_trgm")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=50, unique=True)),
                ("value", models.JSONField(default=dict)),
            ],
        ),
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=10)),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.CharField(max_length=300)),
                ("subtitle", models.CharField(blank=True, max_length=500)),
                ("sort_name", models.CharField(db_index=True, max_length=300)),
                ("name_terms", models.TextField(blank=True)),
                ("text_terms", models.TextField(blank=True)),
                ("fields", models.JSONField(default=dict)),
                ("facets", models.JSONField(default=dict)),
                ("cross_sector", models.BooleanField(default=False)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("engine_pending", models.BooleanField(db_index=True, default=False)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="unique_search_entry")
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchFacet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("facet", models.CharField(max_length=20)),
                ("value", models.CharField(max_length=100)),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="facet_values",
                        to="people_search.searchentry",
                    ),
                ),
            ],
            options={"indexes": [models.Index(fields=["facet", "value"], name="people_sear_facet_24d69b_idx")]},
        ),
        migrations.RunPython(create_postgres_indexes, drop_postgres_indexes),
    ]
