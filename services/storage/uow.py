"""Unit of work: one transaction around a set of repository calls.

Unlike psycopg's own ``with conn:`` (which commits on a clean exit), a unit of work
here rolls back unless ``commit()`` was called — forgetting to commit loses the
change instead of silently keeping half of it.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

import psycopg
import psycopg_pool

from services.errors import StorageUnavailable
from services.storage.db import translate_errors
from services.storage.enrichment import EnrichmentRepository
from services.storage.repository import ArticleRepository, JobRepository, RawRepository
from services.storage.revisions import RevisionRepository
from services.storage.stories import StoryRepository


class PostgresUnitOfWork:
    """The ``services.ports.UnitOfWork`` on Postgres: borrows one connection from the
    pool for the length of the ``with`` block."""

    raw: RawRepository
    jobs: JobRepository
    articles: ArticleRepository
    stories: StoryRepository
    enrichment: EnrichmentRepository
    revisions: RevisionRepository

    def __init__(self, pool: psycopg_pool.ConnectionPool) -> None:
        self._pool = pool
        self._conn: psycopg.Connection | None = None
        self._autocommit = False

    def __enter__(self) -> Self:
        with translate_errors("open transaction"):
            conn = self._pool.getconn()
        self._conn = conn
        self.raw = RawRepository(conn)
        self.jobs = JobRepository(conn)
        self.articles = ArticleRepository(conn)
        self.stories = StoryRepository(conn)
        self.enrichment = EnrichmentRepository(conn)
        self.revisions = RevisionRepository(conn)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if not conn.closed:
                conn.rollback()
                if self._autocommit:  # lent back as the pool lent it
                    conn.autocommit = False
        except psycopg.Error:
            pass  # a broken connection is discarded by putconn below
        finally:
            self._autocommit = False
            self._pool.putconn(conn)

    def autocommit(self) -> None:
        """Every statement from here on commits by itself (Postgres' autocommit), for a
        unit of work whose every statement stands alone: it then costs no BEGIN and no
        COMMIT round trip, and ``commit()`` has nothing left to do."""
        if self._conn is None:
            raise StorageUnavailable("autocommit outside a unit of work")
        with translate_errors("autocommit"):
            self._conn.autocommit = True
        self._autocommit = True

    def commit(self) -> None:
        if self._conn is None:
            raise StorageUnavailable("commit outside a unit of work")
        with translate_errors("commit"):
            self._conn.commit()

    def rollback(self) -> None:
        if self._conn is not None and not self._conn.closed:
            with translate_errors("rollback"):
                self._conn.rollback()
