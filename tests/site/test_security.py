"""The site's defences an outsider meets: sign-in throttling, size caps, headers, deploy check."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/admin/login/"
PASSWORD = "the-right-password-42"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def sign_in(client, password: str, **headers):
    return client.post(LOGIN, {"username": "editor", "password": password}, **headers)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


# 6. Sign-in throttling (django-axes) and no second admin site.


@pytest.mark.django_db
def test_thirty_wrong_passwords_lock_the_sign_in_even_for_the_right_one(client, editor):
    answers = [sign_in(client, f"guess-{n}").status_code for n in range(30)]
    assert answers.count(429) >= 30 - settings.AXES_FAILURE_LIMIT
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_the_lock_is_per_account_from_any_address(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{n}", REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert sign_in(client, PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert not signed_in(client)


@pytest.mark.django_db
def test_fewer_failures_than_the_limit_do_not_lock(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, f"guess-{n}").status_code == 200
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", "Trop de tentatives de connexion"),
        ("nl", "Te veel mislukte aanmeldpogingen"),
        ("en", "Too many failed sign-in attempts"),
    ],
)
def test_the_lockout_page_speaks_the_visitors_language(client, editor, language, words):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{n}", HTTP_ACCEPT_LANGUAGE=language)
    response = sign_in(client, PASSWORD, HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert response.status_code == 429
    assert f'lang="{language}"' in html
    assert words in html
    assert "editor" not in html  # nothing tells whether the account exists


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_lock_follows_the_client_not_what_it_claims(client, editor):
    """The proxy appends the client's address; what the client wrote before it is ignored."""
    for n in range(settings.AXES_FAILURE_LIMIT):  # many accounts, one client, spoofed prefixes
        client.post(
            LOGIN,
            {"username": f"someone-{n}", "password": "x"},
            HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 198.51.100.7",
        )
    locked = sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="10.1.1.1, 198.51.100.7")
    assert locked.status_code == 429
    other_client = sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert other_client.status_code == 302


@pytest.mark.django_db
def test_an_administrator_unlocks_with_axes_reset_username(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{n}")
    assert sign_in(client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "editor", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert sign_in(client, PASSWORD).status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/django-admin/", "/django-admin/login/"])
def test_there_is_no_second_admin_site(client, admin_client, path):
    # (LocaleMiddleware first sends an unknown address to its /fr/ twin.)
    for response in (
        client.get(path, follow=True),
        admin_client.get(path, follow=True),
        client.post(path, {"username": "editor", "password": "x"}, follow=True),
    ):
        assert response.status_code == 404
        assert 'name="password"' not in response.content.decode()


# 7. Request and upload sizes are capped before anything is read.


class Unreadable:
    """A request body that fails the test if anyone reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.django_db
@pytest.mark.parametrize("path", [LOGIN, "/admin/documents/add/", "/admin/crm/import/", "/fr/"])
def test_a_body_larger_than_the_cap_is_refused_unread(client, path):
    response = client.generic(
        "POST",
        path,
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(getattr(settings, "PASSERELLES_MAX_REQUEST_BYTES", 2**25) + 1),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413


def test_each_kind_of_upload_has_a_cap_below_the_request_cap():
    caps = {
        "documents": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        "images": settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
        "spreadsheets": settings.PASSERELLES_MAX_SPREADSHEET_BYTES,
    }
    for kind, cap in caps.items():
        assert 0 < cap < settings.PASSERELLES_MAX_REQUEST_BYTES, kind
    # Uploads bigger than this go to a temporary file, never into memory.
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024


@pytest.mark.django_db
def test_a_document_over_its_cap_is_refused(admin_client):
    from wagtail.documents.models import Document

    too_big = SimpleUploadedFile("press-kit.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    with override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024):
        response = admin_client.post(
            reverse("wagtaildocs:add"), {"title": "Press kit", "file": too_big}
        )
    assert response.status_code == 200
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_a_spreadsheet_over_its_cap_is_refused_before_it_is_read(admin_client, monkeypatch):
    from people.models import Person

    rows = "".join(f"P{n};N{n};p{n}@example.org\n" for n in range(200))
    upload = SimpleUploadedFile("c.csv", ("Prénom;Nom;E-mail\n" + rows).encode())
    monkeypatch.setattr(
        "crm_sync.import_jobs.create_job",
        lambda *a, **k: pytest.fail("the spreadsheet was stored for import"),
    )
    with override_settings(PASSERELLES_MAX_SPREADSHEET_BYTES=1024):
        response = admin_client.post(reverse("crm_import"), {"agency": "wbcampus", "file": upload})
    assert response.status_code == 200
    assert "1" in response.content.decode()  # the cap is named
    assert not Person.objects.exists()


# 9. Security headers and the deploy check.


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fr/", LOGIN])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path, follow=True)
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    for name in ("base-uri", "frame-ancestors", "form-action", "connect-src", "img-src"):
        assert policy[name].split()[0] == "'self'", name
        assert "http" not in policy[name] and "*" not in policy[name], name
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_only_the_admin_may_run_inline_code(client):
    public = directives(client.get("/fr/")["Content-Security-Policy"])
    assert public["script-src"] == "'self'"
    assert public["style-src"] == "'self'"
    admin = directives(client.get(LOGIN)["Content-Security-Policy"])
    assert admin["script-src"] == "'self' 'unsafe-inline'"  # Wagtail's widget scripts
    assert {k: v for k, v in admin.items() if not k.endswith("-src")} == {
        k: v for k, v in public.items() if not k.endswith("-src")
    }


def documented_production_environment() -> dict[str, str]:
    """The environment file shown in docs/deployment.md, secrets filled in."""
    text = (ROOT / "docs" / "deployment.md").read_text()
    block = re.search(r"```sh\n# /etc/passerelles/env\n(.*?)```", text, re.S)
    assert block, "docs/deployment.md shows the production environment file"
    env = {}
    for line in block.group(1).splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            env[name] = value.strip("'\"")
    return env


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    import secrets

    documented = documented_production_environment()
    assert documented["DJANGO_SETTINGS_MODULE"] == "passerelles.settings.production"
    for name, value in documented.items():
        if "…" in value:  # a placeholder for a secret: fill it as an operator would
            documented[name] = (
                secrets.token_urlsafe(50) if "://" not in value else value.replace("…", "pw")
            )
    environ = {
        k: v
        for k, v in os.environ.items()
        if not (k.startswith(("DJANGO_", "SECURE_", "CSP_")) or k in documented)
    }
    environ.update(documented)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
