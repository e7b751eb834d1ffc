"""How long `copydesk status` and a metrics scrape take on a large database (issue 13).

Starts a private embedded Postgres and Redis, fills the database with ``--jobs`` jobs
(default 100 000: 60 % stored, 25 % duplicates, 10 % rejected under a handful of codes,
2 % failed, 3 % still queued; two thirds of the articles enriched) spread over the last
day, with 2 000 finishing in the last five minutes, then prints:

* snapshot: the one statement and the Redis pipeline behind both (median of ``--runs``);
* status --json: the whole command as a new process, interpreter start included;
* scrape: one ``/metrics`` rendering after the exporter is warm (its incremental read
  then sees the jobs finished since the previous scrape, as in production).

    python -m benchmarks.bench_status [--jobs 100000] [--runs 15]

Targets: status under 0.5 s, scrape under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]

_FILL = """
WITH n AS (SELECT g, (g %% 100) AS k FROM generate_series(1, %(jobs)s) g)
INSERT INTO copydesk.ingest_jobs (job_id, source_name, drop_key, status, error_code,
                                  error_message, queued_at, dropped_at, finished_at, stage_ms)
SELECT md5(g::text)::uuid, 'file-' || g || '.html', 'key-' || g,
       CASE WHEN k < 60 THEN 'stored' WHEN k < 85 THEN 'duplicate' WHEN k < 95 THEN 'rejected'
            WHEN k < 97 THEN 'failed' ELSE 'queued' END,
       CASE WHEN k BETWEEN 85 AND 94 THEN (ARRAY['no_article_text', 'too_slow', 'undecodable',
            'malformed_json', 'unsupported_format'])[1 + g %% 5]
            WHEN k BETWEEN 95 AND 96 THEN 'attempts_exhausted' END,
       CASE WHEN k BETWEEN 85 AND 96 THEN 'a message a person can act on, job ' || g END,
       now() - make_interval(secs => (g * 86400.0 / %(jobs)s)) - interval '5 s',
       now() - make_interval(secs => (g * 86400.0 / %(jobs)s)) - interval '6 s',
       CASE WHEN k < 97 THEN now() - make_interval(secs => (g * 86400.0 / %(jobs)s)) END,
       '{"load": 1.2, "parse": 30.5, "normalise": 0.4, "dedup": 2.1, "store": 4.2}'
FROM n
"""

_ARTICLES = """
INSERT INTO copydesk.articles (job_id, source_name, source_format, title, body, word_count,
                               body_hash, ingested_at, enriched_at)
SELECT job_id, source_name, 'html', 'A title', 'A body of a few words.', 5, md5(job_id::text),
       finished_at, CASE WHEN (hashtext(job_id::text) % 3) <> 0 THEN finished_at END
FROM copydesk.ingest_jobs WHERE status = 'stored'
"""

_ENRICHMENT = """
INSERT INTO copydesk.article_enrichment (article_id, profile, timings_ms, enriched_at)
SELECT article_id, 'full', '{"language": 1.0, "entities": 60.0, "keywords": 3.0}', enriched_at
FROM copydesk.articles WHERE enriched_at IS NOT NULL
"""


def _median_ms(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    import psycopg
    from prometheus_client import generate_latest

    from services.observe.metrics import registry_for
    from services.observe.snapshot import take_snapshot
    from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis
    from services.storage.migrate import apply_migrations

    with tempfile.TemporaryDirectory(prefix="bench-status-") as tmp:
        postgres = EmbeddedPostgres(Path(tmp) / "pg", durable=False)
        redis_server = EmbeddedRedis(Path(tmp) / "redis", durable=False)
        db_url, broker_url = postgres.start(), redis_server.start()
        try:
            apply_migrations(db_url)
            started = time.perf_counter()
            with psycopg.connect(db_url, autocommit=True) as conn:
                conn.execute(_FILL, {"jobs": args.jobs})
                conn.execute(_ARTICLES)
                conn.execute(_ENRICHMENT)
                conn.execute("ANALYZE")
                articles = conn.execute("SELECT count(*) FROM copydesk.articles").fetchone()
            print(f"filled {args.jobs:,} jobs and {articles[0] if articles else 0:,} articles "
                  f"in {time.perf_counter() - started:.1f} s")

            snapshot_ms = _median_ms(lambda: take_snapshot(db_url, broker_url), args.runs)
            env = {**os.environ, "COPYDESK_DATABASE_URL": db_url,
                   "COPYDESK_BROKER_URL": broker_url, "PYTHONPATH": str(REPO)}
            command = [sys.executable, "-m", "services.cli", "status", "--json"]
            status_ms = _median_ms(lambda: subprocess.run(command, env=env, cwd=REPO, check=True,
                                                          capture_output=True), max(3, args.runs // 3))
            registry = registry_for(db_url, broker_url)
            generate_latest(registry)  # the first scrape reads the last minute's finishes
            scrape_ms = _median_ms(lambda: generate_latest(registry), args.runs)
        finally:
            redis_server.stop()
            postgres.stop()

    print(f"{'measure':<34} {'median ms':>10}  target")
    print(f"{'snapshot (SQL + Redis)':<34} {snapshot_ms:>10.1f}")
    print(f"{'copydesk status --json (process)':<34} {status_ms:>10.1f}  < 500 "
          f"{'met' if status_ms < 500 else 'MISSED'}")
    print(f"{'metrics scrape':<34} {scrape_ms:>10.1f}  < 100 "
          f"{'met' if scrape_ms < 100 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
