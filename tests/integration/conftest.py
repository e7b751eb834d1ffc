"""Fixtures shared by the integration tests on a real Postgres."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from psycopg_pool import ConnectionPool

from services.storage.db import open_pool
from services.storage.migrate import apply_migrations


@pytest.fixture
def pool(fresh_db_url: str) -> Iterator[ConnectionPool]:
    """A connection pool on a fresh, migrated database."""
    apply_migrations(fresh_db_url)
    p = open_pool(fresh_db_url, max_size=4)
    yield p
    p.close()
