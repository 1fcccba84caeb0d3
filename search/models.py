"""The prepared search entries: one row per person or project.

Both backends read these rows: the database backend searches them directly,
and the Elasticsearch backend is fed from them. Preparing a document once,
in bulk, is where indexing time goes; keeping it in the database also lets
the site work and the index catch up when Elasticsearch is down.
"""

from django.db import models


class SearchEntry(models.Model):
    """The searchable form of one person or project."""

    kind = models.CharField(max_length=10)  # "person" or "project"
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=500, blank=True)
    sort_name = models.CharField(max_length=300, db_index=True)
    # Normalized terms, space-separated, by field of the scoring table (see scoring).
    name_terms = models.TextField(blank=True)  # a person's names, a project's title
    key_terms = models.TextField(blank=True)  # organisation, every name of city and country
    contact_terms = models.TextField(blank=True)  # emails and phone numbers
    text_terms = models.TextField(blank=True)  # job title, projects, description, stems
    # Exact full names (words sorted), emails and phones, "|"-separated: the exact-key bonus.
    keys = models.TextField(blank=True)
    quality = models.FloatField(default=0.0)  # completeness and recency: breaks ties
    fields = models.JSONField(default=dict)  # displayed text per field, for highlights
    facets = models.JSONField(default=dict)  # {"sector": [...], "agency": [...], ...}
    cross_sector = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the entry changed but the external engine has not received it.
    engine_pending = models.BooleanField(default=False, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class SearchFacet(models.Model):
    """One facet value of an entry, for counts on the database backend."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"])]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class SearchTerm(models.Model):
    """The words of the fields typos are looked for in (names; organisation, city, country).

    PostgreSQL has no fuzzy term query: the database backend finds a typed
    word's close words here (same first letter, nearby length, edit distance)
    and searches for them exactly, as Elasticsearch's fuzzy query does with
    its term dictionary. Words are added as entries are stored; a rebuild
    drops the ones no entry has any more.
    """

    field = models.CharField(max_length=10)
    term = models.CharField(max_length=100)
    initial = models.CharField(max_length=1)
    length = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["field", "term"], name="unique_search_term")]
        indexes = [models.Index(fields=["field", "initial", "length"], name="search_term_close")]

    def __str__(self) -> str:
        return f"{self.field}: {self.term}"


class IndexState(models.Model):
    """Bookkeeping of the index: the last sweep time, the alias's current index."""

    key = models.CharField(max_length=50, unique=True)
    value = models.JSONField(default=dict)

    def __str__(self) -> str:
        return self.key


class PendingDeletion(models.Model):
    """A document the external engine must drop but could not when it was removed.

    Written in the same transaction that removes the entry (an erasure, a
    deletion), so an engine that is down when a person is erased still loses
    their document when it comes back: `indexing.push_pending` replays these
    first. Holds no personal data, only the kind and the id.
    """

    kind = models.CharField(max_length=10)
    object_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_pending_deletion")
        ]

    def __str__(self) -> str:
        return f"delete {self.kind} {self.object_id}"
