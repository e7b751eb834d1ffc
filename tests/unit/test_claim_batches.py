"""A producer turn claims its files several to a transaction (issue 12, item 4: round
trips counted and cut). Claims run on the real file system, with fakes for the database
and the broker."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from services.config import Settings
from services.domain.models import NewJob
from services.errors import StorageUnavailable
from services.ports import UnitOfWork
from services.producer import claim
from services.producer.claim import Claimed, claim_files
from services.producer.dropdirs import DropDirs
from tests.fakes import FakeDatabase, FakeJobRepository, FakeSender


def _settings(tmp_path: Path) -> Settings:
    settings = Settings.from_env({}, inbox=tmp_path / "inbox")
    settings.inbox.mkdir()
    return settings


def _drops(settings: Settings, count: int, *, size: int = 10) -> list[Path]:
    paths = []
    for i in range(count):
        path = settings.inbox / f"story-{i}.txt"
        path.write_bytes(b"Title %d\n" % i + b"x" * size)
        paths.append(path)
    return paths


class _CountingDatabase(FakeDatabase):
    """Counts the units of work opened: a transaction each."""

    def __init__(self) -> None:
        super().__init__()
        self.opened = 0

    def uow(self) -> UnitOfWork:
        self.opened += 1
        return super().uow()


def _claim(settings: Settings, paths: list[Path], db: FakeDatabase, sender: FakeSender
           ) -> dict[Path, object]:
    with DropDirs.open(settings) as dirs:
        return dict(claim_files(paths, settings=settings, uow_factory=db.uow, sender=sender, dirs=dirs))


def test_a_turn_of_files_is_claimed_in_one_transaction(tmp_path: Path) -> None:
    settings, db, sender = _settings(tmp_path), _CountingDatabase(), FakeSender()
    paths = _drops(settings, 10)
    outcomes = _claim(settings, paths, db, sender)
    assert list(outcomes) == paths
    claimed = [outcome for outcome in outcomes.values() if isinstance(outcome, Claimed)]
    assert len(claimed) == 10 and all(c.created and c.sent for c in claimed)
    assert db.opened == 1 and db.commits == 1
    assert sender.sent == [c.job_id for c in claimed]  # sent in the order of the files
    assert {db.store.jobs[c.job_id].source_name for c in claimed} == {p.name for p in paths}
    assert len(db.store.raw) == 10 and all(db.store.sent_counts[c.job_id] == 1 for c in claimed)
    assert not any(p.exists() for p in paths)


def test_a_batch_stops_at_its_file_and_byte_bounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings, db, sender = _settings(tmp_path), _CountingDatabase(), FakeSender()
    monkeypatch.setattr(claim, "BATCH_FILES", 4)
    outcomes = _claim(settings, _drops(settings, 10), db, sender)
    assert db.opened == 3 and len(sender.sent) == 10  # 4 + 4 + 2
    assert all(isinstance(o, Claimed) for o in outcomes.values())
    monkeypatch.setattr(claim, "BATCH_BYTES", 2500)  # the third 1 KB file fills a batch
    db = _CountingDatabase()
    for path in _drops(settings, 7, size=1000):
        path.rename(path.with_name("big-" + path.name))
    _claim(settings, sorted(settings.inbox.glob("big-*")), db, sender)
    assert db.opened == 3  # 3 + 3 + 1


def test_a_file_the_database_refuses_fails_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings, db, sender = _settings(tmp_path), _CountingDatabase(), FakeSender()
    paths = _drops(settings, 5)
    create_many = FakeJobRepository.create_many

    def refusing(self: FakeJobRepository, jobs: Sequence[NewJob], *, sending: bool = False
                 ) -> list[tuple[str, bool]]:
        if any(job.source_name == "story-2.txt" for job in jobs):
            raise ValueError("a row the database refuses")
        return create_many(self, jobs, sending=sending)

    monkeypatch.setattr(FakeJobRepository, "create_many", refusing)
    outcomes = _claim(settings, paths, db, sender)
    assert isinstance(outcomes[paths[2]], ValueError)
    assert all(isinstance(outcomes[p], Claimed) for p in paths if p != paths[2])
    assert len(sender.sent) == 4 and len(db.store.jobs) == 4
    assert db.opened == 1 + 5  # the batch, then each file on its own


def test_a_database_outage_leaves_the_batch_to_recovery_and_the_rest_in_the_inbox(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings, db, sender = _settings(tmp_path), FakeDatabase(), FakeSender()
    monkeypatch.setattr(claim, "BATCH_FILES", 3)
    paths = _drops(settings, 5)
    create_many = FakeJobRepository.create_many
    calls = []

    def down_second_time(self: FakeJobRepository, jobs: Sequence[NewJob], *, sending: bool = False
                         ) -> list[tuple[str, bool]]:
        calls.append(len(jobs))
        if len(calls) == 2:
            raise StorageUnavailable("the database went away")
        return create_many(self, jobs, sending=sending)

    monkeypatch.setattr(FakeJobRepository, "create_many", down_second_time)
    with pytest.raises(StorageUnavailable):
        _claim(settings, paths, db, sender)
    assert len(db.store.jobs) == 3 and len(sender.sent) == 3
    assert sorted(p.name for p in (settings.inbox / ".claiming").iterdir()) == ["story-3.txt", "story-4.txt"]
    monkeypatch.setattr(FakeJobRepository, "create_many", create_many)
    assert claim.recover_claims(settings=settings, uow_factory=db.uow, sender=sender) == 2
    assert len(db.store.jobs) == 5 and len(sender.sent) == 5 and not any(p.exists() for p in paths)


def test_a_drop_claimed_before_finds_its_job_in_a_batch(tmp_path: Path) -> None:
    settings, db, sender = _settings(tmp_path), FakeDatabase(), FakeSender()
    paths = _drops(settings, 3)
    # the second file's job was made by a claim that crashed before it sent the task
    st, content = paths[1].stat(), paths[1].read_bytes()
    key = "\x1f".join((paths[1].name, str(st.st_size), str(st.st_mtime_ns), hashlib.sha256(content).hexdigest()))
    with db.uow() as uow:
        uow.jobs.create(job_id="earlier", source_name=paths[1].name, sha256=hashlib.sha256(content).hexdigest(),
                        drop_key=key)
        uow.commit()
    outcomes = _claim(settings, paths, db, sender)
    assert outcomes[paths[1]] == Claimed(job_id="earlier", created=False, sent=True)
    assert all(isinstance(outcomes[p], Claimed) and outcomes[p].created for p in (paths[0], paths[2]))
    assert len(db.store.jobs) == 3 and "earlier" in sender.sent and len(sender.sent) == 3
    assert db.store.sent_counts["earlier"] == 1
