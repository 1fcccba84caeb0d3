"""The ladder: who met, each step dated and signed, reminders at 3, 6 and 12 months."""

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from outcomes.follow_ups import close_follow_up
from outcomes.ladder import add_months, create_encounter, record_step
from outcomes.models import FollowUp, LadderStep, Stage

pytestmark = pytest.mark.django_db


def test_an_encounter_needs_two_different_people(make_person, past_editions):
    alice = make_person("Alice Aerts", "music")
    with pytest.raises(ValidationError) as error:
        create_encounter([alice, alice], edition=past_editions[0])
    assert "people" in error.value.message_dict


def test_nobody_meets_at_an_edition_still_to_come_or_in_the_future(make_person):
    from editions.models import EditionPage

    alice, bram = make_person("Alice Aerts"), make_person("Bram Bastin")
    upcoming = EditionPage.objects.filter(locale__language_code="fr").order_by("-start").first()
    assert upcoming.is_upcoming
    with pytest.raises(ValidationError) as error:
        create_encounter([alice, bram], edition=upcoming)
    assert "edition" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create_encounter([alice, bram], met_on=dt.date.today() + dt.timedelta(days=2))
    assert "met_on" in error.value.message_dict


def test_an_encounter_starts_met_on_the_edition_day_with_the_peoples_sectors(
    make_person, past_editions
):
    staff = User.objects.create_user("recorder")
    edition = past_editions[0]
    people = [make_person("Alice Aerts", "music"), make_person("Bram Bastin", "architecture")]
    encounter = create_encounter(people, edition=edition, user=staff)
    assert encounter.met_on == edition.start.date()
    assert encounter.stage == Stage.MET
    met = encounter.steps.get()
    assert (met.stage, met.reached_on, met.recorded_by) == (Stage.MET, edition.start.date(), staff)
    assert {s.slug for s in encounter.sectors.all()} == {"music", "architecture"}


def test_each_step_is_dated_signed_and_moves_the_stage(make_person, past_editions):
    staff = User.objects.create_user("recorder")
    encounter = create_encounter(
        [make_person("Alice Aerts"), make_person("Bram Bastin")], edition=past_editions[0]
    )
    day = encounter.met_on + dt.timedelta(days=40)
    record_step(encounter, Stage.PROJECT_STARTED, day, staff, kind="commission", note="a text")
    encounter.refresh_from_db()
    assert (encounter.stage, encounter.stage_on) == (Stage.PROJECT_STARTED, day)
    step = LadderStep.objects.get(encounter=encounter, stage=Stage.PROJECT_STARTED)
    assert (step.recorded_by, step.kind) == (staff, "commission")
    # A lower rung recorded later does not lower the stage.
    record_step(encounter, Stage.TALKED_AGAIN, encounter.met_on + dt.timedelta(days=10))
    encounter.refresh_from_db()
    assert encounter.stage == Stage.PROJECT_STARTED


def test_a_step_cannot_predate_the_encounter_be_in_the_future_or_repeat(make_person, past_editions):
    encounter = create_encounter(
        [make_person("Alice Aerts"), make_person("Bram Bastin")], edition=past_editions[0]
    )
    for stage, day, field in (
        (Stage.HELP, encounter.met_on - dt.timedelta(days=1), "reached_on"),
        (Stage.HELP, dt.date.today() + dt.timedelta(days=1), "reached_on"),
        (Stage.MET, encounter.met_on, "stage"),
    ):
        with pytest.raises(ValidationError) as error:
            record_step(encounter, stage, day)
        assert field in error.value.message_dict
    assert encounter.steps.count() == 1


def test_reminders_fall_due_at_3_6_and_12_months(make_person):
    encounter = create_encounter(
        [make_person("Alice Aerts"), make_person("Bram Bastin")], met_on=dt.date(2025, 11, 30)
    )
    due = dict(encounter.follow_ups.values_list("months", "due_on"))
    assert due == {3: dt.date(2026, 2, 28), 6: dt.date(2026, 5, 30), 12: dt.date(2026, 11, 30)}
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_closing_a_reminder_records_a_step_or_no_news(make_person, past_editions):
    staff = User.objects.create_user("owner")
    encounter = create_encounter(
        [make_person("Alice Aerts"), make_person("Bram Bastin")],
        edition=past_editions[0],
        owner=staff,
    )
    three, six, _twelve = encounter.follow_ups.order_by("months")
    close_follow_up(three, staff, FollowUp.Result.NO_NEWS)
    day = encounter.met_on + dt.timedelta(days=150)
    close_follow_up(
        six, staff, FollowUp.Result.STEP, stage=Stage.HELP, reached_on=day, kind="advice"
    )
    three.refresh_from_db()
    six.refresh_from_db()
    encounter.refresh_from_db()
    assert (three.result, three.step, three.closed_by) == ("no_news", None, staff)
    assert six.step.stage == Stage.HELP and six.step.reached_on == day
    assert six.step.recorded_by == staff
    assert encounter.stage == Stage.HELP


def test_moving_the_encounter_date_moves_its_open_reminders(make_person):
    from outcomes.ladder import settle_encounter

    encounter = create_encounter(
        [make_person("Alice Aerts"), make_person("Bram Bastin")], met_on=dt.date(2025, 1, 10)
    )
    encounter.met_on = dt.date(2025, 2, 10)
    encounter.save()
    settle_encounter(encounter)
    assert encounter.steps.get(stage=Stage.MET).reached_on == dt.date(2025, 2, 10)
    assert encounter.follow_ups.get(months=3).due_on == dt.date(2025, 5, 10)
