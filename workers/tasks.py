"""Thin Celery entry points: one call into services/ each; the decorator retries.

Arguments are keyword-only (``copydesk.ingest(job_id=...)``,
``copydesk.enrich(article_id=...)``): ``workers.app`` binds them to the log by name
(``copydesk.ingest_batch(job_ids=[...])`` binds each job's id while it runs that job).
"""

from __future__ import annotations

from typing import Any

import structlog
from celery import Task

from services.budget import Budget
from services.enrich import InlineEnricher
from services.errors import TransientError
from services.ingest import give_up_batch, mark_failed, run_ingest, run_ingest_batch
from services.reprocess import reprocess_item
from services.storage.uow import PostgresUnitOfWork
from workers import resources
from workers.app import app, settings

log = structlog.get_logger(__name__)


# Every task retries a transient error (the database or the broker away) with backoff
# and jitter, COPYDESK_MAX_RETRIES times.
_RETRIES: dict[str, Any] = {
    "autoretry_for": (TransientError,),
    "retry_backoff": 1,
    "retry_backoff_max": 60,
    "retry_jitter": True,
    "max_retries": settings.max_retries,
}


# Celery ships no type hints, so mypy sees Task as Any; subclassing Any is an error
# under --strict (disallow_subclassing_any).
class _JobTask(Task):  # type: ignore[misc]  # Celery ships no type hints: Task is Any
    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        kwargs = kwargs or {}
        if not isinstance(exc, TransientError):
            return
        # Retries are exhausted. If the database is still down this fails too, and
        # the jobs stay 'running' or 'queued' until the reconciler re-sends them.
        try:
            if kwargs.get("job_id") is not None:
                mark_failed(str(kwargs["job_id"]), uow_factory=_unit_of_work, error=str(exc))
            elif kwargs.get("job_ids"):
                give_up_batch([str(j) for j in kwargs["job_ids"]], uow_factory=_unit_of_work,
                              sender=resources.sender(settings), error=str(exc))
        except TransientError:
            log.warning("mark_failed_unavailable", error=str(exc))


def _unit_of_work() -> PostgresUnitOfWork:
    return resources.unit_of_work(settings)


def _redelivered(task: Task) -> bool:
    """Whether the broker hands this message out again because the process that held
    it died (kombu marks restored messages)."""
    return bool((task.request.delivery_info or {}).get("redelivered"))


@app.task(bind=True, name="copydesk.ingest", base=_JobTask, **_RETRIES)
def ingest(self: Task, *, job_id: str) -> str:
    return run_ingest(
        job_id,
        settings=settings,
        uow_factory=_unit_of_work,
        sender=resources.sender(settings),
        worker=resources.worker_name(),
        retries=int(self.request.retries or 0),
        redelivered=_redelivered(self),
        enricher=_inline_enricher() if resources.enriches_inline(settings) else None,
    ).status.value


@app.task(bind=True, name="copydesk.ingest_batch", base=_JobTask, **_RETRIES)
def ingest_batch(self: Task, *, job_ids: list[str]) -> list[str]:
    outcomes = run_ingest_batch(
        [str(j) for j in job_ids],
        settings=settings,
        uow_factory=_unit_of_work,
        sender=resources.sender(settings),
        worker=resources.worker_name(),
        redelivered=_redelivered(self),
        enricher=_inline_enricher() if resources.enriches_inline(settings) else None,
    )
    return [outcome.status.value for outcome in outcomes]


@app.task(name="copydesk.enrich", **_RETRIES)
def enrich(*, article_id: int) -> str:
    # Retries exhausted leave enriched_at null: the reconciler sends it again later,
    # until COPYDESK_ENRICH_MAX_ATTEMPTS runs have not finished (then enrich_error).
    return _enrich(int(article_id))


def _inline_enricher() -> InlineEnricher:
    """This process's enrichers, as the enrich task runs them (the enrich task itself,
    or an ingest task enriching the article it stores: COPYDESK_ENRICH_INLINE)."""
    return InlineEnricher(
        uow_factory=_unit_of_work,
        profile=settings.enrich_profile,
        enrichers=resources.enrichers(settings),
        budget=Budget(cpu_seconds=settings.enrich_step_timeout_s, memory_mb=settings.parse_memory_mb),
        max_attempts=settings.enrich_max_attempts,
        paragraph_cache_rows=settings.paragraph_cache_rows,
    )


def _enrich(article_id: int) -> str:
    result = _inline_enricher().after_store(article_id)
    return "not_enriched" if result is None else "enriched"


@app.task(name="copydesk.reprocess", **_RETRIES)
def reprocess(*, run_id: int, item_no: int) -> str:
    # Retries exhausted leave the item unfinished: `copydesk reprocess` sends it again.
    return reprocess_item(
        int(run_id),
        int(item_no),
        settings=settings,
        uow_factory=_unit_of_work,
        sender=resources.sender(settings),
        worker=resources.worker_name(),
    )
