"""Who sees what of the directory's admin screens, and the audit trail that records it.

The sweep covers every directory screen, the new data protection ones included,
for four roles: anonymous, an editor without People permissions, a view-only
reader and the "Data protection" group.
"""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from people.contact import Contact
from people.models import AuditEvent, ExportJob, Merge, Person, PossibleDuplicate
from people.sources import apply_contacts

pytestmark = pytest.mark.django_db

SECRET_NAME = "Geheim-Persoon"
OK, REFUSED, GONE = "ok", "refused", "gone"


@pytest.fixture
def data(admin_user, settings, tmp_path):
    settings.PEOPLE_EXPORT_ROOT = tmp_path
    apply_contacts(
        "wbmusiques",
        "crm",
        [
            Contact(
                "1", timezone.now(), "Zoë", SECRET_NAME, ["zoe@example.org"], ["0470 11 22 33"]
            ),
            Contact(
                "2", timezone.now(), "Zoë", SECRET_NAME, ["zoe2@example.org"], ["0470 11 22 33"]
            ),
            Contact("3", timezone.now(), "Third", "Person", ["third@example.org"]),
        ],
    )
    first, second, third = Person.objects.order_by("id")
    merge = Merge.objects.create(survivor=third, merged=second)
    job = ExportJob.objects.create(user=admin_user, file_format="csv", person_ids=[first.pk])
    return {
        "person": first,
        "pair": PossibleDuplicate.objects.get(),
        "merge": merge,
        "job": job,
    }


def screens(d) -> list[tuple[str, str, dict]]:
    """(method, url, {role: expected}) for every directory screen."""
    p = d["person"].pk
    read = {"reader": OK, "officer": OK}
    officer = {"reader": REFUSED, "officer": OK}
    staff_only = {"reader": REFUSED, "officer": REFUSED}
    return [
        ("get", reverse("people:index"), read),
        ("get", reverse("people:inspect", args=[p]), read),
        ("get", reverse("people:history", args=[p]), officer),
        ("get", reverse("people:edit", args=[p]), staff_only),
        ("post", reverse("people:edit", args=[p]), staff_only),
        ("get", reverse("people:erase", args=[p]), officer),
        ("post", reverse("people:erase", args=[p]), {"reader": REFUSED, "officer": None}),
        ("get", reverse("people:subject_access", args=[p]), officer),
        ("get", reverse("people_subject_access") + "?email=zoe@example.org", officer),
        ("get", reverse("people_audit:index"), officer),
        ("get", reverse("people_duplicates"), read),
        ("post", reverse("people_decide", args=[d["pair"].pk]), staff_only),
        ("post", reverse("people_undo_merge", args=[d["merge"].pk]), staff_only),
        ("get", reverse("people_export"), read),
        ("get", reverse("people_export_download", args=[d["job"].pk]), {"reader": GONE}),
        ("get", reverse("people_search") + "?q=zoe", read),
    ]


FORM = {"decision": "distinct", "notes": "changed", "file_format": "csv", "purpose": "directory"}


def unchanged(d) -> bool:
    return (
        Person.objects.filter(pk=d["person"].pk, notes="").exists()
        and PossibleDuplicate.objects.get().status == "open"
        and Merge.objects.get().undone_at is None
    )


def test_anonymous_visitors_are_sent_to_the_login_everywhere(client, data):
    for method, url, _ in screens(data):
        response = getattr(client, method)(url, FORM)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"], url
        assert SECRET_NAME not in response.content.decode()
    assert unchanged(data)


def test_editors_without_directory_permissions_are_refused_everywhere(staff_client, data):
    client = staff_client()
    for method, url, _ in screens(data):
        response = getattr(client, method)(url, FORM)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/people" not in response["Location"], url
        assert SECRET_NAME not in response.content.decode(), url
    assert unchanged(data)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("people:index") not in menu


def data_protection_officer(client):
    officer = User.objects.create_user("officer", password="x")
    officer.groups.add(Group.objects.get(name="Data protection"))
    client.force_login(officer)
    return client


