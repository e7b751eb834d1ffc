"""The ingest service: one job from raw bytes to a stored article (or a recorded outcome).

Called by the thin Celery task in ``workers/tasks.py``; knows nothing of Celery.
The store transaction also puts a new article into its story (near-duplicate
clusters, ``services.storage.stories``); its MinHash signature is made in the
``dedup`` stage just before.
A container file (JSONL, feed, WARC, JSON list) is split instead: one child job per
record, each with the record's own bytes, created in the store transaction and then
sent by the caller (their rows are the outbox, as for any job).
Running it twice for the same job is harmless: a finished job is left as it is, and
the final write happens in one transaction that re-checks the job under a row lock.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import structlog

from services.budget import NO_BUDGET, Budget, enforce
from services.config import Settings
from services.domain.models import (
    AlreadyFinished,
    Duplicate,
    GaveUp,
    JobStatus,
    Outcome,
    ParsedArticle,
    Rejected,
    Split,
    Stored,
)
from services.errors import InputError, JobNotFound
from services.pipeline.dedup import DEFAULT_CONFIG, MinHashConfig, Signature, make_signature
from services.pipeline.formats import DEFAULT_LIMITS, Limits, Record, parse_records
from services.pipeline.normalise import body_hash, normalise_body
from services.storage.uow import AbstractUnitOfWork

log = structlog.get_logger(__name__)

Parser = Callable[..., list[Record]]


def parse_limits(settings: Settings) -> Limits:
    return Limits(
        max_bytes=settings.max_file_bytes,
        max_decompressed_bytes=settings.max_decompressed_bytes,
        max_records=settings.max_records,
        max_depth=settings.max_depth,
        max_html_bytes=settings.max_html_bytes,
    )


def parse_budget(settings: Settings) -> Budget:
    """The CPU and memory budget of one file's parse, normalisation and signature."""
    return Budget(cpu_seconds=settings.parse_timeout_s, memory_mb=settings.parse_memory_mb,
                  what="the file")


