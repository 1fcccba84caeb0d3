"""What a CRM connection may name and reach, the same in `crm_connect`, the admin and a sync.

- Its secret lives in an environment variable reserved for CRM credentials of
  that agency (PASSERELLES_CRM_<AGENCY>_<NAME>): never a setting of the server,
  never another agency's credential. A loopback listener plays the CRM an admin
  controls and must never receive a setting's value.
- Its URL is https (production) and never an internal address unless the
  operator lists the network; it carries no user name or password.
- The admin form and the command share one validation: same refusals, same
  messages, nothing stored, no secret shown back.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun

from .test_http import ScriptedServer, ok

pytestmark = pytest.mark.django_db

GOOD_VARIABLE = "PASSERELLES_CRM_WBMUSIQUES_PASSWORD"
# Production: https only, no internal network allowed.
PRODUCTION_OUTBOUND = {"CRM_ALLOW_HTTP": False, "CRM_ALLOWED_NETWORKS": []}

# Variables the server reads for itself, each with a value that must never leave it.
SERVER_SECRETS = {
    "SECRET_KEY": "the-signing-key-of-this-server-0123456789",
    "DATABASE_URL": "postgres://passerelles:db-password-4711@127.0.0.1:5432/passerelles",
    "PEOPLE_ERASURE_SALT": "the-erasure-salt-abcdefghijkl",
    "EMAIL_HOST_PASSWORD": "smtp-password-9876",
    "ELASTICSEARCH_URL": "https://elastic:es-password-5555@127.0.0.1:9200",
    # Another agency's credential is not this connection's to send.
    "PASSERELLES_CRM_WBIMAGES_PASSWORD": "wbimages-crm-password-1234",
}


@pytest.fixture
def listener():
    """A loopback 'CRM' under the admin's control: it records everything sent to it."""
    server = ScriptedServer()
    # Accept any login, as an attacker's server would, then list no party.
    server.play(ok({"id": 1, "result": [1, "session-key"]}), default=ok({"id": 2, "result": []}))
    server.start()
    yield server
    server.stop()


def received(server: ScriptedServer) -> str:
    """Everything the listener was sent: paths, headers and bodies."""
    return "\n".join(
        f"{r['path']} {r['headers']} {r['body'].decode('utf-8', 'replace')}"
        for r in server.requests
    )


def saved_row(url: str, secret_env: str = GOOD_VARIABLE) -> Connection:
    """A row saved behind the form's back (or before the rules existed)."""
    return Connection.objects.create(
        agency="wbmusiques", kind="tryton", url=url, database="wbm", secret_env=secret_env
    )


