"""What a collaboration is and how far it has come: shared by stories and tracked projects.

Both `stories` (public stories) and `people` (projects tracked by staff) use
these choices, so they live on the ground floor, below both.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CollaborationKind(models.TextChoices):
    """What kind of collaboration a story (or a tracked project) is about."""

    COMMISSION = "commission", _("Commission")
    INTERNSHIP = "internship", _("Internship")
    CASTING = "casting", _("Casting or role")
    REPLACEMENT = "replacement", _("Replacement in a production")
    CO_CREATION = "co_creation", _("Co-creation")
    DISTRIBUTION = "distribution", _("Distribution")
    TOURING = "touring", _("Touring support")
    ADVICE = "advice", _("Professional advice")
    MEDIATION = "mediation", _("Mediation")
    VISIBILITY = "visibility", _("Visibility")


class CollaborationStage(models.TextChoices):
    """How far a collaboration has come."""

    SPARK = "spark", _("Spark")
    EARLY = "early", _("Early days")
    ONGOING = "ongoing", _("Ongoing")
    REALISED = "realised", _("Realised")
