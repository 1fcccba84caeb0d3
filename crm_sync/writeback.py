"""Attendance written back to the agencies' CRMs (for connections that opt in).

Staff record who came to an edition (``people.Attendance``). For a
connection with ``write_attendance`` on, each run tells that agency's CRM
about the attendance of the people it already knows — a live source record
of that agency — in the vendor's idiom (the connector's
``write_attendance``). It never creates a contact. A ledger
(``AttendanceWriteBack``) keeps what the CRM confirmed, so a repeated run
sends nothing again; the vendor operations are idempotent as well, so a run
killed between the CRM's answer and the ledger's commit writes nothing twice
either. A dry run lists what would be sent and sends nothing.
"""

import logging
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from people.models import Attendance, SourceRecord

from .connectors.base import EditionRef
from .models import AttendanceWriteBack

logger = logging.getLogger(__name__)

# Contacts sent to the CRM in one call (the smallest vendor batch: Salesforce's 200).
CHUNK = 100


def pending(connection) -> list[tuple[int, str, int]]:
    """(record id, source id, attendance id) to write: attendance of people this CRM knows,
    not yet confirmed by it."""
    rows = SourceRecord.objects.filter(
        agency=connection.agency,
        channel=SourceRecord.Channel.CRM,
        tombstoned_at__isnull=True,
        # Only people who came: registrations, waiting lists, cancellations
        # and no-shows (issue 14) are not attendance.
        person__attendances__status=Attendance.Status.ATTENDED,
    ).values_list("id", "source_id", "person__attendances__id")
    rows = sorted(set(rows), key=lambda row: (row[2], row[1]))
    done = set(
        AttendanceWriteBack.objects.filter(record_id__in={r[0] for r in rows}).values_list(
            "record_id", "attendance_id"
        )
    )
    return [row for row in rows if (row[0], row[2]) not in done]


def write_back(connection, connector, run, *, dry_run: bool) -> int:
    """Write pending attendance to the CRM; return how many it recorded (or would record).

    The planned writes are left on ``run.writeback_plan`` for reports:
    ``{"source_id", "edition", "written"}`` per contact and edition.
    """
    run.writeback_plan = []
    if not getattr(connection, "write_attendance", False):
        return 0
    todo = pending(connection)
    if not todo:
        return 0
    attendances = Attendance.objects.select_related("edition").in_bulk({r[2] for r in todo})
    by_edition: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for row in todo:
        by_edition[attendances[row[2]].edition_id].append(row)
    written = 0
    for rows in by_edition.values():
        edition = attendances[rows[0][2]].edition
        ref = EditionRef(
            key=edition.slug,
            title=edition.title,
            date=timezone.localtime(edition.start).date() if edition.start else None,
        )
        if dry_run:
            run.writeback_plan += [
                {"source_id": sid, "edition": ref.key, "written": False} for _, sid, _ in rows
            ]
            written += len(rows)
            continue
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            confirmed = set(connector.write_attendance(ref, [sid for _, sid, _ in chunk]))
            done = [row for row in chunk if row[1] in confirmed]
            with transaction.atomic():
                AttendanceWriteBack.objects.bulk_create(
                    [AttendanceWriteBack(record_id=r[0], attendance_id=r[2]) for r in done],
                    ignore_conflicts=True,
                )
            written += len(done)
            run.writeback_plan += [
                {"source_id": sid, "edition": ref.key, "written": sid in confirmed}
                for _, sid, _ in chunk
            ]
            skipped = len(chunk) - len(done)
            if skipped:
                logger.info(
                    "%s: %s contacts no longer in the CRM; attendance not written",
                    connection.agency,
                    skipped,
                )
    return written
