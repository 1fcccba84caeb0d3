"""Admin viewsets that offer only the views the domain allows.

Wagtail's `ModelViewSet` always routes add, edit, delete, history and usage.
For objects that only a process writes (sync runs) or that leave only through a
domain operation (a person's erasure), those generic views must not exist:
a hidden menu entry still answers whoever types the URL.
"""

from django.contrib.auth import get_permission_codename
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, NullAdminURLFinder

# The generic views a ModelViewSet routes, by the URL names each one owns.
GENERIC_VIEWS: dict[str, tuple[str, ...]] = {
    "add": ("add",),
    "edit": ("edit",),
    "delete": ("delete",),
    "copy": ("copy",),
    "inspect": ("inspect",),
    "history": ("history", "history_results"),
    "usage": ("usage",),
}
# Which permission each view needs: a permission without a view is not offered
# in Settings → Groups either.
VIEW_PERMISSIONS = {"add": "add", "edit": "change", "delete": "delete", "inspect": "view"}


def _absent(request, *args, **kwargs):
    raise Http404


class AllowedViewsMixin:
    """Mix into a `ModelViewSet`: serve only the generic views named in `allowed_views`.

    The others are absent from the URLconf (404, and `reverse()` fails), and no
    button or link of the remaining views points to them. The index (list) is
    always served.
    """

    allowed_views: frozenset[str] = frozenset({"inspect"})

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for view in GENERIC_VIEWS:
            if view not in self.allowed_views:
                view_kwargs[f"{view}_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        forbidden = {
            name
            for view, names in GENERIC_VIEWS.items()
            if view not in self.allowed_views
            for name in names
        }
        return [p for p in super().get_urlpatterns() if p.name not in forbidden]

    def _view(self, view: str, name: str):
        # A forbidden view is never built (an add view would need a form for a
        # model nobody may create); its URL pattern is dropped above.
        if view not in self.allowed_views:
            return _absent
        return getattr(super(), name)

    add_view = property(lambda self: self._view("add", "add_view"))
    edit_view = property(lambda self: self._view("edit", "edit_view"))
    delete_view = property(lambda self: self._view("delete", "delete_view"))
    copy_view = property(lambda self: self._view("copy", "copy_view"))
    inspect_view = property(lambda self: self._view("inspect", "inspect_view"))
    history_view = property(lambda self: self._view("history", "history_view"))
    history_results_view = property(lambda self: self._view("history", "history_results_view"))
    usage_view = property(lambda self: self._view("usage", "usage_view"))

    @property
    def url_finder_class(self):
        # Links to an object from other admin screens (site history, usage)
        # go to its edit view, or to its inspect view when it has no edit view.
        if "edit" in self.allowed_views:
            return super().url_finder_class
        if "inspect" not in self.allowed_views:
            return NullAdminURLFinder
        return type(
            "_InspectURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        actions = {"view"} | {
            VIEW_PERMISSIONS[view] for view in self.allowed_views if view in VIEW_PERMISSIONS
        }
        codenames = [get_permission_codename(action, self.model_opts) for action in actions]
        custom = [codename for codename, _label in self.model_opts.permissions]
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            codename__in=codenames + custom,
        )
