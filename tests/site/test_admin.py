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
