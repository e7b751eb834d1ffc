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
from workers import resources
from workers.app import app, settings

log = structlog.get_logger(__name__)


# Celery ships no type hints, so mypy sees Task as Any; subclassing Any is an error
# under --strict (disallow_subclassing_any).
class _JobTask(Task):  # type: ignore[misc]  # Celery ships no type hints: Task is Any
    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        job_id = (kwargs or {}).get("job_id")
        if not isinstance(exc, TransientError) or job_id is None:
            return
        # Retries are exhausted. If the database is still down this fails too, and
        # the job stays 'running' until the reconciler re-sends it.
        try:
            mark_failed(str(job_id), uow_factory=lambda: resources.unit_of_work(settings), error=str(exc))
        except TransientError:
            log.warning("mark_failed_unavailable", error=str(exc))


@app.task(
    bind=True,
    name="copydesk.ingest",
    base=_JobTask,
    autoretry_for=(TransientError,),
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.max_retries,
)
def ingest(self: Task, *, job_id: str) -> str:
    return run_ingest(
        job_id,
        settings=settings,
        uow_factory=lambda: resources.unit_of_work(settings),
        sender=resources.sender(settings),
        worker=resources.worker_name(),
        retries=int(self.request.retries or 0),
        redelivered=bool((self.request.delivery_info or {}).get("redelivered")),
        enricher=_inline_enricher() if resources.enriches_inline(settings) else None,
    ).status.value


class _BatchTask(Task):  # type: ignore[misc]  # Celery ships no type hints: Task is Any
    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any) -> None:
        job_ids = (kwargs or {}).get("job_ids")
        if not isinstance(exc, TransientError) or not job_ids:
            return
        try:
            give_up_batch([str(j) for j in job_ids], uow_factory=lambda: resources.unit_of_work(settings),
                          sender=resources.sender(settings), error=str(exc))
        except TransientError:  # the reconciler re-sends what stays queued or running
            log.warning("mark_failed_unavailable", error=str(exc))


@app.task(
    bind=True,
    name="copydesk.ingest_batch",
    base=_BatchTask,
    autoretry_for=(TransientError,),
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.max_retries,
)
def ingest_batch(self: Task, *, job_ids: list[str]) -> list[str]:
    outcomes = run_ingest_batch(
        [str(j) for j in job_ids],
        settings=settings,
        uow_factory=lambda: resources.unit_of_work(settings),
        sender=resources.sender(settings),
        worker=resources.worker_name(),
        redelivered=bool((self.request.delivery_info or {}).get("redelivered")),
        enricher=_inline_enricher() if resources.enriches_inline(settings) else None,
    )
    return [outcome.status.value for outcome in outcomes]


@app.task(
    name="copydesk.enrich",
    autoretry_for=(TransientError,),
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.max_retries,
)
def enrich(*, article_id: int) -> str:
    # Retries exhausted leave enriched_at null: the reconciler sends it again later,
    # until COPYDESK_ENRICH_MAX_ATTEMPTS runs have not finished (then enrich_error).
    return _enrich(int(article_id))


def _inline_enricher() -> InlineEnricher:
    """This process's enrichers, as the enrich task runs them (the enrich task itself,
    or an ingest task enriching the article it stores: COPYDESK_ENRICH_INLINE)."""
    return InlineEnricher(
        uow_factory=lambda: resources.unit_of_work(settings),
        profile=settings.enrich_profile,
        enrichers=resources.enrichers(settings),
        budget=Budget(cpu_seconds=settings.enrich_step_timeout_s, memory_mb=settings.parse_memory_mb),
        max_attempts=settings.enrich_max_attempts,
        paragraph_cache_rows=settings.paragraph_cache_rows,
    )


def _enrich(article_id: int) -> str:
    result = _inline_enricher().after_store(article_id)
    return "not_enriched" if result is None else "enriched"


@app.task(
    name="copydesk.reprocess",
    autoretry_for=(TransientError,),
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.max_retries,
)
def reprocess(*, run_id: int, item_no: int) -> str:
    # Retries exhausted leave the item unfinished: `copydesk reprocess` sends it again.
    return reprocess_item(
        int(run_id),
        int(item_no),
        settings=settings,
        uow_factory=lambda: resources.unit_of_work(settings),
        sender=resources.sender(settings),
        worker=resources.worker_name(),
    )
