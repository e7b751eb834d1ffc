"""Budgeted work in a process the kernel can stop: ``run_budgeted``.

``enforce`` (``services.budget``) stops Python code at its budget, but not code that
never returns to the interpreter (one libxml2 XPath over 100 000 paragraphs, an element
with 50 000 attributes), and a crash in a C extension would take the worker with it.
``run_budgeted(budget, fn, ...)`` therefore runs ``fn`` in a child process under
``enforce`` *and* a kernel ``RLIMIT_CPU``: the child is stopped even inside a C call, and
the caller gets the same ``ParseTimeout`` (or ``TooLarge``, for a child killed for
memory); a child that crashes is an error, not a dead worker. Its result or exception
comes back pickled. Without ``os.fork``, with no CPU budget or with ``isolate=False``,
``fn`` runs in this process under ``enforce``.

**One long-lived child per process** (the *isolate*), forked on first use and fed one
call at a time over a pipe; a worker forks it as its pool process starts, before it
opens connections or loads models (``start``). A child forked for each call, as before,
cost about 22 ms of CPU on a 27 ms parse (``python -m benchmarks.bench_isolation``: the
fork of a process holding NLP models, the pages the child copied, its exit); a call to
the isolate costs the pickling of the bytes and of the result. While a call runs, the
caller looks at the child's CPU every ``_CPU_LOOK_S`` (``/proc``) and kills it at the
budget; the child itself arms ``ITIMER_VIRTUAL`` at the budget (user CPU: ``SIGVTALRM``,
whose default action ends the process) and sets its ``RLIMIT_CPU`` to the CPU it has used
so far plus the budget, in whole seconds (``SIGXCPU``), for a caller that cannot look. The isolate is replaced — the
next call forks a new one — when it dies or is killed (past its wall-clock allowance),
after a call that ended over its budget or in an error that is not a plain input error,
when it has grown by more than ``GROWTH_MB`` of address space, and after ``MAX_CALLS``
calls: what one hostile file leaves behind does not meet the files after it. A call
whose function or arguments cannot be pickled (a local function) forks a child of its
own, as every call once did.

A process forked from one that has an isolate (a Celery pool process from its main
process) starts without one: ``os.register_at_fork`` closes its copies of the pipes, so
the isolate sees its parent's end close, and exits, when its parent does.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import math
import os
import pickle
import selectors
import signal
import struct
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from services.budget import Budget, address_space_bytes, cpu_time, enforce, over_cpu_budget
from services.errors import InputError, ParseTimeout, TooLarge

__all__ = ["GROWTH_MB", "MAX_CALLS", "pid", "run_budgeted", "start", "stop"]

T = TypeVar("T")

MAX_CALLS = 1000
GROWTH_MB = 256

# A child that neither finishes nor spends CPU (blocked on a lock it inherited) is killed
# after this many times its CPU budget of wall time, and at least this many seconds.
_WALL_FACTOR = 10
_MIN_WALL_S = 30.0

# While a call runs, its child's CPU is looked at this often (/proc): it is killed at its
# budget even inside a C call, to the look, where the kernel's RLIMIT_CPU counts whole
# seconds and ITIMER_VIRTUAL only user time. The first look waits until the child could
# have spent its budget with every core busy (CPU time grows at most that fast with the
# wall clock): an ordinary call ends before it, with no /proc read and no wake-up.
_CPU_LOOK_S = 0.02
_CORES = os.cpu_count() or 1
_CPU_MARGIN_S = 0.1
_TICKS_PER_S = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

_MIB = 1024 * 1024
# A reply: payload length, the child's address space and its CPU time (µs) after the call.
_REPLY = struct.Struct("<QQQ")
_REQUEST = struct.Struct("<Q")


def run_budgeted(budget: Budget, fn: Callable[..., T], /, *args: Any, isolate: bool = True,
                 **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` under ``budget``: in the isolate when ``isolate``, the budget
    has a CPU limit and the platform can fork; otherwise in this process under ``enforce``."""
    if not isolate or budget.cpu_seconds <= 0 or not hasattr(os, "fork"):
        with enforce(budget):
            return fn(*args, **kwargs)
    try:
        request = pickle.dumps((budget, fn, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):  # a local function, a lambda
        return _run_forked(budget, fn, args, kwargs)
    kind, value = _ISOLATE.call(budget, request)
    if kind == "ok":
        result: T = value
        return result
    raise value


def start() -> None:
    """Fork this process's isolate now rather than on the first call (a worker's pool
    process, while it is still small and has no threads)."""
    if hasattr(os, "fork"):
        _ISOLATE.start()


def stop() -> None:
    """End this process's isolate (the next call forks a new one)."""
    _ISOLATE.stop()


def pid() -> int | None:
    """The process id of this process's isolate, if it has one now."""
    return _ISOLATE.pid()


@dataclass(slots=True)
class _Child:
    pid: int
    requests: int  # the write end of its request pipe
    replies: int  # the read end of its reply pipe
    base_bytes: int  # the address space it started with
    cpu_s: float = 0.0  # its CPU time after its last call
    calls: int = 0


class _Isolate:
    """This process's one isolate; calls are taken one at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: _Child | None = None

    def start(self) -> None:
        with self._lock:
            if self._child is None:
                self._child = _spawn()

    def stop(self) -> None:
        with self._lock:
            self._end()

    def call(self, budget: Budget, request: bytes) -> tuple[str, Any]:
        with self._lock:
            for attempt in (1, 2):
                child = self._live_child()
                try:
                    _write_all(child.requests, _REQUEST.pack(len(request)) + request)
                    return self._reply(child, budget)
                except BrokenPipeError:
                    # It died between calls (an OOM kill, a signal): try once with a new one.
                    self._end()
                    if attempt == 2:
                        raise
                except BaseException:
                    # Left mid-call (Celery's soft time limit, an interrupt): its request
                    # half sent or its reply still to come, it must not serve the next
                    # call, which would read this one's reply.
                    if self._child is child:
                        self._end()
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def pid(self) -> int | None:
        child = self._child
        return None if child is None else child.pid

    def forget(self) -> None:
        """In a forked process: the isolate is its parent's; close this copy of the pipes."""
        self._lock = threading.Lock()
        if self._child is not None:
            for fd in (self._child.requests, self._child.replies):
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._child = None

    # -- the parent's side -----------------------------------------------------------

    def _live_child(self) -> _Child:
        child = self._child
        if child is not None:
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(child.pid, os.WNOHANG)[0] == 0:
                    return child
            self._end(reaped=True)
        self._child = child = _spawn()
        return child

    def _reply(self, child: _Child, budget: Budget) -> tuple[str, Any]:
        reply, killed = _collect(child.replies, child.pid, budget, cpu_before=child.cpu_s)
        if reply is None:  # it died on this call, or was killed (its CPU or wall time)
            status, cpu_s = _reap(child.pid)
            self._close(child)
            raise _death(budget, status, cpu_s - child.cpu_s, killed)
        space, cpu_us, payload = reply
        kind, value = pickle.loads(payload)
        child.calls += 1
        child.cpu_s = cpu_us / 1e6
        spent = (kind == "raise" and (isinstance(value, (ParseTimeout, TooLarge))
                                      or not isinstance(value, InputError)))
        if spent or child.calls >= MAX_CALLS or space - child.base_bytes > GROWTH_MB * _MIB:
            self._end()
        return kind, value

    def _end(self, *, reaped: bool = False) -> None:
        child, self._child = self._child, None
        if child is None:
            return
        self._close(child)
        if not reaped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child.pid, 0)

    def _close(self, child: _Child) -> None:
        if self._child is child:
            self._child = None
        for fd in (child.requests, child.replies):
            with contextlib.suppress(OSError):
                os.close(fd)


