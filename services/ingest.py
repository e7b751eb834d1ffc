"""The ingest service: one job from raw bytes to a stored article (or a recorded outcome).

Called by the thin Celery task in ``workers/tasks.py`` through ``run_ingest``; knows
nothing of Celery. ``ingest_job`` runs these named steps:

1. **load** (one statement, committed by itself): mark the job running and read its
   raw bytes, or stop the job when its deliveries ran out;
2. **parse** the bytes into records, under the file's budget (``services.budget``; a
   large, compressed or WARC file in the worker's isolate, a child process where even a
   C call over budget is stopped: ``needs_isolation``, ``services.isolation``);
3. **prepare** the one article: normalise its body, hash it, make its MinHash
   signature (still under the budget);
4. **store** (one transaction that re-checks the job under a row lock): the article
   and its story (``services.storage.stories``), a duplicate's first article, or a
   container's child jobs (one per record, each with the record's own bytes; their
   rows are the outbox, as for any job); then the job's outcome. With an
   ``InlineEnricher`` (``COPYDESK_ENRICH_INLINE``) and on the job's first delivery, a
   new article is **enrich**ed in this transaction before it is written
   (``services.enrich``), and its enrichment is written with it.

``run_ingest`` then hands the outcome to ``services.outbox.after_ingest``, which sends
what follows (child jobs, enrichment). Running it twice for the same job is harmless:
a finished job is left as it is. ``run_ingest_batch`` runs the jobs of one
``copydesk.ingest_batch`` message (several files claimed at once) in turn, the same
way; a batch that was redelivered, or that outlives its window, sends its jobs on as
messages of their own.

Stage timings (``stage_ms`` on the job, ``job_finished`` in the log), in ms, add up to
the job's time: ``load``, ``parse``, ``normalise``, ``signature`` (MinHash), ``enrich``
(inline, in step 4), ``lookup`` (the story: LSH candidates, verification, the story's rows) and
``store`` (the rest of the store transaction, commit included).
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

import structlog

from services.budget import NO_BUDGET, Budget, cpu_time
from services.config import Settings
from services.domain.models import (
    AlreadyFinished,
    Duplicate,
    GaveUp,
    Job,
    JobStatus,
    Outcome,
    ParsedArticle,
    Rejected,
    Split,
    Stored,
)
from services.enrich import Computed, InlineEnricher
from services.errors import InputError, JobNotFound
from services.isolation import run_budgeted
from services.outbox import after_ingest, send_jobs
from services.pipeline.dedup import DEFAULT_CONFIG, MinHashConfig, Signature, make_signature
from services.pipeline.formats import DEFAULT_LIMITS, Limits, Record, parse_records
from services.pipeline.normalise import body_hash, normalise_body
from services.ports import TaskSender, UnitOfWork

log = structlog.get_logger(__name__)

Parser = Callable[..., list[Record]]
UowFactory = Callable[[], UnitOfWork]


# Markup up to this size is parsed in the worker's own process: the slowest C call
# measured on it (a tag with 18 000 attributes, libxml2's duplicate check) takes 2.6 s,
# within the 5 s budget. Larger files, compressed files (whatever they inflate to) and
# WARCs are parsed in a process the kernel can stop (services.isolation).
ISOLATE_ABOVE_BYTES = 256 * 1024


def needs_isolation(raw: bytes) -> bool:
    """Whether a file's parse runs in the worker's isolate (services.isolation) rather than in
    this process."""
    return len(raw) > ISOLATE_ABOVE_BYTES or raw[:2] == b"\x1f\x8b" or raw[:5] == b"WARC/"


def parse_budget(settings: Settings) -> Budget:
    """The CPU and memory budget of one file's parse, normalisation and signature."""
    return Budget(cpu_seconds=settings.parse_timeout_s, memory_mb=settings.parse_memory_mb,
                  what="the file")


