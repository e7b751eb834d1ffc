"""CPU-time and memory budgets for one unit of work (a file's parse, an enrichment step).

``with enforce(budget):`` runs its block under two limits and restores the process as
it found it afterwards:

* **CPU time**: an ``ITIMER_PROF`` timer (user + system CPU of this process). When it
  fires, the ``SIGPROF`` handler raises ``ParseTimeout`` (code ``too_slow``) at the next
  Python bytecode (the ``re`` engine checks for signals while it matches, so a runaway
  regex is stopped too). The expiry is sticky: the timer keeps firing every
  ``_RETRY_S`` of CPU until the block ends, and the block ends in ``ParseTimeout``
  even when code inside swallowed the first one (a container parser that turns a
  record's error into a rejected record, a library's ``except Exception``).
* **Memory**: the soft ``RLIMIT_AS`` (address space) is lowered to what the process
  maps now plus ``memory_mb``, never above a limit already in force; an allocation past
  it raises ``MemoryError``, which leaves the block as ``TooLarge`` (code
  ``too_large``). The budget is relative, so a worker that loaded NLP models before
  gets the same room as ``copydesk parse``.

Both rejections are final: the same bytes cost the same again. Signals and rlimits are
per process and only the main thread may install a handler: off the main thread, or
where ``RLIMIT_AS``/``/proc`` are missing, the block runs unbudgeted (the worker's hard
time limit and ``worker_max_memory_per_child`` remain). A budget of 0 turns that limit
off.

Code that never returns to the interpreter (one libxml2 XPath over 100 000 paragraphs,
an element with 50 000 attributes) cannot be interrupted by a signal handler. So
``run_budgeted(budget, fn, ...)`` runs ``fn`` in a forked child under ``enforce`` *and*
a kernel ``RLIMIT_CPU`` at the budget: the child is stopped even inside a
C call, and the parent turns its death into the same ``ParseTimeout`` (or ``TooLarge``
for a child killed for memory). A crash in a C extension (a segfault) ends the child,
not the worker. The child costs CPU (about 20 ms on a 30 ms HTML parse: the fork, the
pages it copies, caches it starts without), so callers isolate only input that can
hold such a call for long (``isolate=``; ``services.ingest.needs_isolation``); without
``os.fork`` or with no budget, ``fn`` runs in this process under ``enforce``.
"""

from __future__ import annotations

import contextlib
import gc
import inspect
import math
import os
import pickle
import selectors
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any, TypeVar

from services.errors import ParseTimeout, TooLarge

__all__ = ["NO_BUDGET", "Budget", "address_space_bytes", "cpu_time", "enforce", "limit_address_space",
           "run_budgeted"]

T = TypeVar("T")

_MIB = 1024 * 1024
_RETRY_S = 0.01


def cpu_time() -> float:
    """This process's CPU time (user + system) in seconds, to the microsecond: what the
    stage and step timings in the logs are measured with.

    Not ``time.process_time``: while ``enforce`` has its ``ITIMER_PROF`` timer armed,
    Linux answers ``CLOCK_PROCESS_CPUTIME_ID`` from the process's CPU-timer accounting,
    which moves only at scheduler ticks, so a step timed inside a budget read 0 or 4 ms
    (at HZ=250). ``getrusage`` keeps its precision with the timer armed
    (``tests/unit/test_budget.py``)."""
    try:
        import resource
    except ImportError:  # no getrusage: no budget timer either (see enforce)
        return time.process_time()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return float(usage.ru_utime + usage.ru_stime)


@dataclass(frozen=True, slots=True, kw_only=True)
class Budget:
    """``cpu_seconds`` of CPU and ``memory_mb`` MiB of new address space for ``what``
    (named in the error messages); 0 turns a limit off."""

    cpu_seconds: float = 5.0
    memory_mb: int = 1024
    what: str = "the file"


NO_BUDGET = Budget(cpu_seconds=0, memory_mb=0)


def address_space_bytes() -> int | None:
    """The address space this process maps now (``/proc/self/statm``), or None."""
    try:
        with open("/proc/self/statm", "rb") as f:
            pages = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def limit_address_space(extra_mb: int) -> int | None:
    """Lower the soft ``RLIMIT_AS`` to the current address space plus ``extra_mb`` (never
    above the hard limit or a lower soft limit in force); returns the limit set, or None
    when it cannot be set here. Used per pool process at start-up (``workers/app.py``)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return None
    now = address_space_bytes()
    if extra_mb <= 0 or now is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    target = now + extra_mb * _MIB
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            target = min(target, bound)
    resource.setrlimit(resource.RLIMIT_AS, (target, hard))
    return target


class _Timer:
    """The SIGPROF side of a budget: raise once it fires, and keep raising."""

    def __init__(self, budget: Budget, caller: FrameType | None) -> None:
        self.budget = budget
        self.caller = caller
        self.expired = False
        self.armed = True

    def fire(self, signum: int, frame: FrameType | None) -> None:
        # Not while the block is being left: raising inside ``enforce``'s own clean-up
        # (or contextlib's, which drives it) would skip restoring the handler.
        # Nor in the frame that opened the block: a signal landing between the
        # bytecodes that leave a ``with`` would bypass ``__exit__`` altogether.
        if not self.armed or frame is None or frame is self.caller \
                or frame.f_code in _QUIET_CODE:
            return
        self.expired = True
        raise self.error()

    def error(self) -> ParseTimeout:
        return ParseTimeout(f"{self.budget.what} used up its CPU budget of "
                            f"{self.budget.cpu_seconds:g} s; refused as too slow to process")


@contextmanager
def enforce(budget: Budget) -> Iterator[None]:
    """Run the block under ``budget``; ``ParseTimeout`` or ``TooLarge`` when it is over."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # this generator's frame <- contextlib's __enter__ <- the frame holding the ``with``
    timer = _Timer(budget, sys._getframe(2))
    old_handler: Any = signal.SIG_DFL
    old_timer: tuple[float, float] = (0.0, 0.0)
    if budget.cpu_seconds > 0:
        old_handler = signal.signal(signal.SIGPROF, timer.fire)
        old_timer = signal.setitimer(signal.ITIMER_PROF, budget.cpu_seconds, _RETRY_S)
    old_limit = _lower_memory_limit(budget.memory_mb)
    try:
        yield
    except MemoryError as exc:
        timer.armed = False
        if timer.expired:
            raise timer.error() from exc
        raise TooLarge(f"{budget.what} needed more than its memory budget of "
                       f"{budget.memory_mb} MiB; refused as too large to process") from exc
    except (ParseTimeout, GeneratorExit):
        timer.armed = False
        raise
    except BaseException as exc:
        timer.armed = False
        if timer.expired:  # whatever the expiry turned into on its way out
            raise timer.error() from exc
        raise
    finally:
        timer.armed = False
        if budget.cpu_seconds > 0:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, signal.SIG_DFL if old_handler is None else old_handler)
            if old_timer[0] > 0:  # an enclosing budget: give its timer back
                signal.setitimer(signal.ITIMER_PROF, *old_timer)
        if old_limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, old_limit)
    if timer.expired:  # fired, and the block swallowed every ParseTimeout it raised
        raise timer.error()


