"""Story clusters in Postgres: signatures, LSH bands, race-free assignment and merges.

``StoryRepository.assign`` runs inside the unit of work that has just inserted the
article, so the article, its signature, its bands and its story commit together.
``StoryRepository.add_article`` finds the story first and then writes the article once,
with its story (an ingest that enriches inline, under the body's lock: the article row
is not inserted and then updated twice, with its story and with its enrichment state).

Why it is race-free (any number of workers, on any machines):

1. **Band keys are locked first, in sorted order**, with transaction-scoped advisory
   locks (one statement; the keys sorted in a subquery, so they are taken in order and
   no two transactions wait on each other's band keys in a cycle). Two articles that are
   LSH candidates of each other share a band key, so their transactions are serialised:
   the second one's candidate query starts after the first committed, and READ COMMITTED
   gives each statement a new snapshot, so it sees the first article's bands.
   Every candidate pair is therefore checked by whichever article of the pair is stored
   second, exactly as in a one-worker run, and a story is a connected component of the
   graph of verified pairs, whatever the order of arrival. (A pair counts as candidates
   when the earlier article is among the latest ``CANDIDATES_PER_BAND`` under a key they
   share; only for a key held by more articles than that does the order matter.)
2. **Stories are locked next, in ascending id order** (``FOR NO KEY UPDATE``). A story
   merged into another meanwhile (``merged_into`` set by a transaction that committed
   before our lock was granted) is followed to its survivor, which is then locked too.
   That second lock can be out of order, so a deadlock is possible in that rare case;
   Postgres breaks it and the job is retried (``DeadlockDetected`` is transient).
3. **A bridging article merges** every matched story into the lowest id: their articles
   move to it under the losers' row locks (so no copy can join a loser meanwhile), the
   loser gets ``merged_into`` and a ``story_merges`` row.
4. **The representative** of a new story is its one article; of a joined or merged
   story it is recomputed under the survivor's lock: the wire original
   (``copydesk.articles.is_wire_original``, decided when the article was stored) if the
   story has one, else the earliest published copy, ties to the first ingested.

Lock order across the store transaction: the job row, the body's lock (taken in the
job's statement, ``JobRepository.get(lock_body=...)``, or by ``ArticleRepository.add``'s
own insert), then either the article's unique body hash, band keys (sorted) and stories
(sorted) (``assign``), or band keys, stories and the body hash (``add_article``). The two orders
never meet in a cycle: the body hash is contended only by transactions with the same
body, and those hold the same body lock one after the other.
"""

from __future__ import annotations

from typing import Any

import psycopg
import structlog

from services.domain.models import ParsedArticle
from services.pipeline.dedup import (
    CANDIDATES_PER_BAND,
    DEFAULT_THRESHOLDS,
    Candidate,
    MinHashConfig,
    Signature,
    StoryAssignment,
    StoryMatch,
    Thresholds,
    band_keys,
    match_stories,
)
from services.pipeline.enrich import Enrichment
from services.storage.db import Int8Array, translate_errors
from services.storage.enrichment import step_error
from services.storage.repository import ARTICLE_COLUMNS, ARTICLE_VALUES, article_params
from services.versions import ENRICH_VERSION

__all__ = ["StoryRepository"]

