"""What a visitor does, in a real browser: Playwright driving Debian's Chromium.

The site is served by `manage.py runserver` on a database of its own, built
with `migrate` and `load_demo` exactly as `make run` does, and axe-core (from
npm, injected from node_modules, never from a CDN) checks WCAG 2.1 AA.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser import AXE, demo_database, launch, log_in, serve
from tests.own_database import (
    dsn,
    environment,
    manage,
    own_name,
    shell,
)

pytestmark = pytest.mark.browser

DB_NAME = own_name("browser_test")
STAFF_PASSWORD = "browser-test-staff-pw"
DEMO_PASSWORD = "browser-test-demo-pw"


@pytest.fixture(scope="module")
def server_url():
    """A running site with the demo content, like `make run` but on PostgreSQL."""
    demo_database(DB_NAME)
    env = environment(
        DB_NAME,
        SERVE_MEDIA="1",
        CSP_REPORT_ONLY="false",  # the policy is enforced, as in production
        DJANGO_SUPERUSER_USERNAME="staff",
        DJANGO_SUPERUSER_PASSWORD=STAFF_PASSWORD,
        DEMO_USERS_PASSWORD=DEMO_PASSWORD,
    )
    for command in (["ensure_demo_users"], ["ensure_admin"]):
        manage(env, *command).check_returncode()
    with serve(env) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # axe-core is injected as an inline script, which the site's policy refuses:
    # these tests bypass it (the CSP test below does not).
    context = browser.new_context(locale="fr-BE", bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def test_visitor_switches_to_dutch_opens_an_edition_and_filters_stories(page, server_url):
    page.goto(f"{server_url}/")
    expect(page).to_have_url(f"{server_url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(f"{server_url}/nl/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    main_nav = page.get_by_role("navigation", name="Hoofdnavigatie")
    main_nav.get_by_role("link", name="Edities").click()
    past = page.locator("section[aria-labelledby=past] .card-title a").first
    title = past.inner_text()
    past.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Praktische informatie")).to_be_visible()

    # The switcher on an edition leads to the same edition in English.
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/en/" in page.url and page.url.count("/") > 4

    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Stories"
    ).click()
    total = page.locator(".cards .card").count()
    page.get_by_label("Sector").select_option(label="Music")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"[?&]sector=music"))
    filtered = page.locator(".cards .card")
    assert 0 < filtered.count() <= total
    expect(page.get_by_label("Sector")).to_have_value("music")


def test_visitor_keeps_filters_across_languages_and_searches_from_the_header(page, server_url):
    page.goto(f"{server_url}/fr/recits/?sector=music")
    total = page.locator(".cards .card").count()
    assert total > 0
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(f"{server_url}/nl/verhalen/?sector=music")
    expect(page.locator("#filter-sector")).to_have_value("music")
    assert page.locator(".cards .card").count() == total

    # The header's search box, with an unfinished word.
    box = page.get_by_role("search", name="Zoeken op de site").get_by_role("searchbox")
    box.fill("architectu")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/nl/zoeken/\?q=architectu$"))
    first = page.locator("li.search-result").first
    expect(first).to_be_visible()
    expect(first.locator(".search-result-kind")).not_to_be_empty()
    for href in page.locator("li.search-result .card-title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert href.startswith("/nl/")

    # The query follows the visitor to another language.
    page.get_by_role("navigation", name="Taal").get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{server_url}/en/search/?q=architectu")
    page.locator("li.search-result .card-title a").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "/en/" in page.url


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text())
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    # Every impact counts, minor included: the agencies are public bodies.
    return result["violations"]


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_home_edition_and_story_pages_have_no_accessibility_violation(page, server_url, lang):
    assert AXE.exists(), "axe-core missing: run `make browser-deps` (npm ci)"
    urls = {"home": f"{server_url}/{lang}/"}
    page.goto(urls["home"])
    urls["edition"] = page.locator("[aria-labelledby=next-edition] .card-title a").get_attribute(
        "href"
    )
    stories = page.locator("[aria-labelledby=latest-stories] .card-title a")
    urls["story"] = stories.first.get_attribute("href")
    search = {"fr": "recherche", "nl": "zoeken", "en": "search"}[lang]
    urls["search"] = f"{server_url}/{lang}/{search}/?q=design"
    for name, url in urls.items():
        page.goto(url if url.startswith("http") else server_url + url)
        violations = _axe_violations(page)
        details = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
        ]
        assert not violations, f"{name} ({lang}): {details}"


WIDTHS = (320, 390, 768, 1366)
PAGE_MODELS = (
    "homepage",
    "agencyindexpage",
    "agencypage",
    "editionindexpage",
    "editionpage",
    "storyindexpage",
    "storypage",
    "impactpage",
)


def _public_urls(language: str) -> dict[str, str]:
    """The URL of the first live page of each public page type in `language`, the site
    search with a query that finds pages (the first agency's name), and a 404."""
    code = (
        "import json\n"
        "from urllib.parse import urlencode\n"
        "from django.urls import reverse\n"
        "from django.utils import translation\n"
        "from wagtail.models import Page\n"
        f"pages = Page.objects.live().filter(locale__language_code={language!r})"
        ".select_related('content_type').order_by('path')\n"
        "urls = {}\n"
        "for p in pages: urls.setdefault(p.content_type.model, p.get_url())\n"
        "agency = next(p for p in pages if p.content_type.model == 'agencypage')\n"
        f"with translation.override({language!r}): search = reverse('site_search')\n"
        "urls['search'] = search + '?' + urlencode({'q': agency.title})\n"
        "print(json.dumps(urls))"
    )
    import json

    urls = json.loads(_shell(code).splitlines()[-1])
    found = {model: urls[model] for model in PAGE_MODELS if model in urls}
    assert set(found) == set(PAGE_MODELS), f"missing page types in {language}: {urls}"
    found["search"] = urls["search"]
    found["404"] = f"/{language}/page-qui-n-existe-pas/"
    return found


# Elements sticking out past the right edge of the viewport, for the failure message.
OVERFLOWING = """() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0) {
            out.push(`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.right)}px`);
        }
    }
    return {scroll: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}"""


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_every_page_type_fits_phones_tablets_and_desktops_and_passes_axe(
    page, server_url, language
):
    """No sideways scrolling at 320, 390, 768 and 1366 px, no axe-core violation, and
    nothing the page asks for (styles, fonts, images, icons) fails or logs an error."""
    assert AXE.exists(), "axe-core missing: run `make browser-deps` (npm ci)"
    failed, errors, problems = [], [], []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for name, url in _public_urls(language).items():
        failed.clear()
        errors.clear()
        page.set_viewport_size({"width": 1366, "height": 900})
        response = page.goto(server_url + url, wait_until="networkidle")
        assert response.status == (404 if name == "404" else 200), url
        if name == "search":  # the results' own markup is measured, not an empty page
            assert page.locator(".search-result").count() > 0, url
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            measured = page.evaluate(OVERFLOWING)
            if measured["scroll"] > measured["width"]:
                problems.append(f"{name} at {width}px: {measured}")
        violations = _axe_violations(page)
        problems.extend(
            f"{name}: axe {v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
        )
        # The 404 page's own status is expected; nothing else may fail.
        problems.extend(f"{name}: {f}" for f in failed if not f.endswith(url))
        problems.extend(f"{name}: console error {e}" for e in errors if name != "404")
    assert not problems, "\n".join(problems)


def test_browsers_get_the_favicon_and_the_icons_the_pages_announce(page, server_url):
    page.goto(f"{server_url}/nl/")
    favicon = page.request.get(f"{server_url}/favicon.ico")
    assert favicon.status == 200
    assert favicon.headers["content-type"] == "image/x-icon"
    assert favicon.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    hrefs = page.locator("link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest]")
    announced = hrefs.evaluate_all("links => links.map(l => l.href)")
    assert len(announced) == 4
    for href in announced:
        assert page.request.get(href).status == 200, href
    manifest_url = page.locator("link[rel=manifest]").evaluate("link => link.href")
    manifest = page.request.get(manifest_url).json()
    assert manifest["name"] == "Passerelles"
    for icon in manifest["icons"]:
        assert page.request.get(f"{server_url}/static/{icon['src']}").status == 200, icon


def test_staff_search_people_with_suggestions_and_highlights(page, server_url):
    page.goto(f"{server_url}/admin/login/")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.goto(f"{server_url}/admin/people-search/")
    box = page.locator("#ps-q")
    box.fill("lefevr")
    suggestions = page.locator("#ps-suggestions li")
    expect(suggestions.first).to_contain_text("Hélène Lefèvre")
    box.press("Escape")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=lefevr"))
    first = page.locator(".people-search__hit").first
    expect(first.locator("mark").first).to_have_text("Lefèvre")
    first.locator("a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hélène Lefèvre")
    expect(page.get_by_text("wbarchitectures").first).to_be_visible()


def test_the_directory_is_not_reachable_anonymously_in_a_browser(page, server_url):
    page.goto(f"{server_url}/admin/people-search/?q=lefevre")
    assert "/admin/login/" in page.url
    assert "Lefèvre" not in page.content()


def _login(browser, server_url: str, username: str, password: str = DEMO_PASSWORD):
    return log_in(browser, server_url, username, password)


def _shell(code: str) -> str:
    return shell(DB_NAME, code)


def _open_action_menu(page) -> None:
    page.locator(".w-dropdown-button .w-dropdown__toggle").last.click()


def test_an_agency_editor_writes_a_story_its_publisher_schedules_it_and_it_goes_live(
    browser, server_url
):
    title = "Une chanson pour un défilé"
    index_id = _shell(
        "from stories.models import StoryIndexPage;"
        "print(StoryIndexPage.objects.get(locale__language_code='fr').id)"
    )

    # A WBMusiques editor writes the story and submits it for review.
    page = _login(browser, server_url, "wbmusiques-editor")
    page.goto(f"{server_url}/admin/pages/add/stories/storypage/{index_id}/")
    page.fill("#id_title", title)
    page.fill("#id_summary", "Une styliste et un compositeur se sont rencontrés à Passerelles.")
    page.select_option("#id_kind", "commission")
    page.get_by_label("WBMusiques", exact=True).check()
    _open_action_menu(page)
    page.get_by_role("button", name="Soumettre pour modération").click()
    expect(page.get_by_text(title).first).to_be_visible()
    page.context.close()
    public_url = _shell(
        f"from stories.models import StoryPage; p = StoryPage.objects.get(title={title!r});"
        "print(p.get_url())"
    )

    # A WBMusiques publisher finds it awaiting review, schedules it an hour ahead, approves.
    page = _login(browser, server_url, "wbmusiques-publisher")
    page.get_by_role("link", name=title).first.click()
    page.locator('[data-side-panel-toggle="status"]').click()
    expect(page.get_by_text("Envoyé vers Validation WBMusiques").first).to_be_visible()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    go_live = datetime.now(ZoneInfo("Europe/Brussels")) + timedelta(hours=1)
    page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    save = page.locator("#schedule-publishing-dialog").get_by_role(
        "button", name="Enregistrer la programmation"
    )
    save.focus()  # the date picker covers the button: submit from the keyboard
    page.keyboard.press("Enter")
    expect(page.get_by_text("a été mise à jour")).to_be_visible()  # saved with its schedule
    _open_action_menu(page)
    page.get_by_role("button", name="Approuver et Publier").click()
    page.wait_for_url(f"{server_url}/admin/pages/{index_id}/")
    page.context.close()

    # Approved and scheduled: not public yet, not even after the scheduler runs now.
    visitor = browser.new_context(locale="fr-BE").new_page()
    assert visitor.goto(server_url + public_url).status == 404
    manage(environment(DB_NAME), "publish_scheduled").check_returncode()
    assert visitor.goto(server_url + public_url).status == 404

    # When its time has come (the scheduler's clock moved past the go-live time), it is live.
    _shell(
        "import datetime\n"
        "from unittest import mock\n"
        "from django.core.management import call_command\n"
        "from django.utils import timezone\n"
        "later = timezone.now() + datetime.timedelta(hours=2)\n"
        "with mock.patch.object(timezone, 'now', return_value=later):\n"
        "    call_command('publish_scheduled')\n"
    )
    assert visitor.goto(server_url + public_url).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    visitor.context.close()


# Every frame records the Content-Security-Policy violations it sees.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(
    [e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(" ")));
