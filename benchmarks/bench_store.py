"""The database's share of an ingest job: statements, client CPU and Postgres CPU per job.

    python -m benchmarks.bench_store [--seed 1] [--profile fast] [--no-enrich]

``bench_e2e`` measures the whole stack, where the database's cost is one figure among
many and moves with the machine's other load. This runs only the part of an ingest job
that talks to Postgres, in one process with nothing else running: the mix of
``bench_e2e`` (420 files) is claimed as the producer claims files, then each job runs
through ``services.ingest.ingest_job`` in turn against a real, durable, embedded Postgres
(with ``pg_stat_statements`` loaded), enriching inline as ``copydesk up`` does (the
``--profile`` enrichers; their own CPU is left out of the figures). It prints, per job:

* the client's CPU in the load and the store transactions (thread CPU, the enrichers'
  and the story matching's Python excluded), and their wall time;
* the CPU of the Postgres sessions serving them (from /proc);
* the WAL they write, and how many times the article rows were inserted and updated;
* statements (``pg_stat_statements``, BEGIN and COMMIT included) and Postgres' execution
  time in them, by statement.

The figures are per job, over every job of the mix (stored, duplicates, containers and
their records). Then what single statements cost by themselves on the same server: an
update alone, in a transaction, four in one with and without a pipeline, and a statement
sending a signature's 48 band keys as a list and packed (``Int8Array``).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
import psycopg

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class _Clock:
    """Thread CPU and wall seconds spent inside the wrapped calls, by name; a call
    timed inside another is taken out of the outer one's figures."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self.wall: dict[str, float] = {}
        self._inner = [0.0]

    @contextmanager
    def timing(self, name: str) -> Iterator[None]:
        cpu, wall = time.thread_time(), time.perf_counter()
        self._inner.append(0.0)
        try:
            yield
        finally:
            used = time.thread_time() - cpu
            inner = self._inner.pop()
            self._inner[-1] += used
            self.cpu[name] = self.cpu.get(name, 0.0) + used - inner
            self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.timing(name):
                return fn(*args, **kwargs)
        return timed


