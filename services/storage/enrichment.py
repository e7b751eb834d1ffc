"""SQL for enrichment results, and the paragraph results shared by every copy.

``EnrichmentRepository`` (``uow.enrichment``) works on the connection of the unit of
work that owns it and never commits.

A run of the enrich service costs two transactions: ``begin`` (one statement: count
the attempt, load the article with its raw page, and the stored paragraph values of
its paragraphs) and ``store`` (the results, entities and new paragraph values, sent in
one pipeline). An ingest that enriches its article before storing it reads ``known``
instead and calls ``store`` inside its own store transaction.
``copydesk.paragraph_results`` (migration 0007) is a bounded cache: rows are keyed by
the step's memo key (model and code versions: a new model never reads an old row)
and the paragraph's hash, inserted in key order with ``ON CONFLICT DO NOTHING``
(concurrent enrichers never deadlock on it), and the oldest rows are deleted once
there are more than ``max_rows``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import psycopg

from services.domain.models import MAX_PAGE_BYTES, ArticleForEnrichment, EnrichmentStart
from services.pipeline.enrich import Enrichment
from services.storage.db import translate_errors
from services.versions import ENRICH_VERSION

# Past every this many inserted paragraph rows, rows older than ``max_rows`` are deleted.
PRUNE_EVERY = 1000

_ARTICLE_COLUMNS = (
    "a.article_id, a.body, a.title, a.site_name, a.url, a.published_at, a.wire_source,"
    " a.language_hint, substring(r.content FROM 1 FOR %(page_bytes)s), a.enriched_at"
)



def _article(row: Sequence[Any]) -> ArticleForEnrichment:
    return ArticleForEnrichment(
        article_id=int(row[0]), body=row[1], title=row[2], site_name=row[3], url=row[4],
        published_at=row[5], wire_source=row[6], language_hint=row[7],
        page=bytes(row[8]) if row[8] is not None else None, enriched_at=row[9],
    )  # fmt: skip


def step_error(result: Enrichment) -> tuple[str | None, str | None]:
    """(code, message) of the first step that failed its budget, or (None, None)."""
    for step, (code, message) in result.errors.items():
        return code, f"enrichment step {step}: {message}"[:2000]
    return None, None


# The stored value of each (step s, paragraph h) pair, looked up in the primary key: as
# many probes as the article has paragraphs, whatever the table holds. Left to the
# planner, the join read every stored paragraph of the step whenever the table's
# statistics were older than its rows (a growing table: 1,400-4,000 rows read a job
# in bench_e2e, and more the more is stored); LIMIT 1 keeps the subquery from being
# flattened back into that join.
_PARAGRAPH_PROBE = ("CROSS JOIN LATERAL (SELECT r.result FROM copydesk.paragraph_results r"
                    " WHERE r.step = s.step AND r.hash = h.hash LIMIT 1) p")


class EnrichmentRepository:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def article(self, article_id: int, *, for_update: bool = False) -> ArticleForEnrichment | None:
        lock = " FOR UPDATE OF a" if for_update else ""
        with translate_errors("load article for enrichment"):
            row = self._conn.execute(
                f"SELECT {_ARTICLE_COLUMNS}"
                " FROM copydesk.articles a JOIN copydesk.ingest_jobs j USING (job_id)"
                " LEFT JOIN copydesk.raw_documents r ON r.sha256 = j.sha256"
                f" WHERE a.article_id = %(id)s{lock}",
                {"page_bytes": MAX_PAGE_BYTES, "id": article_id},
            ).fetchone()
        return None if row is None else _article(row)

    def begin(self, article_id: int, *, memo_keys: Sequence[str] = ()) -> EnrichmentStart | None:
        """One statement: count one more enrichment run of the article (before it runs,
        so a run whose process is killed counts too), load it, and load the stored
        values of its paragraphs for the steps ``memo_keys``. ``None``: no such article.

        The paragraphs are split and hashed here as ``paragraphs``/``paragraph_hash``
        do in Python: the stored body's blocks between blank lines, sha256's first 16
        bytes of their UTF-8 text.
        """
        with translate_errors("begin enrichment"):
            row = self._conn.execute(
                "WITH a AS (UPDATE copydesk.articles SET enrich_attempts = enrich_attempts + 1"
                "           WHERE article_id = %(id)s RETURNING *)"
                f" SELECT {_ARTICLE_COLUMNS}, a.enrich_attempts,"
                "  (SELECT coalesce(jsonb_agg(jsonb_build_array(s.step, encode(h.hash, 'hex'), p.result)), '[]')"
                "   FROM unnest(%(steps)b::text[]) AS s(step)"
                "   CROSS JOIN (SELECT DISTINCT substring(sha256(convert_to(t, 'UTF8')) FROM 1 FOR 16) AS hash"
                "               FROM regexp_split_to_table(a.body, E'\\n\\n') AS t) h"
                f"   {_PARAGRAPH_PROBE})"
                " FROM a JOIN copydesk.ingest_jobs j USING (job_id)"
                " LEFT JOIN copydesk.raw_documents r ON r.sha256 = j.sha256",
                {"id": article_id, "steps": list(memo_keys), "page_bytes": MAX_PAGE_BYTES},
                binary=True,  # the page's bytes as they are, not hex text twice their size
            ).fetchone()
        if row is None:
            return None
        values = {(str(step), str(key)): value for step, key, value in row[11]}
        return EnrichmentStart(article=_article(row), attempts=int(row[10]), paragraphs=values)

    def known(self, *, body_hash: str, memo_keys: Sequence[str] = (),
              paragraph_hashes: Sequence[str] = ()) -> tuple[bool, dict[tuple[str, str], Any]]:
        """One statement, before an article is stored (an ingest enriching it inline):
        whether an article with ``body_hash`` is stored already (this one will be its
        duplicate), and the stored values of the paragraphs ``paragraph_hashes`` for the
        steps ``memo_keys``."""
        with translate_errors("load paragraph results"):
            row = self._conn.execute(
                "SELECT EXISTS (SELECT 1 FROM copydesk.articles WHERE body_hash = %(body_hash)s),"
                " (SELECT coalesce(jsonb_agg(jsonb_build_array(s.step, encode(h.hash, 'hex'), p.result)), '[]')"
                "  FROM unnest(%(steps)b::text[]) AS s(step) CROSS JOIN unnest(%(hashes)b::bytea[]) AS h(hash)"
                f"  {_PARAGRAPH_PROBE})",
                {"body_hash": body_hash, "steps": list(memo_keys),
                 "hashes": [bytes.fromhex(h) for h in paragraph_hashes]},
            ).fetchone()
        assert row is not None  # a SELECT without FROM returns one row
        return bool(row[0]), {(str(step), str(key)): value for step, key, value in row[1]}

    def store(
        self,
        article_id: int,
        result: Enrichment,
        *,
        replace_entities: bool = True,
        paragraphs: Mapping[tuple[str, str], Any] | None = None,
        max_rows: int = 500_000,
        article_marked: bool = False,
    ) -> bool:
        """Write ``result`` as the article's only enrichment, set ``enriched_at`` and add
        the new paragraph values, in one pipeline (one round trip). ``False``: there is
        no such article (nothing was written). ``replace_entities=False`` skips deleting
        earlier entity rows (the article had none when the run began; a concurrent run
        of the same article writes the same rows, which the insert merges).
        ``article_marked``: the article row was written with its enrichment state in this
        transaction (``StoryRepository.add_article``), so only the results are written."""
        entities = sorted({(e.name, e.type): e.mentions for e in result.entities or []}.items())
        code, message = step_error(result)
        new = sorted((paragraphs or {}).items(), key=lambda item: item[0])
        with translate_errors("store enrichment"), self._conn.pipeline():
            if replace_entities:
                self._conn.execute("DELETE FROM copydesk.article_entities WHERE article_id = %s", (article_id,))
            # The article row first (locked by the UPDATE), then its results; nothing
            # is written when the article is gone. A marked article was written by this
            # transaction, with its state: only the results follow.
            article = ("WITH a AS (SELECT %(id)s::bigint AS article_id)" if article_marked else
                       "WITH a AS (UPDATE copydesk.articles SET enriched_at = now(), enrich_attempts = 0,"
                       "           enrich_error = %(code)s, enrich_error_message = %(message)s,"
                       "           enrich_version = %(enrich_version)s"
                       "           WHERE article_id = %(id)s RETURNING article_id)")
            stored = self._conn.execute(
                article + " INSERT INTO copydesk.article_enrichment (article_id, profile, language,"
                " language_confidence, keywords, keyword_scores, sentiment, readability, reading_time_s,"
                " wire_source, is_wire_copy, stale_republish, link_list_spam, quality_score, signals,"
                " timings_ms, enriched_at)"
                " SELECT a.article_id, %(profile)s, %(language)s, %(language_confidence)s, %(keywords)s,"
                " %(keyword_scores)s, %(sentiment)s, %(readability)s, %(reading_time_s)s, %(wire_source)s,"
                " %(is_wire_copy)s, %(stale_republish)s, %(link_list_spam)s, %(quality_score)s,"
                " %(signals)s, %(timings_ms)s, now() FROM a"
                " ON CONFLICT (article_id) DO UPDATE SET profile = EXCLUDED.profile,"
                " language = EXCLUDED.language, language_confidence = EXCLUDED.language_confidence,"
                " keywords = EXCLUDED.keywords, keyword_scores = EXCLUDED.keyword_scores,"
                " sentiment = EXCLUDED.sentiment, readability = EXCLUDED.readability,"
                " reading_time_s = EXCLUDED.reading_time_s, wire_source = EXCLUDED.wire_source,"
                " is_wire_copy = EXCLUDED.is_wire_copy, stale_republish = EXCLUDED.stale_republish,"
                " link_list_spam = EXCLUDED.link_list_spam, quality_score = EXCLUDED.quality_score,"
                " signals = EXCLUDED.signals, timings_ms = EXCLUDED.timings_ms, enriched_at = now()"
                " RETURNING article_id",
                {
                    "id": article_id, "code": code, "message": message, "profile": result.profile,
                    "enrich_version": ENRICH_VERSION,
                    "language": result.language, "language_confidence": result.language_confidence,
                    "keywords": [k for k, _ in result.keywords],
                    "keyword_scores": [s for _, s in result.keywords], "sentiment": result.sentiment,
                    "readability": result.readability, "reading_time_s": result.reading_time_s,
                    "wire_source": result.wire_source, "is_wire_copy": result.is_wire_copy,
                    "stale_republish": result.stale_republish, "link_list_spam": result.link_list_spam,
                    "quality_score": result.quality_score, "signals": json.dumps(result.signals),
                    "timings_ms": json.dumps(result.timings_ms),
                },
            )  # fmt: skip
            if entities:
                names = [name for (name, _), _ in entities]
                types = [etype for (_, etype), _ in entities]
                # Sorted, and DO NOTHING (no row locks): concurrent enrichers naming the
                # same entities neither deadlock nor wait on each other past the insert.
                self._conn.execute(
                    "INSERT INTO copydesk.entities (name, type)"
                    " SELECT * FROM unnest(%b::text[], %b::text[]) ORDER BY 1, 2"
                    " ON CONFLICT (name, type) DO NOTHING",
                    (names, types),
                )
                self._conn.execute(
                    "INSERT INTO copydesk.article_entities (article_id, entity_id, mentions)"
                    " SELECT a.article_id, e.entity_id, v.mentions"
                    " FROM unnest(%b::text[], %b::text[], %b::int[]) AS v(name, type, mentions)"
                    # one probe of the (name, type) key a name (see _PARAGRAPH_PROBE)
                    " CROSS JOIN LATERAL (SELECT n.entity_id FROM copydesk.entities n"
                    "                     WHERE n.name = v.name AND n.type = v.type LIMIT 1) e"
                    " JOIN copydesk.article_enrichment a ON a.article_id = %s"
                    " ON CONFLICT (article_id, entity_id) DO UPDATE SET mentions = EXCLUDED.mentions",
                    (names, types, [m for _, m in entities], article_id),
                )
            added = None
            if new:
                added = self._conn.execute(
                    "WITH n AS (INSERT INTO copydesk.paragraph_results (step, hash, result)"
                    "  SELECT v.step, decode(v.hash, 'hex'), v.result"
                    "  FROM unnest(%b::text[], %b::text[], %b::jsonb[]) AS v(step, hash, result)"
                    "  ORDER BY 1, 2 ON CONFLICT (step, hash) DO NOTHING RETURNING seq)"
                    " SELECT max(seq), count(*) FROM n",
                    ([k[0] for k, _ in new], [k[1] for k, _ in new], [json.dumps(v) for _, v in new]),
                )
        if stored.fetchone() is None:
            return False
        row = added.fetchone() if added is not None else None
        if (row is not None and row[0] is not None
                and int(row[0]) // PRUNE_EVERY > (int(row[0]) - int(row[1])) // PRUNE_EVERY):
            self.prune_paragraphs(before_seq=int(row[0]) - max_rows)
        return True

    def prune_paragraphs(self, *, before_seq: int) -> None:
        """Delete the paragraph values inserted before ``before_seq`` (the oldest)."""
        with translate_errors("prune paragraph results"):
            self._conn.execute("DELETE FROM copydesk.paragraph_results WHERE seq <= %s", (before_seq,))

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
