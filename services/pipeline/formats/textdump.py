"""Flattened text dumps of web pages: lynx, w3m, html2text, inscriptis, ``get_text()``,
a browser's "save as text", copy-paste.

One general method, no per-site layouts:

1. ``textdump_units`` cuts the dump into units (paragraphs unwrapped, list items, lines)
   and strips the markup each tool leaves, keeping its counts.
2. ``textdump_model`` scores every unit from features that hold across sites and tools
   (length, stop-word and link density, sentence shape, bullets, buttons, repetition,
   position, the neighbours' features) with a logistic regression trained on renderings
   of the development pages, and selects the article as the main region of good units.
3. The lines before the region (header), inside it and after it (trailer) are read for
   metadata by ``textdump_meta``: title, authors, dates, site, section, wherever the page
   put them. Byline and date lines at the top of the region leave the body; credits lines
   (``(Reporting by …)``) leave it as well, as in every other parser.
"""

from __future__ import annotations

from services.domain.models import ParsedArticle
from services.errors import NoArticleText
from services.pipeline.formats.dates import find_date, numeric_order_hint
from services.pipeline.formats.textdump_meta import read_meta
from services.pipeline.formats.textdump_model import Model, select
from services.pipeline.formats.textdump_rules import (
    byline_names,
    is_caption,
    is_credit_line,
    is_inline_chrome,
    split_breadcrumb,
)
from services.pipeline.formats.textdump_units import Unit, units
from services.pipeline.wire import detect_wire, opens_with_dateline

__all__ = ["extract_body", "parse"]

_MIN_BODY_WORDS = 8
_HEADER_UNITS = 4  # units at the body's top that may still be headline, byline or date


def _is_meta(text: str) -> bool:
    """A short line that is a byline, a date or a breadcrumb rather than prose."""
    if len(text.split()) > 15:
        return False
    if split_breadcrumb(text) or byline_names(text):
        return True
    found = find_date(text[:200])
    return found is not None and len(text) - (found.end - found.start) < 30


_TERMINAL = ".!?\u2026\"\u201d\u2019'\u3002\uff01\uff1f\u300d)"


def _is_prose(text: str) -> bool:
    """A sentence or more: where an article begins and ends."""
    words = len(text.split())
    return words >= 25 or (words >= 6 and text.rstrip()[-1:] in _TERMINAL) \
        or opens_with_dateline(text)


def _trimmed(kept: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """(the article from its first to its last unit of prose, the units cut above it).

    The scorer judges units by their neighbours, so a headline, byline or tag line next
    to the first or last paragraph can ride along; an article opens and closes with a
    sentence. A region without prose is left whole.
    """
    prose = [i for i, unit in enumerate(kept) if _is_prose(unit.text)]
    if not prose:
        return kept, []
    return kept[prose[0]:prose[-1] + 1], kept[:prose[0]]


def _article(found: list[Unit], model: Model | None) -> tuple[list[Unit], list[str], list[str]]:
    """(body units, meta lines from above the body, credits lines)."""
    kept = [u for u, keep in zip(found, select(found, model), strict=True) if keep]
    kept, above = _trimmed(kept)
    # A byline or date line among the first units ends the header: it and what is above
    # it (a headline, a kicker) are not the body.
    cut = max((i + 1 for i, u in enumerate(kept[:_HEADER_UNITS]) if _is_meta(u.text)), default=0)
    if cut < len(kept):
        above, kept = above + kept[:cut], kept[cut:]
    meta = [u.text for u in above if _is_meta(u.text)]
    body: list[Unit] = []
    credits: list[str] = []
    for unit in kept:
        if is_credit_line(unit.text):
            credits.append(unit.text)
        elif not (is_inline_chrome(unit.text) or is_caption(unit.text)):
            body.append(unit)
    return body, meta, credits


def extract_body(text: str, *, model: Model | None = None) -> str:
    """The article body of a dump, paragraphs joined by a blank line ("" if none)."""
    body, _, _ = _article(units(text), model)
    return "\n\n".join(u.text for u in body)


def parse(text: str, *, filename: str = "", limits: object = None) -> ParsedArticle:
    """``limits`` is accepted for a uniform parser signature; line-based text has no nesting."""
    found = units(text)
    body_units, inline_meta, credit_lines = _article(found, None)
    body = "\n\n".join(u.text for u in body_units)
    if len(body.split()) < _MIN_BODY_WORDS:
        raise NoArticleText("the text holds too little prose to be an article")
    lines = [line.replace("\u00a0", " ").replace("\t", " ").rstrip()
             for line in text.splitlines()]
    start, end = body_units[0].first, body_units[-1].last + 1
    meta = read_meta(lines[:start], inline=inline_meta, footer=lines[end:],
                     day_first=numeric_order_hint(text[:20000]))
    trailer = [line for line in lines[end:end + 40]
               if "\u00a9" in line or any(w in line.lower() for w in
                                          ("copyright", "reporting by", "contributed"))]
    wire = detect_wire(body, credits="\n".join([*meta.credits, *credit_lines, *trailer]))
    return ParsedArticle(
        source_format="text",
        body=body,
        title=meta.title,
        authors=tuple(meta.authors),
        published_at=meta.published_at,
        modified_at=meta.modified_at,
        site_name=meta.site_name,
        section=meta.section,
        wire_source=wire.wire_source,
        dateline=wire.dateline,
    )
