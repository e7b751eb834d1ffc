"""Language: ISO 639-1 code and confidence, by lingua over a restricted language set."""

from __future__ import annotations

from typing import ClassVar

from services.pipeline.enrich import models
from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment

# The opening of the body is plenty: lingua is as sure on 1,500 characters as on the
# whole article, and its cost grows with the text.
SAMPLE_CHARS = 1500
MIN_LETTERS = 20


class LanguageEnricher(Enricher):
    name = "language"
    requires = (models.lingua_detector,)
    sample_chars: ClassVar[int] = SAMPLE_CHARS

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        text = f"{article.title or ''}\n{article.body[: self.sample_chars]}"
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
            return
        values = models.lingua_detector().compute_language_confidence_values(text)
        if not values or values[0].value <= 0:
            return
        best = values[0]
        out.language = best.language.iso_code_639_1.name.lower()
        out.language_confidence = round(float(best.value), 3)
