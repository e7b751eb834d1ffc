"""The Celery-backed ``TaskSender`` (``services.ports``; every send is made by ``services.outbox``).

Registered as the ``copydesk.task_sender`` entry point ``celery``; tasks are sent by
name, so the producer loads none of the worker code.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import structlog
from celery import Celery

from services.config import Settings
from services.errors import BrokerUnavailable
from workers.config import ENRICH_QUEUE, INGEST_QUEUE, LOG_CONTEXT_HEADER, celery_config

try:  # what "the broker is down" looks like from kombu and redis-py
    from kombu.exceptions import OperationalError as _KombuOperationalError
    from redis.exceptions import ConnectionError as _RedisConnectionError
    from redis.exceptions import TimeoutError as _RedisTimeoutError

    _BROKER_DOWN: tuple[type[BaseException], ...] = (
        _KombuOperationalError,
        _RedisConnectionError,
        _RedisTimeoutError,
        ConnectionError,
        OSError,
    )
except ImportError:  # pragma: no cover - both ship with celery[redis]
    _BROKER_DOWN = (ConnectionError, OSError)


class CelerySender:
    def __init__(self, settings: Settings) -> None:
        self._app = Celery("copydesk-sender")
        self._app.config_from_object(celery_config(settings))

    def send_ingest(self, job_id: str) -> None:
        self._send("copydesk.ingest", INGEST_QUEUE, job_id=job_id)

    def send_ingest_batch(self, job_ids: Sequence[str]) -> None:
        self._send("copydesk.ingest_batch", INGEST_QUEUE, job_ids=list(job_ids))

    def send_reprocess(self, run_id: int, item_no: int) -> None:
        self._send("copydesk.reprocess", INGEST_QUEUE, run_id=run_id, item_no=item_no)

    def send_enrich(self, article_id: int) -> None:
        self._send("copydesk.enrich", ENRICH_QUEUE, article_id=article_id)

    def _send(self, name: str, queue: str, **arguments: str | int | list[str]) -> None:
        """Send by name with keyword arguments only (the worker binds them to its log
        by name), the sender's log context riding along in a header (a batch's list of
        jobs stays out of it: the worker binds each job's id while it runs that job)."""
        context: dict[str, Any] = dict(structlog.contextvars.get_contextvars())
        context.update((k, v) for k, v in arguments.items() if not isinstance(v, list))
        try:
            self._app.send_task(
                name,
                kwargs=arguments,
                queue=queue,
                task_id=str(uuid.uuid4()),
                headers={LOG_CONTEXT_HEADER: context},
            )
        except _BROKER_DOWN as exc:
            what = ", ".join(f"{k}={v}" for k, v in arguments.items())
            raise BrokerUnavailable(f"cannot send {name} for {what}: {exc}") from exc

    def queue_depth(self, queue: str = INGEST_QUEUE) -> int:
        try:
            with self._app.connection_for_read() as conn:
                client = conn.default_channel.client
                return int(client.llen(queue))
        except _BROKER_DOWN as exc:
            raise BrokerUnavailable(f"cannot read the length of queue {queue}: {exc}") from exc

    def close(self) -> None:
        self._app.close()
