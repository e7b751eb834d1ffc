"""Run the whole stack as a user does: `copydesk up` in a subprocess."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.support import SEED, child_env, wait_until

__all__ = ["SEED", "Stack", "wait_for"]

# Short timings so faults recover within seconds; each is an ordinary setting.
FAST_ENV = {
    "COPYDESK_LOG_FORMAT": "json",
    "COPYDESK_STABLE_SECONDS": "0.3",
    "COPYDESK_RESCAN_SECONDS": "2",
    "COPYDESK_RECONCILE_INTERVAL_SECONDS": "2",
    "COPYDESK_REQUEUE_AFTER_SECONDS": "5",
    "COPYDESK_TASK_TIME_LIMIT_SECONDS": "8",
    "COPYDESK_VISIBILITY_TIMEOUT_SECONDS": "12",
    "COPYDESK_WORKER_CONCURRENCY": "2",
    # as `copydesk up` chooses it on two cores (services.stack.up_enriches_inline), whatever
    # the cores of the machine running the tests
    "COPYDESK_ENRICH_INLINE": "1",
}


@dataclass
class Stack:
    proc: subprocess.Popen[bytes]
    inbox: Path
    data_dir: Path
    log_path: Path
    database_url: str

    def logs(self) -> list[dict[str, Any]]:
        lines = []
        for raw in self.log_path.read_text(errors="replace").splitlines():
            if raw.startswith("{"):
                try:
                    lines.append(json.loads(raw))
                except json.JSONDecodeError:
                    continue
        return lines

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            return conn.execute(sql, params).fetchall()

    def drop(self, source: Path, name: str) -> Path:
        """Write like a careful user: to a temporary name, then rename into place."""
        tmp = self.inbox / f".{name}.tmp"
        tmp.write_bytes(source.read_bytes())
        target = self.inbox / name
        tmp.rename(target)
        return target


def wait_for(predicate: Callable[[], Any], *, timeout: float, what: str, stack: Stack | None = None) -> Any:
    """``wait_until`` that gives up when the stack died and shows its log tail."""
    if stack is None:
        return wait_until(predicate, timeout=timeout, what=what, interval=0.2)
    return wait_until(
        predicate, timeout=timeout, what=what, interval=0.2,
        gave_up=lambda: stack.proc.poll() is not None,
        context=lambda: "--- log tail ---\n" + stack.log_path.read_text(errors="replace")[-4000:],
    )


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    inbox, data_dir, log_path = tmp_path / "inbox", tmp_path / "data", tmp_path / "up.log"
    env = child_env(drop=("COPYDESK_DATABASE_URL", "COPYDESK_BROKER_URL"), **FAST_ENV)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", "--inbox", str(inbox), "--data-dir", str(data_dir)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=tmp_path,
        )
    s = Stack(proc=proc, inbox=inbox, data_dir=data_dir, log_path=log_path, database_url="")
    try:
        wait_for(lambda: any(line.get("event") == "stack_ready" for line in s.logs()), timeout=180,
                 what="copydesk up to be ready", stack=s)
        s.database_url = subprocess.run(
            [sys.executable, "-m", "services.cli", "db-url", "--data-dir", str(data_dir)],
            capture_output=True, text=True, check=True, env=env,
        ).stdout.strip()
        yield s
    finally:
        # s.proc, not proc: a test may have started the stack again.
        if s.proc.poll() is None:
            s.proc.send_signal(signal.SIGTERM)
            try:
                s.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                s.proc.kill()
                s.proc.wait()
