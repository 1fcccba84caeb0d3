"""The forms of the evening's screens, shared with the commands so both refuse the same input.

`edition_registrations`, `edition_tables` and `edition_badges` fill these
forms from their options; the admin shows them. EDITION is the edition's
French slug (as ``people_search --edition`` takes it), e.g. ``printemps-2027``.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editions.models import EditionPage

MAX_TABLES = 200
MAX_SIZE = 50


def source_editions():
    """Editions in the source language (French), latest first."""
    return EditionPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
        "-start"
    )


class EditionField(forms.ModelChoiceField):
    """An edition, given by its French slug."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", gettext_lazy("Edition"))
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": gettext_lazy("No edition has this slug (give its French slug).")},
        )
        super().__init__(queryset=source_editions(), **kwargs)

    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.slug})"


class RegistrationImportForm(forms.Form):
    """Upload a registration list (CSV or XLSX) for an edition; dry run by default."""

    edition = EditionField()
    file = forms.FileField(
        label=gettext_lazy("Registration list (CSV or XLSX)"),
        help_text=gettext_lazy(
            "As exported by pretix, Eventbrite, Microsoft Forms or Google Forms; column names in "
            "French, Dutch or English."
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Check only (change nothing)"), required=False, initial=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.PASSERELLES_MAX_SPREADSHEET_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large: lists of at most %(size)s can be imported.")
                % {"size": filesizeformat(limit)}
            )
        return upload


class TablePlanForm(forms.Form):
    """N tables of K seats, for everyone registered or only those checked in."""

    tables = forms.IntegerField(
        label=gettext_lazy("Tables"), min_value=1, max_value=MAX_TABLES, initial=15
    )
    size = forms.IntegerField(
        label=gettext_lazy("Seats per table"), min_value=1, max_value=MAX_SIZE, initial=10
    )
    checked_in_only = forms.BooleanField(
        label=gettext_lazy("Only people checked in"), required=False
    )
    keep_seated = forms.BooleanField(
        label=gettext_lazy("Keep people already seated by the latest plan at their table"),
        required=False,
        initial=True,
    )


class WalkInForm(forms.Form):
    """Someone who came without registering: two fields, as typed at the door."""

    name = forms.CharField(label=gettext_lazy("First and last name"), max_length=300)
    organisation = forms.CharField(
        label=gettext_lazy("Organisation"), max_length=255, required=False
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Type the person's name."))
        return name


def errors_as_lines(form: forms.Form, names: dict[str, str]) -> list[str]:
    """The form's errors as 'option: message' lines, options named by `names`."""
    return [
        f"{names.get(field, field)}: {message}"
        for field, errors in form.errors.items()
        for message in errors
    ]
