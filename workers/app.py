"""The Celery application: ``celery -A workers.app worker -Q ingest``.

Importing this module reads settings and builds the app; it opens no connection.
Pools and logging are set up per process by the signal handlers below.
"""

from __future__ import annotations

from typing import Any

import structlog
from celery import Celery, signals

from services.budget import limit_address_space
from services.config import Settings
from services.logconfig import configure_logging
from workers import resources
from workers.config import LOG_CONTEXT_HEADER, celery_config

settings = Settings.from_env()

app = Celery("copydesk")
app.config_from_object(celery_config(settings))
app.conf.imports = ("workers.tasks",)


@signals.setup_logging.connect
def _setup_logging(**_: Any) -> None:
    # Connecting this signal stops Celery from installing its own handlers.
    configure_logging(log_format=settings.log_format, level=settings.log_level, process="worker")


@signals.worker_process_init.connect
def _open_resources(**_: Any) -> None:
    configure_logging(log_format=settings.log_format, level=settings.log_level, process="worker")
    # A ceiling on the whole pool process's address space: what it maps after fork plus
    # room for the NLP models, one file's parse budget and slack. A process past it gets
    # MemoryError (the job: too_large) instead of the kernel's OOM killer.
    ceiling = limit_address_space(settings.worker_max_memory_mb + settings.parse_memory_mb)
    structlog.get_logger(__name__).debug("address_space_limited", bytes=ceiling)
    resources.pool(settings)
    resources.start_enricher(settings, set(app.amqp.queues.consume_from or ()))


@signals.worker_process_shutdown.connect
def _close_resources(**_: Any) -> None:
    resources.close_pool()


@signals.task_prerun.connect
def _bind_job_context(task: Any = None, args: Any = None, **_: Any) -> None:
    structlog.contextvars.clear_contextvars()
    context = getattr(task.request, LOG_CONTEXT_HEADER, None) if task is not None else None
    if isinstance(context, dict):
        structlog.contextvars.bind_contextvars(**{str(k): v for k, v in context.items()})
    if args:
        structlog.contextvars.bind_contextvars(job_id=str(args[0]))
    structlog.contextvars.bind_contextvars(task_id=task.request.id if task is not None else None)


@signals.task_postrun.connect
def _clear_job_context(**_: Any) -> None:
    structlog.contextvars.clear_contextvars()
