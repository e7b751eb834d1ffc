"""Helpers shared by the test suites: the seed sample, wait loops, child environments."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
# The project's seed: an AP story as a content farm republished it, as plain text.
SEED = FIXTURES / "samples" / "content-farm-ap-copy.txt"


def wait_until(
    predicate: Callable[[], Any],
    *,
    timeout: float,
    what: str,
    interval: float = 0.1,
    gave_up: Callable[[], bool] = lambda: False,
    context: Callable[[], str] = lambda: "",
) -> Any:
    """Poll ``predicate`` until it returns something true, and return that. Stops early
    when ``gave_up()`` says waiting is pointless (the process under test died); the
    failure message ends with ``context()`` (a log tail)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        if gave_up():
            break
        time.sleep(interval)
    extra = context()
    raise AssertionError(f"timed out after {timeout}s waiting for {what}" + (f"\n{extra}" if extra else ""))


def child_env(*, drop: tuple[str, ...] = (), **extra: str) -> dict[str, str]:
    """The environment of a child process: this one's, this checkout first on the
    import path, ``extra`` added and the names in ``drop`` removed."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "PYTHONPATH": path, **extra}
    for name in drop:
        env.pop(name, None)
    return env


def queued_job(pool: Any, content: bytes, name: str) -> str:
    """A queued job for ``content`` in the database of ``pool`` (a psycopg pool), as the
    producer's claim makes it; its id."""
    import hashlib
    import uuid

    from services.storage.uow import PostgresUnitOfWork  # here: unit tests import this module too

    sha = hashlib.sha256(content).hexdigest()
    with PostgresUnitOfWork(pool) as uow:
        uow.raw.put(sha, content)
        job_id, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name=name, sha256=sha, drop_key=name + sha)
        uow.commit()
    return job_id
