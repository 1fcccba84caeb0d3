"""Translations that are honest: drafts until published, choosers in the source language,
venues translated, and no French left unmarked on Dutch and English pages."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import querydict_from_html
from wagtail_localize.operations import translate_object

from agencies.models import AgencyIndexPage, AgencyPage
from editions.models import EditionPage, Venue
from passerelles.demo import content
from stories.models import StoryPage

from .editorial import agency, client_for, edition_index, member, story_index
from .factories import EditionFactory, StoryFactory, VenueFactory

pytestmark = pytest.mark.django_db


def nl() -> Locale:
    return Locale.objects.get(language_code="nl")


# -- drafts ----------------------------------------------------------------------------


def test_a_translation_is_a_draft_and_its_url_answers_404_until_published(
    client, django_capture_on_commit_callbacks
):
    story = StoryFactory(parent=story_index(), agencies=[agency("wbmusiques")], slug="een-verhaal")
    editor = client_for(member("wbmusiques-editor"))
    submit = reverse("wagtail_localize:submit_page_translation", args=[story.id])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(submit, {"locales": [nl().id]})
    assert response.status_code == 302
    draft = StoryPage.objects.get(translation_key=story.translation_key, locale=nl())
    assert not draft.live
    url = f"/nl/{story_index('nl').slug}/{draft.slug}/"
    assert client.get(url).status_code == 404
    assert draft.title not in client.get(story_index("nl").url).content.decode()

    publisher = client_for(member("wbmusiques-publisher"))
    edit = reverse("wagtailadmin_pages:edit", args=[draft.id])
    with django_capture_on_commit_callbacks(execute=True):
        assert publisher.post(edit, {"action": "publish"}).status_code == 302
    assert client.get(url).status_code == 200


# -- choosers --------------------------------------------------------------------------


def modal_html(response) -> str:
    """A chooser's HTML: modal steps come as JSON, search results as plain HTML."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def chooser_choices(response) -> set[int]:
    return {int(i) for i in re.findall(r'data-id="(\d+)"', modal_html(response))}


def test_the_agency_chooser_search_offers_the_french_agency_only(admin_client):
    url = reverse("wagtailadmin_choose_page_search")
    response = admin_client.get(url, {"page_type": "agencies.agencypage", "q": "WBCampus"})
    assert chooser_choices(response) == {agency("wbcampus").id}


def test_the_agency_chooser_opens_at_the_french_agencies(admin_client):
    index = AgencyIndexPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:add", args=("editions", "editionpage", edition_index().id))
    assert f'"parentId": {index.id}' in admin_client.get(url).content.decode()
    browse = reverse("wagtailadmin_choose_page_child", args=[index.id])
    response = admin_client.get(browse, {"page_type": "agencies.agencypage"})
    assert chooser_choices(response) == set(
        AgencyPage.objects.filter(locale__language_code="fr").values_list("id", flat=True)
    )


def test_the_edition_chooser_of_a_story_opens_at_the_french_editions(admin_client):
    url = reverse("wagtailadmin_pages:add", args=("stories", "storypage", story_index().id))
    assert f'"parentId": {edition_index().id}' in admin_client.get(url).content.decode()
    search = reverse("wagtailadmin_choose_page_search")
    response = admin_client.get(search, {"page_type": "editions.editionpage", "q": "Passerelles"})
    choices = EditionPage.objects.filter(id__in=chooser_choices(response))
    assert choices and {e.locale.language_code for e in choices} == {"fr"}


def test_a_dutch_agency_chosen_anyway_is_saved_as_the_french_one(admin_client):
    url = reverse("wagtailadmin_pages:add", args=("editions", "editionpage", edition_index().id))
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data.update(
        title="Passerelles — automne 2032",
        slug="automne-2032",
        start="2032-10-07 18:30",
        introduction="Une soirée.",
        registration_status="open",
        host_agency=str(agency("wbcampus", "nl").id),
    )
    data["programme-count"] = data["body-count"] = "0"
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert EditionPage.objects.get(slug="automne-2032").host_agency == agency("wbcampus")


def test_the_venue_chooser_offers_french_venues_only(admin_client):
    response = admin_client.get(reverse("wagtailsnippetchoosers_editions_venue:choose"))
    offered = {int(pk) for pk in re.findall(r"/chosen/(\d+)/", modal_html(response))}
    french = set(Venue.objects.filter(locale__language_code="fr").values_list("pk", flat=True))
    assert len(french) == len(content.VENUES)
    assert offered == french


# -- venues ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected", "french"),
    [
        ("nl", ["Akenkaai 52", "Brussel", "België", "Gelijkvloerse toegang"], set()),
        # The street keeps its French name in English, and says so.
        ("en", ["Brussels", "Belgium", "Step-free entrance"], {"Quai des Péniches 52"}),
    ],
)
def test_the_demo_venue_is_translated_on_the_edition_page(client, language, expected, french):
    edition = EditionPage.objects.get(slug="printemps-2024").get_translation(
        Locale.objects.get(language_code=language)
    )
    html = client.get(edition.url).content.decode()
    address = BeautifulSoup(html, "html.parser").find("address").parent
    for text in expected:
        assert text in address.get_text()
    assert "Bruxelles" not in address.get_text()
    assert {element.get_text() for element in address.find_all(attrs={"lang": "fr"})} == french


def test_venue_text_not_translated_yet_is_marked_french(client, django_capture_on_commit_callbacks):
    venue = VenueFactory(
        accessibility="Rampe d'accès côté cour.", country="Belgique", locale=Locale.get_default()
    )
    edition = EditionFactory(parent=edition_index(), venue=venue, slug="sans-traduction")
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(edition, [nl()])
    dutch = edition.get_translation(nl())
    dutch.save_revision().publish()
    html = client.get(dutch.url).content.decode()
    address = BeautifulSoup(html, "html.parser").find("address").parent
    marked = {element.get_text() for element in address.find_all(attrs={"lang": "fr"})}
    assert {"Rampe d'accès côté cour.", "Belgique"} <= marked


# -- no unmarked French ----------------------------------------------------------------


def french_only_texts(language: str) -> set[str]:
    """Every French text of the demo whose `language` version differs from it."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            french = value.get("fr")
            if isinstance(french, str) and value.get(language, french) != french:
                found.add(french)
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name in dir(content):
        walk(getattr(content, name))
    return {text for text in found if len(text) > 3}


def unmarked_texts(html: str, language: str) -> list[str]:
    """Visible text of the page, outside elements marked with another language."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "head"]):
        element.decompose()
    texts = []
    for node in soup.find_all(string=True):
        marked = node.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"] != language:
            continue
        text = " ".join(node.split())
        if text:
            texts.append(text)
    return texts


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_french_text_is_left_unmarked_on_dutch_and_english_pages(client, language):
    locale = Locale.objects.get(language_code=language)
    french = french_only_texts(language)
    pages = [
        *AgencyPage.objects.live().filter(locale=locale),
        *EditionPage.objects.live().filter(locale=locale),
        *StoryPage.objects.live().filter(locale=locale)[:4],
        story_index(language),
        edition_index(language),
    ]
    pages.append(pages[0].get_parent().get_parent())  # the home page
    found = []
    for page in pages:
        for text in unmarked_texts(client.get(page.url).content.decode(), language):
            found += [
                (page.url, text) for fr in french if fr == text or (len(fr) > 20 and fr in text)
            ]
    assert not found
