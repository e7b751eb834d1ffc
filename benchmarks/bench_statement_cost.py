"""What one more statement, or one fewer round trip, costs a job's transaction.

    python -m benchmarks.bench_statement_cost [--transactions 3000] [--rounds 2]

Starts an embedded Postgres (durable, as ``copydesk up`` runs it) and times three
transactions shaped like the end of an ingest job's, in turn, ``--rounds`` times:

* ``lock, update, commit``: a row locked (``SELECT … FOR UPDATE``), updated, committed;
* ``update + commit pipelined``: the same with the UPDATE and the COMMIT sent in one
  psycopg pipeline (one round trip fewer);
* ``one more SELECT``: the first with one more primary-key SELECT before the UPDATE
  (what merging two of a job's statements into one would save).

For each it prints the CPU a transaction costs the Postgres backend (its ``/proc``
counters), this process (psycopg, the client side) and the wall time, in µs. The
differences between the rows, not the rows, are the answer; compare them within a run.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg

from services.runtime.embedded import EmbeddedPostgres


def _backend_cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _shapes(conn: psycopg.Connection[tuple[int, ...]]) -> dict[str, Callable[[], None]]:
    def lock_update_commit() -> None:
        conn.execute("SELECT v FROM t WHERE id = %s FOR UPDATE", (1,)).fetchone()
        conn.execute("UPDATE t SET v = v + 1 WHERE id = %s", (1,))
        conn.commit()

    def pipelined() -> None:
        conn.execute("SELECT v FROM t WHERE id = %s FOR UPDATE", (1,)).fetchone()
        with conn.pipeline():
            conn.execute("UPDATE t SET v = v + 1 WHERE id = %s", (1,))
            conn.commit()

    def one_more_select() -> None:
        conn.execute("SELECT v FROM t WHERE id = %s FOR UPDATE", (1,)).fetchone()
        conn.execute("SELECT v FROM t WHERE id = %s", (2,)).fetchone()
        conn.execute("UPDATE t SET v = v + 1 WHERE id = %s", (1,))
        conn.commit()

    return {"lock, update, commit": lock_update_commit, "update + commit pipelined": pipelined,
            "one more SELECT": one_more_select}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transactions", type=int, default=3000, help="transactions a row")
    parser.add_argument("--rounds", type=int, default=2, help="times each row is run, in turn")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-statements-") as tmp:
        server = EmbeddedPostgres(Path(tmp) / "pg")
        url = server.start()
        try:
            with psycopg.connect(url) as conn:
                conn.execute("CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)")
                conn.execute("INSERT INTO t SELECT g, 0 FROM generate_series(1, 100) AS g")
                conn.commit()
                backend = conn.info.backend_pid
                shapes = _shapes(conn)
                print(f"{'transaction':28s} {'server µs':>10s} {'client µs':>10s} {'wall µs':>10s}")
                for _ in range(args.rounds):
                    for name, run in shapes.items():
                        for _ in range(200):  # prepared, cached, warm
                            run()
                        server_before, client_before = _backend_cpu_s(backend), _own_cpu_s()
                        wall_before = time.perf_counter()
                        for _ in range(args.transactions):
                            run()
                        n = args.transactions
                        print(f"{name:28s} {1e6 * (_backend_cpu_s(backend) - server_before) / n:10.1f}"
                              f" {1e6 * (_own_cpu_s() - client_before) / n:10.1f}"
                              f" {1e6 * (time.perf_counter() - wall_before) / n:10.1f}")
        finally:
            server.stop()
            server.remove_data()


if __name__ == "__main__":
    main()
