"""The directory and sync-run admin offer only what the domain allows (trust #4, architecture #5).

People are created by sources and removed by erasure; sync runs are written by the
engine. Their generic add, delete and source-field edit views must not exist: a
URL that is merely hidden still answers whoever types it.
"""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from crm_sync.models import Connection, SyncRun
from people.contact import Contact
from people.models import Erasure, Person, SourceRecord
from people.sources import apply_contacts

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    apply_contacts(
        "wbmusiques",
        "crm",
        [Contact("1", timezone.now(), "Zoë", "Geheim", ["zoe@example.org"], city="Namur")],
    )
    return Person.objects.get()


@pytest.fixture
def run():
    connection = Connection.objects.create(
        agency="wbmusiques", kind="tryton", url="http://127.0.0.1:1", secret_env="WBM_SECRET"
    )
    return SyncRun.objects.create(connection=connection, until=timezone.now(), status="failed")


def test_generic_add_delete_and_run_edit_urls_do_not_exist(admin_client, person, run):
    for url in (
        "/admin/people/new/",
        f"/admin/people/delete/{person.pk}/",
        f"/admin/people/copy/{person.pk}/",
        "/admin/crm_runs/new/",
        f"/admin/crm_runs/edit/{run.pk}/",
        f"/admin/crm_runs/delete/{run.pk}/",
    ):
        # (An unknown admin URL is sent to the public site's language prefix, which 404s.)
        assert admin_client.get(url, follow=True).status_code == 404, url
        response = admin_client.post(url, {"status": "succeeded", "first_name": "X"}, follow=True)
        assert response.status_code == 404, url
    for name, args in (
        ("people:add", []),
        ("people:delete", [person.pk]),
        ("crm_runs:add", []),
        ("crm_runs:edit", [run.pk]),
        ("crm_runs:delete", [run.pk]),
    ):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)
    assert Person.objects.filter(pk=person.pk, first_name="Zoë").exists()
    run.refresh_from_db()
    assert run.status == "failed"


def test_the_lists_and_pages_offer_no_add_or_delete(admin_client, person, run):
    for url in (
        reverse("people:index"),
        reverse("people:inspect", args=[person.pk]),
        reverse("people:edit", args=[person.pk]),
        reverse("crm_runs:index"),
        reverse("crm_runs:inspect", args=[run.pk]),
    ):
        html = admin_client.get(url).content.decode()
        assert "/new/" not in html and "/delete/" not in html, url
        assert f"/crm_runs/edit/{run.pk}/" not in html, url


def test_the_person_form_changes_curated_fields_only(admin_client, person):
    from core.models import Sector

    sector = Sector.objects.filter(locale__language_code="fr").first()
    response = admin_client.post(
        reverse("people:edit", args=[person.pk]),
        {
            "notes": "Rencontrée au printemps.",
            "sectors": [sector.pk],
            "first_name": "Mallory",
            "email": "mallory@evil.example",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.notes == "Rencontrée au printemps."
    assert list(person.sectors.all()) == [sector]
    assert (person.first_name, person.email) == ("Zoë", "zoe@example.org")


def test_removing_a_person_from_the_admin_is_erasure(admin_client, person):
    url = reverse("people:erase", args=[person.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert 'name="confirm"' in page.content.decode()
    # Without the confirmation nothing happens.
    admin_client.post(url)
    assert Person.objects.filter(pk=person.pk).exists()
    response = admin_client.post(url, {"confirm": "erase"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    # No orphaned source records with the person's name and email left behind.
    assert not SourceRecord.objects.exists()
    assert Erasure.objects.filter(kind="email").exists()
    # Its record: who erased, when (no name).
    from people.models import AuditEvent

    event = AuditEvent.objects.get(action="erase")
    assert event.user.username == "admin"
    assert list(event.subjects.values_list("person_id", flat=True)) == [person.pk]
    assert "Zoë" not in str(event.details) and "zoe@" not in str(event.details)
