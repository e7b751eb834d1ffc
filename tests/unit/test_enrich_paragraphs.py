"""Work not repeated for copies (issue 12): per-paragraph values through a ParagraphMemo."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.pipeline.enrich import (
    ArticleText,
    Enrichment,
    ParagraphMemo,
    build_enrichers,
    memo_keys,
    run_enrichers,
    run_enrichers_many,
)
from services.pipeline.enrich.entities import EntityEnricher
from services.pipeline.enrich.paragraphs import paragraph_hash, paragraphs
from services.pipeline.enrich.sentiment import SentimentEnricher
from services.pipeline.enrich.staleness import StalenessEnricher
from services.pipeline.formats import parse_file
from services.pipeline.normalise import normalise_body
from tests.support import SEED


@pytest.fixture(scope="module")
def seed() -> ArticleText:
    parsed = parse_file(SEED.read_bytes(), filename=SEED.name)
    return ArticleText(body=normalise_body(parsed.body), title=parsed.title, url=parsed.url,
                       published_at=parsed.published_at)


def _copy(article: ArticleText, *, extra: str) -> ArticleText:
    """A content-farm copy: the same paragraphs, another site, one paragraph added."""
    return ArticleText(body=f"{extra}\n\n{article.body}", title="Another title", url="https://farm.example/1",
                       site_name="Farm", published_at=article.published_at)


def test_paragraphs_are_the_stored_bodys_blocks() -> None:
    body = normalise_body("One  para.\n\n\nTwo\nwrapped.")
    assert paragraphs(body) == ["One para.", "Two wrapped."]
    assert paragraph_hash("One para.") == paragraph_hash("One para.") != paragraph_hash("One para")
    assert len(paragraph_hash("x")) == 32


def test_results_with_a_memo_equal_those_without(seed: ArticleText) -> None:
    steps = build_enrichers("full")
    plain = run_enrichers(steps, seed, profile="full")
    memo = ParagraphMemo()
    first = run_enrichers(steps, seed, profile="full", memo=memo)
    again = run_enrichers(steps, seed, profile="full", memo=memo)
    for out in (first, again):
        assert out.entities == plain.entities
        assert out.sentiment == plain.sentiment
    assert memo.misses == 2 * len(set(paragraphs(seed.body)))  # two steps, each paragraph once
    assert memo.hits >= len(paragraphs(seed.body))  # the second run computed nothing


def test_a_copy_reuses_every_paragraph_it_shares(seed: ArticleText) -> None:
    steps = build_enrichers("full")
    memo = ParagraphMemo()
    run_enrichers(steps, seed, profile="full", memo=memo)
    memo.take_new()
    copy = _copy(seed, extra="Published by Farm with permission of Springfield News.")
    out = run_enrichers(steps, copy, profile="full", memo=memo)
    new = memo.take_new()
    assert {step for step, _ in new} == set(memo_keys(steps))
    assert {key for _, key in new} == {paragraph_hash("Published by Farm with permission of Springfield News.")}
    fresh = run_enrichers(steps, copy, profile="full")
    assert out.entities == fresh.entities and out.sentiment == fresh.sentiment


def test_a_copy_of_a_seen_story_runs_no_paragraph_through_the_models(seed: ArticleText) -> None:
    # What it costs is the benchmark's to say (README, Enrichment); here: nothing recomputed.
    steps = build_enrichers("full")
    memo = ParagraphMemo()
    first = run_enrichers(steps, seed, profile="full", memo=memo)
    memo.take_new()
    again = run_enrichers(steps, _copy(seed, extra=""), profile="full", memo=memo)
    assert memo.take_new() == {}
    assert again.entities == first.entities and again.sentiment == first.sentiment


def test_memo_keys_name_the_model_and_revision() -> None:
    ner, sentiment = EntityEnricher(), SentimentEnricher()
    ner.warm()
    sentiment.warm()
    assert ner.memo_key().startswith("entities/1/names/en_") and "spacy=" in ner.memo_key()
    assert EntityEnricher(filter_sentences=False).memo_key() != ner.memo_key()
    assert sentiment.memo_key().startswith("sentiment/2/vader=")
    assert memo_keys(build_enrichers("fast")) == [sentiment.memo_key()]


def test_many_articles_share_one_batch(seed: ArticleText) -> None:
    memo = ParagraphMemo()
    copy = _copy(seed, extra="Extra paragraph naming Barack Obama in Chicago.")
    outs = run_enrichers_many(build_enrichers("full"), [seed, copy], profile="full", memo=memo)
    assert memo.misses == 2 * (len(set(paragraphs(seed.body))) + 1)  # two steps, once each
    assert {e.name for e in outs[1].entities or []} >= {e.name for e in outs[0].entities or []}


def test_an_in_process_memo_is_bounded() -> None:
    memo = ParagraphMemo(max_entries=2)
    for n in range(5):
        memo.put(("step", str(n)), n)
    assert len(memo) == 2 and memo.get(("step", "4")) == 4 and memo.get(("step", "0")) is None


def test_a_placeholder_date_is_not_a_page_date() -> None:
    out = Enrichment()
    article = ArticleText(body="Last December the council met.", published_at=datetime(1, 1, 1, tzinfo=UTC))
    StalenessEnricher()(article, out)
    assert out.stale_republish is None
