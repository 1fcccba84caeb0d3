"""Copy the site's typeface from node_modules into site/static/fonts/.

The typeface comes from an npm package pinned in package.json (Fontsource's
Figtree, SIL Open Font License) and is served by the site
itself: no font CDN, so no visitor's address goes to a third party. Only the
latin and latin-ext subsets of the upright variable font are copied, in
woff2: they cover French, Dutch and English, and `unicode-range` in site.css
makes browsers fetch latin-ext only for a page that needs it.

Run by `make run` and `make test` after `npm ci`; exits 1 naming the missing
file when the package is not installed.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "@fontsource-variable" / "figtree"
TARGET = ROOT / "site" / "static" / "fonts"
FILES = {
    "files/figtree-latin-wght-normal.woff2": "figtree-latin.woff2",
    "files/figtree-latin-ext-wght-normal.woff2": "figtree-latin-ext.woff2",
    "LICENSE": "figtree-LICENSE.txt",
}


def copy_fonts(package: Path = PACKAGE, target: Path = TARGET) -> list[Path]:
    """Copy the subsets and the licence when missing or changed; return the files written."""
    missing = [name for name in FILES if not (package / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{package / missing[0]} not found: run `npm ci` (package.json lists the typeface)"
        )
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for source_name, target_name in FILES.items():
        source, destination = package / source_name, target / target_name
        if destination.exists() and destination.read_bytes() == source.read_bytes():
            continue
        shutil.copyfile(source, destination)
        written.append(destination)
    return written


def main() -> int:
    try:
        written = copy_fonts()
    except FileNotFoundError as error:
        print(f"copy_fonts: {error}", file=sys.stderr)
        return 1
    if written:
        print(f"copy_fonts: {len(written)} file(s) copied into {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
