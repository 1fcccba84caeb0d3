"""Exports: prepared in the background, limited, logged, expiring (trust #8); consent honoured."""

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from people.contact import Contact
from people.export import export_people
from people.export_jobs import run_job
from people.models import AuditEvent, ExportJob, Person
from people.sources import apply_contacts
from people.tasks import run_export

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def export_root(settings, tmp_path):
    settings.PEOPLE_EXPORT_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def people():
    contacts = [
        Contact("1", timezone.now(), "Anne", "Agreed", ["anne@example.org"], consent=True),
        Contact("2", timezone.now(), "Rita", "Refused", ["rita@example.org"], consent=False),
        Contact("3", timezone.now(), "Umberto", "Unknown", ["umberto@example.org"]),
    ]
    apply_contacts("wbmusiques", "crm", contacts)
    return {p.last_name: p for p in Person.objects.all()}


def queued_task():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.get(task_path="people.tasks.run_export")


def test_an_admin_export_is_prepared_by_the_worker_not_in_the_request(
    directory_reader, people, django_capture_on_commit_callbacks
):
    client = directory_reader
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people_export"), {"file_format": "csv", "purpose": "directory"}
        )
    # The request only queues the export: no file, no waiting for it.
    assert response.status_code == 302
    assert "Content-Disposition" not in response
    job = ExportJob.objects.get()
    assert (job.status, job.total, job.user.username) == ("queued", 3, "reader")
    assert not AuditEvent.objects.filter(action="export").exists()
    # What the worker (`manage.py db_worker --backend exports --queue-name people_exports`) runs:
    task = queued_task()
    assert task.args_kwargs["args"] == [str(job.pk)]
    result = run_export.call(*task.args_kwargs["args"])
    assert result == {"status": "ready", "people": 3}
    page = client.get(reverse("people_export")).content.decode()
    download = reverse("people_export_download", args=[job.pk])
    assert download in page
    response = client.get(download)
    assert response["Content-Disposition"] == 'attachment; filename="people.csv"'
    content = b"".join(response.streaming_content).decode()
    assert "rita@example.org" in content
    # Recorded: who, what, how many, and whom.
    event = AuditEvent.objects.get(action="export")
    assert (event.username, event.count, event.details["format"]) == ("reader", 3, "csv")
    assert set(event.subjects.values_list("person_id", flat=True)) == {
        p.pk for p in people.values()
    }


def test_progress_is_shown_while_the_file_is_prepared(directory_reader, people, monkeypatch):
    client = directory_reader
    client.post(reverse("people_export"), {"file_format": "xlsx", "purpose": "directory"})
    job = ExportJob.objects.get()
    seen = []
    monkeypatch.setattr("people.export.BATCH", 2)
    original = ExportJob.objects.filter

    def spy(*args, **kwargs):
        queryset = original(*args, **kwargs)
        if kwargs == {"pk": job.pk}:
            seen.append(ExportJob.objects.values_list("done", flat=True).get(pk=job.pk))
        return queryset

    monkeypatch.setattr(ExportJob.objects, "filter", spy)
    run_job(str(job.pk))
    monkeypatch.undo()
    assert seen[:2] == [0, 2]  # reported after each batch of people
    ExportJob.objects.filter(pk=job.pk).update(status="running", done=2)
    page = client.get(reverse("people_export")).content.decode()
    assert 'value="2"' in page and 'http-equiv="refresh"' in page


def test_the_link_is_its_owners_and_expires(directory_reader, people, staff_client):
    directory_reader.post(reverse("people_export"), {"file_format": "json", "purpose": "directory"})
    job = ExportJob.objects.get()
    run_job(str(job.pk))
    url = reverse("people_export_download", args=[job.pk])
    assert directory_reader.get(url).status_code == 200
    other = staff_client("view_person", "change_person", username="colleague")
    assert other.get(url, follow=True).status_code == 404
    directory_reader.force_login(job.user)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert directory_reader.get(url, follow=True).status_code == 404


