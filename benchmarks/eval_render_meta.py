"""Metadata of text dumps of real pages, against what each page's HTML declares.

The dev pages (``../shared/data``) are real news pages, and their ground truth holds only
the article's body. Most of them also declare their metadata in the HTML: JSON-LD,
OpenGraph and ``<meta>`` tags. This compares what the text-dump parser takes from each
render of a page (``benchmarks.renders``: lynx, w3m, html2text, inscriptis, BeautifulSoup)
with what the same page declares, read by copydesk's own HTML reader
(``services.pipeline.formats.html_meta``, without htmldate's guess from the page's text):

* **title**: the declared headline (JSON-LD ``headline``, else ``og:title``,
  ``twitter:title`` or the ``<title>`` without the site's name), counted only on the
  renders that print it (a declared SEO title the page never shows is not a miss);
  equal after Unicode normalisation, case folding, quotes made straight and white space
  collapsed (or, for a declared title of 90 characters or more, which a CMS may have
  cut short, the start of the headline);
* **date**: the declared publication date (``datePublished``, ``article:published_time``,
  ``<time datetime>``, ...), within a day: a page prints the date where its newsroom is
  ("November 18, 2019 11:03 PM" in New York) and often declares it in UTC
  ("2019-11-19T04:03:25+00:00");
* **authors**: the declared authors. ``first`` counts a render whose first author is the
  first declared; ``all`` one whose names are the declared ones (either order, case
  folded);
* **site**: the declared site name (``og:site_name``, else JSON-LD's ``publisher``), on
  the renders that print it, equal as titles are.

The text-dump metadata rules were written from fictional pages (the fixtures and the
sittings, ``benchmarks/data/sittings``) until this check was added; since then, rules have
been taken only from the pages at even positions of the sorted ids (``--split even``), so
``--split odd`` is the check on real pages no rule was written from. (The body's scorer is
trained on all these pages, which decides where the header ends.)

Declared metadata is not ground truth: a ``<meta name="author">`` may name the publisher
("Condé Nast") or hold a byline's role after a comma ("TOM KRISHER, AP Auto Writer" is
two "names"), a declared date may be a day off in another time zone. The figures are
agreement, to compare the parser with itself over time; ``--misses`` prints every
disagreement to judge it.

    python -m benchmarks.eval_render_meta [--tools lynx,w3m] [--split even|odd] [--misses]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from benchmarks import renders as rendering
from benchmarks.eval_extraction import DEFAULT_DATA
from benchmarks.eval_textdump import split_ids

_CUT_TITLE = 90  # a declared title this long may be cut short of the headline
_TIME_ZONES = timedelta(days=1)  # a date printed where the newsroom is, declared in UTC
_QUOTES = re.compile("[\u2018\u2019\u201a\u201b\u2032`\u00b4\"\u201c\u201d\u201e]")


def _norm(text: str) -> str:
    """Text compared: NFKC, case folded, quotes made straight, white space collapsed."""
    return " ".join(_QUOTES.sub("'", unicodedata.normalize("NFKC", text)).casefold().split())


@dataclass
class Declared:
    """What a page's HTML declares."""

    title: str | None
    authors: list[str]
    day: date | None  # the declared instant's date, as declared (UTC or an offset)
    site: str | None = None


def declared(html: bytes) -> Declared:
    """The page's declared headline, authors and publication day."""
    import lxml.html

    from services.pipeline.formats.html_meta import read_html_meta

    meta = read_html_meta(lxml.html.fromstring(html), use_htmldate=False)
    return Declared(meta.title, list(meta.authors), meta.published_at.date() if meta.published_at else None,
                    meta.site_name)


def _parsed(render: str, page: str) -> tuple[str | None, list[str], date | None, str | None] | None:
    """(title, authors, day) of copydesk's text-dump parser on one render, or None when
    it refuses the render."""
    from services.errors import InputError
    from services.pipeline.formats import parse_file

    try:
        article = parse_file(render.encode("utf-8"), filename=f"{page}.txt")
    except InputError:
        return None
    return (article.title, list(article.authors), article.published_at.date() if article.published_at else None,
            article.site_name)


