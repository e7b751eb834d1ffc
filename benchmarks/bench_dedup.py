"""Near-duplicate detection cost: signature time, and story lookup+insert time as the
number of stored signatures grows.

1. Signature time per article (700 words of benchmark text): copydesk's numpy MinHash
   (``services.pipeline.dedup.make_signature``: words, shingles, 128 hash functions,
   plus the band keys) against datasketch's ``MinHash.update_batch`` + ``LeanMinHash``
   on the same shingles. Target: <= 1 ms.
2. Lookup + insert per article with 10k, 100k and 1M signatures stored in Postgres
   (target: flat, within 2x from 10k to 1M). An embedded Postgres is started in a temp
   dir and migrated; filler articles, singleton stories, signatures and 42 random band
   keys each are generated in SQL (``generate_series``; the band index rebuilt after
   each bulk load). Then ``--probe`` articles are stored through the production
   repositories, one transaction each: article insert + ``StoryRepository.assign``
   (sorted band-key locks, candidate lookup, verification, story, signature and band
   inserts, representative) + commit. Half the probes are near-copies of earlier probes,
   so candidates are found and verified, not only missed.

    python -m benchmarks.bench_dedup [--sizes 10000,100000,1000000] [--probe 300]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "article-extraction-benchmark-dev"


def _words() -> list[str]:
    truth = json.loads((DATA / "ground-truth.json").read_text("utf-8"))
    return " ".join(v["articleBody"] for v in truth.values()).split()


def bench_signature(all_words: list[str], *, n: int = 300) -> None:
    from datasketch import LeanMinHash, MinHash

    from services.pipeline.dedup import DEFAULT_CONFIG, band_keys, make_signature, words

    rng = random.Random(1)
    texts = []
    for _ in range(n):
        start = rng.randrange(len(all_words) - 700)
        texts.append(" ".join(all_words[start:start + 700]))
    cfg = DEFAULT_CONFIG

    def ours(text: str) -> object:
        return band_keys(make_signature(text, cfg), cfg)

    def theirs(text: str) -> object:
        w = words(text)
        shingles = [" ".join(w[i:i + cfg.shingle_words]).encode() for i in range(len(w) - cfg.shingle_words + 1)]
        m = MinHash(num_perm=cfg.num_perm, seed=cfg.seed)
        m.update_batch(shingles)
        return LeanMinHash(m)

    for label, fn in (("copydesk numpy MinHash + band keys", ours), ("datasketch update_batch + LeanMinHash", theirs)):
        for t in texts[:20]:
            fn(t)
        samples = []
        for t in texts:
            started = time.perf_counter()
            fn(t)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        print(f"signature, 700 words, {label:<40} median {statistics.median(samples):.3f} ms"
              f"  p95 {samples[int(len(samples) * 0.95)]:.3f} ms")


def _fill(conn: object, upto: int, cfg_name: str, blob: bytes, bands: int) -> None:
    """Add filler articles (with jobs, singleton stories, signatures, bands) up to ``upto``."""
    c = conn  # psycopg.Connection
    have = c.execute("SELECT count(*) FROM copydesk.article_signatures").fetchone()[0]  # type: ignore[attr-defined]
    if have >= upto:
        return
    started = time.perf_counter()
    first, last = have + 1, upto
    before = c.execute("SELECT coalesce(max(article_id), 0) FROM copydesk.articles").fetchone()[0]  # type: ignore[attr-defined]
    c.execute("ALTER TABLE copydesk.minhash_bands DROP CONSTRAINT minhash_bands_pkey")  # type: ignore[attr-defined]
    c.execute(  # type: ignore[attr-defined]
        "WITH j AS (INSERT INTO copydesk.ingest_jobs (job_id, source_name, drop_key, status)"
        " SELECT gen_random_uuid(), 'fill-' || g, 'fill-' || g, 'stored' FROM generate_series(%s::bigint, %s) g"
        " RETURNING job_id, source_name)"
        " INSERT INTO copydesk.articles (job_id, source_name, source_format, body, word_count, body_hash, site_name)"
        " SELECT job_id, source_name, 'text', 'filler', 1, md5(source_name), 'Filler' FROM j",
        (first, last),
    )
    c.execute(  # type: ignore[attr-defined]
        "WITH s AS (INSERT INTO copydesk.stories (representative_article_id)"
        " SELECT article_id FROM copydesk.articles WHERE story_id IS NULL"
        " RETURNING story_id, representative_article_id)"
        " UPDATE copydesk.articles a SET story_id = s.story_id FROM s WHERE a.article_id = s.representative_article_id"
    )
    c.execute(  # type: ignore[attr-defined]
        "INSERT INTO copydesk.article_signatures (article_id, config, shingles, minhash)"
        " SELECT a.article_id, %s, 600, %s FROM copydesk.articles a"
        " LEFT JOIN copydesk.article_signatures s USING (article_id) WHERE s.article_id IS NULL",
        (cfg_name, blob),
    )
    c.execute(  # type: ignore[attr-defined]
        "INSERT INTO copydesk.minhash_bands (band_key, article_id)"
        " SELECT (random() * 18446744073709551615 - 9223372036854775808)::numeric::bigint, a.article_id"
        " FROM copydesk.articles a CROSS JOIN generate_series(1, %s)"
        " WHERE a.article_id > %s AND a.source_name LIKE 'fill-%%'",
        (bands, before),
    )
    c.execute("ALTER TABLE copydesk.minhash_bands ADD PRIMARY KEY (band_key, article_id)")  # type: ignore[attr-defined]
    c.commit()  # type: ignore[attr-defined]
    c.autocommit = True  # type: ignore[attr-defined]
    c.execute("VACUUM ANALYZE")  # type: ignore[attr-defined]
    c.autocommit = False  # type: ignore[attr-defined]
    print(f"  filled to {upto:,} signatures in {time.perf_counter() - started:.0f} s", flush=True)


def bench_store(all_words: list[str], sizes: list[int], probes: int) -> None:
    import psycopg

    from services.domain.models import ParsedArticle
    from services.pipeline.dedup import DEFAULT_CONFIG, make_signature
    from services.pipeline.normalise import body_hash
    from services.runtime.embedded import EmbeddedPostgres
    from services.storage.db import open_pool
    from services.storage.migrate import apply_migrations
    from services.storage.uow import PostgresUnitOfWork

    cfg = DEFAULT_CONFIG
    rng = random.Random(2)
    blob = bytes(rng.getrandbits(8) for _ in range(4 * cfg.num_perm))
    with tempfile.TemporaryDirectory(prefix="bench-dedup-") as tmp:
        server = EmbeddedPostgres(Path(tmp) / "pg", durable=False)
        url = server.start()
        try:
            apply_migrations(url)
            pool = open_pool(url, max_size=1)
            admin = psycopg.connect(url, autocommit=False)
            admin.execute("SET maintenance_work_mem = '1GB'")
            admin.commit()
            for size in sizes:
                _fill(admin, size, cfg.name, blob, cfg.bands + cfg.lede_bands)
                texts = []
                for i in range(probes):
                    if i % 2 and texts:  # a near-copy of the previous probe: 5 % of words edited
                        ws = texts[-1].split()
                        texts.append(" ".join("edited" if rng.random() < 0.05 else w for w in ws))
                    else:
                        start = rng.randrange(len(all_words) - 700)
                        texts.append(" ".join(all_words[start:start + 700]))
                assign_ms, total_ms, matched = [], [], 0
                for text in texts:
                    sig = make_signature(text, cfg)
                    article = ParsedArticle(source_format="text", body=text, title="probe")
                    job_id = str(uuid.uuid4())
                    with PostgresUnitOfWork(pool) as uow:
                        uow.jobs.create(job_id=job_id, source_name="probe", sha256=None,  # type: ignore[arg-type]
                                        drop_key=job_id)
                        uow.commit()
                    started = time.perf_counter()
                    with PostgresUnitOfWork(pool) as uow:
                        article_id = uow.articles.add(job_id=job_id, source_name="probe", article=article,
                                                      body_hash=body_hash(text) + job_id)
                        assert article_id is not None
                        mid = time.perf_counter()
                        res = uow.stories.assign(article_id=article_id, signature=sig, config=cfg)
                        end_assign = time.perf_counter()
                        uow.commit()
                    done = time.perf_counter()
                    matched += res.matched > 0
                    assign_ms.append((end_assign - mid) * 1000)
                    total_ms.append((done - started) * 1000)
                stored = admin.execute("SELECT count(*) FROM copydesk.article_signatures").fetchone()[0]
                admin.commit()
                print(f"stored {stored:>9,}: lookup+assign median {statistics.median(assign_ms):.2f} ms,"
                      f" p95 {sorted(assign_ms)[int(len(assign_ms) * 0.95)]:.2f} ms;"
                      f" article insert+assign+commit median {statistics.median(total_ms):.2f} ms"
                      f" ({matched}/{len(texts)} probes joined a story)", flush=True)
            admin.close()
            pool.close()
        finally:
            server.stop()
            server.remove_data()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--probe", type=int, default=300)
    parser.add_argument("--skip-db", action="store_true", help="signature timing only")
    args = parser.parse_args(argv)
    from services.logconfig import configure_logging

    configure_logging(log_format="console", level="WARNING")
    all_words = _words()
    bench_signature(all_words)
    if not args.skip_db:
        bench_store(all_words, [int(s) for s in args.sizes.split(",")], args.probe)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
