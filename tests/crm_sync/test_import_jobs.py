"""Spreadsheet imports from the admin: upload, preview, confirm, worker, report (issue 9)."""

import datetime as dt
import io
import json
import re
from io import StringIO

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crm_sync.import_jobs import purge_expired
from crm_sync.models import ImportJob
from crm_sync.tasks import run_import
from people.models import Person

pytestmark = pytest.mark.django_db

GOOD = "Prénom;Nom;E-mail\nAnne;Sel;anne@example.org\nBo;Dal;bo@example.org\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.CRM_IMPORT_ROOT = tmp_path / "imports"
    return settings.CRM_IMPORT_ROOT


def upload(client, content: bytes, name: str = "c.csv"):
    """Upload a file; return the job page's address and the job."""
    response = client.post(
        reverse("crm_import"), {"agency": "wbcampus", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"], ImportJob.objects.get()


def confirm(client, job, action: str, capture):
    """Press a button on the job's page; return the queued task's arguments."""
    from django_tasks_db.models import DBTaskResult

    with capture(execute=True):
        client.post(reverse("crm_import_job", args=[job.pk]), {"action": action})
    task = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert task.task_path == "crm_sync.tasks.run_import"
    return task.args_kwargs["args"]


def test_a_50000_row_xlsx_is_previewed_in_the_request_and_imported_by_the_worker(
    admin_client, django_capture_on_commit_callbacks, private_root
):
    from django_tasks_db.models import DBTaskResult

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Prénom", "Nom", "E-mail", "Notes"])
    for number in range(50_000):
        sheet.append([f"Prénom{number}", f"Nom{number}", f"p{number}@example.org", "x"])
    buffer = io.BytesIO()
    book.save(buffer)

    page, job = upload(admin_client, buffer.getvalue(), "big.xlsx")
    assert job.status == ImportJob.Status.UPLOADED
    stored = list(private_root.iterdir())
    assert [p.name for p in stored] == [f"{job.pk}.xlsx"]  # not the user's file name
    html = admin_client.get(page).content.decode()
    # The column mapping and the first rows, before anything is imported.
    assert "Prénom0" in html and "p9@example.org" in html and "p10@example.org" not in html
    assert re.search(r"<td>C</td><td>E-mail</td>", html)
    assert "Notes" in html  # listed as ignored
    assert not Person.objects.exists()
    assert not DBTaskResult.objects.exists()

    args = confirm(admin_client, job, "import", django_capture_on_commit_callbacks)
    assert args == [str(job.pk)]  # an id: no name, no file in the queue
    assert not Person.objects.exists()  # nothing in the request
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    assert '<meta http-equiv="refresh"' in admin_client.get(page).content.decode()  # follows it


def test_the_worker_imports_a_confirmed_file_reports_it_and_deletes_it(
    admin_client, django_capture_on_commit_callbacks, private_root
):
    page, job = upload(admin_client, GOOD.encode())
    args = confirm(admin_client, job, "import", django_capture_on_commit_callbacks)
    result = run_import.call(*args)  # what `db_worker --backend sync --queue-name crm_sync` runs
    assert result == {"status": "done", "rows": 2}
    assert set(Person.objects.values_list("email", flat=True)) == {
        "anne@example.org",
        "bo@example.org",
    }
    assert not list(private_root.iterdir())  # the upload is gone
    html = admin_client.get(page).content.decode()
    assert 'help-info" role="status"' in html
    assert re.search(r"2 (rows|lignes|rijen)", html)


def test_a_check_changes_nothing_keeps_the_file_then_imports_it_without_a_new_upload(
    admin_client, django_capture_on_commit_callbacks, private_root
):
    page, job = upload(admin_client, GOOD.encode())
    run_import.call(*confirm(admin_client, job, "check", django_capture_on_commit_callbacks))
    job.refresh_from_db()
    assert (job.status, job.dry_run, job.report["rows"]) == ("done", True, 2)
    assert not Person.objects.exists()
    assert list(private_root.iterdir())
    assert 'value="import"' in admin_client.get(page).content.decode()
    run_import.call(*confirm(admin_client, job, "import", django_capture_on_commit_callbacks))
    assert Person.objects.count() == 2
    assert not list(private_root.iterdir())


def test_invalid_rows_are_all_listed_with_their_lines_and_nothing_is_imported(
    admin_client, django_capture_on_commit_callbacks, private_root
):
    content = "Prénom;Nom;E-mail\nAnne;Sel;anne@example.org\n;;nope\nBo;Dal;bo@@x\n"
    page, job = upload(admin_client, content.encode())
    run_import.call(*confirm(admin_client, job, "import", django_capture_on_commit_callbacks))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED
    html = admin_client.get(page).content.decode()
    alert = html[html.index('role="alert"') :]
    assert re.search(r"(Line|Ligne|Regel) 3", alert) and re.search(r"(Line|Ligne|Regel) 4", alert)
    assert not Person.objects.exists()
    assert not list(private_root.iterdir())


def test_an_unreadable_file_is_refused_on_its_page_and_deleted(admin_client, private_root):
    page, job = upload(admin_client, b"PK\x03\x04 not a workbook", "c.xlsx")
    response = admin_client.get(page)
    assert 'role="alert"' in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED
    assert not list(private_root.iterdir())
    assert 'value="import"' not in response.content.decode()


def test_an_import_is_seen_by_its_owner_only(admin_client, client, django_user_model):
    page, job = upload(admin_client, GOOD.encode())
    other = django_user_model.objects.create_superuser("other", "o@example.org", "x")
    client.force_login(other)
    assert client.get(page, follow=True).status_code == 404
    assert client.post(page, {"action": "import"}, follow=True).status_code == 404
    assert ImportJob.objects.get().status == ImportJob.Status.UPLOADED


def test_cancelling_deletes_the_job_and_its_file(admin_client, private_root):
    page, job = upload(admin_client, GOOD.encode())
    admin_client.post(page, {"action": "cancel"})
    assert not ImportJob.objects.exists()
    assert not list(private_root.iterdir())


def test_jobs_and_files_past_their_retention_are_deleted(admin_client, private_root, settings):
    settings.CRM_IMPORT_RETENTION_HOURS = 24
    page, job = upload(admin_client, GOOD.encode())
    assert purge_expired() == 0
    ImportJob.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert purge_expired() == 1
    assert not ImportJob.objects.exists()
    assert not list(private_root.iterdir())


def test_the_retention_run_deletes_old_imports_and_their_files_and_its_dry_run_says_so(
    admin_client, private_root, settings
):
    """Without anyone uploading again, `people_retention` is what removes an old upload."""
    settings.CRM_IMPORT_RETENTION_HOURS = 24
    _page, old = upload(admin_client, GOOD.encode())
    ImportJob.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))

    def retention(*args) -> list:
        out = StringIO()
        call_command("people_retention", "--json", *args, stdout=out, stderr=StringIO())
        return [r for r in json.loads(out.getvalue())["removals"] if r["what"] == "import jobs"]

    assert [r["ids"] for r in retention("--dry-run")] == [[str(old.pk)]]
    assert ImportJob.objects.filter(pk=old.pk).exists()
    assert len(list(private_root.iterdir())) == 1
    assert [r["ids"] for r in retention()] == [[str(old.pk)]]
    assert not ImportJob.objects.exists()
    assert not list(private_root.iterdir())
