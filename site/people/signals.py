"""Signals the directory sends so other apps (search, the CRM mirror) can follow it.

`people` never imports the apps above it: they listen here.

- `people_changed` — bulk operations (a sync page, a merge) do not fire
  Django's per-object signals; this is sent once, with the ids, after they
  commit. kwargs: ``person_ids`` (set[int]).
- `people_erased` — sent inside the transaction that deletes people, when they
  are erased on request or removed by the retention policy. Receivers delete
  every copy of them they hold (the CRM mirror's record errors, the search
  index), in the same transaction where they can. kwargs: ``person_ids``
  (set[int]), ``records`` (list of (agency, channel, source_id)), ``emails``
  (set[str], normalized), ``names`` (set[str], "first last").
- `subject_access_requested` — sent while a subject access document is
  assembled: apps holding more on these people answer with sections,
  ``{key: {"label": str, "items": [dict, ...]}}``, included as they are (JSON)
  and as tables (HTML). kwargs: ``person_ids`` (list[int]).
- `retention_due` — sent by `manage.py people_retention`: receivers remove
  what the retention policy says is too old (nothing when ``dry_run``) and
  return a list of `people.retention.Removal` saying what (and which ids).
  kwargs: ``now`` (datetime), ``dry_run`` (bool).
"""

from django.dispatch import Signal

people_changed = Signal()
people_erased = Signal()
subject_access_requested = Signal()
retention_due = Signal()
