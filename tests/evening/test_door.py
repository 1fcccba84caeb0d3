"""Check-in at the door: three letters, tap, undo, walk-ins, live counts; idempotent and
concurrency-safe; the Event staff group sees name, organisation and sector only.

Two tablets at once are tested in real browsers on a server of their own
(test_door_browser.py): a transactional test here would empty the shared
test database that every other test reads the demo from."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from people.models import AuditEvent, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_staff(client):
    """A client logged in as a member of the Event staff group made by setup_roles."""
    user = User.objects.create_user("door", password="x")
    user.groups.add(Group.objects.get(name="Event staff"))
    client.force_login(user)
    return client


def test_three_letters_find_registrants_with_name_organisation_and_sector(
    event_staff, edition, registrant
):
    registrant(edition, "Hélène Dubois", "music")
    registrant(edition, "Marc Lambert", "design")
    url = reverse("evening_door", args=[edition.pk])
    data = event_staff.get(url, {"q": "hel", "format": "json"}).json()
    assert [r["name"] for r in data["results"]] == ["Hélène Dubois"]
    result = data["results"][0]
    assert result["sector"] == "music" and result["sector_name"] == "Musique"
    assert set(result) >= {"organisation", "colour"}
    assert "email" not in result  # the door sees no contact details
    assert event_staff.get(url, {"q": "he", "format": "json"}).json()["results"] == []
    # Every lookup is in the audit trail.
    assert AuditEvent.objects.filter(action="search", user__username="door").exists()


def test_check_in_is_idempotent_and_undo_works(event_staff, edition, registrant):
    attendance = registrant(edition, "Lieve Peeters", "fashion")
    url = reverse("evening_check_in", args=[edition.pk])
    headers = {"HTTP_ACCEPT": "application/json"}
    first = event_staff.post(url, {"attendance": attendance.pk, "arrived": "1"}, **headers).json()
    again = event_staff.post(url, {"attendance": attendance.pk, "arrived": "1"}, **headers).json()
    assert first["changed"] and not again["changed"]
    assert first["counts"]["arrived"] == again["counts"]["arrived"] == 1
    undone = event_staff.post(url, {"attendance": attendance.pk, "arrived": "0"}, **headers).json()
    assert undone["changed"] and undone["counts"]["arrived"] == 0
    assert AuditEvent.objects.filter(action="check_in", subjects__person_id=attendance.person_id)


def test_walk_in_in_two_fields_is_checked_in_and_gets_a_badge(event_staff, edition):
    response = event_staff.post(
        reverse("evening_walk_in", args=[edition.pk]),
        {"name": "Nina Verstraete", "organisation": "Collectif N"},
        HTTP_ACCEPT="application/json",
    )
    data = response.json()
    assert data["counts"]["arrived"] == 1
    person = Person.objects.get(last_name="Verstraete")
    assert person.organisation.name == "Collectif N"
    assert person.source_records.get().channel == "registration"
    badge = event_staff.get(data["badge"])
    assert badge["Content-Type"] == "application/pdf"


def test_event_staff_see_nothing_else_of_the_directory(event_staff, edition, registrant):
    attendance = registrant(edition, "Lieve Peeters")
    for url in (
        reverse("people:index"),
        reverse("people_search"),
        reverse("people:edit", args=[attendance.person_id]),
        reverse("evening_tables", args=[edition.pk]),
        reverse("evening_badges", args=[edition.pk]),
        reverse("evening_import"),
    ):
        assert event_staff.get(url).status_code in (302, 403), url
