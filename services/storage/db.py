"""Connections: one psycopg pool per process, and the translation of driver errors.

psycopg and pool errors that mean "the database is not reachable right now" become
``StorageUnavailable`` here, so retry policies elsewhere name only copydesk types.
"""

from __future__ import annotations

import struct
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import psycopg_pool
from psycopg.adapt import Dumper
from psycopg.pq import Format

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


# A connection lent again within this many seconds of its last loan is lent without a
# round trip to check it: it was working a moment ago, and under load the check was one
# of every transaction's round trips. One that broke meanwhile (the server restarted)
# fails its first statement with a transient error; the pool discards it when it comes
# back broken, and the retry gets a new one.
CHECK_AFTER_IDLE_S = 2.0


class _CheckAfterIdle:
    """The pool's ``check``: ``check_connection`` only for a connection not lent in the
    last ``idle_s`` seconds."""

    def __init__(self, idle_s: float = CHECK_AFTER_IDLE_S) -> None:
        self.idle_s = idle_s
        self._lent_at: weakref.WeakKeyDictionary[psycopg.Connection[Any], float] = weakref.WeakKeyDictionary()

    def __call__(self, conn: psycopg.Connection[Any]) -> None:
        now = time.monotonic()
        last = self._lent_at.get(conn)
        if last is None or now - last >= self.idle_s:
            psycopg_pool.ConnectionPool.check_connection(conn)
        self._lent_at[conn] = now


def open_pool(
    database_url: str, *, max_size: int = 4, timeout: float = 10.0, lock_timeout_ms: int = 30_000,
    check_after_idle_s: float = CHECK_AFTER_IDLE_S,
) -> psycopg_pool.ConnectionPool:
    """A pool that checks a connection idle for a while before lending it
    (``CHECK_AFTER_IDLE_S``) and reconnects by itself.

    ``lock_timeout`` bounds how long a statement waits for a row or table lock; past
    it the statement fails with a transient error and the job is retried.
    ``search_path`` is pinned to ``pg_catalog, copydesk``: whatever the role's or the
    database's defaults, no unqualified name in our SQL resolves to an object in
    ``public`` (where older Postgres let every role create functions).

    ``plan_cache_mode=force_generic_plan``: a statement psycopg has prepared (from its
    fifth run on a connection) is planned once, not again on every run. Left to choose,
    Postgres planned the statements with array parameters anew each time (their costs
    depend on the arrays' lengths), and planning the paragraph lookup took longer than
    running it (``python -m benchmarks.bench_store``: 0.34 ms a job of planning before,
    0.03 after; the same plans, which the queries pin with their ``LATERAL ... LIMIT 1``
    probes).
    """
    return psycopg_pool.ConnectionPool(
        database_url,
        kwargs={"options": f"-c lock_timeout={int(lock_timeout_ms)} -c {SEARCH_PATH_OPTION}"
                " -c plan_cache_mode=force_generic_plan"},
        min_size=1,
        max_size=max_size,
        timeout=timeout,
        check=_CheckAfterIdle(check_after_idle_s),
        open=True,
        name="copydesk",
    )


class Int8Array:
    """A ``bigint[]`` parameter (``%b``), packed once in Postgres' binary array format.

    psycopg's own list dumper looks at every element, in Python, each time a list is
    sent (to pick the narrowest integer type): about 75 µs of client CPU for a
    signature's 48 band keys (``python -m benchmarks.bench_store``), which a store sends
    three times (``services.storage.stories``). Written here because
    psycopg has no dumper for a prepacked array; the format is the server's
    ``array_recv``: dimensions, flags, element type, then each element's length and value.
    """

    __slots__ = ("packed", "values")

    def __init__(self, values: Sequence[int]) -> None:
        self.values = tuple(values)
        n = len(self.values)
        if not n:
            self.packed = struct.pack(">iiI", 0, 0, _INT8_OID)
            return
        items = [field for value in self.values for field in (8, value)]
        self.packed = struct.pack(f">iiIii{'iq' * n}", 1, 0, _INT8_OID, n, 1, *items)


_INT8_OID = 20


class _Int8ArrayDumper(Dumper):
    format = Format.BINARY
    oid = 1016  # bigint[]

    def dump(self, obj: Any) -> bytes:
        packed: bytes = obj.packed
        return packed


psycopg.adapters.register_dumper(Int8Array, _Int8ArrayDumper)


@contextmanager
def translate_errors(action: str) -> Iterator[None]:
    try:
        yield
    except _TRANSIENT as exc:
        raise StorageUnavailable(f"{action}: {type(exc).__name__}: {exc}") from exc
