"""The editorial roles of the six agencies, made of Wagtail's own pieces.

`setup_roles()` (``manage.py setup_roles``, run by ``make run``) creates what
is missing and never removes what an administrator added:

- per agency, two groups: ``<Agency> editors`` may edit their agency's page,
  create editions and stories, edit those their agency hosts, takes part in
  or is involved in, translate them and submit them for review;
  ``<Agency> publishers`` may do the same and publish, schedule and approve;
- ``Network coordinators`` may do everything on the public site, approve any
  review and manage sectors, venues, media and redirects;
- per agency, a workflow ``<Agency> review`` with one group approval task
  (``<Agency> approval``: the agency's publishers or the coordinators),
  assigned to the agency's page in every language; editions and stories
  follow the workflow of their lead agency (see ``core.editorial``);
  ``Network review`` (the coordinators) is assigned to the home pages, for
  everything no agency leads;
- a media collection per agency, under the root collection ``Passerelles``;
- ``Event staff`` may open the admin and check people in at an evening's
  door (``evening.check_in``), and nothing else: the door shows a
  registrant's name, organisation and sector, never the directory.

Page permissions are ordinary ``GroupPagePermission`` rows on the agency
pages (change; publishers also publish) and on the French edition and story
indexes (add); the permission policy in ``core.editorial`` extends the
agency-page rows to the editions and stories linked to that agency. Directory
and CRM permissions are not part of these roles.

The names are stored as message ids and shown translated (``passerelles.names``).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_noop
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from agencies.models import AgencyPage
from core.agencies import AGENCY_SLUGS
from editions.models import EditionIndexPage
from home.models import HomePage
from passerelles.names import owned_name
from stories.models import StoryIndexPage

# How each agency is named in group, workflow and collection names.
AGENCY_NAMES = {
    "wbmusiques": "WBMusiques",
    "wbimages": "WBImages",
    "wbtheatredanse": "WBThéâtreDanse",
    "wbarchitectures": "WBArchitectures",
    "wbcampus": "WBCampus",
    "wbdm": "WBDM",
}
assert set(AGENCY_NAMES) == set(AGENCY_SLUGS)

EDITORS = gettext_noop("%(agency)s editors")
PUBLISHERS = gettext_noop("%(agency)s publishers")
REVIEW = gettext_noop("%(agency)s review")
APPROVAL = gettext_noop("%(agency)s approval")
COORDINATORS = owned_name(gettext_noop("Network coordinators"))
NETWORK_REVIEW = owned_name(gettext_noop("Network review"))
COORDINATORS_APPROVAL = owned_name(gettext_noop("Coordinators' approval"))
# People at the door of an evening: check-in only (name, organisation, sector),
# none of the directory's permissions.
EVENT_STAFF = owned_name(gettext_noop("Event staff"))
# Created by Wagtail's own migrations; named in the admin's language too.
owned_name(gettext_noop("Moderators"))
owned_name(gettext_noop("Editors"))
owned_name(gettext_noop("Moderators approval"))

# The root collection and the root page hold every language: a brand name
# reads the same in all three.
ROOT_NAME = "Passerelles"

ADMIN = ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]
MEDIA_ADD = ["add_image", "choose_image", "add_document", "choose_document"]
MEDIA_CHOOSE = ["choose_image", "choose_document"]
MEDIA_ALL = [
    f"{action}_{kind}" for kind in ("image", "document") for action in ("add", "change", "delete")
] + MEDIA_CHOOSE
COORDINATOR_MODEL_PERMISSIONS = ADMIN + [
    f"{app}.{action}_{model}"
    for app, model in (
        ("core", "sector"),
        ("editions", "venue"),
        ("wagtailredirects", "redirect"),
    )
    for action in ("add", "change", "delete")
]
EDITOR_PAGE = ["change_page"]
PUBLISHER_PAGE = ["change_page", "publish_page", "lock_page", "unlock_page"]
COORDINATOR_PAGE = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]


def editors_name(slug: str) -> str:
    return owned_name(EDITORS, agency=AGENCY_NAMES[slug])


def publishers_name(slug: str) -> str:
    return owned_name(PUBLISHERS, agency=AGENCY_NAMES[slug])


def review_name(slug: str) -> str:
    return owned_name(REVIEW, agency=AGENCY_NAMES[slug])


def approval_name(slug: str) -> str:
    return owned_name(APPROVAL, agency=AGENCY_NAMES[slug])


for _slug in AGENCY_SLUGS:  # register every name at import, before any row is loaded
    editors_name(_slug), publishers_name(_slug), review_name(_slug), approval_name(_slug)


@dataclass
class Report:
    """What `setup_roles` created, and what it could not attach."""

    created: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


class RoleBuilder:
    def __init__(self) -> None:
        self.report = Report()

    # -- small idempotent steps ---------------------------------------------

    def group(self, name: str) -> Group:
        group, created = Group.objects.get_or_create(name=name)
        if created:
            self.report.created.append(f"group {name}")
        return group

    def model_permissions(self, group: Group, names: list[str]) -> None:
        for dotted in names:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    def page_permissions(self, group: Group, pages: list[Page], codenames: list[str]) -> None:
        permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        )
        for page in pages:
            for permission in permissions:
                _, created = GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
                if created:
                    self.report.created.append(
                        f"{group.name}: {permission.codename} on {page.url_path}"
                    )

    def collection_permissions(
        self, group: Group, collection: Collection, codenames: list[str]
    ) -> None:
        for permission in Permission.objects.filter(codename__in=codenames):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )

    def workflow(self, name: str, task_name: str, groups: list[Group]) -> Workflow:
        task = GroupApprovalTask.objects.filter(name=task_name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name)
            self.report.created.append(f"task {task_name}")
        task.groups.add(*groups)
        workflow, created = Workflow.objects.get_or_create(name=name)
        if created:
            self.report.created.append(f"workflow {name}")
        if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        return workflow

    def assign(self, workflow: Workflow, pages: list[Page]) -> None:
        """Assign `workflow` to pages that have none (an administrator's choice is kept)."""
        for page in pages:
            _, created = WorkflowPage.objects.get_or_create(
                page=page, defaults={"workflow": workflow}
            )
            if created:
                self.report.created.append(f"{workflow.name} on {page.url_path}")

    # -- the roles ------------------------------------------------------------

    def run(self) -> Report:
        source = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        root_collection = self.roots()
        homes = list(HomePage.objects.all())
        source_indexes = [
            index
            for model in (EditionIndexPage, StoryIndexPage)
            for index in model.objects.filter(locale=source)
        ]
        if not homes:
            self.report.missing.append("home pages (page permissions and workflows)")

        coordinators = self.group(COORDINATORS)
        self.model_permissions(coordinators, COORDINATOR_MODEL_PERMISSIONS)
        self.page_permissions(coordinators, homes, COORDINATOR_PAGE)
        self.collection_permissions(coordinators, root_collection, MEDIA_ALL)
        network = self.workflow(NETWORK_REVIEW, COORDINATORS_APPROVAL, [coordinators])
        self.assign(network, homes)
        # Wagtail's initial "Moderators approval" on the root would review the
        # pages no project workflow covers (none, once the homes have theirs).
        WorkflowPage.objects.filter(page__depth=1, workflow__name="Moderators approval").delete()

        for slug in AGENCY_SLUGS:
            self.agency(slug, source_indexes, root_collection, coordinators)
        self.model_permissions(self.group(EVENT_STAFF), [*ADMIN[:1], "evening.check_in"])
        return self.report

    def roots(self) -> Collection:
        """Name the root page and the root collection after the site (they hold every language)."""
        root_page = Page.objects.filter(depth=1, title="Root")
        if root_page.update(title=ROOT_NAME, draft_title=ROOT_NAME):
            self.report.created.append(f"root page named {ROOT_NAME}")
        if Collection.objects.filter(depth=1, name="Root").update(name=ROOT_NAME):
            self.report.created.append(f"root collection named {ROOT_NAME}")
        return Collection.get_first_root_node()

    def agency(self, slug: str, indexes: list[Page], root: Collection, coordinators: Group) -> None:
        source = AgencyPage.objects.filter(
            slug=slug, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        pages = list(source.get_translations(inclusive=True)) if source else []
        if not pages:
            self.report.missing.append(f"agency page {slug} (its groups have no page permission)")
        editors = self.group(editors_name(slug))
        publishers = self.group(publishers_name(slug))
        collection = root.get_children().filter(name=AGENCY_NAMES[slug]).first()
        if collection is None:
            collection = root.add_child(instance=Collection(name=AGENCY_NAMES[slug]))
            self.report.created.append(f"collection {collection.name}")
        for group, page_codenames in ((editors, EDITOR_PAGE), (publishers, PUBLISHER_PAGE)):
            self.model_permissions(group, ADMIN)
            self.page_permissions(group, pages, page_codenames)
            self.page_permissions(group, indexes, ["add_page"])
            self.collection_permissions(group, collection, MEDIA_ADD)
            self.collection_permissions(group, root, MEDIA_CHOOSE)
        review = self.workflow(review_name(slug), approval_name(slug), [publishers, coordinators])
        self.assign(review, pages)


def setup_roles() -> Report:
    """Create the editorial groups, permissions, workflows and collections that are missing."""
    return RoleBuilder().run()
