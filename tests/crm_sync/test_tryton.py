"""The Tryton connector against a real trytond server (party module)."""

import time

import pytest

from crm_sync.engine import sync_connection
from crm_sync.models import Connection, SyncRun
from people.models import Person, SourceRecord

from .tryton_server import ADMIN_PASSWORD, admin_rpc

pytestmark = pytest.mark.django_db


def connect(server, agency, database) -> Connection:
    return Connection.objects.create(
        agency=agency,
        kind="tryton",
        url=server.url,
        database=database,
        user="admin",
        secret_env=f"PASSERELLES_CRM_{agency.upper()}_PASSWORD",
    )


def party(rpc, name, email=None, phone=None, city=None, country=None, code=None):
    mechanisms = []
    if email:
        mechanisms.append({"type": "email", "value": email})
    if phone:
        mechanisms.append({"type": "phone", "value": phone})
    values = {"name": name, "contact_mechanisms": [["create", mechanisms]]}
    if city:
        address = {"city": city}
        if country:
            address["country"] = country
        values["addresses"] = [["create", [address]]]
    if code:
        values["code"] = code
    (party_id,) = rpc.model("party.party", "create", [values])
    return party_id


def belgium(rpc) -> int:
    (country_id,) = rpc.model("country.country", "create", [{"name": "Belgique", "code": "BE"}])
    return country_id


def tick():
    # Tryton timestamps have microseconds; make sure edits land after the cursor.
    time.sleep(0.05)


def test_first_full_sync_mirrors_parties_with_their_contact_details(tryton):
    rpc = admin_rpc(tryton, "wbm")
    be = belgium(rpc)
    party(rpc, "Hélène Lefèvre", "helene@atelier.example", "+32 4 223 45 67", "Liège", be)
    party(rpc, "Sarah Van den Bossche", "sarah@vdb.example", city="Gent", country=be)
    party(rpc, "Collectif Sans Nom")  # no email: stored, identified by name
    connection = connect(tryton, "wbmusiques", "wbm")
    run = sync_connection(connection, full=True)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert (run.fetched, run.created, run.failed) == (3, 3, 0)
    helene = Person.objects.get(email="helene@atelier.example")
    assert (helene.first_name, helene.last_name) == ("Hélène", "Lefèvre")
    assert helene.city == "Liège" and helene.country == "Belgique"
    assert helene.phone == "3242234567"
    assert helene.provenance["email"]["agency"] == "wbmusiques"
    sarah = Person.objects.get(email="sarah@vdb.example")
    assert sarah.last_name == "Van den Bossche"

    again = sync_connection(connection)
    assert (again.created, again.updated) == (0, 0)


def test_incremental_sync_picks_up_edits_to_parties_and_to_their_emails(tryton):
    rpc = admin_rpc(tryton, "wbm")
    anna = party(rpc, "Anna Claes", "anna@example.org")
    bert = party(rpc, "Bert Peeters", "bert@example.org")
    connection = connect(tryton, "wbmusiques", "wbm")
    sync_connection(connection, full=True)
    tick()
    rpc.model("party.party", "write", [anna], {"name": "Anna Claes-Martin"})
    (mechanism,) = rpc.model("party.party", "read", [bert], ["contact_mechanisms"])[0][
        "contact_mechanisms"
    ]
    rpc.model("party.contact_mechanism", "write", [mechanism], {"value": "bert.p@example.org"})
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert run.updated == 2
    assert Person.objects.get(email="anna@example.org").last_name == "Claes-Martin"
    assert Person.objects.filter(email="bert.p@example.org").exists()


def test_archived_and_deleted_parties_are_tombstoned(tryton):
    rpc = admin_rpc(tryton, "wbm")
    keep = party(rpc, "Chloé Dumont", "chloe@example.org")
    archived = party(rpc, "David Leroy", "david@example.org")
    deleted = party(rpc, "Emma Janssens", "emma@example.org")
    connection = connect(tryton, "wbmusiques", "wbm")
    sync_connection(connection, full=True)
    tick()
    rpc.model("party.party", "write", [archived], {"active": False})
    incremental = sync_connection(connection)
    assert incremental.deleted == 1
    rpc.model("party.party", "delete", [deleted])
    full = sync_connection(connection, full=True)
    assert full.deleted == 1
    live = SourceRecord.objects.filter(tombstoned_at__isnull=True)
    assert list(live.values_list("source_id", flat=True)) == [str(keep)]
    assert set(Person.objects.filter(is_active=True).values_list("email", flat=True)) == {
        "chloe@example.org"
    }
    assert Person.objects.filter(is_active=False).count() == 2


