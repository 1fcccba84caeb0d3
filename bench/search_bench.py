"""Benchmark of the people and project search: rebuild time and query latency.

    DJANGO_SETTINGS_MODULE=passerelles.settings.test \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/passerelles_search_bench \
    .venv/bin/python bench/search_bench.py [--people 100000] [--projects 20000] [--queries 200]

What it does:

1. creates the database ``passerelles_search_bench`` if it is missing (its
   own database: it refuses any other name), migrates it, makes sure the fr
   Locale and the seven sectors exist, and loads the demo network once
   (agencies and editions, which projects and attendances point at);
2. empties the directory and search tables of that database, then generates
   a seeded directory with bulk inserts: people with French and Flemish
   names (particles "Van den", "De", "D'", "de la", accents, compound first
   names), organisations, sectors, source records of the six agencies,
   attendances at editions, and projects with participants, sectors and
   agencies;
3. times ``search.indexing.rebuild_entries`` (the Python-side preparation of
   every entry) from empty, then again with the entries present (what
   ``search_index rebuild`` does in production), and one ``refresh`` of 500
   people (a sync page);
4. runs a fixed query mix on the database backend (PostgreSQL): each query is
   timed as a raw ``backends.database.search`` call, then through
   ``service.search`` with the backend call timed inside it, so the service's
   own overhead (highlights, facet labels, URLs) is measured on the same call;
5. starts osmem-server (an in-memory OpenSearch-compatible *test* engine,
   not Elasticsearch) behind the test shim that rewrites the ES 8 client's
   media types, times ``search.elastic.rebuild_index``, then runs the same
   query mix through ``elastic.search`` and ``service.search``;
6. prints tables: wall time, queries and database time, peak RSS of this
   process for each phase; p50/p95/max latency per backend; the median of
   each query of the mix with its total.

``--reuse-data`` keeps the generated directory of a previous run with the
same sizes (to iterate on the query part); ``--profile`` prints where the
first rebuild spends its time; ``--json FILE`` writes every number.
"""

import argparse
import contextlib
import cProfile
import csv
import datetime as dt
import hashlib
import itertools
import json
import logging
import math
import os
import platform
import pstats
import random
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path

import common

BENCH_DATABASE = "passerelles_search_bench"
# The other benchmark's database ends with "_bench" too: never touched either.
PROTECTED = common.PROTECTED | {"passerelles_bench"}

TARGET_P95_MS = 150.0  # database backend on PostgreSQL
TARGET_OVERHEAD_MS = 5.0  # service.search() minus the backend call
BATCH = 5000  # rows per bulk_create
ANCHOR = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)

SECTORS = [
    ("design", "Design"),
    ("fashion", "Mode"),
    ("music", "Musique"),
    ("film-audiovisual", "Cinéma et audiovisuel"),
    ("theatre-dance", "Théâtre et danse"),
    ("architecture", "Architecture"),
    ("higher-education", "Enseignement supérieur"),
]
# Agency → the sector its people mostly work in, and the weight of the agency.
AGENCIES = {
    "wbmusiques": ("music", 24),
    "wbimages": ("film-audiovisual", 18),
    "wbtheatredanse": ("theatre-dance", 20),
    "wbarchitectures": ("architecture", 12),
    "wbcampus": ("higher-education", 10),
    "wbdm": ("design", 16),
}

# --------------------------------------------------------------------------
# The generated directory (pure functions of a seeded generator)
# --------------------------------------------------------------------------


_words = common.words


FR_FIRST = _words(
    "Marie Jean Pierre Sophie Luc Isabelle Michel Nathalie Philippe Catherine Benoît Hélène "
    "François Céline Frédéric Anne Stéphane Valérie Olivier Véronique Thierry Chloé Maxime "
    "Léa Théo Zoé Raphaël Amélie Jérôme Noémie Gaëlle Loïc Aurélie Cédric Mélanie Sébastien "
    "Élise Hugo Manon Emma Louis Camille Juliette Arnaud Delphine Grégoire Geneviève Joël "
    "Anaïs Clément Jean-Luc Marie-Claire Anne-Sophie Pierre-Yves Bérénice Damien Laurence "
    "Françoise Rémi Agnès Inès Mathéo Nicolas Sarah Julien Audrey Hélèna Régine Océane"
)
NL_FIRST = _words(
    "Jan Els Pieter Griet Koen Katrien Bart An Wouter Sofie Tom Lieve Dirk Hilde Joris Lotte "
    "Stijn Inge Geert Marleen Jef Liesbeth Bram Nele Wim Ine Jens Femke Arne Lien Sander "
    "Eline Thijs Saar Maarten Hanne Kobe Fien Lars Jolien Rik Ilse Jasper Pieter-Jan "
    "Ann-Sophie Gert Veerle Hannelore Tuur Wannes Mieke Jozef Noë Rani Siebe Ellen Dries Tine "
    "Kristof Jonas Ruben Sarah Helena Chloë Zoë Daniël Joëlle"
)
FR_LAST = _words(
    "Dubois Lambert Dupont Martin Simon Laurent Leclercq Lejeune Renard Lefebvre Dumont "
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
    "Vlaeminck Ceulemans Sterckx Huybrechts Nuyts Van_Nuffel Vanhoutte Op_de_Beeck Daniëls"
)
NL_PARTICLES = ["Van den", "Van der", "Van de", "Van", "De", "Vanden", "Vander", "Van Den"]
NL_ROOTS = _words(
    "Broeck Bossche Berghe Velde Linden Heuvel Eynde Putte Wijngaert Abeele Meersch Steen "
    "Bulcke Smet Vos Backer Wilde Meyer Coninck Ridder Damme Dyck Acker Hecke Looy Bruyne"
)
D_ROOTS = _words("Hondt Haese Hooghe Hulster Haene Hoore Haeyer")
FR_PARTICLES = ["de", "du", "de la", "Le", "della"]
FR_ROOTS = _words("Lannoy Villers Bois Hemptinne Merode Ligne Marchie Selys Croÿ Fosse Jeune")
ELIDED_ROOTS = _words("Ursel Oultremont Alcantara Udekem Aspremont Hoop")
FR_CITIES, NL_CITIES, OTHER_CITIES = common.FR_CITIES, common.NL_CITIES, common.OTHER_CITIES
COUNTRIES = {
    "fr": ["Belgique"] * 10 + ["France", "Luxembourg"],
    "nl": ["België"] * 10 + ["Nederland"],
}
JOBS = {
    "fr": _words(
        "Directrice_artistique Chargé_de_production Programmateur Régisseur_général "
        "Chargée_de_diffusion Graphiste Photographe Musicienne Comédien Architecte "
        "Administratrice Chorégraphe Styliste Réalisatrice Attachée_de_presse Professeur "
        "Scénographe Ingénieur_du_son Créatrice_de_mode Metteuse_en_scène"
    ),
    "nl": _words(
        "Artistiek_directeur Zakelijk_leider Productieleider Programmator Dramaturg Curator "
        "Grafisch_ontwerper Fotograaf Muzikant Architect Choreograaf Modeontwerper Regisseur "
        "Persverantwoordelijke Docent Communicatiemedewerker Scenograaf Geluidstechnicus"
    ),
}
ORG_WORDS = _words(
    "Lumière Boréal Nova Zinneke Kwadraat Hangar Rivage Écluse Saffraan Brol Kaai "
    "Clair-Obscur Velours Papillon Spiegel Horizon Mosaïque Tambour Vélo Noord Zuid Kompas "
    "Marolles Meander Ardoise Houblon Étincelle Schelde Meuse Sambre Vonk Atoll Nord"
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
    "Atelier {w}",
    "Architectenbureau {s} & {s2}",
    "Bureau d'architecture {s}",
    "{s} Productions BV",
    "Cultuurcentrum {c}",
    "{w} Records",
    "{w} Films",
    "{w} Design Lab",
    "École supérieure des arts de {c}",
    "Toneelhuis {w}",
]
FREE_MAIL = _words(
    "gmail.com skynet.be telenet.be proximus.be hotmail.com outlook.com yahoo.fr scarlet.be"
)
THEMES_FR = _words(
    "Théâtre Architecture Musique Danse Design Mode Cinéma Photographie Scénographie Son "
    "Lumière Graphisme Édition Céramique Podcast Vidéo Marionnettes Cirque"
)
THEMES_NL = _words(
    "Theater Architectuur Muziek Dans Vormgeving Mode Film Fotografie Scenografie Klank "
    "Licht Grafiek Keramiek Podcast Video Circus"
)
PROJECT_TEMPLATES = {
    "fr": [
        "{t} et {t2} : une scénographie partagée",
        "{t} et {t2} : résidence croisée",
        "Podcast sur {tl}",
        "Résidence {w} à {c}",
        "Exposition {w} : {tl} et {t2l}",
        "Festival {w} {year}",
        "Atelier de {tl} à {c}",
        "Création {w} pour {tl} et {t2l}",
        "Tournée {w} en Wallonie",
        "Cartes blanches {tl}",
    ],
    "nl": [
        "{t} en {t2}: een gedeelde scenografie",
        "Residentie {w} in {c}",
        "Samenwerking {tl} en {t2l}",
        "Tournee {w} {year}",
        "Festival {w} {year}",
        "Workshop {tl} in {c}",
    ],
}
DESCRIPTIONS = {
    "fr": [
        "L'architecte et la metteuse en scène imaginent un décor modulable.",
        "Une création à quatre mains entre {a} et {b}.",
        "Un projet né lors d'une soirée Passerelles, entre {tl} et {t2l}.",
        "Les étudiants de {c} rencontrent des professionnels de la {tl}.",
        "Une série d'ateliers ouverts au public à {c}, avec une restitution en fin d'année.",
        "Coproduction avec une compagnie flamande ; première prévue à {c}.",
        "Diffusion internationale d'un spectacle jeune public.",
        "",
    ],
    "nl": [
        "Een samenwerking tussen {a} en {b} rond {tl}.",
        "Ontstaan tijdens een Passerelles-avond; première in {c}.",
        "Studenten uit {c} werken samen met professionele makers.",
        "Een reeks open ateliers met een toonmoment op het einde van het jaar.",
        "",
    ],
}
KINDS = [
    "commission",
    "internship",
    "casting",
    "replacement",
    "co_creation",
    "distribution",
    "touring",
    "advice",
    "",
]
STAGES = ["spark", "early", "ongoing", "realised"]