def _postgres_cpu(postmaster: int | None) -> dict[str, float]:
    """CPU seconds so far of the server's processes: its sessions, and each background
    process by its title (autovacuum, checkpointer, walwriter, ...)."""
    out: dict[str, float] = {}
    for child in psutil.Process(postmaster).children():
        try:
            times = child.cpu_times()
            title = " ".join(child.cmdline()).removeprefix("postgres: ").split()
        except psutil.NoSuchProcess:
            continue
        kind = "sessions" if not title or "@" in title[0] or title[0] in ("copydesk", "copydesk_admin") else title[0]
        out[kind] = out.get(kind, 0.0) + times.user + times.system
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", default="fast", choices=["full", "fast"])
    parser.add_argument("--no-enrich", action="store_true", help="no inline enrichment (the enrich queue's way)")
    parser.add_argument("--transports", action="store_true",
                        help="also the round trips over TCP and over the server's socket, three times in turn")
    args = parser.parse_args(argv)

    import structlog

    import services.enrich
    import services.storage.stories
    from benchmarks.bench_e2e import build_mix, classify_statement
    from services import ingest
    from services.domain.models import NewJob, Stored
    from services.enrich import InlineEnricher
    from services.logconfig import configure_logging
    from services.pipeline.enrich import build_enrichers
    from services.runtime.embedded import EmbeddedPostgres
    from services.storage.db import open_pool
    from services.storage.migrate import apply_migrations
    from services.storage.uow import PostgresUnitOfWork

    configure_logging(level="WARNING")
    structlog.contextvars.clear_contextvars()
    clock = _Clock()
    # The names the ingest looks up when it runs, timed (setattr: they are not exported).
    for module, name, label in ((ingest, "_load", "load"), (ingest, "_store", "store"),
                                (services.enrich, "run_enrichers", "enrichers"),
                                (services.storage.stories, "match_stories", "matching")):
        setattr(module, name, clock.wrap(label, getattr(module, name)))

    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        server = EmbeddedPostgres(Path(tmp) / "pg", durable=True)
        server.start()
        try:
            with psycopg.connect(server.admin_conninfo("copydesk"), autocommit=True) as admin:
                admin.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
            server.stop()
            url = server.start()
            with psycopg.connect(server.admin_conninfo("copydesk"), autocommit=True) as admin:
                admin.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                admin.execute("ALTER SYSTEM SET pg_stat_statements.track_planning = on")
                admin.execute("SELECT pg_reload_conf()")
            apply_migrations(url)
            pool = open_pool(url, max_size=2)
            drops = build_mix(args.seed)
            with PostgresUnitOfWork(pool) as uow:  # claimed as the producer claims a turn's files
                docs = [(hashlib.sha256(d.data).hexdigest(), d.data) for d in drops]
                uow.raw.put_many(docs)
                ids = [job_id for job_id, _ in uow.jobs.create_many(
                    [NewJob(job_id=str(uuid.uuid4()), source_name=d.name, sha256=sha, drop_key=d.name)
                     for d, (sha, _) in zip(drops, docs, strict=True)])]
                uow.commit()
            enricher = None
            if not args.no_enrich:
                steps = build_enrichers(args.profile)
                for step in steps:
                    step.warm()
                enricher = InlineEnricher(uow_factory=lambda: PostgresUnitOfWork(pool), profile=args.profile,
                                          enrichers=steps)
            queue = list(ids)
            with psycopg.connect(server.admin_conninfo("copydesk"), autocommit=True) as admin:
                admin.execute("SELECT pg_stat_statements_reset()")
                before = _postgres_cpu(server.pid)
                wal_before = admin.execute("SELECT pg_current_wal_insert_lsn()").fetchone()
                before["sessions"] = before.get("sessions", 0.0) - _sessions_cpu_of(admin)
                jobs = stored = 0
                while queue:  # a container's records run after it, as their messages would
                    job_id = queue.pop(0)
                    outcome = ingest.ingest_job(job_id, uow_factory=lambda: PostgresUnitOfWork(pool),
                                                worker="bench:1", enricher=enricher)
                    jobs += 1
                    stored += isinstance(outcome, Stored)
                    queue.extend(getattr(outcome, "to_send", ()))
                after = _postgres_cpu(server.pid)
                wal = admin.execute("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), %s)",
                                    (wal_before[0] if wal_before else None,)).fetchone()
                after["sessions"] = after.get("sessions", 0.0) - _sessions_cpu_of(admin)
                rows = admin.execute(
                    "SELECT s.calls, s.total_exec_time, s.total_plan_time, s.plans, s.query FROM pg_stat_statements s"
                    " JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = %s", (server.user,)).fetchall()
            pool.close()  # its sessions end, and report their table counts
            with psycopg.connect(server.admin_conninfo("copydesk"), autocommit=True) as admin:
                for _ in range(50):
                    writes = admin.execute(
                        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
                        " WHERE schemaname = 'copydesk' AND relname = 'articles'").fetchone()
                    if writes is not None and writes[1] >= stored:
                        break
                    time.sleep(0.1)
            trips = _round_trips(url)
            over: list[tuple[str, dict[str, tuple[float, float]]]] = []
            if args.transports:  # the same server over TCP on loopback and its own socket, in turn
                from psycopg.conninfo import make_conninfo

                socket = make_conninfo(url, host=server._socket_dir())  # the directory of its socket
                for _ in range(3):
                    over += [("TCP", _round_trips(url)), ("socket", _round_trips(socket))]
        finally:
            server.stop()
            server.remove_data()

    def per_job(seconds: float) -> str:
        return f"{seconds * 1000 / jobs:.3f} ms"

    print(f"{jobs} jobs ({len(drops)} files), inline enrichment: "
          f"{'none' if args.no_enrich else args.profile} (its CPU left out)")
    print(f"  client CPU per job: load {per_job(clock.cpu['load'])}, store {per_job(clock.cpu['store'])}"
          f" (wall {per_job(clock.wall['load'])} and {per_job(clock.wall['store'])}, the enrichers'"
          f" {per_job(clock.wall['enrichers'])} out of it)")
    used = {kind: after[kind] - before.get(kind, 0.0) for kind in after}
    print(f"  Postgres CPU per job: sessions {per_job(used.pop('sessions', 0.0))}; "
          + ", ".join(f"{kind} {per_job(v)}" for kind, v in sorted(used.items(), key=lambda kv: -kv[1])))
    print(f"  WAL per job: {float(wal[0] if wal else 0) / jobs / 1024:.1f} KiB; article rows inserted"
          f" {writes[1] if writes else 0}, updated {writes[2] if writes else 0}"
          f" ({writes[3] if writes else 0} of the updates HOT)")
    calls = Counter[str]()
    exec_ms: dict[str, float] = {}
    plan_ms: dict[str, float] = {}
    plans = Counter[str]()
    for n, total, planning, planned, query in rows:
        q = " ".join(str(query).split())
        calls[q] += int(n)
        exec_ms[q] = exec_ms.get(q, 0.0) + float(total)
        plan_ms[q] = plan_ms.get(q, 0.0) + float(planning)
        plans[q] += int(planned)
    groups = Counter[str]()
    for q, n in calls.items():
        groups[classify_statement(q)] += n
    print(f"  statements per job: {sum(calls.values()) / jobs:.2f} ("
          + ", ".join(f"{g} {n / jobs:.2f}" for g, n in groups.most_common()) + ");"
          f" execution {sum(exec_ms.values()) / jobs:.3f} ms, planning {sum(plan_ms.values()) / jobs:.3f} ms"
          " per job")
    print("    calls  execution  plans  planning  (per job)")
    for q, n in calls.most_common():
        print(f"    {n / jobs:5.2f}  {exec_ms[q] / jobs:6.3f} ms  {plans[q] / jobs:5.2f}  {plan_ms[q] / jobs:6.3f} ms"
              f"  {q[:90]}")
    print("  what a statement costs by itself, µs of client / server CPU each time (the same server):")
    for label, (client, server_cpu) in trips.items():
        print(f"    {label:52s} {client:6.1f} / {server_cpu:6.1f}")
    for transport, figures in over:
        print(f"  over {transport:6s} " + "; ".join(f"{short} {c:.1f}/{v:.1f}" for short, (c, v) in zip(
            ("4 in a transaction", "pipelined", "1 in a transaction", "autocommit"), list(figures.values())[:4],
            strict=True)))
    return 0


