"""The drop folder's own sub-folders are never followed, and a claim clears only the
version it read (issue 10, item 2). Claims run on the real file system, with fakes
for the database and the broker."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from services.config import Settings
from services.ports import UnitOfWork
from services.producer.claim import claim_file, recover_claims
from services.producer.dropdirs import CLAIM_DIR, UnsafeFolder
from tests.fakes import FakeDatabase, FakeSender, FakeUnitOfWork


def _settings(tmp_path: Path, **kw: object) -> Settings:
    settings = Settings.from_env({}, inbox=tmp_path / "inbox", **kw)
    settings.inbox.mkdir()
    return settings


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    return outside


def _tree(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- finding: processed/ and failed/ are followed ----------------------------------------


@pytest.mark.parametrize("folder", ["failed", "processed"])
def test_a_symlinked_subfolder_is_refused_and_nothing_is_written_outside(tmp_path: Path, folder: str) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path)
    outside = _outside(tmp_path)
    (settings.inbox / folder).symlink_to(outside, target_is_directory=True)
    story = settings.inbox / "story.txt"
    story.write_bytes(b"Title\nBody")
    link = settings.inbox / "passwd"  # a rejected drop: it would go to failed/
    link.symlink_to("/etc/passwd")
    for entry in (story, link):
        with pytest.raises(UnsafeFolder) as caught:
            claim_file(entry, settings=settings, uow_factory=db.uow, sender=sender)
        assert caught.value.folder.name == folder and "symbolic link" in caught.value.reason
    assert _tree(outside) == []
    assert story.read_bytes() == b"Title\nBody" and link.is_symlink()  # left in the inbox
    assert not db.store.jobs and not sender.sent
    with pytest.raises(UnsafeFolder):
        recover_claims(settings=settings, uow_factory=db.uow, sender=sender)
    assert _tree(outside) == []


def test_a_subfolder_that_is_a_file_or_not_ours_is_refused(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path)
    (settings.inbox / "failed").write_bytes(b"")
    story = settings.inbox / "story.txt"
    story.write_bytes(b"Title\nBody")
    with pytest.raises(UnsafeFolder, match="not a directory"):
        claim_file(story, settings=settings, uow_factory=db.uow, sender=sender)
    (settings.inbox / "failed").unlink()
    if os.geteuid() != 0:
        return  # handing a folder to another user needs root
    (settings.inbox / "failed").mkdir()
    os.chown(settings.inbox / "failed", 65534, 65534)
    with pytest.raises(UnsafeFolder, match="belongs to uid 65534"):
        claim_file(story, settings=settings, uow_factory=db.uow, sender=sender)
    assert story.exists() and not db.store.jobs


def test_a_symlinked_claim_folder_is_refused(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path)
    outside = _outside(tmp_path)
    (settings.inbox / CLAIM_DIR).symlink_to(outside, target_is_directory=True)
    story = settings.inbox / "story.txt"
    story.write_bytes(b"Title\nBody")
    with pytest.raises(UnsafeFolder):
        claim_file(story, settings=settings, uow_factory=db.uow, sender=sender)
    assert _tree(outside) == [] and story.exists()


def test_the_claim_folder_is_private(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path)
    (settings.inbox / CLAIM_DIR).mkdir(mode=0o777)
    os.chmod(settings.inbox / CLAIM_DIR, 0o777)
    story = settings.inbox / "story.txt"
    story.write_bytes(b"Title\nBody")
    assert claim_file(story, settings=settings, uow_factory=db.uow, sender=sender) is not None
    assert stat.S_IMODE((settings.inbox / CLAIM_DIR).stat().st_mode) == 0o700


# -- finding: a planted symlink at failed/NAME.error.json ------------------------------


def test_planted_symlinks_in_failed_are_neither_followed_nor_overwritten(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path, max_file_bytes=10)
    outside = _outside(tmp_path)
    victim_note, victim_file = outside / "note-target", outside / "file-target"
    victim_note.write_bytes(b"keep me")
    victim_file.write_bytes(b"keep me too")
    failed = settings.failed_path
    failed.mkdir()
    (failed / "big.txt.error.json").symlink_to(victim_note)
    (failed / "big2.txt.error.json").symlink_to(outside / "would-be-created")
    (failed / "big2.txt").symlink_to(victim_file)
    for name in ("big.txt", "big2.txt"):
        (settings.inbox / name).write_bytes(b"x" * 11)  # too large: rejected, moved to failed/
        assert claim_file(settings.inbox / name, settings=settings, uow_factory=db.uow, sender=sender) is None
    assert victim_note.read_bytes() == b"keep me" and victim_file.read_bytes() == b"keep me too"
    assert _tree(outside) == ["file-target", "note-target"]
    # Each drop and its note went beside the planted links, under a free name.
    assert (failed / "big-1.txt").read_bytes() == b"x" * 11
    assert '"code": "too_large"' in (failed / "big-1.txt.error.json").read_text()
    assert (failed / "big2-1.txt").read_bytes() == b"x" * 11
    assert '"source_name": "big2.txt"' in (failed / "big2-1.txt.error.json").read_text()
    assert (failed / "big.txt.error.json").is_symlink() and (failed / "big2.txt").is_symlink()
    assert stat.S_IMODE((failed / "big-1.txt.error.json").stat().st_mode) == 0o600


# -- finding: a new version renamed over the name between read and clear ---------------


class _SwapOnCommit(FakeUnitOfWork):
    """The crawler's move, made at the worst moment: right after the claim's commit
    (after the read, before the file is cleared)."""

    def __init__(self, db: FakeDatabase, swap: Callable[[], None]) -> None:
        super().__init__(db.store, [0])
        self._swap = swap

    def commit(self) -> None:
        super().commit()
        swap, self._swap = self._swap, lambda: None
        swap()


@pytest.mark.parametrize("after_claim", ["move", "delete"])
def test_a_version_renamed_over_the_name_mid_claim_is_its_own_job(tmp_path: Path, after_claim: str) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path, after_claim=after_claim)
    drop = settings.inbox / "story.txt"
    drop.write_bytes(b"Title\nversion one")
    staged = settings.inbox / ".story.txt.tmp"

    def crawler_renames_v2_over_the_name() -> None:
        staged.write_bytes(b"Title\nversion two, longer")
        os.rename(staged, drop)

    uows: list[UnitOfWork] = [_SwapOnCommit(db, crawler_renames_v2_over_the_name)]
    first = claim_file(drop, settings=settings, uow_factory=lambda: uows.pop() if uows else db.uow(), sender=sender)
    assert first is not None
    assert drop.read_bytes() == b"Title\nversion two, longer"  # not deleted, not moved away
    if after_claim == "move":
        assert (settings.processed_path / "story.txt").read_bytes() == b"Title\nversion one"
    second = claim_file(drop, settings=settings, uow_factory=db.uow, sender=sender)
    assert second is not None and second.created and second.job_id != first.job_id
    assert sorted(db.store.raw.values()) == [b"Title\nversion one", b"Title\nversion two, longer"]
    assert sender.sent == [first.job_id, second.job_id]
    assert not drop.exists() and not os.listdir(settings.inbox / CLAIM_DIR)


def test_a_claimed_file_written_to_after_the_read_is_not_cleared(tmp_path: Path) -> None:
    """Only a writer that held the file open since before the claim can still change it
    in the private claim folder: the changed file is left there and claimed again."""
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path, after_claim="delete")
    drop = settings.inbox / "story.txt"
    drop.write_bytes(b"Title\nfirst part")
    writer = drop.open("ab")

    def writer_appends() -> None:
        writer.write(b" and the rest")
        writer.close()

    uows: list[UnitOfWork] = [_SwapOnCommit(db, writer_appends)]
    first = claim_file(drop, settings=settings, uow_factory=lambda: uows.pop() if uows else db.uow(), sender=sender)
    assert first is not None
    assert os.listdir(settings.inbox / CLAIM_DIR) == ["story.txt"]
    assert recover_claims(settings=settings, uow_factory=db.uow, sender=sender) == 1
    assert sorted(db.store.raw.values()) == [b"Title\nfirst part", b"Title\nfirst part and the rest"]
    assert len(db.store.jobs) == 2 and not os.listdir(settings.inbox / CLAIM_DIR)


def test_a_claim_cut_short_after_its_commit_is_finished_with_the_same_job(tmp_path: Path) -> None:
    db = FakeDatabase()
    settings = _settings(tmp_path)
    drop = settings.inbox / "story.txt"
    drop.write_bytes(b"Title\nBody")

    class _DiesOnSend(FakeSender):
        def send_ingest(self, job_id: str) -> None:
            raise KeyboardInterrupt  # stands for the producer being killed here

    with pytest.raises(KeyboardInterrupt):
        claim_file(drop, settings=settings, uow_factory=db.uow, sender=_DiesOnSend())
    assert not drop.exists() and os.listdir(settings.inbox / CLAIM_DIR) == ["story.txt"]
    # The same name dropped again meanwhile waits for the unfinished claim, then is its own drop.
    drop.write_bytes(b"Title\nBody, again")
    sender = FakeSender()
    again = claim_file(drop, settings=settings, uow_factory=db.uow, sender=sender)
    assert again is not None and again.created
    [(first_id, _)] = [(j, r) for j, r in db.store.jobs.items() if j != again.job_id]
    assert sender.sent == [first_id, again.job_id]
    assert len(db.store.jobs) == 2 and not os.listdir(settings.inbox / CLAIM_DIR)
    assert sorted(os.listdir(settings.processed_path)) == ["story-" + again.job_id[:8] + ".txt", "story.txt"]
