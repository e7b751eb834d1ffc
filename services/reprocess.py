"""Reprocessing: parse again from the stored raw bytes, or enrich again, what copydesk
already holds, without anyone dropping a file again.

``copydesk reprocess`` / ``copydesk reenrich`` open a run (``services.storage.revisions``)
whose items are fixed when it starts, then *feed* it: a few items at a time, only while
the queue has little waiting, so files dropped meanwhile are never stuck behind
thousands of re-runs (low priority without a second queue or broker priorities). The
run's state is in Postgres: Ctrl-C stops the feeding, and the same command resumes it.

A parse item is done by a worker (``copydesk.reprocess``, on the ingest queue):

* a job that made an article is parsed again with the current parser, under the same
  budget as an ingest. Fields equal to what is stored: only the versions move
  (``unchanged``). Otherwise the article is updated **in place** (same ``article_id``)
  and a revision row says which fields changed and what they were (``updated``); a new
  body also re-decides the article's story and clears its enrichment, which is sent
  again. A parse that now fails or finds another article's exact body leaves the
  article as it is (``now_rejected:CODE``, ``now_duplicate_of:ID``).
* a rejected or failed job is opened again and ingested like a new drop (the outcome
  is its new status).

Every step can run twice: an item already done is skipped, and a second parse of an
updated article finds nothing changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol

import structlog

from services.config import Settings
from services.domain.models import JobStatus, Stored
from services.errors import InputError
from services.ingest import _parse_and_prepare, ingest_job, needs_isolation, parse_budget
from services.isolation import run_budgeted
from services.outbox import after_ingest, send_run_items
from services.pipeline.dedup import DEFAULT_CONFIG
from services.pipeline.formats import Limits, parse_records
from services.ports import TaskSender, UnitOfWork
from services.storage.revisions import FIELDS, RevisionRepository, Run, new_values
from services.versions import ENRICH_VERSION, PARSER_VERSION

__all__ = ["ENRICH", "PARSE", "Selection", "feed", "open_run", "reprocess_item"]

log = structlog.get_logger(__name__)

PARSE = "parse"
ENRICH = "enrich"


class ReprocessUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that can also revise articles and keep runs (Postgres only)."""

    @property
    def revisions(self) -> RevisionRepository: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """What a run covers (the command's filters). ``everything``: every article, and
    for a parse run every rejected and failed job too."""

    everything: bool = False
    since: datetime | None = None
    source_format: str | None = None
    statuses: tuple[str, ...] = ()
    parser_version: int | None = None  # made by a parser older than this
    enrich_version: int | None = None  # enriched by an enrichment older than this

    @property
    def empty(self) -> bool:
        return not (self.everything or self.since or self.source_format or self.statuses
                    or self.parser_version is not None or self.enrich_version is not None)

    def as_json(self) -> dict[str, Any]:
        values = asdict(self)
        values["since"] = self.since.isoformat() if self.since else None
        values["statuses"] = sorted(self.statuses)
        return values


def _items_sql(kind: str, sel: Selection) -> tuple[str, tuple[Any, ...]]:
    """SQL giving the run's items (``job_id, article_id``) in a stable order."""
    where: list[str] = []
    params: list[Any] = []
    if sel.since is not None:
        where.append("a.ingested_at >= %s")
        params.append(sel.since)
    if sel.source_format:
        where.append("a.source_format = %s")
        params.append(sel.source_format)
    if kind == ENRICH:
        if sel.enrich_version is not None:
            where.append("coalesce(a.enrich_version, 0) < %s")
            params.append(sel.enrich_version)
        cond = " AND ".join(where) or "true"
        sql = (f"SELECT NULL::uuid AS job_id, a.article_id FROM copydesk.articles a"
               f" WHERE {cond} ORDER BY a.article_id")
        return sql, tuple(params)
    if sel.parser_version is not None:
        where.append("coalesce(a.parser_version, 0) < %s")
        params.append(sel.parser_version)
    parts: list[str] = []
    part_params: list[Any] = []
    if not sel.statuses:  # the articles the filters select (all of them for --all)
        cond = " AND ".join(where) or "true"
        parts.append(f"SELECT a.job_id, a.article_id, 0 AS k, a.article_id::text AS o"
                     f" FROM copydesk.articles a WHERE {cond}")
        part_params += params
    statuses = list(sel.statuses) or (["rejected", "failed"] if sel.everything else [])
    if statuses:
        job_where = ["j.status = ANY(%s)"]
        job_params: list[Any] = [statuses]
        if sel.since is not None:
            job_where.append("j.queued_at >= %s")
            job_params.append(sel.since)
        if sel.parser_version is not None:
            job_where.append("coalesce(j.parser_version, 0) < %s")
            job_params.append(sel.parser_version)
        parts.append("SELECT j.job_id, NULL::bigint AS article_id, 1 AS k,"
                     " j.queued_at::text || j.job_id::text AS o"
                     f" FROM copydesk.ingest_jobs j WHERE {' AND '.join(job_where)}")
        part_params += job_params
    union = " UNION ALL ".join(parts)
    return (f"SELECT job_id, article_id FROM ({union}) u ORDER BY k, o", tuple(part_params))


