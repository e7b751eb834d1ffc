"""`copydesk reprocess --all` at scale (issue 13): nothing changes when the parser did
not, exactly the affected articles change when it did.

Starts a private embedded Postgres, ingests ``--articles`` text files (default 10 000;
about a third are near-copies of another, so stories have several articles) with the
ingest service in ``--procs`` processes, then runs two reprocess runs of every article
through the same service functions the ``copydesk.reprocess`` task calls (each item run
as it is sent, in ``--procs`` processes: no broker, so the figure is the service's own
throughput):

1. with the parser unchanged: prints items/s and checks no article, id, story or
   revision changed;
2. with a parser that retitles one file in twenty: checks that exactly those articles
   were updated (one revision each) and nothing else moved.

    python -m benchmarks.bench_reprocess [--articles 10000] [--procs 2]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = [
    "harbour", "ferry", "council", "school", "river", "bridge", "market", "budget", "storm", "rail", "airport",
    "hospital", "court", "police", "farmers", "election", "museum", "festival", "library", "teachers", "nurses",
    "engineers", "minister", "mayor", "residents", "workers", "visitors", "prices", "repairs", "plans", "report",
    "survey"
]
VERBS = ["said", "announced", "approved", "delayed", "opened", "closed", "reviewed", "rejected", "expected", "welcomed"]


def _text(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
        words.insert(2, rng.choice(VERBS))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def corpus(count: int, seed: int = 5) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    files: list[tuple[str, bytes]] = []
    bodies: list[str] = []
    for i in range(count):
        if bodies and rng.random() < 0.33:  # a near-copy: one sentence added
            body = rng.choice(bodies) + " " + _text(rng, 1)
        else:
            body = _text(rng, rng.randint(8, 16))
            bodies.append(body)
        files.append((f"file-{i:05d}.txt", f"Headline number {i}\n\n{body}\n".encode()))
    return files


def retitled(name: str) -> bool:
    """The files the changed parser affects: one in twenty, by name."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 20 == 0


def changed_parser(data: bytes, *, filename: str, limits: Any) -> Any:
    from services.pipeline.formats import parse_records

    records = parse_records(data, filename=filename, limits=limits)
    if not retitled(filename):
        return records
    return [replace(r, article=replace(r.article, title=(r.article.title or "") + " (revised)"))
            if r.article is not None else r for r in records]


_pool: Any = None


def _worker_pool(db_url: str) -> Any:
    global _pool
    if _pool is None:
        from services.pipeline.formats import warm_up
        from services.storage.db import open_pool

        warm_up()  # as a worker process does when it starts
        _pool = open_pool(db_url, max_size=2)
    return _pool


def _ingest_chunk(db_url: str, files: list[tuple[str, bytes]]) -> int:
    from services.ingest import ingest_job
    from services.storage.uow import PostgresUnitOfWork

    pool = _worker_pool(db_url)
    for name, content in files:
        sha = hashlib.sha256(content).hexdigest()
        with PostgresUnitOfWork(pool) as uow:
            uow.raw.put(sha, content)
            job_id, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name=name, sha256=sha,
                                        drop_key=f"{name}/{sha}")
            uow.commit()
        ingest_job(job_id, uow_factory=lambda: PostgresUnitOfWork(pool), worker="bench")
    return len(files)


