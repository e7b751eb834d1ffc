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
URLs carry the secrets, so log them only through ``redact_url``. How binaries are found:
:mod:`services.runtime.binaries`. Shared lifecycle (lock, remembered port, orphan recovery,
parent-death signal): :mod:`services.runtime.server`.
"""

from __future__ import annotations

from services.runtime.oshelp import EmbeddedServerError
from services.runtime.postgres_server import EmbeddedPostgres
from services.runtime.redis_server import EmbeddedRedis
from services.runtime.server import stop_server
from services.runtime.state import read_urls, redis_py_url

__all__ = [
    "EmbeddedPostgres",
    "EmbeddedRedis",
    "EmbeddedServerError",
    "read_urls",
    "redis_py_url",
    "stop_server",
]
