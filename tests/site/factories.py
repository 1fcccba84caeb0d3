"""Factories for the site's pages and snippets (factory_boy).

Pages are created under an existing parent with ``parent=...`` and published,
so they render exactly like editor-made pages.
"""

import datetime as dt

import factory
from django.utils import timezone
from wagtail.models import Locale

from core.collaboration import CollaborationKind
from core.models import Sector
from editions.models import EditionPage, Venue
from stories.models import StoryPage


class PageFactory(factory.django.DjangoModelFactory):
    """Adds the page under `parent` and publishes it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        parent=None,
        sectors=(),
        agencies=(),
        participating_agencies=(),
        **kwargs,
    ):
        page = model_class(*args, **kwargs)
        for name, values in (
            ("sectors", sectors),
            ("agencies", agencies),
            ("participating_agencies", participating_agencies),
        ):
            if values:
                getattr(page, name).set(values)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    name = factory.Sequence(lambda n: f"Secteur {n}")
    slug = factory.Sequence(lambda n: f"secteur-{n}")
    locale = factory.LazyFunction(Locale.get_default)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Salle {n}")
    street = "Rue de la Loi 1"
    postal_code = "1000"
    city = "Bruxelles"


class EditionFactory(PageFactory):
    class Meta:
        model = EditionPage

    title = factory.Sequence(lambda n: f"Édition test {n}")
    slug = factory.Sequence(lambda n: f"edition-test-{n}")
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=30))
    introduction = "Une soirée de test."
    venue = factory.SubFactory(VenueFactory)


class StoryFactory(PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"Histoire test {n}")
    slug = factory.Sequence(lambda n: f"histoire-test-{n}")
    summary = "Une collaboration de test."
    kind = CollaborationKind.COMMISSION
