"""Attendance written back to each vendor's CRM, in its idiom, against the simulators."""

import pytest
from django.utils import timezone

from crm_sync.engine import sync_connection
from crm_sync.models import AttendanceWriteBack, SyncRun
from editions.models import EditionPage
from people.contact import Contact
from people.models import Attendance, Person
from people.sources import apply_contacts

from . import test_dynamics, test_hubspot, test_odoo, test_salesforce
from .simulators.dynamics import DynamicsSimulator
from .simulators.hubspot import HubSpotSimulator
from .simulators.odoo import OdooSimulator
from .simulators.salesforce import SalesforceSimulator

pytestmark = pytest.mark.django_db


class HubSpot:
    def __init__(self, monkeypatch):
        self.sim = HubSpotSimulator(token=test_hubspot.TOKEN).start()
        self.sim.scopes += ["crm.objects.contacts.write", "crm.schemas.contacts.write"]
        self.connect = lambda: test_hubspot.connect(self.sim, monkeypatch, write_attendance=True)

    def add(self, n):
        return self.sim.create(firstname=f"P{n}", lastname=f"N{n}", email=f"wb{n}@example.org")

    def remove(self, source_id):
        self.sim.gdpr_delete(source_id)

    def attendees(self, edition):
        return {
            str(k)
            for k, r in self.sim.records.items()
            if edition.slug in (r["properties"].get("passerelles_editions") or "").split(";")
        }


class Salesforce:
    def __init__(self, monkeypatch):
        self.sim = SalesforceSimulator(client_secret=test_salesforce.SECRET).start()
        self.connect = lambda: test_salesforce.connect(self.sim, monkeypatch, write_attendance=True)

    def add(self, n):
        return self.sim.create(FirstName=f"P{n}", LastName=f"N{n}", Email=f"wb{n}@example.org")

    def remove(self, source_id):
        self.sim.purge(source_id)

    def attendees(self, edition):
        campaigns = {
            k for k, c in self.sim.tables["Campaign"].items() if edition.title in c["Name"]
        }
        assert len(campaigns) <= 1, "one campaign per edition"
        members = [
            m["ContactId"]
            for m in self.sim.tables["CampaignMember"].values()
            if m["CampaignId"] in campaigns
        ]
        assert len(members) == len(set(members)), "nobody twice"
        return set(members)


class Odoo:
    def __init__(self, monkeypatch):
        self.sim = OdooSimulator(api_key=test_odoo.KEY).start()
        self.connect = lambda: test_odoo.connect(self.sim, monkeypatch, write_attendance=True)

    def add(self, n):
        return str(self.sim.create(name=f"P{n} N{n}", email=f"wb{n}@example.org"))

    def remove(self, source_id):
        self.sim.unlink(int(source_id))

    def attendees(self, edition):
        tags = {k for k, c in self.sim.categories.items() if edition.title in c["name"]}
        assert len(tags) <= 1
        return {str(k) for k, p in self.sim.partners.items() if tags & set(p["category_id"])}


class Dynamics:
    def __init__(self, monkeypatch):
        self.sim = DynamicsSimulator(client_secret=test_dynamics.SECRET).start()
        self.connect = lambda: test_dynamics.connect(self.sim, monkeypatch, write_attendance=True)

    def add(self, n):
        return self.sim.create(
            firstname=f"P{n}", lastname=f"N{n}", emailaddress1=f"wb{n}@example.org"
        )

    def remove(self, source_id):
        self.sim.delete(source_id)

    def attendees(self, edition):
        lists = [k for k, v in self.sim.lists.items() if edition.title in v["listname"]]
        assert len(lists) <= 1
        return set(self.sim.members.get(lists[0], set())) if lists else set()


@pytest.fixture(params=[HubSpot, Salesforce, Odoo, Dynamics], ids=lambda c: c.__name__)
def vendor(request, monkeypatch, fast_http):
    vendor = request.param(monkeypatch)
    yield vendor
    vendor.sim.stop()


def attend(email: str, edition) -> None:
    Attendance.objects.create(person=Person.objects.get(email=email), edition=edition)


def test_attendance_is_written_once_only_for_contacts_the_crm_knows(vendor, locales):
    spring = EditionPage.objects.get(locale=locales["fr"], slug="printemps-2025")
    ids = [vendor.add(n) for n in range(4)]
    connection = vendor.connect()
    assert sync_connection(connection).status == SyncRun.Status.SUCCEEDED
    # Someone only another agency knows: never created in this CRM.
    apply_contacts(
        "wbimages", "crm", [Contact("x1", timezone.now(), "Zoé", "Ailleurs", ["zoe@example.org"])]
    )
    for email in ("wb0@example.org", "wb1@example.org", "wb3@example.org", "zoe@example.org"):
        attend(email, spring)
    vendor.remove(ids[3])  # gone from the CRM since the last sync

    dry = sync_connection(connection, dry_run=True)
    # The dry run is the real run rolled back: a vendor whose incremental read
    # reports deletions (Dynamics' change tracking) shows it that id 3 is gone,
    # as it shows the real run; the others learn it when writing.
    listed = [ids[0], ids[1]] if isinstance(vendor, Dynamics) else [ids[0], ids[1], ids[3]]
    assert dry.written_back == len(listed)
    assert sorted(item["source_id"] for item in dry.writeback_plan) == sorted(listed)
    assert vendor.attendees(spring) == set()  # listed, not written

    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert run.written_back == 2
    assert vendor.attendees(spring) == {ids[0], ids[1]}

    again = sync_connection(connection)
    assert again.written_back == 0
    assert vendor.attendees(spring) == {ids[0], ids[1]}

    # Even with the ledger lost (a run killed between the CRM's answer and the
    # commit), nothing is written twice at the vendor.
    AttendanceWriteBack.objects.all().delete()
    sync_connection(connection)
    assert vendor.attendees(spring) == {ids[0], ids[1]}


def test_nothing_is_written_without_the_opt_in(vendor, locales):
    spring = EditionPage.objects.get(locale=locales["fr"], slug="printemps-2025")
    vendor.add(0)
    connection = vendor.connect()
    connection.write_attendance = False
    connection.save()
    sync_connection(connection)
    attend("wb0@example.org", spring)
    run = sync_connection(connection)
    assert run.written_back == 0
    assert vendor.attendees(spring) == set()
