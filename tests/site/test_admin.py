"""Editors create and translate an edition in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from editions.models import EditionIndexPage, EditionPage

pytestmark = pytest.mark.django_db


def test_editor_creates_then_translates_an_edition(admin_client, locales):
    index = EditionIndexPage.objects.get(locale=locales["fr"])
    add_url = reverse("wagtailadmin_pages:add", args=("editions", "editionpage", index.id))
    response = admin_client.get(add_url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data["title"] = "Passerelles — automne 2031"
    data["slug"] = "automne-2031"
    data["start"] = "2031-10-09 18:30"
    data["introduction"] = "Une soirée pour se rencontrer entre secteurs."
    data["capacity"] = "150"
    data["registration_status"] = "open"
    # StreamFields are drawn by the admin's JavaScript: post them empty.
    data["programme-count"] = "0"
    data["body-count"] = "0"
    data["action-publish"] = "action-publish"
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    edition = EditionPage.objects.get(slug="automne-2031")
    assert edition.live and edition.get_parent().id == index.id

    submit_url = reverse("wagtail_localize:submit_page_translation", args=[edition.id])
    assert admin_client.get(submit_url).status_code == 200
    response = admin_client.post(submit_url, {"locales": [locales["nl"].id, locales["en"].id]})
    assert response.status_code == 302
    languages = set(
        EditionPage.objects.filter(translation_key=edition.translation_key).values_list(
            "locale__language_code", flat=True
        )
    )
    assert languages == {"fr", "nl", "en"}


def test_admin_requires_login(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(("app", "model"), [("core", "sector"), ("editions", "venue")])
def test_snippets_are_managed_in_the_admin(admin_client, app, model):
    response = admin_client.get(reverse(f"wagtailsnippets_{app}_{model}:list"))
    assert response.status_code == 200


def test_sectors_can_be_translated_from_the_admin(admin_client, locales):
    from core.models import Sector

    sector = Sector.objects.create(name="Bande dessinée", slug="bd", locale=locales["fr"])
    url = reverse("wagtail_localize:submit_snippet_translation", args=["core", "sector", sector.id])
    response = admin_client.post(url, {"locales": [locales["nl"].id]})
    assert response.status_code == 302
    assert Sector.objects.filter(translation_key=sector.translation_key).count() == 2


def test_relation_pickers_offer_only_source_language_objects(admin_client, locales):
    from stories.models import StoryIndexPage

    index = StoryIndexPage.objects.get(locale=locales["fr"])
    url = reverse("wagtailadmin_pages:add", args=("stories", "storypage", index.id))
    html = admin_client.get(url).content.decode()
    assert html.count('name="agencies"') == 6
    assert html.count('name="sectors"') == 7
