"""Labels of a person's fields, shared by the person's page and the subject access document."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FIELD_LABELS = {
    "first_name": gettext_lazy("first name"),
    "last_name": gettext_lazy("last name"),
    "email": gettext_lazy("email"),
    "phone": gettext_lazy("phone"),
    "organisation": gettext_lazy("organisation"),
    "job_title": gettext_lazy("job title"),
    "city": gettext_lazy("city"),
    "country": gettext_lazy("country"),
    "language": gettext_lazy("preferred language"),
    "contact_consent": gettext_lazy("agreed to be contacted"),
}


def consent_label(consent: bool | None) -> str:
    """Yes, no or unknown, for a person's agreement to be contacted."""
    return {True: _("yes"), False: _("no")}.get(consent, _("unknown"))
