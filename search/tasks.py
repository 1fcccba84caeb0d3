"""Background re-indexing after committed changes."""

from django_tasks import task


@task(backend="search", queue_name="search")
def refresh_entries(kind: str, ids: list[int]) -> int:
    """Re-prepare the search entries of these objects (and push them to the engine)."""
    from .indexing import refresh

    return refresh(kind, ids)