_ISOLATE = _Isolate()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_ISOLATE.forget)
atexit.register(stop)


def _spawn() -> _Child:
    request_r, request_w = os.pipe()
    reply_r, reply_w = os.pipe()
    base = address_space_bytes() or 0
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its behaviour is asserted through the parent
        os.close(request_w)
        os.close(reply_r)
        _serve(request_r, reply_w)
    os.close(request_r)
    os.close(reply_w)
    return _Child(pid=pid, requests=request_w, replies=reply_r, base_bytes=base)


def _reap(pid: int) -> tuple[int, float]:
    """Wait for a child that ended: its wait status and its CPU seconds."""
    try:
        _, status, usage = os.wait4(pid, 0)
    except ChildProcessError:  # pragma: no cover - reaped elsewhere
        return 0, 0.0
    return status, usage.ru_utime + usage.ru_stime


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


# -- the isolate's side --------------------------------------------------------------


def _serve(requests: int, replies: int) -> NoReturn:  # pragma: no cover - runs in the child
    """Take calls until the parent's end of the pipe closes; never returns."""
    code = 0
    try:
        # What was inherited is never collected here: a collection that walked the
        # parent's objects would copy every page it touched.
        gc.freeze()
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGVTALRM):
            signal.signal(signum, signal.SIG_DFL)  # a worker's shutdown handlers stay its own
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        with os.fdopen(requests, "rb") as inbox, os.fdopen(replies, "wb") as outbox:
            while (request := _read_request(inbox)) is not None:
                budget, fn, args, kwargs = pickle.loads(request)
                # Where a signal handler cannot run (a C call), the kernel ends the process:
                # at the budget of user CPU, SIGVTALRM (ITIMER_VIRTUAL, to the clock's
                # tick); at the budget of all CPU rounded up to whole seconds, SIGXCPU
                # (RLIMIT_CPU). Both signals' default action ends the process.
                limit = math.ceil(cpu_time() + budget.cpu_seconds)
                resource.setrlimit(resource.RLIMIT_CPU,
                                   (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
                signal.setitimer(signal.ITIMER_VIRTUAL, budget.cpu_seconds)
                try:
                    with enforce(budget):
                        payload = pickle.dumps(("ok", fn(*args, **kwargs)), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 - every outcome goes back to the parent
                    payload = _pickled_error(exc)
                signal.setitimer(signal.ITIMER_VIRTUAL, 0)
                resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
                del request, fn, args, kwargs
                outbox.write(_REPLY.pack(len(payload), address_space_bytes() or 0, round(cpu_time() * 1e6)))
                outbox.write(payload)
                outbox.flush()
    except BaseException:  # noqa: BLE001 - the parent reports a child that wrote nothing
        code = 1
    finally:
        os._exit(code)


def _read_request(inbox: Any) -> bytes | None:  # pragma: no cover - runs in the child
    header = inbox.read(_REQUEST.size)
    if len(header) < _REQUEST.size:
        return None
    (length,) = _REQUEST.unpack(header)
    data: bytes = inbox.read(length)
    return data if len(data) == length else None


def _run_forked(budget: Budget, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
    """A child of its own for one call whose function or arguments cannot be pickled."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its outcome is asserted through the parent
        os.close(read_fd)
        _child_once(write_fd, budget, fn, args, kwargs)
    os.close(write_fd)
    reply, killed = _collect(read_fd, pid, budget, framed=False)
    status, cpu_s = _reap(pid)
    if reply is not None and not killed:
        kind, value = pickle.loads(reply[2])
        if kind == "ok":
            result: T = value
            return result
        raise value
    raise _death(budget, status, cpu_s, killed)


def _child_once(write_fd: int, budget: Budget, fn: Callable[..., Any],
                args: tuple[Any, ...], kwargs: dict[str, Any]) -> NoReturn:  # pragma: no cover
    """Run ``fn`` and write ``("ok", result)`` or ``("raise", exc)``; never returns."""
    code = 0
    try:
        gc.disable()  # a child that lives for one call: no collection copying the parent's pages
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(signum, signal.SIG_DFL)
        import resource

        soft = math.ceil(budget.cpu_seconds)  # CPU time starts at zero in a child
        resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + 1))
        try:
            with enforce(budget):
                payload = pickle.dumps(("ok", fn(*args, **kwargs)))
        except BaseException as exc:  # noqa: BLE001 - every outcome goes back to the parent
            payload = _pickled_error(exc)
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
    except BaseException:  # noqa: BLE001 - the parent reports a child that wrote nothing
        code = 1
    finally:
        os._exit(code)


def _pickled_error(exc: BaseException) -> bytes:
    """The exception pickled with its traceback as a note; an unpicklable one as a
    RuntimeError naming it."""
    text = "".join(traceback.format_exception(exc))
    try:
        exc.add_note(f"in the budgeted child process:\n{text}")
        return pickle.dumps(("raise", exc))
    except Exception:  # noqa: BLE001 - the exception's own pickling failed
        return pickle.dumps(("raise", RuntimeError(f"{type(exc).__name__}: {exc}\n{text}")))


def _collect(read_fd: int, pid: int, budget: Budget, *, framed: bool = True, cpu_before: float = 0.0
             ) -> tuple[tuple[int, int, bytes] | None, str | None]:
    """The child's reply — (address space, CPU µs, payload); unframed: everything it
    writes until it closes the pipe — or None if it ended without one; and whether it
    had to be killed for running past its wall-clock allowance."""
    deadline = time.monotonic() + max(_MIN_WALL_S, _WALL_FACTOR * budget.cpu_seconds)
    # Killed early enough that the file's whole cost, the caller's share (pickling its
    # bytes, forking a new isolate) and the CPU until the next look, stays within budget.
    cpu_limit = budget.cpu_seconds - _CPU_MARGIN_S
    first_look = time.monotonic() + cpu_limit / _CORES
    buffer = bytearray()
    wanted: int | None = None
    with selectors.DefaultSelector() as selector:
        selector.register(read_fd, selectors.EVENT_READ)
        while wanted is None or len(buffer) < wanted:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                return None, "wall"
            wait = first_look - time.monotonic()
            if not selector.select(timeout=min(left, max(wait, _CPU_LOOK_S))):
                if time.monotonic() < first_look:
                    continue
                if (used := _cpu_of(pid)) is not None and used - cpu_before >= cpu_limit:
                    os.kill(pid, signal.SIGKILL)
                    return None, "cpu"
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            buffer += chunk
            if framed and wanted is None and len(buffer) >= _REPLY.size:
                wanted = _REPLY.size + _REPLY.unpack_from(buffer)[0]
    if not framed:
        return ((0, 0, bytes(buffer)) if buffer else None), None
    if wanted is None or len(buffer) < wanted:
        return None, None
    _, space, cpu_us = _REPLY.unpack_from(buffer)
    return (space, cpu_us, bytes(buffer[_REPLY.size:wanted])), None


def _cpu_of(pid: int) -> float | None:
    """The CPU seconds (user and system) a child has used, from ``/proc``; None where
    that cannot be read (the kernel's limits then stop it)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS_PER_S
    except (OSError, IndexError, ValueError):
        return None


def _death(budget: Budget, status: int, cpu_s: float, killed: str | None) -> Exception:
    """The error for a child that ended a call without a result (``cpu_s``: the CPU it
    spent on that call)."""
    if killed == "cpu":
        return over_cpu_budget(budget)
    if killed == "wall":
        return ParseTimeout(f"{budget.what} did not finish within "
                            f"{max(_MIN_WALL_S, _WALL_FACTOR * budget.cpu_seconds):g} s; "
                            "refused as too slow to process")
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        if signum in (signal.SIGXCPU, signal.SIGVTALRM) or (signum == signal.SIGKILL
                                        and cpu_s >= budget.cpu_seconds):
            return over_cpu_budget(budget)
        if signum == signal.SIGKILL:  # not for CPU: the kernel's out-of-memory killer
            return TooLarge(f"{budget.what} was killed for memory while being processed; "
                            "refused as too large to process")
        return RuntimeError(f"the process handling {budget.what} died of signal "
                            f"{signal.Signals(signum).name}")
    return RuntimeError(f"the process handling {budget.what} exited with status "
                        f"{os.waitstatus_to_exitcode(status)} without a result")
