"""A small directory to search, built through the same paths as real data."""

import datetime as dt
import os
import uuid

import pytest
from django.utils import timezone

from core.models import Sector
from editions.models import EditionPage
from people.contact import Contact
from people.models import Attendance, Person, Project
from people.sources import apply_contacts

PEOPLE = [
    (
        "1",
        "Hélène",
        "Lefèvre",
        "helene@example.org",
        "Sound designer",
        "Atelier Nord",
        "Liège",
        ["music", "architecture"],
    ),
    (
        "2",
        "Sarah",
        "Van den Bossche",
        "sarah@example.org",
        "Architecte",
        "Studio VDB",
        "Gent",
        ["architecture"],
    ),
    (
        "3",
        "Pieter",
        "D'Hondt",
        "pieter@example.org",
        "Regisseur",
        "Toneelhuis",
        "Antwerpen",
        ["theatre-dance"],
    ),
    ("4", "Jan", "Peeters", "jan@example.org", "Fotograaf", "", "Brussel", ["film-audiovisual"]),
    (
        "5",
        "Marie",
        "Dubois",
        "marie@example.org",
        "Styliste",
        "Maison D",
        "Mons",
        ["fashion", "design"],
    ),
    ("6", "Helena", "Lefebvre", "helena@example.org", "Comptable", "Banque X", "Namur", []),
]


@pytest.fixture
def directory(db, locales):
    now = timezone.now()
    # Four people from a CRM (modified a few minutes apart), two from an import.
    for agency, channel, rows, age in (
        ("wbmusiques", "crm", PEOPLE[:4], lambda sid: dt.timedelta(minutes=int(sid))),
        ("wbdm", "import", PEOPLE[4:], lambda sid: dt.timedelta(0)),
    ):
        apply_contacts(
            agency,
            channel,
            [
                Contact(
                    sid,
                    now - age(sid),
                    first,
                    last,
                    [email],
                    job_title=job,
                    organisation=org,
                    city=city,
                    country="Belgique",
                )
                for sid, first, last, email, job, org, city, _ in rows
            ],
        )
    sectors = {s.slug: s for s in Sector.objects.filter(locale=locales["fr"])}
    people = {}
    for _sid, _first, last, email, *_rest, slugs in PEOPLE:
        person = Person.objects.get(email=email)
        person.sectors.set([sectors[s] for s in slugs])
        people[last] = person
    spring = EditionPage.objects.get(locale=locales["fr"], slug="printemps-2025")
    Attendance.objects.create(person=people["Lefèvre"], edition=spring, role="guest")
    Attendance.objects.create(person=people["Peeters"], edition=spring, role="speaker")
    project = Project.objects.create(
        title="Théâtre et architecture : une scénographie partagée",
        description="L'architecte et la metteuse en scène imaginent un décor modulable.",
        kind="co_creation",
        stage="ongoing",
        origin_edition=spring,
    )
    project.sectors.set([sectors["theatre-dance"], sectors["architecture"]])
    project.participants.set([people["Van den Bossche"], people["D'Hondt"]])
    Project.objects.create(title="Podcast sur le design", kind="commission", stage="spark")
    index_everything()
    return people


def index_everything() -> None:
    """What `search_index rebuild` does: the entries, then the engine's index if configured."""
    from search import engine
    from search.indexing import rebuild_engine_index, rebuild_entries

    rebuild_entries()
    if engine.is_configured():
        rebuild_engine_index()


@pytest.fixture(scope="session")
def engine_url():
    """An Elasticsearch-compatible URL: ELASTICSEARCH_URL when set (a real cluster),
    otherwise osmem-server behind the loopback shim that rewrites the ES 8 client's
    compatibility media type (test-only; never in the product)."""
    if os.environ.get("ELASTICSEARCH_URL"):
        yield os.environ["ELASTICSEARCH_URL"]
        return
    from osmem_server import OsmemServer

    from .es_shim import CompatShim

    server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    shim = CompatShim(server.url).start()
    yield shim.url
    shim.stop()
    server.close()


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings):
    """Which backend answers: every contract test runs on both."""
    if request.param == "database":
        settings.ELASTICSEARCH_URL = ""
    else:
        settings.ELASTICSEARCH_URL = request.getfixturevalue("engine_url")
        settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    yield request.param
    if request.param == "elasticsearch":
        from search import engine

        client = engine.client()
        client.indices.delete(
            index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", ignore_unavailable=True
        )


@pytest.fixture
def es(settings, engine_url):
    """The engine configured (a fresh index prefix); yields its client."""
    from search import engine

    settings.ELASTICSEARCH_URL = engine_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    yield engine.client()
    engine.client().indices.delete(
        index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", ignore_unavailable=True
    )


@pytest.fixture(autouse=True)
def database_search_by_default(settings):
    """Tests use the database backend unless they ask for the engine."""
    settings.ELASTICSEARCH_URL = ""
