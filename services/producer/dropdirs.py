"""The drop folder's own sub-folders, opened so that nothing in them is ever followed.

Anyone who may drop files may also plant a symlink where the producer writes: as
``failed/NAME.error.json``, or as ``failed`` / ``processed`` themselves. So the
producer never touches those folders by path. ``DropDirs.open`` opens each one as a
directory descriptor with ``O_NOFOLLOW | O_DIRECTORY`` and checks it is a real
directory owned by the producer's own user; every rename, unlink and create is then
made relative to those descriptors (``src_dir_fd`` / ``dst_dir_fd`` / ``dir_fd``), and
the notes are created with ``O_EXCL | O_NOFOLLOW``. A folder that is a symlink or is
not ours raises ``UnsafeFolder``: the producer then claims nothing and leaves every
file in the inbox until a person fixes the folder (an error line names it).

The folders:

- ``.claiming`` (in the inbox, mode 0700): a file is first renamed in here, then read,
  stored and cleared from here, so what is cleared is always what was read; a newer
  version renamed over the inbox name meanwhile stays in the inbox as its own drop.
- ``processed`` and ``failed`` (``COPYDESK_PROCESSED_DIR`` / ``COPYDESK_FAILED_DIR``,
  by default in the inbox). Only their last component is opened without following
  links; the folder above it is the configured path (the inbox, by default).
"""

from __future__ import annotations

import errno
import os
import stat
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from services.config import Settings
from services.errors import UnsafeFolder

CLAIM_DIR = ".claiming"

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC


@dataclass(frozen=True, slots=True)
class DropDirs:
    """Open descriptors of the inbox and of the folders the producer writes to."""

    inbox: int
    claiming: int
    failed: int
    processed: int | None  # None with COPYDESK_AFTER_CLAIM=delete

    @staticmethod
    @contextmanager
    def open(settings: Settings) -> Iterator[DropDirs]:
        """Open (creating when missing) every folder a claim needs. Raises ``UnsafeFolder``."""
        with ExitStack() as stack:
            inbox = _open_dir(settings.inbox, stack)  # the configured path, as configured
            claiming = _own_dir(inbox, settings.inbox / CLAIM_DIR, stack, private=True)
            failed = _own_subdir(inbox, settings.inbox, settings.failed_path, stack)
            processed = None
            if settings.after_claim == "move":
                processed = _own_subdir(inbox, settings.inbox, settings.processed_path, stack)
            yield DropDirs(inbox=inbox, claiming=claiming, failed=failed, processed=processed)


def exists_at(dir_fd: int, name: str) -> bool:
    """Is there an entry ``name`` (of any kind, a dangling link included) in ``dir_fd``?"""
    try:
        os.lstat(name, dir_fd=dir_fd)
    except FileNotFoundError:
        return False
    return True


def free_name(dir_fd: int, name: str, *, tag: str | None = None, note_suffix: str = "") -> str:
    """``name``, or ``stem-TAG.suffix`` / ``stem-N.suffix``, whichever is unused in
    ``dir_fd`` (with ``note_suffix``: unused together with ``NAME + note_suffix``)."""

    def free(candidate: str) -> bool:
        return not exists_at(dir_fd, candidate) and not (note_suffix and exists_at(dir_fd, candidate + note_suffix))

    if free(name):
        return name
    stem, dot, suffix = name.partition(".")
    for n in range(1, 10_000):
        label = tag if (tag and n == 1) else f"{tag or ''}{n}"
        candidate = f"{stem}-{label}{dot}{suffix}"
        if free(candidate):
            return candidate
    return f"{stem}-{uuid.uuid4().hex}{dot}{suffix}"


def create_note(dir_fd: int, name: str, text: str) -> None:
    """Write a new file ``name`` in ``dir_fd``; never follows or replaces an entry there."""
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=dir_fd)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)


def _open_dir(path: Path, stack: ExitStack) -> int:
    path.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, _DIR_FLAGS)
    stack.callback(os.close, fd)
    return fd


def _own_subdir(inbox_fd: int, inbox: Path, folder: Path, stack: ExitStack) -> int:
    parent = inbox_fd if folder.parent == inbox else _open_dir(folder.parent, stack)
    return _own_dir(parent, folder, stack, private=False)


def _own_dir(parent_fd: int, folder: Path, stack: ExitStack, *, private: bool) -> int:
    """Open ``folder`` (a child of ``parent_fd``) without following it; it must be a
    directory owned by this process's user. A private one is kept at mode 0700."""
    name = folder.name
    with suppress(FileExistsError):
        os.mkdir(name, 0o700 if private else 0o777, dir_fd=parent_fd)
    try:
        fd = os.open(name, _DIR_FLAGS | os.O_NOFOLLOW, dir_fd=parent_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # Linux says ENOTDIR for a link too
            is_link = exc.errno == errno.ELOOP or _is_link(parent_fd, name)
            raise UnsafeFolder(folder, "it is a symbolic link" if is_link else "it is not a directory") from exc
        raise UnsafeFolder(folder, f"cannot open it: {exc.strerror}") from exc
    stack.callback(os.close, fd)
    st = os.fstat(fd)
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafeFolder(folder, "it is not a directory")
    if st.st_uid != os.geteuid():
        raise UnsafeFolder(folder, f"it belongs to uid {st.st_uid}, not to the producer's uid {os.geteuid()}")
    if private and stat.S_IMODE(st.st_mode) != 0o700:
        os.fchmod(fd, 0o700)
    return fd


def _is_link(parent_fd: int, name: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=parent_fd).st_mode)
    except OSError:
        return False
