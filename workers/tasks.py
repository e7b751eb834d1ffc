"""Thin Celery entry points: build the call, hand it to services/, let the decorator retry."""

from __future__ import annotations

from typing import Any

import structlog
from celery import Task

from services.budget import Budget
from services.domain.models import Split, Stored
from services.enrich import enrich_article
from services.errors import BrokerUnavailable, TransientError
from services.ingest import ingest_job, mark_failed, parse_budget, parse_limits
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
    bind=True,
    name="copydesk.ingest",
    base=_JobTask,
    autoretry_for=(TransientError,),
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.max_retries,
)
def ingest(self: Task, job_id: str) -> str:
    outcome = ingest_job(
        job_id,
        uow_factory=lambda: resources.unit_of_work(settings),
        worker=resources.worker_name(),
        limits=parse_limits(settings),
        max_attempts=settings.max_attempts,
        max_lost_attempts=settings.max_lost_attempts,
        retries=int(self.request.retries or 0),
        redelivered=bool((self.request.delivery_info or {}).get("redelivered")),
        budget=parse_budget(settings),
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
    if isinstance(outcome, Stored):
        # The article is committed; its enrichment may come later. If this send
        # fails, the reconciler sends it (enriched_at stays null).
        try:
            resources.sender(settings).send_enrich(outcome.article_id)
        except BrokerUnavailable as exc:
            log.warning("enrich_send_failed", article_id=outcome.article_id, error=str(exc))
    return outcome.status.value


@app.task(
    name="copydesk.enrich",
    autoretry_for=(TransientError,),
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.max_retries,
)
def enrich(article_id: int) -> str:
    # Retries exhausted leave enriched_at null: the reconciler sends it again later,
    # until COPYDESK_ENRICH_MAX_ATTEMPTS runs have not finished (then enrich_error).
    structlog.contextvars.bind_contextvars(article_id=article_id)
    result = enrich_article(
        int(article_id),
        uow_factory=lambda: resources.unit_of_work(settings),
        profile=settings.enrich_profile,
        enrichers=resources.enrichers(settings),
        budget=Budget(cpu_seconds=settings.enrich_step_timeout_s, memory_mb=settings.parse_memory_mb),
        max_attempts=settings.enrich_max_attempts,
        paragraph_cache_rows=settings.paragraph_cache_rows,
    )
    return "not_enriched" if result is None else "enriched"
