"""A small supervisor for the child processes of `copydesk up` (producer, workers).

Each child runs in its own process group (its own session, so Ctrl-C on the terminal
reaches only us) and, on Linux, with a parent-death signal, so it dies with us even
if we are SIGKILLed. Stopping asks each child's own process first (SIGTERM: Celery's
warm shutdown lets running tasks finish and then stops its pool), and only after the
grace period kills the whole group, which also catches grandchildren such as Celery's
pool processes::

    sup = Supervisor()
    sup.start("producer", [sys.executable, "-m", "services.cli", "producer"], env=env)
    dead = sup.wait_any(timeout=0.5)      # a Child that exited, or None
    if dead: sup.restart(dead)
    sup.terminate_all(grace_seconds=30)   # SIGTERM each child, SIGKILL its group after the grace

Waiting uses pidfds (Linux 5.3+) with ``select``, so it wakes as soon as a child
dies; elsewhere it polls every 50 ms.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Self

import structlog

from services.runtime.oshelp import parent_death_guard

__all__ = ["Child", "Supervisor"]

log = structlog.get_logger(__name__)

_POLL = 0.05


@dataclass(eq=False)
class Child:
    """One supervised process; ``restarts`` counts how often :meth:`Supervisor.restart` ran it."""

    name: str
    argv: list[str]
    env: dict[str, str] | None
    cwd: Path | None
    proc: subprocess.Popen[bytes]
    restarts: int = 0
    reported: bool = field(default=False, repr=False)
    pidfd: int | None = field(default=None, repr=False)

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def returncode(self) -> int | None:
        return self.proc.poll()

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None


class Supervisor:
    """Starts children in their own process groups and stops them all, group by group."""

    def __init__(
        self,
        *,
        die_with_parent: bool = True,
        death_signal: signal.Signals = signal.SIGTERM,
        stdout: IO[bytes] | int | None = None,
    ) -> None:
        self._die_with_parent = die_with_parent
        self._death_signal = death_signal
        self._stdout = stdout
        self._children: list[Child] = []

    @property
    def children(self) -> list[Child]:
        return list(self._children)

    def start(
        self,
        name: str,
        argv: Sequence[str],
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> Child:
        """Start ``argv`` as a new process group leader and supervise it."""
        child = Child(
            name=name,
            argv=list(argv),
            env=dict(env) if env is not None else None,
            cwd=cwd,
            proc=self._spawn(list(argv), env, cwd),
        )
        child.pidfd = _pidfd(child.pid)
        self._children.append(child)
        log.info("child_started", child=name, pid=child.pid)
        return child

    def restart(self, child: Child) -> Child:
        """Run a dead child's command again (its group is cleared first)."""
        if child.alive:
            raise ValueError(f"child {child.name} (pid {child.pid}) is still running")
        _signal_group(child.pid, signal.SIGKILL)
        _close(child)
        child.proc = self._spawn(child.argv, child.env, child.cwd)
        child.pidfd = _pidfd(child.pid)
        child.restarts += 1
        child.reported = False
        log.info("child_restarted", child=child.name, pid=child.pid, restarts=child.restarts)
        return child

    def wait_any(self, *, timeout: float | None = None) -> Child | None:
        """The next child that has died (each is reported once), or ``None`` on timeout.

        Returns ``None`` at once when every child has already been reported dead.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            for child in self._children:
                if not child.reported and not child.alive:
                    child.reported = True
                    log.warning(
                        "child_exited", child=child.name, pid=child.pid, returncode=child.returncode
                    )
                    return child
            if all(child.reported for child in self._children):
                return None
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                return None
            self._sleep(remaining)

    def terminate_all(self, grace_seconds: float) -> None:
        """SIGTERM every child (not its group: a Celery pool process signalled directly
        dies mid-task), wait up to ``grace_seconds`` in all, then SIGKILL each group."""
        began = time.monotonic()
        for child in self._children:
            if child.alive:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child.pid, signal.SIGTERM)
        deadline = began + grace_seconds
        for child in self._children:
            try:
                child.proc.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning(
                    "child_killed", child=child.name, pid=child.pid, grace_seconds=grace_seconds
                )
        for child in self._children:
            # Whatever is left in the group (pool processes, a stuck leader) goes now.
            _signal_group(child.pid, signal.SIGKILL)
            child.proc.wait()
            _close(child)
        if self._children:
            log.info(
                "children_stopped",
                count=len(self._children),
                seconds=round(time.monotonic() - began, 3),
            )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.terminate_all(10.0)

    def _spawn(
        self, argv: list[str], env: Mapping[str, str] | None, cwd: Path | None
    ) -> subprocess.Popen[bytes]:
        guard = parent_death_guard(self._death_signal) if self._die_with_parent else None
        return subprocess.Popen(
            argv,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=self._stdout,
            # A child given its own stdout logs there too (logs go to stderr).
            stderr=subprocess.STDOUT if self._stdout is not None else None,
            start_new_session=True,
            preexec_fn=guard,  # noqa: PLW1509  # sets PDEATHSIG only; see parent_death_guard
        )

    def _sleep(self, remaining: float | None) -> None:
        pending = [c for c in self._children if not c.reported]
        fds = [c.pidfd for c in pending if c.pidfd is not None]
        if fds and len(fds) == len(pending):
            select.select(fds, [], [], remaining)
            return
        time.sleep(_POLL if remaining is None else min(_POLL, remaining))


def _pidfd(pid: int) -> int | None:
    opener = getattr(os, "pidfd_open", None)
    if opener is None:
        return None
    try:
        return int(opener(pid))
    except OSError:  # kernel older than 5.3, or the process is already gone
        return None


def _close(child: Child) -> None:
    if child.pidfd is not None:
        os.close(child.pidfd)
        child.pidfd = None


def _signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)
