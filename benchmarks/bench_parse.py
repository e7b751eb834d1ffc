"""Parse time per document by format: median and p95, in milliseconds.

Text dumps: the seed sample and the fixtures under tests/fixtures/textdump (target: under
2 ms per article). HTML: the benchmark pages, copydesk's ``parse_file`` against
``trafilatura.extract`` alone on the same bytes (target: within 1.2x). Containers: the
fixtures under tests/fixtures/containers through ``parse_records``, time per record.

    python -m benchmarks.bench_parse [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _timings(docs: list[bytes], run: Callable[[bytes], object], *, repeat: int) -> list[float]:
    for doc in docs:  # warm-up: lazy imports, regex compilation
        run(doc)
    per_doc: list[float] = []
    for doc in docs:
        samples = []
        for _ in range(repeat):
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


def _safe(parse: Callable[..., object]) -> Callable[[bytes], object]:
    from services.errors import InputError

    def run(doc: bytes) -> object:
        try:
            return parse(doc, filename="doc")
        except InputError:
            return None

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per document (min is kept)")
    args = parser.parse_args(argv)

    import trafilatura

    from services.pipeline.formats import parse_file

    texts = [p.read_bytes() for p in sorted((REPO / "tests/fixtures/textdump").glob("*.txt"))]
    seed = SHARED / "samples/content-farm-ap-copy.txt"
    if seed.exists():
        texts.append(seed.read_bytes())
    pages = [gzip.decompress(p.read_bytes()) for p in
             sorted((SHARED / "data/article-extraction-benchmark-dev/html").glob("*.html.gz"))]

    print(f"{'format / parser':<34} {'docs':>5} {'median ms':>10} {'p95 ms':>10} {'mean ms':>10}")
    _row("text dump: copydesk", _timings(texts, _safe(parse_file), repeat=args.repeat))
    if pages:
        ours = _timings(pages, _safe(parse_file), repeat=args.repeat)
        theirs = _timings(pages, lambda doc: trafilatura.extract(doc), repeat=args.repeat)
        m1, _ = _row("html: copydesk parse_file", ours)
        m2, _ = _row("html: trafilatura.extract alone", theirs)
        ratio = statistics.fmean(ours) / statistics.fmean(theirs)
        print(f"html ratio copydesk/trafilatura: median {m1 / m2:.2f}x, mean {ratio:.2f}x")
    _containers(repeat=args.repeat)


def _containers(*, repeat: int) -> None:
    """Container fixtures through ``parse_records``: time per record, per file."""
    from services.pipeline.formats import parse_records

    fixtures = REPO / "tests/fixtures/containers"
    for name in ("articles.jsonl", "articles.json", "newsarticle-graph.json", "feed-rss.xml",
                 "feed-atom.xml", "crawl.warc.gz"):
        data = (fixtures / name).read_bytes()
        count = len(parse_records(data, filename=name))
        ms = _timings([data], lambda doc, name=name: parse_records(doc, filename=name),
                      repeat=repeat)
        _row(f"{name} ({count} records): per record", [m / count for m in ms])


if __name__ == "__main__":
    main()
