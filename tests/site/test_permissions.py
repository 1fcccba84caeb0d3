"""The permission matrix of the editorial roles (issue 11), through the admin's own views.

Read EXPECTED below as the table of the README's "For communications teams":
what a WBMusiques editor, a WBMusiques publisher, a WBImages editor and a
network coordinator may do with WBMusiques' pages and with the others'.
"""

import pytest
from django.urls import reverse
from wagtail.models import Locale, TaskState
from wagtail_localize.operations import translate_object

from .editorial import agency, client_for, edition_index, member, story_index
from .factories import EditionFactory, StoryFactory

pytestmark = pytest.mark.django_db

ROLES = ["wbmusiques-editor", "wbmusiques-publisher", "wbimages-editor", "coordinator"]


@pytest.fixture
def pages():
    wbm, wbi, wba = agency("wbmusiques"), agency("wbimages"), agency("wbarchitectures")
    story = StoryFactory(parent=story_index(), agencies=[wbm, wba])
    translate_object(story, [Locale.objects.get(language_code="nl")])
    return {
        "agency": wbm,
        "agency_nl": agency("wbmusiques", "nl"),
        "hosted": EditionFactory(parent=edition_index(), host_agency=wbm),
        "attended": EditionFactory(
            parent=edition_index(), host_agency=wba, participating_agencies=[wba, wbm]
        ),
        "story": story,
        "story_nl": story.get_translation(Locale.objects.get(language_code="nl")),
        "other_story": StoryFactory(parent=story_index(), agencies=[wbi]),
    }


def edits(client, page) -> bool:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.id]))
    assert response.status_code in (200, 302, 403)
    return response.status_code == 200


def publishes(user, page) -> bool:
    return page.permissions_for_user(user).can_publish()


EXPECTED = {
    # check: (WBM editor, WBM publisher, WBI editor, coordinator)
    "edit agency page": (True, True, False, True),
    "edit agency page in Dutch": (True, True, False, True),
    "publish agency page": (False, True, False, True),
    "edit hosted edition": (True, True, False, True),
    "edit attended edition": (True, True, False, True),
    "publish attended edition": (False, True, False, True),
    "edit involved story": (True, True, False, True),
    "edit other agency's story": (False, False, True, True),
    "edit Dutch draft of involved story": (True, True, False, True),
    "publish Dutch draft of involved story": (False, True, False, True),
    "create story": (True, True, True, True),
    "create edition": (True, True, True, True),
    "translate involved story": (True, True, False, True),
    "manage sectors": (False, False, False, True),
    "manage venues": (False, False, False, True),
    "read the people directory": (False, False, False, False),
}


def check(name: str, user, client, pages, on_commit) -> bool:
    if name == "edit agency page":
        return edits(client, pages["agency"])
    if name == "edit agency page in Dutch":
        return edits(client, pages["agency_nl"])
    if name == "publish agency page":
        return publishes(user, pages["agency"])
    if name == "edit hosted edition":
        return edits(client, pages["hosted"])
    if name == "edit attended edition":
        return edits(client, pages["attended"])
    if name == "publish attended edition":
        return publishes(user, pages["attended"])
    if name == "edit involved story":
        return edits(client, pages["story"])
    if name == "edit other agency's story":
        return edits(client, pages["other_story"])
    if name == "edit Dutch draft of involved story":
        return edits(client, pages["story_nl"])
    if name == "publish Dutch draft of involved story":
        draft = pages["story_nl"]
        type(draft).objects.filter(pk=draft.pk).update(live=False)  # each role starts over
        url = reverse("wagtailadmin_pages:edit", args=[draft.id])
        with on_commit(execute=True):  # wagtail-localize publishes after the commit
            response = client.post(url, {"action": "publish"})
        assert response.status_code in (302, 403)
        pages["story_nl"].refresh_from_db()
        return pages["story_nl"].live
    if name == "create story":
        url = reverse("wagtailadmin_pages:add", args=("stories", "storypage", story_index().id))
        return client.get(url).status_code == 200
    if name == "create edition":
        url = reverse(
            "wagtailadmin_pages:add", args=("editions", "editionpage", edition_index().id)
        )
        return client.get(url).status_code == 200
    if name == "translate involved story":
        url = reverse("wagtail_localize:submit_page_translation", args=[pages["story"].id])
        response = client.get(url)
        assert response.status_code in (200, 302, 403)
        return response.status_code == 200
    if name == "manage sectors":
        return client.get(reverse("wagtailsnippets_core_sector:add")).status_code == 200
    if name == "manage venues":
        return client.get(reverse("wagtailsnippets_editions_venue:add")).status_code == 200
    if name == "read the people directory":
        return user.has_perm("people.view_person")
    raise AssertionError(name)


