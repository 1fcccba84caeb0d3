"""Who may do what with the directory in the admin (a Wagtail permission policy)."""

from wagtail.permission_policies import ModelPermissionPolicy


class DirectoryPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, with two rules of the domain.

    - Seeing comes first: changing (sectors, notes, merges) or erasing needs
      ``view_person`` as well, so no screen shows a person to someone who may
      not read the directory.
    - Nobody adds a person in the admin: people come from the agencies'
      sources. (``add_person`` still grants the spreadsheet import, which goes
      through the sources.)
    """

    def user_has_permission(self, user, action: str) -> bool:
        if action == "add":
            return False
        return super().user_has_permission(user, "view") and super().user_has_permission(
            user, action
        )
