"""Migrations, the unit of work and the downstream contract, on a real Postgres."""

from __future__ import annotations

import hashlib
import threading
import uuid
from importlib import resources
from pathlib import Path
from typing import Self

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from services.domain.models import Duplicate, JobStatus, NewJob, Stored
from services.ingest import _load, ingest_job
from services.storage.db import Int8Array, open_pool
from services.storage.migrate import apply_migrations
from services.storage.uow import PostgresUnitOfWork

pytestmark = pytest.mark.integration

ARTICLE = (
    b"Quiet harbour town reopens its ferry\n"
    b"Harbour Daily\n"
    b"By Ann Example\n"
    b"PORTSMOUTH (Reuters) - The ferry between the harbour and the island ran again on Monday "
    b"after a winter of repairs, the operator said.\n"
    b"Passengers queued from dawn, and the first crossing left ten minutes late.\n"
    b"The operator said it would add a second boat in the summer if demand held up.\n"
)


@pytest.fixture
def db_url(fresh_db_url: str) -> str:
    apply_migrations(fresh_db_url)
    return fresh_db_url


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables"
            " WHERE table_schema IN ('copydesk', 'api')"
        ).fetchall()
    return {r[0] for r in rows}


def test_migrations_apply_from_zero_and_again(fresh_db_url: str) -> None:
    applied = apply_migrations(fresh_db_url)
    assert applied, "a new database needs every migration"
    assert {"copydesk.raw_documents", "copydesk.ingest_jobs", "copydesk.articles", "api.articles",
            "api.jobs"} <= _tables(fresh_db_url)
    assert apply_migrations(fresh_db_url) == []


def test_migrations_started_at_once_by_several_processes(fresh_db_url: str) -> None:
    errors: list[BaseException] = []
    results: list[list[str]] = []

    def run() -> None:
        try:
            results.append(apply_migrations(fresh_db_url))
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(len(r) > 0 for r in results) == [False, False, False, True]


def test_unit_of_work_rolls_back_unless_committed(db_url: str) -> None:
    pool = open_pool(db_url, max_size=2)
    try:
        with PostgresUnitOfWork(pool) as uow:
            uow.raw.put("a" * 64, b"never committed")
        with PostgresUnitOfWork(pool) as uow:
            uow.raw.put("b" * 64, b"committed")
            uow.commit()
        with PostgresUnitOfWork(pool) as uow:
            assert uow.raw.get("a" * 64) is None
            assert uow.raw.get("b" * 64) == b"committed"
        with pytest.raises(RuntimeError), PostgresUnitOfWork(pool) as uow:
            uow.raw.put("c" * 64, b"error before commit")
            raise RuntimeError("boom")
        with PostgresUnitOfWork(pool) as uow:
            assert uow.raw.get("c" * 64) is None
    finally:
        pool.close()


def test_unit_of_work_in_autocommit_commits_each_statement_and_lends_back_a_transactional_connection(
        db_url: str) -> None:
    pool = open_pool(db_url, max_size=1)  # one connection: the next unit gets the same one
    try:
        with pytest.raises(RuntimeError), PostgresUnitOfWork(pool) as uow:
            uow.autocommit()
            uow.raw.put("d" * 64, b"committed by itself")
            raise RuntimeError("boom, before any commit()")
        with PostgresUnitOfWork(pool) as uow:
            assert uow.raw.get("d" * 64) == b"committed by itself"
            uow.raw.put("e" * 64, b"rolled back")  # a transaction again: not committed
        with PostgresUnitOfWork(pool) as uow:
            assert uow.raw.get("e" * 64) is None
    finally:
        pool.close()


def test_a_job_load_sends_one_statement_and_no_begin_or_commit(db_url: str, tmp_path: Path) -> None:
    pool = open_pool(db_url, max_size=1)
    trace = tmp_path / "protocol.trace"

    class Traced(PostgresUnitOfWork):
        """Writes what the client sends and receives (libpq's protocol trace)."""

        def __enter__(self) -> Self:
            super().__enter__()
            assert self._conn is not None
            self._file = trace.open("ab")
            self._conn.pgconn.trace(self._file.fileno())
            return self

        def __exit__(self, *exc: object) -> None:
            if self._conn is not None:
                self._conn.pgconn.untrace()
            self._file.close()
            super().__exit__(*exc)  # type: ignore[arg-type]

    try:
        job_id = _claim(pool, ARTICLE, "load.txt")
        loaded = _load(job_id, uow_factory=lambda: Traced(pool), worker="t:1", max_attempts=3,
                       max_lost_attempts=None, retries=0, redelivered=False)
        assert isinstance(loaded, tuple) and loaded[1] == ARTICLE
        sent = [line for line in trace.read_text(errors="replace").splitlines() if "\tF\t" in line]
        assert not [line for line in sent if "BEGIN" in line or "COMMIT" in line], sent
        assert sum("UPDATE copydesk.ingest_jobs" in line for line in sent) == 1
        with PostgresUnitOfWork(pool) as uow:  # committed, and the connection is transactional again
            job = uow.jobs.get(job_id)
            assert job is not None and job.status is JobStatus.RUNNING
            uow.raw.put("f" * 64, b"rolled back")
        with PostgresUnitOfWork(pool) as uow:
            assert uow.raw.get("f" * 64) is None
    finally:
        pool.close()


