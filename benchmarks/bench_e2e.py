"""Throughput of the whole service: `copydesk up` against the same stages in one process per core.

    python -m benchmarks.bench_e2e [--ingest 1 2] [--profile full] [--seed 1] [--idle 10]

The mix (seeded, 420 files, 460 articles): the 90 pages of the Article Extraction
Benchmark (shared/data) as HTML originals, and content-farm copies of their stories:
90 text dumps of the same pages (``benchmarks.renders``, cached under
``~/.cache/copydesk/renders``), 150 HTML pages with another site's chrome and 78 JSON
articles (same paragraphs; some truncated, a paragraph dropped or lightly edited, a
boilerplate paragraph added), 10 JSONL files of 4 copies and 2 RSS feeds of 5. Every
file but the originals is a near-copy of another (78 %).

For each ``--ingest`` count (ingest worker processes, ``COPYDESK_WORKER_CONCURRENCY``):
``copydesk up`` on a fresh data dir (started twice: the second start loads
``pg_stat_statements``), one warm-up file dropped and waited for, then every file of
the mix moved into the inbox at once. It waits until every job has a final status and
every stored article is enriched, and prints:

* files/s to a final job status, articles/s to enriched, timed from the first drop to the
  last row, and again from the first job queued (the first file past the producer's
  stability delay, when the stack has work: the delay is a latency, reported at idle, and
  the baseline has none) to the last row; the summary's ratio is the second;
* drop-to-stored and drop-to-enriched latency, p50/p95, under that burst, and then
  at idle for ``--idle`` single drops (each waited for before the next);
* CPU ms per article by stage: ingest from the ``job_finished`` lines (``stage_cpu_ms``;
  wall ``stage_ms`` when the line has no CPU figure), enrichment from the
  ``article_enriched`` lines (``cpu_ms``, ``step_ms``); and the enrichment CPU of the
  copies whose every paragraph was seen before (``paragraphs_computed`` 0);
* CPU per enriched article of the whole stack (every process under `copydesk up`:
  producer, workers, Postgres, Redis; from /proc) against the baseline's: on a
  machine shared with other work the rates move with the share of CPU the run got,
  this ratio moves much less (contention for caches and cores still shifts it by a
  few hundredths);
* peak RSS of every process of the stack (``VmHWM``);
* Postgres statements per job from ``pg_stat_statements`` (every statement the
  services' role ran, BEGIN and COMMIT included; the pool's empty-query health check
  is not a statement and is not counted), and Redis calls per job from ``INFO
  commandstats`` (reset before the burst; idle workers' BRPOP polling included).

First and again at the end, in the same run, the baseline: the same stages (parse, normalise, signature,
exact duplicates skipped, enrichment with the same profile and the same per-paragraph
reuse, here in a dict per process) over the same files, one process per core, no queue, no database; and the
ratio of the stack's enriched articles/s to the baseline's.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import multiprocessing
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "article-extraction-benchmark-dev"
WARMUP = SHARED / "samples" / "content-farm-ap-copy.txt"
RENDER_TOOLS = ("lynx", "w3m", "html2text", "inscriptis", "bs4")
FINAL = ("stored", "duplicate", "rejected", "failed", "split")

_SITES = ["Daily Market Wire", "NewsNow Hub", "Trend Pulse", "The Local Ledger", "Metro Digest",
          "Quantum Capital Pro", "World Brief Today", "Civic Bulletin"]
_SECTIONS = ["World", "Business", "Tech", "Politics", "Lifestyle", "Sport"]
_NAMES = ["Charles Langston", "Maria Ortiz", "Wei Chen", "Sam Patel", "Olivia Brown"]
_BOILERPLATE = ("This story was republished from a wire service. Our editors may have trimmed "
                "it for length. Subscribe to our newsletter for the day's top stories.")
_FILLER = ["reportedly", "also", "now", "indeed", "recently"]


# -- the mix ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Drop:
    name: str
    data: bytes
    kind: str


def _paragraphs(body: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def _farm_paragraphs(paras: list[str], rng: random.Random) -> list[str]:
    """What a content farm does to a story: mostly copy it paragraph for paragraph."""
    paras = list(paras)
    if len(paras) >= 5 and rng.random() < 0.3:
        paras = paras[: max(3, round(len(paras) * rng.uniform(0.5, 0.9)))]
    if len(paras) >= 5 and rng.random() < 0.3:
        paras.pop(rng.randrange(1, len(paras)))
    if rng.random() < 0.3:  # one paragraph lightly rewritten
        i = rng.randrange(len(paras))
        words = paras[i].split()
        words.insert(rng.randrange(len(words) + 1), rng.choice(_FILLER))
        paras[i] = " ".join(words)
    if rng.random() < 0.4:
        paras.append(_BOILERPLATE)
    return paras


def _farm_html(title: str, site: str, paras: list[str], related: list[str], url: str,
               rng: random.Random) -> bytes:
    e = html.escape
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in _SECTIONS)
    rel = "".join(f'<li><a href="/r/{i}">{e(r)}</a></li>' for i, r in enumerate(related))
    body = "".join(f"<p>{e(p)}</p>" for p in paras)
    author = rng.choice(_NAMES)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{e(title)} | {e(site)}</title>"
        f"<meta property='og:site_name' content='{e(site)}'><meta property='og:url' content='{e(url)}'>"
        f"<meta name='author' content='{e(author)}'>"
        f"<meta property='article:published_time' content='2025-03-0{rng.randint(1, 9)}T10:00:00Z'>"
        f"</head><body><header><div class='logo'>{e(site)}</div><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>{e(title)}</h1><p class='byline'>By {e(author)}</p>"
        f"<div class='article-body'>{body}</div></article>"
        f"<aside><h2>Related</h2><ul>{rel}</ul></aside></main>"
        f"<footer><p>&copy; 2025 {e(site)}</p><a href='/privacy'>Privacy</a></footer></body></html>"
    ).encode()


def _json_article(title: str, site: str, paras: list[str], url: str, rng: random.Random) -> dict[str, Any]:
    return {"headline": title, "articleBody": "\n\n".join(paras), "url": url,
            "publisher": site, "author": rng.choice(_NAMES),
            "datePublished": f"2025-03-0{rng.randint(1, 9)}T10:00:00Z"}


def _feed(site: str, items: list[tuple[str, list[str], str]]) -> bytes:
    e = html.escape
    out = ["<?xml version='1.0' encoding='utf-8'?>",
           "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>",
           f"<channel><title>{e(site)}</title><link>https://{site.lower().replace(' ', '')}.example/</link>",
           "<language>en</language>"]
    for title, paras, url in items:
        body = "".join(f"<p>{e(p)}</p>" for p in paras)
        out.append(f"<item><title>{e(title)}</title><link>{e(url)}</link>"
                   "<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
                   f"<content:encoded>{e(body)}</content:encoded></item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode()


def build_mix(seed: int = 1) -> list[Drop]:
    from benchmarks.renders import available, render_tool

    truth = json.loads((DATA / "ground-truth.json").read_text("utf-8"))
    pages = {p.name.removesuffix(".html.gz"): gzip.decompress(p.read_bytes())
             for p in sorted((DATA / "html").glob("*.html.gz"))}
    keys = sorted(pages)
    paras = {k: _paragraphs(truth[k]["articleBody"]) for k in keys}
    titles = {k: " ".join(" ".join(paras[k]).split()[:9]).strip(" ,.;:") for k in keys}
    tools = [t for t in RENDER_TOOLS if available(t) is None]
    renders = {t: render_tool(t, pages) for t in tools}
    rng = random.Random(seed)
    drops: list[Drop] = []
    for n, key in enumerate(keys):
        drops.append(Drop(f"{n:03d}-orig.html", pages[key], "html original"))
        if tools:
            tool = tools[n % len(tools)]
            drops.append(Drop(f"{n:03d}-{tool}.txt", renders[tool][key].encode(), "text dump copy"))

    def farm(key: str, c: int) -> tuple[str, str, list[str], str, random.Random]:
        crng = random.Random(f"{seed}/{key}/{c}")
        site = crng.choice(_SITES)
        url = f"https://{site.lower().replace(' ', '')}.example/{keys.index(key)}-{c}"
        title = titles[key] if crng.random() < 0.5 else f"{titles[key]} — {crng.choice(_SECTIONS)}"
        return title, site, _farm_paragraphs(paras[key], crng), url, crng

    for i in range(150):
        key = rng.choice(keys)
        title, site, ps, url, crng = farm(key, i)
        related = [titles[o] for o in crng.sample(keys, 8)]
        drops.append(Drop(f"farm-{i:03d}.html", _farm_html(title, site, ps, related, url, crng), "html copy"))
    for i in range(78):
        key = rng.choice(keys)
        title, site, ps, url, crng = farm(key, 1000 + i)
        drops.append(Drop(f"farm-{i:03d}.json", json.dumps(_json_article(title, site, ps, url, crng)).encode(),
                          "json copy"))
    for i in range(10):
        lines = []
        for j in range(4):
            title, site, ps, url, crng = farm(rng.choice(keys), 2000 + 10 * i + j)
            lines.append(json.dumps(_json_article(title, site, ps, url, crng)))
        drops.append(Drop(f"export-{i:02d}.jsonl", ("\n".join(lines) + "\n").encode(), "jsonl of 4 copies"))
    for i in range(2):
        items = []
        for j in range(5):
            title, _, ps, url, _ = farm(rng.choice(keys), 3000 + 10 * i + j)
            items.append((title, ps, url))
        drops.append(Drop(f"feed-{i}.xml", _feed(_SITES[i], items), "feed of 5 copies"))
    rng.shuffle(drops)
    return drops


# -- the in-process baseline -------------------------------------------------------------

_steps: list[Any] = []
_memo: Any = None
_profile = "full"
_seen: Any = None  # body hashes stored so far, shared by the processes (exact duplicates)


def _init_baseline(profile: str, seen: Any) -> None:
    global _steps, _memo, _profile, _seen
    from services.pipeline.enrich import build_enrichers

    _profile = profile
    _seen = seen
    _steps = build_enrichers(profile)
    for step in _steps:
        step.warm()
    _memo = _new_memo()


def _new_memo() -> Any:
    """A per-process paragraph memo when this version of copydesk has one."""
    try:
        from services.pipeline.enrich.paragraphs import ParagraphMemo
    except ImportError:
        return None
    return ParagraphMemo(max_entries=200_000)


def _baseline_file(drop: tuple[str, bytes]) -> tuple[int, float, float]:
    """(articles, parse CPU ms, enrich CPU ms) for one file, as the service would do it."""
    from services.pipeline.dedup import DEFAULT_CONFIG, make_signature
    from services.pipeline.enrich import ArticleText, run_enrichers
    from services.pipeline.formats import DEFAULT_LIMITS, parse_records
    from services.pipeline.normalise import body_hash, normalise_body

    name, data = drop
    work = [(name, data)]
    articles = 0
    parse_ms = enrich_ms = 0.0
    while work:
        name, data = work.pop()
        started = time.process_time()
        try:
            records = parse_records(data, filename=name, limits=DEFAULT_LIMITS)
        except Exception:  # noqa: BLE001  # a rejected file costs its parse only
            parse_ms += (time.process_time() - started) * 1000
            continue
        if len(records) > 1:  # a container: each record is a child job, parsed again
            work += [(r.name, r.raw) for r in records if r.error is None]
            parse_ms += (time.process_time() - started) * 1000
            continue
        record = records[0]
        if record.article is None:
            parse_ms += (time.process_time() - started) * 1000
            continue
        article = record.article
        body = normalise_body(article.body)
        digest = body_hash(body)
        make_signature(body, DEFAULT_CONFIG)
        parse_ms += (time.process_time() - started) * 1000
        if _seen.setdefault(digest, name) != name:
            continue  # an exact duplicate: recorded on its job, not stored or enriched
        started = time.process_time()
        page = data.decode("utf-8", "replace") if not data.startswith(b"\x1f\x8b") else None
        text = ArticleText(body=body, title=article.title, site_name=article.site_name,
                           url=article.url or record.url, published_at=article.published_at,
                           wire_source=article.wire_source, language_hint=article.language,
                           page_text=page)
        try:
            if _memo is not None:
                run_enrichers(_steps, text, profile=_profile, memo=_memo)
                _memo.take_new()
            else:
                run_enrichers(_steps, text, profile=_profile)
        except Exception:  # noqa: BLE001, S112  # a step that crashes: the service gives the article up too
            continue
        finally:
            enrich_ms += (time.process_time() - started) * 1000
        articles += 1
    return articles, parse_ms, enrich_ms


def _noop(_: int) -> int:
    time.sleep(0.2)
    return os.getpid()


def run_baseline(drops: list[Drop], *, processes: int, profile: str) -> dict[str, float]:
    ctx = multiprocessing.get_context("fork")
    with ctx.Manager() as manager, ctx.Pool(processes, initializer=_init_baseline,
                                            initargs=(profile, manager.dict())) as pool:
        pool.map(_noop, range(processes * 2), chunksize=1)  # every process has its models
        started = time.monotonic()
        results = list(pool.imap_unordered(_baseline_file, [(d.name, d.data) for d in drops], chunksize=1))
        wall = time.monotonic() - started
    articles = sum(r[0] for r in results)
    return {"wall_s": wall, "files_s": len(drops) / wall, "articles": articles,
            "articles_s": articles / wall, "parse_ms": sum(r[1] for r in results) / max(1, articles),
            "enrich_ms": sum(r[2] for r in results) / max(1, articles)}


# -- the stack ----------------------------------------------------------------------------


@dataclass
class StackRun:
    ingest: int
    files: int = 0
    jobs: int = 0
    articles: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    files_s: float = 0.0
    articles_s: float = 0.0
    queued_after: float = 0.0  # seconds from the first drop to the first job queued
    busy_files_s: float = 0.0  # files/s from the first job queued
    busy_articles_s: float = 0.0
    stored_latency: list[float] = field(default_factory=list)
    enriched_latency: list[float] = field(default_factory=list)
    idle_stored: list[float] = field(default_factory=list)
    idle_enriched: list[float] = field(default_factory=list)
    ingest_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    enrich_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    rss: list[tuple[str, int, int]] = field(default_factory=list)  # (role, pid, peak KiB)
    pg_statements: list[tuple[int, str]] = field(default_factory=list)
    redis_calls: dict[str, int] = field(default_factory=dict)
    cpu_s: float = 0.0  # CPU of the whole stack from the first drop to the last row
    cpu_by_role: dict[str, float] = field(default_factory=dict)
    pg_slowest: list[tuple[float, str]] = field(default_factory=list)  # (total ms, query)
    pg_time_ms: tuple[float, float] = (0.0, 0.0)  # all statements: execution, planning
    machine_busy: float = 0.0  # share of all cores busy during the burst, any process
    seen_copy_ms: list[float] = field(default_factory=list)  # enrichment CPU of copies whose paragraphs were all seen
    seen_copy_steps: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # their step_ms


def _wait(predicate: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(what)


def _count(log: Path, needle: str) -> int:
    return log.read_text(errors="replace").count(needle)


def _start(root: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = root / "up.log"
    before_ready, before_workers = (_count(log, '"stack_ready"'), _count(log, " ready.")) if log.exists() else (0, 0)
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", "--inbox", str(root / "inbox"),
             "--data-dir", str(root / "data")],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=root,
        )
    _wait(lambda: _count(log, '"stack_ready"') > before_ready, 300, "stack_ready")
    # Both Celery workers (ingest, enrich) print "ready." once consuming.
    _wait(lambda: _count(log, " ready.") >= before_workers + 2, 180, "workers ready")
    return proc


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=180)


def _admin(data: Path) -> str:
    from psycopg.conninfo import make_conninfo

    from services.runtime.oshelp import load_secret
    from services.runtime.server import HOST, read_state

    state = read_state(data, "postgres") or {}
    return make_conninfo(host=HOST, port=state["port"], user="copydesk_admin",
                         password=load_secret(data / "postgres-admin.secret"), dbname="copydesk")


def _redis(data: Path) -> Any:
    import redis

    from services.runtime.embedded import EmbeddedRedis
    from services.runtime.oshelp import load_secret

    server = EmbeddedRedis(data)
    return redis.Redis(unix_socket_path=str(server.socket_path), password=load_secret(server.secret_path))


def _drop(inbox: Path, staging: Path, drop: Drop) -> float:
    tmp = staging / drop.name
    tmp.write_bytes(drop.data)
    os.rename(tmp, inbox / drop.name)
    return time.time()


def _pctl(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


def _roles() -> dict[int, tuple[int, str]]:
    """pid -> (ppid, command line) of every process."""
    out = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        out[int(entry.name)] = (ppid, cmd)
    return out


def _tree(up_pid: int, procs: dict[int, tuple[int, str]]) -> set[int]:
    tree = {up_pid}
    changed = True
    while changed:
        changed = False
        for pid, (ppid, _) in procs.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                changed = True
    return tree


MONITOR = "benchmark's own queries"
_PG_BACKGROUND = {"checkpointer", "background", "walwriter", "autovacuum", "logical", "io", "archiver"}


def _role(pid: int, procs: dict[int, tuple[int, str]]) -> str | None:
    ppid, cmd = procs[pid]
    parent = procs.get(ppid, (0, ""))[1]
    if "services.cli up" in cmd:
        return "copydesk up"
    if "services.cli producer" in cmd:
        return "producer"
    if "celery" in cmd:
        queue = "enrich" if "--queues enrich" in cmd else "ingest"
        return f"{queue} worker" + (" (main)" if "celery" not in parent else "")
    if "postgres" in cmd:
        if "postgres" not in parent:
            return "postgres (postmaster)"
        # Background processes are titled by their job ("postgres: walwriter"); a
        # session by its user, database and client.
        title = cmd.removeprefix("postgres: ").split()
        kind = title[0] if title and title[0] in _PG_BACKGROUND else "sessions"
        return f"postgres ({kind})"
    if "redis" in cmd:
        return "redis"
    return None


def _machine_busy_s() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine so far, all cores (/proc/stat)."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    tick = os.sysconf("SC_CLK_TCK")
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


def _cpu_by_role(up_pid: int, *, monitor: int | None = None) -> Counter[str]:
    """CPU seconds so far by role (reaped children counted in their parent's role).
    ``monitor``: the Postgres backend of this benchmark's own connection (its polling
    for the end of the run), counted as ``benchmark's own queries``, not the stack's."""
    tick = os.sysconf("SC_CLK_TCK")
    procs = _roles()
    out: Counter[str] = Counter()
    for pid in _tree(up_pid, procs):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        role = MONITOR if pid == monitor else _role(pid, procs) or "other"
        out[role] += sum(int(f) for f in fields[11:15]) / tick
    return out


def _peak_rss(up_pid: int, data: Path) -> list[tuple[str, int, int]]:
    procs = _roles()
    tree = _tree(up_pid, procs)
    rows = []
    for pid in sorted(tree):
        role = _role(pid, procs)
        if role is None:
            continue
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        m = re.search(r"VmHWM:\s+(\d+)", status)
        if m:
            rows.append((role, pid, int(m.group(1))))
    return rows


def _py_spy(up_pid: int, out: Path, seconds: int) -> list[subprocess.Popen[bytes]]:
    """py-spy on the ingest worker processes and the producer for ``seconds`` (raw
    stacks, a file a process, named by its role and pid)."""
    procs = _roles()
    spied = {pid: role.replace(" ", "-").replace("(", "").replace(")", "") for pid in _tree(up_pid, procs)
             if (role := _role(pid, procs) or "") in ("ingest worker", "ingest worker (main)", "producer")}
    out.mkdir(parents=True, exist_ok=True)
    return [subprocess.Popen([str(Path(sys.executable).with_name("py-spy")), "record", "-p", str(pid),
                              "-r", "250", "-d", str(seconds), "-f", "raw", "-o", str(out / f"{role}-{pid}.txt")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for pid, role in spied.items()]


def run_stack(drops: list[Drop], *, ingest: int, profile: str, idle: int, keep: bool,
              spy: Path | None = None) -> StackRun:
    run = StackRun(ingest=ingest, files=len(drops))
    env = {**os.environ, "COPYDESK_LOG_FORMAT": "json", "COPYDESK_WORKER_CONCURRENCY": str(ingest),
           "COPYDESK_ENRICH_PROFILE": profile, "PYTHONPATH": str(REPO)}
    env.pop("COPYDESK_DATABASE_URL", None)
    env.pop("COPYDESK_BROKER_URL", None)
    root = Path(tempfile.mkdtemp(prefix="bench-e2e-"))
    data, inbox, staging = root / "data", root / "inbox", root / "staging"
    staging.mkdir()
    print(f"  stack with {ingest} ingest process(es) in {root}", file=sys.stderr)
    proc = _start(root, env)
    try:  # pg_stat_statements must be preloaded: a second start with it in the config
        with psycopg.connect(_admin(data), autocommit=True) as conn:
            conn.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'")
    finally:
        _stop(proc)
    proc = _start(root, env)
    try:
        with psycopg.connect(_admin(data), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            # (planning time is counted only when asked: without it the figure reads 0)
            conn.execute("ALTER SYSTEM SET pg_stat_statements.track_planning = on")
            conn.execute("SELECT pg_reload_conf()")

            def enriched(name: str) -> bool:
                row = conn.execute(
                    "SELECT a.enriched_at IS NOT NULL FROM copydesk.ingest_jobs j"
                    " JOIN copydesk.articles a USING (article_id) WHERE j.source_name = %s", (name,)).fetchone()
                return bool(row and row[0])

            warm = Drop("warm-up.txt", WARMUP.read_bytes(), "warm-up")
            _drop(inbox, staging, warm)
            _wait(lambda: enriched(warm.name), 300, "warm-up enriched")
            redis_client = _redis(data)
            redis_client.config_resetstat()
            conn.execute("SELECT pg_stat_statements_reset()")
            cpu_before = _cpu_by_role(proc.pid, monitor=conn.info.backend_pid)
            machine_before = _machine_busy_s()
            warm_jobs = conn.execute("SELECT count(*) FROM copydesk.ingest_jobs").fetchone()[0]
            dropped: dict[str, float] = {}
            for drop in drops:
                dropped[drop.name] = _drop(inbox, staging, drop)
            first = min(dropped.values())
            spies = _py_spy(proc.pid, spy / f"ingest-{ingest}", 10) if spy is not None else []

            def done() -> bool:
                jobs = conn.execute(
                    "SELECT count(*) FILTER (WHERE parent_job_id IS NULL AND status = ANY(%s)),"
                    " count(*) FILTER (WHERE NOT status = ANY(%s)) FROM copydesk.ingest_jobs",
                    (list(FINAL), list(FINAL))).fetchone()
                pending = conn.execute(
                    "SELECT count(*) FROM copydesk.articles WHERE enriched_at IS NULL AND enrich_error IS NULL"
                ).fetchone()[0]
                return jobs[0] >= len(drops) + 1 and jobs[1] == 0 and pending == 0

            _wait(done, 1800, "every job final and every article enriched")
            for spying in spies:
                spying.wait()
            cpu_after = _cpu_by_role(proc.pid, monitor=conn.info.backend_pid)
            machine_after = _machine_busy_s()
            run.machine_busy = (machine_after[0] - machine_before[0]) / max(1e-9, machine_after[1] - machine_before[1])
            run.cpu_by_role = {k: cpu_after[k] - cpu_before.get(k, 0.0) for k in cpu_after}
            run.cpu_s = sum(v for k, v in run.cpu_by_role.items() if k != MONITOR)
            rows = conn.execute(
                "SELECT coalesce(p.source_name, j.source_name), j.status,"
                " extract(epoch FROM j.finished_at), extract(epoch FROM a.enriched_at), a.article_id"
                " FROM copydesk.ingest_jobs j LEFT JOIN copydesk.ingest_jobs p ON p.job_id = j.parent_job_id"
                " LEFT JOIN copydesk.articles a ON a.article_id = j.article_id"
                " WHERE coalesce(p.source_name, j.source_name) <> %s", (warm.name,)).fetchall()
            run.jobs = len(rows)
            run.statuses = Counter(str(r[1]) for r in rows)
            last_final = max(float(r[2]) for r in rows if r[2] is not None)
            enriched_rows = [r for r in rows if r[3] is not None]
            run.articles = len(enriched_rows)
            last_enriched = max(float(r[3]) for r in enriched_rows)
            run.files_s = len(drops) / (last_final - first)
            run.articles_s = run.articles / (last_enriched - first)
            queued = float(conn.execute(
                "SELECT extract(epoch FROM min(queued_at)) FROM copydesk.ingest_jobs"
                " WHERE parent_job_id IS NULL AND source_name <> %s", (warm.name,)).fetchone()[0])
            run.queued_after = queued - first
            run.busy_files_s = len(drops) / (last_final - queued)
            run.busy_articles_s = run.articles / (last_enriched - queued)
            run.stored_latency = [float(r[2]) - dropped[r[0]] for r in rows if r[1] == "stored"]
            run.enriched_latency = [float(r[3]) - dropped[r[0]] for r in enriched_rows]
            run.pg_statements = [(int(c), str(q)) for c, q in conn.execute(
                "SELECT s.calls, s.query FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid"
                " WHERE r.rolname = 'copydesk' ORDER BY s.calls DESC").fetchall()]
            run.pg_slowest = [(float(t), str(q)) for t, q in conn.execute(
                "SELECT s.total_exec_time, s.query FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid"
                " WHERE r.rolname = 'copydesk' ORDER BY s.total_exec_time DESC LIMIT 6").fetchall()]
            spent = conn.execute(
                "SELECT sum(s.total_exec_time), sum(s.total_plan_time) FROM pg_stat_statements s"
                " JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'copydesk'").fetchone()
            run.pg_time_ms = (float(spent[0] or 0), float(spent[1] or 0)) if spent else (0.0, 0.0)
            info = redis_client.info("commandstats")
            run.redis_calls = {k.removeprefix("cmdstat_"): int(v["calls"]) for k, v in info.items()}
            run.jobs_for_counts = run.jobs  # type: ignore[attr-defined]
            run.rss = _peak_rss(proc.pid, data)
            # At idle: one file at a time, each waited for until enriched (a farm page
            # with a paragraph of its own, so it is never an exact duplicate).
            farm_pages = [d for d in drops if d.name.startswith("farm-") and d.name.endswith(".html")]
            for i, drop in enumerate(random.Random(7).sample(farm_pages, idle)):
                extra = f"<p>Idle drop {i}: a paragraph this copy alone carries.</p></div></article>"
                copy = Drop(f"idle-{i}-{drop.name}", drop.data.replace(b"</div></article>", extra.encode()),
                            drop.kind)
                at = _drop(inbox, staging, copy)
                _wait(lambda c=copy: enriched(c.name), 120, "idle drop enriched")  # type: ignore[misc]
                stored, done_at = conn.execute(
                    "SELECT extract(epoch FROM j.finished_at), extract(epoch FROM a.enriched_at)"
                    " FROM copydesk.ingest_jobs j JOIN copydesk.articles a USING (article_id)"
                    " WHERE j.source_name = %s", (copy.name,)).fetchone()
                run.idle_stored.append(float(stored) - at)
                run.idle_enriched.append(float(done_at) - at)
            del warm_jobs
    finally:
        _stop(proc)
    for line in (root / "up.log").read_text(errors="replace").splitlines():
        if not line.startswith("{"):
            continue
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") == "job_finished" and event.get("outcome") == "stored":
            stages = event.get("stage_cpu_ms") or event.get("stage_ms") or {}
            for stage, ms in stages.items():
                run.ingest_ms[stage].append(float(ms))
        elif event.get("event") == "article_enriched":
            run.enrich_ms["(total)"].append(float(event.get("cpu_ms") or 0))
            if event.get("paragraphs_computed") == 0 and event.get("paragraphs_reused"):
                run.seen_copy_ms.append(float(event.get("cpu_ms") or 0))
                for step, ms in (event.get("step_ms") or {}).items():
                    run.seen_copy_steps[step].append(float(ms))
            for step, ms in (event.get("step_ms") or {}).items():
                run.enrich_ms[step].append(float(ms))
    if not keep:
        subprocess.run(["rm", "-rf", str(root)], check=False)
    return run


# -- report -------------------------------------------------------------------------------


def classify_statement(query: str) -> str:
    q = " ".join(query.split())
    if q in ("BEGIN", "COMMIT", "ROLLBACK"):
        return q
    for needle, group in (("article_enrichment", "enrich"), ("article_entities", "enrich"),
                          ("copydesk.entities", "enrich"), ("paragraph", "enrich"),
                          ("enrich_attempts", "enrich"), ("enrich_sends", "reconciler"),
                          ("FOR UPDATE SKIP LOCKED", "reconciler"),
                          ("raw_documents", "ingest"), ("ingest_jobs", "ingest"),
                          ("band", "ingest"), ("stories", "ingest"), ("articles", "ingest")):
        if needle in q:
            return group
    return "other"


def report(runs: list[StackRun], base: dict[str, float], baseline_cores: int, profile: str, *,
           baseline: bool = True) -> None:
    if baseline:
        print(f"\nprofile {profile}; baseline: {baseline_cores} processes, no queue, no database")
        print(f"baseline: {base['articles']} articles in {base['wall_s']:.1f} s = {base['files_s']:.1f} files/s,"
              f" {base['articles_s']:.1f} articles/s; CPU per article: parse+normalise+signature"
              f" {base['parse_ms']:.1f} ms, enrich {base['enrich_ms']:.1f} ms", flush=True)
    for run in runs:
        print(f"\n== copydesk up, {run.ingest} ingest process(es): {run.files} files, {run.jobs} jobs"
              f" ({', '.join(f'{k} {v}' for k, v in sorted(run.statuses.items()))}), {run.articles} enriched")
        print(f"  files/s to a final status   {run.files_s:6.1f}   from the first job queued"
              f" ({run.queued_after:.2f} s after the first drop): {run.busy_files_s:6.1f}")
        print(f"  articles/s to enriched      {run.articles_s:6.1f}   = {run.articles_s / base['articles_s']:.2f}x"
              f" the baseline; from the first job queued: {run.busy_articles_s:6.1f}"
              f" = {run.busy_articles_s / base['articles_s']:.2f}x")
        stack_ms = run.cpu_s * 1000 / max(1, run.articles)
        base_ms = base["parse_ms"] + base["enrich_ms"]
        print(f"  CPU per enriched article: {stack_ms:.1f} ms (every process of the stack) vs"
              f" {base_ms:.1f} ms in the baseline = {base_ms / stack_ms:.2f}x its efficiency"
              " (moved much less than the rates by other load on the machine)")
        print(f"    the machine's cores were {run.machine_busy:.0%} busy during the burst;"
              f" this stack used {run.cpu_s / max(1e-9, run.articles / run.articles_s) / (os.cpu_count() or 1):.0%}"
              " of them (the rest: other work on the machine, or idle)")
        print("    by process (ms per enriched article): " + ", ".join(
            f"{k} {v * 1000 / max(1, run.articles):.1f}"
            for k, v in sorted(run.cpu_by_role.items(), key=lambda kv: -kv[1])))
        print(f"  burst: drop to stored   p50 {_pctl(run.stored_latency, .5):6.2f} s"
              f"  p95 {_pctl(run.stored_latency, .95):6.2f} s")
        print(f"  burst: drop to enriched p50 {_pctl(run.enriched_latency, .5):6.2f} s"
              f"  p95 {_pctl(run.enriched_latency, .95):6.2f} s")
        if run.idle_stored:
            print(f"  idle ({len(run.idle_stored)} drops): drop to stored p50 {_pctl(run.idle_stored, .5):.2f} s"
                  f" p95 {_pctl(run.idle_stored, .95):.2f} s; to enriched p50 {_pctl(run.idle_enriched, .5):.2f} s"
                  f" p95 {_pctl(run.idle_enriched, .95):.2f} s")
        print("  ingest CPU ms per stored article (mean, from job_finished; wall ms before stage_cpu_ms):")
        print("    " + ", ".join(f"{k} {statistics.mean(v):.1f}" for k, v in run.ingest_ms.items()))
        print("  enrich CPU ms per article (mean / p50, from article_enriched):")
        print("    " + ", ".join(f"{k} {statistics.mean(v):.1f}/{statistics.median(v):.1f}"
                                 for k, v in sorted(run.enrich_ms.items(), key=lambda kv: -statistics.mean(kv[1]))))
        if run.seen_copy_ms:
            print(f"  a copy whose paragraphs were all seen ({len(run.seen_copy_ms)} articles): enrichment CPU"
                  f" p50 {_pctl(run.seen_copy_ms, .5):.1f} ms, p95 {_pctl(run.seen_copy_ms, .95):.1f} ms,"
                  f" max {max(run.seen_copy_ms):.1f} ms")
            print("    by step, p50/p95 ms: " + ", ".join(
                f"{step} {_pctl(ms, .5):.1f}/{_pctl(ms, .95):.1f}"
                for step, ms in sorted(run.seen_copy_steps.items(), key=lambda kv: -_pctl(kv[1], .95))))
        print("  peak RSS (VmHWM) per process:")
        for role, pid, kib in sorted(run.rss):
            print(f"    {role:24s} pid {pid:7d}  {kib / 1024:7.0f} MB")
        jobs = max(1, run.jobs)
        total = sum(c for c, _ in run.pg_statements)
        groups: Counter[str] = Counter()
        for calls, query in run.pg_statements:
            groups[classify_statement(query)] += calls
        print(f"  Postgres statements per job: {total / jobs:.1f} ("
              + ", ".join(f"{g} {c / jobs:.2f}" for g, c in groups.most_common()) + ")")
        for calls, query in run.pg_statements[:12]:
            print(f"    {calls / jobs:5.2f}  {' '.join(query.split())[:110]}")
        print(f"  Postgres time in statements per job: execution {run.pg_time_ms[0] / jobs:.2f} ms,"
              f" planning {run.pg_time_ms[1] / jobs:.2f} ms (the rest of Postgres' CPU: protocol,"
              " transactions, WAL, background processes)")
        print("  Postgres execution time per job, the costliest statements:")
        for ms, query in run.pg_slowest:
            print(f"    {ms / jobs:5.2f} ms  {' '.join(query.split())[:110]}")
        rtotal = sum(run.redis_calls.values())
        print(f"  Redis calls per job: {rtotal / jobs:.1f} ("
              + ", ".join(f"{k} {v / jobs:.2f}" for k, v in sorted(run.redis_calls.items(), key=lambda kv: -kv[1])[:8])
              + ")", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest", type=int, nargs="+", default=[1, 2],
                        help="ingest worker processes, one stack run each")
    parser.add_argument("--profile", default="full", choices=["full", "fast"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--idle", type=int, default=10, help="single drops at idle after the burst")
    parser.add_argument("--keep", action="store_true", help="keep each run's folder (logs, data)")
    parser.add_argument("--py-spy", type=Path, metavar="DIR",
                        help="record the ingest workers and the producer for 10 s of the burst"
                             " with py-spy (raw stacks into DIR)")
    args = parser.parse_args(argv)
    drops = build_mix(args.seed)
    kinds = Counter(d.kind for d in drops)
    print(f"mix: {len(drops)} files: " + ", ".join(f"{v} {k}" for k, v in kinds.most_common()))
    cores = os.cpu_count() or 1
    base = run_baseline(drops, processes=cores, profile=args.profile)
    report([], base, cores, args.profile)
    runs = []
    for n in args.ingest:  # each run reported as it ends
        runs.append(run_stack(drops, ingest=n, profile=args.profile, idle=args.idle, keep=args.keep,
                              spy=args.py_spy))
        report(runs[-1:], base, cores, args.profile, baseline=False)
    # The baseline again: on a shared machine the rates move with other load, so the
    # summary compares each run with the mean of the baseline before and after.
    again = run_baseline(drops, processes=cores, profile=args.profile)
    mean = (base["articles_s"] + again["articles_s"]) / 2
    # The CPU a baseline article costs moves with the machine too (a fifth between two
    # runs minutes apart on the shared machine): the summary takes the mean of the two.
    mean_ms = (base["parse_ms"] + base["enrich_ms"] + again["parse_ms"] + again["enrich_ms"]) / 2
    print(f"\nbaseline again: {again['files_s']:.1f} files/s, {again['articles_s']:.1f} articles/s;"
          f" mean of the two {mean:.1f} articles/s; CPU per article"
          f" {again['parse_ms'] + again['enrich_ms']:.1f} ms, mean of the two {mean_ms:.1f} ms")
    for run in runs:
        print(f"summary, {run.ingest} ingest: from the first job queued {run.busy_files_s:.1f} files/s,"
              f" {run.busy_articles_s:.1f} articles/s enriched = {run.busy_articles_s / mean:.2f}x the baseline's mean"
              f" (from the first drop: {run.files_s:.1f} files/s, {run.articles_s / mean:.2f}x);"
              f" CPU per article {run.cpu_s * 1000 / max(1, run.articles):.1f} ms,"
              f" CPU efficiency {mean_ms * run.articles / max(1e-9, run.cpu_s * 1000):.2f}x the baseline's mean")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