def score(tool: str, renders: dict[str, str], pages: dict[str, Declared],
          misses: list[str] | None = None) -> Counter[str]:
    """Counts for one tool: ``title_pages`` (renders that print the declared headline),
    ``title``; ``date_pages``, ``date``, ``date_none``; ``author_pages``, ``first``,
    ``all``, ``author_none``; ``site_pages``, ``site``; ``refused``."""
    counts: Counter[str] = Counter()
    for page, render in sorted(renders.items()):
        want = pages[page]
        got = _parsed(render, page)
        if got is None:
            counts["refused"] += 1
            continue
        title, authors, day, site = got
        if want.title and _norm(want.title) in _norm(render):
            counts["title_pages"] += 1
            # (or the headline whole where the page declares it cut short: "… third Beijing
            # local to contract" for "… to contract the plague")
            if title and (_norm(title) == _norm(want.title) or (
                    len(want.title) >= _CUT_TITLE and _norm(title).startswith(_norm(want.title)))):
                counts["title"] += 1
            elif misses is not None:
                misses.append(f"{tool:<11} {page[:12]} title: declared {want.title!r}, got {title!r}")
        if want.day:
            counts["date_pages"] += 1
            near = day is not None and abs(day - want.day) <= _TIME_ZONES
            counts["date"] += near
            counts["date_none"] += day is None
            if not near and misses is not None:
                misses.append(f"{tool:<11} {page[:12]} date: declared {want.day}, got {day}")
        if want.authors:
            counts["author_pages"] += 1
            declared_names = [_norm(name) for name in want.authors]
            found = [_norm(name) for name in authors]
            counts["first"] += bool(found) and found[0] == declared_names[0]
            counts["all"] += sorted(found) == sorted(declared_names)
            counts["author_none"] += not found
            if sorted(found) != sorted(declared_names) and misses is not None:
                misses.append(f"{tool:<11} {page[:12]} authors: declared {want.authors}, got {authors}")
        if want.site and _norm(want.site) in _norm(render):
            counts["site_pages"] += 1
            if site and _norm(site) == _norm(want.site):
                counts["site"] += 1
            elif misses is not None:
                misses.append(f"{tool:<11} {page[:12]} site: declared {want.site!r}, got {site!r}")
    return counts


def _share(part: int, whole: int) -> str:
    return f"{part:>3}/{whole:<3} {100 * part / whole:5.1f}%" if whole else f"{'-':>15}"


def evaluate(data: Path = DEFAULT_DATA, tools: list[str] | None = None, ids: set[str] | None = None,
             *, show_misses: bool = False, cache_dir: Path | None = None) -> dict[str, Counter[str]]:
    """Print the agreement table; return the counts by tool and ``overall``."""
    truth = json.loads((data / "ground-truth.json").read_text("utf-8"))
    html = {key: page for key, page in rendering.load_pages(data).items()
            if key in truth and (ids is None or key in ids)}
    pages = {key: declared(page) for key, page in html.items()}
    renders = rendering.render_dev_pages(data, cache_dir or rendering.DEFAULT_CACHE, tools=tools,
                                         ids=set(html))
    misses: list[str] | None = [] if show_misses else None
    counts = {tool: score(tool, texts, pages, misses) for tool, texts in renders.items()}
    counts["overall"] = sum(counts.values(), Counter())
    with_title = sum(1 for p in pages.values() if p.title)
    with_day = sum(1 for p in pages.values() if p.day)
    with_authors = sum(1 for p in pages.values() if p.authors)
    with_site = sum(1 for p in pages.values() if p.site)
    print(f"{len(pages)} pages from {data}: {with_title} declare a headline, {with_day} a publication "
          f"date, {with_authors} authors, {with_site} a site name; "
          f"renders cached in {cache_dir or rendering.DEFAULT_CACHE}")
    print(f"{'tool':<11} {'title (printed)':>15} {'date (1 day)':>15} {'no date':>7} {'first author':>15} "
          f"{'all authors':>15} {'no author':>9} {'site (printed)':>15}")
    for tool, c in counts.items():
        print(f"{tool:<11} {_share(c['title'], c['title_pages'])} {_share(c['date'], c['date_pages'])} "
              f"{c['date_none']:>7} {_share(c['first'], c['author_pages'])} "
              f"{_share(c['all'], c['author_pages'])} {c['author_none']:>9} {_share(c['site'], c['site_pages'])}"
              + (f"  ({c['refused']} refused)" if c["refused"] else ""))
    for line in misses or []:
        print(line)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=None,
                        help="render cache (default ~/.cache/copydesk/renders)")
    parser.add_argument("--tools", help="comma-separated tools (default: lynx,w3m,html2text,inscriptis,bs4)")
    parser.add_argument("--split", choices=("even", "odd"),
                        help="only the pages at even/odd positions of the sorted ids")
    parser.add_argument("--misses", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    ids = None
    if args.split:
        ids = split_ids(json.loads((args.data / "ground-truth.json").read_text("utf-8")), args.split)
    tools = [t.strip() for t in args.tools.split(",") if t.strip()] if args.tools else None
    evaluate(args.data, tools, ids, show_misses=args.misses, cache_dir=args.cache)


if __name__ == "__main__":
    main()
