"""Prometheus metrics for copydesk, read from Postgres and Redis at scrape time.

The exporter is its own process (`copydesk metrics`, or a thread of `copydesk up`), not
a part of the workers: Celery's prefork pool forks and kills processes, and counters
kept in them would need prometheus_client's multiprocess mode and a shared directory.
Postgres already holds every job's outcome, timings and times, so the exporter reads
them there:

* gauges from ``snapshot.take_snapshot`` on every scrape (jobs per status, failures by
  code, queue depth, running tasks, live workers, oldest queued job, unenriched backlog);
* counters and histograms from the jobs finished and the articles enriched since the
  previous scrape (outcomes by error code, stage durations, drop-to-stored and
  drop-to-enriched latency, enrichment step durations). They count from the exporter's
  start, as Prometheus counters do; ``rate()`` and ``histogram_quantile()`` apply.

Rows are read incrementally by their finish time. A transaction that commits a little
after a later one would be missed by a plain "since the last scrape", so each read goes
back ``OVERLAP_S`` and skips the rows it has already counted.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from services.observe.snapshot import (
    QUEUES,
    Unreachable,
    connect,
    read_broker,
    read_database,
    redis_client,
)

__all__ = ["CopydeskCollector", "serve"]

OVERLAP_S = 60.0
_BATCH = 20_000  # rows per read; a backlog larger than this is read over several scrapes
_LATENCY_BUCKETS = (0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600)
_STAGE_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)

_JOBS_SQL = """
SELECT job_id::text, status, coalesce(error_code, ''), stage_ms,
       extract(epoch FROM finished_at), extract(epoch FROM finished_at - coalesce(dropped_at, queued_at))
FROM copydesk.ingest_jobs
WHERE finished_at > to_timestamp(%s) AND status <> 'split'
ORDER BY finished_at LIMIT %s
"""

_ENRICHED_SQL = """
SELECT e.article_id, e.timings_ms, extract(epoch FROM e.enriched_at),
       extract(epoch FROM e.enriched_at - coalesce(j.dropped_at, j.queued_at))