def run_ingest(
    job_id: str,
    *,
    settings: Settings,
    uow_factory: UowFactory,
    sender: TaskSender,
    worker: str,
    retries: int = 0,
    redelivered: bool = False,
    enricher: InlineEnricher | None = None,
) -> Outcome:
    """One ``copydesk.ingest`` task: the job under the settings' limits and budget, then
    what follows it sent (``services.outbox.after_ingest``). With ``enricher``, a stored
    article is enriched here instead of sent: in the store's transaction on the job's
    first delivery, after the store on a later one."""
    outcome = ingest_job(
        job_id,
        uow_factory=uow_factory,
        worker=worker,
        limits=Limits.from_settings(settings),
        max_attempts=settings.max_attempts,
        max_lost_attempts=settings.max_lost_attempts,
        retries=retries,
        redelivered=redelivered,
        budget=parse_budget(settings),
        enricher=enricher,
    )
    after_ingest(outcome, uow_factory=uow_factory, sender=sender,
                 enrich_inline=enricher.after_store if enricher is not None else None,
                 per_message=settings.ingest_batch)
    return outcome


# A batch starts its next job only this early in its message's life (a share of the
# task time limit); the jobs left go on as messages of their own. A job of a batch so
# has nearly the whole limit, as a job alone does, and the message stays within it.
BATCH_WINDOW_SHARE = 0.1


