"""Running `copydesk up` as an operator does: JSON logs, status, metrics, Ctrl-C."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.conftest import FAST_ENV, Stack, wait_for
from tests.support import REPO, child_env

pytestmark = [pytest.mark.e2e]

FIXTURE_PAGES = sorted((REPO / "tests" / "fixtures" / "html").glob("*.html"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def busy_stack(tmp_path: Path) -> Iterator[tuple[Stack, dict[str, str]]]:
    """`copydesk up` with a metrics port of its own and room for tasks to finish."""
    inbox, data_dir, log_path = tmp_path / "inbox", tmp_path / "data", tmp_path / "up.log"
    env = child_env(drop=("COPYDESK_DATABASE_URL", "COPYDESK_BROKER_URL"),
                    **{**FAST_ENV, "COPYDESK_METRICS_PORT": str(_free_port()),
                       "COPYDESK_TASK_TIME_LIMIT_SECONDS": "60",
                       "COPYDESK_VISIBILITY_TIMEOUT_SECONDS": "180"})
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", "--inbox", str(inbox),
             "--data-dir", str(data_dir)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=tmp_path)
    stack = Stack(proc=proc, inbox=inbox, data_dir=data_dir, log_path=log_path, database_url="")
    try:
        wait_for(lambda: any(line.get("event") == "stack_ready" for line in stack.logs()),
                 timeout=180, what="copydesk up to be ready", stack=stack)
        yield stack, env
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _pages() -> list[bytes]:
    """Distinct articles (text dumps are read as text whatever their name says), so the
    enrichers have work when the stack is stopped."""
    dumps = sorted((REPO / "tests" / "fixtures" / "textdump").glob("*.txt"))
    return [p.read_bytes() for p in (*FIXTURE_PAGES, *dumps)]


def _drop_all(stack: Stack, pages: list[bytes], copies: int) -> int:
    count = 0
    for round_no in range(copies):
        for i, page in enumerate(pages):
            tmp = stack.inbox / f".p{round_no}-{i}.tmp"
            tmp.write_bytes(page + f"<!-- copy {round_no} -->".encode())
            tmp.rename(stack.inbox / f"p{round_no}-{i}.html")
            count += 1
    return count


def test_status_metrics_and_a_warm_ctrl_c_on_a_busy_stack(
        busy_stack: tuple[Stack, dict[str, str]]) -> None:
    stack, env = busy_stack
    pages = _pages()
    assert pages, "no HTML pages to drop"
    dropped = _drop_all(stack, pages, copies=max(1, 80 // len(pages)))

    def status() -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-m", "services.cli", "status", "--json", "--data-dir",
             str(stack.data_dir)], capture_output=True, text=True, env=env, check=True)
        result: dict[str, object] = json.loads(done.stdout)
        return result

    # Some jobs done, others still running: the moment to press Ctrl-C.
    first = wait_for(lambda: (s := status())["done"] and s, timeout=120,
                     what="the first finished jobs", stack=stack)
    workers = first["workers"]
    assert isinstance(workers, dict) and workers["ingest"] == 1
    with urllib.request.urlopen(f"http://127.0.0.1:{env['COPYDESK_METRICS_PORT']}/metrics",
                                timeout=10) as response:
        metrics = response.read().decode()
    assert 'copydesk_up{server="postgres"} 1.0' in metrics
    assert 'copydesk_workers_up{queue="ingest"} 1.0' in metrics
    started = {line["job_id"] for line in stack.logs() if line.get("event") == "job_started"}
    assert started, "no job had started"

    stack.proc.send_signal(signal.SIGINT)
    assert stack.proc.wait(timeout=120) == 0
    output = stack.log_path.read_text(errors="replace")
    lines = [line for line in output.splitlines() if line.strip()]
    not_json = []
    for line in lines:
        try:
            json.loads(line)
        except json.JSONDecodeError:
            not_json.append(line)
    assert not not_json, f"{len(not_json)} of {len(lines)} lines are not JSON: {not_json[:5]}"
    assert "WorkerLostError" not in output
    logs = stack.logs()
    began = {line["job_id"] for line in logs if line.get("event") == "job_started"}
    finished = {line["job_id"] for line in logs if line.get("event") == "job_finished"}
    assert began <= finished, f"{len(began - finished)} running jobs did not finish"
    # `copydesk up`'s ingest workers enrich what they store (COPYDESK_ENRICH_INLINE)
    assert {line.get("process") for line in logs if line.get("event") == "article_enriched"} \
        <= {"worker", "enricher"}
    assert len(began) <= dropped


def test_reprocess_runs_through_the_workers_and_changes_nothing_when_the_parser_did_not(
        busy_stack: tuple[Stack, dict[str, str]]) -> None:
    stack, env = busy_stack
    dumps = sorted((REPO / "tests" / "fixtures" / "textdump").glob("*.txt"))[:4]
    for i, path in enumerate(dumps):
        tmp = stack.inbox / f".d{i}.tmp"
        tmp.write_bytes(path.read_bytes())
        tmp.rename(stack.inbox / f"d{i}.txt")
    db_url = subprocess.run([sys.executable, "-m", "services.cli", "db-url", "--data-dir",
                             str(stack.data_dir)], capture_output=True, text=True, env=env,
                            check=True).stdout.strip()
    stack.database_url = db_url
    # (one query, one snapshot: asked in two, "none open" could be read before the claims
    # committed and "all four" after, with every job still queued)
    wait_for(lambda: stack.query("SELECT count(*) FILTER (WHERE status IN ('queued', 'running')),"
                                 " count(*) FROM api.jobs") == [(0, len(dumps))],
             timeout=120, what="the drops to finish", stack=stack)
    before = stack.query("SELECT article_id, title, body, story_id FROM api.articles ORDER BY 1")
    assert before
    done = subprocess.run(
        [sys.executable, "-m", "services.cli", "reprocess", "--all", "--data-dir", str(stack.data_dir)],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["finished"] and summary["outcomes"] == {"unchanged": summary["items"]}
    assert stack.query("SELECT article_id, title, body, story_id FROM api.articles ORDER BY 1") == before
    assert stack.query("SELECT count(*) FROM api.article_revisions") == [(0,)]
    versions = stack.query("SELECT DISTINCT parser_version FROM api.articles")
    assert versions == [(1,)]
