"""What parsing a file in another process costs, against parsing it in the worker itself.

    python -m benchmarks.bench_isolation [--models] [--rounds 3]

The ingest parses a file over ``ISOLATE_ABOVE_BYTES`` (and every compressed file and
WARC) in another process, so that the kernel can stop a C call that runs past the
budget (``services.isolation``). This times the same work three ways,
``_parse_and_prepare`` (parse, normalise, signature) of each dev page that takes that
path, CPU per page of this process and its children (reaped ones and the live isolate),
after one warm-up pass: in this process under the budget; in a child forked for the
page, as every isolated parse was run before the isolate; and in the isolate, the
long-lived child that ``run_budgeted`` feeds one call at a time. ``--models`` first loads
the ``full`` enrichment profile's models, as an ingest pool process holds them (a fork
copies their page tables and the child's exit tears them down).
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
from pathlib import Path

from benchmarks.eval_extraction import DEFAULT_DATA
from services import isolation
from services.budget import Budget
from services.ingest import _parse_and_prepare, needs_isolation
from services.isolation import _run_forked, run_budgeted
from services.pipeline.dedup import DEFAULT_CONFIG
from services.pipeline.formats import DEFAULT_LIMITS, parse_records


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = 0.0
    if (child := isolation.pid()) is not None:  # the isolate, not reaped yet
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        live = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + live


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", action="store_true", help="load the full profile's models first")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the pages each way (min kept)")
    args = parser.parse_args(argv)
    if args.models:
        from services.pipeline.enrich import build_enrichers

        for step in build_enrichers("full"):
            step.warm()
    pages = [gzip.decompress(p.read_bytes()) for p in sorted((DEFAULT_DATA / "html").glob("*.html.gz"))]
    isolated = [page for page in pages if needs_isolation(page)]
    budget = Budget(cpu_seconds=5, memory_mb=512, what="the file")

    ways = ("in this process", "in a child forked per page", "in the isolate")

    def one_pass(way: str) -> float:
        started = _cpu_s()
        for page in isolated:
            kwargs = {"filename": "page.html", "limits": DEFAULT_LIMITS, "parse": parse_records,
                      "dedup_config": DEFAULT_CONFIG}
            if way == ways[1]:
                _run_forked(budget, _parse_and_prepare, (page,), kwargs)
            else:
                run_budgeted(budget, _parse_and_prepare, page, isolate=way == ways[2], **kwargs)
        return (_cpu_s() - started) * 1000 / max(1, len(isolated))

    for way in ways:  # warm-up: the parser's caches, as a worker that has parsed before
        one_pass(way)
    times: dict[str, list[float]] = {way: [] for way in ways}
    for _ in range(args.rounds):
        for way in ways:  # in turn, so all see the same machine
            times[way].append(one_pass(way))
    print(f"{len(isolated)} of {len(pages)} dev pages take the isolated path; this process holds"
          f" {_rss_mb():.0f} MB{' (with the full profile models)' if args.models else ''}")
    inside = min(times[ways[0]])
    print(f"CPU per page, min of {args.rounds} (median):")
    for way in ways:
        best = min(times[way])
        print(f"  {way:<28} {best:6.1f} ms ({statistics.median(times[way]):.1f})"
              + (f"  {best - inside:+.1f} ms" if way != ways[0] else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
