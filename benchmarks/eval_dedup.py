"""Near-duplicate stories: pairwise precision, recall, F1 and adjusted Rand index.

Builds content-farm copies of the Article Extraction Benchmark articles
(``shared/data/article-extraction-benchmark-dev``, ground-truth bodies): each article is
one story, arriving as its original (an HTML page on a wire site) and as ``--copies``
republications, each a seeded random mix of what content farms do: another page
(HTML or a flattened text dump with another site's chrome: breadcrumb, byline, date
line, reaction widget, Related/Ranking link lists made of other stories' headlines), a
rewritten headline, truncation (40-80 % of the paragraphs kept), one or two paragraphs
dropped, word edits (2-6 % of the words replaced, inserted or deleted), a boilerplate
paragraph appended. Hard negatives: a quarter of the distinct originals share one
boilerplate paragraph, and all copies share chrome.

Default run: the production path end to end. An embedded Postgres is started in a temp
dir, migrated, every file is claimed as the producer does and ingested by ``--workers``
threads through ``services.ingest.ingest_job`` (real parser, normalisation, MinHash,
LSH bands in Postgres, story assignment); the stories are read back from
``api.articles``. An exact duplicate (job ``duplicate``) counts in its first copy's story;
a file the parser rejects is reported and left out of the scores.

``--sweep``: the parameter search behind the defaults, in memory (parse once, then for
each shingle size, band layout and threshold: signatures, LSH candidates in arrival
order, verification, connected components), printing the same scores.

``--similarities``: the margins behind the thresholds, counted exactly from the shingle
sets (between stories, the highest Jaccard and containment; per file, its best match in
its story; the openings' Jaccard where the whole-text bands miss).

    python -m benchmarks.eval_dedup [--copies 6] [--seed 7] [--workers 4] [--sweep | --similarities]
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import hashlib
import html
import json
import random
import re
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from math import comb
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = SHARED / "data" / "article-extraction-benchmark-dev"

_SITES = ["Quantum Capital Pro", "Daily Market Wire", "NewsNow Hub", "Trend Pulse", "The Local Ledger",
          "Gadget Gazette", "Metro Buzz", "World Report Today"]
_SECTIONS = ["Invest", "World", "Tech", "Business", "Lifestyle", "Politics"]
_NAMES = ["Charles Langston", "Maria Ortiz", "Wei Chen", "Sam Patel", "Olivia Brown", "Jonas Berg"]
_FILLER = ["reportedly", "also", "now", "indeed", "recently", "officially", "still"]
_BOILERPLATE = ("Copyright 2024 Example Media Group. All rights reserved. This material may not be "
                "published, broadcast, rewritten or redistributed without permission. Sign up for "
                "our daily newsletter to get the top stories delivered to your inbox every morning.")


@dataclass(frozen=True, slots=True)
class Doc:
    story: str  # ground-truth story key
    name: str  # file name as dropped
    data: bytes
    kind: str  # what was done to it, for the report


def paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def _headline(paras: list[str], rng: random.Random) -> str:
    words = " ".join(paras).split()
    start = rng.randrange(0, max(1, min(len(words) - 8, 40)))
    return " ".join(words[start:start + rng.randint(6, 11)]).strip(" ,.;:").capitalize()


def _edit_words(para: str, rate: float, rng: random.Random) -> str:
    out: list[str] = []
    for word in para.split():
        roll = rng.random()
        if roll < rate / 3:
            continue  # deleted
        if roll < 2 * rate / 3:
            out.append(rng.choice(_FILLER))  # replaced
            continue
        out.append(word)
        if roll < rate:
            out.append(rng.choice(_FILLER))  # inserted
    return " ".join(out) or para


def _text_dump(title: str, site: str, section: str, author: str, paras: list[str],
               related: list[str], rng: random.Random) -> str:
    lines = [f"Current:Home > {section}{title} -{site}", title, f"{author} View",
             f"Date:2025-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 0{rng.randint(0, 9)}:19:27"]
    lines += paras
    lines.append(f"veryGood! ({rng.randint(1, 99)})")
    lines.append("Related")
    lines += [f"- {r}" for r in related[:6]]
    lines.append("Ranking")
    lines += [f"- {r}" for r in related[6:12]]
    return "\n".join(lines) + "\n"


def _html_page(title: str, site: str, section: str, author: str, paras: list[str],
               related: list[str], url: str, rng: random.Random) -> str:
    e = html.escape
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in _SECTIONS)
    rel = "".join(f'<li><a href="/r/{i}">{e(r)}</a></li>' for i, r in enumerate(related[:8]))
    body = "".join(f"<p>{e(p)}</p>" for p in paras)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{e(title)} | {e(site)}</title>"
        f"<meta property='og:site_name' content='{e(site)}'><meta property='og:title' content='{e(title)}'>"
        f"<meta property='og:url' content='{e(url)}'><meta name='author' content='{e(author)}'>"
        f"<meta property='article:published_time' content='2025-03-0{rng.randint(1, 9)}T10:00:00Z'>"
        f"</head><body><header><div class='logo'>{e(site)}</div><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{e(title)}</h1><p class='byline'>By {e(author)}</p>"
        f"<div class='article-body'>{body}</div></article>"
        f"<aside><h2>Related</h2><ul>{rel}</ul></aside></main>"
        f"<footer><p>&copy; 2025 {e(site)}</p><a href='/privacy'>Privacy</a></footer></body></html>"
    )


def build_corpus(*, copies: int = 6, seed: int = 7, data: Path = DATA) -> list[Doc]:
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    rng = random.Random(seed)
    stories = sorted(truth)
    paras_of = {k: paragraphs(truth[k]["articleBody"]) for k in stories}
    titles = {k: _headline(paras_of[k], random.Random(k)) for k in stories}
    shared_boiler = set(rng.sample(stories, len(stories) // 4))
    docs: list[Doc] = []
    for n, key in enumerate(stories):
        base = paras_of[key] + ([_BOILERPLATE] if key in shared_boiler else [])
        others = [titles[o] for o in rng.sample(stories, 13) if o != key]
        url = truth[key].get("url") or f"https://wire.example/{key}"
        docs.append(Doc(key, f"{n:03d}-orig.html",
                        _html_page(titles[key], "Wire Service", "World", "Staff", base, others, url, rng).encode(),
                        "original"))
        for c in range(copies):
            crng = random.Random(f"{seed}/{key}/{c}")
            paras = list(paras_of[key])
            kinds: list[str] = []
            if len(paras) >= 4 and crng.random() < 0.4:
                keep = max(2, round(len(paras) * crng.uniform(0.4, 0.8)))
                paras, kinds = paras[:keep], [*kinds, "truncated"]
            if len(paras) >= 5 and crng.random() < 0.4:
                for _ in range(crng.randint(1, 2)):
                    paras.pop(crng.randrange(1, len(paras)))
                kinds.append("dropped")
            if crng.random() < 0.6:
                rate = crng.uniform(0.02, 0.06)
                paras = [_edit_words(p, rate, crng) for p in paras]
                kinds.append("edited")
            if crng.random() < 0.3:
                paras = [*paras, _BOILERPLATE]
                kinds.append("boilerplate")
            title = _headline(paras_of[key], crng) if crng.random() < 0.7 else titles[key]
            site = crng.choice(_SITES)
            author = crng.choice(_NAMES)
            related = [titles[o] for o in crng.sample(stories, 13) if o != key]
            if crng.random() < 0.5:
                text = _text_dump(title, site, crng.choice(_SECTIONS), author, paras, related, crng)
                docs.append(Doc(key, f"{n:03d}-copy{c}.txt", text.encode(), "+".join(["text", *kinds])))
            else:
                page = _html_page(title, site, crng.choice(_SECTIONS), author, paras, related,
                                  f"https://{site.lower().replace(' ', '')}.example/{n}-{c}", crng)
                docs.append(Doc(key, f"{n:03d}-copy{c}.html", page.encode(), "+".join(["html", *kinds])))
    random.Random(seed).shuffle(docs)
    return docs


# -- scores ------------------------------------------------------------------------------


def pair_scores(truth: list[str], pred: list[object]) -> dict[str, float]:
    """Pairwise precision/recall/F1 (a pair is positive when both items share a cluster)
    and the adjusted Rand index (Hubert and Arabie)."""
    n = len(truth)
    both = sum(comb(v, 2) for v in collections.Counter(zip(truth, pred, strict=True)).values())
    pred_pairs = sum(comb(v, 2) for v in collections.Counter(pred).values())
    true_pairs = sum(comb(v, 2) for v in collections.Counter(truth).values())
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    expected = pred_pairs * true_pairs / comb(n, 2) if n > 1 else 0.0
    denom = (pred_pairs + true_pairs) / 2 - expected
    ari = (both - expected) / denom if denom else 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "ari": ari}


def _print_scores(label: str, s: dict[str, float], extra: str = "") -> None:
    print(f"{label:<44} P={s['precision']:.4f} R={s['recall']:.4f} F1={s['f1']:.4f} "
          f"ARI={s['ari']:.4f} {extra}")


# -- production path through Postgres ------------------------------------------------------


def run_postgres(docs: list[Doc], *, workers: int) -> None:
    from services.domain.models import Duplicate, Rejected, Stored
    from services.errors import StorageUnavailable
    from services.ingest import ingest_job
    from services.runtime.embedded import EmbeddedPostgres
    from services.storage.db import open_pool
    from services.storage.migrate import apply_migrations
    from services.storage.uow import PostgresUnitOfWork

    with tempfile.TemporaryDirectory(prefix="eval-dedup-") as tmp:
        server = EmbeddedPostgres(Path(tmp) / "pg", durable=False)
        url = server.start()
        try:
            apply_migrations(url)
            pool = open_pool(url, max_size=2)
            jobs: dict[str, Doc] = {}
            for doc in docs:
                sha = hashlib.sha256(doc.data).hexdigest()
                with PostgresUnitOfWork(pool) as uow:
                    uow.raw.put(sha, doc.data)
                    job_id, _ = uow.jobs.create(job_id=str(uuid.uuid4()), source_name=doc.name,
                                                sha256=sha, drop_key=f"{doc.name}/{sha}")
                    uow.commit()
                jobs[job_id] = doc
            pool.close()
            queue = list(reversed(jobs))
            outcomes: dict[str, object] = {}
            lock = threading.Lock()
            errors: list[BaseException] = []

            def work(n: int) -> None:
                wpool = open_pool(url, max_size=1)
                try:
                    while True:
                        with lock:
                            if not queue:
                                return
                            job_id = queue.pop()
                        for _ in range(20):
                            try:
                                outcomes[job_id] = ingest_job(
                                    job_id, uow_factory=lambda: PostgresUnitOfWork(wpool),
                                    worker=f"eval:{n}", max_attempts=100)
                                break
                            except StorageUnavailable:
                                continue
                except BaseException as exc:  # noqa: BLE001 - re-raised below
                    errors.append(exc)
                finally:
                    wpool.close()

            started = time.perf_counter()
            threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            elapsed = time.perf_counter() - started
            if errors:
                raise errors[0]
            import psycopg

            with psycopg.connect(url) as conn:
                story_of = dict(conn.execute("SELECT article_id, story_id FROM api.articles").fetchall())
                n_stories, n_merges = conn.execute(
                    "SELECT (SELECT count(*) FROM api.stories), (SELECT count(*) FROM copydesk.story_merges)"
                ).fetchone() or (0, 0)
        finally:
            server.stop()
            server.remove_data()

    truth: list[str] = []
    pred: list[object] = []
    rejected = []
    for job_id, doc in jobs.items():
        outcome = outcomes.get(job_id)
        if isinstance(outcome, Stored):
            story = story_of[outcome.article_id]
        elif isinstance(outcome, Duplicate):
            story = story_of[outcome.duplicate_of]
        else:
            assert outcome is None or isinstance(outcome, Rejected)
            rejected.append((doc.name, doc.kind, getattr(outcome, "error_code", "unfinished")))
            continue
        truth.append(doc.story)
        pred.append(story)
    print(f"files {len(docs)} ({len({d.story for d in docs})} stories), workers {workers}, "
          f"{elapsed:.1f} s; stories made {n_stories}, merges {n_merges}, rejected {len(rejected)}")
    for name, kind, code in rejected:
        print(f"  rejected {name} ({kind}): {code}")
    _print_scores("copydesk (Postgres, ingest service)", pair_scores(truth, pred))
    _report_errors(truth, pred, [d for j, d in jobs.items() if isinstance(outcomes.get(j), (Stored, Duplicate))])


def _report_errors(truth: list[str], pred: list[object], docs: list[Doc]) -> None:
    by_truth: dict[str, set[object]] = collections.defaultdict(set)
    by_pred: dict[object, set[str]] = collections.defaultdict(set)
    for t, p in zip(truth, pred, strict=True):
        by_truth[t].add(p)
        by_pred[p].add(t)
    split = {t: len(p) for t, p in by_truth.items() if len(p) > 1}
    merged = {p: sorted(t) for p, t in by_pred.items() if len(t) > 1}
    print(f"  stories split: {len(split)}; clusters holding several stories: {len(merged)}")
    for t in list(split)[:10]:
        clusters = collections.Counter(p for tt, p in zip(truth, pred, strict=True) if tt == t)
        kinds = [d.kind for d, tt, p in zip(docs, truth, pred, strict=True)
                 if tt == t and clusters[p] == min(clusters.values())]
        print(f"    split {t[:12]}: cluster sizes {sorted(clusters.values(), reverse=True)}; stray: {kinds}")
    for p, stories in list(merged.items())[:10]:
        members = collections.Counter(tt for tt, pp in zip(truth, pred, strict=True) if pp == p)
        few = [f"{d.name} ({d.kind})" for d, tt, pp in zip(docs, truth, pred, strict=True)
               if pp == p and members[tt] == min(members.values())]
        print(f"    merged: stories {[s[:12] for s in stories]}, sizes"
              f" {sorted(members.values(), reverse=True)}; the smallest part: {few[:4]}")


# -- the in-memory sweep -------------------------------------------------------------------


def _parsed(docs: list[Doc]) -> list[tuple[Doc, str]]:
    """Each document the parser accepts, with its normalised body, as the ingest stores it."""
    from services.errors import InputError
    from services.pipeline.formats import parse_file
    from services.pipeline.normalise import normalise_body

    parsed: list[tuple[Doc, str]] = []
    for doc in docs:
        with contextlib.suppress(InputError):
            parsed.append((doc, normalise_body(parse_file(doc.data, filename=doc.name).body)))
    return parsed


def sweep(docs: list[Doc]) -> None:
    from services.pipeline.dedup import (
        MinHashConfig,
        Thresholds,
        band_keys,
        is_same_story,
        make_signature,
    )
    from services.pipeline.normalise import body_hash

    parsed = _parsed(docs)
    truth = [d.story for d, _ in parsed]
    for w in (3, 4, 5):
        for bands, rows in ((32, 4), (42, 3), (64, 2)):
            cfg = MinHashConfig(shingle_words=w, num_perm=128, bands=bands, rows=rows)
            sigs = [make_signature(text, cfg) for _, text in parsed]
            keys = [band_keys(s, cfg) for s in sigs]
            hashes = [body_hash(text) for _, text in parsed]
            for th in (Thresholds(jaccard=0.5, containment=0.7), Thresholds(jaccard=0.4, containment=0.6)):
                parent = list(range(len(sigs)))

                def find(x: int, parent: list[int] = parent) -> int:
                    while parent[x] != x:
                        parent[x] = parent[parent[x]]
                        x = parent[x]
                    return x

                index: dict[int, list[int]] = collections.defaultdict(list)
                first: dict[str, int] = {}
                candidates = 0
                for i, ks in enumerate(keys):
                    if hashes[i] in first:  # exact duplicate: joins its first copy
                        parent[find(i)] = find(first[hashes[i]])
                        continue
                    first[hashes[i]] = i
                    cands = {c for k in ks for c in index[k]}
                    candidates += len(cands)
                    for c in cands:
                        if is_same_story(sigs[i], sigs[c], th):
                            parent[find(i)] = find(c)
                    for k in ks:
                        index[k].append(i)
                pred: list[object] = [find(i) for i in range(len(sigs))]
                _print_scores(f"{cfg.name} J>={th.jaccard} C>={th.containment}",
                              pair_scores(truth, pred), f"candidates/doc={candidates / len(sigs):.2f}")


def similarities(docs: list[Doc]) -> None:
    """The margins behind the thresholds, counted exactly (in memory, every pair): for
    texts of ``min_shingles`` or more, the highest Jaccard and containment between files
    of different stories; per file, its best match in its own story, and the files whose
    best match passes no threshold; the openings' Jaccard (``lede_words``) of files that
    share no whole-text band with their story, and the highest between stories."""
    from services.pipeline.dedup import (
        DEFAULT_CONFIG,
        DEFAULT_THRESHOLDS,
        MinHashConfig,
        band_keys,
        make_signature,
        shingle_hashes,
        similarity,
        words,
    )

    parsed = _parsed(docs)
    cfg, th = DEFAULT_CONFIG, DEFAULT_THRESHOLDS
    whole_only = MinHashConfig(lede_bands=0)
    sigs = [make_signature(text, cfg) for _, text in parsed]
    whole_keys = [set(band_keys(make_signature(text, whole_only), whole_only)) for _, text in parsed]
    ledes = [set(shingle_hashes(words(text)[: cfg.lede_words], cfg.shingle_words).tolist())
             for _, text in parsed]
    story = [doc.story for doc, _ in parsed]
    n = len(parsed)

    def lede_j(i: int, k: int) -> float:
        union = len(ledes[i] | ledes[k])
        return len(ledes[i] & ledes[k]) / union if union else 0.0

    top_j = top_c = top_lede = 0.0
    for i in range(n):
        for k in range(i + 1, n):
            if story[i] == story[k]:
                continue
            top_lede = max(top_lede, lede_j(i, k))
            if min(sigs[i].shingles, sigs[k].shingles) >= th.min_shingles:
                sim = similarity(sigs[i], sigs[k])
                top_j, top_c = max(top_j, sim.jaccard), max(top_c, sim.containment)
    print(f"between stories, texts of {th.min_shingles}+ shingles: highest Jaccard {top_j:.3f},"
          f" highest containment {top_c:.3f}; highest Jaccard of openings {top_lede:.3f}")
    weakest = []
    for i in range(n):
        same = [k for k in range(n) if k != i and story[k] == story[i]]
        if not same:
            continue
        # the best: a match if any, then the most contained
        sims = [(similarity(sigs[i], sigs[k]), min(sigs[i].shingles, sigs[k].shingles)) for k in same]
        matched, containment, jaccard = max((sim.matches(th, smaller), sim.containment, sim.jaccard)
                                            for sim, smaller in sims)
        weakest.append((matched, containment, jaccard, i))
        if not any(whole_keys[i] & whole_keys[k] for k in same):
            print(f"  {parsed[i][0].kind} ({sigs[i].shingles} shingles, story {story[i][:12]}):"
                  f" no whole-text band shared in its story; best Jaccard of openings"
                  f" {max(lede_j(i, k) for k in same):.3f}")
    lowest = min((c for matched, c, _, _ in weakest if matched), default=0.0)
    print(f"files whose best match in their story passes: {sum(w[0] for w in weakest)} of {len(weakest)};"
          f" the lowest containment among them {lowest:.3f}")
    for _, c, j, i in sorted(w for w in weakest if not w[0]):
        print(f"  no match: {parsed[i][0].kind} ({sigs[i].shingles} shingles, story {story[i][:12]}):"
              f" best Jaccard {j:.3f}, containment {c:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=6, help="content-farm copies per story")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=4, help="concurrent ingest workers (threads)")
    parser.add_argument("--sweep", action="store_true", help="in-memory parameter sweep instead")
    parser.add_argument("--similarities", action="store_true",
                        help="the margins behind the thresholds, counted exactly, instead")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args(argv)
    from services.logconfig import configure_logging

    configure_logging(log_format="console", level="WARNING")
    docs = build_corpus(copies=args.copies, seed=args.seed, data=args.data)
    if args.sweep:
        sweep(docs)
    elif args.similarities:
        similarities(docs)
    else:
        run_postgres(docs, workers=args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
