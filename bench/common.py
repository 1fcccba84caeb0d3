"""What the benchmarks share: Django set-up and a database of their own.

Each benchmark resets the data of its database, so it refuses any database
whose name does not end with its own suffix, and never touches the ones the
tests and the site use.
"""

import bisect
import itertools
import os
import random
import resource
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Used by tests, the site and other benchmarks running concurrently: never touched.
PROTECTED = {
    "passerelles",
    "test_passerelles",
    "test_passerelles_me",
    "passerelles_me",
    "passerelles_browser_test",
    "passerelles_kill_test",
    "postgres",
}


def default_url(database: str) -> str:
    return f"postgres://postgres@127.0.0.1:5432/{database}"


def setup_django(database: str) -> None:
    """Import paths, settings (the test settings unless told otherwise), django.setup()."""
    for path in (ROOT, ROOT / "site"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings.test")
    os.environ.setdefault("DATABASE_URL", default_url(database))
    import django

    django.setup()


def bench_settings(database: str, suffix: str, protected: set[str] = PROTECTED) -> dict:
    """The database settings, after checking they name a benchmark's own database."""
    import dj_database_url

    settings = dj_database_url.parse(os.environ.get("DATABASE_URL", default_url(database)))
    name = settings.get("NAME", "")
    if "postgresql" not in settings["ENGINE"]:
        raise SystemExit("The benchmark runs on PostgreSQL (DATABASE_URL=postgres://…).")
    if name in protected or not name.endswith(suffix):
        raise SystemExit(
            f"Refusing to use database {name!r}: the benchmark resets its data, so it needs "
            f"its own database ({database})."
        )
    return settings


def ensure_database(settings: dict, *, fresh: bool = False) -> None:
    """Create the benchmark's database if it does not exist (`fresh`: drop it first).

    A dropped and recreated database has no table statistics at all, as on a
    new installation's first night; an emptied one keeps its old statistics.
    """
    import psycopg
    from psycopg import sql

    params = {
        "host": settings.get("HOST") or "127.0.0.1",
        "port": settings.get("PORT") or 5432,
        "user": settings.get("USER") or "postgres",
        "dbname": "postgres",
    }
    if settings.get("PASSWORD"):
        params["password"] = settings["PASSWORD"]
    with psycopg.connect(**params, autocommit=True) as connection:
        if fresh:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(settings["NAME"])
                )
            )
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"]))
            )
            print(f"created database {settings['NAME']}")


def zipf_table(values, offset: int = 8) -> tuple[list, list[float]]:
    """Values with rank-decreasing (Zipf-like) cumulative weights, for `pick`."""
    values = list(values)
    return values, list(itertools.accumulate(1 / (rank + offset) for rank in range(len(values))))


def pick(rng: random.Random, table: tuple[list, list[float]]):
    """One value of a `zipf_table`, the first ones the most often."""
    values, cumulative = table
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def ascii_letters(text: str) -> str:
    """ASCII letters only, lower case: 'Van den Broeck' -> 'vandenbroeck'."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and c.isalpha()).lower()


def rss_peak_mb(pid: str = "self") -> float:
    """Peak RSS (VmHWM) of a process since the last reset, else this process's ru_maxrss."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def backend_cpu_seconds() -> float:
    """CPU time used so far by Django's PostgreSQL backend (same machine, Linux)."""
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


def reset_rss_peak() -> bool:
    """Reset the peak RSS (Linux: clear_refs 5); False when the kernel does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def words(text: str) -> list[str]:
    """Space-separated words; '_' stands for a space inside a value ("Op_de_Beeck")."""
    return [word.replace("_", " ") for word in text.split()]


# Cities of the generated people and contacts (both benchmarks).
FR_CITIES = words(
    "Bruxelles Liège Namur Charleroi Mons Louvain-la-Neuve Tournai Arlon Wavre Ixelles "
    "Schaerbeek Saint-Gilles Etterbeek Anderlecht Molenbeek-Saint-Jean Verviers Huy Dinant "
    "Ottignies Nivelles Uccle Forest Jambes Seraing Waterloo Woluwe-Saint-Lambert"
)
NL_CITIES = words(
    "Brussel Gent Antwerpen Leuven Brugge Mechelen Hasselt Kortrijk Oostende Genk Aalst "
    "Sint-Niklaas Turnhout Roeselare Lier Ieper Dendermonde Vilvoorde Tienen Geel"
)
OTHER_CITIES = ["Eupen", "Sankt Vith", "Lille", "Paris", "Maastricht", "Luxembourg"]