def open_run(kind: str, selection: Selection, *,
             uow_factory: Callable[[], ReprocessUnitOfWork]) -> Run:
    """The unfinished run for this selection (to resume), or a new one."""
    sql, params = _items_sql(kind, selection)
    version = PARSER_VERSION if kind == PARSE else ENRICH_VERSION
    with uow_factory() as uow:
        run = uow.revisions.open_run(kind=kind, selection=selection.as_json(), version=version,
                                     items_sql=sql, params=params)
        uow.commit()
    return run


@dataclass(slots=True)
class Progress:
    run_id: int
    total: int
    done: int
    started: float = field(default_factory=time.monotonic)
    done_at_start: int = 0

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return (self.done - self.done_at_start) / elapsed if elapsed > 0 else 0.0


def feed(run: Run, *, uow_factory: Callable[[], ReprocessUnitOfWork], sender: TaskSender,
         on_progress: Callable[[Progress], None] = lambda _: None,
         should_stop: Callable[[], bool] = lambda: False, low_water: int = 4,
         poll_s: float = 0.5, resend_after_s: float = 600.0) -> Progress:
    """Send the run's items while the queue holds fewer than ``low_water`` messages,
    until every item is done (or ``should_stop``). Items sent but unfinished after
    ``resend_after_s`` (their message lost) are sent again."""
    queue = "ingest" if run.kind == PARSE else "enrich"
    progress = Progress(run_id=run.run_id, total=run.total, done=run.done, done_at_start=run.done)
    while not should_stop():
        with uow_factory() as uow:
            if run.kind == ENRICH:
                uow.revisions.finish_enriched(run.run_id)
            progress.total, progress.done = uow.revisions.progress(run.run_id)
            if progress.done >= progress.total:
                uow.revisions.finish_run(run.run_id)
                uow.commit()
                on_progress(progress)
                break
            uow.commit()
        on_progress(progress)
        room = low_water - sender.queue_depth(queue)
        if room > 0:
            with uow_factory() as uow:
                items = uow.revisions.to_send(run.run_id, limit=room, resend_after_s=resend_after_s)
                uow.commit()
            sent = set(send_run_items(run.run_id, [(i.item_no, i.article_id) for i in items],
                                      kind=run.kind, sender=sender))
            unsent = [i.item_no for i in items if i.item_no not in sent]
            if unsent:  # the broker is down: pick them again next time
                with uow_factory() as uow:
                    uow.revisions.unsend(run.run_id, unsent)
                    uow.commit()
        time.sleep(poll_s)
    return progress


