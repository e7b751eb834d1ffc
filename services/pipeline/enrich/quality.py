"""One quality score in [0, 1] from the other enrichments (runs last).

    base    = mean of the available parts among
              substance   L = min(1, words / 400)
              readability R = max(0, 1 - |FRE - 60| / 60)   (English; FRE = Flesch)
              specificity E = min(1, distinct entities / 8)  (when NER ran)
    quality = base * 0.5 if stale_republish * 0.8 if link_list_spam
                   * 0.9 if is_wire_copy

A long, plainly written article that names who and where scores near 1; a short
or opaque one lower; a republished, padded copy of an old wire story about a third
of what the original would.
"""

from __future__ import annotations

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment

STALE_FACTOR = 0.5
SPAM_FACTOR = 0.8
WIRE_COPY_FACTOR = 0.9


def quality_score(out: Enrichment, *, words: int) -> float:
    parts = [min(1.0, words / 400)]
    if out.readability is not None:
        parts.append(max(0.0, 1 - abs(out.readability - 60) / 60))
    if out.entities is not None:
        parts.append(min(1.0, len(out.entities) / 8))
    score = sum(parts) / len(parts)
    if out.stale_republish:
        score *= STALE_FACTOR
    if out.link_list_spam:
        score *= SPAM_FACTOR
    if out.is_wire_copy:
        score *= WIRE_COPY_FACTOR
    return round(min(1.0, max(0.0, score)), 3)


class QualityEnricher(Enricher):
    name = "quality"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        out.quality_score = quality_score(out, words=article.word_count)
