"""Names of the data the project creates, shown in the admin user's language.

Groups, workflows and tasks are rows with a single ``name`` column, and
Wagtail prints that column as it is ("Submit to %(workflow_name)s"). The
project stores the names it creates as their English message ids
("WBMusiques review") and registers them here; when such a row is loaded,
its name is replaced by the translation in the active language ("Relecture
WBMusiques", "Nalezing WBMusiques"), and saving it unchanged stores the
message id again, so the row stays the same whoever saved it. A name an
administrator typed (or changed) is not registered and is shown as typed.
"""

from collections.abc import Mapping

from django.db.models.signals import post_init, post_save, pre_save
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


def _show(sender, instance, **kwargs) -> None:
    stored = instance.__dict__.get("name")
    if isinstance(stored, str) and stored in _REGISTRY:
        instance._stored_name = stored
        instance.name = display_name(stored)


def _store(sender, instance, **kwargs) -> None:
    stored = getattr(instance, "_stored_name", None)
    if stored is not None and instance.name == display_name(stored):
        instance.name = stored


def connect(*models) -> None:
    """Translate the `name` of these models' rows on load; store the message id on save."""
    for model in models:
        post_init.connect(_show, sender=model, dispatch_uid=f"owned-name-show-{model._meta.label}")
        pre_save.connect(_store, sender=model, dispatch_uid=f"owned-name-store-{model._meta.label}")
        post_save.connect(_show, sender=model, dispatch_uid=f"owned-name-again-{model._meta.label}")
