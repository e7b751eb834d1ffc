"""An ingest that enriches inline (COPYDESK_ENRICH_INLINE), on a real Postgres: the
article and its enrichment in one transaction, and a duplicate in flight not enriched."""

from __future__ import annotations

import threading

import pytest
from psycopg_pool import ConnectionPool

from services.domain.models import Duplicate, Outcome, Stored
from services.enrich import InlineEnricher, enrich_article
from services.ingest import ingest_job
from services.pipeline.enrich import ArticleText, Enricher, Enrichment, build_enrichers
from services.storage.uow import PostgresUnitOfWork
from tests.support import SEED, queued_job

pytestmark = pytest.mark.integration



def _ingest(pool: ConnectionPool, job_id: str, steps: list[Enricher]) -> Outcome:
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    return ingest_job(job_id, uow_factory=factory, worker="t:1",
                      enricher=InlineEnricher(uow_factory=factory, profile="full", enrichers=steps))


def test_the_article_is_stored_with_its_enrichment_as_the_enrich_task_makes_it(pool: ConnectionPool) -> None:
    steps = build_enrichers("full")
    outcome = _ingest(pool, queued_job(pool, SEED.read_bytes(), "seed.txt"), steps)
    assert isinstance(outcome, Stored) and outcome.enriched
    with pool.connection() as conn:
        row = conn.execute("SELECT a.enriched_at IS NOT NULL, a.enrich_attempts, e.language, e.keywords,"
                           " (SELECT count(*) FROM copydesk.article_entities x WHERE x.article_id = a.article_id),"
                           " (SELECT count(*) FROM copydesk.paragraph_results)"
                           " FROM copydesk.articles a JOIN copydesk.article_enrichment e USING (article_id)"
                           " WHERE a.article_id = %s", (outcome.article_id,)).fetchone()
    assert row is not None
    enriched, attempts, language, keywords, entities, paragraph_rows = row
    assert enriched and attempts == 0 and language == "en" and entities > 5 and paragraph_rows > 0
    # The enrich task, run again on the stored article, finds the same.
    again = enrich_article(outcome.article_id, uow_factory=lambda: PostgresUnitOfWork(pool), enrichers=steps)
    assert again is not None and again.language == language and [k for k, _ in again.keywords] == keywords
    assert len({(e.name, e.type) for e in again.entities or []}) == entities


class _Gate(Enricher):
    """A step that says when it runs and holds there until released."""

    name = "gate"

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.calls = 0

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        self.calls += 1
        self.entered.set()
        assert self.release.wait(60)


def test_a_duplicate_in_flight_waits_for_the_first_and_is_not_enriched(pool: ConnectionPool) -> None:
    first_gate, second_gate = _Gate(), _Gate()
    body = b"A headline\n\n" + b"The council met on Monday to discuss the budget for the year. " * 20
    first_job, second_job = queued_job(pool, body, "a.txt"), queued_job(pool, body + b"\n", "b.txt")
    outcomes: dict[str, Outcome] = {}
    first = threading.Thread(target=lambda: outcomes.update(a=_ingest(pool, first_job, [first_gate])))
    second = threading.Thread(target=lambda: outcomes.update(b=_ingest(pool, second_job, [second_gate])))
    first.start()
    try:
        assert first_gate.entered.wait(60)  # the first is enriching inside its store transaction
        second.start()
        second.join(timeout=1.0)
        assert second.is_alive()  # waiting on the body's lock, not enriching it too
    finally:
        first_gate.release.set()
        second_gate.release.set()
        first.join(timeout=60)
        second.join(timeout=60)
    assert isinstance(outcomes["a"], Stored) and outcomes["a"].enriched
    assert isinstance(outcomes["b"], Duplicate) and outcomes["b"].duplicate_of == outcomes["a"].article_id
    assert first_gate.calls == 1 and second_gate.calls == 0
