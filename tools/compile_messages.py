"""Compile the gettext catalogues in locale/ to .mo files without GNU gettext.

Django's `compilemessages` needs the `msgfmt` binary, which a fresh machine
may not have; polib (already a dependency of wagtail-localize) does the same
in pure Python, so `make run` works with only Python and make.
"""

import sys
from pathlib import Path

import polib


def compile_catalogues(root: Path) -> int:
    """Compile every locale/*/LC_MESSAGES/*.po under `root`; return how many were written."""
    count = 0
    for po_path in sorted(root.glob("locale/*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    return count


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    written = compile_catalogues(root)
    print(f"compiled {written} catalogue(s)", file=sys.stderr)
