"""The outbox, the reconciler and the producer's loop, with the fakes of the ports."""

from __future__ import annotations

import hashlib
from pathlib import Path

from services.config import Settings
from services.domain.models import Duplicate, JobStatus, ParsedArticle, Split, Stored
from services.errors import StorageUnavailable
from services.outbox import after_ingest, requeue_jobs, send_jobs
from services.ports import UnitOfWork
from services.producer.reconciler import reconcile_enrichment, reconcile_once
from services.producer.watcher import Producer
from tests.fakes import FakeClock, FakeDatabase, FakeSender

REQUEUE_AFTER = 30.0


def _settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings.from_env({}, inbox=tmp_path / "inbox", requeue_after_seconds=REQUEUE_AFTER, **kw)


def _queued(db: FakeDatabase, n: int) -> list[str]:
    ids = []
    with db.uow() as uow:
        for i in range(n):
            sha = hashlib.sha256(b"%d" % i).hexdigest()
            uow.raw.put(sha, b"%d" % i)
            job_id, _ = uow.jobs.create(job_id=f"job-{i}", source_name=f"{i}.txt", sha256=sha, drop_key=str(i))
            ids.append(job_id)
        uow.commit()
    return ids


# -- outbox -----------------------------------------------------------------------------


def test_send_jobs_stops_at_the_first_broker_failure_and_notes_only_what_went() -> None:
    db, sender = FakeDatabase(), FakeSender(fail_after=2)
    ids = _queued(db, 4)
    assert send_jobs(ids, uow_factory=db.uow, sender=sender) == 2
    assert sender.sent == ids[:2]
    assert db.store.sent_counts == {ids[0]: 1, ids[1]: 1}


def test_a_send_counted_with_the_new_job_needs_no_transaction_of_its_own() -> None:
    db, sender = FakeDatabase(), FakeSender()
    with db.uow() as uow:
        job_id, created = uow.jobs.create(job_id="j", source_name="a.txt", sha256="0" * 64, drop_key="a",
                                          sending=True)
        uow.commit()
    commits = db.commits
    assert send_jobs([job_id], uow_factory=db.uow, sender=sender, counted=created) == 1
    assert sender.sent == [job_id] and db.store.sent_counts == {job_id: 1}
    assert db.commits == commits


