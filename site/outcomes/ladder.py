"""Recording encounters and the steps they climb: the one place that validates them.

The admin forms, the quick-entry forms, the follow-up forms and the demo all go
through these functions, so the rules below hold whatever the entry point:

- an encounter has at least two different people;
- nobody meets at an edition that has not happened yet, nor in the future;
- a step is dated on or after the encounter and never in the future;
- each rung is recorded once per encounter (correct it rather than repeat it).
"""

import calendar
import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Person

from .models import FOLLOW_UP_MONTHS, RANK, Encounter, EncounterPerson, FollowUp, LadderStep, Stage


def today() -> dt.date:
    return timezone.localdate()


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months (31 January + 1 month = 28 or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def check_encounter(people: Iterable[Person], edition, met_on: dt.date | None) -> dt.date:
    """Validate an encounter before it is saved; return the date they met.

    Raises ValidationError (keyed by field) naming what is wrong.
    """
    errors: dict[str, str] = {}
    if len({person.pk for person in people}) < 2:
        errors["people"] = _("An encounter needs at least two different people.")
    if edition is not None:
        edition_day = timezone.localtime(edition.start).date()
        if edition.start > timezone.now():
            errors["edition"] = _("This edition has not taken place yet.")
        met_on = met_on or edition_day
        if met_on < edition_day:
            errors["met_on"] = _("They cannot have met at an edition before it took place.")
    if met_on is None:
        errors["met_on"] = _("Give the date they met, or the edition where they met.")
    elif met_on > today():
        errors["met_on"] = _("The date they met cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return met_on


def check_step(encounter: Encounter, stage: str, reached_on: dt.date) -> None:
    """Validate a new step of `encounter`; raises ValidationError keyed by field."""
    errors: dict[str, str] = {}
    if stage not in RANK:
        errors["stage"] = _("Unknown stage.")
    elif encounter.pk and encounter.steps.filter(stage=stage).exists():
        errors["stage"] = _("This step is already recorded for this encounter.")
    if reached_on > today():
        errors["reached_on"] = _("A step cannot be dated in the future.")
    elif reached_on < encounter.met_on:
        errors["reached_on"] = _("A step cannot come before the encounter itself.")
    if errors:
        raise ValidationError(errors)


def refresh_stage(encounter: Encounter) -> None:
    """Set the encounter's stage to the highest rung reached (and its date)."""
    steps = list(encounter.steps.values_list("stage", "reached_on"))
    if steps:
        stage, reached_on = max(steps, key=lambda step: (RANK[step[0]], step[1]))
    else:
        stage, reached_on = Stage.MET, encounter.met_on
    Encounter.objects.filter(pk=encounter.pk).update(stage=stage, stage_on=reached_on)
    encounter.stage, encounter.stage_on = stage, reached_on


@transaction.atomic
def record_step(
    encounter: Encounter,
    stage: str,
    reached_on: dt.date,
    user=None,
    kind: str = "",
    note: str = "",
) -> LadderStep:
    """Record that `encounter` reached `stage` on `reached_on`, recorded by `user`."""
    check_step(encounter, stage, reached_on)
    step = LadderStep.objects.create(
        encounter=encounter,
        stage=stage,
        reached_on=reached_on,
        kind=kind,
        note=note,
        recorded_by=user,
    )
    refresh_stage(encounter)
    return step


def schedule_follow_ups(encounters: Iterable[Encounter]) -> int:
    """Create the 3-, 6- and 12-month reminders an encounter lacks; return how many."""
    encounters = list(encounters)
    existing = set(
        FollowUp.objects.filter(encounter__in=encounters).values_list("encounter_id", "months")
    )
    missing = [
        FollowUp(encounter=e, months=months, due_on=add_months(e.met_on, months))
        for e in encounters
        for months in FOLLOW_UP_MONTHS
        if (e.pk, months) not in existing
    ]
    FollowUp.objects.bulk_create(missing)
    return len(missing)


@transaction.atomic
def settle_encounter(encounter: Encounter, user=None) -> None:
    """After an encounter is saved: its "met" step, default sectors, reminders, stage.

    Called by every entry point after the encounter and its people are saved.
    Moving the date moves the "met" step and the reminders still open.
    """
    met = encounter.steps.filter(stage=Stage.MET).first()
    if met is None:
        LadderStep.objects.create(
            encounter=encounter, stage=Stage.MET, reached_on=encounter.met_on, recorded_by=user
        )
    elif met.reached_on != encounter.met_on:
        met.reached_on = encounter.met_on
        met.save(update_fields=["reached_on"])
        for follow_up in encounter.follow_ups.filter(closed_at__isnull=True):
            follow_up.due_on = add_months(encounter.met_on, follow_up.months)
            follow_up.save(update_fields=["due_on"])
    if not encounter.sectors.exists():
        from core.models import Sector

        encounter.sectors.set(
            Sector.objects.filter(people__encounter_links__encounter=encounter).distinct()
        )
    schedule_follow_ups([encounter])
    refresh_stage(encounter)


@transaction.atomic
def create_encounter(
    people: Iterable[Person],
    *,
    edition=None,
    met_on: dt.date | None = None,
    sectors: Iterable = (),
    agency: str = "",
    owner=None,
    user=None,
    notes: str = "",
    stage: str = Stage.MET,
    stage_on: dt.date | None = None,
    kind: str = "",
) -> Encounter:
    """Record an encounter between `people` (validated), optionally already further up."""
    people = list(people)
    met_on = check_encounter(people, edition, met_on)
    encounter = Encounter.objects.create(
        edition=edition,
        met_on=met_on,
        agency=agency,
        owner=owner,
        notes=notes,
        created_by=user,
    )
    EncounterPerson.objects.bulk_create(
        [
            EncounterPerson(encounter=encounter, person=person, sort_order=order)
            for order, person in enumerate({p.pk: p for p in people}.values())
        ]
    )
    if sectors:
        encounter.sectors.set(sectors)
    settle_encounter(encounter, user)
    if stage != Stage.MET:
        record_step(encounter, stage, stage_on or met_on, user, kind=kind)
    elif kind:
        encounter.steps.filter(stage=Stage.MET).update(kind=kind)
    return encounter
