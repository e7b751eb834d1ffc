"""Post-processing of trafilatura's text, measured on the Article Extraction Benchmark
(``python -m benchmarks.eval_extraction``): drop the headline and date lines it keeps
at the top, inline chrome (``READ MORE: ...``, newsletter prompts, ``Comments``), and
link lists that follow a "Don't miss" / "Related" marker."""

from __future__ import annotations

import re
from typing import Any

from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_rules import is_inline_chrome, is_link_box, is_terminator

__all__ = ["clean_paragraphs", "continuation_paragraphs"]

_WORD = re.compile(r"\w+")
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)|copyright)", re.IGNORECASE)
_UPDATED = re.compile(r"^\W*(?:updated|published|posted|last modified)\b", re.IGNORECASE)
_TERMINAL = ".!?\u2026\"\u201d\u2019')]:;"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _is_headline(paragraph: str, titles: list[str]) -> bool:
    words = _words(paragraph)
    if not words or len(words) > 40:
        return False
    for title in titles:
        expected = _words(title)
        if not expected:
            continue
        if words == expected:
            return True
        shared = len(set(words) & set(expected))
        if shared >= 0.85 * len(set(expected)) and len(words) <= 1.2 * len(expected) + 2:
            return True
    return False


def _is_date_line(paragraph: str) -> bool:
    if len(paragraph.split()) > 12:
        return False
    found = find_date(paragraph)
    if found is None:
        return bool(re.match(r"^\W*(?:updated|published|posted)\b.{0,40}\d", paragraph, re.IGNORECASE))
    rest = (paragraph[:found.start] + paragraph[found.end:]).strip(" -|\u2022\u00b7,.:")
    return len(rest.split()) <= 4


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= 25 or (
        len(paragraph.split()) >= 6 and paragraph.rstrip()[-1:] in _TERMINAL)


def clean_paragraphs(paragraphs: list[str], *, titles: list[str]) -> list[str]:
    kept: list[str] = []
    skipping_links = False
    for index, paragraph in enumerate(paragraphs):
        if index < 3 and ((not kept and _is_headline(paragraph, titles))
                          or _is_date_line(paragraph)):
            continue
        if (is_terminator(paragraph) and not _COPYRIGHT.match(paragraph)) or is_link_box(paragraph):
            skipping_links = True
            continue
        if skipping_links and not _is_prose(paragraph):
            continue
        skipping_links = False
        if is_inline_chrome(paragraph) or (index > len(paragraphs) - 4 and _UPDATED.match(
                paragraph) and _is_date_line(paragraph)):
            continue
        kept.append(paragraph)
    return kept


def _key(text: str) -> str:
    return " ".join(text.split())[:60]


def continuation_paragraphs(tree: Any, paragraphs: list[str]) -> list[str]:
    """Paragraphs from the article's later containers that the extractor missed.

    Sites that break the body with ad rows repeat the body container (same tag and
    class) further down the page; trafilatura keeps only the first one.
    """
    extracted = {_key(p) for p in paragraphs if len(p.split()) >= 8}
    if len(extracted) < 2:
        return []
    parents: dict[Any, int] = {}
    for p in tree.iter("p"):
        if _key(p.text_content()) in extracted:
            parent = p.getparent()
            if parent is not None:
                parents[parent] = parents.get(parent, 0) + 1
    if not parents:
        return []
    container, hits = max(parents.items(), key=lambda item: item[1])
    css = container.get("class")
    if hits < 2 or not css:
        return []
    extra: list[str] = []
    seen = set(extracted)
    after = False
    for other in tree.iter(container.tag):
        if other is container:
            after = True
            continue
        if not after or other.get("class") != css:
            continue
        for p in other.iter("p"):
            text = " ".join(p.text_content().split())
            links = sum(len(a.text_content()) for a in p.iter("a"))
            if text and _key(text) not in seen and links < 0.5 * len(text):
                seen.add(_key(text))
                extra.append(text)
    return extra if sum(len(t.split()) >= 15 for t in extra) >= 1 else []
