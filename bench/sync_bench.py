"""Benchmark of the CRM sync engine against a loopback HTTP source.

    DJANGO_SETTINGS_MODULE=passerelles.settings.test \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passerelles_bench \
    .venv/bin/python bench/sync_bench.py [--contacts 100000] [--page-size 500]

What it does:

1. creates the database ``passerelles_bench`` if it is missing (its own
   database: it refuses any other name) and migrates it in a child process,
   so the migration graph does not count in this process's memory;
2. empties the directory and sync tables of that database (and the search
   entries and queued tasks a sync leaves there);
3. starts the loopback source: a child process serving generated Belgian
   contacts as JSON over HTTP on 127.0.0.1, page by page, with keyset
   pagination by (modified, id). Row i is computed on demand from a seeded
   random generator, so neither side ever holds the whole population;
4. syncs it with ``crm_sync.engine.sync_connection`` through a small
   ``Connector`` that reads the source with ``crm_sync.http.RetryingClient``
   (so the numbers include HTTP and JSON decoding), three times:

   - ``full``: the first sync of an empty directory (every record is new);
   - ``incremental``: nothing changed at the source; the engine reads from
     its cursor minus the lookback window (15 min), which re-reads the
     records modified in the source's last minutes (``--recent``);
   - ``full re-read``: nothing changed, but a full run re-reads and
     reconciles every record (the worst case of a no-change run);

5. prints a table: wall time, contacts/s, queries, time in the database and
   in the source, peak RSS of this process for each phase (and the Python
   heap peak with ``--tracemalloc``, which slows everything down), checks
   the directory against what the source must produce, and says which
   targets are met.

``--breakdown`` times the directory's steps (apply_contacts, _resolve,
recompute_people, propose_duplicates, bulk_update/bulk_create by model…) by
wrapping them in this process; ``--queries N`` lists the statements that
took the most database time; ``--profile FILE`` runs cProfile on the syncs.

Search indexing follows the directory through ``transaction.on_commit``
tasks of the ``search`` task backend. The test settings run them
immediately, inside the sync; production queues them in the database
(``SEARCH_TASK_BACKEND=django_tasks_db.DatabaseBackend`` reproduces that).

The source's modification times: 30 % of the records come from an initial
import (30 batches sharing one timestamp each, so ties cross page
boundaries), most of the rest spread over three years, and the last
``--recent`` fraction (1 %) were edited in the ten minutes before the
source's clock. 2 % of the records share an email with an earlier one
(identity resolution), 1 % repeat an earlier person's name and phone under
another email (possible duplicates), 0.5 % are archived and 0.1 % invalid.
"""

import argparse
import bisect
import cProfile
import datetime as dt
import http.server
import json
import os
import pstats
import random
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import common

BENCH_DATABASE = "passerelles_bench"
# The other benchmark's database ends with "_bench" too: never touched either.
PROTECTED = common.PROTECTED | {"passerelles_search_bench"}

AGENCY = "bench-loopback"
# The loopback source needs no secret; the connection only names a variable.
UNUSED_SECRET_ENV = "PASSERELLES_BENCH_NO_SECRET"  # noqa: S105 (a variable name)

TARGET_RATE = 2000  # contacts/s, full sync end to end
TARGET_INCREMENTAL = 5.0  # seconds, no-change incremental run
TARGET_RSS_MB = 400

# --------------------------------------------------------------------------
# The generated population (no Django here: the source process uses it too)
# --------------------------------------------------------------------------


_words = common.words


