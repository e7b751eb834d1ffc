"""Fakes that implement copydesk's ports (``services.ports``), no Mock: repositories,
unit of work, task sender, clock. ``mypy --strict`` checks them against the ports
(``FakeDatabase.uow`` is typed to return a ``UnitOfWork``)."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from services.domain.models import (
    ArticleForEnrichment,
    EnrichmentStart,
    Job,
    JobStatus,
    NewJob,
    ParsedArticle,
)
from services.errors import BrokerUnavailable
from services.pipeline.dedup import (
    CANDIDATES_PER_BAND,
    Candidate,
    MinHashConfig,
    Signature,
    StoryAssignment,
    band_keys,
    match_stories,
)
from services.pipeline.enrich.base import Enrichment
from services.ports import Clock, TaskSender, UnitOfWork


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class _Times:
    queued_at: float
    started_at: float | None = None
    finished_at: float | None = None
    last_sent_at: float | None = None
    sends: int = 0


@dataclass
class _Enrichment:
    ingested_at: float
    enriched_at: float | None = None
    attempts: int = 0
    error: str | None = None
    last_sent_at: float | None = None
    sends: int = 0
    result: Enrichment | None = None


@dataclass
class _Store:
    clock: FakeClock = field(default_factory=FakeClock)
    raw: dict[str, bytes] = field(default_factory=dict)
    jobs: dict[str, Job] = field(default_factory=dict)
    times: dict[str, _Times] = field(default_factory=dict)
    drop_keys: dict[str, str] = field(default_factory=dict)
    finished: dict[str, dict[str, object]] = field(default_factory=dict)
    sent_counts: dict[str, int] = field(default_factory=dict)
    articles: dict[int, tuple[str, ParsedArticle]] = field(default_factory=dict)
    enrichment: dict[int, _Enrichment] = field(default_factory=dict)
    by_hash: dict[str, int] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    story_of: dict[int, int] = field(default_factory=dict)  # article_id -> story_id
    signatures: dict[int, tuple[str, Signature]] = field(default_factory=dict)
    bands: dict[int, set[int]] = field(default_factory=dict)  # band key -> article ids
    story_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # (merged, into, by article)
    paragraphs: dict[tuple[str, str], Any] = field(default_factory=dict)  # (memo key, hash) -> value


def _backoff(after_s: float, sends: int, broker_empty: bool) -> float:
    """As in the SQL of the Postgres repositories: doubled per earlier send, up to 32x."""
    return after_s * (1 if broker_empty else 2 ** min(max(sends - 1, 0), 5))


class FakeRawRepository:
    def __init__(self, store: _Store) -> None:
        self._s = store

    def put(self, sha256: str, content: bytes) -> None:
        self._s.raw.setdefault(sha256, content)

    def put_many(self, documents: Sequence[tuple[str, bytes]]) -> None:
        for sha256, content in documents:
            self.put(sha256, content)

    def get(self, sha256: str) -> bytes | None:
        return self._s.raw.get(sha256)


class FakeJobRepository:
    def __init__(self, store: _Store) -> None:
        self._s = store

    def _insert(self, job: Job, drop_key: str) -> tuple[str, bool]:
        if drop_key in self._s.drop_keys:
            return self._s.drop_keys[drop_key], False
        self._s.drop_keys[drop_key] = job.job_id
        self._s.jobs[job.job_id] = job
        now = self._s.clock()
        self._s.times[job.job_id] = _Times(queued_at=now, finished_at=now if job.status.is_final else None)
        return job.job_id, True

    def create(self, *, job_id: str, source_name: str, sha256: str, drop_key: str,
               dropped_at: float | None = None, sending: bool = False) -> tuple[str, bool]:
        found, created = self._insert(
            Job(job_id=job_id, source_name=source_name, sha256=sha256, status=JobStatus.QUEUED), drop_key)
        if created and sending:
            self.mark_sent([found])
        return found, created

    def create_many(self, jobs: Sequence[NewJob], *, sending: bool = False) -> list[tuple[str, bool]]:
        return [self.create(job_id=job.job_id, source_name=job.source_name, sha256=job.sha256,
                            drop_key=job.drop_key, dropped_at=job.dropped_at, sending=sending) for job in jobs]

    def create_rejected(
        self, *, job_id: str, source_name: str, drop_key: str, error_code: str, error_message: str
    ) -> tuple[str, bool]:
        found, created = self._insert(
            Job(job_id=job_id, source_name=source_name, sha256=None, status=JobStatus.REJECTED), drop_key)
        if created:
            self._s.finished[job_id] = {"status": JobStatus.REJECTED, "error_code": error_code,
                                        "error_message": error_message}
        return found, created

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
        status = JobStatus.REJECTED if error_code else JobStatus.QUEUED
        found, created = self._insert(
            Job(job_id=job_id, source_name=source_name, sha256=sha256, status=status),
            f"{parent_job_id}#{record_no}")
        if created and error_code:
            self._s.finished[job_id] = {"status": status, "error_code": error_code, "error_message": error_message}
        return found, created

    def start(self, job_id: str, *, worker: str) -> Job | None:
        job = self._s.jobs.get(job_id)
        if job is None or job.status.is_final:
            return None
        job = replace(job, status=JobStatus.RUNNING, attempts=job.attempts + 1)
        self._s.jobs[job_id] = job
        self._s.times[job_id].started_at = self._s.clock()
        return replace(job, content=self._s.raw.get(job.sha256) if job.sha256 else None)

    def get(self, job_id: str, *, for_update: bool = False, lock_body: str | None = None) -> Job | None:
        if lock_body is not None and not for_update:
            raise ValueError("a body's lock is taken after the job's row lock: for_update=True")
        return self._s.jobs.get(job_id)  # one thread, no concurrency: nothing to lock

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
        self._s.jobs[job_id] = replace(self._s.jobs[job_id], status=status)
        self._s.times[job_id].finished_at = self._s.clock()
        self._s.finished[job_id] = {
            "status": status, "article_id": article_id, "duplicate_of": duplicate_of, "error_code": error_code,
            "error_message": error_message, "stage_ms": stage_ms, "notes": notes,
        }

    def mark_sent(self, job_ids: list[str]) -> None:
        for job_id in job_ids:
            self._s.sent_counts[job_id] = self._s.sent_counts.get(job_id, 0) + 1
            times = self._s.times[job_id]
            times.sends += 1
            times.last_sent_at = self._s.clock()

    def unmark_sent(self, job_ids: list[str]) -> None:
        for job_id in job_ids:
            self._s.sent_counts[job_id] = max(0, self._s.sent_counts.get(job_id, 0) - 1)
            times = self._s.times[job_id]
            times.sends = max(0, times.sends - 1)
            if times.sends == 0:
                times.last_sent_at = None

    def claim_stale(
        self, *, queued_after_s: float | None, running_after_s: float, broker_empty: bool, limit: int = 500
    ) -> list[str]:
        now, stale = self._s.clock(), []
        for job_id, times in sorted(self._s.times.items(), key=lambda item: item[1].queued_at):
            status = self._s.jobs[job_id].status
            if status is JobStatus.QUEUED and queued_after_s is not None:
                since = times.last_sent_at if times.last_sent_at is not None else times.queued_at
                if since < now - _backoff(queued_after_s, times.sends, broker_empty):
                    stale.append(job_id)
            elif (status is JobStatus.RUNNING and times.started_at is not None
                  and times.started_at < now - running_after_s):
                stale.append(job_id)
        return stale[:limit]

    def requeue(self, job_ids: list[str]) -> list[str]:
        done = []
        for job_id in job_ids:
            job = self._s.jobs.get(job_id)
            if job is not None and job.status in (JobStatus.FAILED, JobStatus.RUNNING, JobStatus.QUEUED):
                self._s.jobs[job_id] = replace(job, status=JobStatus.QUEUED)
                done.append(job_id)
        return done

    def ids_with_status(self, statuses: list[str], *, limit: int = 100_000) -> list[str]:
        return [j for j, job in self._s.jobs.items() if job.status.value in statuses][:limit]

    def finished_since(self, seconds: float) -> int:
        now = self._s.clock()
        return sum(1 for t in self._s.times.values() if t.finished_at is not None and t.finished_at > now - seconds)

    def counts_by_status(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for job in self._s.jobs.values():
            counts[job.status.value] = counts.get(job.status.value, 0) + 1
        return counts


class FakeArticleRepository:
    def __init__(self, store: _Store) -> None:
        self._s = store

    def add(self, *, job_id: str, source_name: str, article: ParsedArticle, body_hash: str) -> int | None:
        if body_hash in self._s.by_hash:
            return None
        article_id = next(self._s.ids)
        self._s.by_hash[body_hash] = article_id
        self._s.articles[article_id] = (job_id, article)
        self._s.enrichment[article_id] = _Enrichment(ingested_at=self._s.clock())
        return article_id

    def lock_body(self, body_hash: str) -> None:
        pass  # one thread, no concurrency: nothing to wait for

    def id_by_body_hash(self, body_hash: str) -> int | None:
        return self._s.by_hash.get(body_hash)


class FakeStoryRepository:
    """``services.storage.stories.StoryRepository`` in memory: the same decision
    (``match_stories``), no locks (the fake store has no concurrency)."""

    def __init__(self, store: _Store) -> None:
        self._s = store

    def assign(self, *, article_id: int, signature: Signature, config: MinHashConfig) -> StoryAssignment:
        keys = band_keys(signature, config)
        ids = {a for k in keys for a in sorted(self._s.bands.get(k, ()))[-CANDIDATES_PER_BAND:]
               if self._s.signatures[a][0] == config.name}
        match = match_stories(signature, [
            Candidate(article_id=a, story_id=self._s.story_of.get(a), signature=self._s.signatures[a][1])
            for a in sorted(ids)])
        created = not match.story_ids
        winner = next(self._s.story_ids) if created else match.story_ids[0]
        losers = match.story_ids[1:]
        for loser in losers:
            for a, s in self._s.story_of.items():
                if s == loser:
                    self._s.story_of[a] = winner
            self._s.merges.append((loser, winner, article_id))
        self._s.story_of[article_id] = winner
        self._s.signatures[article_id] = (config.name, signature)
        for k in keys:
            self._s.bands.setdefault(k, set()).add(article_id)
        return StoryAssignment(story_id=winner, created=created, candidates=match.candidates,
                               matched=match.matched, merged=losers)

    def add_article(self, *, job_id: str, source_name: str, article: ParsedArticle, body_hash: str,
                    signature: Signature, config: MinHashConfig, enriched: Enrichment | None = None,
                    ) -> tuple[int, StoryAssignment] | None:
        article_id = FakeArticleRepository(self._s).add(job_id=job_id, source_name=source_name, article=article,
                                                        body_hash=body_hash)
        if article_id is None:
            return None
        if enriched is not None:  # marked as the real one marks it; the results come with store()
            e = self._s.enrichment[article_id]
            e.enriched_at, e.attempts = self._s.clock(), 0
        return article_id, self.assign(article_id=article_id, signature=signature, config=config)


class FakeEnrichmentRepository:
    def __init__(self, store: _Store) -> None:
        self._s = store

    def article(self, article_id: int, *, for_update: bool = False) -> ArticleForEnrichment | None:
        if article_id not in self._s.articles:
            return None
        job_id, a = self._s.articles[article_id]
        sha256 = self._s.jobs[job_id].sha256 if job_id in self._s.jobs else None
        enriched_at = self._s.enrichment[article_id].enriched_at
        return ArticleForEnrichment(
            article_id=article_id, body=a.body, title=a.title, site_name=a.site_name, url=a.url,
            published_at=a.published_at, wire_source=a.wire_source, language_hint=a.language,
            page=self._s.raw.get(sha256) if sha256 else None,
            enriched_at=None if enriched_at is None else datetime.fromtimestamp(enriched_at, UTC),
        )

    def begin(self, article_id: int, *, memo_keys: Sequence[str] = ()) -> EnrichmentStart | None:
        article = self.article(article_id)
        attempts = self.begin_attempt(article_id)
        if article is None or attempts is None:
            return None
        wanted = set(memo_keys)
        paragraphs = {key: value for key, value in self._s.paragraphs.items() if key[0] in wanted}
        return EnrichmentStart(article=article, attempts=attempts, paragraphs=paragraphs)

    def known(self, *, body_hash: str, memo_keys: Sequence[str] = (),
              paragraph_hashes: Sequence[str] = ()) -> tuple[bool, dict[tuple[str, str], Any]]:
        wanted, hashes = set(memo_keys), set(paragraph_hashes)
        return body_hash in self._s.by_hash, {key: value for key, value in self._s.paragraphs.items()
                                              if key[0] in wanted and key[1] in hashes}

    def store(self, article_id: int, result: Enrichment, *, replace_entities: bool = True,
              paragraphs: Mapping[tuple[str, str], Any] | None = None,
              max_rows: int = 500_000, article_marked: bool = False) -> bool:
        e = self._s.enrichment.get(article_id)
        if e is None:
            return False
        e.result, e.enriched_at, e.attempts = result, self._s.clock(), 0
        e.error = next(iter(result.errors.values()))[0] if result.errors else None
        for key, value in (paragraphs or {}).items():
            self._s.paragraphs.setdefault(key, value)
        return True

    def begin_attempt(self, article_id: int) -> int | None:
        e = self._s.enrichment.get(article_id)
        if e is None:
            return None
        e.attempts += 1
        return e.attempts

    def give_up(self, article_id: int, *, code: str, message: str) -> None:
        self._s.enrichment[article_id].error = code

    def _unenriched(self) -> list[tuple[int, _Enrichment]]:
        return sorted(((a, e) for a, e in self._s.enrichment.items() if e.enriched_at is None and e.error is None),
                      key=lambda item: item[1].ingested_at)

    def count_unenriched(self) -> int:
        return len(self._unenriched())

    def claim_unenriched(self, *, after_s: float, broker_empty: bool, limit: int = 500) -> list[int]:
        now = self._s.clock()
        return [a for a, e in self._unenriched()
                if (e.last_sent_at if e.last_sent_at is not None else e.ingested_at)
                < now - _backoff(after_s, e.sends, broker_empty)][:limit]

    def mark_sent(self, article_ids: list[int]) -> None:
        for article_id in article_ids:
            e = self._s.enrichment[article_id]
            e.sends += 1
            e.last_sent_at = self._s.clock()


class FakeUnitOfWork:
    """Every unit of work made by one ``FakeDatabase`` sees the same store.

    Changes are applied at once (no isolation); ``commits`` counts commits so tests
    can check that a service committed.
    """

    def __init__(self, store: _Store, counter: list[int]) -> None:
        self.raw = FakeRawRepository(store)
        self.jobs = FakeJobRepository(store)
        self.articles = FakeArticleRepository(store)
        self.stories = FakeStoryRepository(store)
        self.enrichment = FakeEnrichmentRepository(store)
        self._counter = counter

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        self._counter[0] += 1

    def rollback(self) -> None:
        pass

    def autocommit(self) -> None:
        pass  # changes are applied at once here anyway


class FakeDatabase:
    def __init__(self, clock: FakeClock | None = None) -> None:
        self.store = _Store(clock=clock or FakeClock())
        self._commits = [0]

    @property
    def clock(self) -> FakeClock:
        return self.store.clock

    @property
    def commits(self) -> int:
        return self._commits[0]

    def uow(self) -> UnitOfWork:
        return FakeUnitOfWork(self.store, self._commits)


class FakeSender:
    def __init__(self, *, down: bool = False, depth: int = 0, fail_after: int | None = None) -> None:
        """``fail_after``: the broker goes down after that many sends."""
        self.sent: list[str] = []  # every job sent, alone or in a batch
        self.batches: list[list[str]] = []  # the jobs of each copydesk.ingest_batch message
        self.enrich_sent: list[int] = []
        self.reprocess_sent: list[tuple[int, int]] = []
        self.down = down
        self.depth = depth
        self.fail_after = fail_after

    def _check(self) -> None:
        if self.down or (self.fail_after is not None and len(self.sent) + len(self.enrich_sent) >= self.fail_after):
            raise BrokerUnavailable("fake broker is down")

    def send_ingest(self, job_id: str) -> None:
        self._check()
        self.sent.append(job_id)

    def send_ingest_batch(self, job_ids: Sequence[str]) -> None:
        self._check()
        self.sent.extend(job_ids)
        self.batches.append(list(job_ids))

    def send_enrich(self, article_id: int) -> None:
        self._check()
        self.enrich_sent.append(article_id)

    def send_reprocess(self, run_id: int, item_no: int) -> None:
        self._check()
        self.reprocess_sent.append((run_id, item_no))

    def queue_depth(self, queue: str = "ingest") -> int:
        if self.down:
            raise BrokerUnavailable("fake broker is down")
        return self.depth

    def close(self) -> None:
        pass


if TYPE_CHECKING:  # mypy checks that the fakes are the ports (FakeDatabase.uow too)
    _sender: TaskSender = FakeSender()
    _clock: Clock = FakeClock()