_table, _pick, _ascii = common.zipf_table, common.pick, common.ascii_letters


T_FR_FIRST, T_NL_FIRST = _table(FR_FIRST), _table(NL_FIRST)
T_FR_LAST, T_NL_LAST = _table(FR_LAST), _table(NL_LAST)
T_NL_ROOTS, T_FR_CITY, T_NL_CITY = _table(NL_ROOTS), _table(FR_CITIES, 3), _table(NL_CITIES, 3)
T_AGENCY = (list(AGENCIES), list(itertools.accumulate(w for _s, w in AGENCIES.values())))


def last_name(rng: random.Random, flemish: bool) -> str:
    r = rng.random()
    if flemish:
        if r < 0.20:
            return f"{rng.choice(NL_PARTICLES)} {_pick(rng, T_NL_ROOTS)}"
        if r < 0.24:
            return f"D'{rng.choice(D_ROOTS)}"
        return _pick(rng, T_NL_LAST)
    if r < 0.05:
        return f"{rng.choice(FR_PARTICLES)} {rng.choice(FR_ROOTS)}"
    if r < 0.07:
        return f"d'{rng.choice(ELIDED_ROOTS)}"
    return _pick(rng, T_FR_LAST)


def city(rng: random.Random, flemish: bool) -> str:
    if rng.random() < 0.04:
        return rng.choice(OTHER_CITIES)
    return _pick(rng, T_NL_CITY if flemish else T_FR_CITY)


def organisation_names(rng: random.Random, count: int) -> list[str]:
    """`count` organisation names, distinct once normalized (the model's unique key)."""
    from people.normalize import normalize_name

    names: dict[str, str] = {}
    attempts = 0
    while len(names) < count:
        attempts += 1
        flemish = rng.random() < 0.45
        name = rng.choice(ORG_TEMPLATES).format(
            w=rng.choice(ORG_WORDS),
            s=last_name(rng, flemish),
            s2=last_name(rng, not flemish),
            c=city(rng, flemish),
        )
        if attempts > count * 3:  # the combinations run out: a second word
            name = f"{name} {rng.choice(ORG_WORDS)} {attempts}"
        names.setdefault(normalize_name(name), name)
    return list(names.values())


def person_fields(rng: random.Random, i: int) -> dict:
    """Row i of the directory (the generator's state makes it deterministic)."""
    flemish = rng.random() < 0.45
    language = "nl" if flemish else "fr"
    first = _pick(rng, T_NL_FIRST if flemish else T_FR_FIRST)
    last = last_name(rng, flemish)
    if rng.random() < 0.03:  # a double family name
        last = f"{last}-{last_name(rng, not flemish)}"
    domain = rng.choice(FREE_MAIL) if rng.random() < 0.6 else f"{_ascii(last)[:12] or 'x'}.be"
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{_ascii(first)}.{_ascii(last)}.{i}@{domain}",
        "phone": f"+32 4{rng.randrange(70, 100)} {rng.randrange(10, 100)} "
        f"{rng.randrange(10, 100)} {rng.randrange(10, 100)}",
        "job_title": rng.choice(JOBS[language]) if rng.random() < 0.9 else "",
        "city": city(rng, flemish),
        "country": rng.choice(COUNTRIES[language]),
        "language": language,
    }


# --------------------------------------------------------------------------
# The relevance suite: hand-made staff, and what staff type to find them
# --------------------------------------------------------------------------

# Added to the generated directory (same for every run), from search_staff.csv: key,
# first name, last name, email, phone, organisation, job title, city, country. Names
# the generator never makes, so each query has a known right answer among 100,000
# people; and namesakes of generated people for the "same names" category.
# The last four are namesakes of generated people: their queries say which one.
STAFF_FILE = Path(__file__).parent / "search_staff.csv"
with STAFF_FILE.open(encoding="utf-8") as _file:
    STAFF = [tuple(row) for row in list(csv.reader(_file))[1:]]

