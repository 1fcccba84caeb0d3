"""The property every connector must have, checked over many seeded schedules.

One schedule: an empty simulated CRM is filled; then a few rounds of random
changes at the source (creations, edits, touches without change, archives,
restores, merges, deletions, timestamp ties) each followed by a sync with a
random fault schedule (429s with and without Retry-After, 5xx, hangs, cut
connections, truncated JSON, HTML, expired tokens and cursors, changes made
while the sync paginates) and randomly full or incremental. Then the faults
stop and the sync is re-run until it exits 0: the mirror must equal the
source — every live contact with exactly its fields, nobody duplicated,
tombstones exactly where the source archived, merged or deleted (deletions
that leave no trace at the vendor only after a full run). Then a full run
must leave it exactly so.

``CRM_PROPERTY_SCHEDULES`` sets the number of schedules (200 in CI).
"""

import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from core.agencies import AGENCY_SLUGS
from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from people.models import SourceRecord

from .simulators.base import FAULTS, Simulator, random_schedule

SCHEDULES = int(os.environ.get("CRM_PROPERTY_SCHEDULES", "200"))
MAX_RUNS = 10


@dataclass
class Vendor:
    """What a connector's property test provides."""

    kind: str
    sim: Simulator
    connect: Callable[[str], Connection]
    fill: Callable[[random.Random, str], None]  # the CRM's first contacts
    change: Callable[[random.Random, str], None]  # one random change at the source
    expected: Callable[[], dict[str, dict]]  # source id → normalized data of live contacts
    # Ids deleted at the source in a way incremental reads cannot see.
    unseen_deletions: Callable[[], set[str]] = set
    settle: Callable[[], None] = lambda: None  # the vendor's eventual consistency catches up
    faults: tuple = FAULTS
    stats: dict = field(default_factory=lambda: {"runs": 0, "failed": 0, "faults": 0})


def live_ids(agency: str = "wbmusiques") -> set[str]:
    """Source ids of the agency's live (not tombstoned) records."""
    return set(
        SourceRecord.objects.filter(agency=agency, tombstoned_at__isnull=True).values_list(
            "source_id", flat=True
        )
    )


def mirror(agency: str) -> tuple[dict[str, dict], set[str]]:
    records = SourceRecord.objects.filter(agency=agency, channel="crm").select_related("person")
    live, gone = {}, set()
    for record in records:
        if record.tombstoned_at is None:
            assert record.person is not None and record.person.is_active, record.source_id
            live[record.source_id] = record.data
        else:
            gone.add(record.source_id)
    return live, gone


def converge(vendor: Vendor, connection: Connection, full: bool) -> SyncRun:
    for _ in range(MAX_RUNS):
        run = sync_connection(connection, full=full)
        vendor.stats["runs"] += 1
        if run.status == SyncRun.Status.SUCCEEDED:
            return run
    raise AssertionError(f"no successful run in {MAX_RUNS}: {run.error}")


def one_schedule(vendor: Vendor, seed: int) -> None:
    rng = random.Random(seed)
    sim = vendor.sim
    sim.reset(seed)
    agency = AGENCY_SLUGS[seed % len(AGENCY_SLUGS)]
    SourceRecord.objects.filter(agency=agency).delete()
    Connection.objects.filter(agency=agency).delete()
    connection = vendor.connect(agency)
    tag = f"s{seed}"
    vendor.fill(rng, tag)

    def change_while_reading() -> None:
        sim.clock.small = True
        vendor.change(rng, tag)

    for _ in range(1):
        sim.clock.small = False
        for _ in range(rng.randint(0, 6)):
            vendor.change(rng, tag)
        faults = random_schedule(rng, 10, vendor.faults)
        vendor.stats["faults"] += len(faults)
        sim.plan(faults)
        sim.mutate = change_while_reading
        run = sync_connection(connection, full=rng.random() < 0.3)
        vendor.stats["runs"] += 1
        vendor.stats["failed"] += run.status != SyncRun.Status.SUCCEEDED
    sim.plan({})
    sim.mutate = None
    sim.clock.small = False
    vendor.settle()

    converge(vendor, connection, full=False)
    expected = vendor.expected()
    live, gone = mirror(agency)
    unseen = vendor.unseen_deletions()
    for source_id, data in expected.items():
        assert live.get(source_id) == data, (
            seed,
            source_id,
            live.get(source_id),
            data,
            getattr(sim, "history", None),
        )
    assert set(live) - set(expected) <= unseen, (
        seed,
        set(live) - set(expected),
        unseen,
        getattr(sim, "history", None),
    )
    assert not gone & set(expected), (seed, gone & set(expected))

    converge(vendor, connection, full=True)
    live, gone = mirror(agency)
    assert live == expected, seed
    assert not gone & set(expected), seed


def run_schedules(vendor: Vendor, count: int = SCHEDULES) -> dict:
    for seed in range(count):
        one_schedule(vendor, seed)
    return vendor.stats
