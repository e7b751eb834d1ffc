"""The one place that puts messages on the broker.

The job row is the outbox: a job is committed ``queued`` before its message is sent,
and an article unenriched (``enriched_at`` null), so a send that fails, a broker
that restarts empty or a worker that dies leaves a row the reconciler
(``services.producer.reconciler``) finds and sends again. Every send goes through
``_send_until_broker_fails``: the first ``BrokerUnavailable`` stops the batch, the ids
left stay in their rows for the next round.

Who sends what:

- the producer's claim: ``send_jobs`` (a job per claimed file, several jobs to a
  message when a turn claims several files: ``Settings.ingest_batch``);
- ``copydesk requeue``: ``requeue_jobs``;
- the reconciler: ``resend_jobs`` and ``resend_enrichment``, inside its transaction;
- the ingest worker, after its store commits: ``after_ingest`` (a container's child
  jobs, or a stored article's enrichment, unless the worker enriches it there and then:
  ``enrich_inline``);
- ``copydesk reprocess`` / ``reenrich``, feeding a run: ``send_run_items`` (the run's
  items table is their outbox: an item sent but never finished is sent again).

The sender itself is a ``services.ports.TaskSender``: the Celery one
(``workers/sender.py``) is found through the ``copydesk.task_sender`` entry point by
``load_task_sender``, so nothing here imports Celery.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from typing import TypeVar

import structlog

from services.config import Settings
from services.domain.models import Outcome, Split, Stored
from services.errors import BrokerUnavailable, ConfigError
from services.ports import TaskSender, UnitOfWork

__all__ = [
    "after_ingest",
    "load_task_sender",
    "requeue_jobs",
    "resend_enrichment",
    "resend_jobs",
    "send_jobs",
    "send_run_items",
]

log = structlog.get_logger(__name__)

T = TypeVar("T", str, int)

INGEST_TASK = "copydesk.ingest"
INGEST_BATCH_TASK = "copydesk.ingest_batch"
ENRICH_TASK = "copydesk.enrich"
REPROCESS_TASK = "copydesk.reprocess"


def load_task_sender(settings: Settings, *, name: str = "celery") -> TaskSender:
    found = entry_points(group="copydesk.task_sender", name=name)
    if not found:
        raise ConfigError(
            f"no task sender {name!r} is installed (entry point group copydesk.task_sender);"
            " is copydesk installed with `pip install -e .`?"
        )
    factory = next(iter(found)).load()
    sender: TaskSender = factory(settings)
    return sender


def send_jobs(job_ids: Sequence[str], *, uow_factory: Callable[[], UnitOfWork], sender: TaskSender,
              counted: bool = False, per_message: int = 1) -> int:
    """Send the jobs' ingest tasks, then note the sends in a transaction of their own;
    ``counted``: the rows counted these sends already (``create(sending=True)``), so
    only the sends that failed are noted, taken back. ``per_message``: jobs a message
    carries at most (``copydesk.ingest_batch``; a job alone goes as ``copydesk.ingest``).
    Returns how many were sent, the first ones in order (the rest stay queued for the
    reconciler)."""
    sent: list[str] = []
    for group in message_groups(job_ids, per_message):
        if len(group) == 1:
            done = _send_until_broker_fails(group, sender.send_ingest, task=INGEST_TASK, key="job_id")
        else:
            try:
                sender.send_ingest_batch(group)
                done = group
            except BrokerUnavailable as exc:
                log.warning("task_send_failed", task=INGEST_BATCH_TASK, error=str(exc), sent=len(sent),
                            unsent=len(job_ids) - len(sent), job_id=group[0])
                done = []
            for job_id in done:  # a line a job, as for one sent alone: its trace
                log.info("task_sent", task=INGEST_BATCH_TASK, job_id=job_id, batch=len(group))
        sent.extend(done)
        if len(done) < len(group):
            break
    went = set(sent)
    unsent = [job_id for job_id in job_ids if job_id not in went] if counted else []
    if (sent and not counted) or unsent:
        with uow_factory() as uow:
            if counted:
                uow.jobs.unmark_sent(unsent)
            else:
                uow.jobs.mark_sent(sent)
            uow.commit()
    return len(sent)


def message_groups(job_ids: Sequence[str], per_message: int) -> list[list[str]]:
    """``job_ids`` in order, cut into as few messages of at most ``per_message`` jobs as
    can be, of sizes as even as can be (five jobs four to a message: three and two, so
    that two workers share them)."""
    ids = list(job_ids)
    if not ids:
        return []
    count = -(-len(ids) // max(1, per_message))
    size, extra = divmod(len(ids), count)
    groups, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        groups.append(ids[start:end])
        start = end
    return groups


def requeue_jobs(job_ids: list[str], *, uow_factory: Callable[[], UnitOfWork], sender: TaskSender) -> int:
    """Put the failed, running or queued ones of ``job_ids`` back to ``queued`` and send
    them (``copydesk requeue``); finished jobs and unknown ids are not sent. Returns how
    many were sent."""
    with uow_factory() as uow:
        eligible = uow.jobs.requeue(job_ids)
        uow.commit()
    count = send_jobs(eligible, uow_factory=uow_factory, sender=sender)
    log.info("jobs_requeued", count=count, unsent=len(eligible) - count)
    return count


def resend_jobs(job_ids: list[str], *, uow: UnitOfWork, sender: TaskSender) -> list[str]:
    """Send again jobs the reconciler holds locked in ``uow``; notes the sends there
    (the caller commits). Returns the ids sent."""
    sent = _send_until_broker_fails(job_ids, sender.send_ingest, task=INGEST_TASK, key="job_id")
    uow.jobs.mark_sent(sent)
    return sent


def resend_enrichment(article_ids: list[int], *, uow: UnitOfWork, sender: TaskSender) -> list[int]:
    """As ``resend_jobs``, for articles left unenriched."""
    sent = _send_until_broker_fails(article_ids, sender.send_enrich, task=ENRICH_TASK, key="article_id")
    uow.enrichment.mark_sent(sent)
    return sent


def after_ingest(outcome: Outcome, *, uow_factory: Callable[[], UnitOfWork], sender: TaskSender,
                 enrich_inline: Callable[[int], object] | None = None, per_message: int = 1) -> None:
    """What an ingest sends once its store committed: a container's child jobs (their
    logs carry ``parent_job_id``), or a stored article's enrichment (none when the
    store enriched it: ``Stored.enriched``). A send that fails is left to the
    reconciler: the children stay ``queued``, the article unenriched.

    ``enrich_inline``: enriches a stored article in this process instead of sending
    it (the worker has the models). If it raises (the database went away, the task's
    soft time limit), the article is sent to the enrich queue after all. If the process
    dies in it, the article stays unenriched and the reconciler sends it, as for a
    message lost on its way. ``per_message``: child jobs a message carries at most."""
    if isinstance(outcome, Split):
        with structlog.contextvars.bound_contextvars(parent_job_id=outcome.parent_job_id):
            send_jobs(outcome.to_send, uow_factory=uow_factory, sender=sender, per_message=per_message)
    elif isinstance(outcome, Stored) and not outcome.enriched:
        if enrich_inline is not None:
            try:
                enrich_inline(outcome.article_id)
                return
            except Exception as exc:  # noqa: BLE001  # the enrich queue gets it: retries, attempts
                log.warning("inline_enrichment_failed", article_id=outcome.article_id,
                            error=f"{type(exc).__name__}: {exc}")
        _send_until_broker_fails([outcome.article_id], sender.send_enrich, task=ENRICH_TASK, key="article_id")


def send_run_items(run_id: int, items: Sequence[tuple[int, int | None]], *, kind: str,
                   sender: TaskSender) -> list[int]:
    """Send a reprocess run's items, ``(item_no, article_id)``: ``copydesk.reprocess``
    for a parse run, ``copydesk.enrich`` of the article for an enrich run. Returns the
    item numbers sent."""
    if kind == "enrich":
        article_of = {article_id: no for no, article_id in items if article_id is not None}
        sent = _send_until_broker_fails(list(article_of), sender.send_enrich, task=ENRICH_TASK,
                                        key="article_id")
        return [article_of[a] for a in sent]
    return _send_until_broker_fails([no for no, _ in items],
                                    lambda no: sender.send_reprocess(run_id, no),
                                    task=REPROCESS_TASK, key="item_no")


def _send_until_broker_fails(ids: Sequence[T], send: Callable[[T], None], *, task: str, key: str) -> list[T]:
    """Send each id in order until the broker fails; returns those sent."""
    sent: list[T] = []
    for item in ids:
        try:
            send(item)
        except BrokerUnavailable as exc:
            log.warning("task_send_failed", task=task, error=str(exc), sent=len(sent), unsent=len(ids) - len(sent),
                        **{key: item})
            break
        sent.append(item)
        log.info("task_sent", task=task, **{key: item})
    return sent
