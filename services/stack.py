"""`copydesk up`: the whole service on one machine, in the foreground, with no Docker.

Starts embedded Postgres and Redis under the data dir (unless COPYDESK_DATABASE_URL
or COPYDESK_BROKER_URL name servers to use), applies migrations, then runs the
producer and the ingest workers as child processes, each in its own process group
and with a parent-death signal. A child that dies is started again (with backoff).
Ctrl-C or SIGTERM stops the children (SIGTERM, then SIGKILL after the grace
period), then the servers: nothing outlives `copydesk up`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import structlog

from services.config import Settings
from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis
from services.runtime.oshelp import parent_death_guard
from services.storage.migrate import apply_migrations

log = structlog.get_logger(__name__)


@dataclass
class _Child:
    name: str
    argv: list[str]
    proc: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    restart_at: float = 0.0
    history: list[float] = field(default_factory=list)


class _Children:
    def __init__(self, env: dict[str, str]) -> None:
        self._env = env
        self._children: list[_Child] = []

    def start(self, name: str, argv: list[str]) -> None:
        child = _Child(name=name, argv=argv)
        self._children.append(child)
        self._spawn(child)

    def _spawn(self, child: _Child) -> None:
        child.proc = subprocess.Popen(
            child.argv,
            env=self._env,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # own process group: Ctrl-C reaches only us
            preexec_fn=parent_death_guard(signal.SIGTERM),
        )
        log.info("child_started", child=child.name, pid=child.proc.pid, pgid=child.proc.pid)

    def restart_dead(self, *, now: float) -> None:
        for child in self._children:
            proc = child.proc
            if proc is None or proc.poll() is None:
                continue
            if child.restart_at == 0.0:
                child.restarts += 1
                delay = min(30.0, 0.5 * 2 ** min(child.restarts - 1, 6))
                child.restart_at = now + delay
                log.warning("child_exited", child=child.name, pid=proc.pid, returncode=proc.returncode, restart_in_s=delay)
            elif now >= child.restart_at:
                child.restart_at = 0.0
                self._spawn(child)

    def terminate_all(self, *, grace: float) -> None:
        live = [c.proc for c in self._children if c.proc is not None and c.proc.poll() is None]
        for proc in live:
            _signal_group(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in live:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("child_killed", pid=proc.pid, after_s=grace)
        for proc in live:
            # Whatever is left of each group (pool processes included) goes now.
            _signal_group(proc.pid, signal.SIGKILL)
            proc.wait()


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def run_stack(settings: Settings) -> int:
    data_dir = settings.data_dir.absolute()
    inbox = settings.inbox.absolute()
    inbox.mkdir(parents=True, exist_ok=True)
    stop = threading.Event()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("stack_stopping", signal=signal.Signals(signum).name)
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)

    started = time.monotonic()
    servers: list[EmbeddedPostgres | EmbeddedRedis] = []
    children: _Children | None = None
    try:
        database_url = settings.database_url or _start(EmbeddedPostgres(data_dir), servers)
        broker_url = settings.broker_url or _start(EmbeddedRedis(data_dir), servers)
        apply_migrations(database_url)
        if stop.is_set():
            return 0
        env = {
            **os.environ,
            "COPYDESK_DATABASE_URL": database_url,
            "COPYDESK_BROKER_URL": broker_url,
            "COPYDESK_INBOX": str(inbox),
            "COPYDESK_DATA_DIR": str(data_dir),
        }
        if settings.processed_dir:
            env["COPYDESK_PROCESSED_DIR"] = str(settings.processed_dir.absolute())
        if settings.failed_dir:
            env["COPYDESK_FAILED_DIR"] = str(settings.failed_dir.absolute())
        children = _Children(env)
        children.start("producer", [sys.executable, "-m", "services.cli", "producer", "--inbox", str(inbox)])
        children.start("worker", _worker_argv(settings))
        _print_banner(inbox=inbox, data_dir=data_dir, database_url=database_url)
        log.info("stack_ready", inbox=str(inbox), database_url=database_url, broker_url=broker_url,
                 startup_s=round(time.monotonic() - started, 2))
        while not stop.wait(0.5):
            children.restart_dead(now=time.monotonic())
        return 0
    finally:
        if children is not None:
            children.terminate_all(grace=settings.task_time_limit_seconds + 10)
        for server in reversed(servers):
            server.stop()
        log.info("stack_stopped")


def _start(server: EmbeddedPostgres | EmbeddedRedis, servers: list[EmbeddedPostgres | EmbeddedRedis]) -> str:
    url = server.start()
    servers.append(server)
    pid = server.pid
    log.info("server_started", server=type(server).__name__, pid=pid, pgid=os.getpgid(pid) if pid else None)
    return url


def _worker_argv(settings: Settings) -> list[str]:
    return [
        sys.executable, "-m", "celery", "-A", "workers.app", "worker",
        "--queues", "ingest",
        "--concurrency", str(settings.concurrency),
        "--hostname", f"ingest-{os.getpid()}@%h",
        "--loglevel", settings.log_level,
        "--without-gossip", "--without-mingle",
    ]  # fmt: skip


def _print_banner(*, inbox: Path, data_dir: Path, database_url: str) -> None:
    print(
        "\ncopydesk is running.\n"
        f"  drop article files into  {inbox}\n"
        f"  query the articles with  psql \"$(copydesk db-url --data-dir {data_dir})\""
        " -c 'SELECT title, site_name FROM api.articles'\n"
        f"  database                 {database_url}\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
