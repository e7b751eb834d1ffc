"""Where an ingest worker's time goes, from the raw py-spy stacks that
``python -m benchmarks.bench_e2e --py-spy DIR`` writes (a file a process).

    python -m benchmarks.spy_summary DIR/ingest-2

Prints, per role (ingest worker, its main process, the producer) and over every
file of that role, the share of busy samples spent in the pipeline's stages (parse,
normalise, signature, enrichment) and, outside them, in psycopg, structlog,
Celery and its pool, and copydesk's own code (the copydesk functions that hold the
most of it are listed). Samples whose innermost frame waits (a lock, a pipe, a
socket, ``select``) are idle and left out. A thread that is runnable but not
running (the other core ran Postgres) is sampled as busy, so libraries that hand
work to another process (psycopg's sends) read somewhat higher than their CPU.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

# Innermost frames of a thread that waits, not computes: (the function's name ends so,
# its file's path holds this).
IDLE = (("Condition.wait", ""), ("_read_request", "isolation"), ("Connection.wait", "psycopg/"),
        ("Selector.select", ""), ("Connection._recv", "billiard/"), ("_poll", "billiard/"),
        ("_check_inotify_fd", "watchdog/"), ("DelayedQueue.get", "watchdog/"), ("Event.wait", ""))
# The work the in-process baseline does too: a sample under any of these is a stage's.
STAGES = {"parse_records": "parse", "normalise_body": "normalise", "make_signature": "signature",
          "body_hash": "normalise", "run_enrichers": "enrich", "_page_text": "enrich"}
# Outside the stages: the innermost frame's package names the cost.
PACKAGES = (("psycopg/", "psycopg"), ("psycopg_pool/", "psycopg"), ("structlog/", "structlog"),
            ("celery/", "celery, kombu, billiard"), ("kombu/", "celery, kombu, billiard"),
            ("billiard/", "celery, kombu, billiard"), ("redis/", "redis-py"))
_ROLE = re.compile(r"^(.*?)-\d+\.txt$")


def summarise(files: list[Path]) -> tuple[int, Counter[str], Counter[str]]:
    """(busy samples, samples by category, samples of copydesk's own code by function)."""
    busy, by_category, own = 0, Counter[str](), Counter[str]()
    for path in files:
        for line in path.read_text(errors="replace").splitlines():
            stack, _, count = line.rpartition(" ")
            if not count.isdigit():
                continue
            frames = stack.split(";")
            function, _, where = frames[-1].partition(" (")
            if any(function.endswith(name) and path in where for name, path in IDLE):
                continue
            n = int(count)
            busy += n
            names = [frame.split(" (", 1)[0] for frame in frames]
            stage = next((STAGES[name] for name in names if name in STAGES), None)
            if stage is not None:
                by_category[f"stage: {stage}"] += n
                continue
            # the innermost library frame below copydesk's innermost frame names the cost;
            # none: copydesk's own code (or, outside copydesk, the interpreter's)
            category = None
            for frame in reversed(frames):
                if "services/" in frame or "workers/" in frame:
                    category = "copydesk's own code"
                    own[frame.split(" (", 1)[0]] += n
                    break
                category = next((label for marker, label in PACKAGES if marker in frame), None)
                if category is not None:
                    break
            by_category[category or "other (interpreter, standard library)"] += n
    return busy, by_category, own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="one run's folder of raw py-spy stacks")
    parser.add_argument("--top", type=int, default=12, help="copydesk functions listed")
    args = parser.parse_args()
    roles: dict[str, list[Path]] = {}
    for path in sorted(args.folder.glob("*.txt")):
        match = _ROLE.match(path.name)
        if match:
            roles.setdefault(match[1].replace("-", " "), []).append(path)
    if not roles:
        parser.error(f"no py-spy files in {args.folder}")
    for role, files in roles.items():
        busy, by_category, own = summarise(files)
        print(f"{role} ({len(files)} process(es)): {busy} busy samples")
        for category, n in by_category.most_common():
            print(f"  {100 * n / max(busy, 1):5.1f} %  {category}")
        for name, n in own.most_common(args.top):
            print(f"           {100 * n / max(busy, 1):5.2f} %  {name}")


if __name__ == "__main__":
    main()
