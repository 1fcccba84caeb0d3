"""The project's one folding function, and what identity resolution builds on it."""

import re
import unicodedata

import pytest
from django.utils import timezone, translation

from people import normalize
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


def _fold_as_before(text: str) -> str:
    # The definition the fast paths of `fold` must keep to (a rebuild folds every name).
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.translate(normalize._LETTERS)
    for mark in "’`´ʼ":
        text = text.replace(mark, "'")
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text)


def test_folding_gives_what_it_always_gave_for_every_character_and_ascii_text():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(every), 4096):
        chunk = every[start : start + 4096]
        assert normalize._fold(chunk) == _fold_as_before(chunk)
    for text in ("D`Hondt\x07 Van\tDEN Bossche", "".join(map(chr, range(128))), "İstanbul ǅ ﬁ"):
        assert fold(text) == _fold_as_before(text)


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


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Ali\u202ece", "Alice"),  # a right-to-left override
        ("\u2067Alice\u2069 \u200fMartin\u200e", "Alice Martin"),  # isolates and marks
        ("Ze\u200bro\u200c Wi\u200ddth\u2060\ufeff", "Zero Width"),  # zero-width characters
        ("\u0301Lone mark", "Lone mark"),  # a combining mark on nothing
        ("Jean \u0308-Luc", "Jean -Luc"),  # on a space
        ("Ma\ud800rc", "Marc"),  # a lone surrogate (valid JSON: "\\ud800")
        ("soft\u00adhyphen", "softhyphen"),
        ("Cre\u0300vecoeur", "Crèvecoeur"),  # a decomposed accent stays, composed
        ("Nguyễn Thị", "Nguyễn Thị"),
        ("Z" + "\u0301" * 30, "Ź\u0301\u0301\u0301"),  # zalgo: at most 4 marks on a letter
    ],
)
def test_cleaning_removes_invisible_and_lone_characters_from_names(raw, clean):
    from people.normalize import clean_text

    assert clean_text(raw, 100) == clean


@pytest.mark.parametrize(
    "raw",
    ["nul\x00mail@example.org", "tab\tmail@example.org", "zw\u200bsp@example.org", "a\x7f@b.be"],
)
def test_an_email_with_control_or_invisible_characters_is_refused_not_compacted(raw):
    from people.contact import Contact
    from people.normalize import normalize_email

    assert normalize_email(raw) == ""
    with translation.override("en"):
        data, warnings = Contact("s1", timezone.now(), "Ann", "Lee", emails=[raw]).cleaned()
    assert data["emails"] == []
    (warning,) = warnings
    assert "control or invisible" in warning
    # The warning shows the character, escaped, so the admin sees why.
    assert raw.encode("unicode_escape").decode("ascii") in warning


def test_an_email_with_spaces_around_it_is_still_trimmed():
    from people.normalize import normalize_email

    assert normalize_email("  Ann.Lee@Example.org\n") == "ann.lee@example.org"
