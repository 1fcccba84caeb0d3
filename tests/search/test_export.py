"""Exporting the people of a staff search: a background export job, not a file in the request
(trust finding 8), with people who refused contact marked and left out of mailings."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from people.models import AuditEvent, ExportJob, Person
from people.tasks import run_export

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def export_root(settings, tmp_path):
    settings.PEOPLE_EXPORT_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def reader(directory_reader):
    return directory_reader


@pytest.fixture
def refused(directory):
    """Sarah Van den Bossche refused to be contacted (as her CRM says)."""
    from .conftest import index_everything

    Person.objects.filter(email="sarah@example.org").update(contact_consent=False)
    index_everything()
    return directory["Van den Bossche"]


def export(client, params: dict, **form) -> ExportJob | None:
    """POST the results page's export form; the job it queued (None when refused)."""
    before = set(ExportJob.objects.values_list("pk", flat=True))
    url = f"{reverse('people_search_export')}?{'&'.join(f'{k}={v}' for k, v in params.items())}"
    response = client.post(url, {"file_format": "json", "purpose": "directory", **form})
    assert response.status_code == 302
    assert "Content-Disposition" not in response  # never a file in the request
    new = ExportJob.objects.exclude(pk__in=before)
    return new.get() if new.exists() else None


def download(client, job: ExportJob) -> list[dict]:
    """What the export worker does with the queued task, then the owner's download."""
    from django_tasks_db.models import DBTaskResult

    task = DBTaskResult.objects.filter(task_path="people.tasks.run_export").latest("enqueued_at")
    assert task.args_kwargs["args"] == [str(job.pk)]
    assert run_export.call(str(job.pk))["status"] == "ready"
    response = client.get(reverse("people_export_download", args=[job.pk]))
    return json.loads(b"".join(response.streaming_content))


def test_exporting_the_results_queues_a_job_with_their_ids_from_one_ids_only_request(
    backend, reader, directory, monkeypatch, django_capture_on_commit_callbacks
):
    """Finding 8 for the search export: queued for the worker, its ids collected once
    through the ids-only path (issue 13 defect 7), never through full searches."""
    from search import service

    calls = []
    real = service.ids
    monkeypatch.setattr(service, "search", lambda *a, **k: pytest.fail("a full search"))
    monkeypatch.setattr(service, "ids", lambda *a, **k: calls.append(a) or real(*a, **k))
    with django_capture_on_commit_callbacks(execute=True):
        job = export(reader, {"q": "lefevre"})
    assert len(calls) == 1
    assert (job.status, job.user.username) == ("queued", "reader")
    assert directory["Lefèvre"].pk in job.person_ids
    assert directory["Van den Bossche"].pk not in job.person_ids
    assert job.total == len(job.person_ids)
    assert not AuditEvent.objects.filter(action="export").exists()  # the file is not written yet
    # The export page lists it for its owner; the worker prepares the file.
    assert (
        reverse("people_export_download", args=[job.pk])
        not in reader.get(reverse("people_export")).content.decode()
    )  # no link before the file exists
    emails = [row["email"] for row in download(reader, job)]
    assert "helene@example.org" in emails and "sarah@example.org" not in emails
    assert (
        reverse("people_export_download", args=[job.pk])
        in reader.get(reverse("people_export")).content.decode()
    )
    # Recorded: who, what (the query and filters), how many, whom.
    event = AuditEvent.objects.get(action="export")
    assert (event.username, event.query, event.count) == ("reader", "lefevre", job.total)
    assert event.details["source"] == "search"
    job.refresh_from_db()
    assert job.search == {}  # the query stays in the audit trail only (scrubbed on erasure)
    # The closest results when nothing matches every word, as the page shows them.
    with django_capture_on_commit_callbacks(execute=True):
        job = export(reader, {"q": "sarah zzyzx", "sector": "architecture"})
    assert directory["Van den Bossche"].pk in job.person_ids


def test_the_search_export_is_limited_per_user_and_hour(reader, directory, settings):
    settings.PEOPLE_EXPORTS_PER_HOUR = 1
    assert export(reader, {"q": "lefevre"}) is not None
    assert export(reader, {"q": "peeters"}) is None
    page = reader.get(reverse("people_search"), {"q": "peeters"}).content.decode()
    assert ExportJob.objects.count() == 1
    assert "1" in page  # the page answers normally


def test_a_get_on_the_export_address_exports_nothing(reader, directory):
    response = reader.get(reverse("people_search_export"), {"q": "lefevre", "format": "csv"})
    assert response.status_code == 302 and "Content-Disposition" not in response
    assert response["Location"].startswith(reverse("people_search"))
    assert not ExportJob.objects.exists()


def test_people_who_refused_contact_are_marked_in_results_on_both_backends(
    backend, reader, refused, capsys
):
    """Consent honoured (trust): marked in the HTML results, the JSON and the command."""
    html = reader.get(reverse("people_search"), {"q": "", "sector": "architecture"})
    html = html.content.decode()
    sarah = html[html.index("Van den Bossche") :]
    sarah = sarah[: sarah.index("</li>")]
    # In the admin's language: "Refused contact", "Contact refusé", "Contact geweigerd".
    mark = '<span class="people-search__refused">'
    assert mark in sarah and any(
        f"{mark}{words}</span>" in sarah
        for words in ("Refused contact", "Contact refusé", "Contact geweigerd")
    )
    assert html.count(mark) == 1  # Hélène (same sector) is not marked
    data = reader.get(reverse("people_search_json"), {"sector": "architecture"}).json()
    marks = {h["title"]: h["refused_contact"] for h in data["hits"] if h["kind"] == "person"}
    assert marks["Sarah Van den Bossche"] is True and marks["Hélène Lefèvre"] is False
    call_command("people_search", "bossche", "--type", "person", "--json")
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [h["refused_contact"] for h in hits] == [True]
    call_command("people_search", "bossche", "--type", "person")
    # The fifth column, in the command's language (the site's, French, unless told).
    columns = capsys.readouterr().out.rstrip("\n").split("\t")
    assert len(columns) == 5
    assert columns[4] in ("refused contact", "contact refusé", "contact geweigerd")


def test_a_mailing_from_the_results_leaves_out_who_refused_unless_included(
    reader, refused, django_capture_on_commit_callbacks
):
    def exported(**form) -> dict[str, str]:
        with django_capture_on_commit_callbacks(execute=True):
            job = export(reader, {"sector": "architecture"}, **form)
        return {row["last_name"]: row["do_not_contact"] for row in download(reader, job)}

    assert exported(purpose="directory") == {"Lefèvre": "", "Van den Bossche": "yes"}
    assert exported(purpose="mailing") == {"Lefèvre": ""}
    assert exported(purpose="mailing", include_refused="on") == {
        "Lefèvre": "",
        "Van den Bossche": "yes",
    }
    event = AuditEvent.objects.filter(action="export").order_by("-at", "-id").first()
    assert event.details["include_refused"] is True and event.details["sector"] == ["architecture"]
