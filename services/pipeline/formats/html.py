"""HTML pages: body by trafilatura, metadata by ``html_meta``, wire by ``wire``.

The page is parsed once with lxml; trafilatura works on a copy of that tree.
"""

from __future__ import annotations

from typing import Any

from services.domain.models import ParsedArticle
from services.errors import NoArticleText
from services.pipeline.formats.html_clean import clean_paragraphs, continuation_paragraphs
from services.pipeline.formats.html_meta import read_html_meta
from services.pipeline.formats.limits import (
    DEFAULT_LIMITS,
    Limits,
    check_html_depth,
    check_html_size,
)
from services.pipeline.formats.textdump_rules import byline_names, is_role
from services.pipeline.wire import canonical_agency, detect_wire

__all__ = ["html_fragment_text", "parse", "people_and_credits"]

_MIN_BODY_WORDS = 8
_FALLBACK_BELOW_WORDS = 120


def _load(text: str) -> Any:
    from trafilatura.utils import load_html

    try:
        return load_html(text)
    except (ValueError, TypeError, RecursionError):
        return None


def _extract_body(tree: Any) -> str:
    """trafilatura's own extractor first (``fast``: no readability/jusText fallback);
    the full run with fallbacks only when that finds little text. Measured on the
    benchmark, this is both faster and more accurate than the full run every time."""
    from trafilatura import extract

    text = ""
    for fast in (True, False):
        try:
            found = extract(tree, fast=fast, include_comments=False, include_tables=True,
                            deduplicate=False, with_metadata=False) or ""
        except (ValueError, TypeError, RecursionError, AttributeError):
            found = ""
        if len(found.split()) > len(text.split()):
            text = found
        if len(text.split()) >= _FALLBACK_BELOW_WORDS:
            break
    return _paragraph_text(text)


def _paragraph_text(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def people_and_credits(names: list[str]) -> tuple[list[str], list[str]]:
    """Person names and credits (agencies, roles) from author metadata."""
    people: list[str] = []
    credits: list[str] = []
    for name in names:
        if canonical_agency(name) or is_role(name):
            credits.append(name)
            continue
        found = byline_names(name, strict=False)
        if found is None:
            people.append(name)
            continue
        people += found[0]
        credits += [c for c in found[1] if canonical_agency(c.split()[0]) or canonical_agency(c)]
    return list(dict.fromkeys(people)), credits


def _headings(tree: Any) -> list[str]:
    return [" ".join(h.text_content().split()) for h in tree.iter("h1")][:3]


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML fragment, one paragraph per block element."""
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except (ValueError, TypeError, RecursionError):
        return fragment
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        block.tail = "\n" + (block.tail or "")
    for junk in root.xpath("//script|//style|//figcaption|//noscript"):
        junk.drop_tree()
    return _paragraph_text(root.text_content())


def parse(text: str, *, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> ParsedArticle:
    check_html_size(text, limits)
    tree = _load(text)
    if tree is None:
        raise NoArticleText("the HTML page has no parseable document")
    check_html_depth(tree, limits)
    meta = read_html_meta(tree)
    extracted = _extract_body(tree).split("\n\n")
    extracted += continuation_paragraphs(tree, extracted)
    paragraphs = clean_paragraphs(extracted,
                                  titles=[t for t in (meta.title, meta.page_title, *_headings(tree)) if t])
    body = "\n\n".join(paragraphs)
    if len(body.split()) < _MIN_BODY_WORDS:
        raise NoArticleText("no article text found in the HTML page")
    authors, credits = people_and_credits(meta.authors)
    wire = detect_wire(body, credits="\n".join(f"By X, {c}" for c in credits))
    return ParsedArticle(
        source_format="html",
        body=body,
        title=meta.title,
        authors=tuple(authors),
        published_at=meta.published_at,
        modified_at=meta.modified_at,
        site_name=meta.site_name,
        section=meta.section,
        url=meta.url,
        canonical_url=meta.canonical_url,
        language=meta.language,
        wire_source=wire.wire_source,
        dateline=wire.dateline,
    )
