"""The enrichment step contract: typed input and output, and a base class owning timing.

An enricher implements one method, ``apply(article, out)``: it reads the article (and
fields earlier steps filled in ``out``) and sets its own fields on ``out``. The base
class times it in CPU milliseconds (``services.budget.cpu_time``) into ``out.timings_ms`` and
loads the models it ``requires`` on ``warm()``. Heavy libraries are imported inside the
loaders in ``services.pipeline.enrich.models``, never at import.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Literal

from services.budget import cpu_time

EntityType = Literal["PERSON", "ORG", "PLACE", "NORP"]
ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "NORP")


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleText:
    """What enrichment reads: the stored article, and the page's text when known."""

    body: str
    article_id: int | None = None
    title: str | None = None
    site_name: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    wire_source: str | None = None
    language_hint: str | None = None
    page_text: str | None = None  # the raw file decoded (for link-list signals)

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    type: EntityType
    mentions: int


@dataclass(slots=True)
class Enrichment:
    """Everything enrichment says about one article; ``None`` means "not computed"."""

    profile: str = "full"
    language: str | None = None
    language_confidence: float | None = None
    entities: list[Entity] | None = None  # None: no NER in this profile or language
    keywords: list[tuple[str, float]] = field(default_factory=list)
    sentiment: float | None = None
    readability: float | None = None
    reading_time_s: int | None = None
    wire_source: str | None = None
    is_wire_copy: bool | None = None
    stale_republish: bool | None = None
    link_list_spam: bool | None = None
    quality_score: float | None = None
    signals: dict[str, Any] = field(default_factory=dict)  # evidence behind the flags
    # Steps that failed their budget (services.budget): name -> (code, message); their
    # fields stay None and the later steps still run.
    errors: dict[str, tuple[str, str]] = field(default_factory=dict)
    timings_ms: dict[str, float] = field(default_factory=dict)


class Enricher(abc.ABC):
    """One enrichment step. Subclasses set ``name`` and implement ``apply``."""

    name: ClassVar[str]
    # Model loaders this step needs (cached per process); ``warm()`` calls them.
    requires: ClassVar[tuple[Callable[[], object], ...]] = ()

    def warm(self) -> None:
        for load in self.requires:
            load()

    def __call__(self, article: ArticleText, out: Enrichment, memo: Any = None) -> None:
        """Run the step, timed; ``memo`` (a ``ParagraphMemo``) lends the values of
        paragraphs seen before to the steps that work per paragraph."""
        started = cpu_time()
        try:
            if memo is None:
                self.apply(article, out)
            else:
                self.apply_memo(article, out, memo)
        finally:
            out.timings_ms[self.name] = round((cpu_time() - started) * 1000, 3)

    def run_many(self, items: Sequence[tuple[ArticleText, Enrichment]], memo: Any = None) -> None:
        """Several articles at once; steps with a batched model override ``apply_many``."""
        started = cpu_time()
        if memo is None:
            self.apply_many(items)
        else:
            self.apply_many_memo(items, memo)
        share = round((cpu_time() - started) * 1000 / max(1, len(items)), 3)
        for _, out in items:
            out.timings_ms[self.name] = share

    def apply_many(self, items: Sequence[tuple[ArticleText, Enrichment]]) -> None:
        for article, out in items:
            self.apply(article, out)

    def apply_memo(self, article: ArticleText, out: Enrichment, memo: Any) -> None:
        """``apply`` with a paragraph memo: only per-paragraph steps use it."""
        self.apply(article, out)

    def apply_many_memo(self, items: Sequence[tuple[ArticleText, Enrichment]], memo: Any) -> None:
        self.apply_many(items)

    @abc.abstractmethod
    def apply(self, article: ArticleText, out: Enrichment) -> None: ...
