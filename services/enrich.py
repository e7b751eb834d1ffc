"""The enrich service: one stored article through the enrichers, results replaced in one
transaction.

Called by the thin Celery task ``copydesk.enrich`` (``workers/tasks.py``); knows
nothing of Celery. Idempotent: enriching an article again replaces every result
of the earlier run (entities included) and moves ``enriched_at``.

Budgets: each step runs under ``budget`` (``COPYDESK_ENRICH_STEP_TIMEOUT_S``,
``COPYDESK_PARSE_MEMORY_MB``); a step over it is skipped and recorded on the article
(``enrich_error``, e.g. ``too_slow``). Each run is counted before it starts
(``enrich_attempts``), so a run whose process dies counts too; the run after
``max_attempts`` unfinished ones records ``attempts_exhausted`` instead and the
reconciler sends the article no more.

Work is not repeated for copies: the per-paragraph steps (entities, sentiment) take
the values of paragraphs seen before from ``copydesk.paragraph_results`` and add the
ones this run computed (``services.pipeline.enrich.paragraphs``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import structlog

from services.budget import Budget, cpu_time
from services.domain.models import MAX_PAGE_BYTES, ArticleForEnrichment, ParsedArticle
from services.pipeline.enrich import (
    ArticleText,
    Enricher,
    Enrichment,
    ParagraphMemo,
    build_enrichers,
    memo_keys,
    run_enrichers,
)
from services.pipeline.enrich.paragraphs import paragraph_hash, paragraphs
from services.ports import UnitOfWork

log = structlog.get_logger(__name__)


def enrich_article(
    article_id: int,
    *,
    uow_factory: Callable[[], UnitOfWork],
    profile: str = "full",
    enrichers: Sequence[Enricher] | None = None,
    budget: Budget | None = None,
    max_attempts: int | None = None,
    paragraph_cache_rows: int = 500_000,
) -> Enrichment | None:
    """Enrich one article; ``None`` when there is no such article (nothing to retry) or
    its enrichment was given up after ``max_attempts`` unfinished runs.

    Two transactions: one statement counts the run and loads the article with the
    stored values of its paragraphs; after the steps, one pipeline stores the results
    and the paragraph values this run computed (``paragraph_cache_rows``: how many the
    cache keeps, 0: none are stored)."""
    steps = build_enrichers(profile) if enrichers is None else enrichers
    for step in steps:  # models load outside the budget (cached per process)
        step.warm()
    keys = memo_keys(steps) if paragraph_cache_rows else []
    with uow_factory() as uow:
        start = uow.enrichment.begin(article_id, memo_keys=keys)
        if start is not None and max_attempts is not None and start.attempts > max_attempts:
            message = (f"gave up after {start.attempts - 1} enrichment runs that never finished "
                       "(the enricher was killed or timed out)")
            uow.enrichment.give_up(article_id, code="attempts_exhausted", message=message)
            uow.commit()
            log.error("enrichment_gave_up", article_id=article_id, error_code="attempts_exhausted",
                      attempts=start.attempts - 1)
            return None
        uow.commit()
    if start is None:
        log.warning("enrich_article_missing", article_id=article_id)
        return None

    started = cpu_time()
    memo = ParagraphMemo(start.paragraphs)
    result = run_enrichers(steps, to_text(start.article), profile=profile, budget=budget, memo=memo)
    cpu_ms = round((cpu_time() - started) * 1000, 3)

    with uow_factory() as uow:
        stored = uow.enrichment.store(
            article_id, result,
            replace_entities=start.article.enriched_at is not None,
            paragraphs=memo.new if paragraph_cache_rows else None,
            max_rows=paragraph_cache_rows,
        )  # fmt: skip
        if not stored:  # deleted meanwhile
            return None
        uow.commit()
    _log_enriched(article_id, profile=profile, result=result, memo=memo, cpu_ms=cpu_ms)
    return result


def _log_enriched(article_id: int, *, profile: str, result: Enrichment, memo: ParagraphMemo, cpu_ms: float,
                  **fields: object) -> None:
    log.info(
        "article_enriched",
        article_id=article_id,
        profile=profile,
        language=result.language,
        entities=len(result.entities or ()),
        quality_score=result.quality_score,
        stale_republish=result.stale_republish,
        cpu_ms=cpu_ms,
        step_ms=result.timings_ms,
        paragraphs_reused=memo.hits,
        paragraphs_computed=memo.misses,
        step_errors={step: code for step, (code, _) in result.errors.items()} or None,
        **fields,
    )


def to_text(stored: ArticleForEnrichment) -> ArticleText:
    return ArticleText(
        article_id=stored.article_id,
        body=stored.body,
        title=stored.title,
        site_name=stored.site_name,
        url=stored.url,
        published_at=stored.published_at,
        wire_source=stored.wire_source,
        language_hint=stored.language_hint,
        page_text=_page_text(stored.page),
    )


def _page_text(page: bytes | None) -> str | None:
    # Compressed drops (gzip, WARC.gz) are not unpacked again here: no link-list signal.
    if page is None or page.startswith(b"\x1f\x8b"):
        return None
    return page[:MAX_PAGE_BYTES].decode("utf-8", errors="replace")


@dataclass(frozen=True, slots=True)
class Computed:
    """An article's enrichment, computed before the article was stored."""

    result: Enrichment
    memo: ParagraphMemo
    cpu_ms: float


