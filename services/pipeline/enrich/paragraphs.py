"""Work done once per paragraph: results that depend only on a paragraph's text.

Content farms copy wire text paragraph for paragraph. A ``ParagraphEnricher`` splits
the work of its step in two: ``per_paragraph`` computes a JSON-able value for each
paragraph from its text alone (the NER model's mentions, VADER's score per sentence),
and ``combine`` makes the article's result from the values of all its paragraphs. The
values go through a ``ParagraphMemo`` keyed by the step's ``memo_key`` and the
paragraph's hash, so a paragraph seen before (in this article's earlier run, another
copy, another worker: the service fills the memo from Postgres, see
``services.storage.enrichment``) is not computed again.

Paragraphs are those of the stored body (``normalise_body``): blocks separated by
exactly one blank line, each already normalised, so the same paragraph in two copies
is the same string. ``paragraph_hash`` is the first 128 bits of its sha256, in hex; the
database computes the same from the stored body (``substring(sha256(...) for 16)``).

A step's ``memo_key`` names everything its values depend on: the step, a revision of
its code (``revision``, raised whenever ``per_paragraph`` changes what it returns) and
the versions of the model and library it runs, so a new model never reads values an
older one made.
"""

from __future__ import annotations

import abc
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment

__all__ = ["ParagraphEnricher", "ParagraphMemo", "paragraph_hash", "paragraphs"]

MemoKey = tuple[str, str]  # (step memo key, paragraph hash)


def paragraphs(body: str) -> list[str]:
    """The stored body's paragraphs (``normalise_body`` separates them by one blank line)."""
    return [p for p in body.split("\n\n") if p]


def paragraph_hash(paragraph: str) -> str:
    return hashlib.sha256(paragraph.encode("utf-8")).hexdigest()[:32]


class ParagraphMemo:
    """Values by (step memo key, paragraph hash): those known before the run (``known``)
    and those computed in it (``new``, what the caller stores). ``max_entries`` bounds
    an in-process memo kept across articles (oldest dropped first)."""

    def __init__(self, known: Mapping[MemoKey, Any] | None = None, *, max_entries: int | None = None) -> None:
        self._values: dict[MemoKey, Any] = dict(known or {})
        self.new: dict[MemoKey, Any] = {}
        self.max_entries = max_entries
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: MemoKey) -> Any | None:
        return self._values.get(key)

    def put(self, key: MemoKey, value: Any) -> None:
        self._values[key] = value
        self.new[key] = value
        if self.max_entries is not None and len(self._values) > self.max_entries:
            for old in list(self._values)[: len(self._values) - self.max_entries]:
                del self._values[old]

    def take_new(self) -> dict[MemoKey, Any]:
        """The values computed since the last call (an in-process memo's callers use it
        to keep ``new`` from growing)."""
        new, self.new = self.new, {}
        return new


class ParagraphEnricher(Enricher):
    """A step whose costly part is a function of each paragraph's text alone."""

    revision: ClassVar[int] = 1

    @abc.abstractmethod
    def memo_key(self) -> str:
        """The step, its ``revision`` and the model versions its values depend on."""

    def applies(self, article: ArticleText, out: Enrichment) -> bool:
        return True

    @abc.abstractmethod
    def per_paragraph(self, texts: Sequence[str]) -> list[Any]:
        """One JSON-able value per paragraph (batched: several paragraphs per call)."""

    @abc.abstractmethod
    def combine(self, article: ArticleText, out: Enrichment, values: Sequence[Any]) -> None:
        """Set the step's fields on ``out`` from its paragraphs' values, in body order."""

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        self.apply_memo(article, out, ParagraphMemo())

    def apply_memo(self, article: ArticleText, out: Enrichment, memo: ParagraphMemo) -> None:
        self.apply_many_memo([(article, out)], memo)

    def apply_many(self, items: Sequence[tuple[ArticleText, Enrichment]]) -> None:
        self.apply_many_memo(items, ParagraphMemo())

    def apply_many_memo(self, items: Sequence[tuple[ArticleText, Enrichment]], memo: ParagraphMemo) -> None:
        """Every paragraph not in ``memo`` of every article, in one ``per_paragraph`` call."""
        step = self.memo_key()
        todo = [(a, o, paragraphs(a.body)) for a, o in items if self.applies(a, o)]
        missing: dict[str, str] = {}
        for _, _, paras in todo:
            for text in paras:
                key = paragraph_hash(text)
                if key in missing:
                    continue
                if memo.get((step, key)) is None:
                    missing[key] = text
                else:
                    memo.hits += 1
        memo.misses += len(missing)
        if missing:
            for key, value in zip(missing, self.per_paragraph(list(missing.values())), strict=True):
                memo.put((step, key), value)
        for article, out, paras in todo:
            self.combine(article, out, [memo.get((step, paragraph_hash(p))) for p in paras])


def memo_keys(steps: Iterable[Enricher]) -> list[str]:
    """The memo keys of the paragraph steps among ``steps`` (models must be loaded)."""
    return [s.memo_key() for s in steps if isinstance(s, ParagraphEnricher)]
