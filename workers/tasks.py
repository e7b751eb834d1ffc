"""Thin Celery entry points: build the call, hand it to services/, let the decorator retry."""

from __future__ import annotations

from typing import Any

import structlog
from celery import Task

from services.domain.models import Split
from services.errors import TransientError
from services.ingest import ingest_job, mark_failed, parse_limits
from services.producer.claim import send_jobs
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
        limits=parse_limits(settings),
        max_attempts=settings.max_attempts,
    )
    if isinstance(outcome, Split):
        # The children's rows are committed and queued: if a send fails here the
        # reconciler sends them later.
        structlog.contextvars.bind_contextvars(parent_job_id=job_id)
        send_jobs(
            list(outcome.to_send),
            uow_factory=lambda: resources.unit_of_work(settings),
            sender=resources.sender(settings),
        )
    return outcome.status.value