def test_pool_connections_plan_a_prepared_statement_once(db_url: str) -> None:
    pool = open_pool(db_url, max_size=1)
    try:
        with pool.connection() as conn:
            row = conn.execute("SHOW plan_cache_mode").fetchone()
        assert row is not None and row[0] == "force_generic_plan"
    finally:
        pool.close()


def _claim(pool: ConnectionPool, content: bytes, name: str) -> str:
    sha = hashlib.sha256(content).hexdigest()
    with PostgresUnitOfWork(pool) as uow:
        uow.raw.put(sha, content)
        job_id, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name=name, sha256=sha,
                                    drop_key=f"{name}/{uuid.uuid4()}")
        uow.commit()
    return job_id


def test_same_bytes_twice_give_one_article_and_a_duplicate_job(db_url: str) -> None:
    pool = open_pool(db_url, max_size=2)
    try:
        jobs = [_claim(pool, ARTICLE, "ferry.txt"), _claim(pool, ARTICLE, "ferry-again.txt")]
        outcomes = [
            ingest_job(j, uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1")
            for j in jobs
        ]
        # A redelivered message changes nothing.
        ingest_job(jobs[1], uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1")
    finally:
        pool.close()
    first, second = outcomes
    assert isinstance(first, Stored)
    assert second == Duplicate(duplicate_of=first.article_id)
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT count(*) FROM api.articles").fetchone() == (1,)
        rows = conn.execute("SELECT status, article_id, duplicate_of, bytes FROM api.jobs"
                            " ORDER BY queued_at").fetchall()
    assert rows == [
        (JobStatus.STORED.value, first.article_id, None, len(ARTICLE)),
        (JobStatus.DUPLICATE.value, None, first.article_id, len(ARTICLE)),
    ]


def test_parser_notes_are_stored_on_the_job(db_url: str) -> None:
    doc = (b'{"title": "Stray bytes", "body": "The ferry ran again on Monday after a winter'
           b' of repairs, the operator said."}')
    pool = open_pool(db_url, max_size=2)
    try:
        jobs = [_claim(pool, doc[:30] + b"\0" + doc[30:], "nul.json"),
                _claim(pool, doc.replace(b"Monday", b"Friday"), "clean.json")]
        for job_id in jobs:
            ingest_job(job_id, uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1")
    finally:
        pool.close()
    with psycopg.connect(db_url) as conn:
        rows = conn.execute("SELECT source_name, status, notes FROM api.jobs ORDER BY queued_at").fetchall()
        assert rows == [("nul.json", "stored", ["nul_bytes_removed:1"]), ("clean.json", "stored", [])]
        # the migration that defines api.jobs last can run again harmlessly (an earlier
        # one would drop the columns added since, which Postgres refuses)
        conn.execute(resources.files("services.storage").joinpath("migrations/0010.reprocess.sql")
                     .read_text())


def test_a_job_created_with_its_send_counts_it_and_a_failed_send_is_taken_back(db_url: str) -> None:
    pool = open_pool(db_url, max_size=1)
    try:
        with PostgresUnitOfWork(pool) as uow:
            uow.raw.put("0" * 64, b"x")
            sent, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name="a.txt", sha256="0" * 64,
                                      drop_key="a", sending=True)
            plain, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name="b.txt", sha256="0" * 64,
                                       drop_key="b")
            uow.commit()

        def sends() -> dict[str, tuple[int, bool]]:
            with pool.connection() as conn:
                rows = conn.execute("SELECT job_id::text, sends, last_sent_at IS NOT NULL"
                                    " FROM copydesk.ingest_jobs").fetchall()
            return {r[0]: (r[1], r[2]) for r in rows}

        assert sends() == {sent: (1, True), plain: (0, False)}
        with PostgresUnitOfWork(pool) as uow:
            uow.jobs.unmark_sent([sent])
            uow.commit()
        assert sends() == {sent: (0, False), plain: (0, False)}
    finally:
        pool.close()


@pytest.mark.parametrize(("idle_s", "expected"), [(3600.0, 1), (0.0, 3)])
def test_the_pool_checks_a_connection_only_after_it_was_idle(
    db_url: str, monkeypatch: pytest.MonkeyPatch, idle_s: float, expected: int
) -> None:
    checks: list[int] = []
    real = ConnectionPool.check_connection
    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(lambda c: (checks.append(1), real(c))))
    pool = open_pool(db_url, max_size=1, check_after_idle_s=idle_s)
    try:
        for _ in range(3):  # one connection lent three times in a row
            with pool.connection() as conn:
                conn.execute("SELECT 1")
        assert len(checks) == expected
    finally:
        pool.close()