# (category, what staff type, the key of the right person in STAFF)
RELEVANCE: list[tuple[str, str, str]] = [
    ("accents", "Ysaline Lefèvre", "ysaline"),
    ("accents", "ysaline lefevre", "ysaline"),
    ("accents", "gaetan brule", "gaetan"),
    ("accents", "Gaëtan Brûlé", "gaetan"),
    ("accents", "maelle wery", "maelle"),
    ("accents", "JEREMIE HENIN", "jeremie"),
    ("accents", "benedicte lhoest", "benedicte"),
    ("accents", "Inès Verhulst", "ines"),
    ("foldings", "ophelie crevecoeur", "ophelie"),
    ("foldings", "crèvecoeur ophélie", "ophelie"),
    ("foldings", "soren kjaergaard", "soren"),
    ("foldings", "Søren Kjærgaard", "soren"),
    ("foldings", "olafur sigurdsson", "olafur"),
    ("foldings", "lucja walesa", "lucja"),
    ("foldings", "aesa orsted", "aesa"),
    ("foldings", "thora gudmundsdottir", "thora"),
    ("elision", "lowie d'haenens", "lowie"),
    ("elision", "lowie dhaenens", "lowie"),
    ("elision", "Lowie D’Haenens", "lowie"),
    ("elision", "haenens", "lowie"),
    ("elision", "amelie d'arenberg", "amelie"),
    ("elision", "arenberg", "amelie"),
    ("elision", "siobhan o'brien", "siobhan"),
    ("elision", "siobhan obrien", "siobhan"),
    ("particles", "wendelien van den bossche", "wendelien"),
    ("particles", "wendelien vandenbossche", "wendelien"),
    ("particles", "quentin de smet", "quentin"),
    ("particles", "marthe vanderlinden", "marthe"),
    ("particles", "marthe van der linden", "marthe"),
    ("particles", "roel vandevelde", "roel"),
    ("particles", "roel van de velde", "roel"),
    ("particles", "margaux delafosse", "margaux"),
    ("particles", "staf opdebeeck", "staf"),
    ("particles", "karim elamrani", "karim"),
    ("particles", "nour al khatib", "nour"),
    ("particles", "rania dibartolomeo", "rania"),
    ("typo, 1 letter", "ysaline lefevr", "ysaline"),
    ("typo, 1 letter", "wendelein vandenbossche", "wendelien"),
    ("typo, 1 letter", "soren kjaergard", "soren"),
    ("typo, 1 letter", "olafur sigurdson", "olafur"),
    ("typo, 1 letter", "tanguy colignon", "tanguy"),
    ("typo, 1 letter", "hendrik claez", "hendrik"),
    ("typo, 1 letter", "maximilien lejeunne", "maximilien"),
    ("typo, 1 letter", "bertrand schonbroodt", "bertrand"),
    ("typo, 2 letters", "ysaline lfevr", "ysaline"),
    ("typo, 2 letters", "siobhan obrein", "siobhan"),
    ("typo, 2 letters", "wendelien vandenbosche", "wendelien"),
    ("typo, 2 letters", "bertrand schonbrodt", "bertrand"),
    ("typo, 2 letters", "ophelie crevcour", "ophelie"),
    ("typo, 2 letters", "amelie darenbreg", "amelie"),
    ("typo, 2 letters", "gaetan bruel", "gaetan"),
    ("typo, 2 letters", "benedicte lhoset", "benedicte"),
    ("prefix", "ysal", "ysaline"),
    ("prefix", "ysaline lef", "ysaline"),
    ("prefix", "wendel", "wendelien"),
    ("prefix", "kjær", "soren"),
    ("prefix", "sigur", "olafur"),
    ("prefix", "schoonbr", "bertrand"),
    ("prefix", "maximilien lej", "maximilien"),
    ("prefix", "arenb", "amelie"),
    ("name order", "lefevre ysaline", "ysaline"),
    ("name order", "vandenbossche wendelien", "wendelien"),
    ("name order", "brule gaetan", "gaetan"),
    ("name order", "claes hendrik", "hendrik"),
    ("name order", "op de beeck staf", "staf"),
    ("name order", "kjaergaard soren", "soren"),
    ("organisation", "botanique", "gaetan"),
    ("organisation", "charleroi danse", "maelle"),
    ("organisation", "kaaitheater", "lowie"),
    ("organisation", "desingel", "marthe"),
    ("organisation", "vooruit", "wendelien"),
    ("organisation", "bozar", "amelie"),
    ("organisation", "theatre de namur", "jeremie"),
    ("organisation", "ancienne belgique", "annecat"),
    ("organisation", "opera royal de wallonie", "jeanbaptiste"),
    ("city", "tanguy luik", "tanguy"),
    ("city", "tanguy liège", "tanguy"),
    ("city", "hendrik anvers", "hendrik"),
    ("city", "hendrik antwerp", "hendrik"),
    ("city", "ysaline lefevre brussel", "ysaline"),
    ("city", "ines verhulst malines", "ines"),
    ("city", "quentin desmet bergen", "quentin"),
    ("city", "karim sint-jans-molenbeek", "karim"),
    ("city", "bertrand louvain", "bertrand"),
    ("city", "gaetan sint-joost", "gaetan"),
    ("email", "ysaline.lefevre@lamonnaie.be", "ysaline"),
    ("email", "YSALINE.LEFEVRE@LAMONNAIE.BE", "ysaline"),
    ("email", "gaetan.brule@botanique.be", "gaetan"),
    ("email", "b.lhoest@uliege.be", "benedicte"),
    ("email", "soren@kjaergaard.dk", "soren"),
    ("email", "lowie.dhaenens@kaaitheater.be", "lowie"),
    ("email", "wendelien@vooruit.be", "wendelien"),
    ("email", "ysaline.lefevre@gmail.com", "ysaline"),
    ("phone", "0470112233", "ysaline"),
    ("phone", "+32 470 11 22 33", "ysaline"),
    ("phone", "0470 11 22 33", "ysaline"),
    ("phone", "0032 470 11 22 33", "ysaline"),
    ("phone", "02 218 37 32", "gaetan"),
    ("phone", "+3222183732", "gaetan"),
    ("phone", "0479/55.66.77", "maelle"),
    ("phone", "081 22 60 26", "jeremie"),
    ("phone", "+45 20 12 34 56", "soren"),
    ("same names", "jan peeters budascoop", "jan"),
    ("same names", "jan peeters budascoop kortrijk", "jan"),
    ("same names", "marie dubois monnaie", "marie"),
    ("same names", "marie dubois la monnaie", "marie"),
    ("same names", "sophie lambert mima", "sophie"),
    ("same names", "koen maes concertgebouw", "koen"),
    ("double surnames", "claire dupont-vandamme", "claire"),
    ("double surnames", "claire dupont vandamme", "claire"),
    ("double surnames", "claire vandamme", "claire"),
    ("double surnames", "anne-catherine janssens-mertens", "annecat"),
    ("double surnames", "annecatherine mertens", "annecat"),
    ("double surnames", "jean-baptiste hubert de villers", "jeanbaptiste"),
    ("double surnames", "jean baptiste de villers", "jeanbaptiste"),
    ("unknown word", "ysaline lefevre zzyzx", "ysaline"),
    ("unknown word", "ysaline AND NOT lefevre", "ysaline"),
    ("unknown word", "tanguy collignon 1999", "tanguy"),
]
# Prefixes typed one keystroke at a time, for the autocomplete timings.
TYPING = ["ysaline lefevre", "wendelien van den bossche", "kjaergaard", "marie dubois", "van d"]


# --------------------------------------------------------------------------
# The query mix (fixed: the same list in the same order on every run)
# --------------------------------------------------------------------------

QUERY_MIX: list[tuple[str, dict]] = [
    ("full name", {"text": "Hélène Lefèvre"}),
    ("full name, particle", {"text": "Sarah Van den Bossche"}),
    ("full name, D'", {"text": "Pieter D'Hondt"}),
    ("accent-free name", {"text": "helene lefevre"}),
    ("accent-free name", {"text": "francois dubois"}),
    ("prefix", {"text": "hél"}),
    ("prefix, particle", {"text": "van d"}),
    ("typo", {"text": "lefevr"}),
    ("typo", {"text": "bosche"}),
    ("typo", {"text": "peters"}),
    ("organisation", {"text": "kunstencentrum"}),
    ("organisation", {"text": "atelier nord"}),
    ("city", {"text": "Liège"}),
    ("city", {"text": "gent"}),
    ("two words", {"text": "theatre architecture"}),
    ("text + sector", {"text": "marie", "filters": {"sector": ["music"]}}),
    ("agency only", {"filters": {"agency": ["wbimages"]}}),
    (
        "text + 2 sectors + agency",
        {"text": "jan", "filters": {"sector": ["design", "fashion"], "agency": ["wbdm"]}},
    ),
    ("cross_sector", {"cross_sector": True}),
    ("text + cross_sector", {"text": "architecte", "cross_sector": True}),
    ("empty + facets", {}),
    ("sort by name", {"text": "dubois", "sort": "name"}),
    ("page 5", {"text": "van", "page": 5}),
    ("projects only", {"text": "scénographie", "kind": "project"}),
    ("people only", {"text": "peeters", "kind": "person"}),
]


# --------------------------------------------------------------------------
# Django side
# --------------------------------------------------------------------------


def code_version() -> dict:
    """The commit measured, and the files of the search that differ from it."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=common.ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    changed = git("status", "--porcelain", "--", "search", "site/people")
    return {"commit": git("rev-parse", "--short", "HEAD"), "changed": changed.splitlines()}


def prepare_site() -> None:
    """Migrations, the fr Locale, the seven sectors, and the demo agencies and editions."""
    from django.core.management import call_command
    from wagtail.models import Locale

    from agencies.models import AgencyPage
    from core.models import Sector
    from editions.models import EditionPage

    call_command("migrate", interactive=False, verbosity=0)
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    for order, (slug, name) in enumerate(SECTORS):
        Sector.objects.get_or_create(
            slug=slug, locale=fr, defaults={"name": name, "sort_order": order}
        )
    agencies = set(AgencyPage.objects.values_list("slug", flat=True))
    if not EditionPage.objects.exists() or not set(AGENCIES) <= agencies:
        started = time.perf_counter()
        call_command("load_demo", verbosity=0)
        print(f"loaded the demo network in {time.perf_counter() - started:.1f} s")


def reset(search_only: bool = False) -> None:
    """Empty the directory and the search tables, in this benchmark's own database only."""
    from django.db import connection

    from people.models import (
        Affiliation,
        Attendance,
        Erasure,
        Merge,
        Organisation,
        Person,
        PersonEmail,
        PossibleDuplicate,
        Project,
        SourceRecord,
    )
    from search.models import IndexState, SearchEntry, SearchFacet

    assert connection.settings_dict["NAME"].endswith("_search_bench")
    models = [
        SearchFacet,
        SearchEntry,
        IndexState,
        Attendance,
        Affiliation,
        Merge,
        PossibleDuplicate,
        Erasure,
        PersonEmail,
        SourceRecord,
        Project.participants.through,
        Project.sectors.through,
        Project.agencies.through,
        Project,
        Person.sectors.through,
        Person,
        Organisation,
    ]
    if search_only:
        models = models[:3]
    tables = ", ".join(model._meta.db_table for model in models)
    with connection.cursor() as cursor:
        # CASCADE also empties the (unused here) sync tables pointing at people.
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def analyze() -> None:
    """What autovacuum does after bulk loads (outside the timings)."""
    from django.db import connection

    from people.models import Attendance, Person, Project, SourceRecord
    from search.models import SearchEntry, SearchFacet

    models = [
        Person,
        Person.sectors.through,
        SourceRecord,
        Attendance,
        Project,
        Project.participants.through,
        Project.sectors.through,
        Project.agencies.through,
        SearchEntry,
        SearchFacet,
    ]
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        cursor.execute("SELECT to_regclass('people_search_scan') IS NOT NULL")
        if cursor.fetchone()[0]:  # the narrow table searches scan (migration 0006)
            cursor.execute("VACUUM ANALYZE people_search_scan")


