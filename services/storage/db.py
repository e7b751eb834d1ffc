"""Connections: one psycopg pool per process, and the translation of driver errors.

psycopg and pool errors that mean "the database is not reachable right now" become
``StorageUnavailable`` here, so retry policies elsewhere name only copydesk types.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import psycopg_pool

from services.errors import StorageUnavailable

# The schemas unqualified names in the services' SQL may resolve to (see open_pool).
SEARCH_PATH_OPTION = "search_path=pg_catalog,copydesk"

# Errors after which the same statement may well succeed on a retry.
_TRANSIENT = (
    psycopg.OperationalError,  # connection refused/lost, server shutting down
    psycopg.errors.SerializationFailure,
    psycopg.errors.DeadlockDetected,
    psycopg.errors.AdminShutdown,
    psycopg.errors.CannotConnectNow,
    psycopg.errors.LockNotAvailable,  # lock_timeout: another transaction held a lock too long
    psycopg_pool.PoolTimeout,
)


def open_pool(
    database_url: str, *, max_size: int = 4, timeout: float = 10.0, lock_timeout_ms: int = 30_000
) -> psycopg_pool.ConnectionPool:
    """A pool that checks each connection before lending it and reconnects by itself.

    ``lock_timeout`` bounds how long a statement waits for a row or table lock; past
    it the statement fails with a transient error and the job is retried.
    ``search_path`` is pinned to ``pg_catalog, copydesk``: whatever the role's or the
    database's defaults, no unqualified name in our SQL resolves to an object in
    ``public`` (where older Postgres let every role create functions).
    """
    return psycopg_pool.ConnectionPool(
        database_url,
        kwargs={"options": f"-c lock_timeout={int(lock_timeout_ms)} -c {SEARCH_PATH_OPTION}"},
        min_size=1,
        max_size=max_size,
        timeout=timeout,
        check=psycopg_pool.ConnectionPool.check_connection,
        open=True,
        name="copydesk",
    )


@contextmanager
def translate_errors(action: str) -> Iterator[None]:
    try:
        yield
    except _TRANSIENT as exc:
        raise StorageUnavailable(f"{action}: {type(exc).__name__}: {exc}") from exc