@dataclass(frozen=True, slots=True, kw_only=True)
class InlineEnricher:
    """How an ingest worker enriches the articles it stores (``COPYDESK_ENRICH_INLINE``).

    On a job's first delivery the ingest calls ``before_store`` and ``write`` inside its
    store transaction, before and after it writes the article: the article and its
    enrichment are committed together, with no second and third transaction, no
    re-read of the stored article and its page, and no moment when the article is
    stored unenriched. (The transaction stays open while the enrichers run: it holds
    the job's row and the body's lock, which only a job with the same body waits for.)
    If the process dies in the enrichers, the job is delivered again; that delivery
    stores the article first and then enriches it with ``after_store``
    (``enrich_article``, whose runs are counted before they start, so an article that
    kills its enricher is given up, not retried for ever), as the enrich task does.
    """

    uow_factory: Callable[[], UnitOfWork]
    profile: str
    enrichers: Sequence[Enricher]
    budget: Budget | None = None
    max_attempts: int | None = None
    paragraph_cache_rows: int = 500_000

    def before_store(self, uow: UnitOfWork, article: ParsedArticle, *, raw: bytes,
                     body_hash: str) -> Computed | None:
        """The enrichment of ``article`` (its body normalised, as it will be stored), in
        the store's unit of work ``uow`` before the article is written: None when an
        article with that body is stored already (this one is its duplicate: nothing to
        enrich), or when the enrichers fail (the article is then stored, and enriched
        after the store or by the enrich queue). The caller holds the body's lock
        (``JobRepository.get(lock_body=...)``, ``ArticleRepository.lock_body``), so a
        job with the same body in flight elsewhere was waited for and a duplicate is
        not enriched twice; one read here: whether the body is stored, and the stored
        values of the article's paragraphs."""
        keys = memo_keys(self.enrichers) if self.paragraph_cache_rows else []
        hashes = [paragraph_hash(p) for p in paragraphs(article.body)] if keys else []
        exists, known = uow.enrichment.known(body_hash=body_hash, memo_keys=keys, paragraph_hashes=hashes)
        if exists:
            return None
        started = cpu_time()
        memo = ParagraphMemo(known)
        text = ArticleText(body=article.body, title=article.title, site_name=article.site_name, url=article.url,
                           published_at=article.published_at, wire_source=article.wire_source,
                           language_hint=article.language, page_text=_page_text(raw))
        try:
            for step in self.enrichers:  # loaded when the process started; warm() is then free
                step.warm()
            result = run_enrichers(self.enrichers, text, profile=self.profile, budget=self.budget, memo=memo)
        except Exception as exc:  # noqa: BLE001  # stored first, then enriched as any other article
            log.warning("inline_enrichment_failed", error=f"{type(exc).__name__}: {exc}")
            return None
        return Computed(result=result, memo=memo, cpu_ms=round((cpu_time() - started) * 1000, 3))

    def write(self, uow: UnitOfWork, article_id: int, computed: Computed, *, article_marked: bool = False) -> None:
        """The results of ``before_store``, in the transaction that stores the article
        (``article_marked``: the article row was written with its enrichment state)."""
        uow.enrichment.store(article_id, computed.result, replace_entities=False,
                             paragraphs=computed.memo.new if self.paragraph_cache_rows else None,
                             max_rows=self.paragraph_cache_rows, article_marked=article_marked)

    def written(self, article_id: int, computed: Computed) -> None:
        """The ``article_enriched`` line, once the store committed."""
        _log_enriched(article_id, profile=self.profile, result=computed.result, memo=computed.memo,
                      cpu_ms=computed.cpu_ms, before_store=True)

    def after_store(self, article_id: int) -> Enrichment | None:
        """Enrich an article stored without its enrichment, as the enrich task does."""
        return enrich_article(article_id, uow_factory=self.uow_factory, profile=self.profile,
                              enrichers=self.enrichers, budget=self.budget, max_attempts=self.max_attempts,
                              paragraph_cache_rows=self.paragraph_cache_rows)

