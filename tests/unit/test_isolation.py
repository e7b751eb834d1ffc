"""The isolate: the one long-lived child per process that ``run_budgeted`` parses large
files in (``services.isolation``). What it must do beside returning results and errors
(``tests/unit/test_budget.py``): serve call after call, and be replaced whenever what a
call left behind could reach the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services import isolation
from services.budget import Budget
from services.errors import NoArticleText, ParseTimeout
from services.isolation import run_budgeted

BUDGET = Budget(cpu_seconds=5, memory_mb=0)
_HOARD: list[bytearray] = []


def _c_loop() -> int:
    import itertools

    return sum(itertools.repeat(1, 10**12))  # one C call that never looks at signals


def _no_text() -> None:
    raise NoArticleText("nothing here")


def _hoard(mb: int) -> int:
    _HOARD.append(bytearray(mb * 1024 * 1024))  # kept by the module: the isolate grows
    return os.getpid()


@pytest.fixture(autouse=True)
def _fresh_isolate() -> None:
    isolation.stop()


def test_calls_share_one_isolate_that_is_not_this_process() -> None:
    first = run_budgeted(BUDGET, os.getpid)
    assert first != os.getpid()
    assert run_budgeted(BUDGET, os.getpid) == first == isolation.pid()
    assert run_budgeted(BUDGET, os.getppid) == os.getpid()


def test_an_input_error_keeps_the_isolate() -> None:
    before = run_budgeted(BUDGET, os.getpid)
    with pytest.raises(NoArticleText):
        run_budgeted(BUDGET, _no_text)
    assert run_budgeted(BUDGET, os.getpid) == before


def test_a_call_over_its_budget_is_stopped_and_the_isolate_replaced() -> None:
    before = run_budgeted(BUDGET, os.getpid)
    for _ in range(2):  # the second overrun is in a new isolate, with its own CPU count
        with pytest.raises(ParseTimeout):
            run_budgeted(Budget(cpu_seconds=0.2, memory_mb=0), _c_loop)
    after = run_budgeted(BUDGET, os.getpid)
    assert after not in (before, os.getpid())


def test_a_c_call_is_stopped_at_its_budget_not_at_the_next_whole_second() -> None:
    import resource

    def children_cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    run_budgeted(BUDGET, os.getpid)  # an isolate that has spent some CPU already
    before = children_cpu()
    with pytest.raises(ParseTimeout):
        run_budgeted(Budget(cpu_seconds=0.3, memory_mb=0), _c_loop)
    assert children_cpu() - before <= 0.3 + 0.05  # the kernel's RLIMIT_CPU alone: 1 s


def test_a_call_far_from_its_budget_reads_no_cpu_from_proc(monkeypatch: pytest.MonkeyPatch) -> None:
    # 0.2 s of wall clock, next to no CPU, against 5 s of CPU: the child could not have
    # spent its budget yet even with every core busy, so its CPU is not looked at.
    looks: list[int] = []
    real = isolation._cpu_of

    def counted(pid: int) -> float | None:
        looks.append(pid)
        return real(pid)

    monkeypatch.setattr(isolation, "_cpu_of", counted)
    monkeypatch.setattr(isolation, "_CORES", 1)
    run_budgeted(BUDGET, time.sleep, 0.2)
    assert looks == []
    # and a call that can reach its budget is looked at (and stopped) as before
    with pytest.raises(ParseTimeout):
        run_budgeted(Budget(cpu_seconds=0.3, memory_mb=0), _c_loop)
    assert looks


def test_an_isolate_that_died_between_calls_is_replaced_without_failing_the_call() -> None:
    before = run_budgeted(BUDGET, os.getpid)
    os.kill(before, signal.SIGKILL)
    time.sleep(0.1)
    assert run_budgeted(BUDGET, sorted, [2, 1]) == [1, 2]
    assert isolation.pid() not in (None, before)


def test_an_isolate_that_grew_is_replaced() -> None:
    first = run_budgeted(BUDGET, _hoard, isolation.GROWTH_MB // 2)
    assert run_budgeted(BUDGET, _hoard, isolation.GROWTH_MB // 2 + 8) == first  # over the limit now
    assert run_budgeted(BUDGET, os.getpid) != first


def test_an_isolate_is_replaced_after_its_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "MAX_CALLS", 3)
    pids = [run_budgeted(BUDGET, os.getpid) for _ in range(6)]
    assert pids[0] == pids[1] == pids[2] != pids[3] == pids[4] == pids[5]


class _Interrupted(Exception):
    pass


def _interrupt(signum: int, frame: object) -> None:
    raise _Interrupted


def test_a_call_left_midway_does_not_leave_its_reply_to_the_next_call() -> None:
    # As Celery's soft time limit does: an exception raised in this process while the
    # isolate still works on the call.
    before = run_budgeted(BUDGET, os.getpid)
    old = signal.signal(signal.SIGALRM, _interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.2)
        with pytest.raises(_Interrupted):
            run_budgeted(BUDGET, time.sleep, 1.0)  # its reply (None) would come at 1 s
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    time.sleep(1.0)
    assert run_budgeted(BUDGET, sorted, [2, 1]) == [1, 2]
    assert isolation.pid() not in (None, before)


def test_a_function_that_cannot_be_pickled_runs_in_a_child_of_its_own() -> None:
    assert run_budgeted(BUDGET, lambda: os.getpid()) != os.getpid()
    assert isolation.pid() is None  # the isolate was not needed


def test_a_forked_process_has_an_isolate_of_its_own() -> None:
    parents = run_budgeted(BUDGET, os.getpid)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - asserted through what it writes
        ok = isolation.pid() is None and run_budgeted(BUDGET, os.getppid) == os.getpid()
        os.write(write_fd, b"1" if ok else b"0")
        isolation.stop()
        os._exit(0)
    os.close(write_fd)
    answer = os.read(read_fd, 1)
    os.close(read_fd)
    os.waitpid(pid, 0)
    assert answer == b"1"
    assert run_budgeted(BUDGET, os.getpid) == parents  # this process's own is untouched


def test_the_isolate_ends_with_its_parent() -> None:
    script = ("import os; from services.budget import Budget; from services.isolation import run_budgeted;"
              "print(run_budgeted(Budget(cpu_seconds=5), os.getpid), flush=True);"
              "os._exit(0)")  # no atexit clean-up: the isolate must notice on its own
    repo = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", script], cwd=repo, capture_output=True, text=True,
                         check=True, timeout=60)
    child = int(out.stdout.strip())
    deadline = time.monotonic() + 10
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)


def _running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not exited (a zombie waiting for init has)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")
