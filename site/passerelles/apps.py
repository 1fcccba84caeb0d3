from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PasserellesConfig(AppConfig):
    """The composition layer: demo, navigation tags and the admin's People menu.

    The only package that may import every app (see tests/test_architecture.py).
    """

    name = "passerelles"
    verbose_name = _("Passerelles")
