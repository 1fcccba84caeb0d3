"""Connecting the vendors' CRMs: crm_connect's new options, "Test connection" from the command
line and the admin, and what crm_sync reports about write-back and rate limits."""

import json

import pytest
from django.core.management import CommandError
from django.urls import reverse

from crm_sync.models import Connection
from editions.models import EditionPage
from people.models import Attendance, Person

from . import test_hubspot
from .simulators.hubspot import HubSpotSimulator
from .simulators.salesforce import SalesforceSimulator
from .test_commands import run

pytestmark = pytest.mark.django_db

TOKEN_VAR = "PASSERELLES_CRM_WBMUSIQUES_TOKEN"


@pytest.fixture
def hubspot(fast_http, monkeypatch):
    monkeypatch.setenv(TOKEN_VAR, test_hubspot.TOKEN)
    with HubSpotSimulator(token=test_hubspot.TOKEN) as sim:
        sim.create(firstname="Léa", lastname="Martin", email="lea@example.org")
        yield sim


def hubspot_args(sim, *extra):
    return ["wbmusiques", "--kind", "hubspot", "--url", sim.url, "--secret-env", TOKEN_VAR, *extra]


def test_check_reads_one_page_saves_nothing_and_names_missing_scopes(hubspot):
    status, out, err = run("crm_connect", *hubspot_args(hubspot, "--check"))
    assert status == 0, out + err
    assert "Contacts" in out and "1" in out
    assert not Connection.objects.exists()
    status, out, _ = run(
        "crm_connect", *hubspot_args(hubspot, "--write-attendance", "--check", "--json")
    )
    assert status == 1
    report = json.loads(out)
    assert report["ok"] is False
    assert report["missing"] == ["crm.objects.contacts.write", "crm.schemas.contacts.write"]


def test_check_of_the_saved_connection_needs_only_the_agency(hubspot, monkeypatch):
    assert run("crm_connect", *hubspot_args(hubspot, "--rate-limit", "5"))[0] == 0
    connection = Connection.objects.get()
    assert (connection.kind, connection.rate_limit, connection.write_attendance) == (
        "hubspot",
        5.0,
        False,
    )
    status, out, _ = run("crm_connect", "wbmusiques", "--check")
    assert status == 0 and "Contacts" in out
    monkeypatch.delenv(TOKEN_VAR)
    status, out, _ = run("crm_connect", "wbmusiques", "--check")
    assert status == 1 and TOKEN_VAR in out


def test_oauth_vendors_need_a_token_url_and_a_client_id():
    args = ["wbimages", "--kind", "salesforce", "--url", "http://127.0.0.1:9"]
    args += ["--secret-env", "PASSERELLES_CRM_WBIMAGES_CLIENT_SECRET"]
    with pytest.raises(CommandError) as refused:
        run("crm_connect", *args)
    assert refused.value.returncode == 2
    lines = str(refused.value).splitlines()
    assert [line.split(":")[0] for line in lines[1:]] == ["--token-url", "--client-id"]
    assert not Connection.objects.exists()
    args += ["--token-url", "http://127.0.0.1:9/services/oauth2/token"]
    args += ["--client-id", "3MVG9-abc", "--write-attendance"]
    assert run("crm_connect", *args)[0] == 0
    connection = Connection.objects.get()
    assert connection.client_id == "3MVG9-abc" and connection.write_attendance


def test_a_token_url_with_credentials_is_refused_and_not_stored():
    args = ["wbimages", "--kind", "dynamics", "--url", "http://127.0.0.1:9"]
    args += ["--secret-env", "PASSERELLES_CRM_WBIMAGES_CLIENT_SECRET", "--client-id", "x"]
    args += ["--token-url", "http://user:pw-SECRET@127.0.0.1:9/t/oauth2/v2.0/token"]
    with pytest.raises(CommandError) as refused:
        run("crm_connect", *args)
    assert "--token-url:" in str(refused.value)
    assert "pw-SECRET" not in str(refused.value)
    assert not Connection.objects.exists()


def test_the_admin_form_asks_for_what_the_kind_needs(admin_client):
    response = admin_client.post(
        reverse("crm_connections:add"),
        {
            "agency": "wbcampus",
            "kind": "dynamics",
            "url": "http://127.0.0.1:9",
            "secret_env": "PASSERELLES_CRM_WBCAMPUS_CLIENT_SECRET",
            "enabled": "on",
        },
    )
    assert response.status_code == 200  # the form again, with errors
    html = response.content.decode()
    assert 'name="token_url"' in html and 'name="client_id"' in html
    assert not Connection.objects.exists()


def test_the_admin_test_connection_button_reports_what_it_sees(admin_client, hubspot):
    connection = Connection.objects.create(
        agency="wbmusiques",
        kind="hubspot",
        url=hubspot.url,
        secret_env=TOKEN_VAR,
        write_attendance=True,
    )
    response = admin_client.post(reverse("crm_check", args=[connection.pk]), follow=True)
    html = response.content.decode()
    assert "Contacts" in html
    assert "crm.schemas.contacts.write" in html
    hubspot.scopes += ["crm.objects.contacts.write", "crm.schemas.contacts.write"]
    response = admin_client.post(reverse("crm_check", args=[connection.pk]), follow=True)
    assert "crm.schemas.contacts.write" not in response.content.decode()


def test_crm_sync_json_reports_write_back_and_the_time_waited(hubspot, locales):
    hubspot.scopes += ["crm.objects.contacts.write", "crm.schemas.contacts.write"]
    run("crm_connect", *hubspot_args(hubspot, "--write-attendance"))
    run("crm_sync", "--json")
    spring = EditionPage.objects.get(locale=locales["fr"], slug="printemps-2025")
    Attendance.objects.create(person=Person.objects.get(email="lea@example.org"), edition=spring)
    status, out, _ = run("crm_sync", "--json", "--dry-run")
    (entry,) = json.loads(out)["connections"]
    assert status == 0
    assert entry["written_back"] == 1
    assert entry["writeback"] == [
        {"source_id": next(iter(hubspot.live())), "edition": "printemps-2025", "written": False}
    ]
    assert "waited_seconds" in entry
    status, out, _ = run("crm_sync", "--json")
    (entry,) = json.loads(out)["connections"]
    assert entry["written_back"] == 1 and "writeback" not in entry


def test_salesforce_check_from_the_command_line(fast_http, monkeypatch):
    monkeypatch.setenv("PASSERELLES_CRM_WBDM_CLIENT_SECRET", "sf-secret")
    with SalesforceSimulator(client_secret="sf-secret") as sim:
        sim.create(LastName="Dupont", Email="d@example.org")
        args = ["wbdm", "--kind", "salesforce", "--url", sim.url, "--client-id", sim.client_id]
        args += ["--token-url", f"{sim.url}/services/oauth2/token"]
        args += ["--secret-env", "PASSERELLES_CRM_WBDM_CLIENT_SECRET", "--check"]
        status, out, err = run("crm_connect", *args)
    assert status == 0, out + err
    assert "API" in out