FROM copydesk.article_enrichment e
JOIN copydesk.articles a ON a.article_id = e.article_id
JOIN copydesk.ingest_jobs j ON j.job_id = a.job_id
WHERE e.enriched_at > to_timestamp(%s)
ORDER BY e.enriched_at LIMIT %s
"""


class _Since:
    """Which rows of one incremental read were counted: a time mark and the keys seen
    within ``OVERLAP_S`` of it."""

    def __init__(self, start: float) -> None:
        self.mark = start
        self.seen: dict[Any, float] = {}

    def fresh(self, key: Any, at: float) -> bool:
        if key in self.seen:
            return False
        self.seen[key] = at
        self.mark = max(self.mark, at)
        return True

    @property
    def query_from(self) -> float:
        return self.mark - OVERLAP_S

    def prune(self) -> None:
        floor = self.query_from
        self.seen = {k: at for k, at in self.seen.items() if at > floor}


class CopydeskCollector(Collector):
    """Everything in one collector, so one scrape reads each source once."""

    def __init__(self, database_url: str, broker_url: str, *,
                 clock: Callable[[], float] = time.time) -> None:
        self._database_url = database_url
        self._broker_url = broker_url
        self._lock = threading.Lock()  # scrapes may overlap; reads must not
        now = clock()
        self._jobs_since = _Since(now)
        self._enriched_since = _Since(now)
        self._finished = Counter("copydesk_jobs_finished", "Jobs that reached a final status "
                                 "since the exporter started, by status and error code",
                                 ["status", "error_code"], registry=None)
        self._stages = Histogram("copydesk_stage_duration_seconds", "Time a finished job spent "
                                 "in each ingest stage", ["stage"], buckets=_STAGE_BUCKETS,
                                 registry=None)
        self._to_stored = Histogram("copydesk_drop_to_stored_seconds", "From a file's arrival "
                                    "in the inbox (or its queueing) to its job's final status",
                                    ["status"], buckets=_LATENCY_BUCKETS, registry=None)
        self._to_enriched = Histogram("copydesk_drop_to_enriched_seconds", "From a file's "
                                      "arrival in the inbox to its article's enrichment",
                                      buckets=_LATENCY_BUCKETS, registry=None)
        self._enrich_steps = Histogram("copydesk_enrich_step_duration_seconds", "Time each "
                                       "enrichment step took per article", ["step"],
                                       buckets=_STAGE_BUCKETS, registry=None)

    def collect(self) -> Iterator[Any]:
        with self._lock:
            yield from self._collect()

    def _collect(self) -> Iterator[Any]:
        started = time.perf_counter()
        up = GaugeMetricFamily("copydesk_up", "Whether the exporter could read each server",
                               labels=["server"])
        try:
            conn = connect(self._database_url)
        except Unreachable:
            up.add_metric(["postgres"], 0)
            database = None
        else:
            try:
                database = read_database(conn)
                self._read_increments(conn)
                up.add_metric(["postgres"], 1)
            except Unreachable:
                up.add_metric(["postgres"], 0)
                database = None
            finally:
                conn.close()
        try:
            broker = read_broker(redis_client(self._broker_url))
        except Unreachable as exc:
            broker = {"broker_error": str(exc)}
        up.add_metric(["redis"], 0 if "broker_error" in broker else 1)
        yield up
        if database is not None:
            yield from _database_gauges(database)
        if "broker_error" not in broker:
            yield from _broker_gauges(broker)
        for metric in (self._finished, self._stages, self._to_stored, self._to_enriched,
                       self._enrich_steps):
            yield from metric.collect()
        took = GaugeMetricFamily("copydesk_exporter_scrape_seconds",
                                 "How long reading Postgres and Redis took for this scrape")
        took.add_metric([], time.perf_counter() - started)
        yield took

    def _read_increments(self, conn: Any) -> None:
        since = self._jobs_since
        for job_id, status, code, stage_ms, at, latency in conn.execute(
                _JOBS_SQL, (since.query_from, _BATCH)):
            if not since.fresh(job_id, float(at)):
                continue
            self._finished.labels(status, code).inc()
            for stage, ms in _json(stage_ms).items():
                self._stages.labels(stage).observe(float(ms) / 1000)
            if latency is not None:
                self._to_stored.labels(status).observe(max(0.0, float(latency)))
        since.prune()
        since = self._enriched_since
        for article_id, timings, at, latency in conn.execute(
                _ENRICHED_SQL, (since.query_from, _BATCH)):
            if not since.fresh(article_id, float(at)):
                continue
            for step, ms in _json(timings).items():
                if isinstance(ms, int | float):
                    self._enrich_steps.labels(step).observe(float(ms) / 1000)
            if latency is not None:
                self._to_enriched.observe(max(0.0, float(latency)))
        since.prune()


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, dict) else {}


def _gauge(name: str, doc: str, value: float | None) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, doc)
    family.add_metric([], 0.0 if value is None else value)
    return family


def _database_gauges(db: dict[str, Any]) -> Iterator[GaugeMetricFamily]:
    jobs = GaugeMetricFamily("copydesk_jobs", "Jobs per status", labels=["status"])
    for status in ("queued", "running", "stored", "duplicate", "rejected", "failed", "split"):
        jobs.add_metric([status], db["jobs"].get(status, 0))
    yield jobs
    failures = GaugeMetricFamily("copydesk_job_failures", "Rejected and failed jobs by error "
                                 "code (the 20 commonest)", labels=["status", "error_code"])
    for failure in db["failures"]:
        failures.add_metric([failure.status, failure.error_code], failure.count)
    yield failures
    yield _gauge("copydesk_oldest_queued_job_age_seconds",
                 "Age of the oldest job still queued (0 when none)", db["oldest_queued_s"])
    yield _gauge("copydesk_articles", "Articles stored", db["articles"])
    yield _gauge("copydesk_unenriched_articles", "Articles waiting for enrichment",
                 db["unenriched"])
    yield _gauge("copydesk_oldest_unenriched_age_seconds",
                 "Age of the oldest article waiting for enrichment (0 when none)",
                 db["oldest_unenriched_s"])
    yield _gauge("copydesk_enrichment_failed_articles",
                 "Articles whose enrichment recorded an error", db["enrich_failed"])


def _broker_gauges(broker: dict[str, Any]) -> Iterator[GaugeMetricFamily]:
    depth = GaugeMetricFamily("copydesk_queue_depth", "Messages waiting in each queue",
                              labels=["queue"])
    workers = GaugeMetricFamily("copydesk_workers_up", "Live workers consuming each queue",
                                labels=["queue"])
    for queue in QUEUES:
        depth.add_metric([queue], broker["queues"].get(queue, 0))
        workers.add_metric([queue], broker["workers"].get(queue, 0))
    yield depth
    yield workers
    yield _gauge("copydesk_running_tasks", "Tasks taken by a worker and not yet acknowledged",
                 broker["running_tasks"])


def registry_for(database_url: str, broker_url: str) -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(CopydeskCollector(database_url, broker_url))
    return registry


def serve(database_url: str, broker_url: str, *, port: int, host: str = "127.0.0.1") -> Any:
    """Serve ``/metrics`` on ``host:port`` from a daemon thread; returns the server."""
    from prometheus_client import start_http_server

    server, _thread = start_http_server(port, addr=host,
                                        registry=registry_for(database_url, broker_url))
    return server
