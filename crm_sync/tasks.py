"""Background tasks: a sync queued from the admin's "Sync now"."""

from django_tasks import task


@task(backend="sync", queue_name="crm_sync")
def run_sync(connection_id: int, full: bool = False) -> dict:
    """Sync one connection in the worker; returns the run's status and counts."""
    from .engine import AlreadyRunning, sync_connection
    from .models import Connection

    connection = Connection.objects.get(pk=connection_id)
    try:
        run = sync_connection(connection, full=full)
    except AlreadyRunning as error:
        return {"status": "skipped", "error": str(error)}
    return {"status": run.status, "run_id": run.pk, **run.counts()}
