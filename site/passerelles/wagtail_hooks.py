"""The admin's "People", "Outcomes" and "Evening" menus: screens of five apps, grouped.

The apps register their own views and viewsets; grouping them in one menu is
wiring between apps, so it lives here in the composition layer and refers to
their screens by URL name only. Each item shows only to users holding the
permission its screen checks.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users with `permission`."""

    def __init__(self, *args, permission: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request) -> bool:
        return request.user.has_perm(self.permission)


# (label, URL name, icon, permission), in menu order.
PEOPLE_MENU = [
    (_("People & projects"), "people_search", "search", "people.view_person"),
    (_("Directory"), "people:index", "group", "people.view_person"),
    (_("Projects"), "people_projects:index", "clipboard-list", "people.view_project"),
    (_("Possible duplicates"), "people_duplicates", "resubmit", "people.view_person"),
    (_("CRM connections"), "crm_connections:index", "link", "crm_sync.view_connection"),
    (_("Sync runs"), "crm_runs:index", "history", "crm_sync.view_syncrun"),
    (_("Import a spreadsheet"), "crm_import", "upload", "people.add_person"),
    (_("Export"), "people_export", "download", "people.view_person"),
    # Data protection: the right of access and the audit trail.
    (_("Subject access"), "people_subject_access", "user", "people.subject_access_person"),
    (_("Audit trail"), "people_audit:index", "list-ul", "people.view_auditevent"),
]

PEOPLE_MENU_HOOK = "register_people_menu_item"

# The Outcomes menu (outcomes app): encounters, follow-ups, impact.
OUTCOMES_MENU = [
    (_("Encounters"), "outcomes_encounters:index", "user", "outcomes.view_encounter"),
    (_("Follow-ups"), "outcomes_follow_ups", "history", "outcomes.view_followup"),
    (_("Impact"), "outcomes_impact", "table", "outcomes.view_impact"),
]

OUTCOMES_MENU_HOOK = "register_outcomes_menu_item"

# The Evening menu (evening app): the editions (door, badges, tables), registrations in.
EVENING_MENU = [
    (_("Import registrations"), "evening_import", "upload", "people.add_person"),
]

EVENING_MENU_HOOK = "register_evening_menu_item"


def _menu_item(order: int, label, url_name: str, icon: str, permission: str):
    # reverse() waits until the menu is built: URLconfs are not loaded at import.
    # capfirst: some labels are also lower-case model names in French
    # ("connexions CRM"); a menu label starts with a capital in every language.
    return lambda: PermissionMenuItem(
        capfirst(label), reverse(url_name), icon_name=icon, order=order, permission=permission
    )


for _hook, _items in (
    (PEOPLE_MENU_HOOK, PEOPLE_MENU),
    (OUTCOMES_MENU_HOOK, OUTCOMES_MENU),
    (EVENING_MENU_HOOK, EVENING_MENU),
):
    for _order, _item in enumerate(_items, start=1):
        hooks.register(_hook, _menu_item(_order * 100, *_item))


@hooks.register("register_admin_menu_item")
def register_people_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("People"),
        Menu(register_hook_name=PEOPLE_MENU_HOOK),
        icon_name="group",
        name="people-menu",
        order=250,
    )


@hooks.register("register_admin_menu_item")
def register_outcomes_menu() -> SubmenuMenuItem:
    return SubmenuMenuItem(
        _("Outcomes"),
        Menu(register_hook_name=OUTCOMES_MENU_HOOK),
        icon_name="table",
        name="outcomes-menu",
        order=260,
    )


class EveningMenuItem(PermissionMenuItem):
    """The editions list, once: for the door's staff or for directory readers."""

    def is_shown(self, request) -> bool:
        return request.user.has_perm("evening.check_in") or request.user.has_perm(
            "people.view_person"
        )


@hooks.register(EVENING_MENU_HOOK)
def register_evening_editions() -> MenuItem:
    return EveningMenuItem(
        _("Editions: door, badges, tables"),
        reverse("evening_editions"),
        icon_name="date",
        order=50,
        permission="evening.check_in",
    )


class EveningSubmenu(SubmenuMenuItem):
    """Shown to the door's staff and to directory readers."""

    def is_shown(self, request) -> bool:
        return request.user.has_perm("evening.check_in") or request.user.has_perm(
            "people.view_person"
        )


@hooks.register("register_admin_menu_item")
def register_evening_menu() -> SubmenuMenuItem:
    return EveningSubmenu(
        _("Evening"),
        Menu(register_hook_name=EVENING_MENU_HOOK),
        icon_name="date",
        name="evening-menu",
        order=270,
    )
