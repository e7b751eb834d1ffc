"""Paragraph results in Postgres (issue 12): a copy's known paragraphs are not enriched again."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from psycopg_pool import ConnectionPool

from services.enrich import enrich_article
from services.ingest import ingest_job
from services.pipeline.enrich import (
    ArticleText,
    Enrichment,
    Entity,
    ParagraphMemo,
    build_enrichers,
    memo_keys,
    run_enrichers,
)
from services.pipeline.enrich.paragraphs import paragraph_hash, paragraphs
from services.storage.enrichment import EnrichmentRepository
from services.storage.uow import PostgresUnitOfWork
from tests.support import SEED, queued_job

pytestmark = pytest.mark.integration




def _store(pool: ConnectionPool, content: bytes, name: str) -> int:
    ingest_job(queued_job(pool, content, name), uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1")
    with pool.connection() as conn:
        row = conn.execute("SELECT a.article_id FROM copydesk.articles a JOIN copydesk.ingest_jobs j"
                           " USING (job_id) WHERE j.source_name = %s", (name,)).fetchone()
    assert row is not None
    return int(row[0])


def _counted(pool: ConnectionPool) -> dict[str, int]:
    with pool.connection() as conn:
        return {str(s): int(n) for s, n in conn.execute(
            "SELECT step, count(*) FROM copydesk.paragraph_results GROUP BY step").fetchall()}


def test_sql_splits_and_hashes_paragraphs_as_python_does(pool: ConnectionPool) -> None:
    body = "Plain paragraph.\n\nÉtienne said “quotes” — and 日本.\n\nLast one"
    with pool.connection() as conn:
        rows = conn.execute(
            "SELECT encode(substring(sha256(convert_to(t, 'UTF8')) FROM 1 FOR 16), 'hex')"
            " FROM regexp_split_to_table(%s, E'\\n\\n') AS t", (body,)).fetchall()
    assert [r[0] for r in rows] == [paragraph_hash(p) for p in paragraphs(body)]


def test_a_copy_reuses_the_stored_paragraphs_and_gets_the_same_results(pool: ConnectionPool) -> None:
    seed = SEED.read_bytes()
    first = _store(pool, seed, "seed.txt")
    copy = _store(pool, seed.replace(b"Last May,", b"Reprinted by a farm. Last May,", 1) + b"\nExtra closing line.\n",
                  "copy.txt")
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    steps = build_enrichers("full")
    enrich_article(first, uow_factory=factory, enrichers=steps)
    counts = _counted(pool)
    assert set(counts) == set(memo_keys(steps))
    with PostgresUnitOfWork(pool) as uow:
        start = uow.enrichment.begin(copy, memo_keys=memo_keys(steps))
        uow.rollback()
    assert start is not None and start.attempts == 1
    shared = {paragraph_hash(p) for p in paragraphs(start.article.body)} & {k for _, k in start.paragraphs}
    assert len(shared) >= len(paragraphs(start.article.body)) - 2  # all but the edited ones
    result = enrich_article(copy, uow_factory=factory, enrichers=steps)
    assert result is not None
    fresh = run_enrichers(steps, _text(pool, copy), profile="full", memo=ParagraphMemo())
    assert result.entities == fresh.entities and result.sentiment == fresh.sentiment
    grown = _counted(pool)
    assert all(0 < grown[k] - counts[k] <= 2 for k in counts)  # only the new paragraphs
    # A second run of the same article reuses everything and replaces its entities.
    again = enrich_article(copy, uow_factory=factory, enrichers=steps)
    assert again is not None and again.entities == result.entities
    assert _counted(pool) == grown
    with pool.connection() as conn:
        n = conn.execute("SELECT count(*) FROM copydesk.article_entities WHERE article_id = %s",
                         (copy,)).fetchone()
    assert n is not None and n[0] == len({(e.name, e.type) for e in result.entities or []})


def _text(pool: ConnectionPool, article_id: int) -> ArticleText:
    from services.enrich import to_text

    with PostgresUnitOfWork(pool) as uow:
        stored = uow.enrichment.article(article_id)
    assert stored is not None
    return to_text(stored)


def test_values_of_another_model_version_are_not_read_and_the_table_is_bounded(pool: ConnectionPool) -> None:
    article_id = _store(pool, SEED.read_bytes(), "seed.txt")
    with PostgresUnitOfWork(pool) as uow:
        start = uow.enrichment.begin(article_id, memo_keys=["entities/0/old-model"])
        assert start is not None
        hashes = [paragraph_hash(p) for p in paragraphs(start.article.body)]
        values = {("entities/0/old-model", h): [["Someone Else", "PERSON"]] for h in hashes}
        assert uow.enrichment.store(article_id, run_enrichers([], _text(pool, article_id)),
                                    paragraphs=values, max_rows=3)
        uow.commit()
    with PostgresUnitOfWork(pool) as uow:
        start = uow.enrichment.begin(article_id, memo_keys=["entities/1/new-model"])
        uow.rollback()
    assert start is not None and start.paragraphs == {}
    with PostgresUnitOfWork(pool) as uow:
        uow.enrichment.prune_paragraphs(before_seq=len(hashes) - 3)
        uow.commit()
    assert sum(_counted(pool).values()) == 3


def test_a_missing_article_stores_nothing(pool: ConnectionPool) -> None:
    with PostgresUnitOfWork(pool) as uow:
        assert uow.enrichment.begin(987654) is None
        assert not uow.enrichment.store(987654, run_enrichers([], _blank()), paragraphs={("s", "0" * 32): 1})


def _blank() -> ArticleText:
    return ArticleText(body="x")


def _rows_read(conn: Any, table: str) -> int:
    """Rows of ``copydesk.table`` this transaction has read so far, by any scan."""
    row = conn.execute(
        "SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables"
        " WHERE schemaname = 'copydesk' AND relname = %s", (table,)).fetchone()
    return int(row[0]) if row else 0


def test_lookups_read_the_article_s_own_rows_however_large_the_tables_and_old_their_statistics(
        pool: ConnectionPool) -> None:
    """The stored paragraph values and the entity ids of an article are read by key, one
    row a paragraph or a name: not every stored row of the step, as a join did when the
    table had grown since its statistics were taken (as it always has between two
    autovacuum analyses)."""
    article_id = _store(pool, SEED.read_bytes(), "seed.txt")
    step = "entities/0/test-model"
    with pool.connection() as conn:
        for first, last in ((1, 300), (301, 3000)):  # statistics taken at 300 rows
            conn.execute("INSERT INTO copydesk.paragraph_results (step, hash, result)"
                         " SELECT %s, substring(sha256(int4send(i)) FROM 1 FOR 16), '[]'"
                         " FROM generate_series(%s::int, %s::int) AS i", (step, first, last))
            conn.execute("INSERT INTO copydesk.entities (name, type)"
                         " SELECT 'Name ' || i, 'PERSON' FROM generate_series(%s::int, %s::int) AS i", (first, last))
            for table in ("paragraph_results", "entities"):
                conn.execute(f"ALTER TABLE copydesk.{table} SET (autovacuum_enabled = false)")
                if last == 300:
                    conn.execute(f"ANALYZE copydesk.{table}")
    mine = [hashlib.sha256(i.to_bytes(4, "big")).digest()[:16].hex() for i in range(7, 3000, 100)]  # 30 paragraphs
    entities = [Entity(f"Name {i}", "PERSON", 1) for i in range(5, 3000, 75)]  # 40 names
    with pool.connection() as conn:
        repo = EnrichmentRepository(conn)
        exists, values = repo.known(body_hash="0" * 64, memo_keys=[step], paragraph_hashes=mine)
        assert not exists and set(values) == {(step, h) for h in mine}
        assert _rows_read(conn, "paragraph_results") <= len(mine)
        start = repo.begin(article_id, memo_keys=[step])
        assert start is not None and start.paragraphs == {}
        assert _rows_read(conn, "paragraph_results") <= len(mine) + len(paragraphs(start.article.body))
        assert repo.store(article_id, Enrichment(entities=entities))
        # a name's row read three times: the names' insert, the id's lookup, the foreign key's check
        assert _rows_read(conn, "entities") <= 3 * len(entities)
        stored = conn.execute("SELECT e.name FROM copydesk.article_entities a JOIN copydesk.entities e"
                              " USING (entity_id) WHERE a.article_id = %s ORDER BY 1", (article_id,)).fetchall()
        assert [r[0] for r in stored] == sorted(e.name for e in entities)
        conn.rollback()