def _reprocess_chunk(db_url: str, run_id: int, item_nos: list[int], change: bool) -> dict[str, int]:
    from services.config import Settings
    from services.pipeline.formats import parse_records
    from services.reprocess import reprocess_item
    from services.storage.uow import PostgresUnitOfWork
    from tests.fakes import FakeSender

    pool = _worker_pool(db_url)
    outcomes: dict[str, int] = {}
    for item_no in item_nos:
        outcome = reprocess_item(run_id, item_no, settings=Settings(), worker="bench",
                                 uow_factory=lambda: PostgresUnitOfWork(pool), sender=FakeSender(),
                                 parse=changed_parser if change else parse_records)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def _reprocess_all(db_url: str, procs: int, *, change: bool) -> tuple[dict[str, int], float, int]:
    from services.reprocess import PARSE, Selection, open_run
    from services.storage.db import open_pool
    from services.storage.uow import PostgresUnitOfWork

    pool = open_pool(db_url, max_size=1)
    try:
        run = open_run(PARSE, Selection(everything=True), uow_factory=lambda: PostgresUnitOfWork(pool))
        with PostgresUnitOfWork(pool) as uow:  # the feeder's bookkeeping, all at once here
            items = uow.revisions.to_send(run.run_id, limit=run.total, resend_after_s=3600)
            uow.commit()
    finally:
        pool.close()
    numbers = [item.item_no for item in items]
    chunks = [numbers[i::procs] for i in range(procs)]
    started = time.perf_counter()
    outcomes: dict[str, int] = {}
    with ProcessPoolExecutor(procs) as executor:
        for part in executor.map(_reprocess_chunk, [db_url] * procs, [run.run_id] * procs, chunks,
                                 [change] * procs):
            for key, n in part.items():
                outcomes[key] = outcomes.get(key, 0) + n
    took = time.perf_counter() - started
    pool = open_pool(db_url, max_size=1)
    try:
        with PostgresUnitOfWork(pool) as uow:  # as the feeder does once every item is done
            uow.revisions.finish_run(run.run_id)
            uow.commit()
    finally:
        pool.close()
    return outcomes, took, run.run_id


def _state(conn: Any) -> list[tuple[Any, ...]]:
    return list(conn.execute("SELECT article_id, job_id, title, body_hash, story_id"
                             " FROM copydesk.articles ORDER BY article_id").fetchall())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--procs", type=int, default=2)
    args = parser.parse_args(argv)

    import psycopg
    import structlog

    from services.runtime.embedded import EmbeddedPostgres
    from services.storage.migrate import apply_migrations

    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(40))  # errors only
    files = corpus(args.articles)
    with tempfile.TemporaryDirectory(prefix="bench-reprocess-") as tmp:
        server = EmbeddedPostgres(Path(tmp) / "pg", durable=False)
        db_url = server.start()
        try:
            apply_migrations(db_url)
            started = time.perf_counter()
            chunks = [files[i::args.procs] for i in range(args.procs)]
            with ProcessPoolExecutor(args.procs) as executor:
                list(executor.map(_ingest_chunk, [db_url] * args.procs, chunks))
            fill_s = time.perf_counter() - started
            with psycopg.connect(db_url) as conn:
                before = _state(conn)
                stories = conn.execute("SELECT count(DISTINCT story_id) FROM copydesk.articles").fetchone()
            print(f"ingested {len(files):,} files -> {len(before):,} articles in "
                  f"{stories[0] if stories else 0:,} stories ({fill_s:.0f} s, {args.procs} processes)")

            same, same_s, _ = _reprocess_all(db_url, args.procs, change=False)
            with psycopg.connect(db_url) as conn:
                after_same = _state(conn)
                revisions = conn.execute("SELECT count(*) FROM copydesk.article_revisions").fetchone()
            unchanged_ok = after_same == before and revisions == (0,) and same == {"unchanged": len(before)}

            changed, changed_s, _ = _reprocess_all(db_url, args.procs, change=True)
            with psycopg.connect(db_url) as conn:
                after = _state(conn)
                revised = {int(r[0]) for r in conn.execute(
                    "SELECT article_id FROM copydesk.article_revisions").fetchall()}
                names = dict(conn.execute("SELECT article_id, source_name FROM copydesk.articles").fetchall())
        finally:
            server.stop()

    expected = {a for a, name in names.items() if retitled(name)}
    moved = {row[0] for row, old in zip(after, before, strict=True) if row[:2] != old[:2]
             or row[3:] != old[3:]}
    exact_ok = revised == expected and changed.get("updated", 0) == len(expected) and not moved
    print(f"\n{'run':<34} {'items':>7} {'items/s':>8}  outcomes")
    print(f"{'unchanged parser':<34} {sum(same.values()):>7,} {sum(same.values()) / same_s:>8.1f}  {same}")
    print(f"{'parser retitles 1 file in 20':<34} {sum(changed.values()):>7,} "
          f"{sum(changed.values()) / changed_s:>8.1f}  {changed}")
    print(f"\nunchanged parser: no article, id, story or revision changed: {'yes' if unchanged_ok else 'NO'}")
    print(f"changed parser: exactly the {len(expected)} affected articles updated, one revision each, "
          f"ids and stories kept: {'yes' if exact_ok else 'NO'}")
    return 0 if unchanged_ok and exact_ok else 1


if __name__ == "__main__":
    sys.exit(main())
