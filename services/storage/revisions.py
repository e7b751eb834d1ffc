"""Reprocessing in Postgres: runs and their items, and articles revised in place.

A run (``copydesk.reprocess_runs``) fixes its items when it starts (one row each in
``copydesk.reprocess_items``): the jobs to parse again, or the articles to enrich
again. The command that started it sends items a few at a time and marks them sent; a
worker finishes each (``done_at``, ``outcome``). Running the same command again resumes
the run that has unfinished items.

``revise`` updates an article in place (same ``article_id``), writes one
``copydesk.article_revisions`` row with the fields that changed and their values
before, and, when the body changed, takes the article out of its story and assigns it
again (``StoryRepository.reassign``) and clears its enrichment so it is enriched anew.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from services.domain.models import ParsedArticle
from services.pipeline.dedup import MinHashConfig, Signature, StoryAssignment
from services.pipeline.wire import is_wire_original
from services.storage.db import translate_errors
from services.storage.stories import StoryRepository
from services.versions import PARSER_VERSION

__all__ = ["FIELDS", "Item", "RevisionRepository", "Run", "StoredArticle"]

# Article columns a parse writes, and the ParsedArticle attribute each comes from.
FIELDS: dict[str, str] = {
    "source_format": "source_format",
    "title": "title",
    "authors": "authors",
    "published_at": "published_at",
    "modified_at": "modified_at",
    "site_name": "site_name",
    "section": "section",
    "url": "url",
    "canonical_url": "canonical_url",
    "language_hint": "language",
    "body": "body",
    "word_count": "word_count",
    "wire_source": "wire_source",
    "dateline": "dateline",
}


@dataclass(frozen=True, slots=True)
class Run:
    run_id: int
    kind: str
    version: int
    total: int
    done: int
    created: bool


@dataclass(frozen=True, slots=True)
class Item:
    item_no: int
    job_id: str | None
    article_id: int | None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    article_id: int
    values: dict[str, Any]  # column -> value, the FIELDS' columns
    body_hash: str
    story_id: int | None
    parser_version: int | None


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def new_values(article: ParsedArticle) -> dict[str, Any]:
    """The column values a parse gives (authors as a list, as stored)."""
    values = {column: getattr(article, attr) for column, attr in FIELDS.items()}
    values["authors"] = list(article.authors)
    return values


class RevisionRepository:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    # -- runs ---------------------------------------------------------------------------

    def open_run(self, *, kind: str, selection: dict[str, Any], version: int,
                 items_sql: str, params: tuple[Any, ...]) -> Run:
        """The unfinished run of ``kind`` with this ``selection`` and ``version``, or a
        new one whose items are the rows of ``items_sql`` (``job_id, article_id``)."""
        key = json.dumps(selection, sort_keys=True)
        with translate_errors("open reprocess run"):
            row = self._conn.execute(
                "SELECT run_id FROM copydesk.reprocess_runs WHERE kind = %s AND version = %s"
                " AND selection = %s::jsonb AND finished_at IS NULL ORDER BY run_id DESC LIMIT 1",
                (kind, version, key)).fetchone()
            created = row is None
            if row is None:
                row = self._conn.execute(
                    "INSERT INTO copydesk.reprocess_runs (kind, selection, version)"
                    " VALUES (%s, %s::jsonb, %s) RETURNING run_id", (kind, key, version)).fetchone()
                assert row is not None
                self._conn.execute(
                    "INSERT INTO copydesk.reprocess_items (run_id, item_no, job_id, article_id)"
                    f" SELECT %s, (row_number() OVER ())::integer, s.job_id, s.article_id"
                    f" FROM ({items_sql}) s", (int(row[0]), *params))
            total, done = self._counts(int(row[0]))
        return Run(run_id=int(row[0]), kind=kind, version=version, total=total, done=done,
                   created=created)

    def _counts(self, run_id: int) -> tuple[int, int]:
        row = self._conn.execute(
            "SELECT count(*), count(done_at) FROM copydesk.reprocess_items WHERE run_id = %s",
            (run_id,)).fetchone()
        assert row is not None
        return int(row[0]), int(row[1])

    def progress(self, run_id: int) -> tuple[int, int]:
        """(items, finished items)."""
        with translate_errors("read reprocess progress"):
            return self._counts(run_id)

    def to_send(self, run_id: int, *, limit: int, resend_after_s: float) -> list[Item]:
        """Unfinished items never sent, or sent longer than ``resend_after_s`` ago (their
        message was lost); marked sent now."""
        with translate_errors("pick reprocess items"):
            rows = self._conn.execute(
                "UPDATE copydesk.reprocess_items i SET sent_at = now() FROM ("
                "  SELECT item_no FROM copydesk.reprocess_items WHERE run_id = %s AND done_at IS NULL"
                "  AND (sent_at IS NULL OR sent_at < now() - make_interval(secs => %s))"
                "  ORDER BY item_no LIMIT %s FOR UPDATE SKIP LOCKED) pick"
                " WHERE i.run_id = %s AND i.item_no = pick.item_no"
                " RETURNING i.item_no, i.job_id::text, i.article_id",
                (run_id, resend_after_s, limit, run_id)).fetchall()
        return [Item(item_no=int(r[0]), job_id=r[1], article_id=None if r[2] is None else int(r[2]))
                for r in sorted(rows)]

    def item(self, run_id: int, item_no: int) -> tuple[Item, bool] | None:
        """The item and whether it is finished already (locked until the commit)."""
        with translate_errors("read reprocess item"):
            row = self._conn.execute(
                "SELECT job_id::text, article_id, done_at IS NOT NULL FROM copydesk.reprocess_items"
                " WHERE run_id = %s AND item_no = %s FOR UPDATE", (run_id, item_no)).fetchone()
        if row is None:
            return None
        return Item(item_no=item_no, job_id=row[0],
                    article_id=None if row[1] is None else int(row[1])), bool(row[2])

    def unsend(self, run_id: int, item_nos: list[int]) -> None:
        """Items whose send failed (the broker down): to be picked again at once."""
        with translate_errors("unsend reprocess items"):
            self._conn.execute(
                "UPDATE copydesk.reprocess_items SET sent_at = NULL WHERE run_id = %s"
                " AND item_no = ANY(%s) AND done_at IS NULL", (run_id, item_nos))

    def reopen_job(self, job_id: str) -> None:
        """A rejected or failed job back to queued, its error cleared and its deliveries
        counted anew, so it is ingested like a new drop."""
        with translate_errors("reopen job"):
            self._conn.execute(
                "UPDATE copydesk.ingest_jobs SET status = 'queued', error_code = NULL,"
                " error_message = NULL, finished_at = NULL, attempts = 0"
                " WHERE job_id = %s AND status IN ('rejected', 'failed')", (job_id,))

    def finish_item(self, run_id: int, item_no: int, outcome: str) -> None:
        with translate_errors("finish reprocess item"):
            self._conn.execute(
                "UPDATE copydesk.reprocess_items SET done_at = now(), outcome = %s"
                " WHERE run_id = %s AND item_no = %s AND done_at IS NULL",
                (outcome, run_id, item_no))

    def finish_enriched(self, run_id: int) -> int:
        """Mark the items of an enrich run whose article was enriched since they were
        sent; returns how many."""
        with translate_errors("finish enriched items"):
            return self._conn.execute(
                "UPDATE copydesk.reprocess_items i SET done_at = x.enriched_at, outcome = 'enriched'"
                " FROM copydesk.article_enrichment x WHERE i.run_id = %s AND i.done_at IS NULL"
                " AND i.sent_at IS NOT NULL AND x.article_id = i.article_id"
                " AND x.enriched_at >= i.sent_at", (run_id,)).rowcount

    def finish_run(self, run_id: int) -> None:
        with translate_errors("finish reprocess run"):
            self._conn.execute(
                "UPDATE copydesk.reprocess_runs SET finished_at = now() WHERE run_id = %s"
                " AND finished_at IS NULL", (run_id,))

    def outcomes(self, run_id: int) -> dict[str, int]:
        with translate_errors("count reprocess outcomes"):
            rows = self._conn.execute(
                "SELECT split_part(coalesce(outcome, 'pending'), ':', 1), count(*)"
                " FROM copydesk.reprocess_items WHERE run_id = %s GROUP BY 1 ORDER BY 1",
                (run_id,)).fetchall()
        return {str(k): int(n) for k, n in rows}

    # -- articles -----------------------------------------------------------------------

    def stored_article(self, job_id: str) -> StoredArticle | None:
        """The article ``job_id`` made, locked for the revision."""
        columns = ", ".join(FIELDS)
        with translate_errors("read stored article"):
            row = self._conn.execute(
                f"SELECT article_id, body_hash, story_id, parser_version, {columns}"
                " FROM copydesk.articles WHERE job_id = %s FOR UPDATE", (job_id,)).fetchone()
        if row is None:
            return None
        values = dict(zip(FIELDS, row[4:], strict=True))
        values["authors"] = list(values["authors"] or [])
        return StoredArticle(article_id=int(row[0]), values=values, body_hash=str(row[1]),
                             story_id=None if row[2] is None else int(row[2]),
                             parser_version=None if row[3] is None else int(row[3]))

    def mark_parsed(self, *, article_id: int | None, job_id: str) -> None:
        """The current parser read this job (and made this article) again: versions only."""
        with translate_errors("mark parser version"):
            if article_id is not None:
                self._conn.execute("UPDATE copydesk.articles SET parser_version = %s"
                                   " WHERE article_id = %s", (PARSER_VERSION, article_id))
            self._conn.execute("UPDATE copydesk.ingest_jobs SET parser_version = %s"
                               " WHERE job_id = %s", (PARSER_VERSION, job_id))

    def revise(self, stored: StoredArticle, article: ParsedArticle, *, body_hash: str,
               changed: list[str], run_id: int | None) -> None:
        """Write the new values of ``changed`` columns and one revision row."""
        values = new_values(article)
        sets = ", ".join(f"{column} = %s" for column in changed)
        with translate_errors("revise article"):
            self._conn.execute(
                f"UPDATE copydesk.articles SET {sets}, body_hash = %s, parser_version = %s,"
                " is_wire_original = %s WHERE article_id = %s",
                (*(values[c] for c in changed), body_hash, PARSER_VERSION,
                 is_wire_original(article.site_name, article.url), stored.article_id))
            self._conn.execute(
                "INSERT INTO copydesk.article_revisions (article_id, run_id, parser_version,"
                " previous_parser_version, fields, previous, story_before)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                (stored.article_id, run_id, PARSER_VERSION, stored.parser_version, changed,
                 Jsonb({c: _json_value(stored.values[c]) for c in changed}), stored.story_id))

    def restory(self, stored: StoredArticle, *, signature: Signature,
                config: MinHashConfig) -> StoryAssignment:
        """The body changed: the article's story is decided again from its new signature
        (in this transaction, with the story repository's own locking)."""
        assignment = StoryRepository(self._conn).reassign(
            article_id=stored.article_id, signature=signature, config=config)
        with translate_errors("note story after revision"):
            self._conn.execute(
                "UPDATE copydesk.article_revisions SET story_after = %s WHERE revision_id ="
                " (SELECT max(revision_id) FROM copydesk.article_revisions WHERE article_id = %s)",
                (assignment.story_id, stored.article_id))
        return assignment

    def clear_enrichment(self, article_id: int) -> None:
        """Enrich it again: its results are stale (the reconciler resends it if the send
        after the commit is lost)."""
        with translate_errors("clear enrichment"):
            self._conn.execute(
                "UPDATE copydesk.articles SET enriched_at = NULL, enrich_attempts = 0,"
                " enrich_error = NULL, enrich_error_message = NULL, enrich_sends = 0,"
                " enrich_last_sent_at = NULL WHERE article_id = %s", (article_id,))
