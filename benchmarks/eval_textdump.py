"""Text-dump accuracy: on the fixtures in tests/fixtures/textdump, and on renders of real pages.

Fixtures mode (the default). Each ``NAME.txt`` has ``NAME.json`` with the expected
fields. Prints, per field, the share of files where copydesk's value is exactly the
expected one (title, authors, published date, site name), and the body F1 with the Article
Extraction Benchmark's metric (token 4-gram shingles, as in ``eval_extraction``) against
the expected ``body``. Targets: >= 95% exact on title/author/date/site, body F1 >= 0.97.

    python -m benchmarks.eval_textdump [--fixtures DIR] [--verbose]

Renders mode (``--renders``). Every page of the Article Extraction Benchmark (dev split)
is rendered to text by the crawler tools of ``benchmarks.renders`` (lynx, w3m, html2text,
inscriptis, BeautifulSoup's ``get_text``; renders are cached, tools missing here are
skipped), and each render is parsed as the ``<id>.txt`` file a crawler would hand over:
``parse_file(render, filename=f"{id}.txt").body`` (an ``InputError`` scores as an empty
body). Format detection reads the content, so a render normally takes the text-dump
parser; renders detected as another format are counted in a note. Prints one row per tool
and an ``overall`` row (all renders pooled) with copydesk's body precision / recall / F1,
the F1 of the whole render taken as the body (the do-nothing baseline), the F1 of
``trafilatura.extract`` on the page's HTML (the same pages, computed once per page, so the
same figure on every row that scores all pages) and the median ms per ``parse_file``.

    python -m benchmarks.eval_textdump --renders [--data DIR] [--cache DIR]
        [--tools lynx,w3m,...] [--worst N] [--split even|odd | --ids-file FILE] [--verbose]

``--tools unseen`` scores renders by tools the scorer was never trained on (``links``,
``elinks``; Debian packages): the method on layouts it has not seen.
``--split even`` / ``--split odd`` score only the pages at even / odd positions of the
sorted page ids (0-based), ``--ids-file`` only the ids it lists (one a line): held-out
checks, so that rules tuned on one half can be tested on the other. ``--worst N`` lists
each tool's N pages with the lowest copydesk F1. ``evaluate_renders`` returns the figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.eval_extraction import DEFAULT_DATA, Scores, summarise, tp_fp_fn

DEFAULT_FIXTURES = Path(__file__).resolve().parents[1] / "tests/fixtures/textdump"
FIELDS = {"title": "title", "author": "authors", "date": "published_at", "site": "site_name"}


def evaluate(fixtures: Path = DEFAULT_FIXTURES, *, verbose: bool = False) -> dict[str, float]:
    from services.errors import InputError
    from services.pipeline.formats import parse_file

    hits = dict.fromkeys(FIELDS, 0)
    rows: list[Scores] = []
    cases = sorted(fixtures.glob("*.txt"))
    for path in cases:
        expected: dict[str, Any] = json.loads(path.with_suffix(".json").read_text("utf-8"))
        try:
            got = parse_file(path.read_bytes(), filename=path.name).to_json()
        except InputError as exc:
            got = {"body": "", "error": exc.code}
        for name, key in FIELDS.items():
            ok = got.get(key) == expected.get(key)
            hits[name] += ok
            if verbose and not ok:
                print(f"  {path.stem}: {name} {got.get(key)!r} != {expected.get(key)!r}")
        truth = expected.get("body")
        if truth is None:
            print(f"  {path.stem}: no expected body; body F1 not scored", file=sys.stderr)
            continue
        rows.append(tp_fp_fn(truth, got["body"]))
        if verbose and rows[-1][0] < 1.0:
            print(f"  {path.stem}: body tp share {rows[-1][0]:.3f}")
    results = {name: hits[name] / len(cases) for name in FIELDS} if cases else {}
    body = summarise(rows) if rows else {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    results.update(body_precision=body["precision"], body_recall=body["recall"],
                   body_f1=body["f1"])
    print(f"{len(cases)} text dumps from {fixtures}")
    for name in FIELDS:
        print(f"{name + ' exact':<16} {results[name]:7.1%}  ({hits[name]}/{len(cases)})")
    print(f"{'body precision':<16} {body['precision']:7.3f}")
    print(f"{'body recall':<16} {body['recall']:7.3f}")
    print(f"{'body F1':<16} {body['f1']:7.3f}")
    return results


# --- renders mode ---------------------------------------------------------------------


@dataclass
class PageScore:
    """One render of one page: scores and what the parser made of it."""

    page: str
    copydesk: Scores
    whole: Scores
    trafilatura: Scores
    ms: float
    source_format: str  # what parse_file detected, or "error:<code>"


@dataclass
class ToolRows:
    """Every page score of one tool (or of all tools pooled)."""

    pages: list[PageScore] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        """P/R/F1 of copydesk, whole-render F1, trafilatura F1, median parse ms."""
        copydesk = _summary(p.copydesk for p in self.pages)
        return {
            "precision": copydesk["precision"], "recall": copydesk["recall"],
            "f1": copydesk["f1"],
            "whole_f1": _summary(p.whole for p in self.pages)["f1"],
            "trafilatura_f1": _summary(p.trafilatura for p in self.pages)["f1"],
            "median_ms": statistics.median(p.ms for p in self.pages) if self.pages else 0.0,
            "renders": float(len(self.pages)),
        }


def _summary(rows: Iterable[Scores]) -> dict[str, float]:
    """``summarise``, or zeros when it is undefined (no page with any predicted text,
    e.g. a parser that fails on every render)."""
    listed = list(rows)
    if not any(tp + fp > 0 for tp, fp, _ in listed):
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    return summarise(listed)


def _doc_f1(row: Scores) -> float:
    tp, fp, fn = row
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def split_ids(ids: Iterable[str], split: str) -> set[str]:
    """The ids at even (``"even"``) or odd (``"odd"``) 0-based positions of the sorted ids."""
    if split not in ("even", "odd"):
        raise ValueError(f"split must be 'even' or 'odd', not {split!r}")
    return set(sorted(ids)[split == "odd"::2])


def read_ids_file(path: Path) -> set[str]:
    """Page ids listed one a line (blank lines and ``#`` comments ignored)."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return {line for line in lines if line}


def copydesk_parse(render: str, page: str) -> tuple[str, str, float]:
    """(body, detected format or ``error:<code>``, ms) of copydesk on one render."""
    from services.errors import InputError
    from services.pipeline.formats import parse_file

    started = time.perf_counter()
    try:
        article = parse_file(render.encode("utf-8"), filename=f"{page}.txt")
        body, fmt = article.body, article.source_format
    except InputError as exc:
        body, fmt = "", f"error:{exc.code}"
    return body, fmt, (time.perf_counter() - started) * 1000


def trafilatura_bodies(pages: dict[str, bytes]) -> dict[str, str]:
    """``trafilatura.extract`` (defaults) of every page's HTML, by id."""
    import trafilatura

    return {key: trafilatura.extract(html) or "" for key, html in pages.items()}


def _score_tool(texts: dict[str, str], truth: dict[str, str],
                reference: dict[str, Scores]) -> ToolRows:
    rows = ToolRows()
    for page, render in texts.items():
        body, fmt, ms = copydesk_parse(render, page)
        rows.pages.append(PageScore(page, tp_fp_fn(truth[page], body),
                                    tp_fp_fn(truth[page], render), reference[page], ms, fmt))
    return rows


def _print_table(per_tool: dict[str, ToolRows], figures: dict[str, dict[str, float]]) -> None:
    print(f"{'':<17} {'':>7} {'--- copydesk text-dump ---':>26} {'whole text':>11} "
          f"{'trafilatura':>12} {'parse ms':>9}")
    print(f"{'tool':<17} {'renders':>7} {'precision':>9} {'recall':>7} {'F1':>8} "
          f"{'F1':>11} {'F1 (HTML)':>12} {'median':>9}")
    for name, row in figures.items():
        print(f"{name:<17} {int(row['renders']):>7} {row['precision']:9.3f} "
              f"{row['recall']:7.3f} {row['f1']:8.3f} {row['whole_f1']:11.3f} "
              f"{row['trafilatura_f1']:12.3f} {row['median_ms']:9.1f}")
    odd = [(tool, p) for tool, rows in per_tool.items() for p in rows.pages
           if p.source_format != "text"]
    if odd:
        print(f"note: {len(odd)} render(s) not parsed as text (format or error): "
              + ", ".join(f"{tool}/{p.page[:12]}={p.source_format}" for tool, p in odd[:12])
              + (" ..." if len(odd) > 12 else ""))


def _print_worst(per_tool: dict[str, ToolRows], worst: int) -> None:
    for tool, rows in per_tool.items():
        print(f"\nworst {worst} pages for {tool} (per-page F1: copydesk / whole text / "
              "trafilatura; format):")
        for p in sorted(rows.pages, key=lambda p: (_doc_f1(p.copydesk), p.page))[:worst]:
            print(f"  {p.page}  {_doc_f1(p.copydesk):.2f} / {_doc_f1(p.whole):.2f} / "
                  f"{_doc_f1(p.trafilatura):.2f}  {p.source_format}")


def evaluate_renders(data: Path = DEFAULT_DATA, tools: list[str] | None = None,
                     ids: set[str] | None = None, verbose: bool = False, *,
                     worst: int = 0, cache_dir: Path | None = None
                     ) -> dict[str, dict[str, float]]:
    """Score copydesk's text-dump parser on crawler renders of the benchmark pages.

    Returns ``{row: figures}`` for every tool that ran and ``"overall"`` (all renders
    pooled); figures are ``precision``, ``recall``, ``f1`` (copydesk), ``whole_f1``,
    ``trafilatura_f1``, ``median_ms`` and ``renders`` (how many were scored). ``ids``
    restricts the pages (see ``split_ids``); ``verbose`` prints every page's F1.
    """
    from benchmarks import renders as rendering

    truth_json: dict[str, dict[str, Any]] = json.loads(
        (data / "ground-truth.json").read_text("utf-8"))
    pages = {key: html for key, html in rendering.load_pages(data).items()
             if key in truth_json and (ids is None or key in ids)}
    truth = {key: str(truth_json[key].get("articleBody") or "") for key in pages}
    cache = cache_dir or rendering.DEFAULT_CACHE
    renders = rendering.render_dev_pages(data, cache, tools=tools, ids=set(pages))
    reference = {key: tp_fp_fn(truth[key], body)
                 for key, body in trafilatura_bodies(pages).items()}
    copydesk_parse("Warm-up text.\n\nOne paragraph of prose for the parser to read.", "warmup")
    per_tool = {tool: _score_tool(texts, truth, reference) for tool, texts in renders.items()}
    pooled = ToolRows([p for rows in per_tool.values() for p in rows.pages])
    figures = {tool: rows.figures() for tool, rows in per_tool.items()}
    figures["overall"] = pooled.figures()
    print(f"{len(pages)} pages from {data}, {len(per_tool)} tools; renders cached in {cache}")
    _print_table(per_tool, figures)
    if verbose:
        for tool, rows in per_tool.items():
            for p in rows.pages:
                print(f"  {tool:<17} {p.page}  F1 {_doc_f1(p.copydesk):.3f}  "
                      f"whole {_doc_f1(p.whole):.3f}  {p.ms:7.1f} ms  {p.source_format}")
    if worst:
        _print_worst(per_tool, worst)
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    parser.add_argument("--verbose", action="store_true", help="list every miss / page")
    parser.add_argument("--renders", action="store_true",
                        help="score renders of the benchmark pages instead of the fixtures")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None,
                        help="render cache (default ~/.cache/copydesk/renders)")
    parser.add_argument("--tools", help="comma-separated tools, or 'all' for the other options "
                        "of each tool too (default: lynx,w3m,html2text,inscriptis,bs4), or "
                        "'unseen' for the tools the scorer is never trained on (links, elinks)")
    parser.add_argument("--worst", type=int, default=0, help="list each tool's N worst pages")
    subset = parser.add_mutually_exclusive_group()
    subset.add_argument("--split", choices=("even", "odd"),
                        help="only the pages at even/odd positions of the sorted ids")
    subset.add_argument("--ids-file", type=Path, help="only the page ids listed (one a line)")
    args = parser.parse_args(argv)
    if not args.renders:
        evaluate(args.fixtures, verbose=args.verbose)
        return
    ids: set[str] | None = None
    if args.split:
        truth = json.loads((args.data / "ground-truth.json").read_text("utf-8"))
        ids = split_ids(truth, args.split)
    elif args.ids_file:
        ids = read_ids_file(args.ids_file)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()] if args.tools else None
    if tools == ["all"]:
        from benchmarks.renders import TOOLS

        tools = list(TOOLS)
    elif tools == ["unseen"]:
        from benchmarks.renders import UNSEEN_TOOLS

        tools = list(UNSEEN_TOOLS)
    evaluate_renders(args.data, tools, ids, args.verbose, worst=args.worst,
                     cache_dir=args.cache)


if __name__ == "__main__":
    main()
