"""`copydesk status` and the metrics exporter against a real Postgres and Redis."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from prometheus_client import CollectorRegistry, generate_latest

from services.observe.metrics import registry_for
from services.observe.snapshot import Unreachable, take_snapshot
from services.storage.migrate import apply_migrations
from tests.conftest import redis_client
from workers.heartbeat import Heartbeat


@pytest.fixture
def db_url(fresh_db_url: str) -> str:
    apply_migrations(fresh_db_url)
    return fresh_db_url


def _jobs(url: str, rows: list[tuple[str, str | None, str | None, str]]) -> None:
    """(status, error_code, error_message, finished how long ago as an interval)."""
    with psycopg.connect(url, autocommit=True) as conn:
        for status, code, message, ago in rows:
            conn.execute(
                "INSERT INTO copydesk.ingest_jobs (job_id, source_name, drop_key, status,"
                " error_code, error_message, queued_at, dropped_at, finished_at, stage_ms)"
                " VALUES (%s, 'f.html', %s, %s, %s, %s, now() - %s::interval - interval '3 s',"
                " now() - %s::interval - interval '4 s',"
                " CASE WHEN %s IN ('queued', 'running') THEN NULL ELSE now() - %s::interval END,"
                " '{\"parse\": 12.5, \"store\": 3}')",
                (str(uuid.uuid4()), str(uuid.uuid4()), status, code, message, ago, ago,
                 status, ago))


def _metrics(registry: CollectorRegistry) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in generate_latest(registry).decode().splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            found[name] = float(value)
    return found


@pytest.fixture
def broker(fresh_redis_url: str) -> Iterator[str]:
    client = redis_client(fresh_redis_url)
    client.rpush("ingest", b"m1", b"m2", b"m3")
    client.rpush("enrich", b"m4")
    try:
        yield fresh_redis_url
    finally:
        client.close()


def test_snapshot_counts_jobs_failures_queues_and_workers(db_url: str, broker: str) -> None:
    _jobs(db_url, [("stored", None, None, "10 s"), ("stored", None, None, "2 min"),
                   ("duplicate", None, None, "20 s"), ("queued", None, None, "30 s"),
                   ("rejected", "too_slow", "used up its CPU budget", "5 s"),
                   ("rejected", "too_slow", "used up its CPU budget", "1 h"),
                   ("failed", "attempts_exhausted", "gave up", "1 h")])
    heartbeat = Heartbeat(broker, hostname="ingest@box", queues=["ingest"])
    heartbeat.start()
    try:
        deadline = time.monotonic() + 10
        snap = take_snapshot(db_url, broker)
        while snap.workers != {"ingest": 1, "enrich": 0} and time.monotonic() < deadline:
            time.sleep(0.05)
            snap = take_snapshot(db_url, broker)
    finally:
        heartbeat.stop()
    assert snap.jobs == {"duplicate": 1, "failed": 1, "queued": 1, "rejected": 2, "stored": 2}
    assert (snap.files, snap.done, snap.open_jobs) == (7, 6, 1)
    assert (snap.finished_1m, snap.finished_5m) == (3, 4)
    assert snap.oldest_queued_s is not None and 30 <= snap.oldest_queued_s < 60
    assert [(f.status, f.error_code, f.count) for f in snap.failures] == [
        ("rejected", "too_slow", 2), ("failed", "attempts_exhausted", 1)]
    assert snap.queues == {"ingest": 3, "enrich": 1}
    assert snap.workers == {"ingest": 1, "enrich": 0}
    assert snap.eta_s == pytest.approx(1 / (3 / 60))
    assert json.loads(json.dumps(snap.as_dict()))["files"] == 7
    assert take_snapshot(db_url, broker).workers == {"ingest": 0, "enrich": 0}  # stopped


def test_a_broker_that_cannot_be_read_leaves_the_database_half(db_url: str) -> None:
    snap = take_snapshot(db_url, "redis://127.0.0.1:1/0")
    assert snap.queues is None and snap.broker_error and "cannot read the broker" in snap.broker_error
    assert snap.jobs == {}


@pytest.mark.parametrize(("url", "says"), [
    ("host=127.0.0.1 port=1 dbname=x connect_timeout=1", "cannot reach Postgres at 127.0.0.1:1"),
    ("postgresql://u:hunter2@[::1/x", "malformed"),
])
def test_an_unusable_database_is_one_line_at_once(url: str, says: str) -> None:
    started = time.monotonic()
    with pytest.raises(Unreachable) as caught:
        take_snapshot(url, "")
    assert says in str(caught.value) and "hunter2" not in str(caught.value)
    assert "\n" not in str(caught.value)
    assert time.monotonic() - started < 5  # a guard against retrying, not a speed claim


def test_metrics_count_what_finished_after_the_exporter_started(db_url: str, broker: str) -> None:
    _jobs(db_url, [("stored", None, None, "1 h")])  # before the exporter: not counted
    registry = registry_for(db_url, broker)
    first = _metrics(registry)
    assert first['copydesk_up{server="postgres"}'] == 1 and first['copydesk_up{server="redis"}'] == 1
    assert first['copydesk_jobs{status="stored"}'] == 1
    assert first['copydesk_queue_depth{queue="ingest"}'] == 3
    assert not any(k.startswith("copydesk_jobs_finished_total") for k in first)

    _jobs(db_url, [("stored", None, None, "0 s"), ("rejected", "too_slow", "slow", "0 s")])
    second = _metrics(registry)
    assert second['copydesk_jobs_finished_total{error_code="",status="stored"}'] == 1
    assert second['copydesk_jobs_finished_total{error_code="too_slow",status="rejected"}'] == 1
    assert second['copydesk_stage_duration_seconds_count{stage="parse"}'] == 2
    assert second['copydesk_drop_to_stored_seconds_count{status="stored"}'] == 1
    # dropped 4 s before it finished: in the 5 s bucket, not the 3 s one
    assert second['copydesk_drop_to_stored_seconds_bucket{le="3.0",status="stored"}'] == 0
    assert second['copydesk_drop_to_stored_seconds_bucket{le="5.0",status="stored"}'] == 1
    third = _metrics(registry)  # the overlap re-reads those rows and skips them
    assert third['copydesk_jobs_finished_total{error_code="",status="stored"}'] == 1


def test_metrics_say_when_a_server_is_down() -> None:
    found = _metrics(registry_for("host=127.0.0.1 port=1 dbname=x", "redis://127.0.0.1:1/0"))
    assert found['copydesk_up{server="postgres"}'] == 0
    assert found['copydesk_up{server="redis"}'] == 0
    assert not any(k.startswith("copydesk_jobs{") for k in found)


def test_alerts_and_dashboard_name_only_metrics_the_exporter_serves(db_url: str, broker: str) -> None:
    import re

    served = set()
    for line in generate_latest(registry_for(db_url, broker)).decode().splitlines():
        if line.startswith("# TYPE "):
            name, kind = line.split()[2:4]
            served |= {name} | ({f"{name}_bucket", f"{name}_count", f"{name}_sum"}
                                if kind == "histogram" else set())
            if kind == "counter":
                served.add(f"{name}_total")
    monitoring = Path(__file__).resolve().parents[2] / "deploy" / "monitoring"
    used = set()
    for path in (monitoring / "alerts.yaml", monitoring / "grafana-dashboard.json"):
        used |= set(re.findall(r"\bcopydesk_[a-z_]+", path.read_text()))
    assert used and used <= served, sorted(used - served)


def test_a_claim_records_when_the_file_arrived(db_url: str, tmp_path: Path) -> None:
    import os

    from services.config import Settings
    from services.producer.claim import claim_file
    from services.storage.db import open_pool
    from services.storage.uow import PostgresUnitOfWork
    from tests.fakes import FakeSender

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    staged = tmp_path / "story.txt"
    staged.write_text("The ferry ran again on Monday after a winter of repairs, the operator said.")
    os.utime(staged, (time.time() - 86_400,) * 2)  # written yesterday (cp -p keeps that)
    staged.rename(inbox / "story.txt")  # arrives now
    arrived = (inbox / "story.txt").lstat().st_ctime
    pool = open_pool(db_url, max_size=1)
    try:
        claimed = claim_file(inbox / "story.txt", settings=Settings(inbox=inbox),
                             uow_factory=lambda: PostgresUnitOfWork(pool), sender=FakeSender())
    finally:
        pool.close()
    assert claimed is not None
    with psycopg.connect(db_url) as conn:
        row = conn.execute("SELECT extract(epoch FROM dropped_at) FROM copydesk.ingest_jobs").fetchone()
    assert row is not None and float(row[0]) == pytest.approx(arrived, abs=0.01)
