"""SQL for enrichment results.

``EnrichmentRepository`` (``uow.enrichment``) works on the connection of the unit of
work that owns it and never commits.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg

from services.domain.models import ArticleForEnrichment
from services.pipeline.enrich import Enrichment
from services.storage.db import translate_errors
from services.versions import ENRICH_VERSION

MAX_PAGE_BYTES = 2_000_000  # how much of the raw file ArticleForEnrichment.page holds


def _step_error(result: Enrichment) -> tuple[str | None, str | None]:
    """(code, message) of the first step that failed its budget, or (None, None)."""
    for step, (code, message) in result.errors.items():
        return code, f"enrichment step {step}: {message}"[:2000]
    return None, None


class EnrichmentRepository:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def article(self, article_id: int, *, for_update: bool = False) -> ArticleForEnrichment | None:
        lock = " FOR UPDATE OF a" if for_update else ""
        with translate_errors("load article for enrichment"):
            row = self._conn.execute(
                "SELECT a.article_id, a.body, a.title, a.site_name, a.url, a.published_at,"
                " a.wire_source, a.language_hint, substring(r.content FROM 1 FOR %s), a.enriched_at"
                " FROM copydesk.articles a JOIN copydesk.ingest_jobs j USING (job_id)"
                " LEFT JOIN copydesk.raw_documents r ON r.sha256 = j.sha256"
                f" WHERE a.article_id = %s{lock}",
                (MAX_PAGE_BYTES, article_id),
            ).fetchone()
        if row is None:
            return None
        return ArticleForEnrichment(
            article_id=int(row[0]), body=row[1], title=row[2], site_name=row[3], url=row[4],
            published_at=row[5], wire_source=row[6], language_hint=row[7],
            page=bytes(row[8]) if row[8] is not None else None, enriched_at=row[9],
        )  # fmt: skip

    def replace(self, article_id: int, result: Enrichment) -> None:
        """Write ``result`` as the article's only enrichment; sets ``enriched_at``."""
        entities = sorted({(e.name, e.type): e.mentions for e in result.entities or []}.items())
        with translate_errors("store enrichment"):
            self._conn.execute("DELETE FROM copydesk.article_entities WHERE article_id = %s", (article_id,))
            self._conn.execute(
                "INSERT INTO copydesk.article_enrichment (article_id, profile, language,"
                " language_confidence, keywords, keyword_scores, sentiment, readability, reading_time_s,"
                " wire_source, is_wire_copy, stale_republish, link_list_spam, quality_score, signals,"
                " timings_ms, enriched_at)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, now())"
                " ON CONFLICT (article_id) DO UPDATE SET profile = EXCLUDED.profile,"
                " language = EXCLUDED.language, language_confidence = EXCLUDED.language_confidence,"
                " keywords = EXCLUDED.keywords, keyword_scores = EXCLUDED.keyword_scores,"
                " sentiment = EXCLUDED.sentiment, readability = EXCLUDED.readability,"
                " reading_time_s = EXCLUDED.reading_time_s, wire_source = EXCLUDED.wire_source,"
                " is_wire_copy = EXCLUDED.is_wire_copy, stale_republish = EXCLUDED.stale_republish,"
                " link_list_spam = EXCLUDED.link_list_spam, quality_score = EXCLUDED.quality_score,"
                " signals = EXCLUDED.signals, timings_ms = EXCLUDED.timings_ms, enriched_at = now()",
                (
                    article_id, result.profile, result.language, result.language_confidence,
                    [k for k, _ in result.keywords], [s for _, s in result.keywords],
                    result.sentiment, result.readability, result.reading_time_s, result.wire_source,
                    result.is_wire_copy, result.stale_republish, result.link_list_spam,
                    result.quality_score, json.dumps(result.signals), json.dumps(result.timings_ms),
                ),
            )  # fmt: skip
            if entities:
                names = [name for (name, _), _ in entities]
                types = [etype for (_, etype), _ in entities]
                # Sorted, and DO NOTHING (no row locks): concurrent enrichers naming the
                # same entities neither deadlock nor wait on each other past the insert.
                self._conn.execute(
                    "INSERT INTO copydesk.entities (name, type)"
                    " SELECT * FROM unnest(%s::text[], %s::text[]) ORDER BY 1, 2"
                    " ON CONFLICT (name, type) DO NOTHING",
                    (names, types),
                )
                self._conn.execute(
                    "INSERT INTO copydesk.article_entities (article_id, entity_id, mentions)"
                    " SELECT %s, e.entity_id, v.mentions"
                    " FROM unnest(%s::text[], %s::text[], %s::int[]) AS v(name, type, mentions)"
                    " JOIN copydesk.entities e ON e.name = v.name AND e.type = v.type",
                    (article_id, names, types, [m for _, m in entities]),
                )
            # Complete: the attempt count starts again; a step over its budget is
            # recorded (its fields stay null, the other steps' results are stored).
            code, message = _step_error(result)
            self._conn.execute(
                "UPDATE copydesk.articles SET enriched_at = now(), enrich_attempts = 0,"
                " enrich_error = %s, enrich_error_message = %s, enrich_version = %s"
                " WHERE article_id = %s",
                (code, message, ENRICH_VERSION, article_id),
            )

    def begin_attempt(self, article_id: int) -> int | None:
        """Count one more enrichment run of the article (before it runs, so a run whose
        process is killed counts too); the count, or None when there is no such article."""
        with translate_errors("count enrichment attempt"):
            row = self._conn.execute(
                "UPDATE copydesk.articles SET enrich_attempts = enrich_attempts + 1"
                " WHERE article_id = %s RETURNING enrich_attempts",
                (article_id,),
            ).fetchone()
        return int(row[0]) if row else None

    def give_up(self, article_id: int, *, code: str, message: str) -> None:
        """Record that enrichment failed for good: the reconciler sends it no more
        (setting ``enrich_error`` back to null and ``enrich_attempts`` to 0 tries again)."""
        with translate_errors("record enrichment failure"):
            self._conn.execute(
                "UPDATE copydesk.articles SET enrich_error = %s, enrich_error_message = %s"
                " WHERE article_id = %s",
                (code, message[:2000], article_id),
            )

    def count_unenriched(self) -> int:
        with translate_errors("count unenriched articles"):
            row = self._conn.execute(
                "SELECT count(*) FROM copydesk.articles WHERE enriched_at IS NULL"
                " AND enrich_error IS NULL"
            ).fetchone()
        return int(row[0]) if row else 0

    def claim_unenriched(self, *, after_s: float, broker_empty: bool, limit: int = 500) -> list[int]:
        """Articles whose enrich message may be lost: unenriched for ``after_s`` since
        they were stored or last sent, doubled per earlier send (up to 32x) unless the
        queue is empty; never one whose enrichment was given up (``enrich_error``).
        Locked, so concurrent reconcilers skip them."""
        with translate_errors("find unenriched articles"):
            rows = self._conn.execute(
                "SELECT article_id FROM copydesk.articles WHERE enriched_at IS NULL"
                " AND enrich_error IS NULL AND coalesce(enrich_last_sent_at, ingested_at) < now() -"
                "  make_interval(secs => %s * CASE WHEN %s THEN 1"
                "                ELSE pg_catalog.power(2, least(greatest(enrich_sends - 1, 0), 5)) END)"
                " ORDER BY ingested_at LIMIT %s FOR UPDATE SKIP LOCKED",
                (after_s, broker_empty, limit),
            ).fetchall()
        return [int(r[0]) for r in rows]

    def mark_sent(self, article_ids: list[int]) -> None:
        with translate_errors("mark enrichment sent"):
            self._conn.execute(
                "UPDATE copydesk.articles SET enrich_sends = enrich_sends + 1, enrich_last_sent_at = now()"
                " WHERE article_id = ANY(%s)",
                (article_ids,),
            )
