"""The impact view's figures, their exports and `manage.py impact_report`."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from outcomes.exports import report_pdf, report_xlsx
from outcomes.impact import Filters, build_report
from outcomes.models import Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(make_person, encounter_between, past_editions):
    """Two editions: Alice comes twice; four encounters climbing the ladder differently."""
    first, second = past_editions[0], past_editions[1]
    alice = make_person("Alice Aerts", "music", agency="wbmusiques", editions=[first, second])
    bram = make_person("Bram Bastin", "architecture", agency="wbarchitectures", editions=[first])
    chloe = make_person("Chloé Claes", "design", agency="wbdm", editions=[second])
    dries = make_person("Dries Delvaux", "music", editions=[second])
    encounter_between(
        [alice, bram],
        first,
        (Stage.TALKED_AGAIN, 10),
        (Stage.PROJECT_STARTED, 70, "commission"),
        (Stage.PROJECT_REALISED, 200),
    )
    encounter_between([bram, chloe], first, (Stage.TALKED_AGAIN, 20), (Stage.HELP, 50, "advice"))
    encounter_between([alice, chloe], second, (Stage.TALKED_AGAIN, 30))
    encounter_between([alice, dries], second)
    return {"first": first, "second": second}


def test_attendance_tells_first_timers_from_returning_people(history):
    report = build_report()
    rows = {e["slug"]: e for e in report["editions"]}
    first, second = rows[history["first"].slug], rows[history["second"].slug]
    assert (first["attendees"], first["first_timers"], first["returning"]) == (2, 2, 0)
    assert (second["attendees"], second["first_timers"], second["returning"]) == (3, 2, 1)
    by_sector = {row["sector"]: row["attendances"] for row in report["attendance"]["by_sector"]}
    assert by_sector["music"] == 3 and by_sector["design"] == 1
    by_agency = {row["agency"]: row["attendances"] for row in report["attendance"]["by_agency"]}
    assert by_agency == {"wbmusiques": 2, "wbarchitectures": 1, "wbdm": 1, None: 1}


def test_sector_pairs_fill_a_symmetric_seven_by_seven_matrix(history):
    report = build_report()
    slugs = [s["slug"] for s in report["sectors"]]
    assert len(slugs) == 7
    matrix = report["matrix"]["encounters"]
    music, architecture, design = (slugs.index(s) for s in ("music", "architecture", "design"))
    assert matrix[music][architecture] == matrix[architecture][music] == 1
    assert matrix[architecture][design] == 1 and matrix[music][design] == 1
    assert matrix[music][music] == 1  # Alice and Dries: both music
    projects = report["matrix"]["projects"]
    assert projects[music][architecture] == 1 and sum(map(sum, projects)) == 2
    assert report["sector_pairs"][0]["encounters"] == 1


def test_the_funnel_counts_each_rung_reached_and_the_median_time_between(history):
    funnel = {step["stage"]: step for step in build_report()["funnel"]}
    assert [funnel[s]["reached"] for s in Stage.values] == [4, 3, 2, 1, 1, 0]
    assert funnel["talked_again"]["median_days_from_previous"] == 20
    # Alice and Bram skipped "advice or help": reaching "project started" (day 70)
    # counts as reaching it, so their gap from "talked again" (day 10) is 60 days.
    assert funnel["help"]["median_days_from_previous"] == (30 + 60) / 2
    assert funnel["project_realised"]["median_days_from_previous"] == 130
    assert funnel["help"]["share_of_previous"] == 67
    kinds = {k["kind"]: k["encounters"] for k in build_report()["kinds"]}
    assert kinds["commission"] == 1 and kinds["advice"] == 1 and kinds["touring"] == 0


def test_filters_by_edition_agency_and_period(history):
    only_first = build_report(Filters(edition=history["first"]))
    assert only_first["encounters"] == 2 and len(only_first["editions"]) == 1
    design = build_report(Filters(agency="wbdm"))
    assert design["encounters"] == 2  # the two with Chloé
    assert design["attendance"]["attendances"] == 1
    later = build_report(Filters(since=history["second"].start.date()))
    assert later["encounters"] == 2


def test_the_impact_view_costs_the_same_queries_for_more_editions_and_encounters(
    make_person, encounter_between, past_editions, staff_client
):
    """Issue 15: the view's cost is bounded, in statements and in what they carry: no
    statement lists every encounter (2,000 parameters cost more to build, send and parse
    than the rows they select)."""
    client = staff_client("view_impact", username="impact")

    def cost(function) -> tuple[int, int]:
        """(statements, parameters) sent while `function` runs."""
        sent: list[int] = []

        def count(execute, sql, params, many, context):
            sent.append(len(params or ()))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            function()
        return len(sent), sum(sent)

    def view() -> None:
        assert client.get(reverse("outcomes_impact")).status_code == 200

    people = [make_person(f"P {n}", "music", agency="wbimages") for n in range(12)]
    encounter_between(people[:2], past_editions[0], (Stage.HELP, 5))
    view()  # the first request warms caches (content types, locales)
    small, small_view = cost(build_report), cost(view)
    for n, edition in enumerate(past_editions):
        for person in people:
            person.attendances.get_or_create(edition=edition)
        for k in range(5):
            encounter_between(
                [people[k], people[k + 6]], edition, (Stage.TALKED_AGAIN, 1), (Stage.HELP, 2 + n)
            )
    assert cost(build_report) == small
    assert cost(view) == small_view
    assert small_view[0] <= 25


def test_xlsx_and_pdf_exports_say_what_the_view_says(history):
    report = build_report()
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    assert len(book.sheetnames) == 7
    matrix = list(book.worksheets[3].values)
    assert len(matrix) == 8 and len(matrix[0]) == 8  # header + 7 sectors, label + 7 columns
    ladder = list(book.worksheets[5].values)
    assert [row[1] for row in ladder[1:]] == [4, 3, 2, 1, 1, 0]
    pdf = report_pdf(report, "Ce qui en est sorti — 2024", "toutes les éditions")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1  # one page for the annual report


def test_the_command_gives_scripts_the_same_figures(history, capsys):
    call_command("impact_report", "--json", "--edition", history["first"].slug)
    printed = json.loads(capsys.readouterr().out)
    expected = build_report(Filters(edition=history["first"]))
    printed.pop("generated_at"), expected.pop("generated_at")
    assert printed == json.loads(json.dumps(expected))


@pytest.mark.parametrize(
    "option", [("--edition", "nowhere"), ("--since", "2024-13-01"), ("--agency", "acme")]
)
def test_the_command_refuses_bad_options_with_status_2(option):
    with pytest.raises(CommandError) as error:
        call_command("impact_report", *option)
    assert error.value.returncode == 2
    assert option[0] in str(error.value)
