"""Small OS helpers for the embedded servers: ports, pids, users, parent-death.

Linux-first: process identity checks read ``/proc``; where ``/proc`` or ``prctl`` is
missing the helpers degrade to plain ``kill(pid, 0)`` and no parent-death signal.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import pwd
import secrets
import signal
import socket
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from services.errors import EmbeddedServerError

__all__ = [
    "EmbeddedServerError",
    "ServiceUser",
    "find_processes",
    "free_port",
    "load_secret",
    "parent_death_guard",
    "pid_alive",
    "port_is_free",
    "process_uid",
    "redact_url",
    "service_user",
    "shared_tmp",
    "signal_and_wait",
    "tail",
    "traversable_by",
    "wait_gone",
]

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class ServiceUser:
    """The unprivileged account Postgres runs as when we are root."""

    name: str
    uid: int
    gid: int


def service_user(name: str = "nobody") -> ServiceUser | None:
    """The account to run Postgres as: ``None`` unless we are root (Postgres refuses root)."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(name)
    except KeyError as exc:
        raise EmbeddedServerError(f"running as root and the user {name!r} does not exist") from exc
    return ServiceUser(name=entry.pw_name, uid=entry.pw_uid, gid=entry.pw_gid)


def traversable_by(path: Path, user: ServiceUser) -> bool:
    """Can ``user`` reach ``path`` (search permission on it and every ancestor)?

    Mode bits only: an ACL that grants access is not seen, which at worst makes
    the caller choose a fallback location it did not need.
    """
    current = path.resolve()
    for part in [current, *current.parents]:
        try:
            st = part.stat()
        except OSError:
            return False
        if st.st_uid == user.uid:
            bit = stat.S_IXUSR
        elif st.st_gid == user.gid:
            bit = stat.S_IXGRP
        else:
            bit = stat.S_IXOTH
        if not st.st_mode & bit:
            return False
    return True


def readable_by(path: Path, user: ServiceUser) -> bool:
    """Can ``user`` read (and, for a directory, list) ``path``, by mode bits?"""
    try:
        st = path.stat()
    except OSError:
        return False
    if st.st_uid == user.uid:
        bit = stat.S_IRUSR
    elif st.st_gid == user.gid:
        bit = stat.S_IRGRP
    else:
        bit = stat.S_IROTH
    return bool(st.st_mode & bit) and traversable_by(path.parent, user)


def shared_tmp() -> Path:
    """A world-writable sticky directory every user can traverse (``/var/tmp`` first)."""
    for candidate in (Path("/var/tmp"), Path("/tmp")):
        try:
            mode = candidate.stat().st_mode
        except OSError:
            continue
        if stat.S_ISDIR(mode) and mode & 0o1777 == 0o1777:
            return candidate
    raise EmbeddedServerError("neither /var/tmp nor /tmp is a sticky world-writable directory")


def ensure_private_dir(path: Path, *, owner_uid: int, mode: int) -> None:
    """Create ``path`` (in a shared tmp dir) or accept it only if it is really ours."""
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=mode)
    st = path.lstat()
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != owner_uid:
        raise EmbeddedServerError(f"{path} exists but is not a directory owned by uid {owner_uid}")
    os.chmod(path, mode)


def load_secret(path: Path) -> str:
    """The secret kept in ``path`` (mode 0600, ours), generated on first use.

    Created with ``O_EXCL | O_NOFOLLOW``, so a planted file or symlink is refused
    rather than written through; an existing file is accepted only if it is a regular
    file owned by us that no one else can read or write.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise EmbeddedServerError(f"cannot read the secret {path}: {exc.strerror}") from exc
    with os.fdopen(fd) as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or st.st_mode & 0o077:
            raise EmbeddedServerError(
                f"{path} must be a regular file owned by uid {os.geteuid()} with mode 0600"
            )
        secret = handle.read().strip()
    if not secret:
        raise EmbeddedServerError(f"the secret {path} is empty; delete it to make a new one")
    return secret


def redact_url(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``: for logs and banners."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rsplit("@", 1)[1]
    except ValueError:
        return "(unparsable url)"
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


def process_uid(pid: int) -> int | None:
    """The real uid of ``pid`` (from ``/proc``), or ``None`` if it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("Uid:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """Could a server bind ``host:port`` now (with SO_REUSEADDR, as servers do)?"""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def pid_alive(pid: int) -> bool:
    """Is there a process (not a zombie) with this pid?"""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return True
    return fields[0] != "Z"


def process_cwd(pid: int) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/{pid}/cwd"))
    except OSError:
        return None


def process_exe_name(pid: int) -> str | None:
    try:
        return Path(os.readlink(f"/proc/{pid}/exe")).name.removesuffix(" (deleted)")
    except OSError:
        return None


def find_processes(*, cwd: Path, exe_names: Iterable[str]) -> list[int]:
    """Pids whose working directory is ``cwd`` and whose executable is one of ``exe_names``.

    Postgres backends and Redis both ``chdir`` into their data directory, so this
    finds every process of one server, even orphans whose parent died.
    """
    names = set(exe_names)
    target = cwd.resolve()
    found = []
    for entry in _proc_pids():
        if entry == os.getpid():
            continue
        if process_cwd(entry) == target and process_exe_name(entry) in names:
            found.append(entry)
    return found


def _proc_pids() -> Iterator[int]:
    try:
        names = os.listdir("/proc")
    except OSError:
        return
    for name in names:
        if name.isdigit():
            yield int(name)


def wait_gone(pids: Iterable[int], *, timeout: float) -> bool:
    """Wait until none of ``pids`` is alive; ``False`` if some still are at the deadline."""
    pending = set(pids)
    deadline = time.monotonic() + timeout
    while True:
        pending = {pid for pid in pending if pid_alive(pid)}
        if not pending:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def signal_and_wait(pid: int, sig: int, *, timeout: float) -> bool:
    """Send ``sig`` to ``pid`` and wait for it to go; ``True`` once gone."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return True
    return wait_gone([pid], timeout=timeout)


def parent_death_guard(sig: int = signal.SIGTERM) -> Callable[[], None]:
    """A ``preexec_fn`` that makes the child receive ``sig`` when this process dies.

    ``prctl(PR_SET_PDEATHSIG)`` is Linux-only and fires when the forking *thread*
    exits, so it is set only for children spawned from the main thread (a server
    started from a short-lived worker thread would otherwise die with that thread).
    Elsewhere the guard does nothing and the caller's own shutdown must suffice.
    Popen runs it after its uid switch, which matters: a credential change clears it.
    """
    parent = os.getpid()
    on_main = threading.current_thread() is threading.main_thread()
    usable = sys.platform.startswith("linux") and on_main
    libc_name = ctypes.util.find_library("c") if usable else None
    libc = ctypes.CDLL(libc_name, use_errno=True) if libc_name else None

    def guard() -> None:
        if libc is None:
            return
        if libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            return
        if os.getppid() != parent:  # the parent died before the guard was set
            os.kill(os.getpid(), sig)

    return guard


def tail(path: Path, *, lines: int = 30) -> str:
    """The last ``lines`` lines of a log file, or a note that it is missing."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 16384))
            data = handle.read().decode("utf-8", "replace")
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            return f"(no log at {path})"
        return f"(cannot read {path}: {exc})"
    return "\n".join(data.splitlines()[-lines:])
