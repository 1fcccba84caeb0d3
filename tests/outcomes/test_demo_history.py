"""The generated history behaves like the network: people return, ladders thin out."""

import pytest

from outcomes.models import FollowUp
from passerelles.demo.outcomes import generate_history

pytestmark = pytest.mark.django_db


def test_a_generated_history_has_returning_people_and_a_ladder_that_thins_out(past_editions):
    history = generate_history(
        past_editions[-4:], attendees_per_edition=40, encounters_per_edition=40, prefix="t"
    )
    assert history.attendances == 160 and history.encounters == 160
    from outcomes.impact import build_report

    report = build_report()
    assert report["attendance"]["returning"] > 0
    reached = [step["reached"] for step in report["funnel"]]
    assert reached[0] == 160 and all(a >= b for a, b in zip(reached, reached[1:], strict=False))
    assert reached[1] < reached[0] and reached[3] > 0  # drop-off, yet some projects
    assert FollowUp.objects.filter(closed_at__isnull=True).exists()
    assert FollowUp.objects.filter(result=FollowUp.Result.NO_NEWS).exists()
