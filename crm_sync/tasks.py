"""Background tasks: a sync queued from the admin's "Sync now", a spreadsheet import."""

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
    result = {"status": run.status, "run_id": run.pk, **run.counts()}
    caught_up = getattr(run, "caught_up", None)
    if caught_up is not None:
        # It resumed an interrupted run, then read on to now.
        result["caught_up"] = {"status": caught_up.status, "run_id": caught_up.pk}
    return result


@task(backend="sync", queue_name="crm_sync")
def run_import(job_id: str) -> dict:
    """Check or import one uploaded spreadsheet; returns its status and row count (never names)."""
    from .import_jobs import run_job

    job = run_job(job_id)
    if job is None:
        return {"status": "gone"}
    return {"status": job.status, "rows": job.rows_total}
