"""The public "What came out of it" block of an edition page (aggregates only).

Page templates load this library; the page apps never import `outcomes`.
"""

from django import template

from ..public import edition_figures

register = template.Library()


@register.inclusion_tag("outcomes/public/edition_outcomes.html")
def edition_outcomes(page) -> dict:
    """The aggregated outcomes of a past edition, in the page's language; nothing before it."""
    if page is None or getattr(page, "is_upcoming", True):
        return {"figures": None}
    return {"figures": edition_figures(page)}
