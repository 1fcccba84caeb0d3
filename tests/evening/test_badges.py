"""Badges: a PDF with the typeface embedded, A4 sheets of ten, single badges, a command."""

import pytest
from django.core.management import call_command

from evening.badges import badges_pdf
from evening.registrants import registrants
from people.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_badges_embed_the_font_and_fill_a4_sheets_of_ten(edition, registrant):
    registrant(edition, "Aaron Host", "design", role="staff")  # a role label on the first badge
    for i in range(11):
        registrant(edition, f"Ŝtefan Łukasz{i}", "music" if i % 2 else None, organisation=None)
    registrant(
        edition, "Αλέξης Παπαδόπουλος", "film-audiovisual", organisation=None
    )  # beyond Figtree's Latin
    data = badges_pdf(edition, registrants(edition.pk))
    assert data.startswith(b"%PDF")
    # TrueType embedded, not a base font: the site's typeface, and DejaVu for
    # the Greek name Figtree cannot draw.
    assert b"/FontFile2" in data and b"Figtree" in data and b"DejaVu" in data
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page>") >= 2 or b"/Count 2" in data
    single = badges_pdf(edition, registrants(edition.pk)[:1], single=True)
    assert b"/Count 1" in single


def test_badges_carry_the_agencies_logos(edition, registrant, caplog):
    from evening.badges import agency_marks

    registrant(edition, "Lieve Peeters", "fashion")
    marks = agency_marks(edition)
    assert marks and all(mark.logo for mark in marks)  # the demo agencies have logos
    with caplog.at_level("WARNING", logger="evening.badges"):
        data = badges_pdf(edition, registrants(edition.pk))
    assert data.startswith(b"%PDF") and "unreadable" not in caplog.text


def test_command_writes_the_pdf_and_records_the_export(edition, registrant, tmp_path):
    registrant(edition, "Lieve Peeters", "fashion")
    output = tmp_path / "badges.pdf"
    call_command("edition_badges", edition.slug, "--output", str(output), "--language", "nl")
    assert output.read_bytes().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", details__purpose="badges").exists()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_sector_colour_has_readable_text_on_it():
    from evening.sectors import COLOURS, NONE, ink

    for slug in [*COLOURS, None]:
        background = COLOURS.get(slug, NONE)
        lighter, darker = sorted((_luminance(background), _luminance(ink(slug))), reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, slug
