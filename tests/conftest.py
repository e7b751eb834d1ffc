"""Servers for the whole test session: embedded Postgres and Redis, or external ones.

* ``pg_url`` / ``redis_url`` (session): embedded servers started once in a pytest
  tmp dir and stopped (data removed) at the end. Set ``COPYDESK_TEST_DATABASE_URL`` /
  ``COPYDESK_TEST_BROKER_URL`` to use servers of your own instead.
* ``fresh_db_url``: a new, empty database for one test (``CREATE DATABASE`` on the
  session server, dropped afterwards). The role in ``pg_url`` needs CREATEDB.
* ``fresh_redis_url``: a flushed Redis logical database (1-15, round robin).
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
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis, EmbeddedServerError

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


@pytest.fixture(scope="session")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    external = os.environ.get("COPYDESK_TEST_DATABASE_URL")
    if external:
        yield external
        return
    server = EmbeddedPostgres(tmp_path_factory.mktemp("embedded-pg"), durable=False)
    url = _started(server)
    try:
        yield url
    finally:
        _shutdown(server)


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
def fresh_db_url(pg_url: str) -> Iterator[str]:
    name = f"test_{secrets.token_hex(6)}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_path(pg_url, name)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def fresh_redis_url(redis_url: str) -> Iterator[str]:
    import redis

    url = with_path(redis_url, str(next(_redis_dbs)))
    client = redis.Redis.from_url(url)
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
