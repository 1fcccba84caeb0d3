"""Editorial rights and review that follow a page's links to other pages.

Wagtail grants page permissions on subtrees (``GroupPagePermission``) and
picks a page's moderation workflow from the page or its nearest ancestor.
That fits an agency's own page, but an edition is hosted by one agency and
attended by others, and a story involves several agencies: no subtree holds
"the pages my agency takes part in". Rather than move pages around the tree,
page types that belong to other pages say so by naming the links::

    class EditionPage(LinkedPermissionsMixin, Page):
        permission_links = ("host_agency", "participating_agencies")

and two Wagtail extension points do the rest:

- :class:`LinkedPagePermissionPolicy`, registered as Wagtail's page permission
  policy: the change, publish, lock and unlock permissions a group holds on a
  page (an agency page) also apply to every page that links to it (its
  editions and stories), in every language. The links are read on the
  source-language (French) page, so a translation always follows its source.
- :meth:`LinkedPermissionsMixin.get_workflow`: such a page is reviewed with
  the workflow of the page that leads it (the host agency; for a story, the
  agency of the editor who created it), falling back to the tree as usual.

Nothing here knows about agencies: it only reads the ``permission_links`` of
the page types that declare them, so ``core`` still imports no app.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupPagePermission, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

# Permissions that travel along a link. "add" does not (a linked page has no
# children to add), nor "bulk_delete".
LINKED_ACTIONS = ("change", "publish", "lock", "unlock")


class LinkedPermissionsMixin:
    """A page type whose rights and review follow the pages named by `permission_links`.

    `permission_links` lists fields (foreign keys or many-to-many) that point
    at other pages, in order of precedence: the first field that links to
    something decides which page leads this one for review.
    """

    permission_links: tuple[str, ...] = ()

    def linked_pages(self, field_name: str) -> list[Page]:
        """The pages this page links to through `field_name` (saved or not)."""
        value = getattr(self, field_name)
        if hasattr(value, "all"):
            return sorted(value.all(), key=lambda page: page.title)
        return [value] if value is not None else []

    def lead_page(self) -> Page | None:
        """The linked page whose workflow reviews this one, or None.

        The first field of `permission_links` that links to anything decides;
        among several pages there, the one the page's owner works for (holds a
        page permission on) leads, otherwise the first by title.
        """
        for field_name in self.permission_links:
            pages = self.linked_pages(field_name)
            if not pages:
                continue
            if len(pages) > 1 and self.owner_id:
                owned = set(
                    GroupPagePermission.objects.filter(
                        group__user=self.owner_id,
                        page__translation_key__in=[p.translation_key for p in pages],
                    ).values_list("page__translation_key", flat=True)
                )
                pages = [p for p in pages if p.translation_key in owned] or pages
            return pages[0]
        return None

    def get_workflow(self):
        """The lead page's workflow when it has one; otherwise the tree's (Wagtail's rule)."""
        lead = self.lead_page()
        workflow = lead.get_workflow() if lead is not None else None
        return workflow or super().get_workflow()

    @property
    def has_workflow(self) -> bool:
        return self.get_workflow() is not None


def linking_models() -> list[tuple[type[Page], tuple[str, ...]]]:
    """Every page type that declares `permission_links`, with its links."""
    return [
        (model, model.permission_links)
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "permission_links", ())
    ]


class LinkedPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, plus the permissions that follow links.

    A group's direct permission on a page P is extended, as if the group held
    it on each of them, to the pages (in every language) whose source-language
    version links to P (or to a translation of P). Everything in the admin
    that asks the policy (explorer, edit and publish views, action menus,
    bulk actions, reports) therefore agrees on who may do what.
    """

    def get_all_permissions_for_user(self, user) -> list[GroupPagePermission]:
        direct = list(super().get_all_permissions_for_user(user))
        return direct + list(linked_permissions(direct))


def linked_permissions(direct: Iterable[GroupPagePermission]) -> Iterable[GroupPagePermission]:
    """Unsaved GroupPagePermission rows for the pages that link to `direct`'s pages."""
    models = linking_models()
    if not models:
        return []
    targets = {
        model._meta.get_field(field).related_model for model, fields in models for field in fields
    }
    target_types = {ct.id for ct in ContentType.objects.get_for_models(*targets).values()}
    # translation key of a linked-to page -> the permissions held on it (any language)
    held = defaultdict(list)
    for perm in direct:
        codename = perm.permission.codename
        if perm.page.content_type_id in target_types and codename.rsplit("_", 1)[0] in (
            LINKED_ACTIONS
        ):
            held[perm.page.translation_key].append(perm)
    if not held:
        return []

    source_language = settings.LANGUAGE_CODE
    # translation key of a linking page -> translation keys it links to
    links = defaultdict(set)
    for model, fields in models:
        for field in fields:
            rows = model.objects.filter(
                locale__language_code=source_language,
                **{f"{field}__translation_key__in": list(held)},
            ).values_list("translation_key", f"{field}__translation_key")
            for page_key, linked_key in rows:
                links[page_key].add(linked_key)
    if not links:
        return []

    granted = {}
    for page in Page.objects.filter(translation_key__in=list(links)).order_by("path"):
        for linked_key in links[page.translation_key]:
            for perm in held[linked_key]:
                key = (page.pk, perm.group_id, perm.permission_id)
                if key not in granted:
                    granted[key] = GroupPagePermission(
                        group_id=perm.group_id, page=page, permission=perm.permission
                    )
    return granted.values()
