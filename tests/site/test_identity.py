"""The public site's identity and images: typeface, icons, sector colours, responsive pictures."""

import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.conf import settings
from PIL import Image

from agencies.models import AgencyIndexPage
from core.models import Sector
from core.sector_colours import SECTOR_COLOURS
from home.models import HomePage
from passerelles.demo import content
from passerelles.demo.images import agency_logo_svg, draw_story_png
from stories.models import StoryIndexPage, StoryPage
from tools.copy_fonts import copy_fonts

STATIC = Path(settings.BASE_DIR) / "site" / "static"
CSS = (STATIC / "css" / "site.css").read_text()


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_each_sector_has_one_colour_readable_as_a_badge_and_as_text():
    slugs = {sector["slug"] for sector in content.SECTORS}
    assert set(SECTOR_COLOURS) == slugs
    assert len(set(SECTOR_COLOURS.values())) == len(slugs), "two sectors share a colour"
    for slug, colour in SECTOR_COLOURS.items():
        # The stylesheet declares the same colour and a class that applies it.
        assert f"--sector-{slug}: {colour};" in CSS, slug
        assert f".sector-{slug} {{ --sector: var(--sector-{slug}); }}" in CSS, slug
        # White text on the badge and the colour on white or paper: WCAG AA (4.5:1).
        for background in ("#ffffff", "#f6f3ee"):
            assert _contrast(colour, background) >= 4.5, (slug, background)


def test_the_typeface_is_served_by_the_site_in_two_subsets_and_no_font_cdn():
    faces = re.findall(r"@font-face\s*{([^}]*)}", CSS)
    assert len(faces) == 2
    sources = [re.search(r'url\("([^"]+)"\)', face).group(1) for face in faces]
    assert sources == ["../fonts/figtree-latin-ext.woff2", "../fonts/figtree-latin.woff2"]
    assert all("unicode-range" in face and "font-display: swap" in face for face in faces)
    # Nothing else is fetched by the stylesheet: no @import, every url() is a local file.
    assert "@import" not in CSS
    assert all(url.startswith('"../') for url in re.findall(r"url\(([^)]*)\)", CSS))


def test_copy_fonts_names_the_missing_package_and_copies_only_the_two_subsets(tmp_path):
    with pytest.raises(FileNotFoundError, match="npm ci"):
        copy_fonts(package=tmp_path / "absent", target=tmp_path / "fonts")
    assert not (tmp_path / "fonts").exists()

    package = tmp_path / "package"
    (package / "files").mkdir(parents=True)
    for name in (
        "figtree-latin-wght-normal.woff2",
        "figtree-latin-ext-wght-normal.woff2",
        "figtree-cyrillic-wght-normal.woff2",
        "figtree-latin-wght-italic.woff2",
    ):
        (package / "files" / name).write_bytes(name.encode())
    (package / "LICENSE").write_text("SIL Open Font License")
    written = copy_fonts(package=package, target=tmp_path / "fonts")
    assert sorted(p.name for p in written) == [
        "figtree-LICENSE.txt",
        "figtree-latin-ext.woff2",
        "figtree-latin.woff2",
    ]
    assert copy_fonts(package=package, target=tmp_path / "fonts") == []  # unchanged: no copy


