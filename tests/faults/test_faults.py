"""Nothing lost, nothing doubled: crashes, outages and awkward writers, on real processes."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.faults.conftest import Rig, article_text, empty_redis, wait_until

pytestmark = pytest.mark.faults


def _stored(rig: Rig) -> int:
    return int(rig.query("SELECT count(*) FROM api.jobs WHERE status IN ('stored', 'duplicate', 'rejected')")[0][0])


def _live_holders(rig: Rig) -> list[int]:
    """Pids of live processes now running a job (rows of killed ones linger as 'running')."""
    pids = []
    for (worker,) in rig.query("SELECT worker FROM copydesk.ingest_jobs WHERE status = 'running'"):
        pid = int(str(worker).rsplit(":", 1)[1])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        pids.append(pid)
    return pids


def test_workers_sigkilled_repeatedly_during_500_files(rig: Rig) -> None:
    rig.start("producer")
    rig.start("worker")
    rig.drop_articles(450)  # dropped before the first kill, claimed while the kills go on
    for i in range(40):  # exact copies of earlier files: recorded duplicates
        rig.drop(f"copy{i:03d}.txt", article_text(i * 7))
    for i in range(10):  # bad input: rejected, never retried
        rig.drop(f"empty{i}.txt", b"   \n")
    rng = random.Random(5)
    kills: list[str] = []
    for n in range(6):
        before = _stored(rig)
        wait_until(lambda before=before: _stored(rig) > before, timeout=120,
                   what="the (re)started worker to make progress")
        # Freeze stores for a moment so the kill lands while workers hold tasks.
        with rig.hold_article_inserts():
            holders = wait_until(lambda: _live_holders(rig), timeout=30, what="a live worker to hold a job")
            if n % 2 == 0:  # the pool process holding a job: Celery requeues it at once
                os.kill(rng.choice(holders), signal.SIGKILL)
                kills.append("pool_process")
            else:  # the whole worker, pool and all: its messages wait unacked in Redis
                rig.kill("worker")  # and started again, as `copydesk up` restarts a dead child
                kills.append("whole_worker")
    figures = rig.settle(f"worker SIGKILL x{len(kills)} ({kills.count('whole_worker')} whole) during 500 files",
                         timeout=300)
    rig.assert_promise(figures)
    assert (figures.articles, figures.duplicates, figures.rejected) == (450, 40, 10)


def test_a_batch_whose_pool_process_is_killed_sends_its_jobs_on_alone(rig: Rig) -> None:
    """Files claimed together go several to a message (``copydesk.ingest_batch``). A
    batch whose pool process is SIGKILLed comes back redelivered and is not run as a
    batch again: each of its jobs goes on as a message of its own, and every file
    still ends once."""
    rig.start("worker")
    with rig.hold_article_inserts():  # the workers wait at their first store, holding their batches
        rig.start("producer")
        for i in range(8):  # claimed in one turn: a message of eight (Settings.ingest_batch)
            rig.drop(f"b{i}.txt", article_text(9000 + i))
        holders = wait_until(lambda: _live_holders(rig), timeout=120, what="a worker to hold a batch")
        os.kill(holders[0], signal.SIGKILL)
    figures = rig.settle("pool process SIGKILLed holding a batch of jobs", timeout=180)
    rig.assert_promise(figures)
    assert figures.articles == 8
    worker_log = (rig.root / "worker.log").read_text(errors="replace")
    assert "batch_redelivered" in worker_log and "copydesk.ingest_batch" in (rig.root / "producer.log").read_text()


def test_producer_sigkilled_mid_claim_and_restarted(rig: Rig) -> None:
    rig.start("worker")
    rig.start("producer")
    rig.drop_articles(300)
    for _ in range(6):  # claims run back to back: kills land between store, send and move
        time.sleep(0.7)
        rig.kill("producer")
    figures = rig.settle("producer SIGKILL x6 during 300 claims", timeout=240)
    rig.assert_promise(figures)
    assert (figures.articles, figures.duplicates) == (300, 0)


@pytest.mark.parametrize("server", ["redis", "postgres"])
def test_server_down_for_30_seconds(rig: Rig, server: str) -> None:
    outage = rig.redis if server == "redis" else rig.pg
    rig.start("worker")
    rig.start("producer")
    rig.drop_articles(100)
    wait_until(lambda: _stored(rig) >= 20, timeout=60, what="some of the first files to be stored")
    outage.stop()
    marks = rig.log_marks()
    rig.drop_articles(100, start=100)  # dropped while the server is away
    time.sleep(30)
    outage_lines = rig.lines_since(marks)
    outage.start()
    back = time.monotonic()
    figures = rig.settle(f"{server} stopped 30 s", timeout=300, since=back)
    rig.assert_promise(figures)
    assert figures.articles == 200
    # Backing off, not spinning: a few lines per second at most while the server is away.
    assert sum(outage_lines.values()) < 600, outage_lines
    if server == "postgres":
        assert rig.crashes == [], "the producer and workers must ride out a database outage, not exit"


def test_redis_restarted_empty_loses_every_message_and_the_reconciler_recovers_them(rig: Rig) -> None:
    rig.start("producer")
    rig.drop_articles(200)
    wait_until(
        lambda: (rig.query("SELECT count(*) FROM api.jobs WHERE status = 'queued'")[0][0] == 200
                 and not rig.inbox_files()),
        timeout=90, what="all 200 files claimed and queued (no worker yet)",
    )
    empty_redis(rig.redis)  # every queued message is gone
    back = time.monotonic()
    rig.start("worker")
    figures = rig.settle("redis restarted empty, 200 queued", timeout=240, since=back)
    rig.assert_promise(figures)
    assert figures.articles == 200


def test_awkward_writers_and_double_drops(rig: Rig, tmp_path: Path) -> None:
    rig.start("worker")
    rig.start("producer")
    outside = tmp_path / "outside"
    outside.mkdir()

    # A slow writer appending in place for ~3 s, slower than the stability delay.
    slow = article_text(1)

    def write_slowly() -> None:
        with (rig.inbox / "slow.txt").open("wb") as f:
            for k in range(0, len(slow), len(slow) // 6 + 1):
                f.write(slow[k : k + len(slow) // 6 + 1])
                f.flush()
                time.sleep(0.5)

    rig.dropped.append("slow.txt")
    writer = threading.Thread(target=write_slowly)
    writer.start()

    (outside / "cp.txt").write_bytes(article_text(2))
    subprocess.run(["cp", str(outside / "cp.txt"), str(rig.inbox / "cp.txt")], check=True)
    rig.dropped.append("cp.txt")
    (outside / "mv.txt").write_bytes(article_text(3))
    (outside / "mv.txt").rename(rig.inbox / "mv.txt")
    rig.dropped.append("mv.txt")
    if shutil.which("rsync"):
        (outside / "rsync.txt").write_bytes(article_text(4))
        subprocess.run(["rsync", str(outside / "rsync.txt"), str(rig.inbox / "rsync.txt")], check=True)
        rig.dropped.append("rsync.txt")

    # The same bytes dropped twice at once under two names: one article, one duplicate.
    twin = article_text(5)
    (rig.inbox / ".twin-a.tmp").write_bytes(twin)
    (rig.inbox / ".twin-b.tmp").write_bytes(twin)
    (rig.inbox / ".twin-a.tmp").rename(rig.inbox / "twin-a.txt")
    (rig.inbox / ".twin-b.tmp").rename(rig.inbox / "twin-b.txt")
    rig.dropped += ["twin-a.txt", "twin-b.txt"]

    # Withdrawn before it was stable: never a job (it was not dropped after all).
    withdrawn = rig.inbox / "withdrawn.txt"
    with withdrawn.open("wb") as f:
        f.write(article_text(6)[:100])
    withdrawn.unlink()

    writer.join()
    figures = rig.settle("slow writer, cp, mv, rsync, twin drop", timeout=120)
    rig.assert_promise(figures)
    assert figures.duplicates == 1
    [(size,)] = rig.query("SELECT bytes FROM api.jobs WHERE source_name = 'slow.txt'")
    assert size == len(slow), "the slow file must be taken whole, not while growing"
    assert rig.query("SELECT count(*) FROM api.jobs WHERE source_name = 'withdrawn.txt'") == [(0,)]


def test_file_deleted_while_its_job_is_queued_is_still_stored(rig: Rig) -> None:
    rig.start("producer")
    rig.drop("gone.txt", article_text(9))
    wait_until(lambda: rig.query("SELECT 1 FROM api.jobs WHERE source_name = 'gone.txt' AND status = 'queued'"),
               timeout=30, what="the job to be queued")
    moved = wait_until(
        lambda: list((rig.inbox / "processed").glob("gone*")) if (rig.inbox / "processed").exists() else [],
        timeout=30, what="the file to leave the inbox")
    for path in moved:
        path.unlink()  # the bytes are in Postgres already
    rig.start("worker")
    figures = rig.settle("file deleted while queued", timeout=60)
    rig.assert_promise(figures)
    assert figures.articles == 1


def test_sigterm_lets_the_worker_finish_its_job_and_the_producer_exit(rig: Rig) -> None:
    rig.start("worker")
    rig.start("producer")
    rig.drop_articles(5)
    with rig.hold_article_inserts():
        wait_until(lambda: _live_holders(rig), timeout=30, what="a worker to hold a job")
        worker = rig.children["worker"]
        stopping = threading.Thread(target=lambda: codes.append(rig.stop("worker")))  # warm shutdown
        codes: list[int] = []
        stopping.start()
        time.sleep(1.0)
        assert worker.alive, "the worker must wait for its running job"
    stopping.join(timeout=30)
    assert codes == [0]
    assert rig.stop("producer", timeout=10) == 0
    rig.start("worker")  # what was still queued is taken by the next worker
    rig.start("producer")
    figures = rig.settle("SIGTERM worker mid-job, SIGTERM producer", timeout=120)
    rig.assert_promise(figures)
    assert figures.articles == 5


def test_transient_errors_are_retried_then_the_job_fails_and_requeue_finishes_it(rig: Rig) -> None:
    # A transient error with the database up: the store step cannot get its lock.
    rig.env.update(COPYDESK_MAX_RETRIES="2", COPYDESK_DB_LOCK_TIMEOUT_MS="300")
    rig.start("worker")
    rig.start("producer")
    with rig.hold_article_inserts():
        rig.drop("locked.txt", article_text(42))
        failed = wait_until(
            lambda: rig.query("SELECT attempts, error_code, error_message FROM api.jobs WHERE status = 'failed'"),
            timeout=60, what="the job to exhaust its retries",
        )
    [(attempts, code, message)] = failed
    assert attempts == 3 and code == "retries_exhausted" and "LockNotAvailable" in message
    subprocess.run(
        [sys.executable, "-m", "services.cli", "requeue"], env=rig.env, check=True, capture_output=True
    )
    figures = rig.settle("transient error: retried, failed, requeued", timeout=60)
    rig.assert_promise(figures)
    assert figures.articles == 1