def _through(model, name: str):
    """The through model of an M2M field and its two column names."""
    field = model._meta.get_field(name)
    return (
        field.remote_field.through,
        f"{field.m2m_field_name()}_id",
        (f"{field.m2m_reverse_field_name()}_id"),
    )


def _bulk(model, rows: list) -> None:
    if rows:
        model.objects.bulk_create(rows, batch_size=BATCH)
        rows.clear()


def generate(people: int, projects: int, seed: int) -> dict:
    """The seeded directory, inserted a batch at a time; returns what was created."""
    from agencies.models import AgencyPage
    from core.models import Sector
    from editions.models import EditionPage
    from people.models import Attendance, Organisation, Person, Project, SourceRecord
    from people.normalize import normalize_name

    rng = random.Random(seed)
    sectors = dict(Sector.objects.filter(locale__language_code="fr").values_list("slug", "id"))
    editions = list(
        EditionPage.objects.filter(locale__language_code="fr").order_by("id").values_list("id")
    )
    editions = [e for (e,) in editions]
    agency_pages = dict(
        AgencyPage.objects.filter(locale__language_code="fr").values_list("slug", "id")
    )
    organisations = organisation_names(rng, max(20, people // 12))
    Organisation.objects.bulk_create(
        [Organisation(name=n, normalized_name=normalize_name(n)) for n in organisations],
        batch_size=BATCH,
    )
    organisation_ids = list(Organisation.objects.order_by("id").values_list("id", flat=True))
    org_table = _table(organisation_ids, 30)

    person_sectors, ps_person, ps_sector = _through(Person, "sectors")
    has_consent = any(f.name == "contact_consent" for f in Person._meta.fields)
    counts = dict.fromkeys(
        ("people", "inactive", "records", "person sectors", "attendances", "organisations"), 0
    )
    counts["organisations"] = len(organisation_ids)
    active_ids: list[int] = []
    roles = ["guest"] * 16 + ["speaker"] * 2 + ["host", "staff"]
    for start in range(0, people, BATCH):
        rows, extras = [], []
        for i in range(start, min(people, start + BATCH)):
            fields = person_fields(rng, i)
            organisation = _pick(rng, org_table) if rng.random() < 0.85 else None
            active = rng.random() >= 0.01
            if has_consent:
                fields["contact_consent"] = rng.choice((True, True, True, True, False, None, None))
            rows.append(
                Person(
                    **fields,
                    organisation_id=organisation,
                    normalized_name=normalize_name(f"{fields['first_name']} {fields['last_name']}"),
                    is_active=active,
                )
            )
            agency = _pick(rng, T_AGENCY)
            agencies = [agency]
            if rng.random() < 0.12:
                agencies.append(_pick(rng, T_AGENCY))
            extras.append((i, fields, dict.fromkeys(agencies), active))
        Person.objects.bulk_create(rows, batch_size=BATCH)
        records, links, attendances = [], [], []
        for person, (i, fields, agencies, active) in zip(rows, extras, strict=True):
            counts["people"] += 1
            if active:
                active_ids.append(person.pk)
            else:
                counts["inactive"] += 1
            modified = ANCHOR - dt.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
            data = {
                "first_name": fields["first_name"],
                "last_name": fields["last_name"],
                "emails": [fields["email"]],
                "city": fields["city"],
            }
            for n, agency in enumerate(agencies):
                records.append(
                    SourceRecord(
                        agency=agency,
                        channel="import" if agency == "wbdm" else "crm",
                        source_id=f"p{i}-{n}",
                        modified_at=modified,
                        content_hash=hashlib.sha256(f"{i}-{agency}".encode()).hexdigest(),
                        data=data,
                        person_id=person.pk,
                        confirmed_at=modified,
                    )
                )
            if rng.random() < 0.02:  # a record gone from its source: not a facet value
                records.append(
                    SourceRecord(
                        agency="wbcampus",
                        channel="crm",
                        source_id=f"p{i}-gone",
                        modified_at=modified,
                        content_hash="0" * 64,
                        data=data,
                        person_id=person.pk,
                        confirmed_at=modified,
                        tombstoned_at=modified,
                    )
                )
            r = rng.random()
            chosen: set[str] = set()
            if r > 0.20:
                chosen.add(AGENCIES[next(iter(agencies))][0])
                if r > 0.62:
                    chosen.add(rng.choice(SECTORS)[0])
                if r > 0.92:
                    chosen.add(rng.choice(SECTORS)[0])
            links.extend(
                person_sectors(**{ps_person: person.pk, ps_sector: sectors[slug]})
                for slug in sorted(chosen)
            )
            if editions and rng.random() < 0.12:
                for edition in rng.sample(editions, min(len(editions), rng.randint(1, 3))):
                    attendances.append(
                        Attendance(person_id=person.pk, edition_id=edition, role=rng.choice(roles))
                    )
        counts["records"] += len(records)
        counts["person sectors"] += len(links)
        counts["attendances"] += len(attendances)
        _bulk(SourceRecord, records)
        _bulk(person_sectors, links)
        _bulk(Attendance, attendances)

    participants, pp_project, pp_person = _through(Project, "participants")
    project_sectors, sp_project, sp_sector = _through(Project, "sectors")
    project_agencies, ap_project, ap_agency = _through(Project, "agencies")
    counts.update(dict.fromkeys(("projects", "participants"), 0))
    sector_slugs = [slug for slug, _name in SECTORS]
    for start in range(0, projects, BATCH):
        rows, extras = [], []
        for _i in range(start, min(projects, start + BATCH)):
            language = "nl" if rng.random() < 0.4 else "fr"
            themes = THEMES_NL if language == "nl" else THEMES_FR
            t, t2 = rng.sample(themes, 2)
            values = {
                "t": t,
                "t2": t2.lower(),
                "tl": t.lower(),
                "t2l": t2.lower(),
                "w": rng.choice(ORG_WORDS),
                "c": city(rng, language == "nl"),
                "year": rng.randrange(2019, 2027),
                "a": rng.choice(JOBS[language]).lower(),
                "b": rng.choice(JOBS[language]).lower(),
            }
            description = " ".join(
                rng.choice(DESCRIPTIONS[language]).format(**values)
                for _ in range(rng.randint(1, 3))
            ).strip()
            rows.append(
                Project(
                    title=rng.choice(PROJECT_TEMPLATES[language]).format(**values)[:255],
                    description=description,
                    kind=rng.choice(KINDS),
                    stage=rng.choice(STAGES),
                    origin_edition_id=rng.choice(editions)
                    if editions and rng.random() < 0.4
                    else None,
                )
            )
            extras.append(
                (
                    rng.sample(sector_slugs, rng.choice((1, 1, 1, 2, 2, 3))),
                    [rng.choice(active_ids) for _ in range(rng.randint(1, 6))],
                    rng.sample(list(agency_pages), rng.choice((1, 1, 2))),
                )
            )
        Project.objects.bulk_create(rows, batch_size=BATCH)
        links, people_links, agency_links = [], [], []
        for project, (slugs, members, agencies) in zip(rows, extras, strict=True):
            counts["projects"] += 1
            links.extend(
                project_sectors(**{sp_project: project.pk, sp_sector: sectors[s]}) for s in slugs
            )
            people_links.extend(
                participants(**{pp_project: project.pk, pp_person: p})
                for p in dict.fromkeys(members)
            )
            agency_links.extend(
                project_agencies(**{ap_project: project.pk, ap_agency: agency_pages[a]})
                for a in agencies
                if a in agency_pages
            )
        counts["participants"] += len(people_links)
        _bulk(project_sectors, links)
        _bulk(participants, people_links)
        _bulk(project_agencies, agency_links)
    return counts


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------


class QueryCounter:
    """Counts the database queries and the time spent executing them."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


rss_peak_mb, reset_rss_peak = common.rss_peak_mb, common.reset_rss_peak


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def median(values: list[float]) -> float:
    return percentile(values, 50)


def backend_cpu_seconds() -> float:
    """CPU time used so far by this connection's PostgreSQL backend (same machine, Linux)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def children_cpu_seconds() -> float:
    """CPU seconds of this process's children that have ended and been waited for."""
    times = os.times()
    return times.children_user + times.children_system


@contextlib.contextmanager
def other_connections_cpu():
    """CPU seconds of the PostgreSQL backends of other connections: those of other threads
    (read around each `indexing._store` call made outside the main thread) and those of
    the child processes preparing a rebuild's documents (`indexing._overlapped`, each
    reporting its backend's total after every batch): {thread id or child pid: seconds}."""
    import tempfile
    import threading

    from search import indexing

    original, spent, first = indexing._store, {}, {}
    original_documents_for = indexing.documents_for
    reports = Path(tempfile.mkdtemp(prefix="search-bench-children-"))

    def store(*args, **kwargs):
        thread = threading.get_ident()
        if thread == threading.main_thread().ident:
            return original(*args, **kwargs)
        first.setdefault(thread, backend_cpu_seconds())
        try:
            return original(*args, **kwargs)
        finally:
            spent[thread] = backend_cpu_seconds() - first[thread]

    parent = os.getpid()

    def documents_for(*args, **kwargs):
        documents = original_documents_for(*args, **kwargs)
        if os.getpid() != parent:  # a child: its own backend, opened for it
            (reports / str(os.getpid())).write_text(str(backend_cpu_seconds()))
        return documents

    indexing._store = store
    indexing.documents_for = documents_for
    try:
        yield spent
    finally:
        indexing._store = original
        indexing.documents_for = original_documents_for
        for report in reports.iterdir():
            spent[f"child {report.name}"] = float(report.read_text())
            report.unlink()
        reports.rmdir()


def run_phase(name: str, function, counter: QueryCounter, objects: int = 0) -> dict:
    peak_resettable = reset_rss_peak()
    queries, db_seconds = counter.count, counter.seconds
    # CPU seconds of this process and of its PostgreSQL backend: what the phase costs
    # on a quiet machine, whatever else runs (wall time follows the machine's load).
    # Children's CPU (the processes preparing a rebuild's documents) counts once they
    # have been waited for, which the rebuild does before it returns.
    cpu, db_cpu = time.process_time() + children_cpu_seconds(), backend_cpu_seconds()
    start = time.perf_counter()
    with other_connections_cpu() as others:
        value = function()
    seconds = time.perf_counter() - start
    cpu = time.process_time() + children_cpu_seconds() - cpu
    db_cpu = backend_cpu_seconds() - db_cpu + sum(others.values())
    row = {
        "phase": name,
        "seconds": seconds,
        "objects": objects,
        "rate": objects / seconds if objects and seconds else None,
        "queries": counter.count - queries,
        "db_seconds": counter.seconds - db_seconds,
        "rss_peak_mb": rss_peak_mb(),
        "rss_peak_is_phase": peak_resettable,
        "cpu_seconds": cpu,
        "db_cpu_seconds": db_cpu,
        "value": value,
    }
    print(
        f"  {name}: {seconds:.1f} s, {row['queries']} queries "
        f"({row['db_seconds']:.1f} s in the database), CPU {cpu:.1f} s here + {db_cpu:.1f} s "
        f"in PostgreSQL, peak RSS {row['rss_peak_mb']:.0f} MB",
        flush=True,
    )
    return row


@contextlib.contextmanager
def timed_attribute(module, name: str, sink: list[float]):
    """Replace module.name by a wrapper that appends each call's duration to `sink`."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            sink.append(time.perf_counter() - start)

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def run_queries(backend: str, raw_search, count: int, counter: QueryCounter) -> dict:
    """Time the mix `count` times round: the raw backend call, then service.search().

    The backend call inside service.search() is timed by a wrapper, so the
    overhead (service minus backend) is measured on the same call. Calls where
    the service fell back to the database are counted apart and left out of
    the service and overhead figures.
    """
    from search import elastic, service
    from search.backends import database
    from search.query import SearchQuery

    module = database if backend == "database" else elastic
    expected = "database" if backend == "database" else "elasticsearch"
    queries = [(label, SearchQuery(**kwargs)) for label, kwargs in QUERY_MIX]
    errors: list[str] = []

    def raw_call(query):
        try:
            return raw_search(query)
        except Exception as error:  # an engine timeout: recorded, the run goes on
            errors.append(f"{type(error).__name__}: {query.text!r} {query.filters}")
            return None

    print(f"  {backend}: warm-up ({len(queries)} queries), then {count} timed", flush=True)
    for _label, query in queries:  # warm-up: caches, connections, compiled paths
        raw_call(query)
        service.search(query)
    raw, total, inner, overhead = [], [], [], []
    per_query: dict[int, dict] = {
        n: {"raw": [], "overhead": [], "total": None} for n in range(len(queries))
    }
    raw_queries = service_queries = 0
    fallbacks: list[float] = []
    for i in range(count):
        n = i % len(queries)
        _label, query = queries[n]
        before = counter.count
        start = time.perf_counter()
        answer = raw_call(query)
        raw_ms = (time.perf_counter() - start) * 1000
        raw_queries += counter.count - before
        raw.append(raw_ms)
        per_query[n]["raw"].append(raw_ms)
        if answer is not None:
            per_query[n]["total"] = answer[1]
        sink: list[float] = []
        before = counter.count
        with timed_attribute(module, "search", sink):
            start = time.perf_counter()
            result = service.search(query)
            total_ms = (time.perf_counter() - start) * 1000
        service_queries += counter.count - before
        if result.backend != expected or result.fallback:
            fallbacks.append(total_ms)
            continue
        inner_ms = sum(sink) * 1000
        total.append(total_ms)
        inner.append(inner_ms)
        overhead.append(total_ms - inner_ms)
        per_query[n]["overhead"].append(total_ms - inner_ms)
    run = {
        "backend": backend,
        "queries": count,
        "raw": raw,
        "service": total,
        "backend_in_service": inner,
        "overhead": overhead,
        "db_queries_per_raw_search": raw_queries / count,
        "db_queries_per_service_search": service_queries / count,
        "fallbacks": len(fallbacks),
        "fallback_ms": fallbacks,
        "raw_errors": errors,
        "per_query": per_query,
    }
    print(
        f"  {backend}: raw p50 {percentile(raw, 50):.1f} ms, p95 {percentile(raw, 95):.1f} ms; "
        f"overhead p50 {percentile(overhead, 50):.2f} ms, p95 {percentile(overhead, 95):.2f} ms; "
        f"{len(fallbacks)} fallbacks, {len(errors)} raw errors",
        flush=True,
    )
    return run


def service_breakdown(backend: str, counter: QueryCounter) -> dict:
    """Where the service's own time goes: facet labels, highlights, URLs."""
    from search import service
    from search.backends import database
    from search.query import SearchQuery

    query = SearchQuery(text="van d")  # a full page of people with names to highlight
    rows, _total, _counts = database.search(query)
    terms = query.terms
    rounds = 50

    def per_call(function) -> tuple[float, float]:
        before = counter.count
        start = time.perf_counter()
        for _ in range(rounds):
            function()
        return (time.perf_counter() - start) * 1000 / rounds, (counter.count - before) / rounds

    def highlights():
        for entry, _score in rows:
            for text in (entry.fields or {}).values():
                service.highlight(str(text or ""), terms)

    def urls():
        for entry, _score in rows:
            service._url(entry.kind, entry.object_id)

    result = {"hits_per_page": len(rows)}
    result["facet_labels_ms"], result["facet_labels_queries"] = per_call(service.facet_labels)
    uncached = getattr(service, "_facet_labels", None)  # behind a one-minute cache
    if uncached is not None:
        result["facet_labels_uncached_ms"], result["facet_labels_uncached_queries"] = per_call(
            uncached
        )
    result["highlights_ms_per_page"] = per_call(highlights)[0]
    result["urls_ms_per_page"] = per_call(urls)[0]
    return result


def engine_phase(args, counter: QueryCounter, results: dict) -> None:
    """osmem-server behind the shim: rebuild_index, then the query mix."""
    from django.conf import settings
    from osmem_server import OsmemServer

    from search import elastic, engine
    from search.models import SearchEntry

    sys.path.insert(0, str(common.ROOT / "tests" / "search"))
    from es_shim import CompatShim

    server = OsmemServer.start(japanese=False, addr="127.0.0.1:0")
    shim = CompatShim(server.url)
    # A client that timed out leaves the shim writing to a closed socket: not worth a traceback.
    shim.server.handle_error = lambda request, client_address: None
    shim.start()
    prefix = f"searchbench-{uuid.uuid4().hex[:10]}"
    timeout = settings.ELASTICSEARCH_TIMEOUT
    settings.ELASTICSEARCH_URL = shim.url
    settings.ELASTICSEARCH_INDEX_PREFIX = prefix
    try:
        print(f"osmem-server {server.version} (pid {server.pid}) behind the shim at {shim.url}")
        # Bulk requests and the raw timings get a long timeout (the latency is what is
        # measured); service.search() keeps the product's timeout and may fall back.
        settings.ELASTICSEARCH_TIMEOUT = args.engine_timeout
        patient = engine.client()
        entries = SearchEntry.objects.count()
        results["phases"].append(
            run_phase(
                "engine: rebuild_index",
                lambda: elastic.rebuild_index(patient, engine.alias())["documents"],
                counter,
                entries,
            )
        )
        settings.ELASTICSEARCH_TIMEOUT = timeout
        results["runs"].append(
            run_queries(
                "elasticsearch",
                lambda query: elastic.search(patient, engine.alias(), query),
                args.queries,
                counter,
            )
        )
        results["breakdown"]["elasticsearch"] = service_breakdown("elasticsearch", counter)
        # The suite through the service, with a patient client: a timeout would let the
        # database answer, and these numbers are the engine path's.
        settings.ELASTICSEARCH_TIMEOUT = args.engine_timeout
        results["relevance"].append(
            relevance_run(
                "Passerelles, Elasticsearch path",
                passerelles_search("elasticsearch"),
                results["staff"],
            )
        )
        settings.ELASTICSEARCH_TIMEOUT = timeout
        results["osmem_rss_peak_mb"] = rss_peak_mb(str(server.pid))
        results["product_timeout_s"] = timeout
    except Exception as error:
        results["engine_error"] = f"{type(error).__name__}: {error}"
        print(f"engine phase failed: {results['engine_error']}", flush=True)
    finally:
        settings.ELASTICSEARCH_TIMEOUT = args.engine_timeout
        with contextlib.suppress(Exception):
            engine.client().indices.delete(index=f"{prefix}-*", ignore_unavailable=True)
        settings.ELASTICSEARCH_URL = ""
        settings.ELASTICSEARCH_TIMEOUT = timeout
        shim.stop()
        server.close()


# --------------------------------------------------------------------------
# Relevance: the suite on both backends and on Wagtail's Fuzzy search
# --------------------------------------------------------------------------


def add_staff() -> dict[str, int]:
    """The hand-made people of STAFF, through the directory's own import; key → person id."""
    from people.contact import Contact
    from people.models import PersonEmail
    from people.normalize import normalize_email
    from people.sources import apply_contacts
    from search.indexing import refresh

    contacts = [
        Contact(
            f"staff-{key}",
            ANCHOR,
            first,
            last,
            [email],
            phones=[phone] if phone else [],
            organisation=organisation,
            job_title=job,
            city=city_name,
            country=country,
        )
        for key, first, last, email, phone, organisation, job, city_name, country in STAFF
    ]
    apply_contacts("wbtheatredanse", "import", contacts)
    ids = {
        key: PersonEmail.objects.get(email=normalize_email(email)).person_id
        for key, _f, _l, email, *_rest in STAFF
    }
    refresh("person", ids.values())
    return ids


def rank_of(hits: list[tuple[str, int]], person_id: int) -> int:
    """1-based rank of the person among the hits (0: not there)."""
    for n, hit in enumerate(hits, 1):
        if hit == ("person", person_id):
            return n
    return 0


def relevance_run(name: str, search, staff: dict[str, int]) -> dict:
    """The suite through `search(text) -> (hits as (kind, id), total)`: ranks and timings."""
    rows, timings = [], []
    for category, text, key in RELEVANCE:
        start = time.perf_counter()
        hits, total = search(text)
        timings.append((time.perf_counter() - start) * 1000)
        rows.append(
            {"category": category, "query": text, "rank": rank_of(hits, staff[key]), "total": total}
        )
    run = {"name": name, "rows": rows, "ms": timings, **relevance_scores(rows)}
    print(
        f"  relevance, {name}: success@1 {run['success@1']:.3f}, success@5 "
        f"{run['success@5']:.3f}, MRR {run['mrr']:.3f}, zero results {run['zero']:.1%}; "
        f"p50 {percentile(timings, 50):.1f} ms, p95 {percentile(timings, 95):.1f} ms",
        flush=True,
    )
    return run


def relevance_scores(rows: list[dict]) -> dict:
    n = len(rows) or 1
    return {
        "success@1": sum(r["rank"] == 1 for r in rows) / n,
        "success@5": sum(0 < r["rank"] <= 5 for r in rows) / n,
        "mrr": sum(1 / r["rank"] for r in rows if r["rank"]) / n,
        "zero": sum(r["total"] == 0 for r in rows) / n,
    }


def passerelles_search(expected_backend: str):
    """The staff search as the admin page runs it (facets included), 20 a page."""
    from django.core.cache import cache

    from search import engine, service
    from search.query import SearchQuery

    def search(text: str):
        if expected_backend == "elasticsearch":
            # An earlier timeout (the timed mix runs with the product's 5 s) must not
            # send these queries to the database for the next 30 s.
            cache.delete(engine._down_key())
        result = service.search(SearchQuery(text=text, per_page=20))
        if result.backend != expected_backend:
            return [], 0  # the engine did not answer: counted as a miss
        return [(h.kind, h.object_id) for h in result.hits], result.total

    return search


def timed_calls(function, arguments: list) -> list[float]:
    timings = []
    for argument in arguments:
        start = time.perf_counter()
        function(argument)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def latency_phase(results: dict, rounds: int) -> None:
    """Service calls (facets included) against a raw indexed tsvector lookup of the same
    words, and autocomplete one keystroke at a time, on PostgreSQL, `rounds` times over."""
    from django.db import connection

    from search import service
    from search.models import SearchEntry
    from search.normalize import query_terms
    from search.query import SearchQuery

    texts = [text for _c, text, _k in RELEVANCE] + [
        kwargs["text"] for _l, kwargs in QUERY_MIX if kwargs.get("text")
    ]
    # The vector searches read: on the narrow scan table since migration 0006.
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('people_search_scan') IS NOT NULL")
        narrow = cursor.fetchone()[0]
    table, column = ("people_search_scan", "vector")
    if not narrow:
        table, column = SearchEntry._meta.db_table, "search_vector"

    def raw(text: str) -> None:
        # What any indexed full-text lookup costs: every word as a prefix, 20 ids.
        words = query_terms(text)
        if not words:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {table} WHERE {column} @@ to_tsquery('simple', %s) "  # noqa: S608
                "LIMIT 20",
                [" & ".join(f"{w}:*" for w in words)],
            )
            cursor.fetchall()

    prefixes = [
        word[:n] for word in TYPING for n in range(2, len(word) + 1) if word[:n].strip() == word[:n]
    ]
    service_ms, raw_ms, suggest_ms = [], [], []
    cpu_before = (time.process_time(), backend_cpu_seconds())
    for _ in range(rounds):
        service_ms += timed_calls(lambda t: service.search(SearchQuery(text=t)), texts)
        raw_ms += timed_calls(raw, texts)
        suggest_ms += timed_calls(lambda t: service.suggest(SearchQuery(text=t)), prefixes)
    cpu = (time.process_time() - cpu_before[0], backend_cpu_seconds() - cpu_before[1])
    slowest = sorted(
        ((max(service_ms[n :: len(texts)]), text) for n, text in enumerate(texts)), reverse=True
    )[:8]
    slowest_prefixes = sorted(
        ((max(suggest_ms[n :: len(prefixes)]), p) for n, p in enumerate(prefixes)), reverse=True
    )[:8]
    print(
        f"  latency phase CPU: {cpu[0]:.1f} s here + {cpu[1]:.1f} s in PostgreSQL; slowest "
        "service texts (max ms): "
        + ", ".join(f"{text!r} {ms:.0f}" for ms, text in slowest)
        + "; slowest prefixes: "
        + ", ".join(f"{p!r} {ms:.0f}" for ms, p in slowest_prefixes),
        flush=True,
    )
    latency = {
        "cpu_process_s": cpu[0],
        "cpu_postgres_s": cpu[1],
        "slowest": slowest,
        "slowest_prefixes": slowest_prefixes,
        "queries": len(texts),
        "rounds": rounds,
        "service": service_ms,
        "raw_tsvector": raw_ms,
        "autocomplete": suggest_ms,
        "autocomplete_prefixes": len(prefixes),
    }
    results["latency"] = latency
    print(
        f"  latency (PostgreSQL): service p50 {percentile(service_ms, 50):.1f} / p95 "
        f"{percentile(service_ms, 95):.1f} ms; raw tsvector p50 {percentile(raw_ms, 50):.1f} / "
        f"p95 {percentile(raw_ms, 95):.1f} ms; autocomplete p50 "
        f"{percentile(suggest_ms, 50):.1f} / p95 {percentile(suggest_ms, 95):.1f} ms",
        flush=True,
    )


def wagtail_model():
    """A model indexed by Wagtail's own search (django-modelsearch), over the same people."""
    from django.apps import apps
    from django.db import models
    from wagtail.search import index

    try:
        return apps.get_model("people_search", "BenchWagtailPerson")
    except LookupError:
        pass

    class BenchWagtailPerson(index.Indexed, models.Model):
        name = models.CharField(max_length=300)
        organisation = models.CharField(max_length=255, blank=True)
        job_title = models.CharField(max_length=255, blank=True)
        city = models.CharField(max_length=150, blank=True)
        email = models.CharField(max_length=254, blank=True)
        phone = models.CharField(max_length=50, blank=True)

        search_fields = [
            index.SearchField("name", boost=2),
            index.AutocompleteField("name"),
            index.SearchField("organisation"),
            index.SearchField("job_title"),
            index.SearchField("city"),
            index.SearchField("email"),
            index.SearchField("phone"),
        ]

        class Meta:
            app_label = "people_search"
            db_table = "bench_wagtail_person"

        def __str__(self) -> str:
            return self.name

    # What modelsearch's app does for the indexed models it finds at start-up.
    from modelsearch.abstract_models import TextIDGenericRelation
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    TextIDGenericRelation(IndexEntry).contribute_to_class(BenchWagtailPerson, "index_entries")
    return BenchWagtailPerson


def wagtail_phase(
    results: dict, staff: dict[str, int], counter: QueryCounter, reuse: bool = False
) -> None:
    """Index the active people with Wagtail's database search, then run the suite with
    `Fuzzy(query, unaccent=True)`: what a Wagtail site would pick instead."""
    from wagtail.search.backends import get_search_backend
    from wagtail.search.query import Fuzzy

    model = wagtail_model()
    backend = get_search_backend()
    if reuse and _wagtail_index_complete(model):
        print("  wagtail: reusing the index of a previous run", flush=True)
    else:
        _wagtail_index(model, backend, results, counter)

    def search(text: str):
        found = list(backend.search(Fuzzy(text, unaccent=True), model)[:20])
        return [("person", p.pk) for p in found], len(found)

    results["relevance"].append(relevance_run("Wagtail Fuzzy(unaccent=True)", search, staff))


def _wagtail_index_complete(model) -> bool:
    """The bench's Wagtail table and index hold every active person (a previous run's)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    from people.models import Person

    if "bench_wagtail_person" not in connection.introspection.table_names():
        return False
    people = Person.objects.filter(is_active=True, merged_into__isnull=True).count()
    content_type = ContentType.objects.get_for_model(model)
    indexed = IndexEntry.objects.filter(content_type=content_type).count()
    return model.objects.count() == people == indexed


def _wagtail_index(model, backend, results: dict, counter: QueryCounter) -> None:
    from django.core.management import call_command
    from django.db import connection

    call_command("enable_unaccent", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_wagtail_person")
    with connection.schema_editor() as editor:
        editor.create_model(model)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_wagtail_person (id, name, organisation, job_title, city, email, "
            "phone) SELECT p.id, p.first_name || ' ' || p.last_name, coalesce(o.name, ''), "
            "p.job_title, p.city, p.email, p.phone FROM people_person p "
            "LEFT JOIN people_organisation o ON o.id = p.organisation_id "
            "WHERE p.is_active AND p.merged_into_id IS NULL"
        )

    def index_all() -> int:
        backend.reset_index() if hasattr(backend, "reset_index") else None
        count = 0
        ids = list(model.objects.order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), 2000):
            batch = list(model.objects.filter(id__in=ids[start : start + 2000]))
            backend.add_bulk(model, batch)
            count += len(batch)
        return count

    results["phases"].append(
        run_phase("wagtail: index the people", index_all, counter, model.objects.count())
    )


def print_relevance(results: dict) -> None:
    runs = results.get("relevance", [])
    if not runs:
        return
    print()
    print(f"relevance suite: {len(RELEVANCE)} queries, 20 results a page")
    print(
        f"{'':<32} {'success@1':>9} {'success@5':>9} {'MRR':>6} {'zero':>6} {'p50 ms':>8} "
        f"{'p95 ms':>8}"
    )
    for run in runs:
        print(
            f"{run['name'][:32]:<32} {run['success@1']:>9.3f} {run['success@5']:>9.3f} "
            f"{run['mrr']:>6.3f} {run['zero']:>6.1%} {percentile(run['ms'], 50):>8.1f} "
            f"{percentile(run['ms'], 95):>8.1f}"
        )
    categories = list(dict.fromkeys(c for c, _t, _k in RELEVANCE))
    print()
    print(f"{'success@1 by category':<24}" + "".join(f" {r['name'][:12]:>12}" for r in runs))
    for category in categories:
        line = f"{category:<24}"
        for run in runs:
            rows = [r for r in run["rows"] if r["category"] == category]
            line += f" {relevance_scores(rows)['success@1']:>12.2f}"
        print(line)
    for run in runs:
        misses = [r for r in run["rows"] if r["rank"] != 1]
        if misses:
            shown = "; ".join(f"{r['query']!r} → {r['rank'] or '-'}" for r in misses[:40])
            print(f"not first on {run['name']}: {shown}")
    latency = results.get("latency")
    if latency:
        service, raw = latency["service"], latency["raw_tsvector"]
        auto = latency["autocomplete"]
        print()
        print(
            f"PostgreSQL latency, {latency['queries']} queries × {latency['rounds']}: service "
            f"p50 {percentile(service, 50):.1f} ms, p95 {percentile(service, 95):.1f} ms "
            f"(target ≤ 50); raw tsvector p50 {percentile(raw, 50):.1f}, p95 "
            f"{percentile(raw, 95):.1f} ms; ratio p50 "
            f"{percentile(service, 50) / max(percentile(raw, 50), 0.001):.1f}×, p95 "
            f"{percentile(service, 95) / max(percentile(raw, 95), 0.001):.1f}×"
        )
        print(
            f"autocomplete, {latency['autocomplete_prefixes']} prefixes × {latency['rounds']}: "
            f"p50 {percentile(auto, 50):.1f} ms, p95 {percentile(auto, 95):.1f} ms (target ≤ 15)"
        )


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------


def print_tables(results: dict, args) -> None:
    print()
    print(f"== {args.people} people, {args.projects} projects, {args.queries} timed queries ==")
    code = results["machine"]
    print(
        f"commit {results['code']['commit']}"
        + (
            f" with changes: {'; '.join(results['code']['changed'])}"
            if results["code"]["changed"]
            else ""
        )
    )
    print(
        f"Python {code['python']}, PostgreSQL {code['postgres']}, {code['cpus']} CPUs, "
        f"load average {code['load_before'][0]:.1f} before, {code['load_after'][0]:.1f} after"
    )
    print("data:", ", ".join(f"{k} {v}" for k, v in results["data"].items()))
    print()
    print(
        f"{'phase':<34} {'seconds':>8} {'objects/s':>10} {'queries':>8} {'db s':>7} "
        f"{'CPU s':>6} {'PG CPU':>6} {'RSS MB':>7}"
    )
    for row in results["phases"]:
        rate = f"{row['rate']:.0f}" if row["rate"] else "-"
        print(
            f"{row['phase']:<34} {row['seconds']:>8.1f} {rate:>10} {row['queries']:>8} "
            f"{row['db_seconds']:>7.1f} {row.get('cpu_seconds', 0):>6.1f} "
            f"{row.get('db_cpu_seconds', 0):>6.1f} {row['rss_peak_mb']:>7.0f}"
        )
    print()
    print(
        f"{'backend (ms)':<14} {'raw p50':>8} {'raw p95':>8} {'raw max':>8} {'svc p50':>8} "
        f"{'svc p95':>8} {'ovh p50':>8} {'ovh p95':>8} {'SQL/q':>6} {'+svc':>5} {'fallb':>5}"
    )
    for run in results["runs"]:
        print(
            f"{run['backend']:<14} {percentile(run['raw'], 50):>8.1f} "
            f"{percentile(run['raw'], 95):>8.1f} {max(run['raw']):>8.1f} "
            f"{percentile(run['service'], 50):>8.1f} {percentile(run['service'], 95):>8.1f} "
            f"{percentile(run['overhead'], 50):>8.2f} {percentile(run['overhead'], 95):>8.2f} "
            f"{run['db_queries_per_raw_search']:>6.1f} "
            f"{run['db_queries_per_service_search'] - run['db_queries_per_raw_search']:>5.1f} "
            f"{run['fallbacks']:>5}"
        )
    print(
        f"targets: database raw p95 < {TARGET_P95_MS:.0f} ms; "
        f"service overhead < {TARGET_OVERHEAD_MS:.0f} ms"
    )
    for run in results["runs"]:
        if run["fallbacks"]:
            print(
                f"{run['backend']}: {run['fallbacks']} service calls fell back to the database "
                f"(product timeout {results.get('product_timeout_s')} s), median "
                f"{median(run['fallback_ms']):.0f} ms; left out of svc and ovh"
            )
        for error in sorted(set(run["raw_errors"])):
            print(f"{run['backend']}: raw call failed: {error}")
    if "engine_error" in results:
        print(f"engine phase failed: {results['engine_error']}")
    print()
    runs = results["runs"]
    header = f"{'query (median ms, total hits)':<48}"
    for run in runs:
        header += f" {run['backend'][:8]:>9} {'hits':>7}"
    print(header)
    for n, (label, kwargs) in enumerate(QUERY_MIX):
        shown = f"{label}: {json.dumps(kwargs, ensure_ascii=False)}"
        line = f"{shown[:48]:<48}"
        for run in runs:
            stats = run["per_query"][n]
            line += f" {median(stats['raw']) if stats['raw'] else float('nan'):>9.1f}"
            line += f" {str(stats['total']):>7}"
        print(line)
    print()
    for backend, breakdown in results["breakdown"].items():
        print(
            f"service parts ({backend}): "
            + ", ".join(
                f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in breakdown.items()
            )
        )
    if "osmem_rss_peak_mb" in results:
        print(f"osmem-server peak RSS: {results['osmem_rss_peak_mb']:.0f} MB")
    print(
        f"this process: peak RSS {results['rss_peak_mb']:.0f} MB over the run; "
        f"total {results['seconds']:.0f} s"
    )
    print_relevance(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200, help="timed queries per backend")
    parser.add_argument("--seed", type=int, default=20250601)
    parser.add_argument("--skip-engine", action="store_true", help="database backend only")
    parser.add_argument(
        "--skip-wagtail", action="store_true", help="no relevance run on Wagtail's Fuzzy search"
    )
    parser.add_argument(
        "--latency-rounds",
        type=int,
        default=3,
        help="times the relevance queries and keystrokes are timed on PostgreSQL (0: none)",
    )
    parser.add_argument(
        "--skip-second-rebuild",
        action="store_true",
        help="do not time rebuild_entries again with the entries present",
    )
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="keep the directory of a previous run with the same sizes",
    )
    parser.add_argument(
        "--reuse-entries",
        action="store_true",
        help="with --reuse-data, also keep its search entries (no rebuild_entries timings)",
    )
    parser.add_argument(
        "--engine-timeout",
        type=float,
        default=120.0,
        help="seconds, for the engine's bulk requests and the raw engine timings",
    )
    parser.add_argument("--profile", action="store_true", help="profile the first rebuild")
    parser.add_argument("--json", help="also write every number to this file")
    args = parser.parse_args()

    started = time.perf_counter()
    settings_dict = common.bench_settings(BENCH_DATABASE, "_search_bench", PROTECTED)
    common.ensure_database(settings_dict)
    common.setup_django(BENCH_DATABASE)
    from django.conf import settings
    from django.db import connection
    from django.utils import translation

    from people.models import Person, Project
    from search.backends import database
    from search.indexing import rebuild_entries, refresh
    from search.models import SearchEntry

    settings.ELASTICSEARCH_URL = ""  # the database backend first, whatever the environment
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)  # one line per request
    translation.activate(settings.LANGUAGE_CODE)
    prepare_site()
    counter = QueryCounter()
    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": os.getloadavg(),
            "postgres": connection.cursor().connection.info.server_version,
        },
        "code": code_version(),
        "args": vars(args),
        "phases": [],
        "runs": [],
        "breakdown": {},
        "relevance": [],
    }
    with connection.execute_wrapper(counter):
        reuse = (
            args.reuse_data
            and Person.objects.count() in (args.people, args.people + len(STAFF))
            and Project.objects.count() == args.projects
        )
        objects = args.people + args.projects
        keep_entries = reuse and args.reuse_entries and SearchEntry.objects.exists()
        if reuse:
            print("reusing the directory of a previous run" + (" and its entries" * keep_entries))
            results["data"] = {"people": args.people, "projects": args.projects}
        else:
            reset()
            row = run_phase(
                "generate directory (bulk_create)",
                lambda: generate(args.people, args.projects, args.seed),
                counter,
                objects,
            )
            results["data"] = row.pop("value")
            results["phases"].append(row)
        profiler = cProfile.Profile() if args.profile else None
        if not keep_entries:
            if reuse:
                reset(search_only=True)
            analyze()

            def first_rebuild():
                if profiler is None:
                    return rebuild_entries()
                return profiler.runcall(rebuild_entries)

            results["phases"].append(
                run_phase("entries: rebuild_entries (empty)", first_rebuild, counter, objects)
            )
            analyze()
            if not args.skip_second_rebuild:
                results["phases"].append(
                    run_phase("entries: rebuild_entries (again)", rebuild_entries, counter, objects)
                )
                analyze()
        else:
            analyze()  # whatever the previous run or a probe left behind
        page = random.Random(args.seed).sample(
            list(Person.objects.values_list("id", flat=True)), min(500, args.people)
        )
        results["phases"].append(
            run_phase("entries: refresh 500 people", lambda: refresh("person", page), counter, 500)
        )
        results["staff"] = staff = add_staff()
        results["relevance"].append(
            relevance_run("Passerelles, PostgreSQL", passerelles_search("database"), staff)
        )
        if args.latency_rounds:
            latency_phase(results, args.latency_rounds)
        if args.queries:
            results["runs"].append(run_queries("database", database.search, args.queries, counter))
            results["breakdown"]["database"] = service_breakdown("database", counter)
        if not args.skip_wagtail:
            wagtail_phase(results, staff, counter, reuse=args.reuse_data)
        if not args.skip_engine:
            engine_phase(args, counter, results)
    results["rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results["seconds"] = time.perf_counter() - started
    results["machine"]["load_after"] = os.getloadavg()
    print_tables(results, args)
    if profiler is not None:
        print("\nfirst rebuild_entries, top functions by own time:")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1, default=str)


if __name__ == "__main__":
    main()
