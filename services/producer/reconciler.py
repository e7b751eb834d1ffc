"""Re-send jobs whose message may have been lost.

The job row is the outbox: Redis may restart empty, a send may fail, a worker may
die holding a message. Delivery is at-least-once and the ingest is idempotent, so
sending a job twice costs a little work and never a second article.
"""

from __future__ import annotations

from collections.abc import Callable

import structlog

from services.config import Settings
from services.errors import BrokerUnavailable
from services.outbox import resend_enrichment, resend_jobs
from services.ports import TaskSender, UnitOfWork

log = structlog.get_logger(__name__)


def reconcile_once(
    *, settings: Settings, uow_factory: Callable[[], UnitOfWork], sender: TaskSender
) -> int:
    """Send stale jobs again; returns how many. Raises ``StorageUnavailable``."""
    try:
        depth = sender.queue_depth("ingest")
    except BrokerUnavailable as exc:
        log.warning("reconcile_skipped", reason="broker_unavailable", error=str(exc))
        return 0
    with uow_factory() as uow:
        # While the queue holds at least as many messages as there are queued jobs,
        # their messages are most likely still waiting there: only dead workers'
        # jobs are sent again.
        queued = uow.jobs.counts_by_status().get("queued", 0)
        stale = uow.jobs.claim_stale(
            queued_after_s=settings.requeue_after_seconds if depth < queued else None,
            running_after_s=settings.task_time_limit_seconds + 30,
            broker_empty=depth == 0,
        )
        if not stale:
            return 0
        uow.jobs.requeue(stale)
        sent = resend_jobs(stale, uow=uow, sender=sender)
        uow.commit()
    log.info("jobs_resent", count=len(sent), queue_depth=depth, job_ids=sent[:20])
    return len(sent)


def reconcile_enrichment(
    *, settings: Settings, uow_factory: Callable[[], UnitOfWork], sender: TaskSender
) -> int:
    """Send ``copydesk.enrich`` again for articles left unenriched (``enriched_at`` null)
    longer than ``requeue_after_seconds``; returns how many. An article's enrich message
    is sent by the ingest task after the store commits, so a lost send, an emptied
    broker or a dead enricher all end here. Raises ``StorageUnavailable``."""
    try:
        depth = sender.queue_depth("enrich")
    except BrokerUnavailable as exc:
        log.warning("reconcile_enrichment_skipped", reason="broker_unavailable", error=str(exc))
        return 0
    with uow_factory() as uow:
        repo = uow.enrichment
        # As for jobs: while the queue holds as many messages as there are unenriched
        # articles, their messages are most likely still waiting there.
        if depth and depth >= repo.count_unenriched():
            return 0
        stale = repo.claim_unenriched(after_s=settings.requeue_after_seconds, broker_empty=depth == 0)
        if not stale:
            return 0
        sent = resend_enrichment(stale, uow=uow, sender=sender)
        uow.commit()
    log.info("enrichment_resent", count=len(sent), queue_depth=depth, article_ids=sent[:20])
    return len(sent)
