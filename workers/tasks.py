"""Thin Celery entry points: build the call, hand it to services/, let the decorator retry."""

from __future__ import annotations

from typing import Any

import structlog
from celery import Task

from services.errors import TransientError
from services.ingest import ingest_job, mark_failed
from workers import resources
from workers.app import app, settings

log = structlog.get_logger(__name__)


class _JobTask(Task):  # type: ignore[misc]  # celery ships no type hints
    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        if not isinstance(exc, TransientError) or not args:
            return
        # Retries are exhausted. If the database is still down this fails too, and
        # the job stays 'running' until the reconciler re-sends it.
        try:
            mark_failed(str(args[0]), uow_factory=lambda: resources.unit_of_work(settings), error=str(exc))
        except TransientError:
            log.warning("mark_failed_unavailable", error=str(exc))


@app.task(
    name="copydesk.ingest",
    base=_JobTask,
    autoretry_for=(TransientError,),
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.max_retries,
)
def ingest(job_id: str) -> str:
    outcome = ingest_job(
        job_id,
        uow_factory=lambda: resources.unit_of_work(settings),
        worker=resources.worker_name(),
        max_file_bytes=settings.max_file_bytes,
        max_attempts=settings.max_attempts,
    )
    return outcome.status.value
