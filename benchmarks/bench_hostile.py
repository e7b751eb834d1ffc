"""Worst CPU time and peak memory of hostile files, per format (issue 10, item 4).

Each file of ``benchmarks.hostile_inputs`` is parsed by ``parse_records`` in a fresh
child process (``python -m benchmarks.bench_hostile --child NAME``) under the budget the
worker and ``copydesk parse`` use: ``run_budgeted(parse_budget(settings), ...)``, in a
forked child under the budget and a kernel CPU limit when ``needs_isolation`` says so
(large, compressed and WARC files), else in-process under the budget, with
``Limits.from_settings(settings)``, settings read from the environment (``COPYDESK_PARSE_*``).
Before the measured parse the child parses one small file of every format, so the
lazy imports (lxml, trafilatura, defusedxml, warcio) are not counted, as in a warm
worker. The child reports:

* outcome: the number of records (and how many were rejected records), or the error code
  of a whole-file rejection (``too_slow``, ``too_large``, ``too_deep``, ...);
* CPU s: user + system CPU of the parse alone (``getrusage`` of this process and the
  parse's own child, around it);
* peak RSS MB: the high-water mark of this process or the parse's child, whichever is
  higher, interpreter and imports included.

Targets: at most 5 s of CPU and 1 GB of RSS per file (the default budget). CPU a little
over 5 s (``OVERSHOOT_S``) is the budget's own overshoot (it stops the parse at the next
bytecode, or the kernel at the next tick) and counts as met; a
parse the budget could not stop shows as far more, or as ``hung`` at the wall-clock guard.

    python -m benchmarks.bench_hostile [--only PREFIX] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
CPU_TARGET_S = 5.0
RSS_TARGET_MB = 1024.0
OVERSHOOT_S = 0.25  # the budget stops a parse at the next bytecode: this much over is met
WALL_GUARD_S = 120.0  # a child still running after this is killed and reported as hung


def _peak_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _children_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux


def _cpu_s() -> float:
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def _warm_up() -> None:
    """The imports a warm worker has done already (``services.pipeline.formats.warm_up``)."""
    from services.pipeline.formats import warm_up

    warm_up()


def child(name: str) -> dict[str, object]:
    """Parse one hostile file under the worker's budget; the measurements as a dict."""
    from benchmarks.hostile_inputs import hostile_files
    from services import isolation
    from services.config import Settings
    from services.errors import InputError
    from services.ingest import needs_isolation, parse_budget
    from services.isolation import run_budgeted
    from services.pipeline.formats import Limits, parse_records

    settings = Settings.from_env()
    limits, budget = Limits.from_settings(settings), parse_budget(settings)
    spec = hostile_files()[name]
    data = spec.build()
    _warm_up()
    started = _cpu_s()
    try:
        records = run_budgeted(budget, parse_records, data, filename=spec.filename,
                               limits=limits, isolate=needs_isolation(data))
        rejected = sum(1 for r in records if r.error is not None)
        outcome = f"{len(records)} records" + (f" ({rejected} rejected)" if rejected else "")
        if len(records) == 1 and rejected:
            error = records[0].error
            outcome = f"record: {error.code if error else '?'}"
    except InputError as exc:
        outcome = exc.code
    except Exception as exc:  # noqa: BLE001 - a finding: parse_records promises InputError only
        outcome = f"CRASH {type(exc).__name__}"
    isolation.stop()  # the isolate that parsed it, reaped: its CPU and peak RSS count below
    cpu = _cpu_s() - started
    return {"name": name, "fmt": spec.fmt, "bytes": len(data), "outcome": outcome,
            "cpu_s": round(cpu, 3),
            "rss_mb": round(max(_peak_rss_mb(), _children_peak_rss_mb()), 1)}


def _run_child(name: str) -> dict[str, object]:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_hostile", "--child", name],
            cwd=REPO, capture_output=True, text=True, timeout=WALL_GUARD_S, check=False)
    except subprocess.TimeoutExpired:
        return {"name": name, "fmt": "?", "bytes": 0, "outcome": "hung (killed)",
                "cpu_s": WALL_GUARD_S, "rss_mb": 0.0}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return {"name": name, "fmt": "?", "bytes": 0, "outcome": f"DIED {tail[0][:60]}",
                "cpu_s": 0.0, "rss_mb": 0.0}
    result: dict[str, object] = json.loads(lines[-1])
    return result


def _ok(value: float, target: float) -> str:
    return "met" if value <= target else "MISSED"


def _report(results: list[dict[str, object]]) -> int:
    print(f"{'input':<38} {'bytes':>10}  {'outcome':<30} {'CPU s':>7} {'RSS MB':>8}")
    for r in results:
        print(f"{r['name']!s:<38} {r['bytes']!s:>10}  {r['outcome']!s:<30} "
              f"{float(str(r['cpu_s'])):>7.2f} {float(str(r['rss_mb'])):>8.1f}")
    print(f"\nper format (targets: {CPU_TARGET_S:g} s CPU, {RSS_TARGET_MB:g} MB RSS per file)")
    print(f"{'format':<8} {'files':>5} {'worst CPU s':>12} {'(input)':<38} {'peak RSS MB':>12}"
          f"  {'CPU':<6} {'RSS':<6}")
    missed = 0
    for fmt in dict.fromkeys(str(r["fmt"]) for r in results):
        group = [r for r in results if r["fmt"] == fmt]
        worst = max(group, key=lambda r: float(str(r["cpu_s"])))
        cpu = float(str(worst["cpu_s"]))
        rss = max(float(str(r["rss_mb"])) for r in group)
        missed += (cpu > CPU_TARGET_S + OVERSHOOT_S) + (rss > RSS_TARGET_MB)
        print(f"{fmt:<8} {len(group):>5} {cpu:>12.2f} {worst['name']!s:<38} {rss:>12.1f}"
              f"  {_ok(cpu, CPU_TARGET_S + OVERSHOOT_S):<6} {_ok(rss, RSS_TARGET_MB):<6}")
    bad = [r for r in results if str(r["outcome"]).startswith(("CRASH", "DIED", "hung"))]
    for r in bad:
        print(f"FINDING: {r['name']}: {r['outcome']}")
    return 1 if missed or bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="run the inputs whose name starts so")
    parser.add_argument("--jobs", type=int, default=2, help="child processes at a time")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child)), flush=True)
        return 0
    from benchmarks.hostile_inputs import hostile_files
    from services.pipeline.formats import compiled

    # (the children import the same install, so they run the parser this one names)
    print(f"text-dump parser: {compiled.mode()}")
    names = [n for n in hostile_files() if n.startswith(args.only)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(_run_child, names))
    status = _report(results)
    print(f"\n{len(results)} inputs in {time.perf_counter() - started:.0f} s wall")
    return status


if __name__ == "__main__":
    sys.exit(main())