"""


def _page_ids() -> dict[tuple[str, str], int]:
    """The first page of each type in each language, by (language, model)."""
    import psycopg

    with psycopg.connect(dsn(DB_NAME)) as conn:
        rows = conn.execute(
            "SELECT l.language_code, ct.model, p.id FROM wagtailcore_page p "
            "JOIN wagtailcore_locale l ON l.id = p.locale_id "
            "JOIN django_content_type ct ON ct.id = p.content_type_id ORDER BY p.path"
        ).fetchall()
    ids: dict[tuple[str, str], int] = {}
    for language, model, page_id in rows:
        ids.setdefault((language, model), page_id)
    return ids


def test_the_site_and_the_admin_run_under_the_content_security_policy(browser, server_url):
    """Public pages and the admin screens staff use, loaded under the enforced
    policy, with their scripts running: not one violation, in any frame."""
    context = browser.new_context(locale="fr-BE")
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    reported = []
    page.on(
        "console",
        lambda message: (
            reported.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    violations = []

    def check(url: str, then=None) -> None:
        response = page.goto(url if url.startswith("http") else server_url + url)
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy and "object-src 'none'" in policy, url
        page.wait_for_load_state("networkidle")
        if then:
            then()
        for frame in page.frames:
            found = frame.evaluate("window.__cspViolations || []")
            violations.extend(f"{frame.url}: {v}" for v in found)

    ids = _page_ids()
    # The public site, in its three languages, as a visitor goes through it.
    for language in ("fr", "nl", "en"):
        check(f"/{language}/")
    page.goto(server_url + "/fr/")
    for selector in (
        "[aria-labelledby=next-edition] .card-title a",
        "[aria-labelledby=latest-stories] .card-title a",
    ):
        check(page.locator(selector).first.get_attribute("href"))
        page.goto(server_url + "/fr/")
    # Every section the header links to (agencies, editions, stories …).
    for href in page.locator("header nav a").evaluate_all("links => links.map(a => a.href)"):
        check(href)
    check(server_url + "/fr/page-qui-n-existe-pas/")

    # The admin: sign in, then the screens of editors, staff and CRM admins.
    check("/admin/login/")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", STAFF_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")

    def open_preview() -> None:
        page.locator('[data-side-panel-toggle="preview"]').first.click()
        page.wait_for_timeout(1500)

    def type_a_search() -> None:
        page.locator("#ps-q").fill("lefevr")
        expect(page.locator("#ps-suggestions li").first).to_be_visible()

    check("/admin/")
    check(f"/admin/pages/{ids[('fr', 'homepage')]}/")
    check(f"/admin/pages/{ids[('fr', 'editionpage')]}/edit/")
    check(f"/admin/pages/{ids[('fr', 'storypage')]}/edit/", open_preview)
    check(f"/admin/pages/{ids[('nl', 'storypage')]}/edit/")  # wagtail-localize's editor
    check("/admin/people-search/", type_a_search)
    check("/admin/crm_connections/")
    check("/admin/crm_connections/new/")
    check("/admin/crm/import/")
    check("/admin/images/")
    check("/admin/documents/")
    check("/admin/reports/site-history/")
    check("/admin/users/")
    context.close()
    assert not violations, violations
    assert not reported, reported
