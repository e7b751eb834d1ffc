"""Claiming one inbox file: store its bytes and its job, send the task, clear the inbox.

The order is what makes a crash at any point safe:

1. one transaction stores the raw bytes (keyed by sha256) and a ``queued`` job whose
   ``drop_key`` identifies this drop; re-claiming the same drop after a crash finds
   that job instead of making a second;
2. the task is sent (if the broker is down the job stays ``queued`` and the
   reconciler sends it later: the job row is the outbox);
3. the file leaves the inbox (moved to ``processed/`` or deleted).

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
from services.errors import BrokerUnavailable, InputError, TooLarge
from services.producer.ports import TaskSender
from services.storage.uow import AbstractUnitOfWork

log = structlog.get_logger(__name__)


class Unclaimable(InputError):
    """The inbox entry is not something copydesk reads (symlink, device, vanished...)."""


@dataclass(frozen=True, slots=True)
class Claimed:
    job_id: str
    created: bool
    sent: bool


def claim_file(
    path: Path,
    *,
    settings: Settings,
    uow_factory: Callable[[], AbstractUnitOfWork],
    sender: TaskSender,
) -> Claimed | None:
    """Claim ``path``. Returns ``None`` when it went to ``failed/`` instead.

    Raises ``StorageUnavailable`` (the file stays in the inbox for a later try).
    """
    try:
        content, st = _read_regular_file(path, max_bytes=settings.max_file_bytes)
    except FileNotFoundError:
        log.info("file_vanished", path=str(path))
        return None
    except InputError as exc:
        _reject_drop(path, exc, uow_factory=uow_factory)
        move_to_failed(path, settings=settings, code=exc.code, message=exc.message)
        return None

    sha256 = hashlib.sha256(content).hexdigest()
    name = source_name(path)
    drop_key = "\x1f".join((name, str(st.st_size), str(st.st_mtime_ns), sha256))
    with uow_factory() as uow:
        uow.raw.put(sha256, content)
        job_id, created = uow.jobs.create(
            job_id=str(uuid.uuid4()), source_name=name, sha256=sha256, drop_key=drop_key
        )
        uow.commit()

    structlog.contextvars.bind_contextvars(job_id=job_id)
    try:
        log.info("file_claimed", source_name=name, sha256=sha256, bytes=len(content), new_job=created)
        sent = send_job(job_id, uow_factory=uow_factory, sender=sender)
        _clear_from_inbox(path, settings=settings, job_id=job_id)
    finally:
        structlog.contextvars.unbind_contextvars("job_id")
    return Claimed(job_id=job_id, created=created, sent=sent)


def send_job(job_id: str, *, uow_factory: Callable[[], AbstractUnitOfWork], sender: TaskSender) -> bool:
    """Send one job's task and note the send. False when the broker is down."""
    return send_jobs([job_id], uow_factory=uow_factory, sender=sender) == 1


def send_jobs(job_ids: list[str], *, uow_factory: Callable[[], AbstractUnitOfWork], sender: TaskSender) -> int:
    """Send the jobs' tasks and note the sends; stops at the first broker failure (the
    jobs left stay queued for the reconciler). Returns how many were sent."""
    sent: list[str] = []
    for job_id in job_ids:
        try:
            sender.send_ingest(job_id)
        except BrokerUnavailable as exc:
            log.warning("task_send_failed", job_id=job_id, error=str(exc), unsent=len(job_ids) - len(sent))
            break
        sent.append(job_id)
        log.info("task_sent", job_id=job_id, task="copydesk.ingest")
    if sent:
        with uow_factory() as uow:
            uow.jobs.mark_sent(sent)
            uow.commit()
    return len(sent)


def source_name(path: Path) -> str:
    """The file name as text Postgres accepts: bytes that are not UTF-8 become U+FFFD."""
    return os.fsencode(path.name).decode("utf-8", errors="replace")


def _reject_drop(path: Path, exc: InputError, *, uow_factory: Callable[[], AbstractUnitOfWork]) -> None:
    st = path.lstat()
    name = source_name(path)
    drop_key = "\x1f".join((name, str(st.st_size), str(st.st_mtime_ns), f"rejected:{exc.code}"))
    with uow_factory() as uow:
        job_id, _ = uow.jobs.create_rejected(
            job_id=str(uuid.uuid4()),
            source_name=name,
            drop_key=drop_key,
            error_code=exc.code,
            error_message=exc.message,
        )
        uow.commit()
    log.warning("job_finished", job_id=job_id, outcome="rejected", error_code=exc.code, source_name=name)


def move_to_failed(path: Path, *, settings: Settings, code: str, message: str) -> Path:
    failed = settings.failed_path
    failed.mkdir(parents=True, exist_ok=True)
    target = _free_name(failed, path.name)
    os.rename(path, target)  # renames a symlink itself, never its target
    note = {
        "code": code,
        "message": message,
        "source_name": source_name(path),
        "time": datetime.now(UTC).isoformat(),
    }
    target.with_name(target.name + ".error.json").write_text(json.dumps(note, indent=2) + "\n")
    log.warning("file_failed", source_name=source_name(path), error_code=code, error=message, moved_to=str(target))
    return target


def _read_regular_file(path: Path, *, max_bytes: int) -> tuple[bytes, os.stat_result]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unclaimable("the inbox entry is a symbolic link; copydesk never follows links", code="symlink") from exc
        if exc.errno == errno.ENOENT:
            raise FileNotFoundError(str(path)) from exc
        raise Unclaimable(f"cannot open the file: {exc.strerror}", code="unreadable") from exc
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise Unclaimable("the inbox entry is not a regular file", code="not_a_file")
        if st.st_size > max_bytes:
            raise TooLarge(f"the file has {st.st_size} bytes; the limit is {max_bytes} (COPYDESK_MAX_FILE_BYTES)")
        content = f.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise TooLarge(f"the file grew past the limit of {max_bytes} bytes while being read")
    return content, st


def _clear_from_inbox(path: Path, *, settings: Settings, job_id: str) -> None:
    try:
        if settings.after_claim == "delete":
            path.unlink()
            return
        processed = settings.processed_path
        processed.mkdir(parents=True, exist_ok=True)
        os.rename(path, _free_name(processed, path.name, tag=job_id[:8]))
    except FileNotFoundError:
        pass  # removed by someone else meanwhile: its bytes are stored already


def _free_name(folder: Path, name: str, *, tag: str | None = None) -> Path:
    target = folder / name
    if not target.exists() and not target.is_symlink():
        return target
    stem, dot, suffix = name.partition(".")
    for n in range(1, 10_000):
        label = tag if (tag and n == 1) else f"{tag or ''}{n}"
        candidate = folder / f"{stem}-{label}{dot}{suffix}"
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
    return folder / f"{stem}-{uuid.uuid4().hex}{dot}{suffix}"
