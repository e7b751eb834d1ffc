"""Sentiment: VADER's compound score averaged over sentences, English only.

VADER's lexicon and rules are English; for any other language the value stays null.
Scoring sentence by sentence (rather than the whole body at once, where the compound
score saturates towards +-1 on long texts) gives an article value in [-1, 1].
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

from services.pipeline.enrich import models
from services.pipeline.enrich.base import ArticleText, Enrichment
from services.pipeline.enrich.paragraphs import ParagraphEnricher

# Closing quotes after a full stop are bounded: a run of quotes is rescanned from each.
SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019)]{0,8}\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in SENTENCE_SPLIT.split(text)) if s]


def body_sentences(body: str) -> tuple[str, ...]:
    """``sentences`` of an article's body, split once for the steps that read them all
    (keywords, readability, staleness). Each step gets the same body string, whose hash
    Python keeps, so a hit costs a dictionary lookup. The cache holds a few bodies of
    ordinary size; a longer one is split for each step rather than kept."""
    if len(body) > CACHED_BODY_CHARS:
        return tuple(sentences(body))
    return _cached_sentences(body)


CACHED_BODY_CHARS = 200_000


@functools.lru_cache(maxsize=4)
def _cached_sentences(body: str) -> tuple[str, ...]:
    return tuple(sentences(body))


class SentimentEnricher(ParagraphEnricher):
    """Sentences never span paragraphs (``sentences`` splits at line breaks), so the
    scores are kept per paragraph and reused for copies (``ParagraphMemo``)."""

    name = "sentiment"
    requires = (models.vader,)
    revision = 1

    def memo_key(self) -> str:
        return f"sentiment/{self.revision}/vader={models.vader_version()}"

    def applies(self, article: ArticleText, out: Enrichment) -> bool:
        return out.language == "en"

    def per_paragraph(self, texts: Sequence[str]) -> list[Any]:
        """VADER's compound score of each sentence of each paragraph."""
        analyzer = models.vader()
        return [[analyzer.polarity_scores(s)["compound"] for s in sentences(t)] for t in texts]

    def combine(self, article: ArticleText, out: Enrichment, values: Sequence[Any]) -> None:
        scores = [score for paragraph in values for score in paragraph]
        if scores:
            out.sentiment = round(sum(scores) / len(scores), 4)
