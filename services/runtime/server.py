"""The lifecycle every embedded server shares: lock, port, spawn, wait, stop, kill.

One server owns one directory under the data dir. Files beside it::

    <data_dir>/<kind>.json   remembered port, url, pid and server directory (for db-url);
                             mode 0600, since the url carries the server's generated secret
    <data_dir>/<kind>.secret generated secrets (0600), see the subclasses
    <data_dir>/<kind>.log    the server's stdout and stderr, appended across runs
    <data_dir>/<kind>.lock   flock held by the process that started the server

The lock tells a live owner from a dead one: if it can be taken, any process still
running in the server directory is an orphan of a killed run and is stopped first.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import time
from abc import ABC, abstractmethod
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Self

import structlog

from services.runtime.oshelp import (
    EmbeddedServerError,
    ServiceUser,
    find_processes,
    free_port,
    parent_death_guard,
    port_is_free,
    redact_url,
    service_user,
    tail,
    wait_gone,
)
from services.runtime.state import read_state, running_pid

__all__ = ["EmbeddedServer", "stop_server"]

log = structlog.get_logger(__name__)

HOST = "127.0.0.1"


class EmbeddedServer(ABC):
    """Base for :class:`EmbeddedPostgres` and :class:`EmbeddedRedis`."""

    kind: ClassVar[str]
    exe_names: ClassVar[frozenset[str]]
    stop_signal: ClassVar[signal.Signals] = signal.SIGTERM
    #: ``False``: the server has no TCP listener (``port`` is 0, the URL names a socket).
    listens_on_tcp: ClassVar[bool] = True

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int | None = None,
        durable: bool = True,
        die_with_parent: bool = True,
        start_timeout: float = 60.0,
        stop_timeout: float = 30.0,
    ) -> None:
        self.data_dir = Path(data_dir).absolute()
        self.durable = durable
        self.die_with_parent = die_with_parent
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self._port = port
        self._fixed_port = port is not None
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock_fd: int | None = None

    # -- who runs it ------------------------------------------------------------------
    run_as = "nobody"  # the account the server runs as when copydesk runs as root

    @cached_property
    def service_user(self) -> ServiceUser | None:
        """Who the server runs as: ``None`` means the current user (never root)."""
        return service_user(self.run_as)

    # -- subclass hooks ---------------------------------------------------------------
    @property
    @abstractmethod
    def server_dir(self) -> Path:
        """The directory the server process works in (its cwd)."""

    @abstractmethod
    def _prepare(self) -> None:
        """Find binaries, create or recover the server directory. Runs under the lock."""

    @abstractmethod
    def _command(self, port: int) -> list[str]: ...

    @abstractmethod
    def _is_ready(self, port: int) -> bool: ...

    @abstractmethod
    def _make_url(self, port: int) -> str: ...

    def _spawn_options(self) -> dict[str, Any]:
        return {}

    def _stdin_data(self) -> bytes | None:
        """Bytes written to the server's stdin at start (a config with secrets), if any."""
        return None

    def _data_paths(self) -> list[Path]:
        return [self.server_dir]

    def _after_ready(self, port: int) -> None:
        return None

    # -- public -----------------------------------------------------------------------
    @property
    def state_path(self) -> Path:
        return self.data_dir / f"{self.kind}.json"

    @property
    def log_path(self) -> Path:
        return self.data_dir / f"{self.kind}.log"

    @property
    def port(self) -> int | None:
        return self._port

    @property
    def url(self) -> str:
        if self._port is None:
            raise EmbeddedServerError(f"embedded {self.kind} has not been started")
        return self._make_url(self._port)

    @property
    def pid(self) -> int | None:
        """The server's pid while it runs, else ``None``."""
        if self._proc is None or self._proc.poll() is not None:
            return None
        return self._proc.pid

    @property
    def running(self) -> bool:
        return self.pid is not None

    def start(self) -> str:
        """Start (or keep) the server and return its URL. Safe to call again."""
        if self.running:
            return self.url
        began = time.monotonic()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._acquire_lock()
        try:
            self._reap()
            self._stop_orphans()
            self._prepare()
            port = self._choose_port()
            self._spawn(port)
            self._wait_ready(port)
            self._after_ready(port)
        except BaseException:
            self._abort_start()
            raise
        self._write_state()
        log.info(
            f"{self.kind}_started",
            url=redact_url(self.url),
            pid=self.pid,
            data_dir=str(self.data_dir),
            seconds=round(time.monotonic() - began, 3),
        )
        return self.url

    def stop(self, *, timeout: float | None = None) -> None:
        """Clean, fast shutdown; waits for the process to exit. No-op if not running."""
        began = time.monotonic()
        pid = self.pid
        if pid is not None:
            assert self._proc is not None
            self._proc.send_signal(self.stop_signal)
            try:
                self._proc.wait(self.stop_timeout if timeout is None else timeout)
            except subprocess.TimeoutExpired:
                log.warning(f"{self.kind}_stop_timeout", pid=pid)
                self._escalate()
        self._reap()
        if pid is not None:  # e.g. backends still exiting after their postmaster
            wait_gone(find_processes(cwd=self.server_dir, exe_names=self.exe_names), timeout=5.0)
        if self._lock_fd is not None:
            self._write_state()
        self._release_lock()
        if pid is not None:
            log.info(f"{self.kind}_stopped", pid=pid, seconds=round(time.monotonic() - began, 3))

    def kill(self) -> None:
        """Hard kill (SIGKILL), as a crash would: no clean shutdown, stale files stay.

        The lock stays held, so the next :meth:`start` of this object recovers.
        """
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        log.info(f"{self.kind}_killed", pid=proc.pid)

    def restart(self) -> str:
        """Stop and start again on the same directory and port."""
        self.stop()
        return self.start()

    def remove_data(self) -> None:
        """Delete the server's data and files (tests clean up with this). Must be stopped."""
        if self.running:
            raise EmbeddedServerError(f"stop the embedded {self.kind} before removing its data")
        for path in self._data_paths():
            shutil.rmtree(path, ignore_errors=True)
        for suffix in (".json", ".log", ".lock", ".secret", "-admin.secret"):
            (self.data_dir / f"{self.kind}{suffix}").unlink(missing_ok=True)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals --------------------------------------------------------------------
    def _acquire_lock(self) -> None:
        if self._lock_fd is not None:
            return
        lock_path = self.data_dir / f"{self.kind}.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            os.close(fd)
            state = read_state(self.data_dir, self.kind) or {}
            raise EmbeddedServerError(
                f"{self.data_dir} is in use: another process (pid {state.get('owner_pid')}) "
                f"runs its embedded {self.kind}"
            ) from exc
        self._lock_fd = fd

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def _reap(self) -> None:
        if self._proc is not None and self._proc.poll() is not None:
            self._proc = None

    def _stop_orphans(self) -> None:
        """Stop servers left in our directory by a run that died without stopping them."""
        pids = find_processes(cwd=self.server_dir, exe_names=self.exe_names)
        if not pids:
            return
        log.warning(f"{self.kind}_orphans_found", pids=pids, server_dir=str(self.server_dir))
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, self.stop_signal)
        if not wait_gone(pids, timeout=self.stop_timeout):
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            if not wait_gone(pids, timeout=10.0):
                raise EmbeddedServerError(f"orphaned {self.kind} processes {pids} would not die")

    def _choose_port(self) -> int:
        if not self.listens_on_tcp:
            self._port = 0
            return 0
        if self._fixed_port:
            assert self._port is not None
            return self._port
        remembered = (read_state(self.data_dir, self.kind) or {}).get("port")
        if isinstance(remembered, int):
            if port_is_free(remembered):
                self._port = remembered
                return remembered
            log.warning(f"{self.kind}_port_taken", port=remembered)
        self._port = free_port(HOST)
        return self._port

    def _spawn(self, port: int) -> None:
        options = self._spawn_options()
        stdin_data = self._stdin_data()
        guard = parent_death_guard(self.stop_signal) if self.die_with_parent else None
        with self.log_path.open("ab") as log_file:
            self._proc = subprocess.Popen(
                self._command(port),
                stdin=subprocess.DEVNULL if stdin_data is None else subprocess.PIPE,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=guard,  # noqa: PLW1509  # sets PDEATHSIG only; see parent_death_guard
                close_fds=True,
                **options,
            )
        if stdin_data is not None:
            assert self._proc.stdin is not None
            try:
                self._proc.stdin.write(stdin_data)
            except BrokenPipeError:
                pass  # it died at once; _wait_ready reports its log
            finally:
                with contextlib.suppress(BrokenPipeError):
                    self._proc.stdin.close()

    def _wait_ready(self, port: int) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + self.start_timeout
        while True:
            code = self._proc.poll()
            if code is not None:
                raise EmbeddedServerError(
                    f"embedded {self.kind} exited with code {code} while starting; "
                    f"log {self.log_path}:\n{tail(self.log_path)}"
                )
            if self._is_ready(port):
                return
            if time.monotonic() >= deadline:
                raise EmbeddedServerError(
                    f"embedded {self.kind} not ready after {self.start_timeout}s; "
                    f"log {self.log_path}:\n{tail(self.log_path)}"
                )
            time.sleep(0.02)

    def _escalate(self) -> None:
        """The clean stop timed out: kill hard and wait."""
        self.kill()

    def _abort_start(self) -> None:
        if self.pid is not None:
            self.kill()
        self._proc = None
        self._release_lock()

    def _write_state(self) -> None:
        state = {
            "kind": self.kind,
            "port": self._port,
            "url": self.url if self._port is not None else None,
            "pid": self.pid,
            "owner_pid": os.getpid() if self.pid is not None else None,
            "server_dir": str(self.server_dir),
        }
        tmp = self.state_path.with_suffix(".json.tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(json.dumps(state, indent=2) + "\n")
        os.replace(tmp, self.state_path)


def stop_server(
    data_dir: Path, kind: str, *, hard: bool = False, timeout: float = 30.0
) -> int | None:
    """Stop the ``kind`` server recorded under ``data_dir`` from any process.

    ``hard=True`` sends SIGKILL (a crash, for fault tests); otherwise the server's
    clean-stop signal. Returns the pid signalled, or ``None`` if none was running.
    """
    state = read_state(Path(data_dir).absolute(), kind)
    pid = running_pid(state) if state else None
    if pid is None:
        return None
    sig = signal.SIGKILL if hard else (signal.SIGINT if kind == "postgres" else signal.SIGTERM)
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return pid
    if not wait_gone([pid], timeout=timeout):
        raise EmbeddedServerError(f"embedded {kind} (pid {pid}) did not stop within {timeout}s")
    log.info(f"{kind}_stopped_externally", pid=pid, hard=hard)
    return pid
