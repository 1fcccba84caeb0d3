"""Demo accounts of the communications teams: an editor and a publisher of two agencies.

Created by ``manage.py ensure_demo_users`` (run by ``make run`` after
``setup_roles``), like the administrator: a generated password is printed
once, when the account is created, and never stored in clear. The WBImages
team works in Dutch, to show the admin in both languages.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from passerelles.roles import COORDINATORS, editors_name, publishers_name


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    group: str
    language: str


DEMO_USERS = [
    DemoUser("wbmusiques-editor", "Camille", "Dewez", editors_name("wbmusiques"), "fr"),
    DemoUser("wbmusiques-publisher", "Sacha", "Lambert", publishers_name("wbmusiques"), "fr"),
    DemoUser("wbimages-editor", "Lotte", "Peeters", editors_name("wbimages"), "nl"),
    DemoUser("wbimages-publisher", "Jonas", "Claes", publishers_name("wbimages"), "nl"),
    DemoUser("coordinator", "Nora", "Benali", COORDINATORS, "fr"),
]


def ensure_demo_user(spec: DemoUser, password: str) -> bool:
    """Create the account `spec` with `password` unless it exists; True when created.

    The account joins its group (created by `setup_roles`, which must run first).
    """
    user_model = get_user_model()
    if user_model.objects.filter(username=spec.username).exists():
        return False
    group = Group.objects.get(name=spec.group)
    user = user_model.objects.create_user(
        spec.username,
        email=f"{spec.username}@demo.example",
        password=password,
        first_name=spec.first_name,
        last_name=spec.last_name,
    )
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = spec.language
    profile.save(update_fields=["preferred_language"])
    return True
