"""Enrichment on a real Postgres: results, entities and views, replaced on re-enrichment."""

from __future__ import annotations

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from services.enrich import enrich_article
from services.ingest import ingest_job
from services.pipeline.enrich import ArticleText, Enricher, Enrichment, Entity
from services.producer.reconciler import reconcile_enrichment
from services.storage.uow import PostgresUnitOfWork
from tests.fakes import FakeSender
from tests.support import SEED, queued_job

pytestmark = pytest.mark.integration



class _Only(Enricher):
    """Pins the entities, to show a second run replaces the first one's."""

    name = "pinned"

    def __init__(self, names: list[str]) -> None:
        self.names = names

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        out.language, out.entities = "en", [Entity(name=n, type="PLACE", mentions=1) for n in self.names]



def _stored_seed(pool: ConnectionPool) -> int:
    ingest_job(queued_job(pool, SEED.read_bytes(), "seed.txt"), uow_factory=lambda: PostgresUnitOfWork(pool),
               worker="t:1")
    with pool.connection() as conn:
        row = conn.execute("SELECT article_id FROM copydesk.articles").fetchone()
    assert row is not None
    return int(row[0])


def test_enrichment_lands_in_the_views_and_a_rerun_replaces_it(pool: ConnectionPool, fresh_db_url: str) -> None:
    article_id = _stored_seed(pool)
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    result = enrich_article(article_id, uow_factory=factory, profile="full")
    assert result is not None and result.language == "en"
    with psycopg.connect(fresh_db_url) as conn:
        row = conn.execute(
            "SELECT language, keywords, is_wire_copy, stale_republish, quality_score, enriched_at"
            " FROM api.articles WHERE article_id = %s", (article_id,)
        ).fetchone()
        assert row is not None
        language, keywords, wire_copy, stale, quality, enriched_at = row
        assert language == "en" and "Iran" in keywords and wire_copy and stale and 0 <= quality <= 1
        assert enriched_at is not None
        first: dict[str, int] = dict(conn.execute(
            "SELECT name, mentions FROM api.article_entities WHERE article_id = %s", (article_id,)
        ).fetchall())
        assert {"John Kirby", "Kremlin", "Tehran"} <= set(first)

    # Again, the same: nothing doubled.
    enrich_article(article_id, uow_factory=factory, profile="full")
    with psycopg.connect(fresh_db_url) as conn:
        again: dict[str, int] = dict(conn.execute(
            "SELECT name, mentions FROM api.article_entities WHERE article_id = %s", (article_id,)
        ).fetchall())
        assert again == first
        assert conn.execute("SELECT count(*) FROM copydesk.article_enrichment").fetchone() == (1,)

    # A run with other results replaces, entities included; unused entities leave api.entities.
    enrich_article(article_id, uow_factory=factory, profile="fast", enrichers=[_Only(["Atlantis"])])
    with psycopg.connect(fresh_db_url) as conn:
        names = conn.execute("SELECT name FROM api.article_entities WHERE article_id = %s", (article_id,)).fetchall()
        assert names == [("Atlantis",)]
        assert conn.execute("SELECT name, type, articles FROM api.entities").fetchall() == [("Atlantis", "PLACE", 1)]
        assert conn.execute("SELECT language, keywords FROM api.articles").fetchone() == ("en", [])


def test_rollback_unless_committed_and_missing_article(pool: ConnectionPool) -> None:
    assert enrich_article(12345, uow_factory=lambda: PostgresUnitOfWork(pool), profile="fast") is None


def test_reconciler_resends_articles_left_unenriched(pool: ConnectionPool) -> None:
    from services.config import Settings

    article_id = _stored_seed(pool)
    settings = Settings(requeue_after_seconds=0.0)
    sender = FakeSender()
    assert reconcile_enrichment(settings=settings, uow_factory=lambda: PostgresUnitOfWork(pool), sender=sender) == 1
    assert sender.enrich_sent == [article_id]
    enrich_article(article_id, uow_factory=lambda: PostgresUnitOfWork(pool), profile="fast")
    assert reconcile_enrichment(settings=settings, uow_factory=lambda: PostgresUnitOfWork(pool), sender=sender) == 0


