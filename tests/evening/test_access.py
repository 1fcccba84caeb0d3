"""Who may open the evening's screens: anonymous, editors, readers, Event staff."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def urls(edition):
    return [
        reverse("evening_editions"),
        reverse("evening_import"),
        reverse("evening_door", args=[edition.pk]),
        reverse("evening_counts", args=[edition.pk]),
        reverse("evening_badges", args=[edition.pk]),
        reverse("evening_tables", args=[edition.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login(client, edition):
    for url in urls(edition):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_editors_without_directory_permissions_are_refused(staff_client, edition):
    client = staff_client()
    for url in urls(edition):
        assert client.get(url).status_code in (302, 403), url
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "evening-menu" not in menu


def test_directory_readers_get_badges_and_tables_but_not_the_door(
    directory_reader, edition, registrant
):
    registrant(edition, "Lieve Peeters", "music")
    assert directory_reader.get(reverse("evening_tables", args=[edition.pk])).status_code == 200
    badges = directory_reader.get(reverse("evening_badges", args=[edition.pk]))
    assert badges["Content-Type"] == "application/pdf"
    assert directory_reader.get(reverse("evening_door", args=[edition.pk])).status_code in (
        302,
        403,
    )
    assert directory_reader.get(reverse("evening_import")).status_code in (302, 403)


def test_the_public_site_shows_no_registrant(client, edition, registrant):
    registrant(edition, "Zoltan Secretname", "music")
    page = client.get(edition.url)
    assert page.status_code == 200
    assert "Secretname" not in page.content.decode()


def test_setup_roles_gives_event_staff_the_door_and_nothing_of_the_directory():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Event staff")
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("evening", "check_in"),
    }