# StoryRepository.add_article's one statement. Its parts run on one snapshot and none
# reads another's rows but through ``art``'s RETURNING; the foreign keys between them
# (article -> story, story -> representative, signature -> article) are checked when
# the statement ends. A conflict on the body hash writes nothing at all.
_ADD_ARTICLE = (
    # a new story's id, taken before the article that names it is written
    "WITH new_story AS (SELECT CASE WHEN %(created)s"
    "                   THEN nextval(pg_catalog.pg_get_serial_sequence('copydesk.stories', 'story_id'))"
    "                   END AS story_id),"
    f" art AS (INSERT INTO copydesk.articles ({ARTICLE_COLUMNS}, story_id, enriched_at, enrich_attempts,"
    "                  enrich_error, enrich_error_message, enrich_version)"
    f"         SELECT {ARTICLE_VALUES}, coalesce(n.story_id, %(story)s),"
    "                CASE WHEN %(enriched)s THEN now() END, 0, %(code)s, %(message)s,"
    "                CASE WHEN %(enriched)s THEN %(enrich_version)s END"
    "         FROM new_story n ON CONFLICT (body_hash) DO NOTHING"
    "         RETURNING article_id, story_id, is_wire_original, published_at, ingested_at),"
    " story AS (INSERT INTO copydesk.stories (story_id, representative_article_id) OVERRIDING SYSTEM VALUE"
    "           SELECT story_id, article_id FROM art WHERE %(created)s),"
    # a joined story's representative over its articles and this one (which the
    # statement's snapshot does not show); after a merge it is recomputed apart
    " representative AS (UPDATE copydesk.stories s SET representative_article_id = ("
    "     SELECT c.article_id FROM (SELECT a.article_id, a.is_wire_original, a.published_at, a.ingested_at"
    "                               FROM copydesk.articles a WHERE a.story_id = s.story_id"
    "                               UNION ALL SELECT article_id, is_wire_original, published_at, ingested_at"
    "                               FROM art) c"
    "     ORDER BY c.is_wire_original DESC, c.published_at ASC NULLS LAST, c.ingested_at, c.article_id LIMIT 1)"
    "   FROM art WHERE s.story_id = art.story_id AND NOT %(created)s AND NOT %(merging)s),"
    " signature AS (INSERT INTO copydesk.article_signatures (article_id, config, shingles, minhash, shingle_set)"
    "               SELECT article_id, %(config)s, %(shingles)s, %(minhash)s, %(set)s FROM art),"
    " bands AS (INSERT INTO copydesk.minhash_bands (band_key, article_id)"
    "           SELECT k, art.article_id FROM art CROSS JOIN unnest(%(keys)b::bigint[]) AS k"
    "           ON CONFLICT DO NOTHING)"
    " SELECT article_id, story_id FROM art"
)

log = structlog.get_logger(__name__)


