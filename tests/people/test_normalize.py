"""The project's one folding function, and what identity resolution builds on it."""

import pytest

from people.models import Person, PossibleDuplicate
from people.normalize import fold, normalize_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Crèvecœur", "crevecoeur"),
        ("Søren Kjærgaard", "soren kjaergaard"),
        ("Ólafur Sigurðsson", "olafur sigurdsson"),
        ("Straße", "strasse"),
        ("Łukasz Wałęsa", "lukasz walesa"),
        ("Đorđević", "dordevic"),
        ("Işık", "isik"),
        ("Þóra", "thora"),
        ("ÆSIR ØRSTED ŒUVRE", "aesir orsted oeuvre"),
        ("Hélène D’Hondt", "helene d'hondt"),
        ("line\tbreak\n", "line break "),
    ],
)
def test_letters_that_unicode_does_not_decompose_are_folded(text, folded):
    assert fold(text) == folded


def test_folding_keeps_its_contract():
    # Case-folded, accent-free, one kind of apostrophe, single-line; idempotent.
    for text in ("Crèvecœur", "D’Hondt", "Ålborg\x00", "ǿ ǽ ẞ"):
        assert fold(fold(text)) == fold(text)
        assert "\n" not in fold(text) and "’" not in fold(text)
    assert fold(None) == "" and fold(42) == "42"


def test_names_spelt_with_and_without_those_letters_are_one_normalized_name():
    assert normalize_name("Søren Kjærgaard") == normalize_name("Soren Kjaergaard")
    assert normalize_name("Crèvecœur") == normalize_name("CREVECOEUR") == "crevecoeur"


def test_a_name_with_ae_and_oe_spelt_two_ways_is_a_possible_duplicate(two_sources, ago):
    a, b, sync = two_sources
    a.put(
        "1",
        ago(30),
        first_name="Søren",
        last_name="Kjærgaard",
        emails=["soren@studio.example"],
        organisation="Studio Crèvecœur",
    )
    b.put(
        "2",
        ago(20),
        first_name="Soren",
        last_name="Kjaergaard",
        emails=["s.k@mail.example"],
        organisation="Studio Crevecoeur",
    )
    sync("a")
    sync("b")
    assert Person.objects.count() == 2  # never a silent merge
    assert set(PossibleDuplicate.objects.get().reasons) == {"name", "organisation"}
