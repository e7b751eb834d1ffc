"""Sentiment: VADER's compound score averaged over sentences, English only.

VADER's lexicon and rules are English; for any other language the value stays null.
Scoring sentence by sentence (rather than the whole body at once, where the compound
score saturates towards +-1 on long texts) gives an article value in [-1, 1].
"""

from __future__ import annotations

import re

from services.pipeline.enrich import models
from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment

# Closing quotes after a full stop are bounded: a run of quotes is rescanned from each.
SENTENCE_SPLIT = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019)]{0,8}\s+|\n+")


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in SENTENCE_SPLIT.split(text)) if s]


class SentimentEnricher(Enricher):
    name = "sentiment"
    requires = (models.vader,)

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        if out.language != "en":
            return
        analyzer = models.vader()
        scores = [analyzer.polarity_scores(s)["compound"] for s in sentences(article.body)]
        if scores:
            out.sentiment = round(sum(scores) / len(scores), 4)
