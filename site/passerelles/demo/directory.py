"""Fictional people and projects for the demo, so staff can try the directory and the search.

Every name here is invented. They go through the same path as real data (a
spreadsheet import per agency), so identity resolution, provenance and the
search index behave as in production. Idempotent like the rest of the demo.
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from core.models import Sector
from editions.models import EditionPage
from people.contact import Contact
from people.models import Attendance, Person, Project
from people.sources import apply_contacts
from search.indexing import rebuild_entries

# (agency, id, first name, last name, email, job title, organisation, city, sectors, editions)
PEOPLE = [
    (
        "wbmusiques",
        "m1",
        "Hélène",
        "Lefèvre",
        "helene.lefevre@demo.example",
        "Sound designer",
        "Studio Mosaïque",
        "Liège",
        ["music", "architecture"],
        ["printemps-2025"],
    ),
    (
        "wbarchitectures",
        "a1",
        "Sarah",
        "Van den Bossche",
        "sarah.vdb@demo.example",
        "Architecte",
        "Atelier Meander",
        "Bruxelles",
        ["architecture"],
        ["printemps-2025", "automne-2025"],
    ),
    (
        "wbtheatredanse",
        "t1",
        "Pieter",
        "D'Hondt",
        "pieter.dhondt@demo.example",
        "Regisseur",
        "Compagnie Vonk",
        "Gent",
        ["theatre-dance"],
        ["automne-2024"],
    ),
    (
        "wbimages",
        "i1",
        "Nadia",
        "El Amrani",
        "nadia.elamrani@demo.example",
        "Réalisatrice",
        "Films du Confluent",
        "Namur",
        ["film-audiovisual"],
        ["printemps-2024"],
    ),
    (
        "wbdm",
        "d1",
        "Lucas",
        "Dumont",
        "lucas.dumont@demo.example",
        "Styliste",
        "Maison Ardoise",
        "Mons",
        ["fashion", "music"],
        ["automne-2026"],
    ),
    (
        "wbcampus",
        "c1",
        "Inès",
        "Martin",
        "ines.martin@demo.example",
        "Étudiante en design",
        "ENSAV La Cambre",
        "Bruxelles",
        ["design", "higher-education"],
        ["printemps-2025"],
    ),
    (
        "wbmusiques",
        "m2",
        "Jan",
        "Peeters",
        "jan.peeters@demo.example",
        "Bassiste",
        "Kompas",
        "Antwerpen",
        ["music"],
        ["printemps-2026"],
    ),
    (
        "wbtheatredanse",
        "t2",
        "Camille",
        "Lambert",
        "camille.lambert@demo.example",
        "Scénographe",
        "Le Manège",
        "Mons",
        ["theatre-dance", "design"],
        ["automne-2025"],
    ),
    (
        "wbimages",
        "i2",
        "Tom",
        "Claes",
        "tom.claes@demo.example",
        "Producteur",
        "Noord Films",
        "Leuven",
        ["film-audiovisual"],
        [],
    ),
    (
        "wbdm",
        "d2",
        "Anaïs",
        "Lhoëst",
        "anais.lhoest@demo.example",
        "Designer textile",
        "Atelier Étincelle",
        "Tournai",
        ["design", "fashion"],
        ["automne-2026"],
    ),
    # Known to two agencies under slightly different spellings: one person.
    (
        "wbarchitectures",
        "a2",
        "Helene",
        "Lefevre",
        "Helene.Lefevre@demo.example",
        "Sound designer",
        "Studio Mosaique",
        "Liège",
        [],
        [],
    ),
    # Same name and organisation, no shared email: a possible duplicate to review.
    (
        "wbcampus",
        "c2",
        "Camille",
        "Lambert",
        "c.lambert@campus.demo.example",
        "Scénographe",
        "Le Manège",
        "Mons",
        [],
        [],
    ),
]

PROJECTS = [
    (
        "Une scénographie sonore pour un théâtre",
        "co_creation",
        "ongoing",
        ["helene.lefevre", "camille.lambert"],
        ["music", "theatre-dance"],
        "printemps-2025",
    ),
    (
        "Un stage dans une maison de mode",
        "internship",
        "realised",
        ["ines.martin", "lucas.dumont"],
        ["fashion", "higher-education"],
        "printemps-2025",
    ),
    (
        "Distribution d'un premier long métrage",
        "distribution",
        "early",
        ["nadia.elamrani", "tom.claes"],
        ["film-audiovisual"],
        "printemps-2024",
    ),
]


def load_demo_directory() -> int:
    """Create the demo people and projects that do not exist yet; return how many were made."""

    if Person.objects.filter(email="helene.lefevre@demo.example").exists():
        return 0
    now = timezone.now()
    by_agency: dict[str, list[Contact]] = {}
    for n, (agency, sid, first, last, email, job, org, city, *_rest) in enumerate(PEOPLE):
        by_agency.setdefault(agency, []).append(
            Contact(
                sid,
                now - dt.timedelta(days=n),
                first,
                last,
                [email],
                job_title=job,
                organisation=org,
                city=city,
                country="Belgique",
            )
        )
    for agency, contacts in by_agency.items():
        apply_contacts(agency, "import", contacts)
    sectors = {
        s.slug: s for s in Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    editions = {
        e.slug: e for e in EditionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    }
    for _agency, _sid, _f, _l, email, _j, _o, _c, slugs, attended in PEOPLE:
        if not slugs:
            continue
        person = Person.objects.get(emails__email=email.casefold())
        person.sectors.add(*[sectors[s] for s in slugs if s in sectors])
        for slug in attended:
            if slug in editions:
                Attendance.objects.get_or_create(person=person, edition=editions[slug])
    for title, kind, stage, people, slugs, edition in PROJECTS:
        project = Project.objects.create(
            title=title, kind=kind, stage=stage, origin_edition=editions.get(edition)
        )
        project.sectors.set([sectors[s] for s in slugs if s in sectors])
        project.participants.set(
            Person.objects.filter(emails__email__in=[f"{p}@demo.example" for p in people])
        )

    rebuild_entries()
    return len(PEOPLE) + len(PROJECTS)
