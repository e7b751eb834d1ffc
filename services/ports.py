"""What the services need from the outside world, as Protocols.

The Postgres adapters in ``services/storage/`` and the fakes in ``tests/fakes.py``
implement these; ``mypy --strict`` checks both against them. The Celery-backed
``TaskSender`` is ``workers/sender.py``, found through an entry point
(``services.outbox.load_task_sender``), so ``services/`` never imports Celery.

Repositories work on the transaction of the unit of work that owns them and never
commit; every method may raise ``StorageUnavailable``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Protocol, Self

from services.domain.models import (
    ArticleForEnrichment,
    EnrichmentStart,
    Job,
    JobStatus,
    NewJob,
    ParsedArticle,
)
from services.pipeline.dedup import MinHashConfig, Signature, StoryAssignment
from services.pipeline.enrich.base import Enrichment

__all__ = [
    "ArticleRepository",
    "Clock",
    "EnrichmentRepository",
    "JobRepository",
    "RawRepository",
    "StoryRepository",
    "TaskSender",
    "UnitOfWork",
]


class RawRepository(Protocol):
    def put(self, sha256: str, content: bytes) -> None:
        """Store the bytes once; the same bytes again are a no-op."""

    def put_many(self, documents: Sequence[tuple[str, bytes]]) -> None:
        """``put`` of each (sha256, bytes), in one statement."""

    def get(self, sha256: str) -> bytes | None: ...


class JobRepository(Protocol):
    def create(self, *, job_id: str, source_name: str, sha256: str, drop_key: str,
               dropped_at: float | None = None, sending: bool = False) -> tuple[str, bool]:
        """A queued job for one drop: (job_id, created); a drop claimed before (same
        ``drop_key``) gives the existing job and False. ``dropped_at`` (Unix time): when
        the file arrived in the inbox, if known. ``sending``: the caller sends the new
        job's message right after the commit, so the new row already counts that send
        (``unmark_sent`` takes it back when the send fails)."""

    def create_many(self, jobs: Sequence[NewJob], *, sending: bool = False) -> list[tuple[str, bool]]:
        """``create`` of each job, in one statement (and one more for the drops claimed
        before): (job_id, created) of each, in the order given."""

    def create_rejected(
        self, *, job_id: str, source_name: str, drop_key: str, error_code: str, error_message: str
    ) -> tuple[str, bool]:
        """A drop refused before its bytes were read (no raw document)."""

    def create_child(
        self,
        *,
        job_id: str,
        parent_job_id: str,
        record_no: int,
        source_name: str,
        sha256: str,
        error_code: str | None = None,
        error_message: str | None = None,
    ) -> tuple[str, bool]:
        """A job for one record of a container, born ``rejected`` with ``error_code``;
        the same record of the same parent always maps to the same job."""

    def start(self, job_id: str, *, worker: str) -> Job | None:
        """Mark a job running (one more attempt); None when it is already final."""

    def get(self, job_id: str, *, for_update: bool = False, lock_body: str | None = None) -> Job | None:
        """The job; ``for_update``: its row locked until the transaction ends, and with
        ``lock_body`` (a body hash) the body's lock (``ArticleRepository.lock_body``)
        taken after it."""

    def finish(
        self,
        job_id: str,
        *,
        status: JobStatus,
        article_id: int | None = None,
        duplicate_of: int | None = None,
        error_code: str | None = None,
        error_message: str | None = None,
        stage_ms: dict[str, float] | None = None,
        notes: Sequence[str] = (),
    ) -> None: ...

    def mark_sent(self, job_ids: list[str]) -> None:
        """Count one more send of each job's message, now."""

    def unmark_sent(self, job_ids: list[str]) -> None:
        """Take back a send counted ahead (``create(sending=True)``) that failed: the
        jobs look never sent, and the reconciler sends them at its next round."""

    def claim_stale(
        self, *, queued_after_s: float | None, running_after_s: float, broker_empty: bool, limit: int = 500
    ) -> list[str]:
        """Jobs whose message may be lost, locked against concurrent reconcilers:
        queued and last sent over ``queued_after_s`` ago (backing off per send unless
        ``broker_empty``; None: none), or running for over ``running_after_s``."""

    def requeue(self, job_ids: list[str]) -> list[str]:
        """Put the failed, running or queued ones of ``job_ids`` back to queued; returns
        those (a finished job or an unknown id is left out)."""

    def ids_with_status(self, statuses: list[str], *, limit: int = 100_000) -> list[str]: ...

    def finished_since(self, seconds: float) -> int: ...

    def counts_by_status(self) -> dict[str, int]: ...


