"""A rig for fault injection: the processes of `copydesk up`, each one killable.

Postgres and Redis are embedded servers owned by the test (so they can be stopped,
killed or emptied); the producer and the ingest worker run as child processes with
exactly the command lines `copydesk up` uses (``services.stack``). After each fault
the rig checks the promise: every dropped file is one stored article, one duplicate
or one rejected job; nothing lost, nothing doubled, nothing stuck, inbox empty.

The figures of each scenario are printed at the end of the run (see
``pytest_terminal_summary``): `python -m pytest tests/faults -q`.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest

from services.config import Settings
from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis
from services.runtime.processes import Child, Supervisor
from services.stack import producer_argv, worker_argv
from services.storage.migrate import apply_migrations
from tests.support import child_env, wait_until

__all__ = ["Rig", "article_text", "empty_redis", "wait_until"]

FAST_ENV = {
    "COPYDESK_LOG_FORMAT": "json",
    "COPYDESK_STABLE_SECONDS": "0.3",
    "COPYDESK_RESCAN_SECONDS": "2",
    "COPYDESK_RECONCILE_INTERVAL_SECONDS": "1",
    "COPYDESK_REQUEUE_AFTER_SECONDS": "3",
    "COPYDESK_TASK_TIME_LIMIT_SECONDS": "8",
    "COPYDESK_VISIBILITY_TIMEOUT_SECONDS": "12",
    "COPYDESK_WORKER_CONCURRENCY": "2",
}

FIGURES: list[dict[str, Any]] = []

_WORDS = [
    "the", "council", "said", "on", "monday", "that", "a", "new", "harbour", "plan", "would", "cost", "more", "than",
    "expected", "and", "officials", "from", "the", "city", "were", "asked", "to", "review", "its", "budget", "before",
    "a", "vote", "next", "month", "while", "residents", "gathered", "outside", "to", "protest", "against", "higher",
    "fees", "for", "ferries", "buses", "and", "parking", "according", "to", "documents", "seen", "by", "reporters",
    "who", "covered", "the", "meeting", "late", "into", "the", "evening"
]


def article_text(i: int) -> bytes:
    """A distinct, parseable text-dump article for index ``i`` (deterministic)."""
    r = random.Random(i)
    paragraphs = [
        " ".join(r.choice(_WORDS) for _ in range(r.randint(35, 60))).capitalize() + f" Item {i}."
        for _ in range(5)
    ]
    head = f"Harbour plan update {i} draws crowds -City Desk\nHarbour plan update {i} draws crowds\nBy Dana Reporter\n"
    return (head + "\n".join(paragraphs) + "\n").encode()


@dataclass
class Figures:
    scenario: str
    dropped: int
    articles: int = 0
    duplicates: int = 0
    rejected: int = 0
    lost: int = 0
    doubled: int = 0
    stuck: int = 0
    left_in_inbox: int = 0
    recovery_s: float | None = None
    crashes: int = 0

    def row(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Rig:
    root: Path
    inbox: Path
    pg: EmbeddedPostgres
    redis: EmbeddedRedis
    env: dict[str, str]
    settings: Settings
    children: dict[str, Child] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)

    # -- processes ---------------------------------------------------------------
    # Like `copydesk up`, the rig starts a child again when it dies on its own
    # (a crash is part of the fault); kill() restarts at once, stop() does not.
    def start(self, name: str) -> Child:
        with self._lock:
            argv = producer_argv(self.inbox) if name == "producer" else worker_argv(self.settings)
            owner = Supervisor(stdout=(self.root / f"{name}.log").open("ab"))
            self.children[name] = owner.start(name, argv, env=self.env)
            self._owners.append(owner)
            self._stopped.discard(name)
            return self.children[name]

    def kill(self, name: str, sig: int = signal.SIGKILL, *, restart: bool = True) -> None:
        """Signal the whole process group of a child (pool processes included)."""
        with self._lock:
            self._stopped.add(name)
            child = self.children[name]
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, sig)
            child.proc.wait(timeout=60)
        if restart:
            self.start(name)

    def stop(self, name: str, *, timeout: float = 60) -> int:
        """SIGTERM the child's main process and wait; it is not restarted."""
        with self._lock:
            self._stopped.add(name)
        child = self.children[name]
        child.proc.send_signal(signal.SIGTERM)
        return child.proc.wait(timeout=timeout)

    def _restart_dead(self) -> None:
        while not self._closing.wait(0.5):
            for name, child in list(self.children.items()):
                with self._lock:
                    crashed = not child.alive and name not in self._stopped and self.children[name] is child
                if crashed:
                    self.crashes.append(name)
                    self.start(name)

    def stop_all(self) -> None:
        self._closing.set()
        for owner in self._owners:
            owner.terminate_all(grace_seconds=15)

    def __post_init__(self) -> None:
        self._owners: list[Supervisor] = []
        self._lock = threading.RLock()
        self._stopped: set[str] = set()
        self._closing = threading.Event()
        self.crashes: list[str] = []
        threading.Thread(target=self._restart_dead, daemon=True).start()

    @contextlib.contextmanager
    def hold_article_inserts(self) -> Iterator[None]:
        """Make every worker wait at its store step (a SHARE lock on the articles table)."""
        with psycopg.connect(self.pg.url) as conn:
            conn.execute("LOCK TABLE copydesk.articles IN SHARE MODE")
            try:
                yield
            finally:
                conn.rollback()

    def log_marks(self) -> dict[str, int]:
        return {n: (self.root / f"{n}.log").stat().st_size for n in self.children}

    def lines_since(self, marks: dict[str, int]) -> dict[str, int]:
        """Log lines each child wrote since ``marks`` (for no-busy-loop checks)."""
        counts = {}
        for name, offset in marks.items():
            with (self.root / f"{name}.log").open("rb") as f:
                f.seek(offset)
                counts[name] = f.read().count(b"\n")
        return counts

    # -- files -------------------------------------------------------------------
    def drop(self, name: str, content: bytes) -> Path:
        tmp = self.inbox / f".{name}.tmp"
        tmp.write_bytes(content)
        target = self.inbox / name
        tmp.rename(target)
        self.dropped.append(name)
        return target

    def drop_articles(self, count: int, *, start: int = 0, prefix: str = "a") -> None:
        for i in range(start, start + count):
            self.drop(f"{prefix}{i:05d}.txt", article_text(i))

    # -- checks ------------------------------------------------------------------
    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.pg.url, autocommit=True, connect_timeout=5) as conn:
            return conn.execute(sql, params).fetchall()

    def inbox_files(self) -> list[str]:
        return [e.name for e in os.scandir(self.inbox) if not e.is_dir(follow_symlinks=False)]

    def figures(self, scenario: str) -> Figures:
        [(articles, duplicates, rejected, open_jobs, jobs, names)] = self.query(
            "SELECT (SELECT count(*) FROM api.articles),"
            " count(*) FILTER (WHERE status = 'duplicate'),"
            " count(*) FILTER (WHERE status = 'rejected'),"
            " count(*) FILTER (WHERE status IN ('queued', 'running', 'failed')),"
            " count(*), count(DISTINCT source_name) FROM api.jobs"
        )
        dropped = len(set(self.dropped))
        return Figures(
            scenario=scenario,
            dropped=dropped,
            articles=articles,
            duplicates=duplicates,
            rejected=rejected,
            lost=max(0, dropped - (articles + duplicates + rejected)),
            doubled=(jobs - names) + max(0, articles + duplicates + rejected - dropped),
            stuck=open_jobs,
            left_in_inbox=len(self.inbox_files()),
        )

    def settle(self, scenario: str, *, timeout: float, since: float | None = None) -> Figures:
        """Wait until every drop is final and the inbox is empty; record the figures."""
        deadline = time.monotonic() + timeout
        figures = None
        while time.monotonic() < deadline:
            try:
                figures = self.figures(scenario)
            except psycopg.OperationalError:
                time.sleep(0.5)
                continue
            done = figures.articles + figures.duplicates + figures.rejected
            if done >= figures.dropped and figures.stuck == 0 and figures.left_in_inbox == 0:
                break
            time.sleep(0.5)
        assert figures is not None, "the database never answered"
        if since is not None:
            figures.recovery_s = round(time.monotonic() - since, 1)
        figures.crashes = len(self.crashes)
        FIGURES.append(figures.row())
        return figures

    def assert_promise(self, figures: Figures) -> None:
        tail = "\n".join(
            (self.root / f"{n}.log").read_text(errors="replace")[-3000:] for n in ("producer", "worker")
            if (self.root / f"{n}.log").exists()
        )
        assert (figures.lost, figures.doubled, figures.stuck, figures.left_in_inbox) == (0, 0, 0, 0), (
            f"{figures}\n--- logs ---\n{tail}"
        )


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    pg = EmbeddedPostgres(tmp_path / "pg")
    redis = EmbeddedRedis(tmp_path / "redis")
    database_url, broker_url = pg.start(), redis.start()
    apply_migrations(database_url)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = child_env(
        **FAST_ENV,
        COPYDESK_DATABASE_URL=database_url,
        COPYDESK_BROKER_URL=broker_url,
        COPYDESK_INBOX=str(inbox),
    )
    settings = Settings.from_env(env)
    r = Rig(root=tmp_path, inbox=inbox, pg=pg, redis=redis, env=env, settings=settings)
    try:
        yield r
    finally:
        r.stop_all()
        redis.stop()
        pg.stop()


def empty_redis(redis: EmbeddedRedis) -> None:
    """Stop Redis and delete its data: every queued or unacked message is gone."""
    redis.stop()
    shutil.rmtree(redis.server_dir, ignore_errors=True)
    redis.start()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FIGURES:
        return
    terminalreporter.section("copydesk fault figures")
    cols = [
        "scenario", "dropped", "articles", "duplicates", "rejected", "lost", "doubled", "stuck", "left_in_inbox",
        "recovery_s", "crashes"
    ]
    terminalreporter.write_line(" | ".join(cols))
    for row in FIGURES:
        terminalreporter.write_line(" | ".join(str(row[c]) for c in cols))