@pytest.mark.parametrize("name", list(EXPECTED))
def test_permission_matrix(name, pages, django_capture_on_commit_callbacks):
    results = []
    for role in ROLES:
        user = member(role)
        results.append(
            check(name, user, client_for(user), pages, django_capture_on_commit_callbacks)
        )
    assert tuple(results) == EXPECTED[name], dict(zip(ROLES, results, strict=True))


def test_an_agency_publisher_approves_only_their_agency_submissions(pages):
    editor = member("wbmusiques-editor")
    story = pages["story"]
    story.owner = editor
    story.save_revision(user=editor)
    workflow = story.get_workflow()
    assert str(workflow.name) == "Relecture WBMusiques"
    workflow.start(story, editor)
    state = TaskState.objects.get(workflow_state__object_id=str(story.pk))

    def reviewable(user) -> bool:
        return TaskState.objects.reviewable_by(user).filter(pk=state.pk).exists()

    assert reviewable(member("wbmusiques-publisher"))
    assert reviewable(member("coordinator"))
    assert not reviewable(member("wbimages-publisher"))
    assert not reviewable(editor)


def test_a_story_follows_the_review_of_the_agency_its_author_works_for(pages):
    # Names are shown in the active language (French in the tests).
    wbi_editor = member("wbimages-editor")
    story = StoryFactory(
        parent=story_index(), agencies=[agency("wbmusiques"), agency("wbimages")], owner=wbi_editor
    )
    assert str(story.get_workflow().name) == "Relecture WBImages"
    story.owner = None
    assert str(story.get_workflow().name) == "Relecture WBImages"  # the first agency by name
    assert str(pages["hosted"].get_workflow().name) == "Relecture WBMusiques"  # the host agency
    unlinked = StoryFactory(parent=story_index())
    assert str(unlinked.get_workflow().name) == "Relecture du réseau"


def test_an_editor_is_not_offered_to_translate_another_agencys_story(pages):
    client = client_for(member("wbimages-editor"))
    explorer = client.get(reverse("wagtailadmin_explore", args=[story_index().id]))
    translate = reverse("wagtail_localize:submit_page_translation", args=[pages["story"].id])
    own = reverse("wagtail_localize:submit_page_translation", args=[pages["other_story"].id])
    html = explorer.content.decode()
    assert translate not in html
    assert own in html


def test_publishing_a_submitted_translation_needs_the_agency_publisher(
    pages, django_capture_on_commit_callbacks
):
    client = client_for(member("wbimages-publisher"))
    url = reverse("wagtailadmin_pages:edit", args=[pages["story_nl"].id])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"action": "publish"}).status_code in (302, 403)
    pages["story_nl"].refresh_from_db()
    assert not pages["story_nl"].live


def test_a_submission_is_emailed_to_the_agency_publishers_and_the_coordinators(
    pages, mailoutbox, django_capture_on_commit_callbacks
):
    editor = member("wbmusiques-editor")
    publisher = member("wbmusiques-publisher", language="nl")
    coordinator = member("coordinator")
    member("wbimages-publisher")
    story = pages["story"]
    story.owner = editor
    story.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        story.get_workflow().start(story, editor)
    recipients = {address for message in mailoutbox for address in message.to}
    assert recipients == {publisher.email, coordinator.email}
    dutch = next(m for m in mailoutbox if m.to == [publisher.email])
    assert "Goedkeuring WBMusiques" in dutch.subject + dutch.body
