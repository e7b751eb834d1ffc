"""Story clusters on a real Postgres: concurrent workers, merges, the api views."""

from __future__ import annotations

import hashlib
import random
import threading
import uuid
from collections import defaultdict

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from services.domain.models import Duplicate, Stored
from services.enrich import InlineEnricher
from services.errors import StorageUnavailable
from services.ingest import ingest_job
from services.pipeline.enrich import ArticleText, Enricher, Enrichment
from services.storage.db import open_pool
from services.storage.migrate import apply_migrations
from services.storage.uow import PostgresUnitOfWork

pytestmark = pytest.mark.integration

_SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "pel", "dri", "an", "sul", "tor", "ei", "mun", "gha", "bel"]


def _vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    return sorted({"".join(rng.choices(_SYLLABLES, k=rng.randint(1, 3))) for _ in range(size * 2)})[:size]


def _story(rng: random.Random, vocab: list[str], paragraphs: int = 8) -> list[str]:
    # Zipf-like word choice, so unrelated stories share common words (not 4-word runs).
    weights = [1 / (i + 1) for i in range(len(vocab))]
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 3)):
            words = rng.choices(vocab, weights=weights, k=rng.randint(10, 18))
            sentences.append(" ".join(words).capitalize() + ".")
        out.append(" ".join(sentences))
    return out


