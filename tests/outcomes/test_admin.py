"""The outcomes screens in the admin: permissions, quick entry, follow-ups, project and story."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from outcomes.ladder import create_encounter
from outcomes.models import Encounter, FollowUp, Stage

pytestmark = pytest.mark.django_db

OUTCOMES_STAFF = (
    "view_person",
    "view_encounter",
    "add_encounter",
    "change_encounter",
    "view_followup",
    "change_followup",
    "view_impact",
    "add_project",
    "change_project",
)


@pytest.fixture
def pair(make_person, past_editions):
    edition = past_editions[0]
    return (
        make_person("Alice Aerts", "music", editions=[edition]),
        make_person("Bram Bastin", "architecture", editions=[edition]),
        edition,
    )


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("outcomes_encounter", "encounter"),
        ("outcomes_follow_ups", None),
        ("outcomes_impact", None),
        ("outcomes_quick_person", "person"),
        ("outcomes_person_chooser:choose", None),
    ],
)
def test_staff_without_the_outcome_permissions_see_nothing(staff_client, pair, url_name, args):
    alice, bram, edition = pair
    encounter = create_encounter([alice, bram], edition=edition)
    client = staff_client("view_encounter", username="no-directory")  # no people.view_person
    ids = {"encounter": [encounter.pk], "person": [alice.pk], None: []}[args]
    response = client.get(reverse(url_name, args=ids))
    assert response.status_code in (302, 403)
    assert b"Aerts" not in response.content


def test_quick_entry_from_an_edition_records_an_encounter_with_its_reminders(
    staff_client, admin_client, pair
):
    alice, bram, edition = pair
    quick = reverse("outcomes_quick_edition", args=[edition.pk])
    page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[edition.pk]))
    assert quick in page.content.decode()  # the button in the edition's header menu
    client = staff_client(*OUTCOMES_STAFF)
    form = client.get(quick).content.decode()
    assert "Alice Aerts" in form and "Bram Bastin" in form
    response = client.post(
        quick,
        {
            "people": [alice.pk, bram.pk],
            "edition": edition.pk,
            "stage": Stage.HELP,
            "kind": "advice",
        },
    )
    encounter = Encounter.objects.get()
    assert response.url == reverse("outcomes_encounter", args=[encounter.pk])
    assert encounter.stage == Stage.HELP and encounter.owner.username == "staff"
    assert encounter.follow_ups.count() == 3
    assert list(encounter.steps.values_list("stage", flat=True)) == [Stage.MET, Stage.HELP]


def test_quick_entry_refuses_a_lone_person_and_says_why(staff_client, pair):
    alice, _bram, edition = pair
    client = staff_client(*OUTCOMES_STAFF)
    response = client.post(
        reverse("outcomes_quick_edition", args=[edition.pk]),
        {"people": [alice.pk], "edition": edition.pk, "stage": Stage.MET},
    )
    assert response.status_code == 200
    assert "au moins deux personnes" in response.content.decode()
    assert not Encounter.objects.exists()


def test_the_person_page_lists_their_encounters_and_offers_the_quick_entry(staff_client, pair):
    alice, bram, edition = pair
    encounter = create_encounter([alice, bram], edition=edition)
    client = staff_client(*OUTCOMES_STAFF)
    html = client.get(reverse("people:inspect", args=[alice.pk])).content.decode()
    assert reverse("outcomes_encounter", args=[encounter.pk]) in html
    assert reverse("outcomes_quick_person", args=[alice.pk]) in html
    form = client.get(reverse("outcomes_quick_person", args=[alice.pk])).content.decode()
    assert "Bram Bastin" in form  # met at the same edition


def test_the_person_chooser_finds_people_by_folded_name(staff_client, make_person):
    make_person("Hélène Lefèvre")
    client = staff_client(*OUTCOMES_STAFF)
    response = client.get(reverse("outcomes_person_chooser:choose_results"), {"q": "helene lef"})
    assert "Lefèvre" in response.content.decode()


def test_the_encounter_form_saves_people_and_starts_the_ladder(staff_client, pair):
    alice, bram, edition = pair
    client = staff_client(*OUTCOMES_STAFF)
    data = {
        "edition": edition.pk,
        "met_on": "",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "0",
        "participants-MAX_NUM_FORMS": "1000",
        "participants-0-person": alice.pk,
        "participants-0-ORDER": "1",
        "participants-1-person": bram.pk,
        "participants-1-ORDER": "2",
        "agency": "wbmusiques",
        "owner": "",
        "project": "",
        "notes": "",
    }
    response = client.post(reverse("outcomes_encounters:add"), data)
    form = response.context["form"] if response.status_code == 200 else None
    assert response.status_code == 302, (form.errors, form.formsets["participants"].errors)
    encounter = Encounter.objects.get()
    assert set(encounter.people.all()) == {alice, bram}
    assert encounter.steps.get().stage == Stage.MET and encounter.follow_ups.count() == 3


def test_closing_a_reminder_from_the_list_records_the_step(staff_client, pair):
    alice, bram, edition = pair
    encounter = create_encounter([alice, bram], edition=edition)
    client = staff_client(*OUTCOMES_STAFF)
    three = encounter.follow_ups.get(months=3)
    listing = client.get(reverse("outcomes_follow_ups")).content.decode()
    assert reverse("outcomes_close_follow_up", args=[three.pk]) in listing  # unassigned: shown
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("outcomes_encounter", args=[encounter.pk]) in dashboard
    day = encounter.met_on + dt.timedelta(days=80)
    client.post(
        reverse("outcomes_close_follow_up", args=[three.pk]),
        {
            f"f{three.pk}-result": "step",
            f"f{three.pk}-stage": Stage.PROJECT_STARTED,
            f"f{three.pk}-reached_on": day.isoformat(),
            f"f{three.pk}-kind": "commission",
        },
    )
    three.refresh_from_db()
    assert three.result == FollowUp.Result.STEP and three.step.stage == Stage.PROJECT_STARTED
    assert three.closed_by.username == "staff"


def test_an_encounter_becomes_a_project_then_a_draft_story_linked_both_ways(staff_client, pair):
    alice, bram, edition = pair
    encounter = create_encounter([alice, bram], edition=edition, stage=Stage.PROJECT_STARTED)
    client = staff_client(*OUTCOMES_STAFF, username="editor")
    editor = User.objects.get(username="editor")
    editor.is_superuser = True  # may add pages under the story index
    editor.save()
    client.post(reverse("outcomes_make_project", args=[encounter.pk]), {"title": "Une pièce"})
    encounter.refresh_from_db()
    project = encounter.project
    assert project.title == "Une pièce" and set(project.participants.all()) == {alice, bram}
    assert list(project.encounters.all()) == [encounter]
    response = client.post(reverse("outcomes_make_story", args=[encounter.pk]))
    project.refresh_from_db()
    story = project.story
    assert response.url == reverse("wagtailadmin_pages:edit", args=[story.pk])
    assert not story.live and story.origin_edition == edition
    assert list(story.projects.all()) == [project]
    assert "Aerts" not in story.summary


def test_the_impact_view_renders_tables_charts_and_exports(staff_client, pair):
    alice, bram, edition = pair
    create_encounter([alice, bram], edition=edition, stage=Stage.TALKED_AGAIN)
    client = staff_client("view_impact")
    html = client.get(reverse("outcomes_impact")).content.decode()
    assert html.count('role="img"') == 3 and "<caption>" in html
    assert "Aerts" not in html
    xlsx = client.get(reverse("outcomes_impact"), {"format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("outcomes_impact"), {"format": "pdf", "agency": "wbdm"})
    assert pdf.content.startswith(b"%PDF")
    bad = client.get(reverse("outcomes_impact"), {"since": "yesterday"})
    assert bad.status_code == 200 and 'role="img"' not in bad.content.decode()


def test_an_agency_editor_who_starts_a_story_from_an_encounter_may_write_it(pair):
    from tests.site.editorial import client_for, member

    alice, bram, edition = pair
    encounter = create_encounter([alice, bram], edition=edition, stage=Stage.PROJECT_STARTED)
    encounter.agency = "wbmusiques"
    encounter.save()
    editor = member("wbmusiques-editor")
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "view_encounter",
                "change_encounter",
                "add_project",
                "change_project",
                "view_person",
            ]
        )
    )
    client = client_for(editor)
    client.post(reverse("outcomes_make_project", args=[encounter.pk]), {"title": "Une pièce"})
    response = client.post(reverse("outcomes_make_story", args=[encounter.pk]))
    story = Encounter.objects.get(pk=encounter.pk).project.story
    assert story.owner == editor
    assert [a.slug for a in story.agencies.all()] == ["wbmusiques"]
    assert client.get(response.url).status_code == 200  # the editor can open the draft