def _round_trips(url: str, n: int = 2000) -> dict[str, tuple[float, float]]:
    """Client and server CPU (µs) of a one-row update on its own, in a transaction of its
    own, and four statements with and without psycopg's pipeline mode; and of a statement
    sending 48 band keys as a Python list and packed (``Int8Array``), beside one with no
    parameter."""
    from services.storage.db import Int8Array

    out: dict[str, tuple[float, float]] = {}
    with psycopg.connect(url) as conn:
        conn.execute("CREATE TEMP TABLE t (k int PRIMARY KEY, v int)")
        conn.execute("INSERT INTO t SELECT g, 0 FROM generate_series(0, %s) g", (n,))
        conn.commit()
        backend = psutil.Process(conn.info.backend_pid)

        def timed(label: str, run: Callable[[int], None]) -> None:
            cpu, server_cpu = time.thread_time(), sum(backend.cpu_times()[:2])
            for i in range(n):
                run(i)
            out[label] = ((time.thread_time() - cpu) * 1e6 / n, (sum(backend.cpu_times()[:2]) - server_cpu) * 1e6 / n)

        def update(i: int) -> None:
            conn.execute("UPDATE t SET v = v + 1 WHERE k = %s", (i,))

        def one(i: int) -> None:
            update(i)
            conn.commit()

        def four(i: int) -> None:
            for _ in range(4):
                update(i)
            conn.commit()

        def four_pipelined(i: int) -> None:
            with conn.pipeline():
                four(i)

        timed("BEGIN, 4 updates, COMMIT", four)
        timed("the same in a pipeline", four_pipelined)
        timed("BEGIN, 1 update, COMMIT", one)
        conn.autocommit = True
        timed("1 update committed by itself (autocommit)", update)
        # A signature's band keys, as the story statements send them (three a job).
        keys = [(i * 0x9E3779B97F4A7C15) % 2**64 - 2**63 for i in range(48)]
        packed = Int8Array(keys)
        query = "SELECT count(*) FROM unnest(%b::bigint[])"
        timed("48 band keys sent as a list", lambda i: conn.execute(query, (keys,)).fetchone())
        timed("48 band keys sent packed (Int8Array)", lambda i: conn.execute(query, (packed,)).fetchone())
        timed("no parameter", lambda i: conn.execute("SELECT count(*) FROM unnest('{1}'::bigint[])").fetchone())
    return out


def _sessions_cpu_of(conn: psycopg.Connection[Any]) -> float:
    """CPU of this connection's own Postgres session (left out of the figures)."""
    times = psutil.Process(conn.info.backend_pid).cpu_times()
    return float(times.user + times.system)


if __name__ == "__main__":
    sys.exit(main())
