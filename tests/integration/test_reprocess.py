"""Reprocessing against a real Postgres: runs, in-place revisions, stories re-checked.

The broker is a fake that runs each ``copydesk.reprocess`` task as it is sent (a
synchronous broker implementing the ``TaskSender`` port); workers and Celery are
exercised by the end-to-end test."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import psycopg
import pytest

from services.config import Settings
from services.domain.models import Stored
from services.ingest import ingest_job
from services.pipeline.formats import Record, parse_records
from services.reprocess import PARSE, Selection, feed, open_run, reprocess_item
from services.storage.db import open_pool
from services.storage.migrate import apply_migrations
from services.storage.uow import PostgresUnitOfWork
from tests.fakes import FakeSender

SETTINGS = Settings(parse_timeout_s=30)
STORY = ("The harbour ferry returned to service on Monday after a winter of repairs, the "
         "operator said, and the first crossing of the morning was full. Officials said the "
         "new engines would cut the crossing time by a quarter and the fares would stay the "
         "same until the summer timetable begins in June, when two more boats join the line.")
OTHER = ("Schools in the valley will open an hour later from September, the district board "
         "decided on Tuesday after a year of trials in four schools. Parents were split on "
         "the change; teachers said pupils in the trial schools missed fewer mornings and "
         "the buses ran emptier roads, and the board promised a review after one year.")


def _doc(title: str, body: str) -> bytes:
    return f"{title}\n\n{body}\n".encode()


class InlineSender(FakeSender):
    """Runs a reprocess item the moment it is sent."""

    def __init__(self, run: Callable[[int, int], str]) -> None:
        super().__init__()
        self._run = run

    def send_reprocess(self, run_id: int, item_no: int) -> None:
        super().send_reprocess(run_id, item_no)
        self._run(run_id, item_no)


@pytest.fixture
def pool(fresh_db_url: str) -> Iterator[Any]:
    apply_migrations(fresh_db_url)
    pool = open_pool(fresh_db_url, max_size=3)
    try:
        yield pool
    finally:
        pool.close()


def _ingest(pool: Any, name: str, content: bytes) -> int:
    sha = hashlib.sha256(content).hexdigest()
    with PostgresUnitOfWork(pool) as uow:
        uow.raw.put(sha, content)
        job_id, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name=name, sha256=sha,
                                    drop_key=f"{name}/{sha}")
        uow.commit()
    outcome = ingest_job(job_id, uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1")
    assert isinstance(outcome, Stored)
    return outcome.article_id


def _rows(pool: Any, sql: str) -> list[tuple[Any, ...]]:
    with pool.connection() as conn:
        return list(conn.execute(sql).fetchall())


def _run_all(pool: Any, selection: Selection, parse: Any = parse_records) -> dict[str, int]:
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    sender = InlineSender(lambda run_id, item_no: reprocess_item(
        run_id, item_no, settings=SETTINGS, uow_factory=factory, sender=FakeSender(),
        worker="t:1", parse=parse))
    run = open_run(PARSE, selection, uow_factory=factory)
    progress = feed(run, uow_factory=factory, sender=sender, poll_s=0)
    assert progress.done == progress.total == run.total
    with PostgresUnitOfWork(pool) as uow:
        return uow.revisions.outcomes(run.run_id)


def test_an_unchanged_parser_changes_nothing(pool: Any) -> None:
    ids = [_ingest(pool, f"a{i}.txt", _doc(f"Ferry news {i}", f"{STORY} Item {i}.")) for i in range(3)]
    before = _rows(pool, "SELECT article_id, title, body, story_id FROM copydesk.articles ORDER BY 1")
    assert _run_all(pool, Selection(everything=True)) == {"unchanged": 3}
    assert _rows(pool, "SELECT article_id, title, body, story_id FROM copydesk.articles ORDER BY 1") == before
    assert [r[0] for r in before] == ids
    assert _rows(pool, "SELECT count(*) FROM copydesk.article_revisions") == [(0,)]
    assert _rows(pool, "SELECT DISTINCT parser_version FROM copydesk.articles") == [(1,)]


def test_a_parser_change_updates_exactly_the_articles_it_affects(pool: Any) -> None:
    kept = _ingest(pool, "kept.txt", _doc("Schools open later", OTHER))
    changed = _ingest(pool, "retitled.txt", _doc("Ferry back", STORY))
    titles = dict(_rows(pool, "SELECT article_id, title FROM copydesk.articles"))
    enriched_before = _rows(pool, "SELECT article_id FROM copydesk.articles WHERE enriched_at IS NULL")

    def new_parser(data: bytes, *, filename: str, limits: Any) -> list[Record]:
        records = parse_records(data, filename=filename, limits=limits)
        if filename != "retitled.txt":
            return records
        [record] = records
        assert record.article is not None
        return [replace(record, article=replace(record.article, title="Ferry back in service"))]

    assert _run_all(pool, Selection(everything=True), parse=new_parser) == {"unchanged": 1, "updated": 1}
    assert _rows(pool, "SELECT article_id, title FROM copydesk.articles ORDER BY 1") == [
        (kept, titles[kept]), (changed, "Ferry back in service")]
    [(article_id, fields, previous)] = _rows(
        pool, "SELECT article_id, fields, previous FROM api.article_revisions")
    assert (article_id, fields, previous) == (changed, ["title"], {"title": titles[changed]})
    assert enriched_before  # never enriched here; the revised one is queued for it again
    assert (changed,) in _rows(pool, "SELECT article_id FROM copydesk.articles WHERE enriched_at IS NULL")


def test_a_new_body_moves_the_article_to_the_story_it_now_matches(pool: Any) -> None:
    ferry = _ingest(pool, "ferry.txt", _doc("Ferry back", STORY))
    schools = _ingest(pool, "schools.txt", _doc("Schools", OTHER))
    copy = _ingest(pool, "copy.txt", _doc("Ferry copy", STORY + " Shared from the wire."))
    stories = dict(_rows(pool, "SELECT article_id, story_id FROM copydesk.articles"))
    assert stories[copy] == stories[ferry] != stories[schools]

    def new_parser(data: bytes, *, filename: str, limits: Any) -> list[Record]:
        records = parse_records(data, filename=filename, limits=limits)
        if filename != "copy.txt":
            return records
        [record] = records
        assert record.article is not None
        return [replace(record, article=replace(record.article, body=OTHER + " Shared."))]

    outcomes = _run_all(pool, Selection(everything=True), parse=new_parser)
    assert outcomes == {"unchanged": 2, "updated": 1}
    after = dict(_rows(pool, "SELECT article_id, story_id FROM copydesk.articles"))
    assert after[copy] == after[schools] and after[ferry] == stories[ferry]
    [(fields, before, now)] = _rows(pool, "SELECT fields, story_before, story_after FROM copydesk.article_revisions")
    assert "body" in fields and (before, now) == (stories[ferry], after[schools])
    # the story it left still has its representative; the one it joined counts it
    assert _rows(pool, "SELECT representative_article_id FROM copydesk.stories"
                       f" WHERE story_id = {stories[ferry]}") == [(ferry,)]


def test_an_interrupted_run_resumes_and_a_second_run_repeats_nothing(pool: Any) -> None:
    for i in range(5):
        _ingest(pool, f"r{i}.txt", _doc(f"Ferry {i}", f"{STORY} Number {i}."))

    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    done: list[int] = []
    sender = InlineSender(lambda run_id, item_no: done.append(item_no) or reprocess_item(
        run_id, item_no, settings=SETTINGS, uow_factory=factory, sender=FakeSender(), worker="t:1"))
    run = open_run(PARSE, Selection(everything=True), uow_factory=factory)
    feed(run, uow_factory=factory, sender=sender, poll_s=0, low_water=2,
         should_stop=lambda: len(done) >= 2)
    resumed = open_run(PARSE, Selection(everything=True), uow_factory=factory)
    assert (resumed.run_id, resumed.created, resumed.done) == (run.run_id, False, 2)
    feed(resumed, uow_factory=factory, sender=sender, poll_s=0)
    assert sorted(done) == [1, 2, 3, 4, 5]  # each item once
    again = open_run(PARSE, Selection(everything=True), uow_factory=factory)
    assert again.created and again.run_id != run.run_id  # the finished run is not reopened


def test_rejected_jobs_are_ingested_again(pool: Any) -> None:
    content = b"too short"
    sha = hashlib.sha256(content).hexdigest()
    with PostgresUnitOfWork(pool) as uow:
        uow.raw.put(sha, content)
        job_id, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name="short.txt", sha256=sha,
                                    drop_key="short")
        uow.commit()
    ingest_job(job_id, uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1")
    assert _rows(pool, "SELECT status FROM copydesk.ingest_jobs") == [("rejected",)]

    def lenient(data: bytes, *, filename: str, limits: Any) -> list[Record]:
        return parse_records(_doc("Short", STORY), filename=filename, limits=limits)

    sel = Selection(statuses=("rejected",))
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    run = open_run(PARSE, sel, uow_factory=factory)
    assert run.total == 1
    # the job is ingested again with today's parser (here: one that accepts it)
    sender = InlineSender(lambda run_id, item_no: reprocess_item(
        run_id, item_no, settings=SETTINGS, uow_factory=factory, sender=FakeSender(), worker="t:1",
        parse=lenient))
    feed(run, uow_factory=factory, sender=sender, poll_s=0)
    assert _rows(pool, "SELECT status FROM copydesk.ingest_jobs") == [("stored",)]
    assert _rows(pool, "SELECT count(*) FROM copydesk.articles") == [(1,)]


def test_selections(pool: Any) -> None:
    _ingest(pool, "one.txt", _doc("One", STORY))
    with psycopg.connect(pool.conninfo, autocommit=True) as conn:
        conn.execute("UPDATE copydesk.articles SET parser_version = NULL")
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    assert open_run(PARSE, Selection(parser_version=1), uow_factory=factory).total == 1
    assert open_run(PARSE, Selection(source_format="html"), uow_factory=factory).total == 0
    assert open_run(PARSE, Selection(statuses=("failed",)), uow_factory=factory).total == 0
