"""Screenshots of the public site for the README, from a running demo.

Start the demo (`make run`), then, in another terminal:

    .venv/bin/python tools/screenshots.py                      # http://127.0.0.1:8000
    .venv/bin/python tools/screenshots.py --base-url http://127.0.0.1:8123 --out /tmp/shots

Playwright drives Debian's Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium)
at a desktop width (1366 px) and a phone width (390 px), visits the home page,
an edition and a story (found by following the home page's links, so any
content works), and writes PNGs into docs/screenshots/, reduced to a few colours
with Pillow so the repository stays small.
"""

import argparse
import io
import os
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SHOTS = [
    # (file name, language, which page, viewport width, viewport height, full page)
    ("home-desktop", "en", "home", 1366, 900, False),
    ("edition-desktop", "fr", "edition", 1366, 900, False),
    ("story-phone", "nl", "story", 390, 844, False),
    ("home-phone", "fr", "home", 390, 844, False),
]


def _target(page, base_url: str, language: str, which: str) -> str:
    page.goto(f"{base_url}/{language}/")
    if which == "home":
        return page.url
    selector = {
        "edition": "[aria-labelledby=next-edition] .card-title a",
        "story": "[aria-labelledby=latest-stories] .card-title a",
    }[which]
    return page.locator(selector).first.evaluate("a => a.href")


def _small_png(data: bytes, width: int) -> bytes:
    """Half the device pixels at most, 128 colours: legible and a few tens of kB."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def take(base_url: str, out: Path) -> list[Path]:
    """Write the screenshots into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for name, language, which, width, height, full in SHOTS:
            context = browser.new_context(
                viewport={"width": width, "height": height},
                device_scale_factor=1,
                locale=language,
                reduced_motion="reduce",
            )
            page = context.new_page()
            url = _target(page, base_url, language, which)
            page.goto(url, wait_until="networkidle")
            page.evaluate("document.fonts.ready")
            # Lazy images below the fold: scroll through once so a full-page shot has them.
            if full:
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_load_state("networkidle")
                page.evaluate("window.scrollTo(0, 0)")
            data = page.screenshot(full_page=full)
            path = out / f"{name}.png"
            path.write_bytes(_small_png(data, width if width < 800 else 1100))
            written.append(path)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="the running demo")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: set CHROMIUM_PATH", file=sys.stderr)
        return 1
    for path in take(args.base_url.rstrip("/"), args.out):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
