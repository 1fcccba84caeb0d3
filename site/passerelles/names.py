"""Names of the data the project creates, shown in the admin user's language.

Groups, workflows and tasks are rows with a single ``name`` column, and
Wagtail prints that column as it is ("Submit to %(workflow_name)s"). The
project stores the names it creates as their English message ids
("WBMusiques review") and registers them here; when such a row is loaded,
its name reads as its translation wherever it is shown, in the language
active then ("Relecture WBMusiques", "Nalezing WBMusiques"); saving it
unchanged stores the message id again, so the row stays the same whoever
saved it. A name an administrator typed (or changed) is shown as typed.
"""

from collections.abc import Mapping

from django.db.models.signals import post_init, pre_save
from django.utils.translation import gettext

# stored name -> (message id, parameters)
_REGISTRY: dict[str, tuple[str, Mapping[str, str]]] = {}


def owned_name(msgid: str, **params: str) -> str:
    """Register a name the project creates; return it as stored (the message id, filled in).

    `msgid` must also appear literally in a `gettext_noop` (or `gettext`) call so
    that makemessages extracts it.
    """
    stored = msgid % params if params else msgid
    _REGISTRY[stored] = (msgid, dict(params))
    return stored


def display_name(stored: str) -> str:
    """`stored` in the active language when the project owns it, unchanged otherwise."""
    entry = _REGISTRY.get(stored)
    if entry is None:
        return stored
    msgid, params = entry
    translated = gettext(msgid)
    return translated % params if params else translated


class OwnedName(str):
    """A stored name that reads in the language active wherever it is shown.

    Still the stored message id for the database, comparisons and JSON; its
    text form (templates, ``%s``, f-strings) is the translation, evaluated at
    that moment: a name loaded while rendering a French page but printed in a
    Dutch email reads Dutch.
    """

    def __str__(self) -> str:
        return display_name(str.__str__(self))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _show(sender, instance, **kwargs) -> None:
    stored = instance.__dict__.get("name")
    if isinstance(stored, str) and not isinstance(stored, OwnedName) and stored in _REGISTRY:
        instance._stored_name = stored
        instance.name = OwnedName(stored)


def _store(sender, instance, **kwargs) -> None:
    # A form shows the translation; saved unchanged, the message id is kept.
    stored = getattr(instance, "_stored_name", None)
    if stored is not None and str(instance.name) == display_name(stored):
        instance.name = OwnedName(stored)


def connect(*models) -> None:
    """Translate the `name` of these models' rows on load; store the message id on save."""
    for model in models:
        post_init.connect(_show, sender=model, dispatch_uid=f"owned-name-show-{model._meta.label}")
        pre_save.connect(_store, sender=model, dispatch_uid=f"owned-name-store-{model._meta.label}")
