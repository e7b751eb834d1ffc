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

# VADER's work on one sentence grows with the square of its length (a 16,000-word run
# without a full stop took 15 s); prose sentences stay far below this many words, and a
# longer one is scored in pieces of this many words, so the step stays linear.
MAX_SENTENCE_WORDS = 100

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


def scored_pieces(sentence: str) -> list[str]:
    """The sentence itself, or pieces of ``MAX_SENTENCE_WORDS`` words of a longer one."""
    words = sentence.split()
    if len(words) <= MAX_SENTENCE_WORDS:
        return [sentence]
    return [" ".join(words[i : i + MAX_SENTENCE_WORDS]) for i in range(0, len(words), MAX_SENTENCE_WORDS)]


class SentimentEnricher(ParagraphEnricher):
    """Sentences never span paragraphs (``sentences`` splits at line breaks), so the
    scores are kept per paragraph and reused for copies (``ParagraphMemo``)."""

    name = "sentiment"
    requires = (models.vader,)
    revision = 2  # 2: sentences over MAX_SENTENCE_WORDS scored in pieces

    def memo_key(self) -> str:
        return f"sentiment/{self.revision}/vader={models.vader_version()}"

    def applies(self, article: ArticleText, out: Enrichment) -> bool:
        return out.language == "en"

    def per_paragraph(self, texts: Sequence[str]) -> list[Any]:
        """VADER's compound score of each sentence of each paragraph (of each piece of an
        overlong one)."""
        analyzer = models.vader()
        return [[analyzer.polarity_scores(piece)["compound"] for s in sentences(t) for piece in scored_pieces(s)]
                for t in texts]

    def combine(self, article: ArticleText, out: Enrichment, values: Sequence[Any]) -> None:
        scores = [score for paragraph in values for score in paragraph]
        if scores:
            out.sentiment = round(sum(scores) / len(scores), 4)
