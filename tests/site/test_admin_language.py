"""An admin that speaks the editor's language: no English string the project owns on the
main screens of a Dutch-speaking editor (and of the publisher who reviews their work).

"Owned by the project" means the project's catalogue entries (interface strings that
Wagtail, Django or wagtail-localize do not also define) and the names of the data the
project creates: groups, workflows, tasks, the root page and the root collection.
Wagtail's and wagtail-localize's own strings are theirs (see the README).
"""

import json
from pathlib import Path

import django
import polib
import pytest
import wagtail
import wagtail_localize
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, Locale, Page

from agencies.models import AgencyIndexPage
from passerelles import names

from .editorial import agency, client_for, edition_index, member, story_index
from .factories import StoryFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
# Strings in the JSON that feeds the admin's menus and editors.
VISIBLE_KEYS = {"label", "title", "helpText", "help_text", "heading", "placeholder", "text"}


def catalogue(path: Path) -> polib.POFile:
    return polib.pofile(str(path))


def upstream_msgids() -> set[str]:
    found = set()
    for package in (django, wagtail, wagtail_localize):
        for po in Path(package.__file__).parent.rglob("locale/nl/LC_MESSAGES/django.po"):
            found |= {entry.msgid for entry in catalogue(po)}
    return found


def owned_english() -> tuple[set[str], set[str]]:
    """(English strings the project owns that Dutch shows differently, their Dutch forms)."""
    po = catalogue(ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    entries = [e for e in po if not e.obsolete and not e.msgid_plural]
    upstream = upstream_msgids()
    english = {e.msgid for e in entries if e.msgstr != e.msgid and e.msgid not in upstream}
    with translation.override("nl"):
        english |= {name for name in names._REGISTRY if names.display_name(name) != name}
    english.add("Root")  # Wagtail's initial name of the root page and collection
    return english, {e.msgstr for e in entries}


def visible_strings(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    found = []

    def walk(value, key=None):
        if isinstance(value, str) and key in VISIBLE_KEYS:
            found.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)

    for script in soup.find_all("script", attrs={"type": "application/json"}):
        walk(json.loads(script.string or "null"))
    for element in soup.find_all(attrs={"data-props": True}):
        walk(json.loads(element["data-props"]))
    for element in soup.find_all(True):
        for attr in ("title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"):
            if element.get(attr):
                found.append(element[attr])
        if element.name in ("button", "input") and element.get("type") in ("submit", "button"):
            found.append(element.get("value") or "")
    for element in soup(["script", "style", "template"]):
        element.decompose()
    found += soup.find_all(string=True)
    return {" ".join(str(text).split()) for text in found if str(text).strip()}


def english_on(client, url: str, english: set[str], dutch: set[str]) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        html = response.json()["html"]
    return {
        msgid
        for text in visible_strings(html) - dutch
        for msgid in english
        if text == msgid or (len(msgid) >= 20 and msgid in text)
    }


def test_a_dutch_speaking_editor_meets_no_english_string_the_project_owns(
    django_capture_on_commit_callbacks,
):
    editor = member("wbimages-editor", language="nl")
    story = StoryFactory(
        parent=story_index(), agencies=[agency("wbimages")], owner=editor, title="Un récit"
    )
    involved = type(story).objects.filter(locale=Locale.get_default(), agencies=agency("wbimages"))
    dutch_story = involved.first().get_translation(Locale.objects.get(language_code="nl"))
    client = client_for(editor)
    submit = reverse("wagtailadmin_pages:edit", args=[story.id])
    response = client.get(submit)
    assert "Stuur door naar Nalezing WBImages" in response.content.decode()

    english, dutch = owned_english()
    agency_index = AgencyIndexPage.objects.get(locale=Locale.get_default())
    screens = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[story_index().id]),
        reverse("wagtailadmin_explore", args=[story_index("nl").id]),
        reverse("wagtailadmin_explore", args=[agency_index.id]),
        submit,
        reverse("wagtailadmin_pages:edit", args=[dutch_story.id]),
        reverse("wagtailadmin_pages:edit", args=[agency("wbimages").id]),
        reverse("wagtailadmin_pages:add", args=("stories", "storypage", story_index().id)),
        reverse("wagtailadmin_pages:add", args=("editions", "editionpage", edition_index().id)),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("translation_status"),
        reverse("wagtailadmin_choose_page") + "?page_type=agencies.agencypage",
        reverse("wagtailsnippetchoosers_editions_venue:choose"),
    ]
    found = {url: english_on(client, url, english, dutch) for url in screens}
    assert not any(found.values()), {url: words for url, words in found.items() if words}

    # The publisher who reviews it sees the task in Dutch too.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(submit, {**_form(client, submit), "action-submit": "1"})
    story.refresh_from_db()
    assert story.workflow_in_progress
    publisher = client_for(member("wbimages-publisher", language="nl"))
    for url in (reverse("wagtailadmin_home"), submit):
        assert not english_on(publisher, url, english, dutch), url
    assert "Goedkeuring WBImages" in publisher.get(reverse("wagtailadmin_home")).content.decode()


def _form(client, url: str) -> dict:
    from wagtail.test.utils.form_data import querydict_from_html

    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["body-count"] = data["gallery-count"] = "0"
    return data


def test_the_root_page_and_collection_carry_the_site_name():
    assert Page.get_first_root_node().title == "Passerelles"
    assert Collection.get_first_root_node().name == "Passerelles"


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_menu_label_starts_with_a_capital(admin_user, client, language):
    """ "Connexions CRM", not "connexions CRM": a French model name is lower-case, a menu
    label is not."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    labels = []

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("label"), str):
                labels.append(value["label"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(soup.find(id="wagtail-sidebar-props").string))
    assert len(labels) > 10
    assert not [label for label in labels if label[:1].islower()]
    if language == "fr":
        assert "Connexions CRM" in labels
