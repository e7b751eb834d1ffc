"""Per-process resources of a worker, opened after fork and never at import."""

from __future__ import annotations

import os
import socket
import time
from typing import TYPE_CHECKING

import psycopg_pool
import structlog

from services.config import Settings
from services.ports import TaskSender
from services.storage.db import open_pool
from services.storage.uow import PostgresUnitOfWork

if TYPE_CHECKING:
    from services.pipeline.enrich import Enricher

_pool: psycopg_pool.ConnectionPool | None = None
_pool_pid: int | None = None
_sender: TaskSender | None = None
_sender_pid: int | None = None
_enrichers: list[Enricher] | None = None
_enrichers_pid: int | None = None


def pool(settings: Settings) -> psycopg_pool.ConnectionPool:
    """This process's pool; a pool inherited through fork is never reused."""
    global _pool, _pool_pid
    if _pool is None or _pool_pid != os.getpid():
        _pool = open_pool(
            settings.database_url, max_size=settings.db_pool_max, lock_timeout_ms=settings.db_lock_timeout_ms
        )
        _pool_pid = os.getpid()
    return _pool


def sender(settings: Settings) -> TaskSender:
    """This process's task sender (an ingest sends its child jobs and enrichment)."""
    global _sender, _sender_pid
    if _sender is None or _sender_pid != os.getpid():
        from workers.sender import CelerySender

        _sender = CelerySender(settings)
        _sender_pid = os.getpid()
    return _sender


def enrichers(settings: Settings) -> list[Enricher]:
    """This process's enrichment steps, their NLP models loaded on the first call.

    Called when a pool process of a worker consuming the enrich queue starts
    (``start_enricher``), so models are loaded after fork, before its first task, and
    only in processes that enrich (an ingest worker loads them only to enrich inline).
    """
    global _enrichers, _enrichers_pid
    if _enrichers is None or _enrichers_pid != os.getpid():
        from services.pipeline.enrich import build_enrichers

        steps = build_enrichers(settings.enrich_profile)
        for step in steps:
            step.warm()
        _enrichers, _enrichers_pid = steps, os.getpid()
    return _enrichers


def enriches_inline(settings: Settings) -> bool:
    """Whether this process enriches the articles its ingest tasks store:
    ``enrich_inline``, and its models were loaded when it started (``start_enricher``)."""
    return settings.enrich_inline and _enrichers is not None and _enrichers_pid == os.getpid()


def start_enricher(settings: Settings, queues: set[str]) -> None:
    """In a pool process of a worker that consumes only the enrich queue: lower its CPU
    priority (``enrich_nice``, so ingest runs first on a shared machine) and load the
    NLP models now rather than on the first task; logs ``enricher_ready``. In an ingest
    worker's pool process with ``enrich_inline``: load the models now too (its ingest
    tasks enrich what they store), at its own priority."""
    inline = settings.enrich_inline and "ingest" in queues
    if queues != {"enrich"} and not inline:
        return
    started = time.monotonic()
    if settings.enrich_nice and not inline:
        os.nice(settings.enrich_nice)
    enrichers(settings)
    from services.pipeline.enrich import models

    structlog.get_logger(__name__).info(
        "enricher_ready", models=models.loaded(), nice=os.nice(0),
        load_s=round(time.monotonic() - started, 2),
    )


def close_pool() -> None:
    global _pool, _pool_pid
    if _pool is not None and _pool_pid == os.getpid():
        _pool.close()
    _pool, _pool_pid = None, None


def unit_of_work(settings: Settings) -> PostgresUnitOfWork:
    return PostgresUnitOfWork(pool(settings))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"
