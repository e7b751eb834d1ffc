"""Language: ISO 639-1 code and confidence, by lingua over a restricted language set."""

from __future__ import annotations

from typing import ClassVar

from services.pipeline.enrich import models
from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment

# The opening of the body is plenty, and lingua's cost grows with the text: on 500
# characters it names the same language as on the whole text, in every language of
# the set (``python -m benchmarks.eval_enrich --languages``), at a third of the CPU of
# the 1,500 characters read before.
SAMPLE_CHARS = 500
MIN_LETTERS = 20


class LanguageEnricher(Enricher):
    name = "language"
    requires = (models.lingua_detector,)
    sample_chars: ClassVar[int] = SAMPLE_CHARS

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        text = f"{article.title or ''}\n{article.body[: self.sample_chars]}"
        if sum(map(str.isalpha, text)) < MIN_LETTERS:
            return
        values = models.lingua_detector().compute_language_confidence_values(text)
        if not values or values[0].value <= 0:
            return
        best = values[0]
        out.language = models.lingua_language_code(best.language.name)
        out.language_confidence = round(float(best.value), 3)