def test_a_counted_send_that_fails_is_taken_back_and_the_reconciler_sends_it(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender(down=True)
    with db.uow() as uow:
        job_id, _ = uow.jobs.create(job_id="j", source_name="a.txt", sha256="0" * 64, drop_key="a", sending=True)
        uow.commit()
    assert send_jobs([job_id], uow_factory=db.uow, sender=sender, counted=True) == 0
    assert db.store.sent_counts == {job_id: 0}
    sender.down = False
    db.clock.advance(REQUEUE_AFTER + 1)  # as stale as a job never sent, no backoff for the failed send
    assert reconcile_once(settings=_settings(tmp_path), uow_factory=db.uow, sender=sender) == 1
    assert sender.sent == [job_id] and db.store.sent_counts == {job_id: 1}


def test_requeue_puts_failed_jobs_back_and_sends_them() -> None:
    db, sender = FakeDatabase(), FakeSender()
    [job_id] = _queued(db, 1)
    with db.uow() as uow:
        uow.jobs.start(job_id, worker="w")
        uow.jobs.finish(job_id, status=JobStatus.FAILED, error_code="retries_exhausted")
        uow.commit()
    assert requeue_jobs([job_id], uow_factory=db.uow, sender=sender) == 1
    assert db.store.jobs[job_id].status is JobStatus.QUEUED and sender.sent == [job_id]


def test_after_ingest_sends_children_or_enrichment_and_nothing_else() -> None:
    db, sender = FakeDatabase(), FakeSender()
    children = _queued(db, 2)
    after_ingest(Split(parent_job_id="p", to_send=tuple(children), rejected=(), children=2),
                 uow_factory=db.uow, sender=sender)
    after_ingest(Stored(article_id=7), uow_factory=db.uow, sender=sender)
    after_ingest(Duplicate(duplicate_of=7), uow_factory=db.uow, sender=sender)
    assert sender.sent == children and sender.enrich_sent == [7]
    assert all(db.store.sent_counts[c] == 1 for c in children)


def test_after_ingest_enriching_inline_sends_nothing_and_falls_back_to_the_queue_when_it_fails() -> None:
    db, sender = FakeDatabase(), FakeSender()
    enriched: list[int] = []

    def enrich(article_id: int) -> None:
        if article_id == 8:
            raise StorageUnavailable("the database went away")
        enriched.append(article_id)

    after_ingest(Stored(article_id=7), uow_factory=db.uow, sender=sender, enrich_inline=enrich)
    assert enriched == [7] and sender.enrich_sent == []
    after_ingest(Stored(article_id=8), uow_factory=db.uow, sender=sender, enrich_inline=enrich)
    assert enriched == [7] and sender.enrich_sent == [8]  # the enrich queue retries it
    children = _queued(db, 1)
    after_ingest(Split(parent_job_id="p", to_send=tuple(children), rejected=(), children=1),
                 uow_factory=db.uow, sender=sender, enrich_inline=enrich)
    assert sender.sent == children and enriched == [7]


def test_after_ingest_with_the_broker_down_leaves_the_rows_for_the_reconciler() -> None:
    db, sender = FakeDatabase(), FakeSender(down=True)
    children = _queued(db, 2)
    after_ingest(Split(parent_job_id="p", to_send=tuple(children), rejected=(), children=2),
                 uow_factory=db.uow, sender=sender)
    after_ingest(Stored(article_id=7), uow_factory=db.uow, sender=sender)  # no raise
    assert not db.store.sent_counts and all(db.store.jobs[c].status is JobStatus.QUEUED for c in children)


# -- reconciler -------------------------------------------------------------------------


def test_reconciler_resends_queued_jobs_once_they_are_stale(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    ids = _queued(db, 2)
    settings = _settings(tmp_path)
    assert reconcile_once(settings=settings, uow_factory=db.uow, sender=sender) == 0  # too fresh
    db.clock.advance(REQUEUE_AFTER + 1)
    assert reconcile_once(settings=settings, uow_factory=db.uow, sender=sender) == 2
    assert sender.sent == ids and db.store.sent_counts == {ids[0]: 1, ids[1]: 1}
    # Sent once: the next resend waits as long again, doubled while the queue is not empty.
    sender.depth = 1
    db.clock.advance(REQUEUE_AFTER + 1)
    assert reconcile_once(settings=settings, uow_factory=db.uow, sender=sender) == 2
    db.clock.advance(REQUEUE_AFTER + 1)
    assert reconcile_once(settings=settings, uow_factory=db.uow, sender=sender) == 0


def test_reconciler_leaves_queued_jobs_while_the_queue_holds_their_messages(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender(depth=5)
    _queued(db, 2)
    db.clock.advance(REQUEUE_AFTER * 10)
    assert reconcile_once(settings=_settings(tmp_path), uow_factory=db.uow, sender=sender) == 0


def test_reconciler_resends_a_running_job_whose_worker_died(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender(depth=5)  # a full queue does not hide a dead worker
    [job_id] = _queued(db, 1)
    with db.uow() as uow:
        uow.jobs.start(job_id, worker="dead:1")
    settings = _settings(tmp_path, task_time_limit_seconds=60)
    db.clock.advance(60)
    assert reconcile_once(settings=settings, uow_factory=db.uow, sender=sender) == 0  # may still run
    db.clock.advance(31)
    assert reconcile_once(settings=settings, uow_factory=db.uow, sender=sender) == 1
    assert sender.sent == [job_id] and db.store.jobs[job_id].status is JobStatus.QUEUED


def test_reconciler_with_the_broker_down_sends_nothing_and_changes_nothing(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender(down=True)
    [job_id] = _queued(db, 1)
    db.clock.advance(REQUEUE_AFTER * 10)
    assert reconcile_once(settings=_settings(tmp_path), uow_factory=db.uow, sender=sender) == 0
    assert reconcile_enrichment(settings=_settings(tmp_path), uow_factory=db.uow, sender=sender) == 0
    assert not db.store.sent_counts and db.store.jobs[job_id].status is JobStatus.QUEUED


def test_reconciler_resends_enrichment_of_articles_left_unenriched(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    with db.uow() as uow:
        ids = [uow.articles.add(job_id="j", source_name="a", body_hash=str(n),
                                article=ParsedArticle(source_format="text", body=f"body {n}")) for n in range(3)]
        uow.enrichment.give_up(3, code="attempts_exhausted", message="never finished")
        uow.commit()
    settings = _settings(tmp_path)
    assert reconcile_enrichment(settings=settings, uow_factory=db.uow, sender=sender) == 0  # too fresh
    db.clock.advance(REQUEUE_AFTER + 1)
    assert reconcile_enrichment(settings=settings, uow_factory=db.uow, sender=sender) == 2
    assert sender.enrich_sent == ids[:2]  # never the one given up


# -- the producer's loop ------------------------------------------------------------------


class _DownDatabase(FakeDatabase):
    """A database that refuses every transaction while ``down``."""

    down = False

    def uow(self) -> UnitOfWork:
        if self.down:
            raise StorageUnavailable("fake database is down")
        return super().uow()


def _producer(tmp_path: Path, db: FakeDatabase, sender: FakeSender, clock: FakeClock, **kw: object) -> Producer:
    settings = _settings(tmp_path, stable_seconds=1.0, rescan_seconds=10.0, reconcile_interval_seconds=60.0, **kw)
    settings.inbox.mkdir(parents=True, exist_ok=True)
    return Producer(settings=settings, uow_factory=db.uow, sender=sender, clock=clock)


def test_a_file_is_claimed_once_it_stopped_changing(tmp_path: Path) -> None:
    clock = FakeClock()
    db, sender = FakeDatabase(clock), FakeSender()
    producer = _producer(tmp_path, db, sender, clock)
    drop = tmp_path / "inbox" / "story.txt"
    drop.write_bytes(b"Title\nBody")
    producer.tick()  # the start-up scan nominates it: seen, not yet stable
    assert not db.store.jobs and drop.exists()
    clock.advance(0.5)
    producer.tick()
    assert not db.store.jobs
    clock.advance(0.6)
    producer.tick()
    assert len(db.store.jobs) == 1 and len(sender.sent) == 1 and not drop.exists()


def test_events_nominate_files_between_rescans_and_ignored_names_are_never_taken(tmp_path: Path) -> None:
    clock = FakeClock()
    db, sender = FakeDatabase(clock), FakeSender()
    producer = _producer(tmp_path, db, sender, clock)
    producer.tick()  # start-up scan of an empty inbox
    inbox = tmp_path / "inbox"
    (inbox / "late.txt").write_bytes(b"Title\nBody")
    (inbox / "partial.part").write_bytes(b"Title\nBody")
    producer.nominate(str(inbox / "late.txt"), "closed")
    producer.nominate(str(inbox / "partial.part"), "closed")
    clock.advance(1.1)
    producer.tick()
    clock.advance(1.1)
    producer.tick()
    assert [j.source_name for j in db.store.jobs.values()] == ["late.txt"]
    assert (inbox / "partial.part").exists()


def test_the_rescan_finds_a_file_whose_event_was_missed(tmp_path: Path) -> None:
    clock = FakeClock()
    db, sender = FakeDatabase(clock), FakeSender()
    producer = _producer(tmp_path, db, sender, clock)
    producer.tick()
    (tmp_path / "inbox" / "quiet.txt").write_bytes(b"Title\nBody")
    clock.advance(5)
    producer.tick()  # no event, no rescan yet
    assert not db.store.jobs
    clock.advance(5)
    producer.tick()  # the rescan nominates it
    clock.advance(1.1)
    producer.tick()
    assert len(db.store.jobs) == 1


def test_a_file_written_and_not_closed_is_held_back(tmp_path: Path) -> None:
    clock = FakeClock()
    db, sender = FakeDatabase(clock), FakeSender()
    producer = _producer(tmp_path, db, sender, clock)
    producer.tick()
    path = tmp_path / "inbox" / "growing.txt"
    path.write_bytes(b"Title\nBody")
    producer.nominate(str(path), "modified")
    for _ in range(3):
        clock.advance(2)
        producer.tick()
    assert not db.store.jobs  # stable size, but its writer has not closed it
    producer.nominate(str(path), "closed")
    clock.advance(1.1)
    producer.tick()
    assert len(db.store.jobs) == 1


def test_claims_are_postponed_while_the_database_is_down(tmp_path: Path) -> None:
    clock = FakeClock()
    db, sender = _DownDatabase(clock), FakeSender()
    producer = _producer(tmp_path, db, sender, clock)
    drop = tmp_path / "inbox" / "story.txt"
    drop.write_bytes(b"Title\nBody")
    db.down = True
    producer.tick()
    clock.advance(1.1)
    producer.tick()  # stable: the claim fails and claims pause; the file waits in .claiming
    claiming = tmp_path / "inbox" / ".claiming" / "story.txt"
    assert not db.store.jobs and (drop.exists() or claiming.exists())
    db.down = False
    clock.advance(1.0)
    producer.tick()  # still paused
    assert not db.store.jobs
    clock.advance(10)
    producer.tick()  # the next scan finishes the claim
    assert len(db.store.jobs) == 1 and sender.sent and not drop.exists() and not claiming.exists()


def test_the_loop_runs_the_reconciler_when_it_is_due(tmp_path: Path) -> None:
    clock = FakeClock()
    db, sender = FakeDatabase(clock), FakeSender()
    [job_id] = _queued(db, 1)
    producer = _producer(tmp_path, db, sender, clock)
    producer.tick()
    assert not sender.sent
    clock.advance(61)
    producer.tick()
    assert sender.sent == [job_id]