class _Stages:
    """Wall-clock (``ms``) and CPU (``cpu_ms``) duration of each named stage, in milliseconds."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}
        self.cpu_ms: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.ms[name] = round((time.perf_counter() - started) * 1000, 3)
            self.cpu_ms[name] = round((time.process_time() - cpu) * 1000, 3)


def ingest_job(
    job_id: str,
    *,
    uow_factory: Callable[[], AbstractUnitOfWork],
    worker: str,
    limits: Limits = DEFAULT_LIMITS,
    max_attempts: int = 12,
    max_lost_attempts: int | None = None,
    retries: int = 0,
    redelivered: bool = False,
    budget: Budget = NO_BUDGET,
    parse: Parser = parse_records,
    dedup_config: MinHashConfig = DEFAULT_CONFIG,
) -> Outcome:
    """``redelivered``: the broker hands this message out again because the process that
    held it died (kombu marks restored messages). ``retries``: how many times Celery
    retried this message after a transient error (those deliveries ended alive). On a
    redelivery, the job's other unfinished deliveries count as deaths; at
    ``max_lost_attempts`` of them the job is rejected as ``worker_lost`` (None: no such
    cap, only ``max_attempts``). A fresh message (``copydesk requeue``, the reconciler)
    is never judged by the deliveries before it."""
    stages = _Stages()
    with stages.stage("load"), uow_factory() as uow:
        job = uow.jobs.start(job_id, worker=worker)
        if job is None:
            existing = uow.jobs.get(job_id)
            if existing is None:
                raise JobNotFound(f"no job {job_id}")
            log.info("job_already_finished", status=existing.status.value)
            return AlreadyFinished(status=existing.status)
        if job.attempts > max_attempts:
            # Delivered again and again without finishing: the worker dies on this
            # file (killed by the time limit, out of memory). Stop the loop.
            message = f"gave up after {job.attempts - 1} deliveries; the worker never finished this job"
            uow.jobs.finish(job_id, status=JobStatus.FAILED, error_code="attempts_exhausted", error_message=message)
            uow.commit()
            log.error("job_finished", outcome=JobStatus.FAILED.value, error_code="attempts_exhausted")
            return GaveUp(error_code="attempts_exhausted", error_message=message)
        lost = job.attempts - 1 - retries
        if redelivered and max_lost_attempts is not None and lost >= max_lost_attempts:
            # Its worker died under it (the kernel's OOM killer, the hard time limit)
            # that many times: the file is the problem, so it is rejected, not failed.
            message = (f"the worker process died {lost} times while on this file (killed for "
                       "memory or time); rejected so it is not delivered again")
            uow.jobs.finish(job_id, status=JobStatus.REJECTED, error_code="worker_lost",
                            error_message=message)
            uow.commit()
            log.error("job_finished", outcome=JobStatus.REJECTED.value, error_code="worker_lost",
                      attempts=job.attempts)
            return Rejected(error_code="worker_lost", error_message=message)
        raw = job.content  # loaded with the claim, in one statement
        uow.commit()
    if raw is None:  # the FK makes this impossible short of manual deletes
        raise JobNotFound(f"job {job_id} has no raw document {job.sha256}")
    log.info("job_started", source_name=job.source_name, attempt=job.attempts, bytes=len(raw))

    outcome: Outcome
    article: ParsedArticle | None = None
    records: list[Record] = []
    notes: tuple[str, ...] = ()
    digest = ""
    signature: Signature | None = None
    try:
        # One budget for everything this file costs before the store (services.budget).
        with enforce(budget):
            with stages.stage("parse"):
                records = parse(raw, filename=job.source_name, limits=limits)
            notes = _notes(records)
            if len(records) == 1:
                article = _only_article(records[0])
            if article is not None:
                with stages.stage("normalise"):
                    article = _normalised(article)
                    digest = body_hash(article.body)
                with stages.stage("dedup"):
                    signature = make_signature(article.body, dedup_config)
    except InputError as exc:
        outcome = Rejected(error_code=exc.code, error_message=exc.message)
        article, records = None, []
    except Exception as exc:  # a parser bug must reject the job, not crash-loop the worker
        log.exception("parser_crashed")
        outcome = Rejected(error_code="parser_error", error_message=f"{type(exc).__name__}: {exc}")
        article, records = None, []

    with stages.stage("store"), uow_factory() as uow:
        current = uow.jobs.get(job_id, for_update=True)
        if current is None:
            raise JobNotFound(f"no job {job_id}")
        if current.status.is_final:  # another delivery finished it meanwhile
            log.info("job_already_finished", status=current.status.value)
            return AlreadyFinished(status=current.status)
        if len(records) > 1:
            outcome = _split(uow, parent_job_id=job_id, records=records)
        elif article is not None:
            article_id = uow.articles.add(
                job_id=job_id, source_name=job.source_name, article=article, body_hash=digest
            )
            if article_id is not None:
                assert signature is not None  # made with the article above
                started = time.perf_counter()
                story = uow.stories.assign(article_id=article_id, signature=signature, config=dedup_config)
                log.info("story_assigned", article_id=article_id, story_id=story.story_id,
                         created=story.created, candidates=story.candidates, matched=story.matched,
                         merged=list(story.merged), config=dedup_config.name,
                         ms=round((time.perf_counter() - started) * 1000, 3))
                outcome = Stored(article_id=article_id)
            else:
                first = uow.articles.id_by_body_hash(digest)
                assert first is not None  # the insert conflicted with this very row
                outcome = Duplicate(duplicate_of=first)
        uow.jobs.finish(
            job_id,
            status=outcome.status,
            article_id=getattr(outcome, "article_id", None),
            duplicate_of=getattr(outcome, "duplicate_of", None),
            error_code=getattr(outcome, "error_code", None),
            error_message=getattr(outcome, "error_message", None),
            stage_ms=stages.ms,
            notes=notes,
        )
        uow.commit()

    if isinstance(outcome, Split):
        for child_id, code in outcome.rejected:  # these children never run a task
            log.info("job_finished", job_id=child_id, parent_job_id=job_id, outcome="rejected", error_code=code)
    log.info(
        "job_finished",
        outcome=outcome.status.value,
        article_id=getattr(outcome, "article_id", None),
        duplicate_of=getattr(outcome, "duplicate_of", None),
        error_code=getattr(outcome, "error_code", None),
        children=getattr(outcome, "children", None),
        source_name=job.source_name,
        notes=list(notes) or None,
        stage_ms=stages.ms,
        stage_cpu_ms=stages.cpu_ms,
        total_ms=round(sum(stages.ms.values()), 3),
    )
    return outcome


def mark_failed(job_id: str, *, uow_factory: Callable[[], AbstractUnitOfWork], error: str) -> None:
    """A transient error outlived every retry: record it (``copydesk requeue`` resends)."""
    with uow_factory() as uow:
        job = uow.jobs.get(job_id, for_update=True)
        if job is None or job.status.is_final:
            return
        uow.jobs.finish(job_id, status=JobStatus.FAILED, error_code="retries_exhausted", error_message=error)
        uow.commit()
    log.error("job_finished", outcome=JobStatus.FAILED.value, error_code="retries_exhausted", error=error)


def _notes(records: list[Record]) -> tuple[str, ...]:
    """What parsing had to repair (``ParsedArticle.notes``), once each, for the job."""
    return tuple(dict.fromkeys(n for r in records if r.article is not None
                               for n in r.article.notes))


def _only_article(record: Record) -> ParsedArticle:
    if record.error is not None:
        raise record.error
    assert record.article is not None  # a Record holds an article or an error
    if record.url and not record.article.url:
        return replace(record.article, url=record.url)
    return record.article


def _split(uow: AbstractUnitOfWork, *, parent_job_id: str, records: list[Record]) -> Split:
    """One child job per record, keyed by (parent, record number) so a redelivered
    container finds the children it made before."""
    to_send: list[str] = []
    rejected: list[tuple[str, str]] = []
    for record in records:
        sha256 = hashlib.sha256(record.raw).hexdigest()
        uow.raw.put(sha256, record.raw)
        child_id, _ = uow.jobs.create_child(
            job_id=str(uuid.uuid4()),
            parent_job_id=parent_job_id,
            record_no=record.record_no,
            source_name=record.name,
            sha256=sha256,
            error_code=record.error.code if record.error else None,
            error_message=record.error.message if record.error else None,
        )
        if record.error:
            rejected.append((child_id, record.error.code))
        else:
            to_send.append(child_id)
    return Split(to_send=tuple(to_send), rejected=tuple(rejected), children=len(records))


def _normalised(article: ParsedArticle) -> ParsedArticle:
    return replace(article, body=normalise_body(article.body))