def reprocess_item(run_id: int, item_no: int, *, settings: Settings,
                   uow_factory: Callable[[], ReprocessUnitOfWork], sender: TaskSender,
                   worker: str, parse: Any = parse_records) -> str:
    """One ``copydesk.reprocess`` task; returns the item's outcome."""
    with uow_factory() as uow:
        found = uow.revisions.item(run_id, item_no)
        if found is None or found[1] or found[0].job_id is None:
            return "already_done" if found else "no_such_item"
        item = found[0]
        job_id = item.job_id
        assert job_id is not None
        job = uow.jobs.get(job_id)
        stored = uow.revisions.stored_article(job_id)
        raw = uow.raw.get(job.sha256) if job is not None and job.sha256 else None
        uow.commit()
    with structlog.contextvars.bound_contextvars(job_id=job_id, reprocess_run=run_id):
        if job is None or raw is None:
            outcome = "skipped:no_raw_bytes"
        elif stored is None:
            outcome = _ingest_again(job_id, job.status, settings=settings, uow_factory=uow_factory,
                                    sender=sender, worker=worker, parse=parse)
        else:
            outcome = _parse_again(run_id, job_id, raw, job.source_name, settings=settings,
                                   uow_factory=uow_factory, sender=sender, parse=parse)
        with uow_factory() as uow:
            uow.revisions.finish_item(run_id, item_no, outcome)
            uow.commit()
        log.info("reprocess_item_done", item_no=item_no, outcome=outcome)
    return outcome


def _ingest_again(job_id: str, status: JobStatus, *, settings: Settings,
                  uow_factory: Callable[[], ReprocessUnitOfWork], sender: TaskSender,
                  worker: str, parse: Any) -> str:
    if status not in (JobStatus.REJECTED, JobStatus.FAILED):
        return f"skipped:{status.value}"
    with uow_factory() as uow:
        uow.revisions.reopen_job(job_id)
        uow.commit()
    outcome = ingest_job(job_id, uow_factory=uow_factory, worker=worker,
                         limits=Limits.from_settings(settings), max_attempts=settings.max_attempts,
                         budget=parse_budget(settings), parse=parse)
    after_ingest(outcome, uow_factory=uow_factory, sender=sender)
    return outcome.status.value


def _parse_again(run_id: int, job_id: str, raw: bytes, source_name: str, *, settings: Settings,
                 uow_factory: Callable[[], ReprocessUnitOfWork], sender: TaskSender,
                 parse: Any) -> str:
    try:
        prepared, _, _ = run_budgeted(parse_budget(settings), _parse_and_prepare, raw,
                                      isolate=needs_isolation(raw), filename=source_name,
                                      limits=Limits.from_settings(settings), parse=parse,
                                      dedup_config=DEFAULT_CONFIG)
    except InputError as exc:
        return f"now_rejected:{exc.code}"
    if prepared.rejected is not None:
        return f"now_rejected:{prepared.rejected.error_code}"
    if prepared.article is None or prepared.signature is None:
        return "now_rejected:container"
    article, signature = prepared.article, prepared.signature
    values = new_values(article)
    send_enrich: int | None = None
    with uow_factory() as uow:
        stored = uow.revisions.stored_article(job_id)  # locked from here to the commit
        if stored is None:
            return "skipped:article_gone"
        changed = [column for column in FIELDS if values[column] != stored.values[column]]
        if not changed:
            uow.revisions.mark_parsed(article_id=stored.article_id, job_id=job_id)
            uow.commit()
            return "unchanged"
        if prepared.digest != stored.body_hash:
            # As every writer of a body hash does (services.storage.stories: lock order);
            # an ingest of the same body meanwhile waits, then finds this article.
            uow.articles.lock_body(prepared.digest)
            other = uow.articles.id_by_body_hash(prepared.digest)
            if other is not None and other != stored.article_id:
                return f"now_duplicate_of:{other}"
        uow.revisions.revise(stored, article, body_hash=prepared.digest, changed=changed,
                             run_id=run_id)
        if "body" in changed:
            assignment = uow.revisions.restory(stored, signature=signature, config=DEFAULT_CONFIG)
            log.info("story_rechecked", article_id=stored.article_id, story_before=stored.story_id,
                     story_after=assignment.story_id)
        uow.revisions.clear_enrichment(stored.article_id)
        uow.revisions.mark_parsed(article_id=stored.article_id, job_id=job_id)
        uow.commit()
        send_enrich = stored.article_id
    log.info("article_revised", article_id=send_enrich, fields=changed)
    after_ingest(Stored(article_id=send_enrich), uow_factory=uow_factory, sender=sender)
    return "updated"