def test_exports_are_limited_per_user_and_hour(directory_reader, people, settings):
    settings.PEOPLE_EXPORTS_PER_HOUR = 2
    for _ in range(2):
        directory_reader.post(
            reverse("people_export"), {"file_format": "csv", "purpose": "directory"}
        )
    response = directory_reader.post(
        reverse("people_export"), {"file_format": "csv", "purpose": "directory"}
    )
    assert response.status_code == 429
    assert ExportJob.objects.count() == 2
    # An hour later the user may export again.
    ExportJob.objects.update(created_at=timezone.now() - dt.timedelta(minutes=61))
    response = directory_reader.post(
        reverse("people_export"), {"file_format": "csv", "purpose": "directory"}
    )
    assert response.status_code == 302 and ExportJob.objects.count() == 3


def test_erasing_someone_withdraws_the_files_that_hold_them(directory_reader, people, export_root):
    from people.erasure import erase_person

    directory_reader.post(reverse("people_export"), {"file_format": "csv", "purpose": "directory"})
    job = ExportJob.objects.get()
    run_job(str(job.pk))
    assert list(export_root.iterdir())
    erase_person(people["Refused"])
    job.refresh_from_db()
    assert job.status == "withdrawn"
    assert not list(export_root.iterdir())
    url = reverse("people_export_download", args=[job.pk])
    assert directory_reader.get(url, follow=True).status_code == 404


def test_a_mailing_export_leaves_out_people_who_refused_contact_unless_asked(
    directory_reader, people
):
    def export(**form):
        ExportJob.objects.all().delete()
        directory_reader.post(reverse("people_export"), {"file_format": "json", **form})
        job = run_job(str(ExportJob.objects.get().pk))
        url = reverse("people_export_download", args=[job.pk])
        rows = json.loads(b"".join(directory_reader.get(url).streaming_content))
        return {row["last_name"]: row["do_not_contact"] for row in rows}

    assert export(purpose="directory") == {"Agreed": "", "Refused": "yes", "Unknown": ""}
    assert export(purpose="mailing") == {"Agreed": "", "Unknown": ""}
    assert export(purpose="mailing", include_refused="on") == {
        "Agreed": "",
        "Refused": "yes",
        "Unknown": "",
    }
    event = AuditEvent.objects.filter(action="export").order_by("-at", "-id").first()
    assert event.details == {"format": "json", "purpose": "mailing", "include_refused": True}


def test_the_list_marks_people_who_refused_contact(directory_reader, people):
    html = directory_reader.get(reverse("people:index")).content.decode()
    row = html[html.index("Refused") :]
    row = row[: row.index("</tr>")]
    assert "Refused contact" in row or "Refuse d" in row or "contact refus" in row.lower()
    assert html.count("Refused contact") + html.lower().count("contact refus") == 1


def test_the_command_line_export_stays_synchronous_and_is_recorded(people, tmp_path):
    output = tmp_path / "mailing.json"
    call_command("people_export", "--format", "json", "--purpose", "mailing", "--output", output)
    rows = json.loads(output.read_text())
    assert {r["last_name"] for r in rows} == {"Agreed", "Unknown"}
    call_command(
        "people_export", "--format", "json", "--purpose", "mailing", "--include-refused",
        "--output", output,
    )  # fmt: skip
    assert {r["last_name"] for r in json.loads(output.read_text())} == {
        "Agreed",
        "Refused",
        "Unknown",
    }
    events = AuditEvent.objects.filter(action="export")
    assert events.count() == 2 and set(events.values_list("username", flat=True)) == {""}


def test_formula_cells_are_still_escaped(people):
    Person.objects.filter(last_name="Agreed").update(job_title="=HYPERLINK(1)")
    data = export_people(Person.objects.all(), "csv")
    assert "'=HYPERLINK(1)" in data