FR_FIRST = _words(
    "Marie Jean Pierre Sophie Luc Isabelle Michel Nathalie Philippe Catherine Benoît Hélène "
    "François Céline Frédéric Anne Stéphane Valérie Olivier Véronique Thierry Chloé Maxime "
    "Léa Théo Zoé Raphaël Amélie Jérôme Noémie Gaëlle Loïc Aurélie Cédric Mélanie Sébastien "
    "Élise Hugo Manon Emma Louis Camille Juliette Arnaud Delphine Grégoire Geneviève Joël "
    "Anaïs Clément Jean-Luc Marie-Claire Anne-Sophie Pierre-Yves Bérénice Damien Laurence "
    "Françoise Rémi Agnès Inès Mathéo Nicolas Sarah Julien Audrey"
)
NL_FIRST = _words(
    "Jan Els Pieter Griet Koen Katrien Bart An Wouter Sofie Tom Lieve Dirk Hilde Joris Lotte "
    "Stijn Inge Geert Marleen Jef Liesbeth Bram Nele Wim Ine Jens Femke Arne Lien Sander "
    "Eline Thijs Saar Maarten Hanne Kobe Fien Lars Jolien Rik Ilse Jasper Pieter-Jan "
    "Ann-Sophie Gert Veerle Hannelore Tuur Wannes Mieke Jozef Noë Rani Siebe Ellen Dries Tine "
    "Kristof Jonas Ruben"
)
FR_LAST = _words(
    "Dubois Lambert Dupont Martin Simon Laurent Leclercq Lejeune Renard Lefèbvre Dumont "
    "Gérard François Hubert Collard Michaux Lemaire Lecomte Denis Delvaux Fontaine Gilson "
    "Piron Jacquet Rousseau Mathieu Noël Bodart Henrard Thiry Gillet Dethier Masson Deprez "
    "Lhoir Marchal Pirard Goffin Collignon Herman Bastin Charlier Hautier Duchêne Lefèvre "
    "Brûlé Wéry Hénin Dessart Grégoire Lhoëst Mélon Rémy Frère Château Loïez Crèvecœur"
)
NL_LAST = _words(
    "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Vermeulen Desmet "
    "Hermans Pauwels Aerts Smets Verstraete Vandenberghe Coppens Declercq Lemmens Michiels "
    "Vermeersch Verhoeven Vanderlinden Baert Cools Verbeke Segers Bogaerts Claeys Maertens "
    "Geerts Vercammen Schepens Verschueren Wuyts Thys Stevens Martens Dewulf Vandamme "
    "Vlaeminck Ceulemans Sterckx Huybrechts Nuyts Van_Nuffel Vanhoutte Op_de_Beeck"
)
# Particles with roots: "Van den Broeck", "De Smet", "d'Ursel", "de Lannoy".
NL_PARTICLES = ["Van den", "Van der", "Van de", "Van", "De", "Vanden", "Vander", "D'", "Ver"]
NL_ROOTS = _words(
    "Broeck Bossche Berghe Velde Linden Heuvel Eynde Putte Wijngaert Abeele Meersch Steen "
    "Bulcke Smet Vos Backer Wilde Meyer Coninck Ridder Hondt Damme Dyck Acker Hecke Looy"
)
FR_PARTICLES = ["de", "d'", "du", "de la", "della"]
FR_ROOTS = _words("Lannoy Ursel Villers Bois Hemptinne Merode Ligne Marchie Selys Croÿ Fosse")
FR_CITIES, NL_CITIES, OTHER_CITIES = common.FR_CITIES, common.NL_CITIES, common.OTHER_CITIES
COUNTRIES = {
    "fr": ["Belgique"] * 8 + ["BE", "Belgium", "France", "Luxembourg"],
    "nl": ["België"] * 8 + ["BE", "Belgium", "Nederland"],
}
JOBS = {
    "fr": [
        "Directrice artistique",
        "Chargé de production",
        "Programmateur",
        "Régisseur général",
        "Chargée de diffusion",
        "Graphiste",
        "Photographe",
        "Musicienne",
        "Comédien",
        "Architecte",
        "Administratrice",
        "Chorégraphe",
        "Styliste",
        "Réalisatrice",
        "Attachée de presse",
        "Professeur",
    ],
    "nl": [
        "Artistiek directeur",
        "Zakelijk leider",
        "Productieleider",
        "Programmator",
        "Dramaturg",
        "Curator",
        "Grafisch ontwerper",
        "Fotograaf",
        "Muzikant",
        "Architect",
        "Choreograaf",
        "Modeontwerper",
        "Regisseur",
        "Persverantwoordelijke",
        "Docent",
        "Communicatiemedewerker",
    ],
    "en": ["Booker", "Manager", "Communication officer", "Producer", "Designer", "Sound engineer"],
}
ORG_WORDS = _words(
    "Lumière Boréal Nova Zinneke Kwadraat Hangar Rivage Écluse Saffraan Brol Kaai "
    "Clair-Obscur Velours Papillon Spiegel Horizon Mosaïque Tambour Vélo Noord Zuid Kompas "
    "Marolles Meander Ardoise Houblon Étincelle Schelde Meuse Sambre Vonk Atoll"
)
ORG_TEMPLATES = [
    "Théâtre {w}",
    "Compagnie {s}",
    "Les Ateliers {s}",
    "Éditions {w}",
    "Studio {w}",
    "Collectif {w}",
    "ASBL {w}",
    "Productions {w} SRL",
    "Galerie {s}",
    "Centre culturel de {c}",
    "Maison de la Culture de {c}",
    "Kunstencentrum {w}",
    "Muziekcentrum {c}",
    "{w} vzw",
    "Atelier {s}",
    "Architectenbureau {s} & {s2}",
    "{s} Productions BV",
    "Cultuurcentrum {c}",
    "{w} Records",
    "{w} Films",
    "{w} Design Lab",
]
FREE_MAIL = _words(
    "gmail.com skynet.be telenet.be proximus.be hotmail.com outlook.com yahoo.fr scarlet.be "
    "icloud.com live.be"
)


