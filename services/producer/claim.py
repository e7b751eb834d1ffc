"""Claiming one inbox file: store its bytes and its job, send the task, clear the inbox.

The order is what makes a crash at any point safe:

0. the inbox entry is renamed into the private ``.claiming`` folder (see
   ``services.producer.dropdirs``) and read from there, so the version stored is the
   version cleared, and a newer one renamed over the name meanwhile stays in the inbox
   as a drop of its own; a crash leaves the entry in ``.claiming``, where
   ``recover_claims`` finishes it at the next scan;
1. one transaction stores the raw bytes (keyed by sha256) and a ``queued`` job whose
   ``drop_key`` identifies this drop; re-claiming the same drop after a crash finds
   that job instead of making a second;
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import structlog

from services.config import Settings
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


def claim_file(
    path: Path,
    *,
    settings: Settings,
    uow_factory: Callable[[], UnitOfWork],
    sender: TaskSender,
    dirs: DropDirs | None = None,
) -> Claimed | None:
    """Claim the inbox entry ``path``. Returns ``None`` when it went to ``failed/``
    (or vanished) instead. ``dirs``: the folders opened once for several claims (the
    producer's turn); opened here when None.

    The entry is first renamed into the private ``.claiming`` folder: whatever is under
    the name at that instant is the version claimed, and a newer one renamed over the
    name afterwards stays in the inbox as its own drop.

    Raises ``StorageUnavailable`` or ``UnsafeFolder``; the file then stays where it was
    (the inbox, or ``.claiming`` where ``recover_claims`` finishes it).
    """
    if dirs is None:
        with DropDirs.open(settings) as opened:
            return claim_file(path, settings=settings, uow_factory=uow_factory, sender=sender, dirs=opened)
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
    return _finish_claim(name, dirs=dirs, settings=settings, uow_factory=uow_factory, sender=sender,
                         arrived_at=arrived)


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
    arrived_at: float | None = None,
) -> Claimed | None:
    """Read, store, send and clear ``.claiming/NAME`` (``arrived_at``: when it arrived in
    the inbox; unknown for a claim recovered after a crash)."""
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
    with uow_factory() as uow:
        uow.raw.put(sha256, content)
        job_id, created = uow.jobs.create(
            job_id=str(uuid.uuid4()), source_name=text_name, sha256=sha256, drop_key=drop_key,
            dropped_at=arrived_at, sending=True,  # its send is counted here: one transaction less
        )
        uow.commit()

    structlog.contextvars.bind_contextvars(job_id=job_id)
    try:
        log.info("file_claimed", source_name=text_name, sha256=sha256, bytes=len(content), new_job=created)
        sent = send_jobs([job_id], uow_factory=uow_factory, sender=sender, counted=created) == 1
        _clear_claimed(dirs, name, st, len(content), job_id=job_id)
    finally:
        structlog.contextvars.unbind_contextvars("job_id")
    return Claimed(job_id=job_id, created=created, sent=sent)


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