class StoryRepository:
    def __init__(self, conn: psycopg.Connection[Any], *, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> None:
        self._conn = conn
        self._thresholds = thresholds

    def assign(self, *, article_id: int, signature: Signature, config: MinHashConfig) -> StoryAssignment:
        """Put a just-inserted article into its story (new, joined or merged)."""
        keys = Int8Array(band_keys(signature, config))  # packed once, sent three times
        with translate_errors("assign story"):
            match, live = self._find(signature, keys, config)
            created = not live
            if created:
                row = self._conn.execute(
                    "INSERT INTO copydesk.stories (representative_article_id) VALUES (%s) RETURNING story_id",
                    (article_id,),
                ).fetchone()
                assert row is not None
                winner, losers = int(row[0]), []
            else:
                winner, losers = live[0], live[1:]
            self._store_signature(article_id, winner, signature, keys, config)
            for loser in losers:
                self._merge(loser, winner, article_id)
            if not created:  # a new story's one article is its representative already
                self._refresh_representative(winner)
        return StoryAssignment(
            story_id=winner, created=created, candidates=match.candidates, matched=match.matched,
            merged=tuple(losers),
        )

    def add_article(self, *, job_id: str, source_name: str, article: ParsedArticle, body_hash: str,
                    signature: Signature, config: MinHashConfig, enriched: Enrichment | None = None,
                    ) -> tuple[int, StoryAssignment] | None:
        """Store a new article in its story, the story found first: the band keys locked,
        the candidates matched and the matched stories locked as ``assign`` does, then the
        article written once, with its story, its enrichment state (``enriched``: the
        results its transaction writes next, ``EnrichmentRepository.store`` with
        ``article_marked``) and, in the same statement, a new story's row or a joined
        story's representative, its signature and its bands. For an ingest that holds
        the body's lock and found no article with that body
        (``JobRepository.get(lock_body=...)``, ``EnrichmentRepository.known``); ``None`` if
        one was stored all the same (nothing is written)."""
        keys = Int8Array(band_keys(signature, config))  # packed once, sent three times
        with translate_errors("store article in its story"):
            match, live = self._find(signature, keys, config)
            created = not live
            code, message = step_error(enriched) if enriched is not None else (None, None)
            row = self._conn.execute(_ADD_ARTICLE, {
                **article_params(job_id=job_id, source_name=source_name, article=article, body_hash=body_hash),
                "created": created, "story": None if created else live[0], "merging": len(live) > 1,
                "enriched": enriched is not None, "code": code, "message": message,
                "enrich_version": ENRICH_VERSION, "config": config.name, "shingles": signature.shingles,
                "minhash": signature.to_bytes(), "set": signature.set_bytes(), "keys": keys,
            }).fetchone()
            if row is None:
                return None
            article_id, winner = int(row[0]), int(row[1])
            for loser in live[1:]:
                self._merge(loser, winner, article_id)
            if len(live) > 1:
                self._refresh_representative(winner)
        return article_id, StoryAssignment(story_id=winner, created=created, candidates=match.candidates,
                                           matched=match.matched, merged=tuple(live[1:]))

    def reassign(self, *, article_id: int, signature: Signature, config: MinHashConfig) -> StoryAssignment:
        """An article whose body was revised: its old signature and bands go, it leaves
        its story and is assigned again from ``signature`` (the same story, another, or
        a new one). The story it left keeps its other articles (a merge is not undone)
        and gets its representative recomputed; a story left empty has none."""
        with translate_errors("reassign story"):
            row = self._conn.execute(
                "SELECT story_id FROM copydesk.articles WHERE article_id = %s", (article_id,)
            ).fetchone()
            old = None if row is None or row[0] is None else int(row[0])
            self._conn.execute("DELETE FROM copydesk.minhash_bands WHERE article_id = %s", (article_id,))
            self._conn.execute("DELETE FROM copydesk.article_signatures WHERE article_id = %s", (article_id,))
            self._conn.execute("UPDATE copydesk.articles SET story_id = NULL WHERE article_id = %s", (article_id,))
        assignment = self.assign(article_id=article_id, signature=signature, config=config)
        if old is not None and old != assignment.story_id:
            with translate_errors("reassign story"):
                # After assign's own locks (band keys, then stories ascending); a deadlock
                # with another writer is transient and the item is retried.
                self._lock_stories([old])
                self._refresh_representative(old)
        return assignment

    # -- steps -------------------------------------------------------------------------

    def _find(self, signature: Signature, keys: Int8Array, config: MinHashConfig) -> tuple[StoryMatch, list[int]]:
        """The band keys locked, the candidates matched, and the matched stories locked:
        the match, and the live stories among them (ascending; none: a new story)."""
        self._lock_band_keys(keys)
        match = match_stories(signature, self._candidates(keys, config), self._thresholds)
        return match, self._lock_stories(list(match.story_ids)) if match.story_ids else []

    def _lock_band_keys(self, keys: Int8Array) -> None:
        # The subquery's ORDER BY is a Sort node below the aggregate: the aggregate's
        # argument (the lock call) runs row by row in sorted key order.
        self._conn.execute(
            "SELECT count(pg_catalog.pg_advisory_xact_lock(k)) FROM"
            " (SELECT k FROM unnest(%b::bigint[]) AS k ORDER BY k) AS sorted_keys",
            (keys,),
        )

    def _candidates(self, keys: Int8Array, config: MinHashConfig) -> list[Candidate]:
        rows = self._conn.execute(
            "SELECT s.article_id, a.story_id, s.shingles, s.minhash, s.shingle_set"
            # the latest CANDIDATES_PER_BAND of each key: a backward scan of the key's
            # primary-key range, stopped at the limit
            " FROM (SELECT DISTINCT b.article_id FROM unnest(%b::bigint[]) AS k(key)"
            "       CROSS JOIN LATERAL (SELECT article_id FROM copydesk.minhash_bands"
            "                           WHERE band_key = k.key ORDER BY article_id DESC LIMIT %s) b) c"
            # each candidate's signature and story by primary key (LIMIT 1: not
            # flattened into a join that the planner, its statistics older than the
            # table, answered by reading every signature: 385 rows a job in bench_e2e)
            " CROSS JOIN LATERAL (SELECT g.article_id, g.shingles, g.minhash, g.shingle_set"
            "                     FROM copydesk.article_signatures g"
            "                     WHERE g.article_id = c.article_id AND g.config = %s LIMIT 1) s"
            " CROSS JOIN LATERAL (SELECT r.story_id FROM copydesk.articles r"
            "                     WHERE r.article_id = c.article_id LIMIT 1) a",
            (keys, CANDIDATES_PER_BAND, config.name),
        ).fetchall()
        return [Candidate(article_id=int(r[0]), story_id=None if r[1] is None else int(r[1]),
                          signature=Signature.from_bytes(bytes(r[3]), int(r[2]),
                                                         None if r[4] is None else bytes(r[4])))
                for r in rows]

    def _lock_stories(self, story_ids: list[int]) -> list[int]:
        """Lock the matched stories (ascending), following merges to the survivors.
        Returns the live (unmerged) story ids, ascending."""
        locked: set[int] = set()
        wanted = set(story_ids)
        live: set[int] = set()
        while wanted - locked:
            batch = sorted(wanted - locked)
            rows = self._conn.execute(
                "SELECT story_id, merged_into FROM copydesk.stories WHERE story_id = ANY(%s)"
                " ORDER BY story_id FOR NO KEY UPDATE",
                (batch,),
            ).fetchall()
            locked.update(batch)
            for story_id, merged_into in rows:
                if merged_into is None:
                    live.add(int(story_id))
                else:  # merged by a transaction that committed before our lock
                    wanted.add(int(merged_into))
        return sorted(live)

    def _store_signature(self, article_id: int, story_id: int, signature: Signature, keys: Int8Array,
                         config: MinHashConfig) -> None:
        """The article's story, its signature and its bands: three writes to three
        tables, none reading another's rows, so one statement (each data-modifying
        ``WITH`` runs to completion whether or not the rest reads it)."""
        self._conn.execute(
            "WITH story AS (UPDATE copydesk.articles SET story_id = %(story)s WHERE article_id = %(id)s),"
            " signature AS (INSERT INTO copydesk.article_signatures (article_id, config, shingles, minhash,"
            "               shingle_set) VALUES (%(id)s, %(config)s, %(shingles)s, %(minhash)s, %(set)s))"
            " INSERT INTO copydesk.minhash_bands (band_key, article_id)"
            " SELECT k, %(id)s FROM unnest(%(keys)b::bigint[]) AS k ON CONFLICT DO NOTHING",
            {"story": story_id, "id": article_id, "config": config.name, "shingles": signature.shingles,
             "minhash": signature.to_bytes(), "set": signature.set_bytes(), "keys": keys},
        )

    def _merge(self, loser: int, winner: int, article_id: int) -> None:
        moved = self._conn.execute(
            "UPDATE copydesk.articles SET story_id = %s WHERE story_id = %s", (winner, loser)
        ).rowcount
        self._conn.execute(
            "UPDATE copydesk.stories SET merged_into = %s, representative_article_id = NULL"
            " WHERE story_id = %s",
            (winner, loser),
        )
        self._conn.execute(
            "INSERT INTO copydesk.story_merges (merged_story_id, into_story_id, by_article_id, articles_moved)"
            " VALUES (%s, %s, %s, %s)",
            (loser, winner, article_id, moved),
        )
        log.info("stories_merged", merged_story_id=loser, into_story_id=winner, article_id=article_id,
                 articles_moved=moved)

    def _refresh_representative(self, story_id: int) -> None:
        self._conn.execute(
            "UPDATE copydesk.stories s SET representative_article_id = ("
            "  SELECT a.article_id FROM copydesk.articles a WHERE a.story_id = s.story_id"
            "  ORDER BY a.is_wire_original DESC,"
            "           a.published_at ASC NULLS LAST, a.ingested_at, a.article_id LIMIT 1)"
            " WHERE s.story_id = %s",
            (story_id,),
        )
