"""Spreadsheet reading: time and peak memory of the check pass on large and hostile files.

    .venv/bin/python bench/spreadsheet_bench.py [--rows 50000]

Each file is generated into a temporary directory, then checked by
`crm_sync.spreadsheets.check_spreadsheet` (core.tabular reading every row,
every cell typed and every contact cleaned; the database is not used) in a
child process of its own, so each line's peak RSS is that file's alone. The
import pass that follows a clean check writes pages of 500 through
`people.sources.apply_contacts`; `bench/sync_bench.py` measures that part.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys, time
sys.path[:0] = [{root!r}, {site!r}]
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings.test")
import django
django.setup()
from django.utils import timezone
from crm_sync.spreadsheets import SpreadsheetError, check_spreadsheet
start = time.perf_counter()
try:
    with open({path!r}, "rb") as handle:
        report = check_spreadsheet(handle, {name!r}, timezone.now())
    outcome = f"read {{report.rows}} rows, {{report.error_count}} row errors"
except SpreadsheetError as error:
    outcome = f"refused: {{str(error)[:70]}}"
import resource
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{{time.perf_counter() - start:.1f}}\\t{{peak:.0f}}\\t{{outcome}}")
"""


def far_cell(path: Path, reference: str) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["first name", "email"])
    sheet.append(["Ann", "ann@example.be"])
    sheet[reference] = "x"
    book.save(path)


def many_rows(path: Path, rows: int, wide: bool) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    if wide:
        sheet.append(["Prénom", "Nom", "E-mail", "Téléphone", "Organisation", "Ville", "Notes"])
        for n in range(rows):
            sheet.append(
                [
                    f"Prénom{n}",
                    f"Nom{n}",
                    f"p{n}@example.org",
                    "0470 11 22 33",
                    "Atelier",
                    "Liège",
                    "x" * 40,
                ]
            )
    else:
        sheet.append(["first name"])
        for n in range(rows):
            sheet.append([f"P{n}"])
    book.save(path)


def csv_rows(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("Prénom;Nom;E-mail;Téléphone;Organisation;Ville;Notes\n")
        for n in range(rows):
            out.write(f"Prénom{n};Nom{n};p{n}@example.org;0470 11 22 33;Atelier;Liège;{'x' * 40}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000, help="rows of the large files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        files = {
            "one cell at XFD1048576": ("xfd.xlsx", lambda p: far_cell(p, "XFD1048576")),
            "one cell at CV100000": ("cv.xlsx", lambda p: far_cell(p, "CV100000")),
            "250,000 one-cell rows": ("many.xlsx", lambda p: many_rows(p, 250_000, False)),
            f"{args.rows:,} rows × 7 columns, XLSX": (
                "wide.xlsx",
                lambda p: many_rows(p, args.rows, True),
            ),
            f"{args.rows:,} rows × 7 columns, CSV": ("wide.csv", lambda p: csv_rows(p, args.rows)),
        }
        print("file\tsize KB\tseconds\tpeak RSS MB\toutcome")
        for label, (name, make) in files.items():
            path = folder / name
            make(path)
            code = CHILD.format(root=str(ROOT), site=str(ROOT / "site"), path=str(path), name=name)
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=False
            )
            wall = time.perf_counter() - started
            seconds, peak, outcome = (
                result.stdout.strip() or "?\t?\t" + result.stderr[-200:]
            ).split("\t", 2)
            print(
                f"{label}\t{path.stat().st_size / 1024:.1f}\t{seconds} (process {wall:.1f})"
                f"\t{peak}\t{outcome}",
                flush=True,
            )


if __name__ == "__main__":
    main()
