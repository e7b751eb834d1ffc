"""Post-processing of trafilatura's text, measured on the Article Extraction Benchmark
(``python -m benchmarks.eval_extraction``): drop the headline and date lines it keeps
at the top, inline chrome (``READ MORE: ...``, newsletter prompts, ``Comments``), and
link lists that follow a "Don't miss" / "Related" marker."""

from __future__ import annotations

import re

from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_rules import is_inline_chrome, is_terminator

__all__ = ["clean_paragraphs"]

_WORD = re.compile(r"\w+")
_COPYRIGHT = re.compile(r"^\W*(?:©|\(c\)|copyright)", re.I)
_UPDATED = re.compile(r"^\W*(?:updated|published|posted|last modified)\b", re.I)
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
        return bool(re.match(r"^\W*(?:updated|published|posted)\b.{0,40}\d", paragraph, re.I))
    rest = (paragraph[:found.start] + paragraph[found.end:]).strip(" -|\u2022\u00b7,.:")
    return len(rest.split()) <= 4


def _is_prose(paragraph: str) -> bool:
    return len(paragraph.split()) >= 25 or (
        len(paragraph.split()) >= 6 and paragraph.rstrip()[-1:] in _TERMINAL)


def clean_paragraphs(paragraphs: list[str], *, titles: list[str]) -> list[str]:
    kept: list[str] = []
    skipping_links = False
    for index, paragraph in enumerate(paragraphs):
        if index < 3 and not kept and (_is_headline(paragraph, titles) or _is_date_line(paragraph)):
            continue
        if is_terminator(paragraph) and not _COPYRIGHT.match(paragraph):
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