class ArticleRepository(Protocol):
    def add(self, *, job_id: str, source_name: str, article: ParsedArticle, body_hash: str) -> int | None:
        """Store the article; None when an article with that body hash exists."""

    def lock_body(self, body_hash: str) -> None:
        """Hold the body's lock until the transaction ends (a job with the same body
        elsewhere waits for it)."""

    def id_by_body_hash(self, body_hash: str) -> int | None: ...


class StoryRepository(Protocol):
    def assign(self, *, article_id: int, signature: Signature, config: MinHashConfig) -> StoryAssignment:
        """Put a just-added article into its story (new, joined or merged), deciding
        with ``services.pipeline.dedup.match_stories``."""

    def add_article(self, *, job_id: str, source_name: str, article: ParsedArticle, body_hash: str,
                    signature: Signature, config: MinHashConfig, enriched: Enrichment | None = None,
                    ) -> tuple[int, StoryAssignment] | None:
        """Store a new article already in its story (decided as ``assign`` decides),
        marked enriched when ``enriched``; (article id, its story), or None when an
        article with that body hash exists (nothing written). Under the body's lock."""


class EnrichmentRepository(Protocol):
    def article(self, article_id: int, *, for_update: bool = False) -> ArticleForEnrichment | None: ...

    def begin(self, article_id: int, *, memo_keys: Sequence[str] = ()) -> EnrichmentStart | None:
        """Count one more run and read the article with the stored values of its
        paragraphs for these memo keys; None when there is no such article."""

    def known(self, *, body_hash: str, memo_keys: Sequence[str] = (),
              paragraph_hashes: Sequence[str] = ()) -> tuple[bool, dict[tuple[str, str], Any]]:
        """Whether an article with ``body_hash`` is stored, and the stored values of
        those paragraphs for those steps (before an article is stored)."""

    def store(self, article_id: int, result: Enrichment, *, replace_entities: bool = True,
              paragraphs: Mapping[tuple[str, str], Any] | None = None,
              max_rows: int = 500_000, article_marked: bool = False) -> bool:
        """Write ``result`` as the article's only enrichment (sets ``enriched_at``, unless
        ``article_marked``: the article was written with it) and add the new paragraph
        values; False when the article is gone."""

    def begin_attempt(self, article_id: int) -> int | None:
        """Count one more enrichment run; the count, None when there is no such article."""

    def give_up(self, article_id: int, *, code: str, message: str) -> None: ...

    def count_unenriched(self) -> int: ...

    def claim_unenriched(self, *, after_s: float, broker_empty: bool, limit: int = 500) -> list[int]:
        """Articles whose enrich message may be lost, locked against concurrent reconcilers."""

    def mark_sent(self, article_ids: list[int]) -> None: ...


class UnitOfWork(Protocol):
    """One transaction around repository calls; rolls back unless ``commit()`` ran."""

    @property
    def raw(self) -> RawRepository: ...

    @property
    def jobs(self) -> JobRepository: ...

    @property
    def articles(self) -> ArticleRepository: ...

    @property
    def stories(self) -> StoryRepository: ...

    @property
    def enrichment(self) -> EnrichmentRepository: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def autocommit(self) -> None:
        """Each statement from here on commits by itself; ``commit()`` is then a no-op.
        Only for a unit of work whose statements are each complete on their own."""


class TaskSender(Protocol):
    """Puts messages on the broker. Every call may raise ``BrokerUnavailable``; only
    ``services.outbox`` calls ``send_ingest`` and ``send_enrich``."""

    def send_ingest(self, job_id: str) -> None:
        """Queue ``copydesk.ingest(job_id=...)``."""

    def send_ingest_batch(self, job_ids: Sequence[str]) -> None:
        """Queue ``copydesk.ingest_batch(job_ids=[...])``: one message for them all."""

    def send_reprocess(self, run_id: int, item_no: int) -> None:
        """Queue ``copydesk.reprocess(run_id, item_no)`` on the ingest queue. Raises
        ``BrokerUnavailable``."""

    def send_enrich(self, article_id: int) -> None:
        """Queue ``copydesk.enrich(article_id=...)``."""

    def queue_depth(self, queue: str = "ingest") -> int:
        """Messages waiting in ``queue``."""

    def close(self) -> None: ...


class Clock(Protocol):
    """Seconds on a monotonic clock (``time.monotonic``; a fake one in tests)."""

    def __call__(self) -> float: ...
