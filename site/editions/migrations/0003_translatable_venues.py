# Venues become translatable (wagtail-localize): every existing venue is the
# source-language (French) version of itself, with its own translation key.
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def venues_in_source_language(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Venue = apps.get_model("editions", "Venue")
    if not Venue.objects.exists():
        return
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for venue in Venue.objects.all():
        venue.locale_id = locale.pk
        venue.translation_key = uuid.uuid4()
        venue.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0002_alter_editionpage_host_agency_and_more"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="venue",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="venue",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(venues_in_source_language, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="venue",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="venue",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="venue",
            unique_together={("translation_key", "locale")},
        ),
    ]
