"""Table plans: sectors first, then people who never met, then agencies; rules kept;
late arrivals placed without moving anyone; the command prints the plan and its scores."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from evening.models import SeatingRule, TablePlan
from evening.seating import Guest, SeatingError, plan_tables
from evening.tables import make_plan
from people.models import Attendance

pytestmark = pytest.mark.django_db
SECTORS = ["music", "design", "fashion", "architecture"]


def test_each_table_gets_every_sector_when_there_are_enough():
    guests = [Guest(i, SECTORS[i % 4]) for i in range(16)]
    plan = plan_tables(guests, 4, 4)
    assert all(score.sectors == 4 for score in plan.scores)


def test_people_who_met_before_are_split_when_sectors_allow():
    # Two clusters that attended the same earlier edition; sectors all equal.
    guests = [Guest(i, "music", editions=frozenset({1 if i < 4 else 2})) for i in range(8)]
    plan = plan_tables(guests, 2, 4)
    assert plan.share_new_pairs == pytest.approx(8 / 12)  # two of each cluster per table


def test_rules_hosts_and_fixed_seats_are_never_broken():
    guests = [Guest(i, SECTORS[i % 4], host=i < 3) for i in range(12)]
    plan = plan_tables(guests, 3, 4, together=[(4, 9)], apart=[(5, 6)], fixed={11: 2}, seed=1)
    table = plan.table_of
    assert table[4] == table[9] and table[5] != table[6] and table[11] == 2
    assert sorted(table[h] for h in range(3)) == [1, 2, 3]  # one host per table
    with pytest.raises(SeatingError):
        plan_tables(guests, 2, 4)  # 12 people, 8 seats
    with pytest.raises(SeatingError):
        plan_tables(guests, 3, 4, together=[(1, 2)], apart=[(1, 2)])


def test_a_plan_after_late_arrivals_keeps_people_where_they_were(edition, registrant):
    first = [registrant(edition, f"Early Person{i}", SECTORS[i % 4]) for i in range(12)]
    plan = make_plan(edition, 3, 6)
    before = plan.seating.table_of
    late = [registrant(edition, f"Late Person{i}", SECTORS[i % 4]) for i in range(4)]
    again = make_plan(edition, 3, 6)
    after = again.seating.table_of
    assert all(after[a.person_id] == before[a.person_id] for a in first)
    assert all(a.person_id in after for a in late)
    assert again.kept == 12
    assert TablePlan.objects.filter(edition=edition).count() == 2


def test_history_and_explanations_come_from_attendance(edition, past_editions, registrant):
    a = registrant(edition, "Anna Met", "music")
    b = registrant(edition, "Bert Met", "design")
    Attendance.objects.create(person=a.person, edition=past_editions[0], status="attended")
    Attendance.objects.create(person=b.person, edition=past_editions[0], status="attended")
    result = make_plan(edition, 1, 2)
    assert result.seating.scores[0].new_pairs == 0
    with translation.override("en"):
        assert result.rows()[0]["line"] == "2 sectors, 0 of 2 people new to each other, 0 agencies"
    with translation.override("nl"):
        assert result.rows()[0]["line"] == (
            "2 sectoren, 0 van 2 personen nieuw voor elkaar, 0 agentschappen"
        )


def test_command_prints_scores_as_json_and_refuses_bad_options(edition, registrant, capsys):
    for i in range(10):
        registrant(
            edition,
            f"Guest Person{i}",
            SECTORS[i % 4],
            status="attended" if i < 6 else "registered",
        )
    call_command("edition_tables", edition.slug, "--tables", "2", "--size", "5", "--json")
    document = json.loads(capsys.readouterr().out)
    assert document["scores"]["people"] == 10
    assert len(document["tables"]) == 2 and document["tables"][0]["explanation"]
    call_command(
        "edition_tables",
        edition.slug,
        "--tables",
        "2",
        "--size",
        "5",
        "--checked-in-only",
        "--json",
        "--reshuffle",
    )
    assert json.loads(capsys.readouterr().out)["scores"]["people"] == 6
    with pytest.raises(CommandError) as error:
        call_command("edition_tables", edition.slug, "--tables", "0", "--size", "5")
    assert error.value.returncode == 2
    with pytest.raises(CommandError) as error:
        call_command("edition_tables", edition.slug, "--tables", "1", "--size", "5")
    assert error.value.returncode == 1  # 10 people, 5 seats


def test_admin_screen_makes_a_plan_keeps_rules_and_exports(staff_client, edition, registrant):
    client = staff_client("view_person", "change_person")
    people = [registrant(edition, f"Seat Person{i}", SECTORS[i % 4]) for i in range(6)]
    client.post(
        reverse("evening_add_rule", args=[edition.pk]),
        {"first": people[0].person_id, "second": people[1].person_id, "kind": "together"},
    )
    assert SeatingRule.objects.filter(edition=edition).count() == 1
    url = reverse("evening_tables", args=[edition.pk])
    client.post(url, {"tables": 3, "size": 2, "keep_seated": "on"})
    plan = TablePlan.objects.get(edition=edition)
    seats = dict(plan.seats.values_list("person_id", "table"))
    assert seats[people[0].person_id] == seats[people[1].person_id]
    page = client.get(url).content.decode()
    assert "Seat Person0" in page and "secteurs" in page  # the admin speaks French here
    csv = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Table,") and "Seat Person3" in csv
    assert client.get(url, {"format": "pdf"}).content.startswith(b"%PDF")


def test_erasing_a_registrant_removes_their_seats_and_rules(edition, registrant):
    from evening.models import Seat
    from people.erasure import erase_person

    people = [registrant(edition, f"Gone Person{i}", SECTORS[i % 4]) for i in range(4)]
    SeatingRule.objects.create(
        edition=edition, kind="apart", first=people[0].person, second=people[1].person
    )
    make_plan(edition, 2, 2)
    erase_person(people[0].person)
    assert not Seat.objects.filter(person_id=people[0].person_id).exists()
    assert not SeatingRule.objects.filter(edition=edition).exists()
    assert not Attendance.objects.filter(person_id=people[0].person_id).exists()