@pytest.mark.parametrize("role", ["reader", "officer"])
def test_readers_and_the_data_protection_group_see_only_their_screens(
    role, client, staff_client, data
):
    if role == "reader":
        client = staff_client("view_person", username="reader")
    else:
        client = data_protection_officer(client)
    for method, url, expected in screens(data):
        expected = expected.get(role)
        if expected is None:
            continue
        response = getattr(client, method)(url, FORM, follow=expected == GONE)
        status = response.status_code
        if expected == OK:
            assert status == 200, (role, url, status)
        elif expected == REFUSED:
            assert status in (302, 403), (role, url, status)
            assert SECRET_NAME not in response.content.decode(), url
        else:
            assert status == 404, (role, url, status)
    assert unchanged(data)
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert (reverse("people_audit:index") in menu) == (role == "officer")


def test_the_audit_trail_is_for_the_data_protection_group(client, staff_client, data):
    reader = staff_client("view_person", username="reader")
    reader.get(reverse("people:inspect", args=[data["person"].pk]))
    reader.get(reverse("people_search"), {"q": "geheim"})
    reader.get(reverse("people_search_autocomplete"), {"q": "geh"})
    reader.get(reverse("people_search_autocomplete"), {"q": "geheim-p"})
    refused = reader.get(reverse("people_audit:index"))
    assert refused.status_code in (302, 403) and "geheim" not in refused.content.decode()
    officer = data_protection_officer(client)
    html = officer.get(reverse("people_audit:index")).content.decode()
    # One view, one search (suggestions typed after it extend the search).
    assert len(re.findall(r">\s*reader\s*<", html)) == 2
    view = AuditEvent.objects.get(action="view")
    assert list(view.subjects.values_list("person_id", flat=True)) == [data["person"].pk]
    search = AuditEvent.objects.get(action="search")
    # The query, never the results.
    assert search.query == "geheim-p" and not search.subjects.exists()
    filtered = officer.get(reverse("people_audit:index"), {"person": data["person"].pk})
    assert len(re.findall(r">\s*reader\s*<", filtered.content.decode())) == 1


def test_merges_and_duplicate_decisions_are_recorded(admin_client, data):
    pair = data["pair"]
    admin_client.post(reverse("people_decide", args=[pair.pk]), {"decision": "keep_first"})
    merge = Merge.objects.get(survivor=pair.first)
    admin_client.post(reverse("people_undo_merge", args=[merge.pk]))
    actions = list(AuditEvent.objects.order_by("at", "id").values_list("action", "username"))
    assert actions == [("merge", "admin"), ("unmerge", "admin")]
    ids = set(AuditEvent.objects.get(action="merge").subjects.values_list("person_id", flat=True))
    assert ids == {pair.first_id, pair.second_id}
    admin_client.post(reverse("people_decide", args=[pair.pk]), {"decision": "distinct"})
    assert AuditEvent.objects.filter(action="distinct", username="admin").exists()


def test_html_from_a_crm_is_escaped_on_the_new_screens(admin_client):
    apply_contacts(
        "wbimages",
        "crm",
        [Contact("x", timezone.now(), "<script>alert(1)</script>", "X", ["x@example.org"])],
    )
    person = Person.objects.get(email="x@example.org")
    admin_client.get(reverse("people:inspect", args=[person.pk]))
    for url in (
        reverse("people:erase", args=[person.pk]),
        reverse("people:subject_access", args=[person.pk]) + "?format=html",
        reverse("people_subject_access") + "?email=x@example.org",
        reverse("people_audit:index"),
    ):
        html = admin_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url


def test_the_data_protection_permissions_are_offered_in_settings_groups(admin_client):
    from django.contrib.auth.models import Permission

    group = Group.objects.get(name="Data protection")
    html = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    for codename in ("subject_access_person", "view_auditevent"):
        permission = Permission.objects.get(codename=codename)
        assert f'value="{permission.pk}"' in html, codename
    # Sync runs are read-only: only their view permission is offered.
    for codename in ("add_syncrun", "change_syncrun", "delete_syncrun"):
        assert f'value="{Permission.objects.get(codename=codename).pk}"' not in html, codename
