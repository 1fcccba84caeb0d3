"""The search contract: the same behaviour from every backend.

Runs against the database backend (PostgreSQL here) and, through the
`backend` fixture, against the Elasticsearch path.
"""

import pytest

from search.normalize import query_terms
from search.query import SearchQuery
from search.service import search

pytestmark = pytest.mark.django_db


def titles(result) -> list[str]:
    return [h.title for h in result.hits]


def find(text, **kw):
    return search(SearchQuery(text=text, **kw))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Hélène Lefèvre", "Hélène Lefèvre"),
        ("helene lefevre", "Hélène Lefèvre"),
        ("HELENE", "Hélène Lefèvre"),
        ("dhondt", "Pieter D'Hondt"),
        ("d'hondt", "Pieter D'Hondt"),
        ("D’Hondt", "Pieter D'Hondt"),
        ("hondt", "Pieter D'Hondt"),
        ("vandenbossche", "Sarah Van den Bossche"),
        ("Van den Bossche", "Sarah Van den Bossche"),
        ("lefevr", "Hélène Lefèvre"),
        ("bosche", "Sarah Van den Bossche"),
        ("hél", "Hélène Lefèvre"),
        ("sound designer liège", "Hélène Lefèvre"),
        ("atelier nord", "Hélène Lefèvre"),
    ],
)
def test_names_are_found_by_spelling_accent_prefix_and_typo(backend, directory, query, expected):
    result = find(query, kind="person")
    assert result.hits, f"nothing for {query!r}"
    # Among the first two: "hél" matches Hélène and Helena alike.
    assert expected in titles(result)[:2]


@pytest.mark.parametrize(
    ("query", "first"),
    [("lefevre", "Hélène Lefèvre"), ("lefebvre", "Helena Lefebvre"), ("dhondt", "Pieter D'Hondt")],
)
def test_the_exact_name_ranks_before_a_near_miss(backend, directory, query, first):
    assert titles(find(query, kind="person"))[0] == first


def test_projects_are_found_by_their_text(backend, directory):
    result = find("theatre architecture", kind="project")
    assert titles(result) == ["Théâtre et architecture : une scénographie partagée"]
    assert find("scenographie").total >= 1


def test_a_project_is_found_through_its_participants(backend, directory):
    assert "Théâtre et architecture : une scénographie partagée" in titles(find("d'hondt"))


@pytest.mark.parametrize(
    "query",
    [
        '"((( AND OR NOT *:? ~ \\ / [] {} ^ !',
        "lefèvre AND (helene OR",
        "x" * 10_000,
        "hel\x00ene\x07\x1b",
        "' OR 1=1 --",
        "%_%",
        "<script>alert(1)</script>",
        "",
    ],
)
def test_user_input_is_never_query_syntax(backend, directory, query):
    result = find(query)
    # Operators, quotes and brackets are only separators: the same as the bare words.
    assert result.total == find(" ".join(query_terms(query))).total
    for hit in result.hits:
        for html in hit.highlights.values():
            assert "<script>" not in html


def test_filters_and_facet_counts_that_ignore_their_own_selection(backend, directory):
    everyone = find("", kind="person")
    assert everyone.total == 6
    music = find("", kind="person", filters={"sector": ["music"]})
    assert titles(music) == ["Hélène Lefèvre"]
    sector_counts = {f.value: f.count for f in music.facets["sector"]}
    # The sector facet ignores the sector selection: it counts all people.
    assert sector_counts["architecture"] == 2
    assert [f.selected for f in music.facets["sector"] if f.value == "music"] == [True]
    # Other facets are narrowed by it.
    assert {f.value: f.count for f in music.facets["agency"]} == {"wbmusiques": 1}
    both = find("", kind="person", filters={"sector": ["music", "fashion"]})
    assert set(titles(both)) == {"Hélène Lefèvre", "Marie Dubois"}


def test_agency_and_edition_filters(backend, directory):
    imported = find("", kind="person", filters={"agency": ["wbdm"]})
    assert set(titles(imported)) == {"Marie Dubois", "Helena Lefebvre"}
    spring = find("", filters={"edition": ["printemps-2025"]})
    assert set(titles(spring)) == {
        "Hélène Lefèvre",
        "Jan Peeters",
        "Théâtre et architecture : une scénographie partagée",
    }
    labels = {f.value: f.label for f in spring.facets["edition"]}
    assert labels["printemps-2025"]