def _edit(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    for _ in range(max(1, len(words) // 40)):
        words[rng.randrange(len(words))] = "revised"
    return " ".join(words)


def _file(title: str, site: str, paragraphs: list[str]) -> bytes:
    return (f"{title}\n{site}\nBy Staff Writer\n\n" + "\n\n".join(paragraphs) + "\n").encode()


def _copies(n_stories: int, seed: int) -> list[tuple[int, str, bytes]]:
    """(truth story, name, bytes): per story the full text, edited copies, the first
    and the last half (which match the full text but not each other: arriving before
    it they make two stories that it then merges), and an exact re-drop."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    files: list[tuple[int, str, bytes]] = []
    for s in range(n_stories):
        paras = _story(rng, vocab)
        title = f"Story {s} headline"
        variants = [
            paras,
            paras[: len(paras) // 2],
            paras[len(paras) // 2:],
            [_edit(p, rng) for p in paras],
            [_edit(p, rng) for p in paras[:6]],
            paras[:3] + paras[4:],
            [_edit(p, rng) for p in paras[1:]],
        ]
        for v, body in enumerate(variants):
            files.append((s, f"s{s}-v{v}.txt", _file(f"{title} {v}", f"Site {v}", body)))
        files.append((s, f"s{s}-again.txt", _file(f"{title} again", "Mirror", paras)))
    return files


def _claim(pool: ConnectionPool, content: bytes, name: str) -> str:
    sha = hashlib.sha256(content).hexdigest()
    with PostgresUnitOfWork(pool) as uow:
        uow.raw.put(sha, content)
        job_id, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name=name, sha256=sha,
                                    drop_key=f"{name}/{uuid.uuid4()}")
        uow.commit()
    return job_id


@pytest.fixture
def db_url(fresh_db_url: str) -> str:
    apply_migrations(fresh_db_url)
    return fresh_db_url


class _Noop(Enricher):
    """An enrichment step that costs nothing: the ingest then enriches inline, and a new
    article takes the path that finds its story before writing it
    (``StoryRepository.add_article``)."""

    name = "noop"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        out.signals["noop"] = True


def _ingest(pool: ConnectionPool, job_id: str, *, inline: bool, worker: str = "t:1") -> object:
    def factory() -> PostgresUnitOfWork:
        return PostgresUnitOfWork(pool)

    enricher = InlineEnricher(uow_factory=factory, profile="test", enrichers=[_Noop()]) if inline else None
    return ingest_job(job_id, uow_factory=factory, worker=worker, max_attempts=100, enricher=enricher)


def _run_workers(db_url: str, job_ids: list[str], workers: int, *, inline: bool = False,
                 ) -> tuple[dict[str, object], int]:
    """Each worker: its own connection, the real ingest service, retries on transient
    errors as the Celery task does. Returns outcomes by job and the number of retries."""
    queue = list(reversed(job_ids))
    lock = threading.Lock()
    outcomes: dict[str, object] = {}
    retries = [0]
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def work(n: int) -> None:
        pool = open_pool(db_url, max_size=1)
        try:
            barrier.wait()
            while True:
                with lock:
                    if not queue:
                        return
                    job_id = queue.pop()
                for _attempt in range(20):
                    try:
                        outcomes[job_id] = _ingest(pool, job_id, inline=inline, worker=f"t:{n}")
                        break
                    except StorageUnavailable:  # a deadlock broken by Postgres: retried
                        with lock:
                            retries[0] += 1
                else:
                    raise AssertionError(f"job {job_id} never finished")
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test thread
            errors.append(exc)
        finally:
            pool.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return outcomes, retries[0]


# inline: the ingest enriches in the store's transaction and a new article finds its
# story before it is written (StoryRepository.add_article); otherwise the article is
# written first and then assigned (StoryRepository.assign).
@pytest.mark.parametrize(("seed", "inline"), [(1, False), (2, False), (1, True), (2, True)])
def test_concurrent_workers_make_one_story_per_truth_and_never_merge_two(db_url: str, seed: int,
                                                                        inline: bool) -> None:
    files = _copies(n_stories=12, seed=seed)
    rng = random.Random(seed)
    # Copies of one story side by side (8 workers pick them up at the same moment),
    # then the rest shuffled across stories.
    by_story: dict[int, list[tuple[int, str, bytes]]] = defaultdict(list)
    for f in files:
        by_story[f[0]].append(f)
    ordered = [f for s in sorted(by_story) for f in rng.sample(by_story[s], len(by_story[s]))]
    half = len(ordered) // 2
    tail = ordered[half:]
    rng.shuffle(tail)
    ordered = ordered[:half] + tail

    pool = open_pool(db_url, max_size=2)
    try:
        jobs = {_claim(pool, data, name): truth for truth, name, data in ordered}
    finally:
        pool.close()
    outcomes, retries = _run_workers(db_url, list(jobs), workers=8, inline=inline)

    assert len(outcomes) == len(jobs)
    stored = {j: o.article_id for j, o in outcomes.items() if isinstance(o, Stored)}
    dupes = [o for o in outcomes.values() if isinstance(o, Duplicate)]
    assert len(dupes) == 12  # the exact re-drops, one per story
    assert len(stored) == len(jobs) - 12

    with psycopg.connect(db_url) as conn:
        story_of: dict[int, int] = dict(conn.execute("SELECT article_id, story_id FROM api.articles").fetchall())
        stories = conn.execute(
            "SELECT story_id, representative_article_id, copies, sites FROM api.stories"
        ).fetchall()
        merges = conn.execute(
            "SELECT merged_story_id, into_story_id FROM copydesk.story_merges"
        ).fetchall()
        moved = [int(r[0]) for r in conn.execute("SELECT articles_moved FROM copydesk.story_merges")]
        live_merged = conn.execute(
            "SELECT count(*) FROM copydesk.articles a JOIN copydesk.stories s USING (story_id)"
            " WHERE s.merged_into IS NOT NULL"
        ).fetchone()
        reps = conn.execute(
            "SELECT story_id, count(*) FILTER (WHERE is_representative),"
            " count(*) FILTER (WHERE duplicate_of IS NULL) FROM api.articles GROUP BY story_id"
        ).fetchall()

    truth_to_stories: dict[int, set[int]] = defaultdict(set)
    story_to_truths: dict[int, set[int]] = defaultdict(set)
    for job_id, article_id in stored.items():
        truth_to_stories[jobs[job_id]].add(story_of[article_id])
        story_to_truths[story_of[article_id]].add(jobs[job_id])
    split = {t: s for t, s in truth_to_stories.items() if len(s) > 1}
    false_merges = {s: t for s, t in story_to_truths.items() if len(t) > 1}
    assert not split, f"split stories: {split}"
    assert not false_merges, f"false merges: {false_merges}"

    assert len(stories) == 12
    assert sum(row[2] for row in stories) == len(stored)
    assert all(story_of[rep] == sid for sid, rep, _, _ in stories)
    assert all(n_rep == 1 and n_null_dup == 1 for _, n_rep, n_null_dup in reps)
    assert live_merged == (0,)
    assert all(n >= 1 for n in moved), moved  # a merged story had articles to move
    live = {row[0] for row in stories}
    assert all((m not in live and i in live) or i in {mm for mm, _ in merges} for m, i in merges)
    print(f"stored={len(stored)} merges={len(merges)} retries={retries}")


def _page(title: str, site: str, published: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='{site}'>"
        f"<meta property='article:published_time' content='{published}'></head>"
        f"<body><article><h1>{title}</h1><div class='article-body'>{body}</div></article></body></html>"
    ).encode()


@pytest.mark.parametrize("inline", [False, True])
def test_representative_prefers_the_wire_original_then_the_earliest(db_url: str, inline: bool) -> None:
    rng = random.Random(5)
    paras = _story(rng, _vocabulary(rng))
    pool = open_pool(db_url, max_size=2)
    try:
        names = {
            "early-farm": _page("Copied early", "Farm One", "2025-01-01T08:00:00Z", paras[1:]),
            "late-farm": _page("Copied late", "Farm Two", "2025-01-03T08:00:00Z", paras[:-1]),
            "wire": _page("Original headline", "AP", "2025-01-02T08:00:00Z", paras),
        }
        ids = {}
        for name in ("late-farm", "early-farm", "wire"):
            job = _claim(pool, names[name], f"{name}.html")
            outcome = _ingest(pool, job, inline=inline)
            assert isinstance(outcome, Stored) and outcome.enriched == inline
            ids[name] = outcome.article_id
            with psycopg.connect(db_url) as conn:
                rep = conn.execute("SELECT representative_article_id FROM api.stories").fetchall()
            # the earliest published copy until the wire original arrives
            assert rep == [(ids[{"late-farm": "late-farm", "early-farm": "early-farm"}.get(name, "wire")],)]
    finally:
        pool.close()
    with psycopg.connect(db_url) as conn:
        rows = {r[0]: r[1:] for r in conn.execute(
            "SELECT article_id, story_id, is_representative, duplicate_of FROM api.articles")}
        story = conn.execute(
            "SELECT story_id, representative_article_id, title, copies, sites,"
            " first_published_at::date::text FROM api.stories").fetchall()
    sid = rows[ids["wire"]][0]
    assert rows == {ids["wire"]: (sid, True, None), ids["early-farm"]: (sid, False, ids["wire"]),
                    ids["late-farm"]: (sid, False, ids["wire"])}
    assert story == [(sid, ids["wire"], "Original headline", 3, ["AP", "Farm One", "Farm Two"], "2025-01-01")]


def test_reader_role_reads_api_stories(db_url: str) -> None:
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("SET ROLE copydesk_reader")
        conn.execute("SELECT * FROM api.stories").fetchall()
        conn.execute("SELECT story_id, is_representative, duplicate_of FROM api.articles").fetchall()
        for forbidden in ("SELECT * FROM copydesk.stories", "SELECT * FROM copydesk.minhash_bands",
                          "SELECT * FROM copydesk.story_merges"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)


def test_api_articles_keeps_its_columns_and_appends_the_story_ones(db_url: str) -> None:
    with psycopg.connect(db_url) as conn:
        cols = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'api'"
            " AND table_name = 'articles' ORDER BY ordinal_position")]
    assert cols[:18] == ["article_id", "job_id", "source_name", "source_format", "url", "title", "authors",
                         "published_at", "site_name", "section", "body", "word_count", "wire_source",
                         "dateline", "ingested_at", "canonical_url", "modified_at", "language_hint"]
    assert cols[18:21] == ["story_id", "is_representative", "duplicate_of"]


def test_signatures_keep_their_shingle_sets_and_older_rows_are_compared_by_estimate(db_url: str) -> None:
    rng = random.Random(8)
    paras = _story(rng, _vocabulary(rng), paragraphs=10)
    pool = open_pool(db_url, max_size=2)

    def ingest(name: str, body: list[str]) -> Stored:
        outcome = ingest_job(_claim(pool, _file(name, "Site", body), f"{name}.txt"),
                             uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1")
        assert isinstance(outcome, Stored)
        return outcome

    try:
        first = ingest("whole", paras)
        with psycopg.connect(db_url) as conn:
            shingles, kept = conn.execute(
                "SELECT shingles, shingle_set FROM copydesk.article_signatures WHERE article_id = %s",
                (first.article_id,)).fetchone() or (0, None)
        assert kept is not None and len(kept) == 4 * shingles > 0  # (no two low halves equal here)
        # a signature stored before migration 0012 has no set: an edited copy of the
        # whole text still joins its story, compared by the MinHash estimate
        with psycopg.connect(db_url) as conn:
            conn.execute("UPDATE copydesk.article_signatures SET shingle_set = NULL WHERE article_id = %s",
                         (first.article_id,))
        edited = ingest("edited", [_edit(p, rng) for p in paras])
        unrelated = ingest("other", _story(rng, _vocabulary(rng), paragraphs=10))
    finally:
        pool.close()
    with psycopg.connect(db_url) as conn:
        stories = dict(conn.execute("SELECT article_id, story_id FROM api.articles").fetchall())
    assert stories[edited.article_id] == stories[first.article_id] != stories[unrelated.article_id]


def test_a_band_key_many_articles_share_gives_only_its_latest_as_candidates(db_url: str) -> None:
    # A site that puts the same 70-word notice above every article: all its articles
    # share every lede band. The next one is verified against the latest few, not all.
    from structlog.testing import capture_logs

    from services.pipeline.dedup import CANDIDATES_PER_BAND

    rng = random.Random(9)
    vocab = _vocabulary(rng)
    notice = " ".join(rng.choices(vocab, k=70)) + "."
    pool = open_pool(db_url, max_size=2)
    outcomes = []
    try:
        with capture_logs() as logs:
            for n in range(CANDIDATES_PER_BAND + 6):
                body = [notice, *_story(rng, vocab, paragraphs=12)]
                job = _claim(pool, _file(f"Article {n}", "Site", body), f"a{n}.txt")
                outcomes.append(ingest_job(job, uow_factory=lambda: PostgresUnitOfWork(pool), worker="t:1"))
    finally:
        pool.close()
    assert all(isinstance(o, Stored) for o in outcomes)
    candidates = [e["candidates"] for e in logs if e["event"] == "story_assigned"]
    # every earlier article until the cap, then the cap
    assert candidates == [min(n, CANDIDATES_PER_BAND) for n in range(len(outcomes))]
    with psycopg.connect(db_url) as conn:
        stories = conn.execute("SELECT count(DISTINCT story_id) FROM api.articles").fetchone()
    assert stories == (len(outcomes),)  # unrelated stories under one notice: never merged


def test_candidates_are_read_by_key_however_many_signatures_and_old_their_statistics(db_url: str) -> None:
    """The candidates' signatures and stories are read by primary key, a row each: not
    every stored signature, as a join did when the table had grown since its statistics
    were taken (as it always has between two autovacuum analyses)."""
    from services.pipeline.dedup import DEFAULT_CONFIG, band_keys, make_signature
    from services.storage.stories import StoryRepository

    rng = random.Random(4)
    signature = make_signature(" ".join(_story(rng, _vocabulary(rng))), DEFAULT_CONFIG)
    keys = band_keys(signature, DEFAULT_CONFIG)
    with psycopg.connect(db_url) as conn:
        conn.execute("INSERT INTO copydesk.raw_documents (sha256, content, bytes) VALUES (repeat('0', 64), '', 0)")
        for table in ("articles", "article_signatures"):
            conn.execute(f"ALTER TABLE copydesk.{table} SET (autovacuum_enabled = false)")
        for first, last in ((1, 30), (31, 400)):  # statistics taken at 30 rows
            conn.execute(
                "WITH jobs AS (INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key)"
                "  SELECT gen_random_uuid(), 'filler-' || n, repeat('0', 64), 'filler-' || n"
                "  FROM generate_series(%s::int, %s::int) AS n RETURNING job_id, drop_key),"
                " arts AS (INSERT INTO copydesk.articles (job_id, source_name, source_format, body, word_count,"
                "  body_hash) SELECT job_id, drop_key, 'text', 'x', 1, drop_key FROM jobs RETURNING article_id)"
                " INSERT INTO copydesk.article_signatures (article_id, config, shingles, minhash)"
                " SELECT article_id, %s, 100, decode(repeat('ab', 512), 'hex') FROM arts",
                (first, last, DEFAULT_CONFIG.name))
            if last == 30:
                conn.execute("ANALYZE copydesk.articles")
                conn.execute("ANALYZE copydesk.article_signatures")
        # five fillers share band keys with the new article: its candidates
        conn.execute("INSERT INTO copydesk.minhash_bands (band_key, article_id)"
                     " SELECT k, a FROM unnest(%b::bigint[]) AS k, generate_series(10, 50, 10) AS a",
                     (keys[:20],))
        new = conn.execute(
            "WITH j AS (INSERT INTO copydesk.ingest_jobs (job_id, source_name, sha256, drop_key)"
            "  VALUES (gen_random_uuid(), 'new', repeat('0', 64), 'new') RETURNING job_id)"
            " INSERT INTO copydesk.articles (job_id, source_name, source_format, body, word_count, body_hash)"
            " SELECT job_id, 'new', 'text', 'x', 1, 'new' FROM j RETURNING article_id").fetchone()
        assert new is not None
        conn.commit()

        def rows_read() -> dict[str, int]:  # this backend's counts not yet flushed: compare two
            return {str(t): int(n) for t, n in conn.execute(
                "SELECT relname, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)"
                " FROM pg_stat_xact_user_tables WHERE schemaname = 'copydesk'"
                " AND relname IN ('articles', 'article_signatures')").fetchall()}

        before = rows_read()
        assignment = StoryRepository(conn).assign(article_id=int(new[0]), signature=signature,
                                                 config=DEFAULT_CONFIG)
        after = rows_read()
        conn.rollback()
    assert assignment.candidates == 5 and assignment.created
    # a candidate's rows once each, and the new article's own (its story, foreign keys)
    read = {t: after[t] - before.get(t, 0) for t in after}
    assert read["article_signatures"] <= 5 and read["articles"] <= 15, read


def test_an_article_enriched_inline_is_written_once_with_its_story_and_enrichment(db_url: str) -> None:
    """The inline path inserts the article with its story and enrichment state: no
    UPDATE of it follows (a trigger counts them), where the other path updates it with
    its story; both end with the same rows."""
    rng = random.Random(11)
    paras = _story(rng, _vocabulary(rng))
    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE copydesk.article_updates (article_id bigint)")
        conn.execute("CREATE FUNCTION copydesk.count_update() RETURNS trigger LANGUAGE plpgsql AS $$"
                     " BEGIN INSERT INTO copydesk.article_updates VALUES (NEW.article_id); RETURN NEW; END $$")
        conn.execute("CREATE TRIGGER count_update AFTER UPDATE ON copydesk.articles"
                     " FOR EACH ROW EXECUTE FUNCTION copydesk.count_update()")
    pool = open_pool(db_url, max_size=2)
    try:
        results = {}
        for n, inline in enumerate((True, True, False)):  # a new story, a copy joining it, a copy the old way
            body = paras if n == 0 else [*paras[n:], f"A paragraph of copy {n} alone, its own words."]
            job = _claim(pool, _file(f"Copy {n}", f"Site {n}", body), f"c{n}.txt")
            outcome = _ingest(pool, job, inline=inline)
            assert isinstance(outcome, Stored) and outcome.enriched == inline
            results[n] = outcome.article_id
    finally:
        pool.close()
    with psycopg.connect(db_url) as conn:
        updated = [int(r[0]) for r in conn.execute("SELECT article_id FROM copydesk.article_updates")]
        rows = conn.execute(
            "SELECT a.article_id, a.story_id, a.enriched_at IS NOT NULL, a.enrich_version, a.enrich_attempts,"
            " (SELECT count(*) FROM copydesk.minhash_bands b WHERE b.article_id = a.article_id),"
            " (SELECT count(*) FROM copydesk.article_signatures g WHERE g.article_id = a.article_id),"
            " (SELECT count(*) FROM copydesk.article_enrichment e WHERE e.article_id = a.article_id)"
            " FROM copydesk.articles a ORDER BY a.article_id").fetchall()
        stories = conn.execute("SELECT story_id, representative_article_id FROM copydesk.stories").fetchall()
    assert updated == [results[2]]  # only the one stored the other way: its story set after
    story = rows[0][1]
    assert stories == [(story, results[0])]
    for (article_id, story_id, enriched, version, attempts, bands, signatures, enrichment), inline in zip(
            rows, (True, True, False), strict=True):
        assert story_id == story and bands > 10 and signatures == 1 and attempts == 0
        assert (enriched, version is not None, enrichment) == (inline, inline, int(inline)), article_id


def test_add_article_writes_nothing_for_a_body_already_stored(db_url: str) -> None:
    from services.pipeline.dedup import DEFAULT_CONFIG, make_signature
    from services.pipeline.formats import parse_records
    from services.pipeline.normalise import body_hash, normalise_body
    from services.storage.stories import StoryRepository

    rng = random.Random(12)
    data = _file("A story", "Site", _story(rng, _vocabulary(rng)))
    pool = open_pool(db_url, max_size=2)
    try:
        first = _ingest(pool, _claim(pool, data, "a.txt"), inline=True)
        assert isinstance(first, Stored)
        again = _claim(pool, data, "b.txt")
    finally:
        pool.close()
    article = parse_records(data, filename="b.txt")[0].article
    assert article is not None
    body = normalise_body(article.body)
    with psycopg.connect(db_url) as conn:
        counts = "SELECT (SELECT count(*) FROM copydesk.stories), (SELECT count(*) FROM copydesk.minhash_bands)"
        before = conn.execute(counts).fetchone()
        added = StoryRepository(conn).add_article(
            job_id=again, source_name="b.txt", article=article, body_hash=body_hash(body),
            signature=make_signature(body, DEFAULT_CONFIG), config=DEFAULT_CONFIG)
        assert added is None
        assert conn.execute(counts).fetchone() == before
