"""Text-dump accuracy on the fixtures in tests/fixtures/textdump.

Each ``NAME.txt`` has ``NAME.json`` with the expected fields. Prints, per field, the share
of files where copydesk's value is exactly the expected one (title, authors, published
date, site name), and the body F1 with the Article Extraction Benchmark's metric (token
4-gram shingles, as in ``eval_extraction``) against the expected ``body``.
Targets: >= 95% exact on title/author/date/site, body F1 >= 0.97.

    python -m benchmarks.eval_textdump [--fixtures DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.eval_extraction import Scores, summarise, tp_fp_fn

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    evaluate(args.fixtures, verbose=args.verbose)


if __name__ == "__main__":
    main()