def test_a_sound_designer_who_came_to_the_spring_2025_edition(backend, directory):
    result = find("sound designer liege", filters={"edition": ["printemps-2025"]})
    assert titles(result) == ["Hélène Lefèvre"]


def test_cross_sector_filter(backend, directory):
    people = find("", kind="person", cross_sector=True)
    assert set(titles(people)) == {"Hélène Lefèvre", "Marie Dubois"}
    projects = find("", kind="project", cross_sector=True)
    assert titles(projects) == ["Théâtre et architecture : une scénographie partagée"]


def test_kind_and_stage_facets_for_projects(backend, directory):
    result = find("", kind="project", filters={"stage": ["spark"]})
    assert titles(result) == ["Podcast sur le design"]
    assert {f.value for f in result.facets["kind"]} == {"commission"}


def test_highlights_mark_the_matching_words_and_escape_the_rest(backend, directory):
    hit = find("lefevre").hits[0]
    assert "<mark>Lefèvre</mark>" in hit.highlights["name"]


def test_sort_by_name(backend, directory):
    result = find("", kind="person", sort="name")
    assert titles(result) == [
        "Pieter D'Hondt",
        "Marie Dubois",
        "Helena Lefebvre",
        "Hélène Lefèvre",
        "Jan Peeters",
        "Sarah Van den Bossche",
    ]


def test_pagination_is_stable_and_complete(backend, directory):
    pages = [find("", per_page=2, page=n, sort="name") for n in (1, 2, 3, 4)]
    seen = [(h.kind, h.object_id) for page in pages for h in page.hits]
    assert len(seen) == len(set(seen)) == pages[0].total == 8
    again = [(h.kind, h.object_id) for h in find("", per_page=2, page=2, sort="name").hits]
    assert again == [(h.kind, h.object_id) for h in pages[1].hits]


def test_paging_beyond_the_reachable_depth_gives_a_message_not_an_error(backend, directory):
    result = find("", per_page=100, page=10_000)
    assert result.hits == [] and result.message


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("décors modulables", "Théâtre et architecture : une scénographie partagée"),
        ("scénographies", "Théâtre et architecture : une scénographie partagée"),
        ("architects", "Théâtre et architecture : une scénographie partagée"),
    ],
)
def test_project_text_matches_french_dutch_and_english_inflections(
    backend, directory, query, expected
):
    assert expected in titles(find(query, kind="project"))


def test_stems_do_not_make_everything_match(backend, directory):
    assert find("zzqqxx").total == 0


@pytest.mark.parametrize(
    "kw",
    [
        {"text": "lefevre"},
        {"text": "architecture"},
        {"text": "", "cross_sector": True},
        {"text": "", "kind": "person", "filters": {"agency": ["wbdm"]}},
        {"text": "designer", "filters": {"sector": ["music", "fashion"]}},
    ],
)
def test_totals_and_facet_counts_agree_with_the_results(backend, directory, kw):
    first = find(per_page=100, **kw)
    assert first.total == len(first.hits) > 0
    # A page past the last one still knows the total and the same facets.
    beyond = find(per_page=100, page=2, **kw)
    assert beyond.hits == [] and beyond.total == first.total
    assert beyond.as_dict()["facets"] == first.as_dict()["facets"]
    # Every count of an unselected facet is what selecting that value finds.
    selected = kw.get("filters", {})
    for facet in ("sector", "agency"):
        if facet in selected:
            continue
        for value in first.facets[facet]:
            narrowed = find(per_page=100, **{**kw, "filters": {**selected, facet: [value.value]}})
            assert narrowed.total == value.count, (facet, value.value)


def test_a_facet_value_never_indexed_finds_nothing_and_stays_selected(backend, directory):
    result = find("", filters={"agency": ["no-such-agency"]})
    assert result.total == 0 and result.hits == []
    agencies = {v.value: (v.count, v.selected) for v in result.facets["agency"]}
    # Its own facet ignores its selection: the other agencies keep their counts.
    assert agencies["no-such-agency"] == (0, True) and agencies["wbdm"] == (2, False)
    assert all(not values for name, values in result.facets.items() if name != "agency")
    # Another facet's value still narrows as usual next to it.
    both = find("", filters={"agency": ["no-such-agency", "wbdm"]})
    assert both.total == find("", filters={"agency": ["wbdm"]}).total > 0
