"""The Celery application: ``celery -A workers.app worker -Q ingest``.

Importing this module reads settings and builds the app; it opens no connection.
Pools and logging are set up per process by the signal handlers below.
"""

from __future__ import annotations

from typing import Any

import structlog
from celery import Celery, signals

from services import isolation
from services.budget import limit_address_space
from services.config import Settings
from services.logconfig import configure_logging, is_json
from workers import resources
from workers.config import LOG_CONTEXT_HEADER, celery_config
from workers.heartbeat import Heartbeat

settings = Settings.from_env()

app = Celery("copydesk")
app.config_from_object(celery_config(settings))
app.conf.imports = ("workers.tasks",)


# "enricher" for a worker that consumes only the enrich queue, else "worker": the
# ``process`` field of every log line (set when the worker starts, see below).
_process = ["worker"]


def _process_name(queues: object) -> str:
    if isinstance(queues, str):
        names = {n.strip() for n in queues.split(",")}
    elif isinstance(queues, list | tuple | set | frozenset):
        names = {str(n).strip() for n in queues}
    else:
        names = set()
    return "enricher" if names == {"enrich"} else "worker"


@signals.celeryd_init.connect
def _worker_starting(instance: Any = None, options: Any = None, **_: Any) -> None:
    # Sent just before Celery checks privileges and long before it prints its banner:
    # from here on, warnings are log lines too, and with JSON logs the banner (a
    # multi-line drawing) is left out so that every line of output is JSON.
    _process[0] = _process_name((options or {}).get("queues"))
    configure_logging(log_format=settings.log_format, level=settings.log_level, process=_process[0])
    if _process[0] == "worker":
        # Parsers loaded in the main process, before the pool forks: every pool process,
        # and the isolate each forks for large files' parses (services.isolation), starts warm.
        from services.pipeline.formats import warm_up

        warm_up()
    if instance is not None and is_json(settings.log_format):
        instance.quiet = True
        # Celery writes its shutdown notices ("worker: Warm shutdown (MainProcess)") with
        # its own print helper, straight to the terminal; with JSON logs they become
        # log lines. The helper is looked up in this module at call time.
        import celery.apps.worker

        celery.apps.worker.safe_say = _say_as_log


def _say_as_log(msg: str, f: Any = None) -> None:
    structlog.get_logger("celery").info("celery_notice", message=str(msg).strip())


@signals.setup_logging.connect
def _setup_logging(**_: Any) -> None:
    # Connecting this signal stops Celery from installing its own handlers.
    configure_logging(log_format=settings.log_format, level=settings.log_level, process=_process[0])


_heartbeat: list[Heartbeat] = []


@signals.worker_ready.connect
def _start_heartbeat(sender: Any = None, **_: Any) -> None:
    queues = sorted(q.name for q in sender.task_consumer.queues) if sender is not None else []
    heartbeat = Heartbeat(settings.broker_url, hostname=sender.hostname, queues=queues)
    heartbeat.start()
    _heartbeat.append(heartbeat)


@signals.worker_shutdown.connect
def _stop_heartbeat(**_: Any) -> None:
    while _heartbeat:
        _heartbeat.pop().stop()


@signals.worker_process_init.connect
def _open_resources(**_: Any) -> None:
    configure_logging(log_format=settings.log_format, level=settings.log_level, process=_process[0])
    # A ceiling on the whole pool process's address space: what it maps after fork plus
    # room for the NLP models, one file's parse budget and slack. A process past it gets
    # MemoryError (the job: too_large) instead of the kernel's OOM killer.
    ceiling = limit_address_space(settings.worker_max_memory_mb + settings.parse_memory_mb)
    structlog.get_logger(__name__).debug("address_space_limited", bytes=ceiling)
    if _process[0] == "worker":  # an enricher parses nothing
        # The child that parses large files, forked while this process is small and
        # has no threads (no connection pool, no models yet).
        isolation.start()
    resources.pool(settings)
    resources.start_enricher(settings, set(app.amqp.queues.consume_from or ()))


@signals.worker_process_shutdown.connect
def _close_resources(**_: Any) -> None:
    resources.close_pool()


# Task arguments bound to every log line of the task, by name (tasks take them as
# keyword arguments only).
_LOGGED_ARGUMENTS = ("job_id", "article_id")


@signals.task_prerun.connect
def _bind_job_context(task: Any = None, kwargs: Any = None, **_: Any) -> None:
    structlog.contextvars.clear_contextvars()
    context = getattr(task.request, LOG_CONTEXT_HEADER, None) if task is not None else None
    if isinstance(context, dict):
        structlog.contextvars.bind_contextvars(**{str(k): v for k, v in context.items()})
    if isinstance(kwargs, dict):
        structlog.contextvars.bind_contextvars(
            **{name: kwargs[name] for name in _LOGGED_ARGUMENTS if name in kwargs}
        )
    structlog.contextvars.bind_contextvars(task_id=task.request.id if task is not None else None)


@signals.task_postrun.connect
def _clear_job_context(**_: Any) -> None:
    structlog.contextvars.clear_contextvars()
