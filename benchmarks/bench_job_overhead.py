"""What an ingest job pays beside its stages and its statements, per call, in one process.

    python -m benchmarks.bench_job_overhead [--repeat 5000]

``bench_e2e`` shows the whole stack's CPU per article beside the in-process baseline's;
the difference is made of many small costs paid once or a few times per job. This times
the ones in copydesk's own Python that the baseline does not pay, each alone, in thread
CPU (the minimum of three rounds of ``--repeat`` calls, so a busy machine inflates it
less):

* a ``job_finished`` log line as a worker writes it (JSON, the job's id bound; written
  to /dev/null): four such lines an ingested article, two a claimed file;
* the ``warm()`` of every step of the ``full`` profile, as an inline enrichment calls
  them before each article (the models loaded once before the timing);
* a signature's band keys (``band_keys``, 700 words, ``DEFAULT_CONFIG``: 58 keys).

Run it in two checkouts to compare two versions of the code.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _per_call_us(call: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.thread_time()
        for _ in range(repeat):
            call()
        best = min(best, time.thread_time() - started)
    return best / repeat * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5000)
    args = parser.parse_args(argv)

    import structlog

    from services.logconfig import configure_logging
    from services.pipeline.dedup import DEFAULT_CONFIG, band_keys, make_signature
    from services.pipeline.enrich import build_enrichers

    figures: dict[str, float] = {}
    stderr = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as devnull:
        sys.stderr = devnull
        try:
            configure_logging(log_format="json", process="worker")
            log = structlog.get_logger("services.ingest")
            structlog.contextvars.bind_contextvars(job_id="8a1c6a8e-4a3c-4f1e-9d0c-1234567890ab")
            figures["a job_finished log line"] = _per_call_us(lambda: log.info(
                "job_finished", outcome="stored", article_id=1, duplicate_of=None, error_code=None, children=None,
                source_name="some-file.html", notes=None, stage_ms={"load": 0.4, "parse": 11.2, "store": 2.0},
                stage_cpu_ms={"load": 0.4, "parse": 11.2}, total_ms=15.3), args.repeat)
            structlog.contextvars.clear_contextvars()
        finally:
            sys.stderr = stderr
            configure_logging(log_format="console", level="WARNING")

    steps = build_enrichers("full")
    for step in steps:
        step.warm()

    def warm_all() -> None:
        for step in steps:
            step.warm()

    figures["warm() of every full-profile step"] = _per_call_us(warm_all, args.repeat)

    rng = random.Random(7)
    vocabulary = ("council", "budget", "minister", "said", "the", "vote", "river", "police", "report",
                  "year", "city", "plan", "water", "school")
    body = " ".join(rng.choice(vocabulary) + str(rng.randrange(50)) for _ in range(700))
    signature = make_signature(body, DEFAULT_CONFIG)
    figures[f"band keys of a signature ({len(band_keys(signature, DEFAULT_CONFIG))})"] = _per_call_us(
        lambda: band_keys(signature, DEFAULT_CONFIG), args.repeat)

    print(f"µs of thread CPU a call, minimum of 3 rounds of {args.repeat}:")
    for what, us in figures.items():
        print(f"  {what:40s} {us:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
