"""The one place that reads the environment.

Every setting is a ``COPYDESK_*`` variable; ``Settings.from_env()`` reads them once
and the frozen result is passed down. The table in README.md lists them all; keep
it in step with the fields below.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal

from services.errors import ConfigError

AfterClaim = Literal["move", "delete"]
LogFormat = Literal["auto", "json", "console"]
EnrichProfile = Literal["full", "fast"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    # Where things live. An empty database/broker URL means "embedded": `copydesk up`
    # starts its own servers under data_dir and fills the URLs in.
    database_url: str = ""
    broker_url: str = ""
    data_dir: Path = Path(".copydesk")
    inbox: Path = Path("inbox")
    processed_dir: Path | None = None  # default: <inbox>/processed
    failed_dir: Path | None = None  # default: <inbox>/failed
    after_claim: AfterClaim = "move"

    # Producer.
    stable_seconds: float = 1.0
    rescan_seconds: float = 30.0
    reconcile_interval_seconds: float = 15.0
    requeue_after_seconds: float = 60.0

    # Workers.
    worker_concurrency: int = 0  # 0: one per core
    task_time_limit_seconds: int = 300
    visibility_timeout_seconds: int = 0  # 0: twice the task time limit plus a minute
    max_retries: int = 8
    # Jobs a message of the ingest queue carries at most (1: a message each). A turn
    # of the producer that claims several files sends them this many to a message: the
    # broker's, Celery's and the pool's cost a message is paid once for them all
    # (8 against 4: the worker's main process 0.7-1.0 -> 0.4-0.6 ms an article, Redis
    # calls 2.7-2.8 -> 1.6 a job; README, Throughput).
    ingest_batch: int = 8
    max_attempts: int = 12  # deliveries of one job before it is set aside as failed
    # Deliveries of one job whose worker process died under it (killed by the kernel's
    # OOM killer, the hard time limit, SIGKILL) before it is rejected as "worker_lost".
    max_lost_attempts: int = 3
    # Resident memory (MiB) after which a pool process is replaced once its task ends
    # (Celery's worker_max_memory_per_child); 0: off.
    worker_max_memory_mb: int = 2048
    db_pool_max: int = 4
    db_lock_timeout_ms: int = 30_000
    enrich_profile: EnrichProfile = "full"  # "fast": no NER model
    # Enricher processes of `copydesk up` (0: one per core, beside the ingest ones), and
    # how much lower their CPU priority is (nice): ingest runs first when both queues
    # have work, enrichment takes every core that ingest leaves idle.
    enrich_concurrency: int = 0
    enrich_nice: int = 5
    # An ingest worker enriches the article it stored itself, in the same task, instead
    # of queueing copydesk.enrich for an enricher (saves a message, a task and a database
    # round per article); the enrich queue still takes resends and `copydesk reenrich`.
    # `copydesk up` turns it on, unless set, when it runs an ingest process per core
    # (services.stack.up_enriches_inline); off by default, so a deployment's ingest and
    # enrich services scale independently (compose.yaml).
    enrich_inline: bool = False
    # Paragraph results kept for reuse by copies (rows of copydesk.paragraph_results).
    paragraph_cache_rows: int = 500_000

    # Input limits.
    max_file_bytes: int = 50 * 1024 * 1024
    max_decompressed_bytes: int = 200 * 1024 * 1024
    max_records: int = 10_000  # articles in one container file
    max_depth: int = 200  # nesting of JSON, HTML and XML
    max_html_bytes: int = 8 * 1024 * 1024  # one HTML page (or WARC payload) given to lxml

    # Budgets (services.budget): every file's parse, and every enrichment step, runs
    # under a CPU-time limit (rejected "too_slow") and an address-space limit above what
    # the process held when it began (rejected "too_large"). 0 turns one off.
    parse_timeout_s: float = 5.0
    parse_memory_mb: int = 1024
    enrich_step_timeout_s: float = 10.0
    enrich_max_attempts: int = 3  # failed enrichments of one article before it is set aside

    # Operations: `copydesk up` and `copydesk metrics` serve Prometheus metrics here
    # (127.0.0.1 only under `copydesk up`); 0 turns the exporter of `copydesk up` off.
    metrics_port: int = 9464

    # Logs.
    log_format: LogFormat = "auto"
    log_level: str = "INFO"

    @property
    def processed_path(self) -> Path:
        return self.processed_dir or self.inbox / "processed"

    @property
    def failed_path(self) -> Path:
        return self.failed_dir or self.inbox / "failed"

    @property
    def concurrency(self) -> int:
        return self.worker_concurrency or (os.cpu_count() or 1)

    @property
    def enrich_processes(self) -> int:
        return self.enrich_concurrency or (os.cpu_count() or 1)

    @property
    def visibility_timeout(self) -> int:
        return self.visibility_timeout_seconds or 2 * self.task_time_limit_seconds + 60

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read every ``COPYDESK_<FIELD>`` variable; ``overrides`` (e.g. CLI flags) win."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"COPYDESK_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            values[f.name] = _coerce(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]  # values are checked by _coerce
        settings._validate()
        return settings

    def _validate(self) -> None:
        if self.after_claim not in ("move", "delete"):
            raise ConfigError(f"COPYDESK_AFTER_CLAIM must be 'move' or 'delete', not {self.after_claim!r}")
        if self.log_format not in ("auto", "json", "console"):
            raise ConfigError(f"COPYDESK_LOG_FORMAT must be auto, json or console, not {self.log_format!r}")
        if self.enrich_profile not in ("full", "fast"):
            raise ConfigError(f"COPYDESK_ENRICH_PROFILE must be full or fast, not {self.enrich_profile!r}")
        for name in ("parse_timeout_s", "parse_memory_mb", "enrich_step_timeout_s",
                     "worker_max_memory_mb"):
            if getattr(self, name) < 0:
                raise ConfigError(f"COPYDESK_{name.upper()} must be 0 (off) or positive")
        if not 0 <= self.enrich_nice <= 19 or self.enrich_concurrency < 0 or self.paragraph_cache_rows < 0:
            raise ConfigError("COPYDESK_ENRICH_NICE must be 0-19; COPYDESK_ENRICH_CONCURRENCY and"
                              " COPYDESK_PARAGRAPH_CACHE_ROWS must not be negative")
        if self.max_lost_attempts < 1 or self.enrich_max_attempts < 1 or self.ingest_batch < 1:
            raise ConfigError("COPYDESK_MAX_LOST_ATTEMPTS, COPYDESK_ENRICH_MAX_ATTEMPTS and COPYDESK_INGEST_BATCH"
                              " must be at least 1")
        if self.database_url:
            _check_database_url(self.database_url)
        if not 0 <= self.metrics_port <= 65535:
            raise ConfigError("COPYDESK_METRICS_PORT must be a port number (0: off)")
        if self.visibility_timeout <= self.task_time_limit_seconds:
            raise ConfigError("COPYDESK_VISIBILITY_TIMEOUT_SECONDS must exceed the task time limit")


# libpq quotes pieces of a connection string it cannot read; only its own keywords are
# repeated, anything else (a password among them) becomes "…".
_QUOTED = re.compile(r'"([^"\n]{0,200})"')
_LIBPQ_WORDS = frozenset({"host", "hostaddr", "port", "dbname", "user", "password", "options",
                          "sslmode", "connect_timeout", "application_name", "=", "]"})


def _check_database_url(url: str) -> None:
    """A URL libpq cannot read fails here, at once, saying why without repeating the
    URL (it may hold a password)."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        lines = str(exc).strip().splitlines()
        reason = _QUOTED.sub(lambda m: m.group(0) if m.group(1) in _LIBPQ_WORDS else '"…"',
                             lines[0] if lines else "unreadable")
        raise ConfigError(f"COPYDESK_DATABASE_URL is malformed: {reason}") from None