_QUIET_CODE = frozenset({
    inspect.unwrap(enforce).__code__,  # the generator function under @contextmanager
    contextlib._GeneratorContextManager.__enter__.__code__,
    contextlib._GeneratorContextManager.__exit__.__code__,
})


def _lower_memory_limit(memory_mb: int) -> tuple[int, int] | None:
    """The soft ``RLIMIT_AS`` as it was, after lowering it for the block; None if unset."""
    if memory_mb <= 0:
        return None
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return None
    old = resource.getrlimit(resource.RLIMIT_AS)
    try:
        limit_address_space(memory_mb)
    except (ValueError, OSError):
        return None
    return old


# A child that neither finishes nor spends CPU (blocked on a lock it inherited) is killed
# after this many times its CPU budget of wall time, and at least this many seconds.
_WALL_FACTOR = 10
_MIN_WALL_S = 30.0


def run_budgeted(budget: Budget, fn: Callable[..., T], /, *args: Any, isolate: bool = True,
                 **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` under ``budget``, in a forked child when ``isolate``, the
    budget has a CPU limit and the platform can fork; its result or exception comes back
    pickled. Otherwise in this process under ``enforce``."""
    if not isolate or budget.cpu_seconds <= 0 or not hasattr(os, "fork"):
        with enforce(budget):
            return fn(*args, **kwargs)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its outcome is asserted through the parent
        os.close(read_fd)
        _child(write_fd, budget, fn, args, kwargs)
    os.close(write_fd)
    payload, killed = _collect(read_fd, pid, budget)
    _, status, usage = os.wait4(pid, 0)
    if payload is not None and not killed:
        kind, value = pickle.loads(payload)
        if kind == "ok":
            result: T = value
            return result
        raise value
    raise _death(budget, status, usage.ru_utime + usage.ru_stime, killed)


def _child(write_fd: int, budget: Budget, fn: Callable[..., Any],
           args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:  # pragma: no cover
    """Run ``fn`` and write ``("ok", result)`` or ``("raise", exc)``; never returns."""
    code = 0
    try:
        # No cyclic collection in a child that lives for one file: a collection walks
        # every object inherited from the parent and copies the pages it touches.
        gc.disable()
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(signum, signal.SIG_DFL)  # a worker's shutdown handlers stay its own
        import resource

        # At the budget (whole seconds), the kernel sends SIGXCPU, whose default action
        # ends the process; a second later, SIGKILL. CPU time starts at zero in a child.
        soft = math.ceil(budget.cpu_seconds)
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


def _collect(read_fd: int, pid: int, budget: Budget) -> tuple[bytes | None, bool]:
    """Everything the child writes (None if nothing), and whether it had to be killed
    for running past its wall-clock allowance."""
    deadline = time.monotonic() + max(_MIN_WALL_S, _WALL_FACTOR * budget.cpu_seconds)
    chunks: list[bytes] = []
    with selectors.DefaultSelector() as selector, os.fdopen(read_fd, "rb", buffering=0) as pipe:
        selector.register(pipe, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                return None, True
            if not selector.select(timeout=left):
                continue
            chunk = pipe.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    return (b"".join(chunks) or None), False


def _death(budget: Budget, status: int, cpu_s: float, killed: bool) -> Exception:
    """The error for a child that ended without a result."""
    if killed:
        return ParseTimeout(f"{budget.what} did not finish within "
                            f"{max(_MIN_WALL_S, _WALL_FACTOR * budget.cpu_seconds):g} s; "
                            "refused as too slow to process")
    if os.WIFSIGNALED(status):
        signum = os.WTERMSIG(status)
        if signum == signal.SIGXCPU or (signum == signal.SIGKILL
                                        and cpu_s >= budget.cpu_seconds):
            return _Timer(budget, None).error()
        if signum == signal.SIGKILL:  # not for CPU: the kernel's out-of-memory killer
            return TooLarge(f"{budget.what} was killed for memory while being processed; "
                            "refused as too large to process")
        return RuntimeError(f"the process handling {budget.what} died of signal "
                            f"{signal.Signals(signum).name}")
    return RuntimeError(f"the process handling {budget.what} exited with status "
                        f"{os.waitstatus_to_exitcode(status)} without a result")
