"""Body-extraction quality on the Article Extraction Benchmark (dev split).

Prints precision / recall / F1 with the benchmark's metric (token 4-gram shingles;
each document's TP/FP/FN normalised to sum to 1; precision and recall averaged over
documents; F1 from the averages) for copydesk's HTML parser and for plain
``trafilatura.extract`` on the same pages in the same run.

    python -m benchmarks.eval_extraction [--data DIR] [--variants] [--worst N]
    python -m benchmarks.eval_extraction --feeds

``--feeds`` instead scores the body of every feed item in tests/fixtures/containers
(``feed-*.xml`` against ``feed-*.expected.json``) two ways: copydesk's feed path (the
item's HTML converted and cleaned as the article body it is) and trafilatura's
whole-page extraction of the same HTML; it prints F1 and time per item for each.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark-dev"
_TOKEN = re.compile(r"\w+")

Scores = tuple[float, float, float]
Extractor = Callable[[bytes], str]


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def tp_fp_fn(true: str, pred: str) -> Scores:
    expected, got = _shingles(true), _shingles(pred)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def summarise(rows: list[Scores]) -> dict[str, float]:
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(recall(*r) for r in rows if r[0] + r[2] > 0)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def copydesk_body(html: bytes) -> str:
    from services.errors import InputError
    from services.pipeline.formats import parse_file

    try:
        return parse_file(html, filename="page.html").body
    except InputError:
        return ""


def trafilatura_body(**options: bool) -> Extractor:
    def extract(html: bytes) -> str:
        import trafilatura

        return trafilatura.extract(html, **options) or ""  # type: ignore[arg-type]

    return extract


def evaluate(data: Path, extractors: dict[str, Extractor], *, worst: int = 0) -> None:
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    pages = {key: gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
             for key in sorted(truth)}
    print(f"{len(pages)} pages from {data}")
    print(f"{'extractor':<34} {'precision':>9} {'recall':>7} {'F1':>7}")
    per_doc: dict[str, dict[str, float]] = {}
    for name, extract in extractors.items():
        rows: list[Scores] = []
        for key, html in pages.items():
            row = tp_fp_fn(truth[key].get("articleBody", ""), extract(html))
            rows.append(row)
            per_doc.setdefault(key, {})[name] = row[0]
        m = summarise(rows)
        print(f"{name:<34} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:7.3f}")
    if worst:
        first = next(iter(extractors))
        print(f"\nworst {worst} pages for {first} (tp share per extractor):")
        for key in sorted(per_doc, key=lambda k: per_doc[k][first])[:worst]:
            shares = "  ".join(f"{n}={v:.2f}" for n, v in per_doc[key].items())
            print(f"  {key}  {shares}")


FEED_FIXTURES = Path(__file__).resolve().parents[1] / "tests/fixtures/containers"


def evaluate_feeds(fixtures: Path = FEED_FIXTURES) -> dict[str, dict[str, float]]:
    """Body F1 and ms per item of the two ways to read a feed item's HTML."""
    import time

    import trafilatura

    from services.pipeline.formats import feed
    from services.pipeline.formats.xmltree import element_markup, load_xml

    def page(markup: str) -> str:
        return f"<html><body><article>{markup}</article></body></html>"

    ways: dict[str, Callable[[str, str | None], str]] = {
        "copydesk feed path (no trafilatura)": lambda m, t: feed.content_text(m, title=t),
        "trafilatura.extract on the item": lambda m, t: trafilatura.extract(page(m)) or "",
        "trafilatura + copydesk cleaning": lambda m, t: feed.content_text(
            (trafilatura.extract(page(m), output_format="html") or ""), title=t),
    }
    cases: list[tuple[str, str | None, str]] = []
    for path in sorted(fixtures.glob("feed-*.xml")):
        expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))
        root = load_xml(path.read_text("utf-8"))
        kind = feed.feed_kind(root)
        assert kind is not None
        for item, truth in zip(feed.items(root, kind), expected, strict=True):
            body = feed.body_element(item)
            if body is None or "body" not in truth:
                continue
            cases.append((element_markup(body), truth.get("title"), truth["body"]))
    print(f"{len(cases)} feed items from {fixtures}")
    print(f"{'way':<40} {'precision':>9} {'recall':>7} {'F1':>7} {'ms/item':>8}")
    results: dict[str, dict[str, float]] = {}
    for name, way in ways.items():
        rows: list[Scores] = []
        for markup, title, _ in cases:  # warm-up: lazy imports
            way(markup, title)
        started = time.perf_counter()
        for markup, title, truth in cases:
            rows.append(tp_fp_fn(truth, way(markup, title)))
        ms = (time.perf_counter() - started) * 1000 / max(1, len(cases))
        m = summarise(rows)
        results[name] = {**m, "ms": ms}
        print(f"{name:<40} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:7.3f} {ms:8.2f}")
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--variants", action="store_true",
                        help="also score trafilatura with favor_precision / favor_recall")
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    parser.add_argument("--feeds", action="store_true",
                        help="score feed-item bodies (feed path vs trafilatura) instead")
    args = parser.parse_args(argv)
    if args.feeds:
        evaluate_feeds()
        return
    extractors: dict[str, Extractor] = {
        "copydesk html parser": copydesk_body,
        "trafilatura.extract (defaults)": trafilatura_body(),
    }
    if args.variants:
        extractors["trafilatura favor_precision"] = trafilatura_body(favor_precision=True)
        extractors["trafilatura favor_recall"] = trafilatura_body(favor_recall=True)
        extractors["trafilatura no comments"] = trafilatura_body(include_comments=False)
    evaluate(args.data, extractors, worst=args.worst)


if __name__ == "__main__":
    main()