def check_database_url(url: str) -> None:
    """``ConfigError`` saying what is wrong with ``url``, at once; nothing if libpq can
    read it."""
    _check_database_url(url)


_PATHS = {"data_dir", "inbox", "processed_dir", "failed_dir"}
_INTS = {
    "metrics_port",
    "worker_concurrency",
    "task_time_limit_seconds",
    "visibility_timeout_seconds",
    "max_retries",
    "ingest_batch",
    "max_attempts",
    "max_lost_attempts",
    "worker_max_memory_mb",
    "db_pool_max",
    "db_lock_timeout_ms",
    "max_file_bytes",
    "max_decompressed_bytes",
    "max_records",
    "max_depth",
    "max_html_bytes",
    "parse_memory_mb",
    "enrich_max_attempts",
    "enrich_concurrency",
    "enrich_nice",
    "paragraph_cache_rows",
}
_BOOLS = {"enrich_inline"}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_FLOATS = {"stable_seconds", "rescan_seconds", "reconcile_interval_seconds", "requeue_after_seconds",
           "parse_timeout_s", "enrich_step_timeout_s"}


def _coerce(name: str, raw: str) -> object:
    try:
        if name in _PATHS:
            return Path(raw)
        if name in _INTS:
            return int(raw)
        if name in _FLOATS:
            return float(raw)
        if name in _BOOLS:
            if raw.strip().lower() in _TRUE | _FALSE:
                return raw.strip().lower() in _TRUE
            raise ConfigError(f"COPYDESK_{name.upper()}={raw!r} must be 1 or 0 (true/false, yes/no, on/off)")
    except ValueError as exc:
        raise ConfigError(f"COPYDESK_{name.upper()}={raw!r} is not a number") from exc
    return raw
