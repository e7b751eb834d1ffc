"""Enrichment: pluggable steps that add language, entities, keywords, sentiment,
readability, reading time, wire-copy and content-farm signals to a stored article.

``build_enrichers(profile)`` gives the steps of a profile, in order (later steps
read what earlier ones set); ``run_enrichers`` runs them on one article,
``run_enrichers_many`` on several (the NER model batches with ``nlp.pipe``). Steps
whose work depends only on a paragraph's text (entities, sentiment) compute it once
per paragraph and reuse it through a ``ParagraphMemo`` (``paragraphs.py``).
Profiles: ``full`` (everything) and ``fast`` (no NER model).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

import structlog

from services.budget import Budget, enforce
from services.errors import ParseTimeout, TooLarge
from services.pipeline.enrich.base import (
    ENTITY_TYPES,
    ArticleText,
    Enricher,
    Enrichment,
    Entity,
    EntityType,
)
from services.pipeline.enrich.entities import EntityEnricher
from services.pipeline.enrich.keywords import KeywordEnricher
from services.pipeline.enrich.language import LanguageEnricher
from services.pipeline.enrich.linklists import LinkListEnricher
from services.pipeline.enrich.paragraphs import ParagraphEnricher, ParagraphMemo, memo_keys
from services.pipeline.enrich.quality import QualityEnricher
from services.pipeline.enrich.readability import ReadabilityEnricher, ReadingTimeEnricher
from services.pipeline.enrich.sentiment import SentimentEnricher
from services.pipeline.enrich.staleness import StalenessEnricher
from services.pipeline.enrich.wire import WireEnricher

__all__ = [
    "ENTITY_TYPES",
    "PROFILES",
    "ArticleText",
    "Enricher",
    "Enrichment",
    "Entity",
    "EntityType",
    "ParagraphEnricher",
    "ParagraphMemo",
    "Profile",
    "build_enrichers",
    "memo_keys",
    "run_enrichers",
]

log = structlog.get_logger(__name__)

Profile = Literal["full", "fast"]
PROFILES: tuple[Profile, ...] = ("full", "fast")


def build_enrichers(profile: str = "full") -> list[Enricher]:
    if profile not in PROFILES:
        raise ValueError(f"unknown enrichment profile {profile!r}; expected one of {PROFILES}")
    steps: list[Enricher] = [LanguageEnricher()]
    if profile == "full":
        steps.append(EntityEnricher())
    steps += [
        KeywordEnricher(),
        SentimentEnricher(),
        ReadabilityEnricher(),
        ReadingTimeEnricher(),
        WireEnricher(),
        StalenessEnricher(),
        LinkListEnricher(),
        QualityEnricher(),
    ]
    return steps


def run_enrichers(enrichers: Sequence[Enricher], article: ArticleText, *, profile: str = "full",
                  budget: Budget | None = None, memo: ParagraphMemo | None = None) -> Enrichment:
    """Every step in order. With a ``budget``, each step runs under it on its own; a step
    over it (``too_slow``, ``too_large``) is recorded in ``Enrichment.errors`` and
    skipped, and the steps after it still run. So is a step that fails on the article
    (``step_failed``: a bug met by this input): one odd article must not fail its whole
    enrichment again and again. With a ``memo``, the per-paragraph steps reuse the values
    of paragraphs it holds and add the ones they compute."""
    out = Enrichment(profile=profile)
    for step in enrichers:
        try:
            if budget is None:
                step(article, out, memo)
                continue
            with enforce(replace(budget, what=f"the enrichment step {step.name}")):
                step(article, out, memo)
        except (ParseTimeout, TooLarge) as exc:
            out.errors[step.name] = (exc.code, exc.message)
        except Exception as exc:  # a bug in one step: recorded, the others still run
            log.exception("enrichment_step_failed", step=step.name, article_id=article.article_id)
            out.errors[step.name] = ("step_failed", f"{step.name}: {type(exc).__name__}: {exc}")
    return out


def run_enrichers_many(
    enrichers: Sequence[Enricher], articles: Sequence[ArticleText], *, profile: str = "full",
    memo: ParagraphMemo | None = None,
) -> list[Enrichment]:
    """Several articles step by step: a per-paragraph step computes the new paragraphs
    of all of them in one batch (one ``nlp.pipe`` for NER)."""
    outs = [Enrichment(profile=profile) for _ in articles]
    items = list(zip(articles, outs, strict=True))
    for step in enrichers:
        step.run_many(items, memo)
    return outs
