"""What the producer needs from the outside world, as ports.

The Celery-backed sender lives in ``workers/sender.py`` and is found through the
``copydesk.task_sender`` entry point (see ``load_task_sender``); tests use the
fakes in ``tests/fakes.py``.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Protocol

from services.config import Settings
from services.errors import ConfigError


class TaskSender(Protocol):
    def send_ingest(self, job_id: str) -> None:
        """Queue ``copydesk.ingest(job_id)``. Raises ``BrokerUnavailable``."""

    def send_enrich(self, article_id: int) -> None:
        """Queue ``copydesk.enrich(article_id)``. Raises ``BrokerUnavailable``."""

    def queue_depth(self, queue: str = "ingest") -> int:
        """Messages waiting in ``queue``. Raises ``BrokerUnavailable``."""

    def close(self) -> None: ...


def load_task_sender(settings: Settings, *, name: str = "celery") -> TaskSender:
    found = entry_points(group="copydesk.task_sender", name=name)
    if not found:
        raise ConfigError(
            f"no task sender {name!r} is installed (entry point group copydesk.task_sender);"
            " is copydesk installed with `pip install -e .`?"
        )
    factory = next(iter(found)).load()
    sender: TaskSender = factory(settings)
    return sender
