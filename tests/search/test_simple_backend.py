"""The simple database path used on SQLite (the embedded default), exercised here on PostgreSQL."""

import pytest

from search.backends import database
from search.query import SearchQuery
from search.service import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def simple(monkeypatch):
    monkeypatch.setattr(database, "_is_postgres", lambda: False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("helene lefevre", "Hélène Lefèvre"),
        ("hél", "Hélène Lefèvre"),
        ("d'hondt", "Pieter D'Hondt"),
        ("vandenbossche", "Sarah Van den Bossche"),
        ("sound designer", "Hélène Lefèvre"),
    ],
)
def test_accent_free_and_prefix_search_without_typo_tolerance(simple, directory, query, expected):
    result = search(SearchQuery(text=query, kind="person"))
    assert expected in [h.title for h in result.hits]


def test_facets_and_filters_work_the_same(simple, directory):
    result = search(SearchQuery(text="", kind="person", filters={"sector": ["music"]}))
    assert [h.title for h in result.hits] == ["Hélène Lefèvre"]
    assert {f.value: f.count for f in result.facets["sector"]}["architecture"] == 2
