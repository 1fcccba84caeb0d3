"""`setup_roles`, the demo accounts and the translated names of the project's data."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import translation
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from passerelles.demo.users import DEMO_USERS
from passerelles.roles import AGENCY_NAMES, review_name

from .editorial import agency

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, int]:
    return {
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
        "workflows": Workflow.objects.count(),
        "assignments": WorkflowPage.objects.count(),
    }


def test_setup_roles_creates_every_agency_role_once(capsys):
    before = snapshot()
    call_command("setup_roles")
    assert snapshot() == before
    assert "nothing changed" in capsys.readouterr().out
    assert before["groups"] >= 2 * len(AGENCY_NAMES) + 1
    for slug in AGENCY_NAMES:
        for language in ("fr", "nl", "en"):
            page = agency(slug, language)
            assert WorkflowPage.objects.filter(page=page).exists()  # on every copy
            assert str(page.get_workflow().name) == translation.gettext("%(agency)s review") % {
                "agency": AGENCY_NAMES[slug]
            }


def test_setup_roles_keeps_what_an_administrator_changed():
    group = Group.objects.get(name="WBMusiques editors")
    extra = GroupPagePermission.objects.filter(group=group).first()
    WorkflowPage.objects.filter(page=agency("wbcampus")).update(
        workflow=Workflow.objects.get(name="Network review")
    )
    call_command("setup_roles", verbosity=0)
    assert GroupPagePermission.objects.filter(pk=extra.pk).exists()
    assert str(agency("wbcampus").get_workflow().name) == "Relecture du réseau"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Relecture WBMusiques"), ("nl", "Nalezing WBMusiques"), ("en", "WBMusiques review")],
)
def test_workflow_names_are_shown_in_the_active_language(language, expected):
    with translation.override(language):
        assert str(Workflow.objects.get(name=review_name("wbmusiques")).name) == expected


def test_saving_a_translated_name_unchanged_keeps_the_message_id():
    with translation.override("nl"):
        workflow = Workflow.objects.get(name=review_name("wbmusiques"))
        workflow.save()
    assert Workflow.objects.filter(name="WBMusiques review").exists()
    with translation.override("nl"):
        workflow.name = "Onze eigen nalezing"
        workflow.save()
    with translation.override("fr"):
        assert str(Workflow.objects.get(pk=workflow.pk).name) == "Onze eigen nalezing"


def test_demo_accounts_are_created_once_with_the_printed_password(monkeypatch, capsys):
    monkeypatch.delenv("DEMO_USERS_PASSWORD", raising=False)
    call_command("ensure_demo_users")
    out = capsys.readouterr().out
    for spec in DEMO_USERS:
        line = next(line for line in out.splitlines() if f"user: {spec.username} " in line)
        password = line.split("password: ")[1].split()[0]
        user = User.objects.get(username=spec.username)
        assert user.check_password(password)
        assert user.groups.filter(name=spec.group).exists()
        assert user.wagtail_userprofile.preferred_language == spec.language
    call_command("ensure_demo_users")
    assert "password:" not in capsys.readouterr().out


def test_demo_accounts_need_the_roles_first():
    Group.objects.filter(name=DEMO_USERS[0].group).delete()
    with pytest.raises(Exception, match="setup_roles"):
        call_command("ensure_demo_users")