def run_ingest_batch(
    job_ids: Sequence[str],
    *,
    settings: Settings,
    uow_factory: UowFactory,
    sender: TaskSender,
    worker: str,
    redelivered: bool = False,
    enricher: InlineEnricher | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> list[Outcome]:
    """One ``copydesk.ingest_batch`` message (``Settings.ingest_batch``): its jobs in
    turn, each as ``run_ingest`` runs one, with its ``job_id`` bound to the log.

    A redelivered batch runs none of them: a process died holding it, and which of its
    jobs killed it is unknown, so each goes on as a message of its own (the finished
    ones end at once there, ``AlreadyFinished``; the others are judged by their own
    deliveries, ``max_lost_attempts``). A transient error stops the batch, and Celery
    sends it again: the jobs it had finished are already final then."""
    if redelivered:
        log.warning("batch_redelivered", jobs=len(job_ids))
        send_jobs(job_ids, uow_factory=uow_factory, sender=sender)
        return []
    started = clock()
    window = settings.task_time_limit_seconds * BATCH_WINDOW_SHARE
    outcomes: list[Outcome] = []
    for n, job_id in enumerate(job_ids):
        if n and clock() - started > window:
            log.info("batch_cut", jobs=len(job_ids), ran=n, seconds=round(clock() - started, 3))
            send_jobs(job_ids[n:], uow_factory=uow_factory, sender=sender)
            break
        with structlog.contextvars.bound_contextvars(job_id=job_id):
            outcomes.append(run_ingest(job_id, settings=settings, uow_factory=uow_factory, sender=sender,
                                       worker=worker, enricher=enricher))
    return outcomes


def give_up_batch(job_ids: Sequence[str], *, uow_factory: UowFactory, sender: TaskSender, error: str) -> None:
    """A batch's transient error outlived every retry: its first unfinished job is
    marked failed, as it would be alone (``mark_failed``), and the jobs after it go on
    as messages of their own."""
    for n, job_id in enumerate(job_ids):
        with structlog.contextvars.bound_contextvars(job_id=job_id):
            failed = mark_failed(job_id, uow_factory=uow_factory, error=error)
        if failed:
            send_jobs(job_ids[n + 1:], uow_factory=uow_factory, sender=sender)
            return


class _Stages:
    """Wall-clock (``ms``) and CPU (``cpu_ms``) duration of each named stage, in
    milliseconds. A stage timed inside another is taken out of the outer one's
    figures, so the figures add up."""

    def __init__(self) -> None:
        self.ms: dict[str, float] = {}
        self.cpu_ms: dict[str, float] = {}
        self._inner = [(0.0, 0.0)]  # per open stage (and the root): wall and CPU spent in stages inside it

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started, cpu = time.perf_counter(), cpu_time()
        self._inner.append((0.0, 0.0))
        try:
            yield
        finally:
            elapsed, used = time.perf_counter() - started, cpu_time() - cpu
            inner_wall, inner_cpu = self._inner.pop()
            outer_wall, outer_cpu = self._inner[-1]
            self._inner[-1] = (outer_wall + elapsed, outer_cpu + used)
            self.ms[name] = round((elapsed - inner_wall) * 1000, 3)
            self.cpu_ms[name] = round((used - inner_cpu) * 1000, 3)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Prepared:
    """What the store step writes: a rejection, a container's records, or one article
    with its body hash and signature."""

    rejected: Rejected | None = None
    records: tuple[Record, ...] = ()
    article: ParsedArticle | None = None
    digest: str = ""
    signature: Signature | None = None
    notes: tuple[str, ...] = ()


def ingest_job(
    job_id: str,
    *,
    uow_factory: UowFactory,
    worker: str,
    limits: Limits = DEFAULT_LIMITS,
    max_attempts: int = 12,
    max_lost_attempts: int | None = None,
    retries: int = 0,
    redelivered: bool = False,
    budget: Budget = NO_BUDGET,
    parse: Parser = parse_records,
    dedup_config: MinHashConfig = DEFAULT_CONFIG,
    enricher: InlineEnricher | None = None,
) -> Outcome:
    """``redelivered``: the broker hands this message out again because the process that
    held it died (kombu marks restored messages). ``retries``: how many times Celery
    retried this message after a transient error (those deliveries ended alive). On a
    redelivery, the job's other unfinished deliveries count as deaths; at
    ``max_lost_attempts`` of them the job is rejected as ``worker_lost`` (None: no such
    cap, only ``max_attempts``). A fresh message (``copydesk requeue``, the reconciler)
    is never judged by the deliveries before it."""
    stages = _Stages()
    with stages.stage("load"):
        loaded = _load(job_id, uow_factory=uow_factory, worker=worker, max_attempts=max_attempts,
                       max_lost_attempts=max_lost_attempts, retries=retries, redelivered=redelivered)
    if not isinstance(loaded, tuple):
        return loaded
    job, raw = loaded
    log.info("job_started", source_name=job.source_name, attempt=job.attempts, bytes=len(raw))
    try:
        # One budget for everything this file costs before the store, in a child
        # process the budget can stop even inside a C call (services.isolation).
        prepared, parse_ms, parse_cpu_ms = run_budgeted(
            budget, _parse_and_prepare, raw, filename=job.source_name, limits=limits, parse=parse,
            dedup_config=dedup_config, isolate=needs_isolation(raw))
        stages.ms.update(parse_ms)
        stages.cpu_ms.update(parse_cpu_ms)
    except InputError as exc:
        prepared = _Prepared(rejected=Rejected(error_code=exc.code, error_message=exc.message))
    except Exception as exc:  # a parser bug must reject the job, not crash-loop the worker
        log.exception("parser_crashed")
        prepared = _Prepared(rejected=Rejected(error_code="parser_error",
                                               error_message=f"{type(exc).__name__}: {exc}"))
    # The first delivery only: if the enrichers kill this process, the next one stores
    # the article before enriching it (InlineEnricher).
    inline = enricher if enricher is not None and job.attempts == 1 else None
    outcome, computed = _store(job, prepared, raw, uow_factory=uow_factory, stages=stages,
                               dedup_config=dedup_config, enricher=inline)
    if not isinstance(outcome, AlreadyFinished):
        _log_finished(job, outcome, prepared.notes, stages)
    if inline is not None and computed is not None and isinstance(outcome, Stored) and outcome.enriched:
        inline.written(outcome.article_id, computed)
    return outcome


def _load(
    job_id: str,
    *,
    uow_factory: UowFactory,
    worker: str,
    max_attempts: int,
    max_lost_attempts: int | None,
    retries: int,
    redelivered: bool,
) -> tuple[Job, bytes] | Outcome:
    """Start the job and read its bytes; an outcome instead when it is already finished
    or its deliveries ran out. Each statement commits by itself: the start is one
    statement, and a job stopped after it was started is no different from one whose
    worker died after the start (the next delivery counts it)."""
    with uow_factory() as uow:
        uow.autocommit()
        job = uow.jobs.start(job_id, worker=worker)
        if job is None:
            existing = uow.jobs.get(job_id)
            if existing is None:
                raise JobNotFound(f"no job {job_id}")
            log.info("job_already_finished", status=existing.status.value)
            return AlreadyFinished(status=existing.status)
        stopped = _deliveries_ran_out(job, max_attempts=max_attempts, max_lost_attempts=max_lost_attempts,
                                      retries=retries, redelivered=redelivered)
        if stopped is not None:
            uow.jobs.finish(job_id, status=stopped.status, **stopped.job_fields)
            uow.commit()
            log.error("job_finished", outcome=stopped.status.value, error_code=stopped.error_code,
                      attempts=job.attempts)
            return stopped
        raw = job.content  # loaded with the claim, in one statement
        uow.commit()
    if raw is None:  # the FK makes this impossible short of manual deletes
        raise JobNotFound(f"job {job_id} has no raw document {job.sha256}")
    return job, raw


def _deliveries_ran_out(
    job: Job, *, max_attempts: int, max_lost_attempts: int | None, retries: int, redelivered: bool
) -> GaveUp | Rejected | None:
    if job.attempts > max_attempts:
        # Delivered again and again without finishing: the worker dies on this
        # file (killed by the time limit, out of memory). Stop the loop.
        return GaveUp(error_code="attempts_exhausted",
                      error_message=f"gave up after {job.attempts - 1} deliveries; the worker never finished this job")
    lost = job.attempts - 1 - retries
    if redelivered and max_lost_attempts is not None and lost >= max_lost_attempts:
        # Its worker died under it (the kernel's OOM killer, the hard time limit)
        # that many times: the file is the problem, so it is rejected, not failed.
        return Rejected(error_code="worker_lost",
                        error_message=(f"the worker process died {lost} times while on this file (killed for "
                                       "memory or time); rejected so it is not delivered again"))
    return None


def _parse_and_prepare(raw: bytes, *, filename: str, limits: Limits, parse: Parser,
                       dedup_config: MinHashConfig
                       ) -> tuple[_Prepared, dict[str, float], dict[str, float]]:
    """Parse and prepare, with the stages' wall and CPU timings (run where the budget
    applies: a child process, whose CPU is its own)."""
    stages = _Stages()
    with stages.stage("parse"):
        records = parse(raw, filename=filename, limits=limits)
    return _prepare(records, stages=stages, dedup_config=dedup_config), stages.ms, stages.cpu_ms


def _prepare(records: list[Record], *, stages: _Stages, dedup_config: MinHashConfig) -> _Prepared:
    """A container's records as they are; one article normalised, hashed and signed.
    Raises the record's ``InputError`` when the file's one record has none."""
    notes = _notes(records)
    if len(records) != 1:
        return _Prepared(records=tuple(records), notes=notes)
    article = _only_article(records[0])
    with stages.stage("normalise"):
        article = replace(article, body=normalise_body(article.body))
        digest = body_hash(article.body)
    with stages.stage("signature"):
        signature = make_signature(article.body, dedup_config)
    return _Prepared(article=article, digest=digest, signature=signature, notes=notes)


def _store(
    job: Job, prepared: _Prepared, raw: bytes, *, uow_factory: UowFactory, stages: _Stages,
    dedup_config: MinHashConfig, enricher: InlineEnricher | None = None,
) -> tuple[Outcome, Computed | None]:
    """Write the outcome in one transaction that re-checks the job under its row lock;
    with ``enricher``, a new article is enriched in it before it is written, and its
    enrichment written with it."""
    job_id = job.job_id
    computed = None
    # An article enriched before it is written: its body's lock is held from the first
    # statement on (see InlineEnricher.before_store).
    lock_body = prepared.digest if enricher is not None and prepared.article is not None else None
    with stages.stage("store"), uow_factory() as uow:
        current = uow.jobs.get(job_id, for_update=True, lock_body=lock_body)
        if current is None:
            raise JobNotFound(f"no job {job_id}")
        if current.status.is_final:  # another delivery finished it meanwhile
            log.info("job_already_finished", status=current.status.value)
            return AlreadyFinished(status=current.status), None
        outcome: Outcome
        if prepared.rejected is not None:
            outcome = prepared.rejected
        elif prepared.article is None:
            outcome = _split(uow, parent_job_id=job_id, records=prepared.records)
        else:
            if enricher is not None:
                with stages.stage("enrich"):
                    computed = enricher.before_store(uow, prepared.article, raw=raw, body_hash=prepared.digest)
            outcome = _add_article(uow, job, prepared, stages=stages, dedup_config=dedup_config,
                                   computed=computed)
            if isinstance(outcome, Stored) and enricher is not None and computed is not None:
                enricher.write(uow, outcome.article_id, computed, article_marked=True)
                outcome = replace(outcome, enriched=True)
        uow.jobs.finish(job_id, status=outcome.status, **outcome.job_fields, stage_ms=stages.ms,
                        notes=prepared.notes)
        uow.commit()
    return outcome, computed


def _add_article(
    uow: UnitOfWork, job: Job, prepared: _Prepared, *, stages: _Stages, dedup_config: MinHashConfig,
    computed: Computed | None = None,
) -> Stored | Duplicate:
    """The article and its story. With ``computed`` (enriched in this transaction under the
    body's lock, no article with this body stored: ``InlineEnricher.before_store``), its
    story is found first and the article written once, marked enriched
    (``StoryRepository.add_article``); otherwise the article is written first, so an
    exact duplicate stops there, and then put in its story."""
    assert prepared.article is not None and prepared.signature is not None  # made by _prepare
    story = None
    if computed is not None:
        with stages.stage("lookup"):
            added = uow.stories.add_article(job_id=job.job_id, source_name=job.source_name, article=prepared.article,
                                            body_hash=prepared.digest, signature=prepared.signature,
                                            config=dedup_config, enriched=computed.result)
        article_id = None if added is None else added[0]
        story = None if added is None else added[1]
    else:
        article_id = uow.articles.add(job_id=job.job_id, source_name=job.source_name, article=prepared.article,
                                      body_hash=prepared.digest)
    if article_id is None:
        first = uow.articles.id_by_body_hash(prepared.digest)
        assert first is not None  # the insert conflicted with this very row
        return Duplicate(duplicate_of=first)
    if story is None:
        with stages.stage("lookup"):
            story = uow.stories.assign(article_id=article_id, signature=prepared.signature, config=dedup_config)
    log.info("story_assigned", article_id=article_id, story_id=story.story_id, created=story.created,
             candidates=story.candidates, matched=story.matched, merged=list(story.merged),
             config=dedup_config.name, ms=stages.ms["lookup"])
    return Stored(article_id=article_id)


def _log_finished(job: Job, outcome: Outcome, notes: tuple[str, ...], stages: _Stages) -> None:
    """The job's one canonical ``job_finished`` line (and one per child rejected on the spot)."""
    if isinstance(outcome, Split):
        for child_id, code in outcome.rejected:  # these children never run a task
            log.info("job_finished", job_id=child_id, parent_job_id=job.job_id, outcome="rejected", error_code=code)
    fields = outcome.job_fields
    log.info(
        "job_finished",
        outcome=outcome.status.value,
        article_id=fields["article_id"],
        duplicate_of=fields["duplicate_of"],
        error_code=fields["error_code"],
        children=outcome.children if isinstance(outcome, Split) else None,
        source_name=job.source_name,
        notes=list(notes) or None,
        stage_ms=stages.ms,
        stage_cpu_ms=stages.cpu_ms,
        total_ms=round(sum(stages.ms.values()), 3),
    )


def mark_failed(job_id: str, *, uow_factory: UowFactory, error: str) -> bool:
    """A transient error outlived every retry: record it (``copydesk requeue`` resends).
    False: the job was final already (or is gone)."""
    with uow_factory() as uow:
        job = uow.jobs.get(job_id, for_update=True)
        if job is None or job.status.is_final:
            return False
        uow.jobs.finish(job_id, status=JobStatus.FAILED, error_code="retries_exhausted", error_message=error)
        uow.commit()
    log.error("job_finished", outcome=JobStatus.FAILED.value, error_code="retries_exhausted", error=error)
    return True


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


def _split(uow: UnitOfWork, *, parent_job_id: str, records: tuple[Record, ...]) -> Split:
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
    return Split(parent_job_id=parent_job_id, to_send=tuple(to_send), rejected=tuple(rejected),
                 children=len(records))
