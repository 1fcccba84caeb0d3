"""Bulk INSERT and UPDATE of a page of rows in one statement each.

Django binds parameters on the client with psycopg 3, and its bulk_create
passes one array per column (``UNNEST``). psycopg then quotes every array
element in Python, escaping each double quote of each JSON value (a
``SourceRecord.data``, a ``Person.provenance``) with a regular expression:
that quoting cost more than the database's own work in a first sync.

On PostgreSQL these helpers send the whole page as one JSON document and
let the server split it with ``jsonb_to_recordset``: the client encodes it
with the C JSON encoder and quotes one string. Other databases fall back to
Django's ``bulk_create``/``bulk_update``. Like those, no signal is sent.

The same idea serves the page's lookups (`values_in`: one JSON array instead
of hundreds of ``%s``, which psycopg splits and quotes in Python), new rows
without model instances (`insert_rows`), and model instances built without
``Model.__init__`` (`new`), whose per-field work and signals cost more than
the rest of a first sync's Python.
"""

import json
from collections.abc import Iterable, Sequence

from django.db import connection, models
from django.db.backends.utils import CursorWrapper
from django.db.models.base import ModelState

# Per model: (attname, default, callable?) of each concrete field, for `new`.
_DEFAULTS: dict[type[models.Model], list[tuple[str, object, bool]]] = {}


def new(model: type[models.Model], **values) -> models.Model:
    """An unsaved instance with these attribute values (by attname), other fields at their defaults.

    What ``model(**values)`` returns for plain values, without the per-field
    argument handling and the pre_init/post_init signals of ``Model.__init__``
    (a few microseconds each, for every record of a page). Only for models
    that no post_init receiver needs (the directory's own rows).
    """
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = _DEFAULTS[model] = [
            (f.attname, f.default, True)
            if f.has_default() and callable(f.default)
            else (f.attname, f.get_default(), False)
            for f in model._meta.concrete_fields
        ]
    obj = model.__new__(model)
    state = obj.__dict__
    state["_state"] = ModelState()
    for attname, default, call in defaults:
        state[attname] = default() if call else default
    state.update(values)
    return obj


def _cursor() -> CursorWrapper:
    """A cursor binding its parameters on the server (PostgreSQL with psycopg 3).

    Django's cursors bind on the client: psycopg escapes the page's JSON
    document character by character into the SQL text, and PostgreSQL parses
    and plans the statement anew for each page. Here the document travels as
    a parameter, and psycopg prepares a statement run five times (every page
    sends the same SQL), so later pages skip the parsing and planning. The
    wrapper keeps Django's execute wrappers, query logging and error
    translation. Elsewhere (or with psycopg 2), Django's own cursor.
    """
    connection.ensure_connection()
    raw = connection.connection
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg 2
        return connection.cursor()
    if not isinstance(raw, psycopg.Connection):  # pragma: no cover - psycopg 2
        return connection.cursor()
    # What connection.cursor() does with the cursor it creates (debug logging included).
    return connection._prepare_cursor(psycopg.Cursor(raw))


def _columns(model: type[models.Model], fields: Sequence[models.Field]) -> str:
    # Base types without length (varchar, not varchar(150)): the INSERT or
    # UPDATE then checks the lengths, as it does for Django's own queries.
    return ", ".join(f"{f.column} {f.db_type(connection).split('(')[0]}" for f in fields)


def _document(objs: Sequence[models.Model], fields: Sequence[models.Field], *, add: bool) -> str:
    # auto_now / auto_now_add apply on INSERT only, as with bulk_create and
    # bulk_update; other fields are read as they are (pre_save would only
    # return the attribute, at a cost per value that showed in profiles).
    auto = [
        add and isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add) for f in fields
    ]
    dates = [isinstance(f, models.DateField) for f in fields]  # DateTimeField included
    # A page's dates repeat (the run's time, batch imports): each distinct
    # value is converted once. auto_now fields take one time for the whole
    # statement (pre_save would ask the clock and the settings for each row).
    converted: dict = {}
    stamps = {f: f.pre_save(objs[0], add) for f, a in zip(fields, auto, strict=True) if a}
    # Plain values are read from the instance's __dict__ in one comprehension per
    # row (getattr per value showed in profiles); dates are converted after.
    plain = [
        (f.column, f.attname)
        for f, a, d in zip(fields, auto, dates, strict=True)
        if not (a or d or hasattr(f, "to_document"))
    ]
    # Fields with a stored form of their own (people.models.ProvenanceField).
    converting = [(f.column, f.attname, f.to_document) for f in fields if hasattr(f, "to_document")]
    dated = [
        (f, f.column, f.attname, stamps.get(f)) for f, d in zip(fields, dates, strict=True) if d
    ]
    rows = []
    for obj in objs:
        state = obj.__dict__
        try:
            row = {column: state[attname] for column, attname in plain}
        except KeyError:  # a deferred field: loaded as getattr would
            row = {column: getattr(obj, attname) for column, attname in plain}
        for column, attname, to_document in converting:
            row[column] = to_document(getattr(obj, attname))
        for f, column, attname, stamp in dated:
            if stamp is not None:
                value = stamp
                setattr(obj, attname, value)  # as pre_save does
            else:
                value = getattr(obj, attname)
            if value is not None:
                key = (f, value)
                text = converted.get(key)
                if text is None:
                    # Aware, as Django would send it.
                    text = converted[key] = f.get_prep_value(value).isoformat()
                value = text
            row[column] = value
        rows.append(row)
    return json.dumps(rows)


