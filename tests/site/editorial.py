"""Helpers for the editorial tests: members of the roles `setup_roles` creates, and pages."""

from django.contrib.auth.models import Group, User
from django.test import Client
from wagtail.users.models import UserProfile

from agencies.models import AgencyPage
from editions.models import EditionIndexPage
from passerelles.roles import COORDINATORS, editors_name, publishers_name
from stories.models import StoryIndexPage

ROLE_GROUPS = {
    "wbmusiques-editor": editors_name("wbmusiques"),
    "wbmusiques-publisher": publishers_name("wbmusiques"),
    "wbimages-editor": editors_name("wbimages"),
    "wbimages-publisher": publishers_name("wbimages"),
    "coordinator": COORDINATORS,
}


def member(role: str, language: str = "fr") -> User:
    """A user in the group of `role` (a key of ROLE_GROUPS), with an admin language."""
    user = User.objects.create_user(role, email=f"{role}@example.org", password="x")
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def agency(slug: str, language: str = "fr") -> AgencyPage:
    return AgencyPage.objects.get(
        translation_key=AgencyPage.objects.get(
            slug=slug, locale__language_code="fr"
        ).translation_key,
        locale__language_code=language,
    )


def story_index(language: str = "fr") -> StoryIndexPage:
    return StoryIndexPage.objects.get(locale__language_code=language)


def edition_index(language: str = "fr") -> EditionIndexPage:
    return EditionIndexPage.objects.get(locale__language_code=language)
