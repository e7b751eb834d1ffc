"""structlog set-up shared by every copydesk process.

``merge_contextvars`` comes first so values bound with
``structlog.contextvars.bind_contextvars`` (``job_id`` above all) appear on every
line. Lines are JSON when stderr is not a terminal (containers, CI, files) and a
readable console on a terminal. copydesk's own lines are rendered by structlog and
written straight to stderr; stdlib logging — Celery, kombu, psycopg — goes through the
same processors and renderer by ``ProcessorFormatter``. (Through stdlib, a line cost
about twice as much: a ``LogRecord``, the handler's lock and the formatter, on every
line of every job.)
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

    stream = sys.stderr
    structlog.configure(
        processors=[*shared, renderer],
        logger_factory=lambda name=None, *_: _NamedWriteLogger(stream, name),
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(stream)
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


class _NamedWriteLogger(structlog.WriteLogger):
    """structlog's line writer, with the name ``structlog.get_logger(name)`` gave it
    (``add_logger_name`` reads it, as it reads a stdlib logger's)."""

    def __init__(self, file: Any, name: str | None) -> None:
        super().__init__(file)
        self.name = name or "copydesk"


def _add_process(name: str) -> Any:
    def add(_: Any, __: str, event: dict[str, Any]) -> dict[str, Any]:
        event.setdefault("process", name)
        return event

    return add