def _plain_json(fields: Sequence[models.Field]) -> bool:
    """True when every JSON field uses the default encoder (the document uses it too)."""
    return all(
        getattr(f, "encoder", None) is None for f in fields if isinstance(f, models.JSONField)
    )


def insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """INSERT these new objects (every concrete field but the id) and set their ids."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    if connection.vendor != "postgresql" or not _plain_json(fields):
        model.objects.bulk_create(objs)
        return
    names = ", ".join(f.column for f in fields)
    pk = model._meta.pk.column
    # Identifiers come from the model, never from data; the rows are one parameter.
    query = (
        f"INSERT INTO {model._meta.db_table} ({names}) "  # noqa: S608
        f"SELECT {names} FROM jsonb_to_recordset(%s::jsonb) AS v({_columns(model, fields)}) "
        f"RETURNING {pk}"
    )
    with _cursor() as cursor:
        cursor.execute(query, [_document(objs, fields, add=True)])
        ids = cursor.fetchall()
    # Rows come back in the order they were given, as Django's bulk_create
    # (INSERT ... SELECT FROM UNNEST ... RETURNING) also relies on.
    for obj, (pk_value,) in zip(objs, ids, strict=True):
        obj.pk = pk_value
        obj._state.adding = False
        obj._state.db = connection.alias


def update(model: type[models.Model], objs: Sequence[models.Model], names: Sequence[str]) -> None:
    """UPDATE these fields of these saved objects, one statement for all of them."""
    if not objs:
        return
    fields = [model._meta.get_field(name) for name in names]
    if connection.vendor != "postgresql" or not _plain_json(fields):
        model.objects.bulk_update(objs, list(names), batch_size=500)
        return
    pk = model._meta.pk
    assignments = ", ".join(f"{f.column} = v.{f.column}" for f in fields)
    # Identifiers come from the model, never from data; the rows are one parameter.
    query = (
        f"UPDATE {model._meta.db_table} AS t SET {assignments} "  # noqa: S608
        f"FROM jsonb_to_recordset(%s::jsonb) AS v({_columns(model, [pk, *fields])}) "
        f"WHERE t.{pk.column} = v.{pk.column}"
    )
    with _cursor() as cursor:
        cursor.execute(query, [_document(objs, [pk, *fields], add=False)])


def insert_rows(
    model: type[models.Model], rows: Sequence[dict], *, ignore_conflicts: bool = False
) -> None:
    """INSERT plain rows (dicts by attname, no id) without building model instances.

    With `ignore_conflicts`, rows that would break a unique constraint are
    skipped (``ON CONFLICT DO NOTHING``), as ``bulk_create(ignore_conflicts=True)``.
    Only for fields without auto_now/auto_now_add and plain values.
    """
    if not rows:
        return
    names = list(rows[0])
    fields = [model._meta.get_field(name) for name in names]
    if connection.vendor != "postgresql" or not _plain_json(fields):
        model.objects.bulk_create([model(**row) for row in rows], ignore_conflicts=ignore_conflicts)
        return
    columns = ", ".join(f.column for f in fields)
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    # Identifiers come from the model, never from data; the rows are one parameter.
    query = (
        f"INSERT INTO {model._meta.db_table} ({columns}) "  # noqa: S608
        f"SELECT {columns} FROM jsonb_to_recordset(%s::jsonb) AS v({_columns(model, fields)})"
        f"{conflict}"
    )
    if all(f.column == f.attname for f in fields):
        document = json.dumps(rows)
    else:
        document = json.dumps([{f.column: row[f.attname] for f in fields} for row in rows])
    with _cursor() as cursor:
        cursor.execute(query, [document])


def values_in(values: Iterable, cast: str = "text") -> tuple[str, list]:
    """SQL for ``column IN (…)`` over these values, and its parameters.

    On PostgreSQL one JSON array parameter (``SELECT … FROM jsonb_array_elements_text``):
    psycopg's client-side binding splits a query on every ``%s`` and quotes
    each value in Python, which cost more than the lookups themselves for a
    page's hundreds of ids, emails and hashes. Elsewhere one ``%s`` per value.
    `cast` is the SQL type of the column (text, bigint).
    """
    values = list(values)
    if connection.vendor != "postgresql":
        return ", ".join(["%s"] * len(values)) or "NULL", values
    if cast not in ("text", "bigint"):
        raise ValueError(f"unexpected cast {cast!r}")
    sql = f"SELECT value::{cast} FROM jsonb_array_elements_text(%s::jsonb)"  # noqa: S608
    return sql, [json.dumps(values)]


def where_in(queryset: models.QuerySet, name: str, values: Iterable) -> models.QuerySet:
    """``queryset.filter(<name>__in=values)``, with the values as one parameter on PostgreSQL."""
    field = queryset.model._meta.get_field(name)
    if connection.vendor != "postgresql":
        return queryset.filter(**{f"{field.name}__in": list(values)})
    cast = "bigint" if isinstance(field, models.BigAutoField | models.ForeignKey) else "text"
    sql, params = values_in(values, cast)
    # Identifiers come from the model, never from data; the values are one parameter.
    column = f'"{queryset.model._meta.db_table}"."{field.column}"'
    return queryset.extra(where=[f"{column} IN ({sql})"], params=params)  # noqa: S610