def test_two_tryton_databases_as_two_agencies_share_people_by_email(tryton):
    wbm, wbi = admin_rpc(tryton, "wbm"), admin_rpc(tryton, "wbi")
    party(wbm, "Fatima El Amrani", "Fatima.ElAmrani@example.org", code="F1")
    party(wbi, "Fatima El Amrani", "fatima.elamrani@example.org ", "+32 2 555 01 01", code="F2")
    party(wbi, "Gilles Renard", "gilles@example.org", code="G1")
    runs = [
        sync_connection(connect(tryton, "wbmusiques", "wbm"), full=True),
        sync_connection(connect(tryton, "wbimages", "wbi"), full=True),
    ]
    assert all(r.status == SyncRun.Status.SUCCEEDED for r in runs)
    fatima = Person.objects.get(email="fatima.elamrani@example.org")
    assert set(fatima.source_records.values_list("agency", flat=True)) == {
        "wbmusiques",
        "wbimages",
    }
    assert fatima.phone == "3225550101"
    assert Person.objects.count() == 2


def test_a_run_killed_mid_way_resumes_from_its_checkpoint(tryton, monkeypatch):
    rpc = admin_rpc(tryton, "wbm")
    for n in range(12):
        party(rpc, f"Personne {n:02d}", f"p{n:02d}@example.org", code=f"P{n:02d}")
    connection = connect(tryton, "wbmusiques", "wbm")
    monkeypatch.setattr("crm_sync.connectors.tryton.TrytonConnector.page_size", 5)

    def die_after_two_pages(progress):
        if progress.run.fetched >= 10:
            raise KeyboardInterrupt  # the operator's Ctrl-C, or the host going down

    with pytest.raises(KeyboardInterrupt):
        sync_connection(connection, full=True, on_page=die_after_two_pages)
    killed = SyncRun.objects.get()
    assert killed.status == SyncRun.Status.INTERRUPTED
    assert SourceRecord.objects.count() == 10
    resumed = sync_connection(connection, full=True)
    assert resumed.resumed_from_id == killed.id
    assert (resumed.fetched, resumed.created) == (2, 2)
    assert sorted(Person.objects.values_list("email", flat=True)) == [
        f"p{n:02d}@example.org" for n in range(12)
    ]


def test_a_wrong_password_fails_the_run_without_leaking_the_secret(tryton, monkeypatch, caplog):
    monkeypatch.setenv("PASSERELLES_CRM_WBMUSIQUES_PASSWORD", "definitely-wrong-pw")
    connection = Connection.objects.create(
        agency="wbmusiques",
        kind="tryton",
        url=tryton.url,
        database="wbm",
        user="nobody",  # another login name: Tryton delays repeated failures per login
        secret_env="PASSERELLES_CRM_WBMUSIQUES_PASSWORD",
    )
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.FAILED
    assert "definitely-wrong-pw" not in run.error
    assert "definitely-wrong-pw" not in caplog.text


def test_a_tryton_server_that_is_down_fails_only_its_connection(tryton, monkeypatch):
    monkeypatch.setattr("crm_sync.http.time.sleep", lambda seconds: None)
    rpc = admin_rpc(tryton, "wbi")
    party(rpc, "Hugo Martin", "hugo@example.org")
    down = Connection.objects.create(
        agency="wbmusiques",
        kind="tryton",
        url="http://127.0.0.1:9",  # nothing listens on the discard port
        database="wbm",
        user="admin",
        secret_env="PASSERELLES_CRM_WBMUSIQUES_PASSWORD",
    )
    up = connect(tryton, "wbimages", "wbi")
    first = sync_connection(down)
    second = sync_connection(up)
    assert first.status == SyncRun.Status.FAILED
    assert second.status == SyncRun.Status.SUCCEEDED
    assert Person.objects.filter(email="hugo@example.org").exists()


def test_attendance_is_written_back_as_a_party_category(tryton, locales):
    from crm_sync.models import AttendanceWriteBack
    from editions.models import EditionPage
    from people.models import Attendance

    rpc = admin_rpc(tryton, "wbm")
    came = party(rpc, "Inès Lambert", "ines@example.org")
    stayed = party(rpc, "Jan Peeters", "jan@example.org")
    connection = connect(tryton, "wbmusiques", "wbm")
    connection.write_attendance = True
    connection.save()
    sync_connection(connection, full=True)
    spring = EditionPage.objects.get(locale=locales["fr"], slug="printemps-2025")
    Attendance.objects.create(person=Person.objects.get(email="ines@example.org"), edition=spring)
    run = sync_connection(connection)
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    assert run.written_back == 1

    def categories(party_id):
        (row,) = rpc.model("party.party", "read", [party_id], ["categories.name"])
        return [c["name"] for c in row["categories."]]

    assert categories(came) == [f"Passerelles: {spring.title} ({spring.start.date()})"]
    assert categories(stayed) == []
    AttendanceWriteBack.objects.all().delete()  # the ledger lost: still written once
    sync_connection(connection)
    assert len(categories(came)) == 1


def test_check_reads_one_page_and_reports_access(tryton):
    from crm_sync.connectors.tryton import TrytonConnector

    rpc = admin_rpc(tryton, "wbm")
    party(rpc, "Karim Dubois", "karim@example.org")
    connection = connect(tryton, "wbmusiques", "wbm")
    connection.write_attendance = True
    report = TrytonConnector(connection, ADMIN_PASSWORD).check()
    assert report.ok, (report.missing, report.error)
    assert any("1" in line for line in report.seen)
