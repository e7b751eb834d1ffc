"""Throughput and latency of the compose stack, and of `copydesk up`, on one corpus.

    python -m benchmarks.bench_compose --configs 1x1,1x2,2x1,2x2 --copydesk-up \\
        --compose ../shared/compose-offline/compose.sh \\
        --up "../shared/compose-offline/up.sh --scale worker={worker} --scale enricher={enricher}" \\
        --down ../shared/compose-offline/down.sh --engine podman

Run it as the compose stack's user from the repository top (next to compose.yaml and
.env). For each configuration WORKERxENRICHER it takes the stack down (volumes too),
brings it up from clean (image already built) and times it to ready, drops the corpus
(``benchmarks.mix_corpus``, 400 files by default) all at once into ./inbox, waits until
every file has a final job status and every stored article is enriched, then drops
``--trickle`` more files one at a time, each after the previous one is stored. With
``--copydesk-up`` it does the same with `copydesk up` (fresh ``--data-dir``). Every
figure is read from Postgres: ``api.jobs.finished_at`` and ``api.articles.enriched_at``
against the time each file was renamed into the inbox (one machine, one clock).

Prints one JSON object per configuration on stdout (progress on stderr), then a table.

* ready: from the start of the `up` command until the workers' heartbeats count every
  replica (``copydesk status --json``) and the metrics exporter answers.
* files/s: files / (last job's finished_at - first drop); articles/s: enriched articles
  / (last enriched_at - first drop). Articles whose enrichment raised are not waited for
  once nothing else moves (``articles_not_enriched``).
* drop-to-stored under load: each stored file of the burst, finished_at - its drop.
  Idle: the trickle files, one at a time (includes COPYDESK_STABLE_SECONDS, 1 s).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import mix_corpus

ROOT = Path(__file__).resolve().parents[1]
FINAL = "('stored','duplicate','rejected','failed','split')"
STALL_S = 60


def say(message: str) -> None:
    print(f"bench_compose: {message}", file=sys.stderr, flush=True)


def dotenv(name: str, default: str = "") -> str:
    if os.environ.get(name):
        return os.environ[name]
    env = ROOT / ".env"
    value = default
    if env.exists():
        for line in env.read_text().splitlines():
            if line.startswith(f"{name}="):
                value = line.split("=", 1)[1] or default
    return value


def run(command: str, *, timeout: float = 900, check: bool = True) -> str:
    result = subprocess.run(shlex.split(command), cwd=ROOT, capture_output=True, text=True,
                            timeout=timeout, check=False)
    if check and result.returncode != 0:
        raise RuntimeError(f"`{command}` exited {result.returncode}: {result.stderr[-2000:]}")
    return result.stdout


def wait(predicate: Callable[[], Any], timeout: float, every: float) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(every)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# --- the two ways to reach a stack ------------------------------------------------------


class ComposeStack:
    def __init__(self, args: argparse.Namespace, worker: int, enricher: int) -> None:
        self.compose, self.engine = args.compose, args.engine
        self.up_cmd = args.up.format(worker=worker, enricher=enricher)
        self.down_cmd = args.down
        self.worker, self.enricher = worker, enricher
        self.inbox = ROOT / "inbox"
        self.metrics_url = f"http://127.0.0.1:{dotenv('METRICS_PORT', '9464')}/metrics"
        self.reader_password = dotenv("COPYDESK_READER_PASSWORD")
        self.name = f"compose worker={worker} enricher={enricher}"
        self.build_s: float | None = None
        self.conn: Any = None
        self.conn_failed = False

    def sql(self, query: str) -> list[list[str]]:
        # Straight to the container's address when the host can reach it (Linux engines):
        # a compose exec per poll costs CPU the stack under test would otherwise have.
        if self.conn is None and not self.conn_failed:
            self.conn = self._connect()
        if self.conn is not None:
            rows = self.conn.execute(query).fetchall()
            return [["" if v is None else str(v) for v in row] for row in rows]
        out = run(f"{self.compose} exec -T -e PGPASSWORD={self.reader_password} postgres psql -h 127.0.0.1 "
                  f"-U copydesk_reader -d copydesk -X -q -At -F | -v ON_ERROR_STOP=1 -c {shlex.quote(query)}",
                  timeout=120)
        return [line.split("|") for line in out.splitlines() if line]

    def _connect(self) -> Any:
        import psycopg

        project = f"label=com.docker.compose.project.working_dir={ROOT}"
        try:
            cid = run(f"{self.engine} ps -q --filter {project} --filter label=com.docker.compose.service=postgres",
                      timeout=60).split()[0]
            address = run(f"{self.engine} inspect -f {{{{range.NetworkSettings.Networks}}}}{{{{.IPAddress}}}}"
                          f"{{{{end}}}} {cid}", timeout=60).strip()
            return psycopg.connect(host=address, port=5432, dbname="copydesk", user="copydesk_reader",
                                   password=self.reader_password, autocommit=True, connect_timeout=5)
        except (IndexError, RuntimeError, psycopg.Error) as exc:
            say(f"querying through `{self.compose} exec` ({exc})")
            self.conn_failed = True
            return None

    def status(self) -> dict[str, Any]:
        out = run(f"{self.compose} exec -T producer copydesk status --json", timeout=120, check=False)
        try:
            return dict(json.loads(out.strip().splitlines()[-1]))
        except (ValueError, IndexError):
            return {}

    def clean(self) -> None:
        run(self.down_cmd, timeout=900, check=False)
        if self.inbox.exists():
            for entry in self.inbox.iterdir():
                if entry.is_file():
                    entry.unlink()
                elif entry.name in ("processed", "failed"):
                    shutil.rmtree(entry)

    def start(self) -> None:
        result = subprocess.run(shlex.split(self.up_cmd), cwd=ROOT, capture_output=True, text=True,
                                timeout=1200, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"`{self.up_cmd}` exited {result.returncode}: {result.stderr[-2000:]}")
        # compose-offline's up.sh checks the image build cache first and says how long it took.
        built = re.search(r"image built in (\d+) s", result.stderr)
        self.build_s = float(built.group(1)) if built else None

    def ready(self) -> bool:
        workers = self.status().get("workers") or {}
        if workers.get("ingest") != self.worker or workers.get("enrich") != self.enricher:
            return False
        try:
            with urllib.request.urlopen(self.metrics_url, timeout=5):
                return True
        except OSError:
            return False

    def extra(self) -> dict[str, Any]:
        project = f"label=com.docker.compose.project.working_dir={ROOT}"
        stats = run(f"{self.engine} stats --no-stream --format {{{{.Name}}}}|{{{{.MemUsage}}}}", timeout=120)
        names = run(f"{self.engine} ps --filter {project} --format {{{{.Names}}}}", timeout=60).split()
        memory = {n: m.split("/")[0].strip()
                  for n, m in (line.split("|", 1) for line in stats.splitlines() if "|" in line)
                  if n in names}
        image = f"copydesk:{dotenv('COPYDESK_IMAGE_TAG', '0.1.0')}"
        size = run(f"{self.engine} image inspect {image} --format {{{{.Size}}}}", timeout=60).strip()
        return {"memory": memory, "image": image, "image_bytes": int(size), "up_image_check_s": self.build_s}

    def stop(self) -> float:
        if self.conn is not None:
            self.conn.close()
        t = time.monotonic()
        run(self.down_cmd, timeout=900, check=False)
        return round(time.monotonic() - t, 1)


class UpStack:
    def __init__(self, args: argparse.Namespace) -> None:
        self.root = Path(args.up_data_dir)
        self.inbox = self.root / "inbox"
        self.name = "copydesk up"
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = {**os.environ, "COPYDESK_LOG_FORMAT": "json", "COPYDESK_METRICS_PORT": str(args.up_metrics_port),
                    "PYTHONPATH": str(ROOT)}
        self.env.pop("COPYDESK_DATABASE_URL", None)
        self.env.pop("COPYDESK_BROKER_URL", None)
        self.metrics_url = f"http://127.0.0.1:{args.up_metrics_port}/metrics"
        self.conn: Any = None

    def cli(self, *argv: str) -> str:
        return subprocess.run([sys.executable, "-m", "services.cli", *argv], capture_output=True,
                              text=True, env=self.env, cwd=ROOT, timeout=120, check=False).stdout

    def sql(self, query: str) -> list[list[str]]:
        if self.conn is None:
            import psycopg

            self.conn = psycopg.connect(self.cli("db-url", "--data-dir", str(self.root / "data")).strip(),
                                        autocommit=True)
        return [["" if v is None else str(v) for v in row] for row in self.conn.execute(query).fetchall()]

    def status(self) -> dict[str, Any]:
        try:
            return dict(json.loads(self.cli("status", "--json", "--data-dir", str(self.root / "data")).strip()))
        except ValueError:
            return {}

    def clean(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        self.inbox.mkdir(parents=True)

    def start(self) -> None:
        log = (self.root / "up.log").open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", "--data-dir", str(self.root / "data"),
             "--inbox", str(self.inbox)],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env, cwd=ROOT,
            start_new_session=True,
        )

    def ready(self) -> bool:
        if '"stack_ready"' not in (self.root / "up.log").read_text():
            return False
        workers = self.status().get("workers") or {}
        if workers.get("ingest") != 1 or workers.get("enrich") != 1:
            return False
        try:
            with urllib.request.urlopen(self.metrics_url, timeout=5):
                return True
        except OSError:
            return False

    def extra(self) -> dict[str, Any]:
        return {}

    def stop(self) -> float:
        t = time.monotonic()
        if self.conn is not None:
            self.conn.close()
        if self.proc is not None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=600)
        return round(time.monotonic() - t, 1)


# --- one measurement ---------------------------------------------------------------------


def drop(inbox: Path, name: str, body: bytes) -> float:
    aside = inbox / f".{name}.tmp"
    aside.write_bytes(body)
    os.chmod(aside, 0o644)
    dropped = time.time()
    aside.rename(inbox / name)
    return dropped


def measure(stack: ComposeStack | UpStack, corpus: dict[str, bytes], trickle: int, timeout: float) -> dict[str, Any]:
    say(f"{stack.name}: cleaning")
    stack.clean()
    say(f"{stack.name}: up")
    t0 = time.monotonic()
    stack.start()
    wait(stack.ready, 600, 2)
    ready_s = round(time.monotonic() - t0, 1)
    say(f"{stack.name}: ready in {ready_s} s; dropping {len(corpus)} files")

    dropped = {name: drop(stack.inbox, name, body) for name, body in corpus.items()}
    first = min(dropped.values())
    prefix = next(iter(corpus)).split("-")[0]
    n = len(corpus)

    # An article whose enrichment raised stays unenriched until the reconciler has
    # re-sent it COPYDESK_ENRICH_MAX_ATTEMPTS times (minutes): once every file has ended
    # and the only articles left were each tried and nothing moved for STALL_S, stop
    # waiting and count them as not enriched.
    progress: dict[str, Any] = {"row": None, "since": time.monotonic()}

    def finished() -> bool:
        (row,) = stack.sql(
            f"SELECT (SELECT count(*) FROM api.jobs WHERE parent_job_id IS NULL AND source_name LIKE '{prefix}-%' "
            f"AND status IN {FINAL}), (SELECT count(*) FROM api.articles WHERE source_name LIKE '{prefix}-%' "
            f"AND enriched_at IS NULL AND enrich_error IS NULL), (SELECT count(*) FROM api.articles "
            f"WHERE source_name LIKE '{prefix}-%' AND enriched_at IS NULL AND enrich_error IS NULL "
            f"AND enrich_attempts = 0)")
        say(f"{stack.name}: {row[0]}/{n} ended, {row[1]} articles to enrich")
        if row != progress["row"]:
            progress["row"], progress["since"] = row, time.monotonic()
        ended, unenriched, untried = (int(v) for v in row)
        stalled = time.monotonic() - progress["since"] > STALL_S and untried == 0
        return ended >= n and (unenriched == 0 or stalled)

    wait(finished, timeout, 3)
    jobs = stack.sql(f"SELECT source_name, status, extract(epoch FROM finished_at) FROM api.jobs "
                     f"WHERE parent_job_id IS NULL AND source_name LIKE '{prefix}-%'")
    enriched = stack.sql(f"SELECT extract(epoch FROM enriched_at) FROM api.articles "
                         f"WHERE source_name LIKE '{prefix}-%' AND enriched_at IS NOT NULL")
    (not_enriched,) = stack.sql(f"SELECT count(*) FROM api.articles WHERE source_name LIKE '{prefix}-%' "
                                f"AND enriched_at IS NULL")
    last_job = max(float(r[2]) for r in jobs)
    last_enriched = max(float(r[0]) for r in enriched) if enriched else first
    statuses: dict[str, int] = {}
    for _, status, _ in jobs:
        statuses[status] = statuses.get(status, 0) + 1
    latencies = [float(r[2]) - dropped[r[0]] for r in jobs if r[1] == "stored"]

    idle: list[float] = []
    seed = mix_corpus.TEXT_SEED.read_bytes()
    for i in range(trickle):
        name = f"trickle-{i:04d}.txt"
        t = drop(stack.inbox, name, mix_corpus._marked_text(seed, f"Trickle note {i}"))
        query = (f"SELECT extract(epoch FROM finished_at) FROM api.jobs "
                 f"WHERE source_name = '{name}' AND status IN {FINAL}")
        done = wait(partial(stack.sql, query), 300, 0.2)
        idle.append(float(done[0][0]) - t)

    result: dict[str, Any] = {
        "config": stack.name,
        "ready_s": ready_s,
        "files": n,
        "statuses": statuses,
        "files_per_s": round(n / (last_job - first), 2),
        "articles_enriched": len(enriched),
        "articles_not_enriched": int(not_enriched[0]),
        "articles_per_s": round(len(enriched) / (last_enriched - first), 2) if enriched else 0.0,
        "burst_drop_to_stored_p50_s": round(statistics.median(latencies), 1),
        "burst_drop_to_stored_p95_s": round(percentile(latencies, 0.95), 1),
    }
    if idle:
        result["idle_drop_to_stored_p50_s"] = round(statistics.median(idle), 2)
        result["idle_drop_to_stored_p95_s"] = round(percentile(idle, 0.95), 2)
    result.update(stack.extra())
    result["down_s"] = stack.stop()
    print(json.dumps(result), flush=True)
    return result


def table(results: list[dict[str, Any]]) -> None:
    print(f"\n{'configuration':34} {'ready s':>7} {'files/s':>8} {'art/s':>6} "
          f"{'burst p50/p95 s':>16} {'idle p50/p95 s':>15}")
    for r in results:
        idle = f"{r.get('idle_drop_to_stored_p50_s', '-')}/{r.get('idle_drop_to_stored_p95_s', '-')}"
        burst = f"{r['burst_drop_to_stored_p50_s']}/{r['burst_drop_to_stored_p95_s']}"
        print(f"{r['config']:34} {r['ready_s']:>7} {r['files_per_s']:>8} {r['articles_per_s']:>6} "
              f"{burst:>16} {idle:>15}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=400, help="files in the burst (default 400)")
    parser.add_argument("--trickle", type=int, default=20, help="files dropped one at a time after it (default 20)")
    parser.add_argument("--configs", default="2x2", help="WORKERxENRICHER,... compose configurations (default 2x2)")
    parser.add_argument("--copydesk-up", action="store_true", help="also measure `copydesk up`, last")
    parser.add_argument("--compose", default="docker compose", help="the compose command")
    parser.add_argument("--up", default="docker compose up -d --scale worker={worker} --scale enricher={enricher}",
                        help="brings the stack up; {worker} and {enricher} are replaced")
    parser.add_argument("--down", default="docker compose down -v", help="takes the stack down, volumes included")
    parser.add_argument("--engine", default="docker", help="docker or podman (stats, image size)")
    parser.add_argument("--up-data-dir", default="/tmp/copydesk-bench-up", help="data dir of `copydesk up` (emptied)")
    parser.add_argument("--up-metrics-port", type=int, default=19465, help="exporter port of `copydesk up`")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to wait for one burst")
    args = parser.parse_args()

    corpus = mix_corpus.build(files=args.files, prefix="mix")
    stacks: list[ComposeStack | UpStack] = []
    for config in filter(None, args.configs.split(",")):
        worker, enricher = (int(x) for x in config.split("x"))
        stacks.append(ComposeStack(args, worker, enricher))
    if args.copydesk_up:
        stacks.append(UpStack(args))
    results = [measure(stack, corpus, args.trickle, args.timeout) for stack in stacks]
    table(results)


if __name__ == "__main__":
    main()
