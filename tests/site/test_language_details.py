"""Language details: the switcher keeps filters, says when a page is not
translated, English dates are British, and each thing has one name."""

import re
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from agencies.models import AgencyIndexPage
from editions.models import EditionIndexPage, EditionPage
from passerelles.demo import content
from passerelles.demo.translate import TranslationMemory, retranslate
from stories.models import StoryIndexPage
from tests.site.factories import StoryFactory

pytestmark = pytest.mark.django_db


def switcher(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("nav.language-switcher")


def links(nav: BeautifulSoup) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def test_switcher_keeps_the_filters_of_the_stories_index(client):
    nav = switcher(client, "/fr/recits/?sector=music&kind=touring")
    assert links(nav) == {
        "nl": "/nl/verhalen/?sector=music&kind=touring",
        "en": "/en/stories/?sector=music&kind=touring",
    }


def test_switcher_translates_the_edition_filter(client):
    nav = switcher(client, "/fr/recits/?edition=printemps-2024&page=1")
    assert links(nav)["nl"] == "/nl/verhalen/?edition=voorjaar-2024&page=1"
    assert links(nav)["en"] == "/en/stories/?edition=spring-2024&page=1"
    # and the filter still finds the same stories on the other side
    french = BeautifulSoup(client.get("/fr/recits/?edition=printemps-2024").content, "html.parser")
    dutch = BeautifulSoup(client.get(links(nav)["nl"]).content, "html.parser")
    assert len(french.select(".cards .card")) == len(dutch.select(".cards .card")) > 0


def test_untranslated_page_note_is_visible_to_everyone(client, locales):
    index = StoryIndexPage.objects.get(locale=locales["fr"])
    story = StoryFactory(parent=index, locale=locales["fr"], title="Seulement en français")
    nav = switcher(client, story.url)
    link = nav.find("a", hreflang="nl")
    assert link["href"] == "/nl/"
    note = link.find(class_="language-fallback-note")
    assert note.get_text(strip=True) == "(cette page n'est pas traduite\u00a0: page d'accueil)"
    assert "visually-hidden" not in " ".join(note.get("class", []))
    assert not nav.select(".visually-hidden")


def test_english_dates_and_times_are_british(client):
    edition = EditionPage.objects.live().filter(locale__language_code="en").first()
    html = BeautifulSoup(client.get(edition.url).content, "html.parser")
    shown = html.select_one("section.facts time").get_text(strip=True)
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", shown), shown
    assert "p.m." not in html.get_text() and "a.m." not in html.get_text()
    start = edition.start.astimezone(ZoneInfo("Europe/Brussels"))
    assert shown.startswith(f"{start.day} {start:%B} {start.year}, {start:%H:%M}")


@pytest.mark.parametrize(
    "language,names",
    [
        ("fr", {"agences": "Agences", "editions": "Éditions", "recits": "Récits"}),
        ("nl", {"agentschappen": "Agentschappen", "edities": "Edities", "verhalen": "Verhalen"}),
        ("en", {"agencies": "Agencies", "editions": "Editions", "stories": "Stories"}),
    ],
)
def test_one_name_per_index_in_menu_title_and_address(client, language, names):
    html = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
    menu = {
        a["href"].strip("/").split("/")[-1]: a.get_text(strip=True)
        for a in html.select("header nav ul.nav-list a")
    }
    assert menu == names
    for model in (AgencyIndexPage, EditionIndexPage, StoryIndexPage):
        page = model.objects.get(locale__language_code=language)
        assert names[page.slug] == page.title


def test_the_design_agency_has_one_name_everywhere(client):
    for language in ("fr", "nl", "en"):
        html = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
        text = html.get_text()
        assert "Wallonie-Bruxelles Design Mode" not in text
        assert "Wallonia-Brussels Design Mode" in text


def test_load_demo_renames_an_index_page_that_still_has_its_earlier_title(locales):
    old = content.PREVIOUS_INDEX_TITLES["stories"]
    memory = TranslationMemory()
    memory.add(old)
    page = StoryIndexPage.objects.get(locale=locales["fr"]).get_latest_revision_as_object()
    page.title = page.draft_title = old["fr"]
    page.save_revision().publish()
    retranslate(page, [locales["nl"], locales["en"]], memory)
    titles = {p.locale.language_code: p.title for p in StoryIndexPage.objects.live()}
    assert titles == old  # an installation made with the earlier demo

    call_command("load_demo", "--without-directory", verbosity=0)

    titles = {p.locale.language_code: p.title for p in StoryIndexPage.objects.live()}
    assert titles == {"fr": "Récits", "nl": "Verhalen", "en": "Stories"}
    slugs = {p.locale.language_code: p.slug for p in StoryIndexPage.objects.live()}
    assert slugs == {"fr": "recits", "nl": "verhalen", "en": "stories"}


def test_load_demo_keeps_an_index_title_an_editor_chose(locales):
    page = EditionIndexPage.objects.get(locale=locales["fr"]).get_latest_revision_as_object()
    page.title = page.draft_title = "Nos soirées"
    page.save_revision().publish()
    call_command("load_demo", "--without-directory", verbosity=0)
    assert EditionIndexPage.objects.get(locale=locales["fr"]).title == "Nos soirées"
