"""Builds the demo network: sectors, agencies, editions and stories in fr, nl and en.

Idempotent: every object is looked up by its stable identifier (slug or
title) and created only when missing; existing objects and translations are
left untouched, so a second run changes nothing.
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from agencies.models import AgencyIndexPage, AgencyPage
from core.models import Sector
from editions.models import EditionIndexPage, EditionPage, Venue
from home.models import HomePage
from passerelles.demo import content
from passerelles.demo.images import get_or_create_agency_logo, get_or_create_story_image
from passerelles.demo.translate import TranslationMemory, retranslate, translate
from stories.models import StoryIndexPage, StoryPage

BRUSSELS = ZoneInfo("Europe/Brussels")
HOME_SLUGS = {"fr": "accueil", "nl": "start", "en": "home"}


class DemoLoader:
    """Creates what is missing of the demo content; reports what it did through `log`."""

    def __init__(self, log: Callable[[str], None] = lambda message: None) -> None:
        self.log = log
        self.memory = TranslationMemory()
        self.created: list[str] = []

    # -- helpers -------------------------------------------------------------

    def remember(self, texts: dict[str, str]) -> str:
        """Register a trilingual text and return its French version."""
        self.memory.add(texts)
        return texts["fr"]

    def paragraphs(self, texts: list[dict[str, str]]) -> list[tuple[str, RichText]]:
        return [("paragraph", RichText(f"<p>{self._escape(self.remember(t))}</p>")) for t in texts]

    @staticmethod
    def _escape(text: str) -> str:
        from django.utils.html import escape

        return escape(text)

    def translate(self, instance) -> None:
        done = translate(instance, self.targets, self.memory)
        if done:
            self.created.append(f"{instance} ({', '.join(done)})")

    def publish_child(self, parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(str(page))
        return page

    # -- steps ---------------------------------------------------------------

    def run(self) -> list[str]:
        """Load everything; return a description of each object created.

        Deliberately not one big transaction: wagtail-localize publishes each
        translation when its own transaction commits, and a publish deferred to
        the end of a long transaction would restore stale tree counters on the
        translated parents. Each object is committed on its own; since every
        step skips what exists, an interrupted run is completed by the next.
        """
        self.source = self.locales()
        self.sectors = self.load_sectors()
        home = self.load_home()
        self.agencies = self.load_agencies(home)
        self.venues = self.load_venues()
        self.editions = self.load_editions(home)
        self.load_stories(home)
        return self.created

    def locales(self) -> Locale:
        source = None
        self.targets = []
        for code, _name in settings.LANGUAGES:
            locale, _ = Locale.objects.get_or_create(language_code=code)
            if code == settings.LANGUAGE_CODE:
                source = locale
            else:
                self.targets.append(locale)
        return source

    def load_sectors(self) -> dict[str, Sector]:
        sectors = {}
        for order, item in enumerate(content.SECTORS):
            sector = Sector.objects.filter(slug=item["slug"], locale=self.source).first()
            if sector is None:
                sector = Sector.objects.create(
                    slug=item["slug"],
                    name=self.remember(item["name"]),
                    sort_order=order,
                    locale=self.source,
                )
                self.created.append(f"sector {sector}")
            else:
                self.remember(item["name"])
            self.translate(sector)
            sectors[item["slug"]] = sector
        return sectors

    def load_home(self) -> HomePage:
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=self.source, depth=2).first()
        self.remember(HOME_SLUGS)
        title = self.remember(content.HOME["title"])
        intro = "".join(
            f"<p>{self._escape(self.remember(t))}</p>" for t in content.HOME["introduction"]
        )
        if home is None:
            # Wagtail's initial migration leaves a placeholder "Welcome" page
            # as the site root; the French home page takes its place.
            for placeholder in root.get_children().exact_type(Page):
                if not placeholder.get_children().exists():
                    placeholder.delete()
            home = HomePage(
                title=title, slug=HOME_SLUGS["fr"], introduction=intro, locale=self.source
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created.append(f"home page {home}")
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Passerelles",
            )
        elif site.root_page_id != home.id:
            site.root_page = home
            site.site_name = "Passerelles"
            site.save()
        self.translate(home)
        return home

    def index_page(self, home: HomePage, model, data: dict) -> Page:
        page = model.objects.child_of(home).first()
        self.remember(data["slug"])
        if page is None:
            page = self.publish_child(
                home,
                model(
                    title=self.remember(data["title"]),
                    slug=data["slug"]["fr"],
                    introduction=self.remember(data["introduction"]),
                ),
            )
        else:
            self.remember(data["title"])
            self.remember(data["introduction"])
            self.rename_from_previous_title(page, data["title"])
        self.translate(page)
        return page

    def rename_from_previous_title(self, page: Page, titles: dict[str, str]) -> None:
        """Give an index page that still has its earlier demo title the current one, everywhere.

        Only when the French page and each translation still carry exactly
        the old demo title: a title an editor chose is left alone.
        """
        previous = next(
            (old for old in content.PREVIOUS_INDEX_TITLES.values() if old["fr"] == page.title),
            None,
        )
        if previous is None or previous["fr"] == titles["fr"]:
            return
        translations = list(page.get_translations().select_related("locale"))
        if any(t.title != previous.get(t.locale.language_code) for t in translations):
            return
        page = page.get_latest_revision_as_object()
        page.title = titles["fr"]
        page.draft_title = titles["fr"]
        page.save_revision().publish()
        done = retranslate(page, self.targets, self.memory)
        self.created.append(f"renamed {page} ({', '.join(['fr', *done])})")

    def load_agencies(self, home: HomePage) -> dict[str, AgencyPage]:
        index = self.index_page(home, AgencyIndexPage, content.AGENCY_INDEX)
        agencies = {}
        for item in content.AGENCIES:
            page = AgencyPage.objects.child_of(index).filter(slug=item["slug"]).first()
            intro = self.remember(item["introduction"])
            body = self.paragraphs(item["body"])
            self.remember(item["address"])
            if page is None:
                logo = get_or_create_agency_logo(
                    item["slug"], item["title"], item["short_name"], item["sectors"]
                )
                page = AgencyPage(
                    title=item["title"],
                    slug=item["slug"],
                    short_name=item["short_name"],
                    introduction=intro,
                    body=body,
                    website=item["website"],
                    contact_email=item["contact_email"],
                    contact_phone=item["contact_phone"],
                    address=item["address"]["fr"],
                    logo=logo,
                )
                page.sectors.set([self.sectors[s] for s in item["sectors"]])
                self.publish_child(index, page)
            self.translate(page)
            agencies[item["slug"]] = page
        return agencies

    def load_venues(self) -> dict[str, Venue]:
        venues = {}
        for item in content.VENUES:
            fields = {
                key: self.remember(value) if isinstance(value, dict) else value
                for key, value in item.items()
                if key != "key"
            }
            venue = Venue.objects.filter(name=item["name"], locale=self.source).first()
            if venue is None:
                venue = Venue.objects.create(locale=self.source, **fields)
                self.created.append(f"venue {venue}")
            self.translate(venue)
            venues[item["key"]] = venue
        return venues

    def edition_fields(self, item: dict, start: dt.datetime, end: dt.datetime) -> dict:
        programme = [
            (
                "item",
                {
                    "time": dt.time.fromisoformat(entry["time"]),
                    "title": self.remember(entry["title"]),
                    "description": self.remember(entry["description"]),
                },
            )
            for entry in item["programme"]
        ]
        fields = {
            "start": start,
            "end": end,
            "venue": self.venues[item["venue"]],
            "host_agency": self.agencies[item["host"]],
            "theme": self.remember(item["theme"]),
            "introduction": self.remember(item["introduction"]),
            "programme": programme,
            "body": self.paragraphs(item["body"]),
            "capacity": item["capacity"],
            "registration_url": item["registration_url"],
        }
        return fields

    def load_editions(self, home: HomePage) -> dict[str, EditionPage]:
        index = self.index_page(home, EditionIndexPage, content.EDITION_INDEX)
        editions = {}
        for item in content.EDITIONS:
            start = _local(item["start"])
            end = _local(item["end"])
            slug = self.remember(item["slug"])
            fields = self.edition_fields(item, start, end)
            fields.update(
                registration_status=EditionPage.RegistrationStatus.CLOSED,
                attendance_count=item["attendance_count"],
                recap="".join(f"<p>{self._escape(self.remember(t))}</p>" for t in item["recap"]),
                outcomes_summary=self.remember(item["outcomes_summary"]),
            )
            editions[item["key"]] = self.edition(index, slug, item, fields)
        upcoming = content.UPCOMING_EDITION
        season, start = next_edition_start(timezone.now(), upcoming["time"])
        end = start.replace(
            hour=int(upcoming["end_time"][:2]), minute=int(upcoming["end_time"][3:5])
        )
        names = upcoming["season_names"][season]
        values = {lang: {"season": names[lang], "year": start.year} for lang in names}
        slug = self.remember({k: v.format(**values[k]) for k, v in upcoming["slug"].items()})
        title_texts = {k: v.format(**values[k]) for k, v in upcoming["title"].items()}
        item = {**upcoming, "title": title_texts}
        fields = self.edition_fields(item, start, end)
        fields["registration_status"] = EditionPage.RegistrationStatus.OPEN
        editions["upcoming"] = self.edition(index, slug, item, fields)
        return editions

    def edition(self, index: EditionIndexPage, slug: str, item: dict, fields: dict) -> EditionPage:
        page = EditionPage.objects.child_of(index).filter(slug=slug).first()
        title = self.remember(item["title"])
        if page is None:
            page = EditionPage(title=title, slug=slug, **fields)
            page.participating_agencies.set([self.agencies[a] for a in item["participants"]])
            self.publish_child(index, page)
        self.translate(page)
        return page

    def load_stories(self, home: HomePage) -> None:
        index = self.index_page(home, StoryIndexPage, content.STORY_INDEX)
        for item in content.STORIES:
            slug = self.remember(item["slug"])
            page = StoryPage.objects.child_of(index).filter(slug=slug).first()
            title = self.remember(item["title"])
            fields = {
                "summary": self.remember(item["summary"]),
                "body": self.paragraphs(item["body"]),
                "quote": self.remember(item["quote"]),
                "quote_attribution": self.remember(item["quote_attribution"]),
            }
            alt = self.remember(item["image_alt"])
            if page is None:
                image = get_or_create_story_image(item["key"], item["sectors"], alt)
                page = StoryPage(
                    title=title,
                    slug=slug,
                    origin_edition=self.editions[item["edition"]],
                    kind=item["kind"],
                    stage=item["stage"],
                    hero_image=image,
                    hero_image_alt=alt,
                    **fields,
                )
                page.sectors.set([self.sectors[s] for s in item["sectors"]])
                page.agencies.set([self.agencies[a] for a in item["agencies"]])
                self.publish_child(index, page)
            self.translate(page)


def _local(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value).replace(tzinfo=BRUSSELS)


def next_edition_start(now: dt.datetime, time: str) -> tuple[str, dt.datetime]:
    """The next spring (second Thursday of April) or autumn (second Thursday of October).

    Computed from today so the demo always has an upcoming edition.
    """
    hour, minute = int(time[:2]), int(time[3:5])
    year = now.astimezone(BRUSSELS).year
    candidates = []
    for y in (year, year + 1):
        for season, month in (("spring", 4), ("autumn", 10)):
            first = dt.date(y, month, 1)
            offset = (3 - first.weekday()) % 7  # Thursday
            day = first + dt.timedelta(days=offset + 7)
            candidates.append(
                (season, dt.datetime(y, month, day.day, hour, minute, tzinfo=BRUSSELS))
            )
    return min((c for c in candidates if c[1] > now), key=lambda c: c[1])
