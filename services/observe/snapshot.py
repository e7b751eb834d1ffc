"""One look at a running copydesk: what `copydesk status` prints and the exporter serves.

``take_snapshot(database_url, broker_url)`` reads Postgres with one statement on one
short-lived connection and Redis with one pipeline; it never imports Celery, so it
answers in a fraction of a second. A server that cannot be reached, or a URL that
cannot be read, is reported at once as ``Unreachable`` with one line saying which and
why, not retried: the caller is a person or a scraper that will ask again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "FINAL_STATUSES",
    "QUEUES",
    "Failure",
    "Snapshot",
    "Unreachable",
    "connect",
    "read_broker",
    "read_database",
    "take_snapshot",
]

QUEUES = ("ingest", "enrich")
FINAL_STATUSES = ("stored", "duplicate", "rejected", "failed")
# Each worker's main process keeps one such key alive (workers/heartbeat.py).
HEARTBEAT_PREFIX = "copydesk:worker:"
_CONNECT_TIMEOUT_S = 2


class Unreachable(Exception):
    """A server copydesk needs did not answer, or its URL cannot be used. One line."""


@dataclass(frozen=True, slots=True)
class Failure:
    status: str
    error_code: str
    count: int
    sample: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """Counts at ``taken_at`` (Unix time). ``queues`` and ``workers`` are None when the
    broker could not be read (the database part is still worth showing)."""

    taken_at: float
    jobs: Mapping[str, int]
    finished_1m: int
    finished_5m: int
    oldest_queued_s: float | None
    failures: tuple[Failure, ...]
    articles: int
    unenriched: int
    enrich_failed: int
    enriched_1m: int
    enriched_5m: int
    oldest_unenriched_s: float | None
    queues: Mapping[str, int] | None = None
    running_tasks: int | None = None
    workers: Mapping[str, int] | None = None
    broker_error: str | None = None
    query_ms: float = 0.0

    @property
    def files(self) -> int:
        """Jobs that stand for a file or a record (a container's own job is not one)."""
        return sum(n for status, n in self.jobs.items() if status != "split")

    @property
    def done(self) -> int:
        return sum(self.jobs.get(status, 0) for status in FINAL_STATUSES)

    @property
    def open_jobs(self) -> int:
        return self.jobs.get("queued", 0) + self.jobs.get("running", 0)

    @property
    def rate_per_s(self) -> float:
        """Jobs finished per second: over the last minute, or the last five if the last
        minute saw none."""
        if self.finished_1m:
            return self.finished_1m / 60
        return self.finished_5m / 300

    @property
    def eta_s(self) -> float | None:
        """Seconds until the open jobs are done at the current rate; None if unknown."""
        if not self.open_jobs:
            return 0.0
        rate = self.rate_per_s
        return self.open_jobs / rate if rate > 0 else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "taken_at": round(self.taken_at, 3),
            "jobs": dict(self.jobs),
            "files": self.files,
            "done": self.done,
            "finished_last_minute": self.finished_1m,
            "finished_last_5_minutes": self.finished_5m,
            "files_per_s_1m": round(self.finished_1m / 60, 3),
            "files_per_s_5m": round(self.finished_5m / 300, 3),
            "eta_s": None if self.eta_s is None else round(self.eta_s, 1),
            "oldest_queued_s": _round(self.oldest_queued_s),
            "failures": [{"status": f.status, "error_code": f.error_code, "count": f.count,
                          "sample": f.sample} for f in self.failures],
            "articles": self.articles,
            "unenriched": self.unenriched,
            "enrich_failed": self.enrich_failed,
            "enriched_last_minute": self.enriched_1m,
            "enriched_last_5_minutes": self.enriched_5m,
            "oldest_unenriched_s": _round(self.oldest_unenriched_s),
            "queue_depth": None if self.queues is None else dict(self.queues),
            "running_tasks": self.running_tasks,
            "workers": None if self.workers is None else dict(self.workers),
            "broker_error": self.broker_error,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# One statement, one round trip. Every count is answered from an index (migration 0008:
# jobs by status and error code, failed enrichments, finish times); copydesk's names are
# schema-qualified.
_SQL = """
SELECT
  (SELECT coalesce(json_object_agg(status, n), '{}') FROM
     (SELECT status, count(*) AS n FROM copydesk.ingest_jobs GROUP BY status) s),
  (SELECT count(*) FROM copydesk.ingest_jobs
     WHERE finished_at > now() - interval '60 seconds' AND status <> 'split'),
  (SELECT count(*) FROM copydesk.ingest_jobs
     WHERE finished_at > now() - interval '300 seconds' AND status <> 'split'),
  (SELECT extract(epoch FROM now() - min(queued_at)) FROM copydesk.ingest_jobs
     WHERE status = 'queued'),
  (SELECT coalesce(json_agg(f), '[]') FROM
     (SELECT c.status, coalesce(c.error_code, '') AS error_code, c.n,
             (SELECT left(coalesce(j.error_message, ''), 300) FROM copydesk.ingest_jobs j
              WHERE j.status = c.status AND j.error_code IS NOT DISTINCT FROM c.error_code
              LIMIT 1) AS sample
      FROM (SELECT status, error_code, count(*) AS n FROM copydesk.ingest_jobs
            WHERE status IN ('rejected', 'failed') GROUP BY 1, 2
            ORDER BY n DESC, 1, 2 LIMIT 20) c) f),
  (SELECT count(*) FROM copydesk.articles),
  (SELECT count(*) FROM copydesk.articles WHERE enriched_at IS NULL AND enrich_error IS NULL),
  (SELECT count(*) FROM copydesk.articles WHERE enrich_error IS NOT NULL),
  (SELECT count(*) FROM copydesk.article_enrichment
     WHERE enriched_at > now() - interval '60 seconds'),
  (SELECT count(*) FROM copydesk.article_enrichment
     WHERE enriched_at > now() - interval '300 seconds'),
  (SELECT extract(epoch FROM now() - min(ingested_at)) FROM copydesk.articles
     WHERE enriched_at IS NULL AND enrich_error IS NULL)
"""


def connect(database_url: str) -> Any:
    """A psycopg connection that fails at once: a malformed URL or an unreachable server
    becomes ``Unreachable`` with what is wrong (and never the password)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    from services.config import check_database_url
    from services.errors import ConfigError
    from services.storage.db import SEARCH_PATH_OPTION

    if not database_url:
        raise Unreachable("no database URL: set COPYDESK_DATABASE_URL, or start `copydesk up`")
    try:
        check_database_url(database_url)
    except ConfigError as exc:
        raise Unreachable(str(exc)) from None
    where = _where(conninfo_to_dict(database_url))
    try:
        return psycopg.connect(database_url, connect_timeout=_CONNECT_TIMEOUT_S, autocommit=True,
                               options=f"-c {SEARCH_PATH_OPTION}")
    except psycopg.Error as exc:
        raise Unreachable(f"cannot reach Postgres at {where}: {_first_line(exc)}") from None


def _where(params: Mapping[str, Any]) -> str:
    host = params.get("host") or "the default socket"
    port = params.get("port")
    return f"{host}:{port}" if port else str(host)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def read_database(conn: Any) -> dict[str, Any]:
    """The database half of a snapshot, as ``Snapshot`` keyword arguments."""
    import psycopg

    started = time.perf_counter()
    try:
        row = conn.execute(_SQL).fetchone()
    except psycopg.errors.UndefinedTable:
        raise Unreachable("the database has no copydesk tables: run `copydesk migrate`") from None
    except psycopg.Error as exc:
        raise Unreachable(f"Postgres did not answer: {_first_line(exc)}") from None
    jobs, fin1, fin5, oldest, failures, articles, unenriched, enrich_failed, en1, en5, \
        oldest_unenriched = row
    failures = json.loads(failures) if isinstance(failures, str) else failures
    jobs = json.loads(jobs) if isinstance(jobs, str) else jobs
    return {
        "jobs": {str(k): int(v) for k, v in sorted(jobs.items())},
        "finished_1m": int(fin1),
        "finished_5m": int(fin5),
        "oldest_queued_s": None if oldest is None else float(oldest),
        "failures": tuple(Failure(f["status"], f["error_code"], int(f["n"]), f["sample"])
                          for f in failures),
        "articles": int(articles),
        "unenriched": int(unenriched),
        "enrich_failed": int(enrich_failed),
        "enriched_1m": int(en1),
        "enriched_5m": int(en5),
        "oldest_unenriched_s": None if oldest_unenriched is None else float(oldest_unenriched),
        "query_ms": (time.perf_counter() - started) * 1000,
    }


def redis_client(broker_url: str) -> Any:
    """A redis-py client for the broker that gives up after a second."""
    import redis

    from services.runtime.state import redis_py_url

    if not broker_url:
        raise Unreachable("no broker URL: set COPYDESK_BROKER_URL, or start `copydesk up`")
    try:
        return redis.Redis.from_url(redis_py_url(broker_url), socket_connect_timeout=1,
                                    socket_timeout=1)
    except ValueError as exc:
        raise Unreachable(f"COPYDESK_BROKER_URL is malformed: {_first_line(exc)}") from None


def read_broker(client: Any) -> dict[str, Any]:
    """Queue depths, tasks taken but not yet acknowledged, and live workers by queue."""
    import redis

    try:
        pipe = client.pipeline(transaction=False)
        for queue in QUEUES:
            pipe.llen(queue)
        pipe.hlen("unacked")
        *depths, unacked = pipe.execute()
        workers: dict[str, int] = dict.fromkeys(QUEUES, 0)
        for key in client.scan_iter(match=f"{HEARTBEAT_PREFIX}*", count=100):
            queues = key.decode(errors="replace")[len(HEARTBEAT_PREFIX):].split(":", 1)[0]
            for queue in queues.split(","):
                workers[queue] = workers.get(queue, 0) + 1
    except redis.RedisError as exc:
        return {"broker_error": f"cannot read the broker: {_first_line(exc)}"}
    return {"queues": dict(zip(QUEUES, (int(d) for d in depths), strict=True)),
            "running_tasks": int(unacked), "workers": workers}


def take_snapshot(database_url: str, broker_url: str) -> Snapshot:
    """Both halves. ``Unreachable`` if the database cannot be read; a broker that cannot
    be read leaves ``queues`` and ``workers`` None and says why in ``broker_error``."""
    conn = connect(database_url)
    try:
        database = read_database(conn)
    finally:
        conn.close()
    try:
        broker = read_broker(redis_client(broker_url))
    except Unreachable as exc:
        broker = {"broker_error": str(exc)}
    return Snapshot(taken_at=time.time(), **database, **broker)
