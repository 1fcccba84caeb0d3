"""Only people who came count as attendance: registrations, waiting lists, cancellations
and no-shows are never written back to a CRM nor counted in the impact figures; people
who refused contact are checked in like anyone but stay out of mailing exports."""

import pytest
from django.utils import timezone

from crm_sync.models import Connection
from crm_sync.writeback import pending
from evening import checkin
from outcomes.impact import Filters, build_report
from people.export import for_purpose
from people.models import Person, SourceRecord

pytestmark = pytest.mark.django_db


def test_only_attended_is_written_back_to_a_crm(edition, registrant):
    came = registrant(edition, "Anna Came", status="attended", agency="wbimages")
    registrant(edition, "Bert Registered", status="registered", agency="wbimages")
    registrant(edition, "Carl Cancelled", status="cancelled", agency="wbimages")
    SourceRecord.objects.filter(person__isnull=False).update(channel="crm")
    connection = Connection(agency="wbimages")
    assert [row[2] for row in pending(connection)] == [came.pk]


def test_impact_counts_only_people_who_came(past_editions, registrant):
    edition = past_editions[-1]
    registrant(edition, "Anna Came", "music", status="attended")
    registrant(edition, "Nora Noshow", "music", status="no_show")
    registrant(edition, "Carl Cancelled", "music", status="cancelled")
    report = build_report(Filters(edition=edition))
    assert report["attendance"]["attendances"] == 1


def test_refusing_contact_is_checked_in_but_left_out_of_mailings(edition, registrant):
    attendance = registrant(edition, "Rita Refused", contact_consent=False)
    changed, _row = checkin.set_checked_in(edition, attendance.pk, True, None)
    assert changed and checkin.counts(edition).arrived == 1
    mailing = for_purpose(Person.objects.all(), "mailing")
    assert not mailing.filter(pk=attendance.person_id).exists()
    assert attendance.person.attendances.get().checked_in_at <= timezone.now()


def test_the_search_edition_facet_lists_only_editions_people_came_to(edition, registrant):
    from search.documents import people_documents

    came = registrant(edition, "Anna Came", status="attended")
    registered = registrant(edition, "Bert Registered", status="registered")
    ids = [came.person_id, registered.person_id]
    documents = {d["object_id"]: d for d in people_documents(ids)}
    assert documents[came.person_id]["facets"]["edition"] == [edition.slug]
    assert documents[registered.person_id]["facets"]["edition"] == []
