"""One quality score in [0, 1] from the other enrichments (runs last).

    base    = mean of the three parts
              substance   L = min(1, words / 400)
              readability R = max(0, 1 - |FRE - 60| / 60)   (English; FRE = Flesch)
              specificity E = min(1, distinct entities / 8)  (when NER ran)
              a part that could not be measured (R and E for a language other than
              English, E under the "fast" profile) counts as its mean over articles
              where it was: neither a reward nor a penalty for being unmeasured
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
# Means of R and E over the 81 English articles of the dev benchmark's ground truth
# (run_enrichers with the "full" profile on each articleBody). Without them a long
# article in any other language scored L alone, 1.0, above every English article.
MEAN_READABILITY_PART = 0.81
MEAN_SPECIFICITY_PART = 0.94


def quality_score(out: Enrichment, *, words: int) -> float:
    parts = [
        min(1.0, words / 400),
        MEAN_READABILITY_PART if out.readability is None
        else max(0.0, 1 - abs(out.readability - 60) / 60),
        MEAN_SPECIFICITY_PART if out.entities is None else min(1.0, len(out.entities) / 8),
    ]
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
