"""How long `copydesk up` takes to start, and a file from drop to row.

    python benchmarks/bench_up.py [--drops 20]

Starts `copydesk up` in a new temporary folder (from nothing: initdb, migrations),
drops the seed article and then ``--drops`` distinct variants of it one at a time,
and prints start-up times and drop-to-row latency (median, p95). Drop-to-row
includes the stability delay (COPYDESK_STABLE_SECONDS, printed), which dominates.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "content-farm-ap-copy.txt"


def _wait(predicate, timeout: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise TimeoutError


def _start(root: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], float, str]:
    log = (root / "up.log").open("ab")
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "up", "--inbox", str(root / "inbox"), "--data-dir", str(root / "data")],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=root,
    )
    ready_lines = sum(1 for line in (root / "up.log").read_text().splitlines() if '"stack_ready"' in line)
    _wait(lambda: sum(1 for line in (root / "up.log").read_text().splitlines()
                      if '"stack_ready"' in line) > ready_lines, 300)
    elapsed = time.monotonic() - started
    url = subprocess.run(
        [sys.executable, "-m", "services.cli", "db-url", "--data-dir", str(root / "data")],
        capture_output=True, text=True, check=True, env=env,
    ).stdout.strip()
    # Workers are up once Celery says so; until then a drop waits in the queue.
    _wait(lambda: "ready." in (root / "up.log").read_text(), 120)
    return proc, elapsed, url


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drops", type=int, default=20)
    args = parser.parse_args()
    env = {**os.environ, "COPYDESK_LOG_FORMAT": "json"}
    env.pop("COPYDESK_DATABASE_URL", None)
    env.pop("COPYDESK_BROKER_URL", None)
    stable = env.get("COPYDESK_STABLE_SECONDS", "1.0")
    seed = SEED.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        proc, cold, url = _start(root, env)
        latencies = []
        with psycopg.connect(url, autocommit=True) as conn:
            for i in range(args.drops + 1):
                body = seed if i == 0 else seed.replace(b"Last May,", f"Variant {i}. Last May,".encode())
                tmp_file = root / "inbox" / f".drop{i}.tmp"
                tmp_file.write_bytes(body)
                dropped = time.monotonic()
                tmp_file.rename(root / "inbox" / f"drop{i}.txt")
                _wait(lambda i=i: conn.execute(
                    "SELECT 1 FROM api.jobs WHERE source_name = %s AND status IN ('stored', 'duplicate', 'rejected')",
                    (f"drop{i}.txt",)).fetchone(), 120)
                latencies.append(time.monotonic() - dropped)
        _stop(proc)
        proc, warm, _ = _start(root, env)
        _stop(proc)
    first, rest = latencies[0], sorted(latencies[1:])
    print(f"copydesk up, from nothing to ready:     {cold:6.2f} s")
    print(f"copydesk up, second start (reuse data): {warm:6.2f} s")
    print(f"seed, drop to row (stable delay {stable} s): {first:6.2f} s")
    if rest:
        p95 = rest[min(len(rest) - 1, round(0.95 * (len(rest) - 1)))]
        print(f"{len(rest)} variants, drop to row: median {statistics.median(rest):.2f} s, p95 {p95:.2f} s")


if __name__ == "__main__":
    main()
