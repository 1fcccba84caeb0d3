"""Signals the directory sends so other apps (search) can follow its changes.

Bulk operations (a sync page, a merge) do not fire Django's per-object
signals; `people_changed` is sent once, with the ids, after they commit.
"""

from django.dispatch import Signal

# kwargs: person_ids (set[int])
people_changed = Signal()
