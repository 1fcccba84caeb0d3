"""Reminders over time: the command for cron, the weekly task and the email digest."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from outcomes.ladder import create_encounter
from outcomes.models import DigestSubscription, FollowUp
from outcomes.tasks import next_run, schedule_next, weekly_follow_ups

pytestmark = pytest.mark.django_db


@pytest.fixture
def owned(make_person):
    owner = User.objects.create_user("owner", email="owner@agency.example")
    other = User.objects.create_user("other", email="other@agency.example")
    today = timezone.localdate()
    due = create_encounter(
        [make_person("Alice Aerts"), make_person("Bram Bastin")],
        met_on=today - dt.timedelta(days=95),
        owner=owner,
        notes="Alice is shy",
    )
    create_encounter(
        [make_person("Chloé Claes"), make_person("Dries Delvaux")],
        met_on=today - dt.timedelta(days=10),
        owner=owner,
    )
    return owner, other, due


def test_the_command_creates_missing_reminders_and_a_dry_run_predicts_it(owned, capsys):
    FollowUp.objects.filter(months=12).delete()
    call_command("outcomes_follow_ups", "--dry-run", "--json")
    predicted = json.loads(capsys.readouterr().out)
    assert FollowUp.objects.count() == 4
    call_command("outcomes_follow_ups", "--json")
    done = json.loads(capsys.readouterr().out)
    assert predicted["scheduled"] == done["scheduled"] == 2
    assert FollowUp.objects.count() == 6
    assert done["due"] == 1 and done["overdue"] == 1


def test_the_digest_goes_to_subscribed_owners_without_names(owned, capsys):
    owner, other, due = owned
    DigestSubscription.objects.create(user=owner)
    DigestSubscription.objects.create(user=other)  # nothing due for them: no email
    call_command("outcomes_follow_ups", "--digest", "--json")
    assert json.loads(capsys.readouterr().out)["digests"] == 1
    (message,) = mail.outbox
    assert message.to == ["owner@agency.example"]
    assert f"/admin/outcomes/encounter/{due.pk}/" in message.body
    assert "Alice" not in message.body and "shy" not in message.body


def test_the_weekly_task_runs_and_queues_next_monday(owned):
    from django_tasks_db.models import DBTaskResult

    owner, _other, _due = owned
    DigestSubscription.objects.create(user=owner)
    result = weekly_follow_ups.call()
    assert result["digests"] == 1 and len(mail.outbox) == 1
    waiting = DBTaskResult.objects.get(task_path=weekly_follow_ups.module_path)
    assert waiting.run_after == next_run()
    assert timezone.localtime(waiting.run_after).weekday() == 0
    assert schedule_next() is None  # never queued twice
    assert DBTaskResult.objects.filter(task_path=weekly_follow_ups.module_path).count() == 1


def test_next_run_is_the_coming_monday_morning():
    brussels = timezone.get_current_timezone()
    monday_8 = dt.datetime(2026, 11, 30, 8, 0, tzinfo=brussels)
    assert next_run(monday_8) == dt.datetime(2026, 12, 7, 7, 0, tzinfo=brussels)
    assert next_run(monday_8.replace(hour=6)) == dt.datetime(2026, 11, 30, 7, 0, tzinfo=brussels)


def test_erasing_a_person_removes_them_from_encounters_and_blanks_the_notes(owned):
    from outcomes.ladder import record_step
    from outcomes.models import Encounter
    from people.erasure import erase_person
    from people.models import Person

    _owner, _other, due = owned
    record_step(due, "help", due.met_on + dt.timedelta(days=3), note="Alice asked Bram")
    alice = Person.objects.get(first_name="Alice")
    erase_person(alice)
    due = Encounter.objects.get(pk=due.pk)
    assert [p.first_name for p in due.people.all()] == ["Bram"]
    assert due.notes == "" and not due.steps.exclude(note="").exists()
    assert due.steps.count() == 2  # the counts stay
