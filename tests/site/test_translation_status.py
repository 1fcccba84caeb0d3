"""The translation status report (admin) and `manage.py translation_status [--json]`."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.operations import translate_object

from .editorial import agency, client_for, member, story_index
from .factories import StoryFactory

pytestmark = pytest.mark.django_db


def status_json(*args) -> dict:
    from io import StringIO

    out = StringIO()
    call_command("translation_status", "--json", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def entry(document: dict, page) -> dict:
    return next(o for o in document["objects"] if o["id"] == page.id)


def test_the_demo_is_up_to_date_in_every_language():
    document = status_json()
    assert document["languages"] == ["nl", "en"]
    count = len(document["objects"])
    assert count > 40
    for language in ("nl", "en"):
        assert document["summary"][language]["up_to_date"] == count
    types = {o["type"] for o in document["objects"]}
    assert {"stories.storypage", "editions.venue", "core.sector"} <= types


def test_a_page_goes_from_missing_to_draft_to_changed_since_the_sync(
    django_capture_on_commit_callbacks,
):
    story = StoryFactory(parent=story_index(), agencies=[agency("wbmusiques")])
    document = status_json("--needs-work")
    assert entry(document, story)["translations"]["nl"]["state"] == "missing"
    assert all(o["translations"]["nl"]["up_to_date"] is False for o in document["objects"])

    with django_capture_on_commit_callbacks(execute=True):
        translate_object(story, [Locale.objects.get(language_code="nl")])
    nl = entry(status_json(), story)["translations"]["nl"]
    assert nl["state"] == "draft"
    assert nl["translated_segments"] < nl["total_segments"]
    assert not entry(status_json(), story)["changed_since_sync"]

    story.summary = "Un résumé réécrit après la traduction."
    story.save_revision().publish()
    assert entry(status_json(), story)["changed_since_sync"]


def test_the_admin_report_offers_to_translate_only_what_the_user_may(client):
    own = StoryFactory(parent=story_index(), agencies=[agency("wbmusiques")], title="Le nôtre")
    other = StoryFactory(parent=story_index(), agencies=[agency("wbimages")], title="L'autre")
    html = client_for(member("wbmusiques-editor")).get(reverse("translation_status")).content
    html = html.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[own.id]) in html
    assert reverse("wagtail_localize:submit_page_translation", args=[other.id]) not in html
    assert "Le nôtre" in html and "L&#x27;autre" in html


def test_the_admin_report_needs_an_editorial_role(client):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert client_for(user).get(reverse("translation_status")).status_code in (302, 403)
