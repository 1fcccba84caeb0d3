"""Indexes for the sync's page writes and duplicate detection (issue 16, "Speed").

- Person: (normalized_name, organisation) and (normalized_name, phone) replace
  the index on normalized_name alone (and its unused LIKE twin): the duplicate
  rule's two joins each find only their matches.
- PersonEmail.email: unique through a constraint, without the LIKE index.
- SourceRecord: no index on agency (the unique constraint serves it), on
  person alone (the (person, tombstoned_at) index serves it) or on
  confirmed_at (so a page's confirmations can be HOT updates).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_initial'),
        ('people', '0007_export_job_search'),
    ]

    operations = [
        migrations.AlterField(
            model_name='person',
            name='normalized_name',
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
        migrations.AlterField(
            model_name='personemail',
            name='email',
            field=models.CharField(max_length=254),
        ),
        migrations.AlterField(
            model_name='sourcerecord',
            name='agency',
            field=models.SlugField(db_index=False, max_length=40, verbose_name='agency'),
        ),
        migrations.AlterField(
            model_name='sourcerecord',
            name='confirmed_at',
            field=models.DateTimeField(),
        ),
        migrations.AlterField(
            model_name='sourcerecord',
            name='person',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='source_records', to='people.person', verbose_name='person'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['normalized_name', 'organisation'], name='person_name_org'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(fields=['normalized_name', 'phone'], name='person_name_phone'),
        ),
        migrations.AddConstraint(
            model_name='personemail',
            constraint=models.UniqueConstraint(fields=('email',), name='unique_person_email'),
        ),
    ]
