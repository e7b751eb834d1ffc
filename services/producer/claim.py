"""Claiming inbox files: store their bytes and their jobs, send the tasks, clear the inbox.

The order is what makes a crash at any point safe:

0. the inbox entry is renamed into the private ``.claiming`` folder (see
   ``services.producer.dropdirs``) and read from there, so the version stored is the
   version cleared, and a newer one renamed over the name meanwhile stays in the inbox
   as a drop of its own; a crash leaves the entry in ``.claiming``, where
   ``recover_claims`` finishes it at the next scan;
1. one transaction stores the raw bytes (keyed by sha256) and a ``queued`` job whose
   ``drop_key`` identifies this drop, for a batch of the producer turn's files (up to
   ``BATCH_FILES`` and about ``BATCH_BYTES``: two statements and one commit for them
   all); re-claiming the same drop after a crash finds that job instead of making a
   second;
2. the task is sent (if the broker is down the job stays ``queued`` and the
   reconciler sends it later: the job row is the outbox);
3. the file leaves ``.claiming`` (moved to ``processed/`` or deleted), only if it is
   still the file that was read (device, inode, size, mtime).

A file that cannot be claimed — a symlink, not a regular file, too large — still gets
a job, born ``rejected`` with the reason, and goes to ``failed/`` with
``NAME.error.json`` beside it: every drop is accounted for in ``api.jobs``.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import structlog

from services.config import Settings
from services.domain.models import NewJob
from services.errors import InputError, StorageUnavailable, TooLarge, Unclaimable, UnsafeFolder
from services.outbox import send_jobs
from services.ports import TaskSender, UnitOfWork
from services.producer.dropdirs import DropDirs, create_note, exists_at, free_name

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Claimed:
    job_id: str
    created: bool
    sent: bool


# A producer turn claims its files several to a transaction: one commit, one statement
# for their raw documents and one for their jobs, where each file alone costs four. A
# batch holds at most this many files, and stops taking more past this many bytes (they
# are in memory until the commit).
BATCH_FILES = 64
BATCH_BYTES = 16 * 1024 * 1024

ClaimOutcome = Claimed | None | Exception


@dataclass(frozen=True, slots=True)
class _Read:
    """An entry of ``.claiming`` read for its claim, and the job it is to have."""

    name: str
    content: bytes
    st: os.stat_result
    job: NewJob


def claim_file(
    path: Path,
    *,
    settings: Settings,
    uow_factory: Callable[[], UnitOfWork],
    sender: TaskSender,
    dirs: DropDirs | None = None,
) -> Claimed | None:
    """Claim the inbox entry ``path`` (``claim_files`` of one file). Returns ``None`` when
    it went to ``failed/`` (or vanished) instead; raises what its claim raised.

    Raises ``StorageUnavailable`` or ``UnsafeFolder``; the file then stays where it was
    (the inbox, or ``.claiming`` where ``recover_claims`` finishes it).
    """
    if dirs is None:
        with DropDirs.open(settings) as opened:
            return claim_file(path, settings=settings, uow_factory=uow_factory, sender=sender, dirs=opened)
    return _raised(claim_files([path], settings=settings, uow_factory=uow_factory, sender=sender, dirs=dirs)[path])


def _raised(outcome: ClaimOutcome) -> Claimed | None:
    """The claim, or its exception raised."""
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


def claim_files(
    paths: Sequence[Path],
    *,
    settings: Settings,
    uow_factory: Callable[[], UnitOfWork],
    sender: TaskSender,
    dirs: DropDirs,
) -> dict[Path, ClaimOutcome]:
    """Claim the inbox entries ``paths`` (``dirs``: the folders, opened once for the
    turn), their jobs made several to a transaction (``BATCH_FILES``, ``BATCH_BYTES``).
    Per path: its ``Claimed``; ``None`` when it went to ``failed/`` (or vanished)
    instead; or the exception its claim raised, which the caller answers for that file
    alone (the others are claimed).

    Each entry is first renamed into the private ``.claiming`` folder: whatever is under
    the name at that instant is the version claimed, and a newer one renamed over the
    name afterwards stays in the inbox as its own drop.

    Raises ``StorageUnavailable`` or ``UnsafeFolder``: the files not reached stay in the
    inbox, those of the batch under way in ``.claiming``, where ``recover_claims``
    finishes them (their drop keys find any job already made).
    """
    outcomes: dict[Path, ClaimOutcome] = {}
    batch: list[tuple[Path, _Read]] = []
    held = 0
    for path in paths:
        try:
            read = _take(path, dirs=dirs, settings=settings, uow_factory=uow_factory, sender=sender)
        except (StorageUnavailable, UnsafeFolder):
            raise
        except Exception as exc:  # noqa: BLE001  # this file's claim failed, not the turn's
            outcomes[path] = exc
            continue
        if read is None:
            outcomes[path] = None
            continue
        batch.append((path, read))
        held += len(read.content)
        if len(batch) >= BATCH_FILES or held >= BATCH_BYTES:
            outcomes.update(_claim_batch(batch, dirs=dirs, uow_factory=uow_factory, sender=sender,
                                         per_message=settings.ingest_batch))
            batch, held = [], 0
    if batch:
        outcomes.update(_claim_batch(batch, dirs=dirs, uow_factory=uow_factory, sender=sender,
                                     per_message=settings.ingest_batch))
    return outcomes


def _take(
    path: Path,
    *,
    dirs: DropDirs,
    settings: Settings,
    uow_factory: Callable[[], UnitOfWork],
    sender: TaskSender,
) -> _Read | None:
    """Rename the inbox entry ``path`` into ``.claiming`` and read it (a claim of the
    same name a crash left there is finished first, on its own); None when it vanished,
    went to ``failed/`` or waits behind an unfinished claim of its name."""
    name = path.name
    if exists_at(dirs.claiming, name):  # left by a crash mid-claim: finish it first
        _finish_claim(name, dirs=dirs, settings=settings, uow_factory=uow_factory, sender=sender)
        if exists_at(dirs.claiming, name):
            log.error("claim_blocked", source_name=source_name(path),
                      reason="an earlier claim of this name is unfinished")
            return None
    try:
        # Its arrival: the inode's change time before our rename changes it (the
        # rename into the inbox, or the writer's last write).
        arrived = os.lstat(name, dir_fd=dirs.inbox).st_ctime
        os.rename(name, name, src_dir_fd=dirs.inbox, dst_dir_fd=dirs.claiming)
    except FileNotFoundError:
        log.info("file_vanished", path=str(path))
        return None
    return _read_claimed(name, dirs=dirs, settings=settings, uow_factory=uow_factory, arrived_at=arrived)


def _claim_batch(
    batch: list[tuple[Path, _Read]],
    *,
    dirs: DropDirs,
    uow_factory: Callable[[], UnitOfWork],
    sender: TaskSender,
    per_message: int = 1,
) -> dict[Path, ClaimOutcome]:
    """One transaction stores the batch's bytes and their queued jobs (a drop claimed
    before finds its job); then the tasks are sent (up to ``per_message`` jobs to a
    message) and the files cleared. If the
    transaction fails other than for the database, the files are stored one by one, so
    that only a file whose rows are refused fails."""
    try:
        with uow_factory() as uow:
            uow.raw.put_many([(read.job.sha256, read.content) for _, read in batch])
            # Each new job's send is counted here: one transaction less.
            jobs = uow.jobs.create_many([read.job for _, read in batch], sending=True)
            uow.commit()
    except StorageUnavailable:
        raise
    except Exception as exc:  # answered for the file that caused it
        if len(batch) == 1:
            return {batch[0][0]: exc}
        log.exception("claim_batch_failed", files=len(batch))
        outcomes: dict[Path, ClaimOutcome] = {}
        for item in batch:
            outcomes.update(_claim_batch([item], dirs=dirs, uow_factory=uow_factory, sender=sender))
        return outcomes
    for (_, read), (job_id, created) in zip(batch, jobs, strict=True):
        log.info("file_claimed", job_id=job_id, source_name=read.job.source_name, sha256=read.job.sha256,
                 bytes=len(read.content), new_job=created)
    new = [job_id for job_id, created in jobs if created]
    old = [job_id for job_id, created in jobs if not created]
    # (each list is sent in order until the broker fails: its first ``count`` went)
    sent = set(new[:send_jobs(new, uow_factory=uow_factory, sender=sender, counted=True,
                              per_message=per_message)])
    sent |= set(old[:send_jobs(old, uow_factory=uow_factory, sender=sender)])
    outcomes = {}
    for (path, read), (job_id, created) in zip(batch, jobs, strict=True):
        try:
            with structlog.contextvars.bound_contextvars(job_id=job_id):
                _clear_claimed(dirs, read.name, read.st, len(read.content), job_id=job_id)
        except Exception as exc:  # noqa: BLE001  # answered by the caller, for this file
            outcomes[path] = exc
            continue
        outcomes[path] = Claimed(job_id=job_id, created=created, sent=job_id in sent)
    return outcomes


def recover_claims(
    *, settings: Settings, uow_factory: Callable[[], UnitOfWork], sender: TaskSender
) -> int:
    """Finish the claims a crash left in ``.claiming`` (their drop keys find the jobs
    already made). Returns how many were finished. Raises ``StorageUnavailable`` or
    ``UnsafeFolder``; an entry that crashes the claim goes to ``failed/``."""
    done = 0
    with DropDirs.open(settings) as dirs:
        for name in sorted(os.listdir(dirs.claiming)):
            try:
                _finish_claim(name, dirs=dirs, settings=settings, uow_factory=uow_factory, sender=sender)
            except (StorageUnavailable, UnsafeFolder):
                raise
            except Exception as exc:  # one odd file must not stop the others
                log.exception("claim_crashed", source_name=_text(name))
                _move_to_failed(dirs, dirs.claiming, name, code="claim_error", message=f"{type(exc).__name__}: {exc}")
            done += 1
    if done:
        log.info("claims_recovered", count=done)
    return done


def _finish_claim(
    name: str,
    *,
    dirs: DropDirs,
    settings: Settings,
    uow_factory: Callable[[], UnitOfWork],
    sender: TaskSender,
) -> Claimed | None:
    """Read, store, send and clear ``.claiming/NAME``, a claim a crash left there."""
    read = _read_claimed(name, dirs=dirs, settings=settings, uow_factory=uow_factory, arrived_at=None)
    if read is None:
        return None
    return _raised(_claim_batch([(Path(name), read)], dirs=dirs, uow_factory=uow_factory, sender=sender)[Path(name)])


def _read_claimed(
    name: str,
    *,
    dirs: DropDirs,
    settings: Settings,
    uow_factory: Callable[[], UnitOfWork],
    arrived_at: float | None,
) -> _Read | None:
    """``.claiming/NAME`` read, with the job it is to have (``arrived_at``: when it
    arrived in the inbox; unknown for a claim recovered after a crash); None when it
    vanished, or was refused and went to ``failed/``."""
    try:
        content, st = _read_regular_file(dirs.claiming, name, max_bytes=settings.max_file_bytes)
    except FileNotFoundError:
        log.info("file_vanished", path=name)
        return None
    except InputError as exc:
        _reject_drop(dirs.claiming, name, exc, uow_factory=uow_factory)
        _move_to_failed(dirs, dirs.claiming, name, code=exc.code, message=exc.message)
        return None
    sha256 = hashlib.sha256(content).hexdigest()
    text_name = _text(name)
    drop_key = "\x1f".join((text_name, str(st.st_size), str(st.st_mtime_ns), sha256))
    job = NewJob(job_id=str(uuid.uuid4()), source_name=text_name, sha256=sha256, drop_key=drop_key,
                 dropped_at=arrived_at)
    return _Read(name=name, content=content, st=st, job=job)


def source_name(path: Path) -> str:
    """The file name as text Postgres accepts: bytes that are not UTF-8 become U+FFFD."""
    return _text(path.name)


def _text(name: str) -> str:
    return os.fsencode(name).decode("utf-8", errors="replace")


def move_to_failed(path: Path, *, settings: Settings, code: str, message: str) -> str | None:
    """Set the inbox entry ``path`` aside in ``failed/`` (from ``.claiming`` when its
    claim got that far). Returns its name in ``failed/``, None when it is gone."""
    with DropDirs.open(settings) as dirs:
        src = dirs.claiming if exists_at(dirs.claiming, path.name) else dirs.inbox
        return _move_to_failed(dirs, src, path.name, code=code, message=message)


def _move_to_failed(dirs: DropDirs, src_fd: int, name: str, *, code: str, message: str) -> str | None:
    target = free_name(dirs.failed, name, note_suffix=".error.json")
    try:
        # Renames a symlink itself, never its target, and never follows one at the target.
        os.rename(name, target, src_dir_fd=src_fd, dst_dir_fd=dirs.failed)
    except FileNotFoundError:
        return None
    note = {"code": code, "message": message, "source_name": _text(name), "time": datetime.now(UTC).isoformat()}
    try:
        create_note(dirs.failed, target + ".error.json", json.dumps(note, indent=2) + "\n")
    except FileExistsError:  # planted between the check and now: keep it, say so in the log
        log.error("error_note_exists", source_name=_text(name), note=target + ".error.json")
    log.warning("file_failed", source_name=_text(name), error_code=code, error=message, moved_to=target)
    return target


def _reject_drop(dir_fd: int, name: str, exc: InputError, *, uow_factory: Callable[[], UnitOfWork]) -> None:
    st = os.lstat(name, dir_fd=dir_fd)
    text_name = _text(name)
    drop_key = "\x1f".join((text_name, str(st.st_size), str(st.st_mtime_ns), f"rejected:{exc.code}"))
    with uow_factory() as uow:
        job_id, _ = uow.jobs.create_rejected(
            job_id=str(uuid.uuid4()),
            source_name=text_name,
            drop_key=drop_key,
            error_code=exc.code,
            error_message=exc.message,
        )
        uow.commit()
    log.warning("job_finished", job_id=job_id, outcome="rejected", error_code=exc.code, source_name=text_name)


def _read_regular_file(dir_fd: int, name: str, *, max_bytes: int) -> tuple[bytes, os.stat_result]:
    """Read ``name`` in ``dir_fd``: a regular file, never through a link, never a device."""
    lst = os.lstat(name, dir_fd=dir_fd)
    if stat.S_ISLNK(lst.st_mode):
        raise Unclaimable("the inbox entry is a symbolic link; copydesk never follows links", code="symlink")
    if not stat.S_ISREG(lst.st_mode):
        raise Unclaimable("the inbox entry is not a regular file", code="not_a_file")
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unclaimable("the inbox entry is a symbolic link; copydesk never follows links",
                              code="symlink") from exc
        if exc.errno == errno.ENOENT:
            raise FileNotFoundError(name) from exc
        raise Unclaimable(f"cannot open the file: {exc.strerror}", code="unreadable") from exc
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise Unclaimable("the inbox entry is not a regular file", code="not_a_file")
        if st.st_size > max_bytes:
            raise TooLarge(f"the file has {st.st_size} bytes; the limit is {max_bytes} (COPYDESK_MAX_FILE_BYTES)")
        content = f.read(max_bytes + 1)
        st = os.fstat(f.fileno())  # what was read: a writer still holding the file may have moved it on
    if len(content) > max_bytes:
        raise TooLarge(f"the file grew past the limit of {max_bytes} bytes while being read")
    return content, st


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino, a.st_size, a.st_mtime_ns) == (b.st_dev, b.st_ino, b.st_size, b.st_mtime_ns)


def _clear_claimed(
    dirs: DropDirs, name: str, read: os.stat_result, bytes_read: int, *, job_id: str
) -> None:
    """Move ``.claiming/NAME`` to ``processed/`` or delete it — only if it is still the
    file that was read. ``.claiming`` is private, so only a writer that held the file
    open since before the claim can have changed it; it is then left for
    ``recover_claims``, which claims it again as its own version."""
    try:
        now = os.lstat(name, dir_fd=dirs.claiming)
    except FileNotFoundError:
        return
    if not _same_file(now, read) or now.st_size != bytes_read:
        log.warning("claimed_file_changed", source_name=_text(name), bytes_read=bytes_read, bytes_now=now.st_size)
        return
    if dirs.processed is None:
        os.unlink(name, dir_fd=dirs.claiming)
        return
    target = free_name(dirs.processed, name, tag=job_id[:8])
    os.rename(name, target, src_dir_fd=dirs.claiming, dst_dir_fd=dirs.processed)