class _Spinning(Enricher):
    name = "spinning"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        while True:
            pass


def test_poison_article_is_given_up_and_sent_no_more(pool: ConnectionPool, fresh_db_url: str) -> None:
    """Issue 10: runs that never finish are counted; after the cap the article records
    why and the reconciler stops; a step over its budget is recorded, the rest stored."""
    from services.budget import Budget
    from services.config import Settings

    article_id = _stored_seed(pool)
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    with factory() as uow:  # two enrichment runs whose process was killed
        uow.enrichment.begin_attempt(article_id)
        uow.enrichment.begin_attempt(article_id)
        uow.commit()
    assert enrich_article(article_id, uow_factory=factory, profile="fast", enrichers=[_Only(["X"])],
                          max_attempts=2) is None
    sql = "SELECT enriched_at, enrich_error, enrich_attempts FROM api.articles WHERE article_id = %s"
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute(sql, (article_id,)).fetchone() == (None, "attempts_exhausted", 3)
    settings = Settings(requeue_after_seconds=0.0)
    sender = FakeSender()
    assert reconcile_enrichment(settings=settings, uow_factory=factory, sender=sender) == 0
    assert sender.enrich_sent == []

    with psycopg.connect(fresh_db_url) as conn:  # an operator clears it: tried again
        conn.execute("UPDATE copydesk.articles SET enrich_error = NULL, enrich_attempts = 0")
    result = enrich_article(article_id, uow_factory=factory, profile="fast",
                            enrichers=[_Spinning(), _Only(["Atlantis"])],
                            budget=Budget(cpu_seconds=0.05, memory_mb=0), max_attempts=2)
    assert result is not None and result.errors["spinning"][0] == "too_slow"
    with psycopg.connect(fresh_db_url) as conn:
        row = conn.execute(sql, (article_id,)).fetchone()
        assert row is not None
        enriched_at, error, attempts = row
        assert enriched_at is not None and error == "too_slow" and attempts == 0
        assert conn.execute("SELECT enrich_error_message FROM copydesk.articles").fetchone() \
            == (("enrichment step spinning: the enrichment step spinning used up its CPU budget "
                 "of 0.05 s; refused as too slow to process"),)
        assert conn.execute("SELECT language FROM api.articles").fetchone() == ("en",)
    assert reconcile_enrichment(settings=settings, uow_factory=factory, sender=sender) == 0


def test_storing_links_leaves_the_entities_rows_unlocked(pool: ConnectionPool, fresh_db_url: str) -> None:
    """The links of an article in a transaction still open take no lock on the rows of
    the entities they name (migration 0013): another transaction may lock such a row at
    once. With the foreign key to copydesk.entities each link's check held FOR KEY SHARE
    on it, and FOR UPDATE NOWAIT failed here."""
    article_id = _stored_seed(pool)
    names = ["Lisbon", "Porto"]
    enrich_article(article_id, uow_factory=lambda: PostgresUnitOfWork(pool), enrichers=[_Only(names)])
    with PostgresUnitOfWork(pool) as uow:  # a second run's store, left open
        start = uow.enrichment.begin(article_id)
        assert start is not None
        uow.enrichment.store(article_id, Enrichment(profile="fast", language="en",
                                                    entities=_entities(names)))
        with psycopg.connect(fresh_db_url) as other:
            locked = other.execute(
                "SELECT name FROM copydesk.entities WHERE name = ANY(%s) ORDER BY name FOR UPDATE NOWAIT",
                (names,),
            ).fetchall()
        assert [name for (name,) in locked] == names


def _entities(names: list[str]) -> list[Entity]:
    return [Entity(name=n, type="PLACE", mentions=1) for n in names]
