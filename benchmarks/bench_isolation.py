"""What parsing a file in a forked child costs, against parsing it in the worker itself.

    python -m benchmarks.bench_isolation [--models] [--rounds 3]

The ingest parses a file over ``ISOLATE_ABOVE_BYTES`` (and every compressed file and
WARC) in a child forked from the worker (``services.budget.run_budgeted``), so that the
kernel can stop a C call that runs past the budget. This times the same work both ways,
``_parse_and_prepare`` (parse, normalise, signature) of each dev page that takes that
path, CPU of this process and its reaped children per page, after one warm-up pass:
in this process under the budget, and in a forked child. ``--models`` first loads the
``full`` enrichment profile's models, as an ingest pool process holds them (the fork
copies their page tables and the child's exit tears them down).
"""

from __future__ import annotations

import argparse
import gzip
import resource
import statistics
from pathlib import Path

from benchmarks.eval_extraction import DEFAULT_DATA
from services.budget import Budget, run_budgeted
from services.ingest import _parse_and_prepare, needs_isolation
from services.pipeline.dedup import DEFAULT_CONFIG
from services.pipeline.formats import DEFAULT_LIMITS, parse_records


def _cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


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

    def one_pass(isolate: bool) -> float:
        started = _cpu_s()
        for page in isolated:
            run_budgeted(budget, _parse_and_prepare, page, filename="page.html", limits=DEFAULT_LIMITS,
                         parse=parse_records, dedup_config=DEFAULT_CONFIG, isolate=isolate)
        return (_cpu_s() - started) * 1000 / max(1, len(isolated))

    one_pass(False)  # warm-up: the parser's caches, as a worker that has parsed before
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(args.rounds):
        for isolate in (False, True):  # in turn, so both see the same machine
            times[isolate].append(one_pass(isolate))
    inside, child = min(times[False]), min(times[True])
    print(f"{len(isolated)} of {len(pages)} dev pages take the isolated path; this process holds"
          f" {_rss_mb():.0f} MB{' (with the full profile models)' if args.models else ''}")
    print(f"CPU per page (min of {args.rounds}): in this process {inside:.1f} ms, in a forked child"
          f" {child:.1f} ms: the child adds {child - inside:.1f} ms"
          f" (medians {statistics.median(times[False]):.1f} / {statistics.median(times[True]):.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
