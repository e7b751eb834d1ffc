"""A mixed corpus of distinct article files, for the throughput and smoke checks.

    python -m benchmarks.mix_corpus OUT_DIR [--files 400] [--prefix mix]

Files are named ``PREFIX-NNNN.<ext>`` and cycle through three kinds (3 : 1 : 1):

* ``.html``: one of the 90 real news pages of the article-extraction benchmark
  (``../shared/data/article-extraction-benchmark-dev/html``, 5-590 kB each);
* ``.html.gz``: another of those pages, gzipped;
* ``.txt``: a text dump of a content-farm copy of an AP story
  (``../shared/samples/content-farm-ap-copy.txt``).

Each file gets a sentence of its own at the end of its longest paragraph, so no two are
the same bytes; the copies of one page are near-duplicates (the same story, each stored
and enriched), unless that paragraph is chrome the parser drops: then they are exact
duplicates (ended as ``duplicate``). The same arguments write the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PAGES = SHARED / "data" / "article-extraction-benchmark-dev" / "html"
TEXT_SEED = SHARED / "samples" / "content-farm-ap-copy.txt"
_PARAGRAPH = re.compile(rb"<p[\s>].*?</p\s*>", re.IGNORECASE | re.DOTALL)


def _marked_html(page: bytes, marker: str) -> bytes:
    """The page with ``marker`` as a sentence at the end of its longest paragraph (the
    article's body, not its chrome, on every page of the benchmark)."""
    sentence = f" {marker}.".encode()
    longest = max(_PARAGRAPH.finditer(page), key=lambda m: m.end() - m.start(), default=None)
    if longest is None:
        return page.replace(b"</body>", b"<p>" + sentence + b"</p></body>", 1)
    end = page.rindex(b"<", longest.start(), longest.end())
    return page[:end] + sentence + page[end:]


def _marked_text(seed: bytes, marker: str) -> bytes:
    if b"Last May," in seed:
        return seed.replace(b"Last May,", f"{marker}. Last May,".encode(), 1)
    return seed + f"\n{marker}.\n".encode()


def build(*, files: int, prefix: str) -> dict[str, bytes]:
    """Name -> bytes of ``files`` distinct article files."""
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(PAGES.glob("*.html.gz"))]
    if not pages:
        raise SystemExit(f"no pages in {PAGES}")
    seed = TEXT_SEED.read_bytes()
    corpus: dict[str, bytes] = {}
    for i in range(files):
        marker = f"Desk note {prefix} {i}: filed as copy {i // len(pages) + 1}"
        kind = i % 5
        if kind == 4:
            corpus[f"{prefix}-{i:04d}.txt"] = _marked_text(seed, marker)
        elif kind == 3:
            body = _marked_html(pages[(i * 7) % len(pages)], marker)
            corpus[f"{prefix}-{i:04d}.html.gz"] = gzip.compress(body, mtime=0)
        else:
            corpus[f"{prefix}-{i:04d}.html"] = _marked_html(pages[i % len(pages)], marker)
    return corpus


def write(out: Path, corpus: dict[str, bytes]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, body in corpus.items():
        (out / name).write_bytes(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="directory to write the files into")
    parser.add_argument("--files", type=int, default=400, help="how many files (default 400)")
    parser.add_argument("--prefix", default="mix", help="start of every file name (default mix)")
    args = parser.parse_args()
    write(args.out, build(files=args.files, prefix=args.prefix))


if __name__ == "__main__":
    main()
