"""Background tasks of the directory: exports prepared for download."""

from django_tasks import task


@task(backend="exports", queue_name="people_exports")
def run_export(job_id: str) -> dict:
    """Prepare one queued export's file; returns its status and size (never names)."""
    from .export_jobs import run_job

    job = run_job(job_id)
    return {"status": job.status, "people": job.total}