@pytest.mark.django_db
def test_favicon_is_served_at_the_root_and_pages_announce_the_icon_set(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(Path(STATIC / "favicon.ico"))
    assert icon.format == "ICO"
    assert client.get("/apple-touch-icon.png")["Content-Type"] == "image/png"
    assert client.post("/favicon.ico").status_code == 405

    home = HomePage.objects.get(locale__language_code="nl")
    html = BeautifulSoup(client.get(home.get_url()).content, "html.parser")
    rels = {" ".join(link["rel"]): link["href"] for link in html.find_all("link")}
    assert rels["manifest"].endswith("site.webmanifest")
    assert rels["apple-touch-icon"].endswith("apple-touch-icon.png")
    assert html.find("link", rel="icon", type="image/svg+xml")["href"].endswith("favicon.svg")
    brand = html.select_one(".brand img")
    assert brand["src"].endswith("img/mark.svg") and brand["alt"] == ""


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_story_cards_are_responsive_pictures_with_sector_badges(client, language):
    index = StoryIndexPage.objects.get(locale__language_code=language)
    html = BeautifulSoup(client.get(index.get_url()).content, "html.parser")
    cards = html.select(".story-card")
    assert len(cards) > 3
    for position, card in enumerate(cards):
        picture = card.find("picture")
        source = picture.find("source")
        assert source["type"] == "image/avif"
        assert len(source["srcset"].split(",")) == 2 and source["sizes"]
        img = picture.find("img")
        assert img["src"].endswith(".jpg") and img["width"] and img["height"]
        # The first card may be the largest paint of a phone's screen: not lazy.
        assert img.get("loading") == (None if position == 0 else "lazy")
        badges = card.select(".tags .tag")
        assert badges and all(
            re.search(r"\bsector-[a-z-]+\b", " ".join(b["class"])) for b in badges
        )
    # The first card's badges are its story's sectors, named in the page's language.
    href = cards[0].select_one(".card-title a")["href"]
    story = next(
        s
        for s in StoryPage.objects.live().filter(locale__language_code=language)
        if s.get_url() == href
    )
    expected = {
        sector.name
        for sector in Sector.objects.filter(
            locale=story.locale,
            translation_key__in=[s.translation_key for s in story.sectors.all()],
        )
    }
    assert {badge.get_text() for badge in cards[0].select(".tag")} == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_story_page_hero_is_a_picture_with_alt_text_in_the_page_language(client, language):
    story = StoryPage.objects.live().filter(locale__language_code=language).first()
    html = BeautifulSoup(client.get(story.get_url()).content, "html.parser")
    img = html.select_one("picture img.hero")
    assert img["fetchpriority"] == "high" and "loading" not in img.attrs
    assert img["alt"] == story.hero_image_alt
    opening = {"fr": "Illustration abstraite", "nl": "Abstracte illustratie", "en": "Abstract"}
    assert img["alt"].startswith(opening[language])
    srcset = html.select_one("picture source[type='image/avif']")["srcset"]
    assert [w.split()[-1] for w in srcset.split(",")] == ["480w", "800w", "1200w"]


@pytest.mark.django_db
def test_agency_cards_show_the_agencys_svg_logo_on_home_and_agencies_pages(client):
    for page in (
        HomePage.objects.get(locale__language_code="en"),
        AgencyIndexPage.objects.get(locale__language_code="en"),
    ):
        html = BeautifulSoup(client.get(page.get_url()).content, "html.parser")
        cards = html.select(".agency-card")
        assert len(cards) == 6
        for card in cards:
            logo = card.select_one("img.agency-logo")
            assert logo["src"].endswith(".svg") and logo["width"] and logo["height"]


def test_demo_images_differ_per_story_and_per_sector():
    same_sectors = draw_story_png("one", ["music", "design"], size=(300, 200))
    assert same_sectors == draw_story_png("one", ["music", "design"], size=(300, 200))
    assert same_sectors != draw_story_png("two", ["music", "design"], size=(300, 200))
    music = Image.open(io.BytesIO(draw_story_png("x", ["music"], size=(300, 200))))
    design = Image.open(io.BytesIO(draw_story_png("x", ["design"], size=(300, 200))))
    # Each sector's field is painted in the sector's colour.
    colour = SECTOR_COLOURS["music"]
    assert music.getpixel((2, 2)) == tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    assert design.getpixel((2, 2)) != music.getpixel((2, 2))


def test_agency_logo_is_valid_svg_naming_the_agency_with_escaped_text():
    svg = agency_logo_svg("wbdm", "Design & <Mode>", "WBDM", ["design", "fashion"])
    root = ElementTree.fromstring(svg)
    assert root.get("aria-label") == "Design & <Mode>"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["WBDM", "Design & <Mode>"]
    assert SECTOR_COLOURS["design"].encode() in svg and SECTOR_COLOURS["fashion"].encode() in svg
