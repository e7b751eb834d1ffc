"""Flattened text dumps of web pages (a browser's "save as text", a scraper's output).

The dump is read as three zones: a header of page furniture and metadata (breadcrumb,
``Title | Site``, byline, date), the article body (from the first line of prose), and
the trailer (from the first end-of-article marker: reaction widgets, Related/Trending
lists, comments, tags, copyright). Inline chrome inside the body (``ADVERTISEMENT``,
``READ MORE: ...``, share rows, photo captions) is dropped; byline and date lines met in
the body's first lines are read as metadata.
"""

from __future__ import annotations

import re

from services.domain.models import ParsedArticle
from services.errors import NoArticleText
from services.pipeline.formats.dates import find_date, numeric_order_hint
from services.pipeline.formats.textdump_meta import read_meta
from services.pipeline.formats.textdump_rules import (
    byline_names,
    is_caption,
    is_credit_line,
    is_inline_chrome,
    is_link_box,
    is_terminator,
    split_breadcrumb,
    strip_markdown,
)
from services.pipeline.wire import detect_wire, opens_with_dateline

__all__ = ["parse"]

_TERMINAL = ".!?\u2026\"\u201d\u2019')]:;"
_MIN_BODY_WORDS = 8


def _is_prose(text: str) -> bool:
    words = len(text.split())
    if words >= 30:
        return True
    return words >= 8 and text.rstrip()[-1:] in _TERMINAL and any(c.islower() for c in text)


def _is_rule(line: str) -> bool:
    """A separator such as ``___`` or ``* * *``: punctuation only."""
    return bool(line) and not any(c.isalnum() for c in line)


def _is_meta(line: str) -> bool:
    """A short line that is a byline, a date or a breadcrumb rather than prose."""
    if len(line.split()) > 15:
        return False
    if split_breadcrumb(line) or byline_names(line):
        return True
    found = find_date(line)
    return found is not None and len(line) - (found.end - found.start) < 30


def _run_on(lines: list[str], index: int) -> str:
    """The line joined with the hard-wrapped lines that continue it."""
    parts = [lines[index].strip()]
    for line in lines[index + 1:index + 4]:
        if not line.strip() or not line.lstrip()[:1].islower():
            break
        parts.append(line.strip())
    return " ".join(parts)


def _body_start(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        text = strip_markdown(line).strip()
        if not text or is_inline_chrome(text) or is_terminator(text) or _is_meta(text):
            continue
        if opens_with_dateline(text) or _is_prose(text) or _is_prose(_run_on(lines, index)):
            return index
    return None


def _body_end(lines: list[str], start: int) -> int:
    for index in range(start + 1, len(lines)):
        if is_terminator(lines[index]):
            return index
    return len(lines)


def _wrapped(block: list[str]) -> bool:
    """A hard-wrapped paragraph: several lines of similar width, none very long."""
    if len(block) < 3:
        return False
    lengths = [len(line) for line in block[:-1]]
    return max(lengths) <= 100 and sum(40 <= n <= 100 for n in lengths) >= 0.7 * len(lengths)


def _continues(previous: str, line: str) -> bool:
    return previous[-1:] not in _TERMINAL and (line[:1].islower() or len(previous) >= 60)


def _paragraphs(lines: list[str]) -> list[str]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(strip_markdown(line).strip())
        elif blocks[-1]:
            blocks.append([])
    paragraphs: list[str] = []
    for block in filter(None, blocks):
        if _wrapped(block):
            paragraphs.append(" ".join(block))
            continue
        current = block[0]
        for line in block[1:]:
            if _continues(current, line):
                current = f"{current} {line}"
            else:
                paragraphs.append(current)
                current = line
        paragraphs.append(current)
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def _trim_trailing_links(paragraphs: list[str]) -> list[str]:
    """Drop a run of headline-like lines (short, no final punctuation) after the prose."""
    end = len(paragraphs)
    while end > 1 and not _is_prose(paragraphs[end - 1]) \
            and paragraphs[end - 1][-1:] not in _TERMINAL and len(paragraphs[end - 1]) < 160:
        end -= 1
    return paragraphs[:end] if end < len(paragraphs) and end >= 1 else paragraphs


def parse(text: str, *, filename: str = "", limits: object = None) -> ParsedArticle:
    """``limits`` is accepted for a uniform parser signature; line-based text has no nesting."""
    lines = [line.replace("\u00a0", " ").replace("\t", " ").rstrip()
             for line in text.splitlines()]
    start = _body_start(lines)
    if start is None:
        raise NoArticleText("no paragraph of prose found in the text")
    end = _body_end(lines, start)
    kept: list[str] = []
    inline_meta: list[str] = []
    credit_lines: list[str] = []
    in_link_box = False
    for offset, line in enumerate(lines[start:end]):
        text_line = line.strip()
        if is_link_box(text_line):
            in_link_box = True
            continue
        if in_link_box and (not text_line or not _is_prose(strip_markdown(text_line))):
            continue
        in_link_box = False
        if is_credit_line(text_line):
            credit_lines.append(text_line)
            continue
        if is_inline_chrome(text_line) or is_caption(text_line) or _is_rule(text_line):
            continue
        if offset < 8 and text_line and _is_meta(text_line):
            inline_meta.append(text_line)
            continue
        kept.append(line)
    paragraphs = _trim_trailing_links(_paragraphs(kept))
    body = "\n\n".join(paragraphs)
    if len(body.split()) < _MIN_BODY_WORDS:
        raise NoArticleText("the text holds too little prose to be an article")
    meta = read_meta(lines[:start], inline=inline_meta, footer=lines[end:],
                     day_first=numeric_order_hint(text[:20000]))
    credits = [*meta.credits, *credit_lines, *(l for l in lines[end:end + 40]
                                if re.search(r"©|copyright|reporting by|contributed", l, re.IGNORECASE))]
    wire = detect_wire(body, credits="\n".join(credits))
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
