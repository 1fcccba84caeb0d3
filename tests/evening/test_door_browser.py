"""The door in real browsers: two tablets check in the same 50 people at once and the
count ends at 50; the page is usable with the keyboard, speaks three languages and has
no accessibility violation (axe-core).

The site is served by `manage.py runserver` on a database of its own, loaded as
`make run` does (`load_demo` registers people for the next edition); each tablet is
its own Chromium (Playwright + Debian's Chromium), driven from its own thread.
"""

import json
import threading

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser import AXE, demo_database, launch, log_in, require_chromium, serve
from tests.own_database import environment, own_name, shell

pytestmark = pytest.mark.browser

DB_NAME = own_name("evening_browser")
PASSWORD = "door-browser-test-pw"


def _shell(code: str) -> str:
    return shell(DB_NAME, code)


@pytest.fixture(scope="module")
def site():
    """The demo site served on a free port, with two door staff accounts."""
    require_chromium()
    demo_database(DB_NAME)
    env = environment(DB_NAME, CSP_REPORT_ONLY="false")
    facts = json.loads(
        _shell(
            "import json\n"
            "from django.contrib.auth.models import Group, User\n"
            "from django.utils import timezone\n"
            "from editions.models import EditionPage\n"
            "from people.models import Attendance\n"
            "for name in ('door-a', 'door-b'):\n"
            f"    u = User.objects.create_user(name, password='{PASSWORD}')\n"
            "    u.groups.add(Group.objects.get(name='Event staff'))\n"
            "e = EditionPage.objects.filter(locale__language_code='fr', start__gte=timezone.now())"
            ".order_by('start').first()\n"
            "rows = list(Attendance.objects.filter(edition=e, status='registered', role='guest')"
            ".order_by('id').values_list('id', 'person__last_name'))\n"
            "print(json.dumps({'edition': e.pk, 'people': rows[:50], 'others': rows[50:53]}))"
        ).splitlines()[-1]
    )
    with serve(env) as url:
        yield {"url": url, **facts}


def _login(playwright, url: str, username: str, locale: str = "fr-BE"):
    browser = launch(playwright)
    return browser, log_in(browser, url, username, PASSWORD, locale=locale, bypass_csp=True)


def _tablet(site: dict, username: str, people: list, errors: list, start: threading.Barrier):
    try:
        with sync_playwright() as playwright:
            browser, page = _login(playwright, site["url"], username)
            page.goto(f"{site['url']}/admin/evening/{site['edition']}/door/")
            start.wait(timeout=120)
            for attendance_id, last_name in people:
                page.fill("#door-q", last_name)
                item = page.locator(f'#door-results li[data-id="{attendance_id}"]')
                button = item.locator("button")
                expect(button).to_be_visible(timeout=20_000)
                if "is-in" not in (item.get_attribute("class") or ""):
                    button.click()
                    expect(item).to_have_class("door-person is-in", timeout=20_000)
            browser.close()
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(f"{username}: {error}")


def test_two_tablets_check_in_the_same_fifty_people_and_the_count_ends_at_fifty(site):
    people = site["people"]
    assert len(people) == 50, "the demo's next edition should have 50 registered guests"
    errors: list[str] = []
    start = threading.Barrier(2)
    tablets = [
        threading.Thread(target=_tablet, args=(site, "door-a", people, errors, start)),
        # The other tablet takes them in the opposite order: they cross in the middle.
        threading.Thread(target=_tablet, args=(site, "door-b", people[::-1], errors, start)),
    ]
    for tablet in tablets:
        tablet.start()
    for tablet in tablets:
        tablet.join(timeout=900)
    assert errors == []
    ids = [attendance_id for attendance_id, _name in people]
    arrived = _shell(
        "from people.models import Attendance\n"
        f"print(Attendance.objects.filter(id__in={ids}, status='attended').count(),"
        f" Attendance.objects.filter(edition_id={site['edition']}, status='attended').count())"
    )
    assert arrived == "50 50"
    with sync_playwright() as playwright:
        browser, page = _login(playwright, site["url"], "door-a")
        page.goto(f"{site['url']}/admin/evening/{site['edition']}/door/")
        expect(page.locator('[data-count="arrived"]')).to_have_text("50")
        browser.close()


@pytest.mark.parametrize(
    ("index", "locale", "label", "check_in", "done"),
    [
        (
            0,
            "fr-BE",
            "Nom ou organisation (trois lettres au moins)",
            "Enregistrer l’arrivée",
            "Annuler",
        ),
        (1, "nl-BE", "Naam of organisatie (minstens drie letters)", "Aanmelden", "Ongedaan maken"),
        (2, "en-GB", "Name or organisation (three letters at least)", "Check in", "Undo"),
    ],
)
def test_the_door_works_with_the_keyboard_in_three_languages_without_axe_violations(
    site, index, locale, label, check_in, done
):
    assert AXE.exists(), "axe-core missing: run `make browser-deps` (npm ci)"
    attendance_id, last_name = site["others"][index]
    with sync_playwright() as playwright:
        browser, page = _login(playwright, site["url"], "door-b", locale)
        page.goto(f"{site['url']}/admin/evening/{site['edition']}/door/")
        page.get_by_label(label).focus()
        page.keyboard.type(last_name)
        item = page.locator(f'#door-results li[data-id="{attendance_id}"]')
        expect(item).to_be_visible()
        expect(page.locator("#door-status")).not_to_be_empty()
        # Tab from the search box reaches the search button, then each result's action.
        page.keyboard.press("Tab")
        for _ in range(25):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.closest('li')?.dataset.id") == str(
                attendance_id
            ):
                break
        assert check_in in page.evaluate("document.activeElement.textContent")
        page.keyboard.press("Enter")
        expect(item).to_have_class("door-person is-in")
        # Focus stays on the person's action, now the undo, and the status says what happened.
        expect(page.locator(":focus")).to_contain_text(done)
        expect(page.locator("#door-status")).to_contain_text(last_name)
        page.add_script_tag(content=AXE.read_text())
        result = page.evaluate(
            """async () => await axe.run('#door', {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
            })"""
        )
        assert [(v["id"], v["nodes"][0]["target"]) for v in result["violations"]] == []
        browser.close()
