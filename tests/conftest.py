"""Servers for the whole test session: embedded Postgres and Redis, or external ones.

* ``pg_url`` / ``redis_url`` (session): embedded servers started once in a pytest
  tmp dir and stopped (data removed) at the end. Set ``COPYDESK_TEST_DATABASE_URL`` /
  ``COPYDESK_TEST_BROKER_URL`` to use servers of your own instead. Like the
  services, ``pg_url`` connects as the embedded server's non-superuser application
  role; ``session_postgres`` is the server itself (``None`` with an external one).
* ``fresh_db_url``: a new, empty database for one test, owned by the role in
  ``pg_url`` (made by the embedded superuser; with an external server, the role in
  ``pg_url`` needs CREATEDB), dropped afterwards.
* ``fresh_redis_url``: a flushed Redis logical database (1-15, round robin); open a
  client on a broker URL with ``redis_client(url)``.
* ``private_postgres`` / ``private_redis``: a dedicated embedded server for one test,
  for outage tests that stop, kill or restart it.

A server that cannot start fails the tests that need it, with its log tail; nothing
is skipped.
"""

from __future__ import annotations

import itertools
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from services.runtime.embedded import (
    EmbeddedPostgres,
    EmbeddedRedis,
    EmbeddedServerError,
    redis_py_url,
)

if TYPE_CHECKING:
    import redis

_redis_dbs = itertools.cycle(range(1, 16))


def _started(server: EmbeddedPostgres | EmbeddedRedis) -> str:
    try:
        return server.start()
    except EmbeddedServerError as exc:
        pytest.fail(f"embedded {server.kind} did not start: {exc}", pytrace=False)


def _shutdown(server: EmbeddedPostgres | EmbeddedRedis) -> None:
    server.stop()
    server.remove_data()


def with_path(url: str, path: str) -> str:
    """``url`` with its path (database name or Redis db number) replaced."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{path}"))


def with_redis_db(url: str, db: int) -> str:
    """A broker URL naming Redis logical database ``db`` (socket or TCP form)."""
    parts = urlsplit(url)
    if parts.scheme == "redis+socket":
        query = {**dict(parse_qsl(parts.query)), "virtual_host": str(db)}
        return urlunsplit(parts._replace(query=urlencode(query)))
    return with_path(url, str(db))


def redis_client(url: str) -> redis.Redis:
    """A redis-py client for a broker URL (kombu's ``redis+socket://`` included)."""
    import redis

    return redis.Redis.from_url(redis_py_url(url))


@pytest.fixture(scope="session")
def session_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedPostgres | None]:
    if os.environ.get("COPYDESK_TEST_DATABASE_URL"):
        yield None
        return
    server = EmbeddedPostgres(tmp_path_factory.mktemp("embedded-pg"), durable=False)
    _started(server)
    try:
        yield server
    finally:
        _shutdown(server)


@pytest.fixture(scope="session")
def pg_url(session_postgres: EmbeddedPostgres | None) -> str:
    if session_postgres is None:
        return os.environ["COPYDESK_TEST_DATABASE_URL"]
    return session_postgres.url


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    external = os.environ.get("COPYDESK_TEST_BROKER_URL")
    if external:
        yield external
        return
    server = EmbeddedRedis(tmp_path_factory.mktemp("embedded-redis"), durable=False)
    url = _started(server)
    try:
        yield url
    finally:
        _shutdown(server)


@pytest.fixture
def fresh_db_url(pg_url: str, session_postgres: EmbeddedPostgres | None) -> Iterator[str]:
    db_name = f"test_{secrets.token_hex(6)}"
    name = sql.Identifier(db_name)
    if session_postgres is None:
        creator, create = pg_url, sql.SQL("CREATE DATABASE {}").format(name)
    else:
        creator = session_postgres.admin_conninfo()
        owner = sql.Identifier(session_postgres.user)
        create = sql.SQL("CREATE DATABASE {} OWNER {}").format(name, owner)
    with psycopg.connect(creator, autocommit=True) as conn:
        conn.execute(create)
    try:
        yield with_path(pg_url, db_name)
    finally:
        with psycopg.connect(creator, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


@pytest.fixture
def fresh_redis_url(redis_url: str) -> Iterator[str]:
    url = with_redis_db(redis_url, next(_redis_dbs))
    client = redis_client(url)
    try:
        client.flushdb()
        yield url
        client.flushdb()
    finally:
        client.close()


@pytest.fixture
def private_postgres(tmp_path: Path) -> Iterator[EmbeddedPostgres]:
    server = EmbeddedPostgres(tmp_path / "private-pg", durable=False)
    _started(server)
    try:
        yield server
    finally:
        _shutdown(server)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    server = EmbeddedRedis(tmp_path / "private-redis", durable=False)
    _started(server)
    try:
        yield server
    finally:
        _shutdown(server)
