"""Metadata on layouts written apart from the parser: the "sittings" in
``benchmarks/data/sittings`` (see its README), per field and per sitting.

Each sitting is eight text dumps of fictional news pages of named kinds of site, written
and rendered (lynx, w3m, html2text, inscriptis, BeautifulSoup) by someone who did not read
the parser, with the title, authors, published date, site and section a reader would give
(``expected.json``). Each was run once before any rule was taken from it; those first-run
figures are in the README there. Run now, the sittings are a regression check of the rules
taken from them and the ones since, not a measure of accuracy on unseen pages.

    python -m benchmarks.eval_sittings [--misses]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SITTINGS = Path(__file__).resolve().parent / "data" / "sittings"
FIELDS = ("title", "authors", "date", "site", "section")


def _got(article: dict[str, object]) -> dict[str, object]:
    """The parse's fields as ``expected.json`` writes them (the date as YYYY-MM-DD)."""
    published = article.get("published_at")
    return {"title": article.get("title"), "authors": article.get("authors"),
            "date": str(published)[:10] if published else "", "site": article.get("site_name"),
            "section": article.get("section")}


def score(folder: Path) -> tuple[dict[str, int], int, list[str]]:
    """(exact matches per field, dumps, one line per miss) of one sitting."""
    from services.errors import InputError
    from services.pipeline.formats import parse_file

    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    hits = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for name, want in expected.items():
        path = folder / "dumps" / name
        try:
            got = _got(parse_file(path.read_bytes(), filename=name).to_json())
        except InputError as error:
            misses.append(f"{folder.name}/{name}: {error.code}: {error}")
            continue
        for field in FIELDS:
            if got[field] == want[field]:
                hits[field] += 1
            else:
                misses.append(f"{folder.name}/{name}: {field}: expected {want[field]!r}, got {got[field]!r}")
    return hits, len(expected), misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every field missed")
    args = parser.parse_args(argv)
    totals = dict.fromkeys(FIELDS, 0)
    count = 0
    print(f"{'sitting':<8}" + "".join(f"{field:>9}" for field in FIELDS))
    all_misses: list[str] = []
    for folder in sorted(p for p in SITTINGS.iterdir() if (p / "expected.json").exists()):
        hits, n, misses = score(folder)
        all_misses += misses
        count += n
        for field in FIELDS:
            totals[field] += hits[field]
        print(f"{folder.name:<8}" + "".join(f"{f'{hits[field]}/{n}':>9}" for field in FIELDS))
    print(f"{'all':<8}" + "".join(f"{totals[field] / max(1, count):>9.1%}" for field in FIELDS)
          + f"   ({count} dumps)")
    if args.misses:
        print(*all_misses, sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
