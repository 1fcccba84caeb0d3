"""Admin registration of venues."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.choosers import SourceLocaleSnippetChooserViewSet

from .models import Venue


class VenueViewSet(SnippetViewSet):
    """Venues in the admin: reused from one edition to the next, translatable.

    An edition chooses among the French venues; its translations show the
    venue's translation in their language.
    """

    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city"]
    search_fields = ["name", "city"]
    chooser_viewset_class = SourceLocaleSnippetChooserViewSet


register_snippet(VenueViewSet)
