"""The next edition's registrants, so the door, the badges and the table plan can be tried.

Fictional, from a fixed seed. The list goes through the real path: a
pretix-like CSV export with French column names, read by
`evening.registrations.import_registrations` (identity by email, new people
through the sync's rules). About two thirds of the registrants come from the
generated history (so the table plan has earlier encounters to avoid), the
rest are new; a few are on the waiting list or cancelled, and six are the
agencies' staff (hosts, spread one per table by the plan).
"""

import csv
import io
import random

from django.conf import settings
from django.utils import timezone

from editions.models import EditionPage
from evening.registrations import import_registrations
from people.models import Attendance, Person

from .outcomes import FIRST_NAMES, LAST_NAMES

REGISTRANTS = 140
ORGANISATIONS = [
    "Atelier Nord",
    "Studio Meuse",
    "Collectif Sablon",
    "Théâtre des Halles",
    "Kunsthuis Brussel",
    "La Cambre",
    "Maison du Design",
    "Label Ardenne",
    "Cinéma Galeries",
    "Bureau Flagey",
]


def load_demo_evening() -> int:
    """Register people for the next edition; 0 when it already has registrants (idempotent)."""
    edition = (
        EditionPage.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, start__gte=timezone.now()
        )
        .order_by("start")
        .first()
    )
    if edition is None or Attendance.objects.filter(edition=edition).exists():
        return 0
    rng = random.Random(14)
    known = list(
        Person.objects.filter(email__startswith="gen-", is_active=True)
        .order_by("email")
        .values_list("email", "first_name", "last_name")
    )
    chosen = rng.sample(known, min(len(known), REGISTRANTS * 2 // 3))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        ["Code de commande", "Prénom", "Nom", "Adresse e-mail", "Organisation", "Statut", "Rôle"]
    )
    for number in range(REGISTRANTS):
        if number < len(chosen):
            email, first, last = chosen[number]
        else:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email = f"reg-{number:04d}@demo.example"
        status = "inscrit"
        if number % 17 == 5:
            status = "liste d'attente"
        elif number % 23 == 7:
            status = "annulé"
        role = "équipe" if number >= REGISTRANTS - 6 else "participant"
        writer.writerow(
            [f"P{number:04d}", first, last, email, rng.choice(ORGANISATIONS), status, role]
        )
    report = import_registrations(edition, out.getvalue().encode(), "inscriptions.csv")
    return report.attendances_created
