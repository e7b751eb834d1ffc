"""A key in Redis per live worker, so `copydesk status` and the metrics exporter can
count workers without asking each one over Celery's remote control (which takes a
timeout's worth of waiting per question).

The worker's main process sets ``copydesk:worker:QUEUES:HOSTNAME`` with a TTL of
``TTL_S`` and renews it every ``INTERVAL_S`` from a daemon thread; a worker that dies
drops out within ``TTL_S``, one that stops cleanly deletes its key. A broker outage
only skips renewals.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import structlog

from services.observe.snapshot import HEARTBEAT_PREFIX

__all__ = ["INTERVAL_S", "TTL_S", "Heartbeat"]

INTERVAL_S = 10.0
TTL_S = 30

log = structlog.get_logger(__name__)


class Heartbeat:
    def __init__(self, broker_url: str, *, hostname: str, queues: list[str]) -> None:
        import redis

        from services.runtime.state import redis_py_url

        self._client: Any = redis.Redis.from_url(redis_py_url(broker_url),
                                                 socket_connect_timeout=2, socket_timeout=2)
        self.key = f"{HEARTBEAT_PREFIX}{','.join(sorted(queues))}:{hostname}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="copydesk-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        import redis

        self._stop.set()
        with contextlib.suppress(redis.RedisError):  # the key expires by itself
            self._client.delete(self.key)

    def _run(self) -> None:
        import redis

        while not self._stop.is_set():
            try:
                self._client.set(self.key, "1", ex=TTL_S)
            except redis.RedisError as exc:
                log.debug("heartbeat_skipped", error=str(exc))
            self._stop.wait(INTERVAL_S)
