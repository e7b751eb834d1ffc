"""Plain typed data that flows through copydesk. No I/O here."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypedDict


class JobStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    STORED = "stored"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"
    FAILED = "failed"
    SPLIT = "split"  # a container whose records became child jobs

    @property
    def is_final(self) -> bool:
        return self in (JobStatus.STORED, JobStatus.DUPLICATE, JobStatus.REJECTED, JobStatus.SPLIT)


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedArticle:
    """What a parser makes of one article-bearing file (or one record of a container).

    ``published_at``/``modified_at`` are timezone-aware; a parser that finds a naive
    time takes it as UTC. ``notes`` say what reading the file had to repair, as
    ``name:value`` strings (``nul_bytes_removed:3``); they are stored on the job.
    """

    source_format: str
    body: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    modified_at: datetime | None = None
    site_name: str | None = None
    section: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    wire_source: str | None = None
    dateline: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def word_count(self) -> int:
        return len(self.body.split())

    def to_json(self) -> dict[str, Any]:
        """The shape `copydesk parse --json` prints."""
        return {
            "source_format": self.source_format,
            "title": self.title,
            "authors": list(self.authors),
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "modified_at": self.modified_at.isoformat() if self.modified_at else None,
            "site_name": self.site_name,
            "section": self.section,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "language": self.language,
            "wire_source": self.wire_source,
            "dateline": self.dateline,
            "word_count": self.word_count,
            "notes": list(self.notes),
            "body": self.body,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    """One ingest job as its repository returns it."""

    job_id: str
    source_name: str
    sha256: str | None  # None: rejected before its bytes were read
    status: JobStatus
    attempts: int = 0
    content: bytes | None = field(default=None, repr=False)  # the raw bytes, loaded by ``start``


@dataclass(frozen=True, slots=True, kw_only=True)
class NewJob:
    """A queued job to make for one drop (``JobRepository.create_many``)."""

    job_id: str
    source_name: str
    sha256: str
    drop_key: str  # the drop's identity: claiming the same drop again finds this job
    dropped_at: float | None = None  # Unix time the file arrived in the inbox, if known


MAX_PAGE_BYTES = 2_000_000  # how much of the raw file ArticleForEnrichment.page holds


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleForEnrichment:
    """A stored article as the enrichers read it."""

    article_id: int
    body: str
    title: str | None
    site_name: str | None
    url: str | None
    published_at: datetime | None
    wire_source: str | None
    language_hint: str | None
    page: bytes | None  # the raw file (its first bytes)
    enriched_at: datetime | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EnrichmentStart:
    """What the start of an enrichment run reads: the article, its attempt count (this
    run included) and the stored values of its paragraphs, by (memo key, paragraph
    hash)."""

    article: ArticleForEnrichment
    attempts: int
    paragraphs: dict[tuple[str, str], Any]


# Outcomes of one ingest: typed results, not exceptions (a duplicate is not a failure).
# Each carries ``status`` and ``job_fields``: what its job row records.


class JobFields(TypedDict):
    """The outcome columns of a finished job (``JobRepository.finish``)."""

    article_id: int | None
    duplicate_of: int | None
    error_code: str | None
    error_message: str | None


def _job_fields(
    *, article_id: int | None = None, duplicate_of: int | None = None,
    error_code: str | None = None, error_message: str | None = None,
) -> JobFields:
    return JobFields(article_id=article_id, duplicate_of=duplicate_of, error_code=error_code,
                     error_message=error_message)


@dataclass(frozen=True, slots=True, kw_only=True)
class Stored:
    article_id: int
    enriched: bool = False  # enriched in the store's own transaction (an inline ingest)
    status: JobStatus = JobStatus.STORED

    @property
    def job_fields(self) -> JobFields:
        return _job_fields(article_id=self.article_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Duplicate:
    duplicate_of: int
    status: JobStatus = JobStatus.DUPLICATE

    @property
    def job_fields(self) -> JobFields:
        return _job_fields(duplicate_of=self.duplicate_of)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    error_code: str
    error_message: str
    status: JobStatus = JobStatus.REJECTED

    @property
    def job_fields(self) -> JobFields:
        return _job_fields(error_code=self.error_code, error_message=self.error_message)


@dataclass(frozen=True, slots=True, kw_only=True)
class Split:
    """A container: one child job per record. ``to_send`` are the children left queued
    (the rest were rejected on the spot); ``services.outbox.after_ingest`` sends them."""

    parent_job_id: str
    to_send: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]  # (child job id, error code), finished on the spot
    children: int
    status: JobStatus = JobStatus.SPLIT

    @property
    def job_fields(self) -> JobFields:
        return _job_fields()


@dataclass(frozen=True, slots=True, kw_only=True)
class GaveUp:
    """Set aside as ``failed``: retries or deliveries ran out; ``copydesk requeue`` resends."""

    error_code: str
    error_message: str
    status: JobStatus = JobStatus.FAILED

    @property
    def job_fields(self) -> JobFields:
        return _job_fields(error_code=self.error_code, error_message=self.error_message)


@dataclass(frozen=True, slots=True, kw_only=True)
class AlreadyFinished:
    """The job was finished by an earlier delivery of the same message (its row is
    left as that delivery wrote it)."""

    status: JobStatus

    @property
    def job_fields(self) -> JobFields:
        return _job_fields()


Outcome = Stored | Duplicate | Rejected | Split | GaveUp | AlreadyFinished
