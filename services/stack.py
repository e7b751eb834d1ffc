"""`copydesk up`: the whole service on one machine, in the foreground, with no Docker.

Starts embedded Postgres and Redis under the data dir (unless COPYDESK_DATABASE_URL
or COPYDESK_BROKER_URL name servers to use), applies migrations, then runs the
producer, the ingest workers and the enrichers as child processes, each in its own process group
and with a parent-death signal. A child that dies is started again (with backoff).
Ctrl-C or SIGTERM stops the children (SIGTERM, then SIGKILL after the grace
period), then the servers: nothing outlives `copydesk up`.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import FrameType

import structlog

from services.config import Settings
from services.logconfig import is_json
from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis
from services.runtime.oshelp import redact_url
from services.runtime.processes import Child, Supervisor
from services.storage.migrate import apply_migrations

log = structlog.get_logger(__name__)


class _Restarts:
    """Restart dead children with exponential backoff (0.5 s doubling to 30 s)."""

    def __init__(self, supervisor: Supervisor) -> None:
        self._supervisor = supervisor
        self._due: dict[int, tuple[float, Child]] = {}

    def child_died(self, child: Child, *, now: float) -> None:
        delay = min(30.0, 0.5 * 2 ** min(child.restarts, 6))
        self._due[id(child)] = (now + delay, child)
        log.warning("child_restart_scheduled", child=child.name, returncode=child.returncode, in_s=delay)

    def run_due(self, *, now: float) -> None:
        for key, (when, child) in list(self._due.items()):
            if now >= when:
                del self._due[key]
                self._supervisor.restart(child)


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
    supervisor = Supervisor()
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
        env["COPYDESK_ENRICH_INLINE"] = "1" if up_enriches_inline(settings) else "0"
        if settings.processed_dir:
            env["COPYDESK_PROCESSED_DIR"] = str(settings.processed_dir.absolute())
        if settings.failed_dir:
            env["COPYDESK_FAILED_DIR"] = str(settings.failed_dir.absolute())
        supervisor.start("producer", producer_argv(inbox), env=env)
        supervisor.start("worker", worker_argv(settings), env=env)
        supervisor.start("enricher", worker_argv(settings, queue="enrich"), env=env)
        restarts = _Restarts(supervisor)
        metrics_url = _serve_metrics(settings, database_url, broker_url)
        if not is_json(settings.log_format):  # with JSON logs, stack_ready says the same
            _print_banner(inbox=inbox, data_dir=data_dir, database_url=database_url,
                          metrics_url=metrics_url)
        log.info("stack_ready", inbox=str(inbox), database_url=redact_url(database_url),
                 broker_url=redact_url(broker_url), metrics_url=metrics_url,
                 startup_s=round(time.monotonic() - started, 2))
        while not stop.is_set():
            dead = supervisor.wait_any(timeout=0.5)
            if dead is not None and not stop.is_set():
                restarts.child_died(dead, now=time.monotonic())
            restarts.run_due(now=time.monotonic())
        return 0
    finally:
        supervisor.terminate_all(grace_seconds=settings.task_time_limit_seconds + 10)
        for server in reversed(servers):
            server.stop()
        log.info("stack_stopped")


def _start(server: EmbeddedPostgres | EmbeddedRedis, servers: list[EmbeddedPostgres | EmbeddedRedis]) -> str:
    url = server.start()
    servers.append(server)
    pid = server.pid
    log.info("server_started", server=type(server).__name__, pid=pid, pgid=os.getpgid(pid) if pid else None)
    return url


def up_enriches_inline(settings: Settings, environ: Mapping[str, str] | None = None) -> bool:
    """Whether `copydesk up`'s ingest workers enrich the articles they store (no enrich
    message, task and database round per article; the enrichers then take resends and
    `copydesk reenrich`): ``COPYDESK_ENRICH_INLINE`` when set, else when there is an
    ingest process per core. With fewer (``--workers 1`` on two cores), inline
    enrichment would leave a core idle: the enrichers take every article instead."""
    env = os.environ if environ is None else environ
    if env.get("COPYDESK_ENRICH_INLINE", "").strip():
        return settings.enrich_inline
    return settings.concurrency >= (os.cpu_count() or 1)


def producer_argv(inbox: Path) -> list[str]:
    """The producer as `copydesk up` runs it (the fault tests run the same)."""
    return [sys.executable, "-m", "services.cli", "producer", "--inbox", str(inbox)]


def worker_argv(settings: Settings, *, queue: str = "ingest") -> list[str]:
    """A worker as `copydesk up` runs it (the fault tests run the same): ingest, one
    process per core; enrich, one process per core too (each loads the NLP models when
    it starts), at a lower CPU priority (``COPYDESK_ENRICH_NICE``, applied by the
    worker): when both queues have work ingest runs first, and enrichment takes every
    core ingest leaves idle, so no core idles while either queue has work."""
    concurrency = settings.concurrency if queue == "ingest" else settings.enrich_processes
    return [
        sys.executable, "-m", "celery", "-A", "workers.app", "worker",
        "--queues", queue,
        "--concurrency", str(concurrency),
        "--hostname", f"{queue}-{os.getpid()}@%h",
        "--loglevel", settings.log_level,
        "--without-gossip", "--without-mingle",
    ]  # fmt: skip


def _serve_metrics(settings: Settings, database_url: str, broker_url: str) -> str | None:
    """The Prometheus exporter on 127.0.0.1 (a thread of this process); its URL, or None
    when it is off (COPYDESK_METRICS_PORT=0) or the port is taken (a warning says so)."""
    if not settings.metrics_port:
        return None
    from services.observe.metrics import serve

    try:
        serve(database_url, broker_url, port=settings.metrics_port)
    except OSError as exc:
        log.warning("metrics_not_served", port=settings.metrics_port, error=str(exc))
        return None
    return f"http://127.0.0.1:{settings.metrics_port}/metrics"


def _print_banner(*, inbox: Path, data_dir: Path, database_url: str,
                  metrics_url: str | None) -> None:
    print(
        "\ncopydesk is running.\n"
        f"  drop article files into  {inbox}\n"
        f"  query the articles with  psql \"$(copydesk db-url --data-dir {data_dir})\""
        " -c 'SELECT title, site_name FROM api.articles'\n"
        f"  watch it                 copydesk status --watch --data-dir {data_dir}\n"
        f"  metrics                  {metrics_url or 'off'}\n"
        f"  database                 {redact_url(database_url)}\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
