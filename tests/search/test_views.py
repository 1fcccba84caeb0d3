"""The staff search pages and endpoints: staff-only, robust, same results as the service."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

URLS = ["people_search", "people_search_json", "people_search_autocomplete", "people_search_export"]


@pytest.fixture
def reader(directory_reader):
    return directory_reader


def test_every_search_url_refuses_anonymous_visitors(client, directory):
    for name in URLS:
        response = client.get(reverse(name), {"q": "lefevre"})
        assert response.status_code == 302 and "/admin/login/" in response["Location"], name
        assert "Lefèvre" not in response.content.decode()


def test_every_search_url_refuses_editors_without_the_directory_permission(staff_client, directory):
    client = staff_client()
    for name in URLS:
        response = client.get(reverse(name), {"q": "lefevre"})
        assert response.status_code in (302, 403), name
        assert "Lefèvre" not in response.content.decode(), name


def test_the_search_page_shows_highlighted_results_and_facets(reader, directory):
    html = reader.get(reverse("people_search"), {"q": "lefevre", "type": "person"}).content.decode()
    assert "<mark>Lefèvre</mark>" in html
    assert 'name="sector" value="music"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999999999999999999"},
        {"per_page": "x"},
        {"type": "<script>"},
        {"sort": "'; DROP TABLE"},
        {"sector": ["music", "nope"], "q": "((("},
        {"q": "x" * 10_000},
        {"sector": "\x07"},
        {"agency": "wbdm\x1b\x07", "q": "__ lefevre"},
    ],
)
def test_bad_parameters_give_a_normal_page(reader, directory, params):
    response = reader.get(reverse("people_search"), params)
    assert response.status_code == 200
    assert b"<script>" not in response.content.split(b"<body")[1].split(b"</script>")[-1]


def test_json_endpoint_gives_the_same_results_as_the_command(reader, directory, capsys):
    data = reader.get(reverse("people_search_json"), {"q": "bosche", "type": "person"}).json()
    call_command("people_search", "bosche", "--type", "person", "--json")
    command = json.loads(capsys.readouterr().out)
    assert [h["object_id"] for h in data["hits"]] == [h["object_id"] for h in command["hits"]]
    assert data["hits"][0]["title"] == "Sarah Van den Bossche"
    assert data["backend"] == "database" and data["fallback"] is False


def test_autocomplete_suggests_as_you_type(reader, directory):
    data = reader.get(reverse("people_search_autocomplete"), {"q": "hél"}).json()
    assert "Hélène Lefèvre" in [s["title"] for s in data["suggestions"]]
    assert reader.get(reverse("people_search_autocomplete"), {"q": "h"}).json() == {
        "suggestions": []
    }


def test_people_search_command_filters_and_limits(directory, capsys):
    call_command("people_search", "", "--sector", "architecture", "--limit", "5", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 3
    with pytest.raises(CommandError, match="limit"):
        call_command("people_search", "x", "--limit", "0")


def test_an_empty_or_blank_facet_value_in_the_url_is_no_filter(reader, directory):
    everyone = reader.get(reverse("people_search_json"), {"type": "person"}).json()
    blank = reader.get(
        reverse("people_search_json"), {"type": "person", "sector": ["", " "]}
    ).json()
    assert blank["total"] == everyone["total"] > 0


def test_a_nul_character_in_the_url_is_refused_plainly(reader, directory):
    response = reader.get(reverse("people_search_json"), {"sector": "\x00"})
    assert response.status_code == 400


def test_autocomplete_asks_the_backend_for_names_only(backend, reader, directory, monkeypatch):
    """Defect 7: every keystroke ran the full search, facets included."""
    from search import elastic
    from search.backends import database

    def forbidden(*args, **kwargs):
        raise AssertionError("autocomplete ran a full search")

    monkeypatch.setattr(database, "_facet_counts", forbidden)
    monkeypatch.setattr(elastic, "search", forbidden)
    data = reader.get(reverse("people_search_autocomplete"), {"q": "van den b"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["Sarah Van den Bossche"]
    assert set(data["suggestions"][0]) == {"kind", "title", "subtitle", "url"}
    # Names only: a city or a job title suggests nobody.
    for text in ("liège", "sound designer"):
        assert reader.get(reverse("people_search_autocomplete"), {"q": text}).json() == {
            "suggestions": []
        }


def test_projects_are_only_shown_to_those_who_may_view_them(staff_client, directory):
    """Trust finding 10: results, suggestions and facets respect `people.view_project`."""
    reader = staff_client("view_person", username="people-only")
    data = reader.get(reverse("people_search_json"), {"q": "hondt"}).json()
    assert [h["kind"] for h in data["hits"]] == ["person"]
    assert not data["facets"]["kind"] and not data["facets"]["stage"]
    assert reader.get(reverse("people_search_json"), {"type": "project"}).json()["total"] == 0
    assert (
        "Théâtre et architecture"
        not in reader.get(reverse("people_search"), {"q": "theatre architecture"}).content.decode()
    )
    suggestions = reader.get(reverse("people_search_autocomplete"), {"q": "théâtre"}).json()
    assert suggestions == {"suggestions": []}

    both = staff_client("view_person", "view_project", username="people-and-projects")
    data = both.get(reverse("people_search_json"), {"q": "hondt"}).json()
    assert {h["kind"] for h in data["hits"]} == {"person", "project"}
    suggestions = both.get(reverse("people_search_autocomplete"), {"q": "théâtre"}).json()
    assert [s["kind"] for s in suggestions["suggestions"]] == ["project"]


def test_searching_by_email_or_phone_needs_the_directory_permission(staff_client, directory):
    client = staff_client("view_project", username="projects-only")
    for name in URLS:
        for text in ("helene@example.org", "+32 470 11 22 33"):
            response = client.get(reverse(name), {"q": text})
            assert response.status_code in (302, 403), name
            assert "Lefèvre" not in response.content.decode(), name


def test_autocomplete_reads_the_names_index_and_only_the_rows_it_shows(reader, directory):
    """Issue 13 (autocomplete p95 ≤ 15 ms): suggestions used to recheck the whole weighted
    search vector of every candidate and read every candidate's row in full; they now match
    the names-only index of the narrow scan rows and read in full only the rows they suggest."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        data = reader.get(reverse("people_search_autocomplete"), {"q": "van den b"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["Sarah Van den Bossche"]
    (statement,) = [q["sql"] for q in captured if "people_search_scan" in q["sql"]]
    assert "vector @@" not in statement
    assert "to_tsvector('simple'::regconfig, s.name_terms) @@" in statement
    assert "FROM m JOIN people_search_searchentry e ON e.id = m.id" in statement
    with connection.cursor() as cursor:
        for kind in ("person", "project"):
            name = f"search_scan_names_{kind}"
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
            definition = cursor.fetchone()[0]
            assert "to_tsvector('simple'::regconfig, name_terms)" in definition
            assert f"WHERE ((kind)::text = '{kind}'::text)" in definition
