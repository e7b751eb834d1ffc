"""Drop a file, get a traced row: the whole stack, as `copydesk up` runs it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from services.pipeline.formats import parse_file
from services.pipeline.normalise import body_hash, normalise_body
from tests.e2e.conftest import SEED, Stack, wait_for
from tests.support import child_env

pytestmark = pytest.mark.e2e

EXPECTED_TITLE = "The White House is concerned Iran may provide ballistic missiles to Russia for use against Ukraine"


def _articles(stack: Stack) -> list[tuple[object, ...]]:
    return stack.query(
        "SELECT article_id, job_id::text, title, site_name, section, authors, published_at, wire_source,"
        " dateline, body, source_name FROM api.articles ORDER BY article_id"
    )


def test_seed_becomes_one_traced_article_and_a_redrop_is_a_duplicate(stack: Stack) -> None:
    stack.drop(SEED, "content-farm-ap-copy.txt")
    rows = wait_for(lambda: _articles(stack), timeout=60, what="the seed in api.articles", stack=stack)
    article_id, job_id, title, site, section, authors, published, wire, dateline, body, source = rows[0]
    assert title == EXPECTED_TITLE
    assert (site, section, authors, wire, dateline) == (
        "Quantum Capital Pro", "Invest", ["Charles Langston"], "AP", "WASHINGTON")
    assert published == datetime(2025, 4, 7, 6, 19, 27, tzinfo=UTC)
    assert str(body).startswith("WASHINGTON (AP) —") and str(body).endswith("weaponry for the war.")
    assert source == "content-farm-ap-copy.txt"
    assert (stack.inbox / "processed" / "content-farm-ap-copy.txt").exists()

    # The producer bound job_id when it claimed the file; the worker's last line carries it.
    logs = stack.logs()
    claimed = [line for line in logs if line.get("event") == "file_claimed"]
    assert [line["job_id"] for line in claimed] == [job_id]
    finished = wait_for(
        lambda: [line for line in stack.logs() if line.get("event") == "job_finished"],
        timeout=10, what="the job_finished line", stack=stack,
    )
    assert finished[0]["job_id"] == job_id and finished[0]["outcome"] == "stored"
    assert finished[0]["article_id"] == article_id
    assert set(finished[0]["stage_ms"]) >= {"load", "parse", "store"}
    assert finished[0]["process"] == "worker" and claimed[0]["process"] == "producer"
    # The pool process that ran it forked its isolate when it started (services.isolation).
    worker = stack.query("SELECT worker FROM copydesk.ingest_jobs WHERE job_id = %s", job_id)[0][0]
    assert len(_children(int(str(worker).rsplit(":", 1)[1]))) == 1

    stack.drop(SEED, "same-story-again.txt")
    jobs = wait_for(
        lambda: [r for r in stack.query("SELECT status, duplicate_of FROM api.jobs"
                                        " WHERE source_name = 'same-story-again.txt'")
                 if r[0] != "queued" and r[0] != "running"],
        timeout=60, what="the second drop's job to finish", stack=stack,
    )
    assert jobs == [("duplicate", article_id)]
    assert len(_articles(stack)) == 1


@pytest.mark.parametrize("victim", ["pool_process", "whole_worker"])
def test_worker_killed_while_holding_a_job_still_completes_it(stack: Stack, victim: str) -> None:
    # Hold the job inside the worker: an uncommitted article with the seed's body
    # hash makes the worker's insert wait on the unique index.
    parsed = parse_file(SEED.read_bytes(), filename=SEED.name)
    digest = body_hash(normalise_body(parsed.body))
    blocker = psycopg.connect(stack.database_url)
    blocker.execute(
        "INSERT INTO copydesk.raw_documents (sha256, content, bytes) VALUES (repeat('0', 64), '', 0)"
    )
    blocker.execute(
        "INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key)"
        " VALUES (gen_random_uuid(), 'blocker', repeat('0', 64), 'blocker')"
    )
    blocker.execute(
        "INSERT INTO copydesk.articles (job_id, source_name, source_format, body, word_count, body_hash)"
        " SELECT job_id, 'blocker', 'text', 'x', 1, %s FROM copydesk.ingest_jobs WHERE drop_key = 'blocker'",
        (digest,),
    )
    try:
        stack.drop(SEED, "held.txt")
        running = wait_for(
            lambda: stack.query("SELECT job_id::text, worker FROM copydesk.ingest_jobs"
                                " WHERE source_name = 'held.txt' AND status = 'running'"),
            timeout=60, what="a worker to hold the job", stack=stack,
        )
        job_id, worker = running[0]
        if victim == "pool_process":  # the process running the task: Celery requeues at once
            os.kill(int(str(worker).rsplit(":", 1)[1]), signal.SIGKILL)
        else:  # the whole worker, pool and all: the message waits unacked in Redis
            leader = [line["pid"] for line in stack.logs()
                      if line.get("event") == "child_started" and line.get("child") == "worker"][-1]
            os.killpg(int(leader), signal.SIGKILL)
    finally:
        blocker.rollback()
        blocker.close()

    stored = wait_for(
        lambda: stack.query("SELECT status, attempts FROM api.jobs WHERE job_id = %s AND status = 'stored'", job_id),
        timeout=90, what="the held job to complete after the kill", stack=stack,
    )
    assert stored[0][1] >= 2, "the job must have been delivered again after the kill"
    assert stack.query("SELECT count(*) FROM api.articles") == [(1,)]
    kills = [line for line in stack.logs() if line.get("job_id") == job_id and line.get("event") == "job_finished"]
    assert [line["outcome"] for line in kills] == ["stored"]


def _children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _process_groups_alive(pgids: set[int]) -> list[int]:
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) in pgids:
            alive.append(int(entry.name))
    return alive


def test_sigterm_stops_everything_and_a_second_start_reuses_the_data(stack: Stack, tmp_path: Path) -> None:
    stack.drop(SEED, "keep-me.txt")
    wait_for(lambda: _articles(stack), timeout=60, what="the seed in api.articles", stack=stack)
    # Servers log their process group; each child leads its own (pgid == pid).
    logs = stack.logs()
    pgids = {int(line["pgid"]) for line in logs if line.get("event") == "server_started"}
    pgids |= {int(line["pid"]) for line in logs if line.get("event") == "child_started"}
    assert len(pgids) >= 4, f"expected postgres, redis, producer and worker groups, got {pgids}"

    stack.proc.send_signal(signal.SIGTERM)
    assert stack.proc.wait(timeout=90) == 0
    assert wait_for(lambda: not _process_groups_alive(pgids), timeout=10, what="every child process to exit") is True

    again = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "up", "--inbox", str(stack.inbox), "--data-dir", str(stack.data_dir)],
        stdout=stack.log_path.open("ab"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=child_env(COPYDESK_LOG_FORMAT="json", COPYDESK_WORKER_CONCURRENCY="1"), cwd=tmp_path,
    )
    stack.proc = again
    wait_for(lambda: sum(1 for line in stack.logs() if line.get("event") == "stack_ready") >= 2, timeout=120,
             what="the second start", stack=stack)
    database_url = subprocess.run(
        [sys.executable, "-m", "services.cli", "db-url", "--data-dir", str(stack.data_dir)],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    with psycopg.connect(database_url) as conn:
        assert conn.execute("SELECT title FROM api.articles").fetchall() == [(EXPECTED_TITLE,)]


def _cli(stack: Stack, *args: str) -> dict[str, object]:
    import json

    out = subprocess.run(
        [sys.executable, "-m", "services.cli", *args, "--data-dir", str(stack.data_dir)],
        capture_output=True, text=True, check=True, env=child_env(COPYDESK_LOG_FORMAT="json"),
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert isinstance(result, dict)
    return result


def test_failed_job_is_sent_again_by_requeue_and_status_counts_it(stack: Stack) -> None:
    # A job whose retries ran out while the database was down, as the worker records it.
    content = SEED.read_bytes()
    import hashlib

    sha = hashlib.sha256(content).hexdigest()
    with psycopg.connect(stack.database_url) as conn:
        conn.execute("INSERT INTO copydesk.raw_documents (sha256, content, bytes) VALUES (%s, %s, %s)",
                     (sha, content, len(content)))
        conn.execute(
            "INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key, status, error_code)"
            " VALUES (gen_random_uuid(), 'gave-up.txt', %s, 'gave-up', 'failed', 'retries_exhausted')",
            (sha,),
        )
    assert _cli(stack, "status", "--json")["jobs"] == {"failed": 1}
    assert _cli(stack, "requeue") == {"requeued": 1, "refused": {}}
    wait_for(
        lambda: stack.query("SELECT 1 FROM api.jobs WHERE source_name = 'gave-up.txt' AND status = 'stored'"),
        timeout=60, what="the requeued job to be stored", stack=stack,
    )
    status = _cli(stack, "status", "--json")
    assert status["jobs"] == {"stored": 1}
    assert status["finished_last_minute"] == 1
    assert status["queue_depth"] == {"ingest": 0, "enrich": 0}

    # Named jobs that cannot be requeued: said so, nothing sent.
    [(stored_id,)] = stack.query("SELECT job_id::text FROM api.jobs")
    unknown = "00000000-0000-4000-8000-000000000000"
    for job, says, code in ((stored_id, "already finished (stored)", 1), (unknown, "no such job", 1),
                            ("not-a-uuid", "not a job id", 2)):
        done = subprocess.run(
            [sys.executable, "-m", "services.cli", "requeue", "--job", job, "--data-dir", str(stack.data_dir)],
            capture_output=True, text=True, env=child_env(COPYDESK_LOG_FORMAT="json"), check=False)
        assert done.returncode == code and says in done.stderr, (job, done.stderr)
        assert "Traceback" not in done.stderr
    assert _cli(stack, "status", "--json")["queue_depth"] == {"ingest": 0, "enrich": 0}
    assert stack.query("SELECT status FROM api.jobs") == [("stored",)]
