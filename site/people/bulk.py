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
"""

import json
from collections.abc import Sequence

from django.db import connection, models


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
    rows = []
    for obj in objs:
        row = {}
        for f, is_auto, is_date in zip(fields, auto, dates, strict=True):
            value = f.pre_save(obj, add) if is_auto else getattr(obj, f.attname)
            if is_date and value is not None:
                value = f.get_prep_value(value).isoformat()  # aware, as Django would send it
            row[f.column] = value
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
    with connection.cursor() as cursor:
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
    with connection.cursor() as cursor:
        cursor.execute(query, [_document(objs, [pk, *fields], add=False)])
