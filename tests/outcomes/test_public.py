"""What the public sees: aggregated counts, never a group smaller than five, never a name."""

import re

import pytest
from django.utils import translation

from outcomes.models import ImpactPage, Stage
from outcomes.public import ROUND_TO, THRESHOLD, PublicCount

pytestmark = pytest.mark.django_db

FEWER = {"fr": "moins de 5", "nl": "minder dan 5", "en": "fewer than 5"}
HEADING = {"fr": "Ce qui en est ressorti", "nl": "Wat het opleverde", "en": "What came out of it"}


def published_numbers(html: str) -> list[str]:
    """The figures of the outcomes block(s) of a page, as shown."""
    blocks = re.findall(r'<dl class="outcome-figures">(.*?)</dl>', html, re.S)
    return [v.strip() for block in blocks for v in re.findall(r"<dd>(.*?)</dd>", block, re.S)]


@pytest.fixture
def busy_edition(make_person, encounter_between, past_editions):
    """An edition with 12 encounters between named people: 7 started a project, 5 realised it."""
    edition = past_editions[0]
    people = [
        make_person(f"Zéphyrin Unique{n}", "music" if n % 2 else "architecture") for n in range(24)
    ]
    for n in range(12):
        steps = [(Stage.TALKED_AGAIN, 5)]
        if n < 7:
            steps.append((Stage.PROJECT_STARTED, 40))
        if n < 5:
            steps.append((Stage.PROJECT_REALISED, 90))
        encounter_between(people[2 * n : 2 * n + 2], edition, *steps, notes=f"secret note {n}")
    return edition


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_past_edition_shows_what_came_out_of_it_in_its_language(client, busy_edition, language):
    page = busy_edition.get_translation(
        busy_edition.locale.__class__.objects.get(language_code=language)
    )
    html = client.get(page.get_url()).content.decode()
    assert HEADING[language] in html
    # 12 encounters → 10; 24 people → 25; 7 started → 5; 5 realised → 5; pair shown.
    assert published_numbers(html)[:5] == ["25", "10", "10", "5", "5"]
    assert "Zéphyrin" not in html and "Unique" not in html and "secret note" not in html


def test_an_upcoming_edition_has_no_outcomes_block(client, locales):
    from editions.models import EditionPage

    upcoming = EditionPage.objects.filter(locale=locales["en"]).order_by("-start").first()
    assert upcoming.is_upcoming
    assert HEADING["en"] not in client.get(upcoming.get_url()).content.decode()


def test_small_groups_read_fewer_than_five(client, make_person, encounter_between, past_editions):
    edition = past_editions[1]
    people = [make_person(f"Solo Person{n}", "design", "fashion") for n in range(6)]
    encounter_between(people[0:2], edition, (Stage.PROJECT_STARTED, 30))
    encounter_between(people[2:4], edition)
    encounter_between(people[4:6], edition)
    with translation.override("en"):
        page = edition.get_translation(edition.locale.__class__.objects.get(language_code="en"))
        html = client.get(page.get_url()).content.decode()
    numbers = published_numbers(html)
    # 6 people → 5; 3 encounters, 1 followed up, 1 started, 0 realised → fewer than 5.
    assert numbers[:5] == ["5", FEWER["en"], FEWER["en"], FEWER["en"], FEWER["en"]]
    # Three encounters of design × fashion: neither sectors nor the pair are named.
    assert "Sectors that met" not in html and "sector pairs" not in html


def candidates(shown: str) -> set[int]:
    """Every true count (up to 1,000) that would be published as `shown`."""
    return {n for n in range(1000) if str(PublicCount.of(n)) == shown}


def test_subtracting_published_figures_never_reveals_a_small_group(
    client, busy_edition, make_person, encounter_between, past_editions
):
    """An attacker subtracts "realised" from "started" on one edition, and one edition from
    the network total; each small group they aim at must stay ambiguous."""
    # A second edition with 3 encounters: its own count is hidden ("fewer than 5")...
    people = [make_person(f"Other Person{n}", "music") for n in range(6)]
    for n in range(3):
        encounter_between(people[2 * n : 2 * n + 2], past_editions[2])
    with translation.override("en"):
        edition_html = client.get(
            busy_edition.get_translation(
                busy_edition.locale.__class__.objects.get(language_code="en")
            ).get_url()
        ).content.decode()
        impact = ImpactPage.objects.get(locale__language_code="en")
        network_html = client.get(impact.get_url()).content.decode()
    edition = published_numbers(edition_html)
    network = published_numbers(network_html)
    # ...and the network total minus the busy edition's count cannot tell it: 15 encounters
    # in all, 12 at the busy edition; the published figures allow several values for 3.
    total, busy = candidates(network[1]), candidates(edition[1])
    hidden = {t - b for t in total for b in busy if 0 <= t - b < THRESHOLD}
    assert 3 in hidden and len(hidden) > 1
    # "Started but not realised" (2 encounters) cannot be read from started − realised.
    gap = {s - r for s in candidates(edition[3]) for r in candidates(edition[4]) if s >= r}
    assert 2 in gap and len(gap) > 1
    assert all(int(v) % ROUND_TO == 0 for v in edition + network if v.isdigit())


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_network_impact_page_exists_in_every_language(client, busy_edition, language):
    page = ImpactPage.objects.get(locale__language_code=language)
    response = client.get(page.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert published_numbers(html)[:2] == ["25", "10"]
    assert busy_edition.get_translation(page.locale).title in html
    assert "Zéphyrin" not in html
