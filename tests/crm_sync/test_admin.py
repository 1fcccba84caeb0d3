"""The "People" admin: every URL is staff-only, and what staff do there works."""

import pytest
from django.urls import reverse
from django.utils import timezone

from crm_sync.models import Connection, SyncRun
from crm_sync.tasks import run_sync
from people.contact import Contact
from people.models import Merge, Person, PossibleDuplicate
from people.sources import apply_contacts

from .memory_source import MemoryConnector, MemorySource

pytestmark = pytest.mark.django_db

SECRET_NAME = "Zoë Geheim-Persoon"


@pytest.fixture
def data():
    apply_contacts(
        "wbmusiques",
        "crm",
        [
            Contact(
                "1",
                timezone.now(),
                "Zoë",
                "Geheim-Persoon",
                ["zoe@example.org"],
                ["0470 11 22 33"],
                organisation="Atelier X",
            ),
            Contact(
                "2",
                timezone.now(),
                "Zoë",
                "Geheim-Persoon",
                ["zoe2@example.org"],
                ["0470 11 22 33"],
                organisation="Atelier X",
            ),
        ],
    )
    connection = Connection.objects.create(
        agency="wbmusiques",
        kind="tryton",
        url="http://127.0.0.1:1",
        secret_env="PASSERELLES_CRM_WBMUSIQUES_SECRET",
    )
    run = SyncRun.objects.create(connection=connection, until=timezone.now())
    first, second = Person.objects.order_by("id")
    merge = Merge.objects.create(survivor=first, merged=second)
    return {
        "person": first,
        "pair": PossibleDuplicate.objects.get(),
        "connection": connection,
        "run": run,
        "merge": merge,
    }


def urls(d) -> list[tuple[str, str]]:
    p, c, r = d["person"].pk, d["connection"].pk, d["run"].pk
    return [
        ("get", reverse("people:index")),
        ("get", reverse("people:edit", args=[p])),
        ("get", reverse("people:erase", args=[p])),
        ("get", reverse("people:history", args=[p])),
        ("get", reverse("people:usage", args=[p])),
        ("get", reverse("people:inspect", args=[p])),
        ("get", reverse("people_duplicates")),
        ("post", reverse("people_decide", args=[d["pair"].pk])),
        ("post", reverse("people_undo_merge", args=[d["merge"].pk])),
        ("post", reverse("people:erase", args=[p])),
        ("get", reverse("people_export")),
        ("get", reverse("crm_connections:index")),
        ("get", reverse("crm_connections:add")),
        ("get", reverse("crm_connections:edit", args=[c])),
        ("post", reverse("crm_sync_now", args=[c])),
        ("post", reverse("crm_check", args=[c])),
        ("get", reverse("crm_runs:index")),
        ("get", reverse("crm_runs:inspect", args=[r])),
        ("get", reverse("crm_import")),
    ]


def test_anonymous_visitors_are_refused_everywhere(client, data):
    for method, url in urls(data):
        response = getattr(client, method)(url, {"decision": "distinct", "confirm": "erase"})
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"], url
        assert SECRET_NAME not in response.content.decode()
    assert Person.objects.count() == 2


def test_editors_without_directory_permissions_are_refused_everywhere(staff_client, data):
    client = staff_client()
    for method, url in urls(data):
        response = getattr(client, method)(url, {"decision": "distinct", "confirm": "erase"})
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/people" not in response["Location"] and "/crm" not in response["Location"]
        assert SECRET_NAME not in response.content.decode(), url
    assert Person.objects.count() == 2
    assert PossibleDuplicate.objects.get().status == "open"


def test_staff_with_view_permission_see_a_person_and_where_each_value_came_from(
    directory_reader, data
):
    client = directory_reader
    html = client.get(reverse("people:inspect", args=[data["person"].pk])).content.decode()
    assert "zoe@example.org" in html and "wbmusiques" in html
    assert client.get(reverse("people:index")).status_code == 200
    # Reading is not deciding.
    response = client.post(
        reverse("people_decide", args=[data["pair"].pk]), {"decision": "distinct"}
    )
    assert response.status_code in (302, 403)
    assert PossibleDuplicate.objects.get().status == PossibleDuplicate.Status.OPEN


