"""Fakes that implement copydesk's ports (no Mock): repositories, unit of work, sender."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from services.domain.models import JobStatus, ParsedArticle
from services.pipeline.dedup import DEFAULT_THRESHOLDS, MinHashConfig, Signature, band_keys, is_same_story
from services.errors import BrokerUnavailable
from services.storage.repository import JobRow
from services.storage.stories import StoryAssignment
from services.storage.uow import AbstractUnitOfWork


@dataclass
class _Store:
    raw: dict[str, bytes] = field(default_factory=dict)
    jobs: dict[str, JobRow] = field(default_factory=dict)
    drop_keys: dict[str, str] = field(default_factory=dict)
    finished: dict[str, dict[str, object]] = field(default_factory=dict)
    sent_counts: dict[str, int] = field(default_factory=dict)
    articles: dict[int, tuple[str, ParsedArticle]] = field(default_factory=dict)
    by_hash: dict[str, int] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    story_of: dict[int, int] = field(default_factory=dict)  # article_id -> story_id
    signatures: dict[int, tuple[str, Signature]] = field(default_factory=dict)
    bands: dict[int, set[int]] = field(default_factory=dict)  # band key -> article ids
    story_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # (merged, into, by article)


class FakeRawRepository:
    def __init__(self, store: _Store) -> None:
        self._s = store

    def put(self, sha256: str, content: bytes) -> None:
        self._s.raw.setdefault(sha256, content)

    def get(self, sha256: str) -> bytes | None:
        return self._s.raw.get(sha256)


class FakeJobRepository:
    def __init__(self, store: _Store) -> None:
        self._s = store

    def create(self, *, job_id: str, source_name: str, sha256: str, drop_key: str) -> tuple[str, bool]:
        if drop_key in self._s.drop_keys:
            return self._s.drop_keys[drop_key], False
        self._s.drop_keys[drop_key] = job_id
        self._s.jobs[job_id] = JobRow(
            job_id=job_id, source_name=source_name, sha256=sha256, status=JobStatus.QUEUED, attempts=0
        )
        return job_id, True

    def create_rejected(
        self, *, job_id: str, source_name: str, drop_key: str, error_code: str, error_message: str
    ) -> tuple[str, bool]:
        if drop_key in self._s.drop_keys:
            return self._s.drop_keys[drop_key], False
        self._s.drop_keys[drop_key] = job_id
        self._s.jobs[job_id] = JobRow(
            job_id=job_id, source_name=source_name, sha256=None, status=JobStatus.REJECTED, attempts=0
        )
        self._s.finished[job_id] = {"status": JobStatus.REJECTED, "error_code": error_code, "error_message": error_message}
        return job_id, True

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
        drop_key = f"{parent_job_id}#{record_no}"
        if drop_key in self._s.drop_keys:
            return self._s.drop_keys[drop_key], False
        self._s.drop_keys[drop_key] = job_id
        status = JobStatus.REJECTED if error_code else JobStatus.QUEUED
        self._s.jobs[job_id] = JobRow(job_id=job_id, source_name=source_name, sha256=sha256, status=status, attempts=0)
        if error_code:
            self._s.finished[job_id] = {"status": status, "error_code": error_code, "error_message": error_message}
        return job_id, True

    def start(self, job_id: str, *, worker: str) -> JobRow | None:
        job = self._s.jobs.get(job_id)
        if job is None or job.status.is_final:
            return None
        job = replace(job, status=JobStatus.RUNNING, attempts=job.attempts + 1)
        self._s.jobs[job_id] = job
        return replace(job, content=self._s.raw.get(job.sha256) if job.sha256 else None)

    def get(self, job_id: str, *, for_update: bool = False) -> JobRow | None:
        return self._s.jobs.get(job_id)

    def finish(self, job_id: str, *, status: JobStatus, **fields: object) -> None:
        self._s.jobs[job_id] = replace(self._s.jobs[job_id], status=status)
        self._s.finished[job_id] = {"status": status, **fields}

    def mark_sent(self, job_ids: list[str]) -> None:
        for job_id in job_ids:
            self._s.sent_counts[job_id] = self._s.sent_counts.get(job_id, 0) + 1


class FakeArticleRepository:
    def __init__(self, store: _Store) -> None:
        self._s = store

    def add(self, *, job_id: str, source_name: str, article: ParsedArticle, body_hash: str) -> int | None:
        if body_hash in self._s.by_hash:
            return None
        article_id = next(self._s.ids)
        self._s.by_hash[body_hash] = article_id
        self._s.articles[article_id] = (job_id, article)
        return article_id

    def id_by_body_hash(self, body_hash: str) -> int | None:
        return self._s.by_hash.get(body_hash)


class FakeStoryRepository:
    """Same rules as ``services.storage.stories.StoryRepository``, in memory (no locks:
    the fake store has no concurrency)."""

    def __init__(self, store: _Store) -> None:
        self._s = store

    def assign(self, *, article_id: int, signature: Signature, config: MinHashConfig) -> StoryAssignment:
        keys = band_keys(signature, config)
        candidates = {a for k in keys for a in self._s.bands.get(k, ())
                      if self._s.signatures[a][0] == config.name}
        matched = [a for a in candidates if is_same_story(signature, self._s.signatures[a][1], DEFAULT_THRESHOLDS)]
        stories = sorted({self._s.story_of[a] for a in matched})
        created = not stories
        winner = next(self._s.story_ids) if created else stories[0]
        for loser in stories[1:]:
            for a, s in self._s.story_of.items():
                if s == loser:
                    self._s.story_of[a] = winner
            self._s.merges.append((loser, winner, article_id))
        self._s.story_of[article_id] = winner
        self._s.signatures[article_id] = (config.name, signature)
        for k in keys:
            self._s.bands.setdefault(k, set()).add(article_id)
        return StoryAssignment(story_id=winner, created=created, candidates=len(candidates),
                               matched=len(matched), merged=tuple(stories[1:]))

    def story_of(self, article_id: int) -> int | None:
        return self._s.story_of.get(article_id)


class FakeUnitOfWork(AbstractUnitOfWork):
    """Every unit of work made by one ``FakeDatabase`` sees the same store.

    Changes are applied at once (no isolation); ``commits`` counts commits so tests
    can check that a service committed.
    """

    def __init__(self, store: _Store, counter: list[int]) -> None:
        self.raw = FakeRawRepository(store)  # type: ignore[assignment]
        self.jobs = FakeJobRepository(store)  # type: ignore[assignment]
        self.articles = FakeArticleRepository(store)  # type: ignore[assignment]
        self.stories = FakeStoryRepository(store)  # type: ignore[assignment]
        self._counter = counter

    def commit(self) -> None:
        self._counter[0] += 1

    def rollback(self) -> None:
        pass


class FakeDatabase:
    def __init__(self) -> None:
        self.store = _Store()
        self._commits = [0]

    @property
    def commits(self) -> int:
        return self._commits[0]

    def uow(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.store, self._commits)


class FakeSender:
    def __init__(self, *, down: bool = False, depth: int = 0) -> None:
        self.sent: list[str] = []
        self.enrich_sent: list[int] = []
        self.down = down
        self.depth = depth

    def send_ingest(self, job_id: str) -> None:
        if self.down:
            raise BrokerUnavailable("fake broker is down")
        self.sent.append(job_id)

    def send_enrich(self, article_id: int) -> None:
        if self.down:
            raise BrokerUnavailable("fake broker is down")
        self.enrich_sent.append(article_id)

    def queue_depth(self, queue: str = "ingest") -> int:
        if self.down:
            raise BrokerUnavailable("fake broker is down")
        return self.depth

    def close(self) -> None:
        pass
