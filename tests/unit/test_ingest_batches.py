"""Several jobs to an ingest message (``Settings.ingest_batch``), with fakes of the ports."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.config import Settings
from services.domain.models import JobStatus
from services.errors import ConfigError
from services.ingest import BATCH_WINDOW_SHARE, give_up_batch, run_ingest_batch
from services.outbox import message_groups, send_jobs
from services.producer.claim import Claimed, claim_files
from services.producer.dropdirs import DropDirs
from tests.fakes import FakeClock, FakeDatabase, FakeSender

_ARTICLE = (b"A council votes on the harbour plan\n\n"
            + b"The council voted on Tuesday to rebuild the old harbour wall before the winter storms. " * 6)


def _settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings.from_env({}, inbox=tmp_path / "inbox", **kw)


def _jobs(db: FakeDatabase, count: int) -> list[str]:
    ids = []
    for n in range(count):
        content = _ARTICLE + f"Story {n} of the batch, told its own way.\n".encode() * (n + 1)
        sha = hashlib.sha256(content).hexdigest()
        with db.uow() as uow:
            uow.raw.put(sha, content)
            job_id, _ = uow.jobs.create(job_id=f"job-{n}", source_name=f"s{n}.txt", sha256=sha, drop_key=f"k{n}")
            uow.commit()
        ids.append(job_id)
    return ids


@pytest.mark.parametrize(("count", "per_message", "sizes"), [
    (0, 4, []), (1, 4, [1]), (4, 4, [4]), (5, 4, [3, 2]), (8, 4, [4, 4]), (9, 4, [3, 3, 3]),
    (3, 1, [1, 1, 1]), (64, 4, [4] * 16),
])
def test_jobs_are_cut_into_as_few_messages_of_even_sizes_as_can_be(count: int, per_message: int,
                                                                 sizes: list[int]) -> None:
    ids = [f"j{n}" for n in range(count)]
    groups = message_groups(ids, per_message)
    assert [len(g) for g in groups] == sizes
    assert [j for g in groups for j in g] == ids  # every job once, in order


def test_a_turn_of_claimed_files_is_sent_several_to_a_message(tmp_path: Path) -> None:
    settings, db, sender = _settings(tmp_path, ingest_batch=4), FakeDatabase(), FakeSender()
    settings.inbox.mkdir()
    paths = []
    for n in range(6):
        path = settings.inbox / f"story-{n}.txt"
        path.write_bytes(b"Title\n\nBody of story %d." % n)
        paths.append(path)
    with DropDirs.open(settings) as dirs:
        outcomes = claim_files(paths, settings=settings, uow_factory=db.uow, sender=sender, dirs=dirs)
    claimed = [o for o in outcomes.values() if isinstance(o, Claimed)]
    assert len(claimed) == 6 and all(c.sent for c in claimed)
    assert sender.batches == [[c.job_id for c in claimed[:3]], [c.job_id for c in claimed[3:]]]
    assert sender.sent == [c.job_id for c in claimed]
    assert all(db.store.sent_counts[c.job_id] == 1 for c in claimed)


def test_with_a_batch_of_one_each_job_is_a_message_of_its_own(tmp_path: Path) -> None:
    settings, db, sender = _settings(tmp_path, ingest_batch=1), FakeDatabase(), FakeSender()
    settings.inbox.mkdir()
    paths = [settings.inbox / f"s{n}.txt" for n in range(3)]
    for n, path in enumerate(paths):
        path.write_bytes(b"Title\n\nBody %d." % n)
    with DropDirs.open(settings) as dirs:
        claim_files(paths, settings=settings, uow_factory=db.uow, sender=sender, dirs=dirs)
    assert len(sender.sent) == 3 and sender.batches == []
    with pytest.raises(ConfigError):
        _settings(tmp_path, ingest_batch=0)


def test_a_broker_failing_mid_way_leaves_the_unsent_messages_jobs_queued() -> None:
    db = FakeDatabase()
    ids = _jobs(db, 6)
    sender = FakeSender(fail_after=3)  # the first message (three jobs) goes, the second does not
    assert send_jobs(ids, uow_factory=db.uow, sender=sender, per_message=4) == 3
    assert sender.sent == ids[:3] and sender.batches == [ids[:3]]
    assert {j: db.store.sent_counts.get(j, 0) for j in ids} == {j: int(j in ids[:3]) for j in ids}


def test_a_batch_runs_its_jobs_in_turn(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    ids = _jobs(db, 3)
    outcomes = run_ingest_batch(ids, settings=_settings(tmp_path), uow_factory=db.uow, sender=sender,
                                worker="w:1")
    assert [o.status for o in outcomes] == [JobStatus.STORED] * 3
    assert all(db.store.jobs[j].status is JobStatus.STORED for j in ids)
    # Run again (Celery's retry after a transient error): the finished jobs stay as they are.
    again = run_ingest_batch(ids, settings=_settings(tmp_path), uow_factory=db.uow, sender=sender, worker="w:1")
    assert [o.status for o in again] == [JobStatus.STORED] * 3 and len(db.store.articles) == 3


def test_a_redelivered_batch_sends_each_job_alone_and_runs_none(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    ids = _jobs(db, 3)
    outcomes = run_ingest_batch(ids, settings=_settings(tmp_path), uow_factory=db.uow, sender=sender,
                                worker="w:1", redelivered=True)
    assert outcomes == [] and sender.sent == ids and sender.batches == []
    assert all(db.store.jobs[j].status is JobStatus.QUEUED for j in ids)


def test_a_batch_starts_no_job_past_its_window_and_sends_the_rest_alone(tmp_path: Path) -> None:
    db, sender, clock = FakeDatabase(), FakeSender(), FakeClock()
    ids = _jobs(db, 4)
    settings = _settings(tmp_path)
    window = settings.task_time_limit_seconds * BATCH_WINDOW_SHARE
    calls = []

    def slow_clock() -> float:  # the first job takes longer than the window
        calls.append(clock())
        if len(calls) == 2:
            clock.advance(window + 1)
        return clock()

    outcomes = run_ingest_batch(ids, settings=settings, uow_factory=db.uow, sender=sender, worker="w:1",
                                clock=slow_clock)
    assert len(outcomes) == 1 and db.store.jobs[ids[0]].status is JobStatus.STORED
    assert sender.sent == ids[1:] and sender.batches == []
    assert all(db.store.jobs[j].status is JobStatus.QUEUED for j in ids[1:])


def test_giving_up_a_batch_fails_its_first_unfinished_job_and_sends_the_rest_alone(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    ids = _jobs(db, 4)
    run_ingest_batch(ids[:1], settings=_settings(tmp_path), uow_factory=db.uow, sender=sender, worker="w:1")
    give_up_batch(ids, uow_factory=db.uow, sender=sender, error="StorageUnavailable: the database is down")
    assert db.store.jobs[ids[0]].status is JobStatus.STORED  # finished before: left alone
    assert db.store.jobs[ids[1]].status is JobStatus.FAILED
    assert db.store.finished[ids[1]]["error_code"] == "retries_exhausted"
    assert sender.sent == ids[2:] and sender.batches == []