_table, _pick, _fold = common.zipf_table, common.pick, common.ascii_letters


T_FR_FIRST, T_NL_FIRST = _table(FR_FIRST), _table(NL_FIRST)
T_FR_LAST, T_NL_LAST = _table(FR_LAST), _table(NL_LAST)
T_FR_CITY, T_NL_CITY = _table(FR_CITIES, 3), _table(NL_CITIES, 3)


class Population:
    """`size` contacts; row i is a pure function of (seed, i, anchor), computed on demand.

    Rows are ordered by (modified, id) and that order is the index order, so
    a keyset position is found by bisection without materializing rows.
    """

    PLAIN, INVALID, ARCHIVED, SHARED, DUPLICATE = "plain", "invalid", "archived", "shared", "dup"

    def __init__(self, size: int, seed: int, anchor: dt.datetime, recent: float = 0.01) -> None:
        self.size = size
        self.seed = seed
        self.anchor = anchor
        self.width = max(7, len(str(size)))
        self.start = anchor - dt.timedelta(days=3 * 365)
        self.import_end = int(size * 0.30)
        self.recent_start = size - max(1, int(size * recent))
        self.organisations = max(50, size // 40)
        self._org_table = _table(range(self.organisations), 20)

    # Order --------------------------------------------------------------
    def source_id(self, i: int) -> str:
        return f"C{i:0{self.width}d}"

    def modified(self, i: int) -> dt.datetime:
        """Non-decreasing in i: import batches (ties), three years of edits, a recent burst."""
        if i < self.import_end:
            return self.start + dt.timedelta(hours=i * 30 // self.import_end)
        if i < self.recent_start:
            u = (i - self.import_end) / max(1, self.recent_start - self.import_end)
            begin = self.start + dt.timedelta(days=2)
            span = (self.anchor - dt.timedelta(hours=1) - begin).total_seconds()
            return begin + dt.timedelta(seconds=int(span * u**0.8))
        u = (i - self.recent_start) / max(1, self.size - self.recent_start)
        return self.anchor - dt.timedelta(minutes=10) + dt.timedelta(milliseconds=int(600_000 * u))

    def key(self, i: int) -> tuple[dt.datetime, str]:
        return self.modified(i), self.source_id(i)

    def first_after(self, after: dt.datetime, after_id: str) -> int:
        """Index of the first row strictly after (after, after_id)."""
        return bisect.bisect_right(range(self.size), (after, after_id), key=self.key)

    def end_until(self, until: dt.datetime) -> int:
        """Index one past the last row modified at or before `until`."""
        return bisect.bisect_right(range(self.size), until, key=self.modified)

    # Rows ---------------------------------------------------------------
    def category(self, i: int) -> str:
        if i < 10:
            return self.PLAIN
        roll = random.Random(self.seed * 1_000_003 + i * 7 + 1).random()
        if roll < 0.001:
            return self.INVALID
        if roll < 0.006:
            return self.ARCHIVED
        if roll < 0.026:
            return self.SHARED
        if roll < 0.036:
            return self.DUPLICATE
        return self.PLAIN

    def _earlier_plain(self, rng: random.Random, i: int) -> int:
        # Half the time a near neighbour (same or previous page), else anywhere before.
        j = i - rng.randint(1, 300) if rng.random() < 0.5 else rng.randrange(i)
        j = max(j, 0)
        while self.category(j) != self.PLAIN:
            j -= 1
        return j

    def organisation(self, k: int) -> str:
        rng = random.Random(self.seed * 104_729 + k * 3 + 2)
        template = rng.choice(ORG_TEMPLATES)
        surname = _pick(rng, T_FR_LAST if rng.random() < 0.5 else T_NL_LAST)
        return template.format(
            w=rng.choice(ORG_WORDS),
            s=surname,
            s2=_pick(rng, T_NL_LAST),
            c=rng.choice(FR_CITIES + NL_CITIES),
        )

    def person(self, k: int) -> dict:
        """The human behind row k (shared by the rows that repeat them)."""
        rng = random.Random(self.seed * 15_485_863 + k * 5 + 3)
        flemish = rng.random() < 0.45
        first = _pick(rng, T_NL_FIRST if flemish else T_FR_FIRST)
        family_flemish = flemish if rng.random() < 0.85 else not flemish
        if rng.random() < 0.12:
            if family_flemish:
                particle, root = rng.choice(NL_PARTICLES), rng.choice(NL_ROOTS)
            else:
                particle, root = rng.choice(FR_PARTICLES), rng.choice(FR_ROOTS)
            last = f"{particle}{root}" if particle.endswith("'") else f"{particle} {root}"
        else:
            last = _pick(rng, T_NL_LAST if family_flemish else T_FR_LAST)
        language = "nl" if flemish else "fr"
        roll = rng.random()
        if roll < 0.05:
            language = "en"
        elif roll < 0.06:
            language = "de"
        city_roll = rng.random()
        if city_roll < 0.03:
            city = rng.choice(OTHER_CITIES)
        else:
            city = _pick(rng, T_NL_CITY if flemish else T_FR_CITY)
        return {
            "first_name": first,
            "last_name": last,
            "language": language,
            "city": city,
            "country": rng.choice(COUNTRIES["nl" if flemish else "fr"]),
            "phone": self._phone(rng, flemish),
            "organisation": self.organisation(_pick(rng, self._org_table)),
            "job_title": rng.choice(JOBS.get(language, JOBS["en"])),
            "pattern": rng.randrange(4),
            "domain": rng.choice(FREE_MAIL),
        }

    @staticmethod
    def _phone(rng: random.Random, flemish: bool) -> str:
        kind = rng.random()
        if kind < 0.55:
            mobile = f"4{rng.randint(70, 99)}"
            a, b, c = (rng.randint(0, 99) for _ in range(3))
            style = rng.random()
            if style < 0.5:
                return f"0{mobile} {a:02d} {b:02d} {c:02d}"
            if style < 0.85:
                return f"+32 {mobile} {a:02d} {b:02d} {c:02d}"
            return f"0032{mobile}{a:02d}{b:02d}{c:02d}"
        zone = rng.choice(["9", "3", "16", "50"] if flemish else ["2", "4", "81", "71", "65"])
        rest = f"{rng.randint(0, 9_999_999):07d}"[: 8 - len(zone)]
        if rng.random() < 0.5:
            return f"0{zone}/{rest[:3]}.{rest[3:5]}.{rest[5:]}"
        return f"+32 {zone} {rest[:3]} {rest[3:5]} {rest[5:]}"

    def email(self, k: int, person: dict) -> str:
        """Row k's own address: unique thanks to the index suffix."""
        first, last = _fold(person["first_name"]), _fold(person["last_name"])
        local = [f"{first}.{last}", f"{first[0]}{last}", f"{last}.{first}", f"{first}{last}"][
            person["pattern"]
        ]
        return f"{local}{k}@{person['domain']}"

    def row(self, i: int) -> dict:
        """The JSON a CRM would send for row i."""
        rng = random.Random(self.seed * 32_452_843 + i * 11 + 4)
        category = self.category(i)
        row = {"id": self.source_id(i), "modified": self.modified(i).isoformat(), "active": True}
        if category in (self.SHARED, self.DUPLICATE):
            j = self._earlier_plain(rng, i)
            person = self.person(j)
            if category == self.SHARED:
                # The same human entered twice: same address (maybe cased differently).
                email = self.email(j, person)
                emails = [email.upper() if rng.random() < 0.2 else email]
                phones = [self._phone(rng, person["language"] == "nl")]
            else:
                # Same name and phone, another address: a possible duplicate.
                emails = [self.email(i, person)]
                phones = [person["phone"]]
            organisation = person["organisation"] if rng.random() < 0.5 else ""
        else:
            person = self.person(i)
            emails = [self.email(i, person)]
            phones = [person["phone"]] if rng.random() < 0.85 else []
            organisation = person["organisation"]
            if rng.random() < 0.10:
                slug = _fold(organisation)[:20] or "org"
                emails.append(f"{_fold(person['first_name'])}.{i}@{slug}.be")
            if rng.random() < 0.10:
                phones.append(self._phone(rng, person["language"] == "nl"))
            messy = rng.random()
            if messy < 0.03:
                emails[0] = f"  {emails[0].title()} "
            elif messy < 0.035:
                emails.append(f"{_fold(person['last_name'])}@")  # invalid: a warning
        row.update(
            first_name=person["first_name"],
            last_name=person["last_name"],
            emails=emails,
            phones=phones,
            organisation=organisation,
            job_title=person["job_title"] if rng.random() < 0.7 else "",
            city=person["city"],
            country=person["country"],
            language=person["language"],
        )
        if category == self.INVALID:
            row.update(first_name="", last_name="", emails=["n/a"])
        elif category == self.ARCHIVED:
            row["active"] = False
        return row

    def stats(self) -> dict:
        """What a correct sync of the whole population must produce."""
        counts = dict.fromkeys((self.PLAIN, self.INVALID, self.ARCHIVED), 0)
        counts.update({self.SHARED: 0, self.DUPLICATE: 0})
        for i in range(self.size):
            counts[self.category(i)] += 1
        stored = self.size - counts[self.INVALID] - counts[self.ARCHIVED]
        return {
            **counts,
            "records": stored,
            "people": stored - counts[self.SHARED],
            "recent": self.size - self.recent_start,
        }


# --------------------------------------------------------------------------
# The loopback source: an HTTP server in a child process
# --------------------------------------------------------------------------


def serve(args) -> None:
    """Serve the population on 127.0.0.1 (port printed on stdout) until killed."""
    anchor = dt.datetime.fromisoformat(args.anchor)
    population = Population(args.contacts, args.seed, anchor, args.recent)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the client reuses one connection

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/contacts":
                body = self._contacts(query)
            elif url.path == "/stats":
                body = population.stats()
            else:
                self.send_error(404)
                return
            payload = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _contacts(self, query: dict) -> dict:
            after = dt.datetime.fromisoformat(query["after"])
            until = dt.datetime.fromisoformat(query["until"])
            limit = min(int(query.get("limit", 500)), 2000)
            start = population.first_after(after, query.get("after_id", ""))
            end = min(population.end_until(until), start + limit)
            rows = [population.row(i) for i in range(start, end)]
            more = end < population.end_until(until)
            return {
                "results": rows,
                "next": {"after": rows[-1]["modified"], "after_id": rows[-1]["id"]}
                if rows and more
                else None,
            }

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


class LoopbackSource:
    """Starts the source process and stops it (only the process it started)."""

    def __init__(self, args, anchor: dt.datetime) -> None:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--serve",
            "--contacts",
            str(args.contacts),
            "--seed",
            str(args.seed),
            "--recent",
            str(args.recent),
            "--anchor",
            anchor.isoformat(),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        port = self.process.stdout.readline().strip()
        if not port:
            self.process.kill()
            raise SystemExit("the loopback source did not start")
        self.url = f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --------------------------------------------------------------------------
# Django side
# --------------------------------------------------------------------------


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def reset() -> None:
    """Empty what the benchmark fills, in its own database only."""
    from django.db import connection

    from crm_sync.models import Connection, RecordError, SyncRun
    from people.models import Organisation, Person, PersonEmail, PossibleDuplicate, SourceRecord

    assert connection.settings_dict["NAME"].endswith("_bench")
    models = [
        RecordError,
        SyncRun,
        Connection,
        PossibleDuplicate,
        PersonEmail,
        SourceRecord,
        Person,
        Organisation,
    ]
    # What a sync leaves behind in other apps when they are installed: the
    # search entries of the people, and the queued background tasks.
    models += bench_side_models()
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        # CASCADE also empties the (unused here) tables pointing at people.
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def bench_side_models() -> list:
    from django.apps import apps

    models = []
    for config in apps.get_app_configs():
        if config.name in ("search", "django_tasks_db"):
            models += list(config.get_models())
    return models


def search_task_backend() -> str:
    from django.conf import settings

    return settings.TASKS.get("search", {}).get("BACKEND", "none").rsplit(".", 1)[-1]


def analyze() -> None:
    """What autovacuum does between two scheduled runs (outside the timings)."""
    from django.db import connection

    from people.models import Person, PersonEmail, SourceRecord

    with connection.cursor() as cursor:
        for model in (SourceRecord, Person, PersonEmail):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def loopback_connector_class():
    """The connector class (defined once Django is set up: people.contact needs the models)."""
    from crm_sync.connectors.base import Connector, Page, Window
    from crm_sync.http import RetryingClient
    from people.contact import Contact

    class LoopbackConnector(Connector):
        """Reads the loopback source page by page, by (modified, id)."""

        kind = "loopback"

        def __init__(self, base_url: str, page_size: int) -> None:
            super().__init__(connection=None, secret="")
            self.url = f"{base_url}/contacts"
            self.page_size = page_size
            self.client = RetryingClient(attempts=3, backoff=0.2, timeout=60)
            self.seconds = 0.0  # in HTTP, JSON decoding and Contact building

        def pages(self, window: Window, checkpoint: dict | None):
            if checkpoint:
                after, after_id = checkpoint["after"], checkpoint["after_id"]
            else:
                after, after_id = window.after.isoformat(), window.after_id
            while True:
                started = time.perf_counter()
                body = self.client.request_json(
                    "GET",
                    self.url,
                    params={
                        "after": after,
                        "after_id": after_id,
                        "until": window.until.isoformat(),
                        "limit": self.page_size,
                    },
                )
                contacts = [
                    Contact(
                        source_id=row["id"],
                        modified_at=dt.datetime.fromisoformat(row["modified"]),
                        first_name=row["first_name"],
                        last_name=row["last_name"],
                        emails=row["emails"],
                        phones=row["phones"],
                        organisation=row["organisation"],
                        job_title=row["job_title"],
                        city=row["city"],
                        country=row["country"],
                        language=row["language"],
                        active=row["active"],
                    )
                    for row in body["results"]
                ]
                self.seconds += time.perf_counter() - started
                if not contacts:
                    return
                last = body["results"][-1]
                after, after_id = last["modified"], last["id"]
                yield Page(contacts=contacts, checkpoint={"after": after, "after_id": after_id})
                if body["next"] is None:
                    return

        def close(self) -> None:
            self.client.session.close()

    return LoopbackConnector


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------


class QueryCounter:
    """Counts the queries and the time spent waiting for them (execute wrapper).

    With `by_shape`, also sums them by statement shape (the SQL with its
    placeholder lists collapsed), for ``--queries``.
    """

    PLACEHOLDERS = re.compile(r"%s(?:, %s)+|\(%s(?:, %s)*\)(?:, \(%s(?:, %s)*\))+")

    def __init__(self, by_shape: bool = False) -> None:
        self.count = 0
        self.seconds = 0.0
        self.by_shape = by_shape
        self.shapes: dict[str, list] = {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.count += 1
            self.seconds += elapsed
            if self.by_shape:
                shape = self.PLACEHOLDERS.sub("…", sql[:2000])[:160]
                entry = self.shapes.setdefault(shape, [0, 0.0])
                entry[0] += 1
                entry[1] += elapsed

    def top(self, n: int) -> list[tuple[str, int, float]]:
        rows = sorted(self.shapes.items(), key=lambda item: -item[1][1])[:n]
        return [(shape, count, seconds) for shape, (count, seconds) in rows]


class Breakdown:
    """Inclusive wall time of the directory's steps, by wrapping them (``--breakdown``).

    Only module attributes and QuerySet methods are replaced, in this process;
    the product code is untouched. The overhead is about a microsecond a call.
    """

    FUNCTIONS = [
        ("crm_sync.engine", "apply_contacts"),
        ("people.sources", "_resolve"),
        ("people.sources", "recompute_people"),
        ("people.sources", "_recompute"),
        ("people.sources", "_sync_emails"),
        ("people.sources", "_organisations"),
        ("people.sources", "propose_duplicates"),
        ("people.sources", "erased_keys"),
        ("people.sources", "tombstone_unconfirmed"),
    ]

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}

    def install(self) -> None:
        import importlib

        from django.db.models.query import QuerySet

        from people.contact import Contact

        for module_name, name in self.FUNCTIONS:
            module = importlib.import_module(module_name)
            setattr(module, name, self._wrap(getattr(module, name), lambda *a, n=name, **k: n))
        Contact.cleaned = self._wrap(Contact.cleaned, lambda *a, **k: "Contact.cleaned")
        bulk = importlib.import_module("people.bulk")
        for name in ("insert", "update"):
            label = (lambda n: lambda model, *a, **k: f"{model.__name__}.{n} (people.bulk)")(name)
            setattr(bulk, name, self._wrap(getattr(bulk, name), label))
        for method in ("bulk_update", "bulk_create", "create", "update"):
            original = getattr(QuerySet, method)
            label = (lambda m: lambda qs, *a, **k: f"{qs.model.__name__}.{m}")(method)
            setattr(QuerySet, method, self._wrap(original, label))

    def _wrap(self, function, label):
        def timed(*args, **kwargs):
            name = label(*args, **kwargs)
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
                self.calls[name] = self.calls.get(name, 0) + 1

        return timed

    def take(self) -> list[tuple[str, int, float]]:
        rows = sorted(
            ((name, self.calls[name], s) for name, s in self.seconds.items()),
            key=lambda row: -row[2],
        )
        self.seconds.clear()
        self.calls.clear()
        return rows


rss_peak_mb, reset_rss_peak = common.rss_peak_mb, common.reset_rss_peak


def rss_now_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_phase(name, connection, connector, *, full, args, profiler=None, breakdown=None) -> dict:
    from django.db import connection as db

    from crm_sync.engine import sync_connection

    counter = QueryCounter(by_shape=bool(args.queries))
    resettable = reset_rss_peak()
    if args.tracemalloc:
        tracemalloc.reset_peak()
    # CPU seconds of this process and of its PostgreSQL backend: less sensitive
    # to the machine's load than wall time (the source's process is not counted).
    cpu, db_cpu = time.process_time(), common.backend_cpu_seconds()
    started = time.perf_counter()
    with db.execute_wrapper(counter):
        if profiler:
            profiler.enable()
        run = sync_connection(connection, full=full, connector=connector)
        if profiler:
            profiler.disable()
    wall = time.perf_counter() - started
    cpu, db_cpu = time.process_time() - cpu, common.backend_cpu_seconds() - db_cpu
    steps = breakdown.take() if breakdown else []
    if run.status != run.Status.SUCCEEDED:
        raise SystemExit(f"{name}: the run ended {run.status}: {run.error}")
    return {
        "phase": name,
        "wall": wall,
        "fetched": run.fetched,
        "rate": run.fetched / wall if wall else 0.0,
        # Engine side: the wall time minus the time spent reading the source.
        "engine_rate": run.fetched / (wall - connector.seconds) if wall > connector.seconds else 0,
        "cpu": cpu,
        "db_cpu": db_cpu,
        "counts": run.counts(),
        "queries": counter.count,
        "db": counter.seconds,
        "source": connector.seconds,
        "rss": rss_peak_mb() if resettable else None,
        "heap": tracemalloc.get_traced_memory()[1] / 2**20 if args.tracemalloc else None,
        "steps": steps,
        "shapes": counter.top(args.queries) if args.queries else [],
    }


def directory_state() -> dict:
    from people.models import Organisation, Person, PersonEmail, PossibleDuplicate, SourceRecord

    return {
        "records": SourceRecord.objects.filter(agency=AGENCY, tombstoned_at__isnull=True).count(),
        "people": Person.objects.filter(is_active=True).count(),
        "emails": PersonEmail.objects.count(),
        "organisations": Organisation.objects.count(),
        "possible duplicates": PossibleDuplicate.objects.count(),
        **side_state(),
    }


def side_state() -> dict:
    """Search entries and queued tasks the runs left, when those apps are installed."""
    state = {}
    for model in bench_side_models():
        if model.__name__ in ("SearchEntry", "DBTaskResult"):
            label = "search entries" if model.__name__ == "SearchEntry" else "queued tasks"
            state[label] = model.objects.count()
    return state


def print_table(results: list[dict], args) -> None:
    header = (
        f"{'phase':<24}{'fetched':>9}{'wall s':>9}{'contacts/s':>12}"
        f"{'engine/s':>10}{'queries':>9}{'db s':>8}{'source s':>10}{'CPU s':>7}{'PG CPU s':>9}"
        f"{'peak RSS MB':>13}"
    )
    if args.tracemalloc:
        header += f"{'py heap MB':>12}"
    print(header)
    print("-" * len(header))
    for r in results:
        rss = f"{r['rss']:.0f}" if r["rss"] is not None else "n/a"
        line = (
            f"{r['phase']:<24}{r['fetched']:>9}{r['wall']:>9.2f}{r['rate']:>12.0f}"
            f"{r['engine_rate']:>10.0f}{r['queries']:>9}{r['db']:>8.2f}{r['source']:>10.2f}"
            f"{r['cpu']:>7.1f}{r['db_cpu']:>9.1f}{rss:>13}"
        )
        if args.tracemalloc:
            line += f"{r['heap']:>12.1f}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="population size")
    parser.add_argument("--page-size", type=int, default=500, help="contacts per page")
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the population")
    parser.add_argument(
        "--recent", type=float, default=0.01, help="fraction edited in the source's last minutes"
    )
    parser.add_argument(
        "--no-full-reread", action="store_true", help="skip the no-change full re-read"
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also trace the Python heap peak (slow)"
    )
    parser.add_argument(
        "--profile", metavar="FILE", help="cProfile the sync phases into FILE (pstats)"
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="time the directory's steps (inclusive)"
    )
    parser.add_argument(
        "--queries",
        type=int,
        default=0,
        metavar="N",
        help="print the N statement shapes that took the most database time",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="drop and recreate the benchmark's database first (no table statistics)",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--migrate-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--anchor", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve:
        serve(args)
        return
    settings = common.bench_settings(BENCH_DATABASE, "_bench", PROTECTED)
    if args.migrate_only:
        common.setup_django(BENCH_DATABASE)
        migrate()
        return

    common.ensure_database(settings, fresh=args.fresh)
    # Migrate in a child process: the migration graph is not what we measure.
    subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--migrate-only"],
        check=True,
        env=os.environ,
    )
    common.setup_django(BENCH_DATABASE)
    from django.utils import timezone

    from crm_sync.models import Connection

    reset()
    rss_setup = rss_peak_mb()
    anchor = timezone.now().replace(microsecond=0) - dt.timedelta(minutes=1)
    source = LoopbackSource(args, anchor)
    connector_class = loopback_connector_class()
    profiler = cProfile.Profile() if args.profile else None
    breakdown = Breakdown() if args.breakdown else None
    if breakdown:
        breakdown.install()
    if args.tracemalloc:
        tracemalloc.start()
    print(
        f"{args.contacts} contacts, pages of {args.page_size}, seed {args.seed}, "
        f"source {source.url}, database {settings['NAME']}, "
        f"search tasks: {search_task_backend()}, load average {os.getloadavg()[0]:.1f}"
    )
    results = []
    try:
        connection = Connection.objects.create(
            agency=AGENCY, kind="loopback", url=source.url, secret_env=UNUSED_SECRET_ENV
        )
        phases = [("full (first sync)", True), ("incremental, no change", False)]
        if not args.no_full_reread:
            phases.append(("full re-read, no change", True))
        for n, (label, full) in enumerate(phases):
            if n:
                connection.refresh_from_db()
            connector = connector_class(source.url, args.page_size)
            results.append(
                run_phase(
                    label,
                    connection,
                    connector,
                    full=full,
                    args=args,
                    profiler=profiler,
                    breakdown=breakdown,
                )
            )
            if n == 0:
                analyze()  # what autovacuum does after the first bulk load
        expected = source_stats(source.url)
    finally:
        source.stop()

    print()
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print_table(results, args)
    print()
    for r in results:
        counts = ", ".join(f"{k} {v}" for k, v in r["counts"].items() if v)
        print(f"{r['phase']}: {counts}")
    for r in results:
        if r["steps"]:
            print(f"\n{r['phase']}: time by step (inclusive; nested steps overlap)")
            for step, calls, seconds in r["steps"]:
                share = 100 * seconds / r["wall"]
                print(f"  {step:<32}{calls:>8} calls{seconds:>9.2f} s{share:>6.0f} %")
        if r["shapes"]:
            print(f"\n{r['phase']}: statements taking the most database time")
            for shape, calls, seconds in r["shapes"]:
                print(f"  {seconds:>8.2f} s {calls:>7} × {shape}")
    state = directory_state()
    print("directory after the runs:", ", ".join(f"{k} {v}" for k, v in state.items()))
    print(
        "expected from the source:",
        ", ".join(
            f"{k} {expected[k]}"
            for k in ("records", "people", "shared", "dup", "recent", "invalid")
        ),
    )
    problems = []
    if state["records"] != expected["records"]:
        problems.append(f"{state['records']} live records, expected {expected['records']}")
    if state["people"] != expected["people"]:
        problems.append(f"{state['people']} people, expected {expected['people']}")
    for r in results[1:]:
        if r["counts"]["created"] or r["counts"]["updated"] or r["counts"]["deleted"]:
            problems.append(f"{r['phase']} changed something: {r['counts']}")
    print("checks:", "; ".join(problems) if problems else "all good")

    peak = max([rss_setup] + [r["rss"] for r in results if r["rss"] is not None])
    print()
    print(f"RSS after setup {rss_setup:.0f} MB, now {rss_now_mb():.0f} MB; ", end="")
    print(
        f"peak over the run {peak:.0f} MB (ru_maxrss "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, since the last reset)"
    )
    full_rate = results[0]["rate"]
    incremental = results[1]["wall"]
    verdict = [
        ("full sync ≥ 2,000 contacts/s", full_rate >= TARGET_RATE, f"{full_rate:.0f}/s"),
        (
            "no-change incremental < 5 s",
            incremental < TARGET_INCREMENTAL,
            f"{incremental:.2f} s for {results[1]['fetched']} re-read",
        ),
        ("peak RSS < 400 MB", peak < TARGET_RSS_MB, f"{peak:.0f} MB"),
    ]
    if len(results) > 2:
        reread = results[2]["wall"]
        verdict.append(
            (
                "(extra) no-change full re-read < 5 s",
                reread < TARGET_INCREMENTAL,
                f"{reread:.2f} s",
            )
        )
    for label, ok, value in verdict:
        print(f"  {'MET   ' if ok else 'MISSED'} {label}: {value}")
    if profiler:
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(args.profile)
        stats.sort_stats("tottime").print_stats(25)
        print(f"profile written to {args.profile}")


def source_stats(url: str) -> dict:
    import requests

    return requests.get(f"{url}/stats", timeout=600).json()


if __name__ == "__main__":
    main()
