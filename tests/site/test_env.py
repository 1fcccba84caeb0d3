"""Settings read from the environment fail early, naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from passerelles.settings.env import env_positive_number


@pytest.mark.parametrize(("value", "expected"), [("1.1", "1.1"), ("4", "4"), ("", ""), (" ", "")])
def test_a_positive_number_or_empty(monkeypatch, value, expected):
    monkeypatch.setenv("SOME_COST", value)
    assert env_positive_number("SOME_COST", "1.1") == expected


@pytest.mark.parametrize("value", ["fast", "0", "-1", "nan"])
def test_anything_else_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("SOME_COST", value)
    with pytest.raises(ImproperlyConfigured, match="SOME_COST"):
        env_positive_number("SOME_COST", "1.1")


def test_the_default_applies_when_unset(monkeypatch):
    monkeypatch.delenv("SOME_COST", raising=False)
    assert env_positive_number("SOME_COST", "1.1") == "1.1"
