"""SQL for copydesk's tables. Every value from a file travels as a query parameter.

Each repository works on the connection of the unit of work that owns it and never
commits; ``services.storage.uow`` decides that.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import psycopg

from services.domain.models import Job, JobStatus, NewJob, ParsedArticle
from services.pipeline.wire import is_wire_original
from services.storage.db import translate_errors
from services.versions import PARSER_VERSION

# The first key of the body locks (ArticleRepository.lock_body): arbitrary but fixed.
_BODY_LOCK_SPACE = 0x636F7079  # 'copy'

# An article's columns as the parser makes them, and their parameters (article_params):
# the one list of what is written when an article is stored, by ArticleRepository.add
# and by StoryRepository.add_article.
ARTICLE_COLUMNS = (
    "job_id, source_name, source_format, url, canonical_url, title, authors, published_at,"
    " modified_at, site_name, section, language_hint, body, word_count, wire_source, dateline,"
    " body_hash, is_wire_original, parser_version"
)
ARTICLE_VALUES = ", ".join(f"%({name.strip()})s" for name in ARTICLE_COLUMNS.split(","))


def article_params(*, job_id: str, source_name: str, article: ParsedArticle, body_hash: str) -> dict[str, Any]:
    """The parameters of ``ARTICLE_VALUES`` for one article."""
    return {
        "job_id": job_id,
        "source_name": source_name,
        "source_format": article.source_format,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "modified_at": article.modified_at,
        "site_name": article.site_name,
        "section": article.section,
        "language_hint": article.language,
        "body": article.body,
        "word_count": article.word_count,
        "wire_source": article.wire_source,
        "dateline": article.dateline,
        "body_hash": body_hash,
        "is_wire_original": is_wire_original(article.site_name, article.url),
        "parser_version": PARSER_VERSION,
    }


def body_lock_key(body_hash: str) -> int:
    """The second key of a body's lock: the hash's first 32 bits."""
    return int.from_bytes(bytes.fromhex(body_hash[:8]), "big", signed=True)


class RawRepository:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def put(self, sha256: str, content: bytes) -> None:
        """Store the bytes once; the same bytes again are a no-op."""
        self.put_many([(sha256, content)])

    def put_many(self, documents: Sequence[tuple[str, bytes]]) -> None:
        """``put`` of each (sha256, bytes), in one statement. (Inserted in sha256 order:
        two transactions storing some of the same documents take their keys in the same
        order, so neither waits on the other for ever.)"""
        unique = sorted(dict(documents).items())
        if not unique:
            return
        with translate_errors("store raw document"):
            self._conn.execute(
                "INSERT INTO copydesk.raw_documents (sha256, content, bytes)"
                " SELECT d.sha256, d.content, octet_length(d.content)"
                " FROM unnest(%b::text[], %b::bytea[]) WITH ORDINALITY AS d(sha256, content, n)"
                " ORDER BY d.n ON CONFLICT (sha256) DO NOTHING",
                ([sha256 for sha256, _ in unique], [content for _, content in unique]),
            )

    def get(self, sha256: str) -> bytes | None:
        with translate_errors("load raw document"):
            row = self._conn.execute(
                "SELECT content FROM copydesk.raw_documents WHERE sha256 = %s", (sha256,)
            ).fetchone()
        return bytes(row[0]) if row else None


class JobRepository:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def create(self, *, job_id: str, source_name: str, sha256: str, drop_key: str,
               dropped_at: float | None = None, sending: bool = False) -> tuple[str, bool]:
        """Insert a queued job for one drop. Returns (job_id, created): a drop that was
        already claimed (same drop_key) returns the existing job and ``False``.
        ``dropped_at`` (Unix time, never later than now) is when the file arrived."""
        job = NewJob(job_id=job_id, source_name=source_name, sha256=sha256, drop_key=drop_key,
                     dropped_at=dropped_at)
        return self.create_many([job], sending=sending)[0]

    def create_many(self, jobs: Sequence[NewJob], *, sending: bool = False) -> list[tuple[str, bool]]:
        """``create`` of each job in one statement, and one more to find the jobs of the
        drops claimed before; (job_id, created) of each, in the order given. (Inserted in
        drop-key order, as ``put_many``: concurrent claims never wait on each other for
        ever.)"""
        if not jobs:
            return []
        ordered = sorted(jobs, key=lambda job: job.drop_key)
        with translate_errors("create job"):
            rows = self._conn.execute(
                "INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key, dropped_at, sends,"
                " last_sent_at)"
                " SELECT j.job_id, j.source_name, j.sha256, j.drop_key, least(to_timestamp(j.dropped_at), now()),"
                " %s, CASE WHEN %s THEN now() END"
                " FROM unnest(%b::uuid[], %b::text[], %b::text[], %b::text[], %b::float8[])"
                " WITH ORDINALITY AS j(job_id, source_name, sha256, drop_key, dropped_at, n)"
                " ORDER BY j.n ON CONFLICT (drop_key) DO NOTHING RETURNING drop_key, job_id",
                (int(sending), sending, [job.job_id for job in ordered], [job.source_name for job in ordered],
                 [job.sha256 for job in ordered], [job.drop_key for job in ordered],
                 [job.dropped_at for job in ordered]),
            ).fetchall()
        created = {str(key): str(job_id) for key, job_id in rows}
        before = self._job_ids_by_drop_key([job.drop_key for job in jobs if job.drop_key not in created])
        return [(created[job.drop_key], True) if job.drop_key in created else (before[job.drop_key], False)
                for job in jobs]

    def create_rejected(
        self, *, job_id: str, source_name: str, drop_key: str, error_code: str, error_message: str
    ) -> tuple[str, bool]:
        """Record a drop refused before its bytes were read (no raw document)."""
        with translate_errors("record rejected drop"):
            row = self._conn.execute(
                "INSERT INTO copydesk.ingest_jobs (job_id, source_name, drop_key, status, error_code,"
                " error_message, finished_at) VALUES (%s, %s, %s, 'rejected', %s, %s, now())"
                " ON CONFLICT (drop_key) DO NOTHING RETURNING job_id",
                (job_id, source_name, drop_key, error_code, error_message),
            ).fetchone()
        if row:
            return str(row[0]), True
        return self._job_id_by_drop_key(drop_key), False

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
        """A job for one record of a container; born ``rejected`` when ``error_code`` is
        given. The same record of the same parent always maps to the same job."""
        drop_key = f"{parent_job_id}#{record_no}"
        status = "rejected" if error_code else "queued"
        with translate_errors("create child job"):
            row = self._conn.execute(
                "INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key, status,"
                " error_code, error_message, parent_job_id, record_no, finished_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, CASE WHEN %s THEN now() END)"
                " ON CONFLICT (drop_key) DO NOTHING RETURNING job_id",
                (job_id, source_name, sha256, drop_key, status, error_code, error_message,
                 parent_job_id, record_no, error_code is not None),
            ).fetchone()
        if row:
            return str(row[0]), True
        return self._job_id_by_drop_key(drop_key), False

    def _job_id_by_drop_key(self, drop_key: str) -> str:
        return self._job_ids_by_drop_key([drop_key])[drop_key]

    def _job_ids_by_drop_key(self, drop_keys: Sequence[str]) -> dict[str, str]:
        if not drop_keys:
            return {}
        with translate_errors("find job by drop"):
            rows = self._conn.execute(
                "SELECT drop_key, job_id FROM copydesk.ingest_jobs WHERE drop_key = ANY(%s)", (list(drop_keys),)
            ).fetchall()
        found = {str(key): str(job_id) for key, job_id in rows}
        assert set(drop_keys) <= found.keys()  # called after inserts conflicted on these very keys
        return found

    def start(self, job_id: str, *, worker: str) -> Job | None:
        """Mark a job running (one more attempt) and load its raw bytes, in one statement.
        ``None`` when it is already final."""
        with translate_errors("start job"):
            row = self._conn.execute(
                "WITH j AS (UPDATE copydesk.ingest_jobs SET status = 'running', started_at = now(),"
                "  attempts = attempts + 1, worker = %s"
                "  WHERE job_id = %s AND status IN ('queued', 'running', 'failed')"
                "  RETURNING job_id, source_name, sha256, status, attempts)"
                " SELECT j.job_id, j.source_name, j.sha256, j.status, j.attempts, r.content"
                " FROM j LEFT JOIN copydesk.raw_documents r ON r.sha256 = j.sha256",
                (worker, job_id),
                binary=True,  # the raw bytes as they are, not hex text twice their size
            ).fetchone()
        if not row:
            return None
        return replace(_job_row(row[:5]), content=bytes(row[5]) if row[5] is not None else None)

    def get(self, job_id: str, *, for_update: bool = False, lock_body: str | None = None) -> Job | None:
        """The job; ``for_update``: its row locked. ``lock_body`` (a body hash, with
        ``for_update``): the body's lock (``ArticleRepository.lock_body``) taken too,
        after the row's, in the same statement: the store of an article that is
        enriched before it is written holds both, in that order, from its first
        statement on."""
        if lock_body is not None and not for_update:
            raise ValueError("a body's lock is taken after the job's row lock: for_update=True")
        lock = " FOR UPDATE" if for_update else ""
        query = ("SELECT job_id, source_name, sha256, status, attempts"
                 f" FROM copydesk.ingest_jobs WHERE job_id = %s{lock}")
        params: tuple[Any, ...] = (job_id,)
        if lock_body is not None:
            # The outer list is computed on the rows the locking subquery returns: the
            # body's lock is requested once the row's is held (none without a job).
            query = ("SELECT j.*, pg_catalog.pg_advisory_xact_lock(%s, %s) IS NULL"
                     f" FROM ({query}) AS j")
            params = (_BODY_LOCK_SPACE, body_lock_key(lock_body), job_id)
        with translate_errors("load job"):
            row = self._conn.execute(query, params).fetchone()
        return _job_row(row[:5]) if row else None

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
    ) -> None:
        """Record the outcome; ``notes`` are what parsing repaired (``ParsedArticle.notes``)."""
        with translate_errors("finish job"):
            self._conn.execute(
                "UPDATE copydesk.ingest_jobs SET status = %s, finished_at = now(),"
                " article_id = %s, duplicate_of = %s, error_code = %s, error_message = %s,"
                " stage_ms = %s, notes = %s,"
                # the parser read it (a failure is the world's, not the parser's)
                " parser_version = CASE WHEN %s THEN %s ELSE parser_version END"
                " WHERE job_id = %s",
                (
                    status.value,
                    article_id,
                    duplicate_of,
                    error_code,
                    error_message,
                    json.dumps(stage_ms) if stage_ms is not None else None,
                    list(notes),
                    status is not JobStatus.FAILED,
                    PARSER_VERSION,
                    job_id,
                ),
            )

    def mark_sent(self, job_ids: list[str]) -> None:
        with translate_errors("mark jobs sent"):
            self._conn.execute(
                "UPDATE copydesk.ingest_jobs SET sends = sends + 1, last_sent_at = now()"
                " WHERE job_id = ANY(%s)",
                (job_ids,),
            )

    def unmark_sent(self, job_ids: list[str]) -> None:
        with translate_errors("unmark jobs sent"):
            self._conn.execute(
                "UPDATE copydesk.ingest_jobs SET sends = greatest(sends - 1, 0),"
                " last_sent_at = CASE WHEN sends > 1 THEN last_sent_at END WHERE job_id = ANY(%s)",
                (job_ids,),
            )

    def claim_stale(
        self,
        *,
        queued_after_s: float | None,
        running_after_s: float,
        broker_empty: bool,
        limit: int = 500,
    ) -> list[str]:
        """Jobs whose message may be lost, locked so concurrent reconcilers skip them.

        A queued job is stale once its last send is older than ``queued_after_s``
        (``None``: leave queued jobs alone),
        doubled per earlier send (up to 32x) so a long backlog is not flooded with
        copies; when the broker queue is empty nothing can be waiting there, so the
        backoff is dropped. A running job is stale when it started longer ago than
        the longest a task may run: its worker died.
        """
        with translate_errors("find stale jobs"):
            rows = self._conn.execute(
                "SELECT job_id FROM copydesk.ingest_jobs WHERE"
                " (status = 'queued' AND %s::float8 IS NOT NULL"
                "  AND coalesce(last_sent_at, queued_at) < now() -"
                "   make_interval(secs => %s * CASE WHEN %s THEN 1"
                "                 ELSE pg_catalog.power(2, least(greatest(sends - 1, 0), 5)) END))"
                " OR (status = 'running' AND started_at < now() - make_interval(secs => %s))"
                " ORDER BY queued_at LIMIT %s FOR UPDATE SKIP LOCKED",
                (queued_after_s, queued_after_s, broker_empty, running_after_s, limit),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def requeue(self, job_ids: list[str]) -> list[str]:
        """Put failed, stuck or still-queued jobs back to queued (before re-sending them);
        returns their ids. Finished jobs and unknown ids are left out."""
        with translate_errors("requeue jobs"):
            rows = self._conn.execute(
                "UPDATE copydesk.ingest_jobs SET status = 'queued', error_code = NULL,"
                " error_message = NULL WHERE job_id = ANY(%b::uuid[])"
                " AND status IN ('failed', 'running', 'queued') RETURNING job_id",
                (job_ids,),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def ids_with_status(self, statuses: list[str], *, limit: int = 100_000) -> list[str]:
        with translate_errors("find jobs"):
            rows = self._conn.execute(
                "SELECT job_id FROM copydesk.ingest_jobs WHERE status = ANY(%s) ORDER BY queued_at LIMIT %s",
                (statuses, limit),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def finished_since(self, seconds: float) -> int:
        with translate_errors("count finished jobs"):
            row = self._conn.execute(
                "SELECT count(*) FROM copydesk.ingest_jobs WHERE finished_at > now() - make_interval(secs => %s)",
                (seconds,),
            ).fetchone()
        return int(row[0]) if row else 0

    def counts_by_status(self) -> dict[str, int]:
        with translate_errors("count jobs"):
            rows = self._conn.execute(
                "SELECT status, count(*) FROM copydesk.ingest_jobs GROUP BY status"
            ).fetchall()
        return {str(s): int(n) for s, n in rows}


class ArticleRepository:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def add(
        self, *, job_id: str, source_name: str, article: ParsedArticle, body_hash: str
    ) -> int | None:
        """Store the article; ``None`` when an article with that body hash exists.
        ``is_wire_original`` (the agency's own copy) is decided here, once. The body's
        lock (``lock_body``) is taken first, in the same statement, so that this insert
        and one that found its story before writing the article
        (``StoryRepository.add_article``) never wait on each other's locks in a cycle."""
        with translate_errors("store article"):
            row = self._conn.execute(
                f"INSERT INTO copydesk.articles ({ARTICLE_COLUMNS}) SELECT {ARTICLE_VALUES}"
                " FROM (SELECT pg_catalog.pg_advisory_xact_lock(%(lock_space)s, %(lock_key)s)) AS body_lock"
                " ON CONFLICT (body_hash) DO NOTHING RETURNING article_id",
                {**article_params(job_id=job_id, source_name=source_name, article=article, body_hash=body_hash),
                 "lock_space": _BODY_LOCK_SPACE, "lock_key": body_lock_key(body_hash)},
            ).fetchone()
        return int(row[0]) if row else None

    def lock_body(self, body_hash: str) -> None:
        """Take the transaction's lock on a body (before enriching an article that is
        not stored yet): a job with the same body in another transaction waits here
        until that one ends, then finds its article. The two-key form of the advisory
        locks, apart from the band keys' one-key form (``services.storage.stories``)."""
        with translate_errors("lock article body"):
            self._conn.execute("SELECT pg_catalog.pg_advisory_xact_lock(%s, %s)",
                               (_BODY_LOCK_SPACE, body_lock_key(body_hash)))

    def id_by_body_hash(self, body_hash: str) -> int | None:
        with translate_errors("find article by hash"):
            row = self._conn.execute(
                "SELECT article_id FROM copydesk.articles WHERE body_hash = %s", (body_hash,)
            ).fetchone()
        return int(row[0]) if row else None


def _job_row(row: tuple[Any, ...]) -> Job:
    job_id, source_name, sha256, status, attempts = row
    return Job(
        job_id=str(job_id),
        source_name=source_name,
        sha256=sha256,
        status=JobStatus(status),
        attempts=int(attempts),
    )