def connect(*, agency="wbmusiques", url="https://crm.wbm.example", secret_env=GOOD_VARIABLE):
    """Run crm_connect; return (exit status, stdout + stderr, error message)."""
    out, err = StringIO(), StringIO()
    args = [agency, "--kind", "tryton", "--url", url, "--database", "wbm", "--user", "sync"]
    try:
        call_command("crm_connect", *args, "--secret-env", secret_env, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue() + err.getvalue(), str(error)
    return 0, out.getvalue() + err.getvalue(), ""


def post_form(
    client, *, agency="wbmusiques", url="https://crm.wbm.example", secret_env=GOOD_VARIABLE
):
    return client.post(
        reverse("crm_connections:add"),
        {
            "agency": agency,
            "kind": "tryton",
            "url": url,
            "database": "wbm",
            "user": "sync",
            "secret_env": secret_env,
            "enabled": "on",
        },
    )


# 1. Secrets: only a CRM credential of the connection's own agency.


@pytest.mark.parametrize("name", sorted(SERVER_SECRETS))
def test_a_sync_never_sends_a_server_secret_to_the_connection_url(listener, monkeypatch, name):
    for variable, value in SERVER_SECRETS.items():
        monkeypatch.setenv(variable, value)
    with translation.override("en"):
        run = sync_connection(saved_row(listener.url, name))
    assert run.status == SyncRun.Status.FAILED
    assert name in run.error
    assert "PASSERELLES_CRM_WBMUSIQUES_" in run.error  # says what a valid name looks like
    sent = received(listener)
    for value in SERVER_SECRETS.values():
        assert value not in sent
    assert listener.count == 0


def test_a_sync_sends_its_own_agency_credential(listener, monkeypatch):
    """The control of the test above: the listener does see what a sync sends."""
    monkeypatch.setenv(GOOD_VARIABLE, "wbmusiques-crm-password")
    run = sync_connection(saved_row(listener.url))
    assert "wbmusiques-crm-password" in received(listener)
    assert run.status == SyncRun.Status.SUCCEEDED


@pytest.mark.parametrize("name", [*sorted(SERVER_SECRETS), "WBM_TRYTON_PASSWORD", "PATH"])
def test_crm_connect_refuses_a_variable_that_is_not_this_agencys_crm_credential(name):
    status, output, message = connect(secret_env=name)
    assert status == 2
    assert "PASSERELLES_CRM_WBMUSIQUES_" in message
    assert not Connection.objects.exists()


@pytest.mark.parametrize("name", sorted(SERVER_SECRETS))
def test_the_admin_form_refuses_a_variable_that_is_not_this_agencys_crm_credential(
    admin_client, name
):
    response = post_form(admin_client, secret_env=name)
    assert response.status_code == 200
    assert "PASSERELLES_CRM_WBMUSIQUES_" in response.content.decode()
    assert not Connection.objects.exists()


def test_a_credential_of_the_agency_is_accepted_by_the_command_and_the_form(admin_client):
    assert connect(secret_env="PASSERELLES_CRM_WBMUSIQUES_TOKEN")[0] == 0
    assert Connection.objects.get().secret_env == "PASSERELLES_CRM_WBMUSIQUES_TOKEN"
    response = post_form(admin_client, agency="wbimages", secret_env="PASSERELLES_CRM_WBIMAGES_KEY")
    assert response.status_code == 302
    assert Connection.objects.get(agency="wbimages").secret_env == "PASSERELLES_CRM_WBIMAGES_KEY"


# 2. Where a connection may point.


INTERNAL_URLS = [
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata (link-local)
    "https://169.254.169.254/latest/meta-data/",
    "https://[::1]:5432",  # loopback, IPv6
    "https://127.0.0.1:8000",
    "https://localhost:8000",  # a name that resolves to loopback
    "https://10.0.0.5",  # private networks
    "https://192.168.1.10:8069",
    "https://[fe80::1]",  # link-local, IPv6
    "https://[::ffff:127.0.0.1]",  # loopback inside an IPv4-mapped IPv6 address
    "https://2130706433",  # 127.0.0.1 as a plain number
    "https://0.0.0.0:8000",
    "ftp://crm.wbm.example",
    "http://crm.wbm.example",  # production is https only
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_crm_connect_refuses_internal_or_non_https_addresses_in_production(url):
    with override_settings(**PRODUCTION_OUTBOUND):
        status, _, message = connect(url=url)
    assert status == 2
    assert "--url" in message
    assert not Connection.objects.exists()


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_the_admin_form_refuses_internal_or_non_https_addresses_in_production(admin_client, url):
    with override_settings(**PRODUCTION_OUTBOUND):
        response = post_form(admin_client, url=url)
    assert response.status_code == 200
    assert 'id="id_url"' in response.content.decode()
    assert not Connection.objects.exists()


def test_an_operator_allows_an_internal_network_explicitly():
    allowed = {"CRM_ALLOW_HTTP": False, "CRM_ALLOWED_NETWORKS": ["10.20.0.0/16"]}
    with override_settings(**allowed):
        assert connect(url="https://10.20.3.4:8000")[0] == 0
        assert connect(url="https://10.21.3.4:8000")[0] == 2
    assert Connection.objects.get().url == "https://10.20.3.4:8000"


def test_a_sync_refuses_an_old_row_that_points_at_an_internal_address(listener, monkeypatch):
    monkeypatch.setenv(GOOD_VARIABLE, "wbmusiques-crm-password")
    with override_settings(**PRODUCTION_OUTBOUND), translation.override("en"):
        run = sync_connection(saved_row(listener.url))
    assert run.status == SyncRun.Status.FAILED
    assert listener.count == 0
    assert "wbmusiques-crm-password" not in run.error


# 3. One validation for the form and the command; nothing secret stored or shown back.


SECRET_LOOKING = [
    ("secret_env", "P@ss w0rd!", "P@ss w0rd!"),
    ("secret_env", "hunter2 secret!", "hunter2"),
    ("url", "https://sync:Sup3rS3cret@crm.wbm.example", "Sup3rS3cret"),
]


@pytest.mark.parametrize(("field", "value", "secret"), SECRET_LOOKING)
def test_the_admin_form_never_stores_or_shows_back_a_secret(admin_client, field, value, secret):
    response = post_form(admin_client, **{field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert secret not in html
    assert secret.replace("@", "&#x40;") not in html
    assert not Connection.objects.exists()


@pytest.mark.parametrize(("field", "value", "secret"), SECRET_LOOKING)
def test_crm_connect_never_stores_or_shows_back_a_secret(field, value, secret):
    status, output, message = connect(**{field: value})
    assert status == 2
    assert secret not in output + message
    assert not Connection.objects.exists()


CASES = [
    {"secret_env": "P@ss w0rd!"},
    {"secret_env": "SECRET_KEY"},
    {"secret_env": "PASSERELLES_CRM_WBIMAGES_PASSWORD"},
    {"url": "https://sync:Sup3rS3cret@crm.wbm.example"},
    {"url": "ftp://crm.wbm.example"},
    {"url": "not a url"},
    {"agency": "nowhere"},
]


@pytest.mark.parametrize(
    "case", CASES, ids=lambda case: "-".join(f"{k}={v}" for k, v in case.items())
)
def test_the_form_and_the_command_refuse_alike_with_the_same_message(
    admin_client, admin_user, case
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "nl"
    profile.save()
    with translation.override("nl"):
        status, _, message = connect(**case)
        html = post_form(admin_client, **case).content.decode()
    assert status == 2
    assert not Connection.objects.exists()
    assert 'lang="nl"' in html
    # Every message the command gives is the form's, word for word.
    reasons = [line.split(": ", 1)[1] for line in message.splitlines() if ": " in line]
    assert reasons
    for reason in reasons:
        escaped = reason.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace("'", "&#x27;").replace('"', "&quot;") in html, reason


def test_crm_connect_bad_usage_exits_with_status_2():
    status, _, message = connect(url="ftp://x")
    assert status == 2
    assert "--url" in message


def test_secrets_stored_by_earlier_versions_are_forgotten():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("crm_sync.migrations.0003_forget_stored_secrets")
    typed_in = Connection.objects.create(
        agency="wbmusiques",
        kind="tryton",
        url="https://sync:Sup3rS3cret@crm.wbm.example/api",
        secret_env="P@ss w0rd!",
    )
    fine = Connection.objects.create(
        agency="wbimages",
        kind="tryton",
        url="https://crm.wbi.example",
        secret_env="PASSERELLES_CRM_WBIMAGES_PASSWORD",
    )
    migration.forget_stored_secrets(apps, None)
    typed_in.refresh_from_db()
    fine.refresh_from_db()
    assert (typed_in.url, typed_in.secret_env, typed_in.enabled) == (
        "https://crm.wbm.example/api",
        "",
        False,
    )
    assert (fine.url, fine.secret_env, fine.enabled) == (
        "https://crm.wbi.example",
        "PASSERELLES_CRM_WBIMAGES_PASSWORD",
        True,
    )


@override_settings(PASSERELLES_CRM_WBMUSIQUES_TIMEOUT=30)
def test_a_setting_is_refused_even_when_its_name_looks_like_a_credential():
    status, _, message = connect(secret_env="PASSERELLES_CRM_WBMUSIQUES_TIMEOUT")
    assert status == 2
    assert "PASSERELLES_CRM_WBMUSIQUES_TIMEOUT" in message
    assert not Connection.objects.exists()