def test_reader_role_reads_api_and_nothing_else(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("SET ROLE copydesk_reader")
        conn.execute("SELECT * FROM api.articles").fetchall()
        conn.execute("SELECT * FROM api.jobs").fetchall()
        for forbidden in (
            "SELECT * FROM copydesk.articles",
            "SELECT * FROM copydesk.raw_documents",
            "INSERT INTO copydesk.raw_documents (sha256, content, bytes) VALUES (repeat('a', 64), '', 0)",
            "DELETE FROM api.articles",
            "UPDATE api.articles SET title = 'x'",
            "CREATE TABLE api.mine (x int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)


def test_large_values_are_compressed_with_lz4_where_the_server_has_it(db_url: str) -> None:
    page = b"<p>The ferry ran again on Monday after a winter of repairs.</p>\n" * 2000
    with psycopg.connect(db_url) as conn:
        try:
            with conn.transaction():
                conn.execute("CREATE TEMP TABLE lz4_probe (b bytea COMPRESSION lz4)")
            has_lz4 = True
        except psycopg.errors.FeatureNotSupported:
            has_lz4 = False
        methods = dict(conn.execute(
            "SELECT c.relname || '.' || attname, attcompression FROM pg_attribute"
            " JOIN pg_class c ON c.oid = attrelid"
            " WHERE (attrelid, attname) IN (('copydesk.raw_documents'::regclass, 'content'),"
            " ('copydesk.articles'::regclass, 'body'), ('copydesk.paragraph_results'::regclass, 'result'))"
        ).fetchall())
        expected = "l" if has_lz4 else ""  # "": the server's default_toast_compression (pglz)
        assert methods == {"raw_documents.content": expected, "articles.body": expected,
                           "paragraph_results.result": expected}
        sha = "f" * 64
        conn.execute("INSERT INTO copydesk.raw_documents (sha256, content, bytes) VALUES (%s, %s, %s)",
                     (sha, page, len(page)))
        stored = conn.execute("SELECT content, pg_column_compression(content), pg_column_size(content)"
                              " FROM copydesk.raw_documents WHERE sha256 = %s", (sha,)).fetchone()
        assert stored is not None
        assert bytes(stored[0]) == page
        assert stored[1] == ("lz4" if has_lz4 else "pglz") and stored[2] < len(page) // 10
        conn.rollback()
        # the migration can run again (on either kind of server)
        conn.execute(resources.files("services.storage").joinpath("migrations/0011.lz4_compression.sql")
                     .read_text())


def test_jobs_and_raw_documents_are_made_many_to_a_statement(db_url: str) -> None:
    """``create_many`` answers in the order given, finds the jobs of drops claimed before,
    and stamps ``dropped_at`` (never later than now); ``put_many`` stores each document
    once, whatever its repeats."""
    pool = open_pool(db_url, max_size=1)
    docs = [(hashlib.sha256(b"%d" % i).hexdigest(), b"%d" % i) for i in range(3)]
    try:
        with PostgresUnitOfWork(pool) as uow:
            uow.raw.put_many([*docs, docs[0]])
            earlier, created = uow.jobs.create(job_id=str(uuid.uuid4()), source_name="b.txt", sha256=docs[1][0],
                                               drop_key="key-b")
            assert created
            uow.commit()
        jobs = [NewJob(job_id=str(uuid.uuid4()), source_name=name, sha256=sha, drop_key=f"key-{name[0]}",
                       dropped_at=at)
                for name, (sha, _), at in zip(["c.txt", "b.txt", "a.txt"], docs, [1e9, None, 4e9], strict=True)]
        with PostgresUnitOfWork(pool) as uow:
            made = uow.jobs.create_many(jobs, sending=True)
            uow.commit()
        assert made == [(jobs[0].job_id, True), (earlier, False), (jobs[2].job_id, True)]
        with pool.connection() as conn:
            rows = conn.execute(
                "SELECT source_name, sends, extract(epoch FROM dropped_at)::bigint, dropped_at <= now()"
                " FROM copydesk.ingest_jobs ORDER BY source_name").fetchall()
            stored = conn.execute(
                "SELECT sha256, content, bytes FROM copydesk.raw_documents ORDER BY sha256").fetchall()
        assert [r[:2] for r in rows] == [("a.txt", 1), ("b.txt", 0), ("c.txt", 1)]
        assert rows[2][2] == 1_000_000_000 and all(r[3] for r in rows)  # a.txt's 2096 became now
        assert stored == sorted((sha, content, len(content)) for sha, content in docs)
    finally:
        pool.close()


def test_a_packed_bigint_array_reaches_postgres_as_the_values_it_holds(db_url: str) -> None:
    values = [-(2**63), -1, 0, 1, 2**31, 2**63 - 1]
    with psycopg.connect(db_url) as conn:
        for sent in (values, [], values[::-1]):
            packed = Int8Array(sent)
            row = conn.execute("SELECT %b::bigint[], pg_typeof(%b)::text", (packed, packed)).fetchone()
            assert row == (sent, "bigint[]")
