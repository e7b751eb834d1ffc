"""Embedded Postgres and Redis for `copydesk up` and the test suite.

Public surface::

    EmbeddedPostgres(data_dir).start()  -> "postgresql://copydesk:SECRET@127.0.0.1:PORT/copydesk"
    EmbeddedRedis(data_dir).start()     -> "redis+socket://:SECRET@/DIR/redis.sock"
    redis_py_url(broker_url)            -> the same for redis-py ("unix://:SECRET@/DIR/redis.sock?db=0")
    .stop()  .kill()  .restart()  .url  .pid  .port   (and ``with`` blocks)
    read_urls(data_dir)                 -> (database_url | None, broker_url | None)
    stop_server(data_dir, "postgres", hard=True)   # from any process, for fault tests

Both accept only their owner: generated secrets (0600 files in the data dir), no
trust authentication, never run as root, Redis on a private unix socket only; the
URLs carry the secrets, so log them only through ``redact_url``. How binaries are found: :mod:`services.runtime.binaries`. Shared lifecycle (lock,
remembered port, orphan recovery, parent-death signal): :mod:`services.runtime.server`.
"""

from __future__ import annotations

from pathlib import Path

from services.runtime.oshelp import EmbeddedServerError
from services.runtime.postgres_server import EmbeddedPostgres
from services.runtime.redis_server import EmbeddedRedis, redis_py_url
from services.runtime.server import read_state, running_pid, stop_server

__all__ = [
    "EmbeddedPostgres",
    "EmbeddedRedis",
    "EmbeddedServerError",
    "read_urls",
    "redis_py_url",
    "stop_server",
]


def read_urls(data_dir: Path, *, running_only: bool = True) -> tuple[str | None, str | None]:
    """The database and broker URLs remembered under ``data_dir``.

    With ``running_only`` (the default) a URL is returned only while its server runs,
    so ``copydesk db-url`` never prints the address of a stopped stack.
    """
    urls: list[str | None] = []
    for kind in ("postgres", "redis"):
        state = read_state(Path(data_dir).absolute(), kind)
        url = state.get("url") if state else None
        if not isinstance(url, str) or (running_only and state and running_pid(state) is None):
            url = None
        urls.append(url)
    return urls[0], urls[1]
