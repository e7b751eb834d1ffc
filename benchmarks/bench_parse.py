"""Parse time per document by format: median and p95, in milliseconds.

Text dumps (issue 9: median at most 5 ms per dump; at most 50 ms for any pathological
input of the sizes below):

* the seed sample and the fixtures under tests/fixtures/textdump, through ``parse_file``;
* the renders of the development pages (``benchmarks.renders.render_dev_pages``: lynx, w3m,
  html2text, inscriptis, BeautifulSoup; cached), through ``parse_file``, per tool and all;
* pathological inputs (``benchmarks.hostile_text``, the same ones
  tests/unit/test_textdump_hostile.py feeds every extractor), through ``textdump.parse``:
  one line of a repeated token at the sizes a crawler hands over (300 bytes, 10 KB,
  100 KB), alone and inside an ordinary article (so the header and footer readers see
  it), each time printed, the median and the worst per size; a linearity check (time at
  5 KB and at 20 KB, and their ratio: about 4 when linear, about 1 where work per line is
  capped); 100,000 short lines and a 1 MB line, with their rate; how much CPU a dump of
  many lines takes before a 0.1 s budget stops it. ``--profile`` runs
  cProfile on the slowest of them.

The text-dump figures are those of the parser this install runs, printed first: compiled
(``pip install`` compiles it with mypyc: services/pipeline/formats/compiled.py) or Python
(``COPYDESK_PURE_PYTHON=1`` times that one).

HTML: the benchmark pages, copydesk's ``parse_file`` against ``trafilatura.extract`` alone
on the same bytes (target: within 1.2x). Containers: the fixtures under
tests/fixtures/containers through ``parse_records``, time per record.

    python -m benchmarks.bench_parse [--repeat N] [--only text|html|containers] [--profile]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

TEXT_MEDIAN_MS = 5.0  # per text dump: fixtures, seed and renders
HOSTILE_WORST_MS = 50.0  # per pathological input, at each of HOSTILE_SIZES
HOSTILE_SIZES = (300, 10_000, 100_000)  # characters on the one hostile line
# N and 4N, both under textdump_units.MAX_LINE_CHARS (longer lines are capped there, which
# makes the 100 KB column flat rather than linear)
LINEAR_SIZES = (5_000, 20_000)
LINEAR_RATIO = 6.0  # above this, 4x the input took more than 6x the time: not linear

Doc = TypeVar("Doc")


def _timings(docs: Sequence[Doc], run: Callable[[Doc], object], *, repeat: int) -> list[float]:
    from services.pipeline.formats.textdump_rules import clear_line_caches

    for doc in docs:  # warm-up: lazy imports, regex compilation
        run(doc)
    per_doc: list[float] = []
    for doc in docs:
        samples = []
        for _ in range(repeat):
            clear_line_caches()  # every run parses the document as if it were new
            started = time.perf_counter()
            run(doc)
            samples.append((time.perf_counter() - started) * 1000)
        per_doc.append(min(samples))
    return per_doc


def _row(name: str, ms: list[float]) -> tuple[float, float]:
    median = statistics.median(ms)
    p95 = statistics.quantiles(ms, n=20)[-1] if len(ms) >= 2 else ms[0]
    print(f"{name:<34} {len(ms):>5} {median:>10.2f} {p95:>10.2f} {statistics.fmean(ms):>10.2f}")
    return median, p95


def _safe(parse: Callable[..., object], *, filename: str = "doc",
          rejected: set[bytes] | None = None) -> Callable[[bytes], object]:
    """``parse`` with a rejection (InputError) returned as None, and the rejected
    document added to ``rejected``: a parser bug on a document is turned into a rejected
    record by the parser itself, and would otherwise pass here as a fast parse."""
    from services.errors import InputError

    def run(doc: bytes) -> object:
        try:
            return parse(doc, filename=filename)
        except InputError:
            if rejected is not None:
                rejected.add(doc)
            return None

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per document (min is kept)")
    parser.add_argument("--only", choices=("text", "html", "containers"),
                        help="run one section (default: all)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile the slowest pathological text dump")
    args = parser.parse_args(argv)

    print(f"{'format / parser':<34} {'docs':>5} {'median ms':>10} {'p95 ms':>10} {'mean ms':>10}")
    if args.only in (None, "text"):
        _text_dumps(repeat=args.repeat, profile=args.profile)
    if args.only in (None, "html"):
        _html(repeat=args.repeat)
    if args.only in (None, "containers"):
        _containers(repeat=args.repeat)


def _text_dumps(*, repeat: int, profile: bool) -> None:
    from services.pipeline.formats import compiled, parse_file

    # (compiled by `pip install`; COPYDESK_PURE_PYTHON=1 times the same code as Python)
    print(f"text-dump parser: {compiled.mode()}")

    texts = [p.read_bytes() for p in sorted((REPO / "tests/fixtures/textdump").glob("*.txt"))]
    seed = SHARED / "samples/content-farm-ap-copy.txt"
    if seed.exists():
        texts.append(seed.read_bytes())
    rejected: set[bytes] = set()  # every one of these documents is an article
    run = _safe(parse_file, filename="dump.txt", rejected=rejected)
    medians = [_row("text dump: fixtures + seed", _timings(texts, run, repeat=repeat))[0]]
    renders = _renders()
    if renders:
        every: list[float] = []
        for tool, docs in renders.items():
            ms = _timings([d.encode("utf-8") for d in docs], run, repeat=repeat)
            _row(f"text dump: {tool} renders", ms)
            every += ms
        medians.append(_row("text dump: all renders", every)[0])
    worst = max(medians)
    print(f"text dump median: {worst:.2f} ms (worst of the rows above); target <= "
          f"{TEXT_MEDIAN_MS:g} ms: {'ok' if worst <= TEXT_MEDIAN_MS and not rejected else 'MISSED'}")
    if rejected:
        print(f"  {len(rejected)} of the documents above were rejected: their times are not "
              "parse times (python -m benchmarks.eval_textdump --renders shows why)")
    _hostile(repeat=repeat, profile=profile)


def _renders() -> dict[str, list[str]]:
    """The dev pages rendered by each available tool, or {} (with a note) if none."""
    try:
        from benchmarks.renders import render_dev_pages

        rendered = render_dev_pages()
    except Exception as exc:  # noqa: BLE001  # a benchmark section is skipped, not failed
        print(f"note: renders of the dev pages unavailable ({type(exc).__name__}: {exc}); "
              "skipped")
        return {}
    if not any(rendered.values()):
        print("note: no renders of the dev pages (no tool or no pages); skipped")
    return {tool: list(pages.values()) for tool, pages in rendered.items() if pages}


def _parse_text() -> Callable[[str], object]:
    from services.errors import InputError
    from services.pipeline.formats.textdump import parse

    def run(text: str) -> object:
        try:
            return parse(text)
        except InputError:
            return None

    return run


def _once(run: Callable[[str], object], text: str, *, repeat: int) -> float:
    """Min of ``repeat`` runs, in ms (after one warm-up run)."""
    return min(_timings([text], run, repeat=repeat))


def _ratio(run: Callable[[str], object], small: str, large: str, *, repeat: int) -> float:
    """Time of ``large`` over time of ``small``, each the min of ``repeat`` runs taken in
    turn with the other's: on a shared machine a run of sub-millisecond parses moves
    between a fast and a slow state for a while (caches, the allocator, other work), and
    timing the two sizes one after the other compared one state with the other (the
    ratio of one input went from 3.8 to 7.2 between two runs)."""
    from services.pipeline.formats.textdump_rules import clear_line_caches

    run(small), run(large)  # warm-up
    best = [float("inf"), float("inf")]
    for _ in range(repeat):
        for i, doc in enumerate((small, large)):
            clear_line_caches()
            started = time.perf_counter()
            run(doc)
            best[i] = min(best[i], (time.perf_counter() - started) * 1000)
    return best[1] / max(best[0], 1e-6)


def _hostile(*, repeat: int, profile: bool) -> None:
    """Pathological text dumps: per input and size, alone and inside an article."""
    from benchmarks.hostile_text import TOKENS, hostile_lines, in_article, many_short_lines

    run = _parse_text()
    lines = {size: hostile_lines(size) for size in HOSTILE_SIZES}
    times: dict[tuple[str, int, str], float] = {}
    for name in TOKENS:
        for size in HOSTILE_SIZES:
            line = lines[size][name]
            times[name, size, "alone"] = _once(run, line, repeat=repeat)
            times[name, size, "article"] = _once(run, in_article(line), repeat=repeat)
    n, n4 = LINEAR_SIZES
    small, large = hostile_lines(n), hostile_lines(n4)
    linear: dict[tuple[str, str], float] = {}
    for name in TOKENS:
        linear[name, "alone"] = _ratio(run, small[name], large[name], repeat=3 * repeat)
        linear[name, "article"] = _ratio(run, in_article(small[name]), in_article(large[name]),
                                         repeat=3 * repeat)

    print()
    print(f"pathological text dumps through textdump.parse, ms (min of {repeat} runs): one line "
          "of a repeated token, alone / inside an article;")
    print(f"target: worst <= {HOSTILE_WORST_MS:g} ms at each size; linear: time at "
          f"{_size(n4)} / time at {_size(n)} about 4 (<= {LINEAR_RATIO:g}; the two timed in turn, min of "
          f"{3 * repeat} runs each)")
    header = "".join(f"{_size(size) + ' alone/article':>22}" for size in HOSTILE_SIZES)
    print(f"{'input':<16}{header}{'x4 alone':>10}{'x4 article':>11}")
    ratios: list[tuple[float, str]] = []
    for name in TOKENS:
        cells = "".join(f"{times[name, size, 'alone']:>11.2f}{times[name, size, 'article']:>11.2f}"
                        for size in HOSTILE_SIZES)
        row = []
        for variant in ("alone", "article"):
            ratio = linear[name, variant]
            ratios.append((ratio, f"{name} ({variant})"))
            row.append(ratio)
        print(f"{name:<16}{cells}{row[0]:>10.1f}{row[1]:>11.1f}")
    for label, pick in (("median", statistics.median), ("worst", max)):
        cells = "".join(f"{pick(times[t, size, 'alone'] for t in TOKENS):>11.2f}"
                        f"{pick(times[t, size, 'article'] for t in TOKENS):>11.2f}"
                        for size in HOSTILE_SIZES)
        print(f"{label:<16}{cells}")
    for size in HOSTILE_SIZES:
        worst, where = max((times[t, size, v], f"{t} ({v})") for t in TOKENS
                           for v in ("alone", "article"))
        verdict = "ok" if worst <= HOSTILE_WORST_MS else "MISSED"
        print(f"worst at {_size(size)}: {worst:.2f} ms, {where}; target <= "
              f"{HOSTILE_WORST_MS:g} ms: {verdict}")
    ratio, where = max(ratios)
    print(f"linearity: largest x4 ratio {ratio:.1f}, {where}; "
          f"{'linear' if ratio <= LINEAR_RATIO else 'NOT LINEAR'} (<= {LINEAR_RATIO:g})")

    print()
    print("scale (no target; the rate shows linearity):")
    short_n, short_4n = many_short_lines(25_000), many_short_lines(100_000)
    t_n, t_4n = _once(run, short_n, repeat=1), _once(run, short_4n, repeat=1)
    print(f"  100,000 short lines ({len(short_4n) / 1e6:.1f} MB): {t_4n:.0f} ms, "
          f"{1000 * t_4n / 100_000:.1f} us/line; 25,000 lines: {t_n:.0f} ms; "
          f"x4 ratio {t_4n / t_n:.1f}")
    for token in ("word ", "[a](", "1/1/", "\u00a9 "):
        line = (token * (1_000_000 // len(token)))[:1_000_000]
        ms = _once(run, in_article(line), repeat=1)
        print(f"  1 MB line of {token!r} in an article: {ms:.0f} ms, "
              f"{1e6 * ms / len(line.encode()):.1f} us/KB")
    _budget_stop()
    if profile:
        worst_ms, name, size, variant = max((ms, t, s, v) for (t, s, v), ms in times.items())
        line = lines[size][name]
        _profile(run, in_article(line) if variant == "article" else line,
                 f"{name} ({variant}, {_size(size)}): {worst_ms:.2f} ms")


def _budget_stop(cpu_seconds: float = 0.1) -> None:
    """CPU a parse of many short lines takes before a budget stops it (compiled code is
    stopped at checkpoints of its line loop: services/pipeline/formats/compiled.py)."""
    from benchmarks.hostile_text import many_short_lines
    from services.budget import Budget, enforce
    from services.errors import ParseTimeout
    from services.pipeline.formats import textdump

    for count in (200_000, 2_000_000):
        text = many_short_lines(count)
        started = time.process_time()
        outcome = "finished"
        try:
            with enforce(Budget(cpu_seconds=cpu_seconds, memory_mb=0)):
                textdump.parse(text)
        except ParseTimeout:
            outcome = "stopped"
        print(f"  {count:,} short lines ({len(text) / 1e6:.0f} MB) under a {cpu_seconds:g} s budget: "
              f"{outcome} after {time.process_time() - started:.2f} s of CPU")


def _size(chars: int) -> str:
    return f"{chars // 1000} KB" if chars >= 1000 else f"{chars} B"


def _profile(run: Callable[[str], object], text: str, label: str) -> None:
    """The functions the slowest input spends its time in (regex methods by caller)."""
    import cProfile
    import pstats

    print()
    print(f"profile of the slowest pathological input, {label}:")
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        run(text)
    profiler.disable()
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(12)
    stats.print_callers(r"of 're\.Pattern' objects")


def _html(*, repeat: int) -> None:
    import trafilatura

    from services.pipeline.formats import parse_file

    pages = [gzip.decompress(p.read_bytes()) for p in
             sorted((SHARED / "data/article-extraction-benchmark-dev/html").glob("*.html.gz"))]
    if not pages:
        print("note: no benchmark pages under shared/data; html skipped")
        return
    ours = _timings(pages, _safe(parse_file), repeat=repeat)
    theirs = _timings(pages, trafilatura.extract, repeat=repeat)
    m1, _ = _row("html: copydesk parse_file", ours)
    m2, _ = _row("html: trafilatura.extract alone", theirs)
    ratio = statistics.fmean(ours) / statistics.fmean(theirs)
    print(f"html ratio copydesk/trafilatura: median {m1 / m2:.2f}x, mean {ratio:.2f}x")


def _containers(*, repeat: int) -> None:
    """Container fixtures through ``parse_records``: time per record, per file."""
    from services.pipeline.formats import parse_records

    fixtures = REPO / "tests/fixtures/containers"
    for name in ("articles.jsonl", "articles.json", "newsarticle-graph.json", "feed-rss.xml",
                 "feed-atom.xml", "crawl.warc.gz"):
        data = (fixtures / name).read_bytes()
        count = len(parse_records(data, filename=name))
        ms = _timings([data], functools.partial(parse_records, filename=name), repeat=repeat)
        _row(f"{name} ({count} records): per record", [m / count for m in ms])


if __name__ == "__main__":
    main()