def test_html_from_a_crm_is_escaped_in_the_admin(admin_client):
    apply_contacts(
        "wbimages",
        "crm",
        [Contact("x", timezone.now(), "<script>alert(1)</script>", "X", ["x@example.org"])],
    )
    person = Person.objects.get(email="x@example.org")
    for url in (reverse("people:inspect", args=[person.pk]), reverse("people:index")):
        html = admin_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;" in html


def test_staff_merge_a_possible_duplicate_and_undo_it(admin_client, data):
    Merge.objects.all().delete()
    pair = data["pair"]
    admin_client.post(reverse("people_decide", args=[pair.pk]), {"decision": "keep_first"})
    pair.refresh_from_db()
    assert pair.status == PossibleDuplicate.Status.MERGED
    merge = Merge.objects.get()
    admin_client.post(reverse("people_undo_merge", args=[merge.pk]))
    pair.refresh_from_db()
    assert pair.status == PossibleDuplicate.Status.DISTINCT
    assert Person.objects.filter(merged_into__isnull=True).count() == 2


def test_sync_now_queues_a_background_run_that_the_worker_executes(admin_client, data, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    source = MemorySource()
    source.put(
        "k1",
        timezone.now() - timezone.timedelta(minutes=5),
        first_name="Kim",
        emails=["kim@example.org"],
    )
    monkeypatch.setattr("crm_sync.engine.get_connector", lambda c, s: MemoryConnector(source))
    monkeypatch.setenv("PASSERELLES_CRM_WBMUSIQUES_SECRET", "x")
    response = admin_client.post(reverse("crm_sync_now", args=[data["connection"].pk]))
    assert response.status_code == 302
    assert DBTaskResult.objects.count() == 1
    assert not Person.objects.filter(email="kim@example.org").exists()  # not in the request
    task = DBTaskResult.objects.get()
    assert task.task_path == "crm_sync.tasks.run_sync"
    assert task.args_kwargs["args"] == [data["connection"].pk, False]
    # What the worker (`manage.py db_worker --backend sync --queue-name crm_sync`) runs:
    result = run_sync.call(*task.args_kwargs["args"])
    assert result["status"] == "succeeded"
    assert Person.objects.filter(email="kim@example.org").exists()
    # The fixture's run, left "running" by no live process, was resumed; the
    # same call then read on to now (engine: catching up after a resume).
    assert SyncRun.objects.filter(status="succeeded").count() == 2
    assert result["caught_up"]["status"] == "succeeded"


def test_the_connection_form_never_holds_a_secret(admin_client, data):
    html = admin_client.get(
        reverse("crm_connections:edit", args=[data["connection"].pk])
    ).content.decode()
    assert 'name="secret_env"' in html
    assert 'type="password"' not in html


def test_a_run_shows_its_record_errors(admin_client, data):
    from crm_sync.models import RecordError

    RecordError.objects.create(run=data["run"], source_id="bad-42", message="No name, no email")
    html = admin_client.get(reverse("crm_runs:inspect", args=[data["run"].pk])).content.decode()
    assert "bad-42: No name, no email" in html


def test_a_run_shows_its_record_warnings_escaped(admin_client, data):
    from crm_sync.models import RecordWarning

    RecordWarning.objects.create(
        run=data["run"],
        source_id="w-7",
        message="Ignored an invalid email address: <b>nul\\x00mail@example.org</b>",
    )
    html = admin_client.get(reverse("crm_runs:inspect", args=[data["run"].pk])).content.decode()
    assert "w-7: Ignored an invalid email address: &lt;b&gt;nul\\x00mail@example.org" in html
