"""Recompute normalized names after `fold` learnt the letters NFKD leaves (œ æ ø ð ł …).

Only rows whose stored value differs from what `normalize_name` now gives are
written. An organisation whose new normalized name already belongs to another
organisation keeps its old value (its people move to the other one at their
next sync, as with any new spelling).
"""

from django.db import migrations

from people.normalize import normalize_name


def refold(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    Organisation = apps.get_model("people", "Organisation")
    # Only names with a letter outside ASCII can change.
    changed = []
    for person in Person.objects.filter(normalized_name__regex=r"[^\x00-\x7f]").only(
        "id", "first_name", "last_name", "normalized_name"
    ):
        value = normalize_name(f"{person.first_name} {person.last_name}")
        if value != person.normalized_name:
            person.normalized_name = value
            changed.append(person)
    Person.objects.bulk_update(changed, ["normalized_name"], batch_size=1000)
    taken = set(Organisation.objects.values_list("normalized_name", flat=True))
    for organisation in Organisation.objects.filter(normalized_name__regex=r"[^\x00-\x7f]"):
        value = normalize_name(organisation.name) or organisation.name.casefold()
        if value != organisation.normalized_name and value not in taken:
            taken.add(value)
            organisation.normalized_name = value
            organisation.save(update_fields=["normalized_name"])


class Migration(migrations.Migration):
    dependencies = [("people", "0004_data_protection")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
