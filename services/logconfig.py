"""structlog set-up shared by every copydesk process.

``merge_contextvars`` comes first so values bound with
``structlog.contextvars.bind_contextvars`` (``job_id`` above all) appear on every
line. Lines are JSON when stderr is not a terminal (containers, CI, files) and a
readable console on a terminal. stdlib logging — Celery, kombu, psycopg — is routed
through the same renderer by ``ProcessorFormatter``.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog

_SHARED: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    structlog.processors.StackInfoRenderer(),
]


def is_json(log_format: str) -> bool:
    """Whether ``log_format`` means JSON lines here ("auto": unless stderr is a terminal)."""
    return log_format == "json" or (log_format == "auto" and not sys.stderr.isatty())


def configure_logging(*, log_format: str = "auto", level: str = "INFO", process: str | None = None) -> None:
    """Configure structlog and stdlib logging for this process. Safe to call again."""
    as_json = is_json(log_format)
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if as_json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    shared = list(_SHARED)
    if process:
        shared.append(_add_process(process))
    if as_json:
        shared.append(structlog.processors.format_exc_info)

    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.captureWarnings(True)  # warnings.warn(...) lines get the same renderer
    # celery.worker.strategy: a "Task ... received" line per message, without the job's
    # id (the job's own lines, from job_started on, trace it); formatting it cost the
    # worker's main process about a tenth of its CPU (py-spy, bench_e2e's burst).
    for noisy in ("watchdog", "psycopg.pool", "kombu", "amqp", "yoyo", "celery.worker.strategy"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


def _add_process(name: str) -> Any:
    def add(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
        event.setdefault("process", name)
        return event

    return add
