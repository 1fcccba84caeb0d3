"""Forms of the outcomes screens; their validation is `outcomes.ladder`'s, shared by all."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from core.agencies import AGENCY_SLUGS
from core.collaboration import CollaborationKind
from editions.models import EditionPage
from people.models import Person

from .impact import Filters, past_editions
from .ladder import check_encounter, check_step, today
from .models import Encounter, FollowUp, Stage

KIND_CHOICES = [("", _("—"))] + list(CollaborationKind.choices)
AGENCY_FIELD_CHOICES = [("", _("All agencies"))] + [(s, s) for s in AGENCY_SLUGS]


class EncounterForm(WagtailAdminModelForm):
    """The full encounter form of the admin (people chosen with the person chooser)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["met_on"].required = False  # the edition's date when empty

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("participants")
        people = []
        if formset is not None and all(f.is_valid() for f in formset.forms):
            for form in formset.forms:
                person = form.cleaned_data.get("person")
                if person and not form.cleaned_data.get("DELETE"):
                    people.append(person)
        try:
            cleaned["met_on"] = check_encounter(
                people, cleaned.get("edition"), cleaned.get("met_on")
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        return cleaned


class StepFields(forms.Form):
    """A step on the ladder: the rung, its date, the kind of outcome, a note."""

    stage = forms.ChoiceField(label=_("Step reached"), choices=Stage.choices[1:])
    reached_on = forms.DateField(label=_("Reached on"), widget=AdminDateInput, initial=today)
    kind = forms.ChoiceField(label=_("Kind of outcome"), choices=KIND_CHOICES, required=False)
    note = forms.CharField(
        label=_("Note (staff only)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, encounter: Encounter, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.encounter = encounter

    def check(self, cleaned: dict) -> None:
        if cleaned.get("stage") and cleaned.get("reached_on"):
            try:
                check_step(self.encounter, cleaned["stage"], cleaned["reached_on"])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    self.add_error(name, messages)


class StepForm(StepFields):
    """Record one step of an encounter."""

    def clean(self):
        cleaned = super().clean()
        self.check(cleaned)
        return cleaned


class CloseFollowUpForm(StepFields):
    """Close a reminder: what the people said, a step or "no news"."""

    result = forms.ChoiceField(
        label=_("Answer"),
        choices=FollowUp.Result.choices,
        widget=forms.RadioSelect,
        initial=FollowUp.Result.NO_NEWS,
    )
    field_order = ["result", "stage", "reached_on", "kind", "note"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("result") == FollowUp.Result.STEP:
            if not cleaned.get("stage"):
                self.add_error("stage", _("Choose the step they reached."))
            self.check(cleaned)
        return cleaned


class QuickEncounterForm(forms.Form):
    """Quick entry from an edition or a person: who met, where, how far it went already."""

    people = forms.ModelMultipleChoiceField(
        label=_("Who met"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    edition = forms.ModelChoiceField(
        label=_("Edition where they met"),
        queryset=EditionPage.objects.none(),
        required=False,
        empty_label=_("Outside an edition"),
    )
    met_on = forms.DateField(
        label=_("Met on"),
        widget=AdminDateInput,
        required=False,
        help_text=_("Leave empty to use the edition's date."),
    )
    stage = forms.ChoiceField(label=_("How far it went"), choices=Stage.choices, initial=Stage.MET)
    kind = forms.ChoiceField(label=_("Kind of outcome"), choices=KIND_CHOICES, required=False)
    agency = forms.ChoiceField(
        label=_("Agency that follows it up"),
        choices=[("", "—")] + [(s, s) for s in AGENCY_SLUGS],
        required=False,
    )
    notes = forms.CharField(
        label=_("Notes (staff only)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, people, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people
        self.fields["edition"].queryset = past_editions()

    def clean(self):
        cleaned = super().clean()
        if "people" in cleaned:
            try:
                cleaned["met_on"] = check_encounter(
                    cleaned["people"], cleaned.get("edition"), cleaned.get("met_on")
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    self.add_error(name, messages)
        return cleaned


class ImpactFilterForm(forms.Form):
    """The impact view's filters; `manage.py impact_report` validates its options with it."""

    edition = forms.ChoiceField(label=_("Edition"), required=False)
    agency = forms.ChoiceField(label=_("Agency"), choices=AGENCY_FIELD_CHOICES, required=False)
    since = forms.DateField(label=_("From"), required=False, widget=AdminDateInput)
    until = forms.DateField(label=_("Until"), required=False, widget=AdminDateInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.editions = {e.slug: e for e in past_editions()}
        self.fields["edition"].choices = [("", _("All editions"))] + [
            (slug, edition.title) for slug, edition in self.editions.items()
        ]

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period comes before its start."))
        return cleaned

    def filters(self) -> Filters:
        """The validated filters (call after is_valid())."""
        data = self.cleaned_data
        since: dt.date | None = data.get("since")
        return Filters(
            edition=self.editions.get(data.get("edition") or ""),
            agency=data.get("agency") or "",
            since=since,
            until=data.get("until"),
        )
