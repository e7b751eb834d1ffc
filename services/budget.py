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
an element with 50 000 attributes) cannot be interrupted by a signal handler: such work
runs in another process under this budget *and* a kernel CPU limit
(``services.isolation.run_budgeted``).
"""

from __future__ import annotations

import contextlib
import inspect
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from services.errors import ParseTimeout, TooLarge

__all__ = ["NO_BUDGET", "Budget", "address_space_bytes", "cpu_time", "enforce", "limit_address_space",
           "over_cpu_budget"]


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
        return over_cpu_budget(self.budget)


def over_cpu_budget(budget: Budget) -> ParseTimeout:
    """The rejection of work that used up ``budget``'s CPU time."""
    return ParseTimeout(f"{budget.what} used up its CPU budget of "
                        f"{budget.cpu_seconds:g} s; refused as too slow to process")


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
