"""Drop the seed, get it enriched: the enrich queue and its worker, as `copydesk up` runs them."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import SEED, Stack, wait_for

pytestmark = pytest.mark.e2e


def test_seed_is_enriched_with_language_entities_and_signals(stack: Stack) -> None:
    stack.drop(SEED, "content-farm-ap-copy.txt")
    rows = wait_for(
        lambda: stack.query(
            "SELECT article_id, language, language_confidence, keywords, is_wire_copy, stale_republish,"
            " quality_score, reading_time_s FROM api.articles WHERE enriched_at IS NOT NULL"
        ),
        timeout=120, what="the seed to be enriched", stack=stack,
    )
    article_id, language, confidence, keywords, wire_copy, stale, quality, reading_s = rows[0]
    assert language == "en" and confidence > 0.9
    assert "Iran" in keywords and wire_copy is True and stale is True
    assert 0 <= quality < 0.5 and reading_s > 60

    entities = {(name, etype) for name, etype in stack.query(
        "SELECT name, type FROM api.article_entities WHERE article_id = %s", article_id)}
    assert {("John Kirby", "PERSON"), ("Kremlin", "ORG"), ("Tehran", "PLACE")} <= entities
    assert stack.query("SELECT articles FROM api.entities WHERE name = 'Iran'") == [(1,)]

    # The enrich task ran in the enricher worker and logged the article it enriched.
    enriched = [line for line in stack.logs() if line.get("event") == "article_enriched"]
    assert enriched and enriched[0]["article_id"] == article_id and enriched[0]["process"] == "enricher"
