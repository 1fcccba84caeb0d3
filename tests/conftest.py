"""Shared fixtures: the demo network and the editorial roles are set up once in the test database.

Every test then runs inside a transaction that is rolled back, so tests see
the full demo (six agencies, editions, stories in fr, nl and en) and can add
their own objects with the factories without affecting each other.
"""

import pytest
from django.core.management import call_command

# Modules that copy the demo database `tests/browser.py` builds once per
# process (migrate and `load_demo`: one to two minutes): under pytest-xdist
# they run in one same process, so it is built once per run, not per worker.
DEMO_COPIERS = ("tests/site/test_browser.py", "tests/evening/test_door_browser.py")
# Modules with transactional `django_db` tests: Django empties every table
# after such a test, the demo included. In one process pytest-django runs them
# after all the others; under pytest-xdist each worker runs whole modules, so
# these go last, when no other module is left to run after them
# (tests/test_scheduling.py checks that the list is complete).
FLUSHING = ("tests/crm_sync/test_spreadsheets.py",)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile`, with the modules that copy the browser demo as one unit and
    the modules that empty the database last."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return DEMO_COPIERS[0] if module in DEMO_COPIERS else module

        def _assign_work_unit(self, node) -> None:
            for module in FLUSHING:
                if module in self.workqueue:
                    self.workqueue.move_to_end(module)
            super()._assign_work_unit(node)

    return Scheduling(config, log)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate the test database (pytest-django), then load the demo once."""
    with django_db_blocker.unblock():
        # The public site only: directory tests build the people they need.
        call_command("load_demo", "--without-directory", verbosity=0)
        # The editorial groups and workflows, as `make run` sets them up.
        call_command("setup_roles", verbosity=0)


@pytest.fixture
def sectors(db):
    """The demo's sectors in the default language, by slug."""
    from django.conf import settings

    from core.models import Sector

    return {s.slug: s for s in Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)}


@pytest.fixture
def past_editions(db):
    """The demo's past editions in the default language, oldest first."""
    from django.conf import settings
    from django.utils import timezone

    from editions.models import EditionPage

    return list(
        EditionPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, start__lt=timezone.now()
        ).order_by("start")
    )


@pytest.fixture
def locales(db):
    """The three Locale objects, by language code."""
    from wagtail.models import Locale

    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def staff_client(client):
    """`staff_client(*codenames)`: the client, logged in as staff who may open the admin
    and hold these permissions, no more."""
    from django.contrib.auth.models import Group, Permission, User

    def _login(*codenames: str, username: str = "staff"):
        group = Group.objects.create(name="Staff: " + (", ".join(codenames) or "admin only"))
        group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
        user = User.objects.create_user(username, password="x")
        user.groups.add(group)
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def directory_reader(staff_client):
    """A client logged in as staff who may open the admin and view the directory, no more."""
    return staff_client("view_person", username="reader")
