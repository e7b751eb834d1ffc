"""Link-list spam: pages padded with lists of unrelated headlines.

Read from the page as dropped (the raw file, decoded), since the parser removes the
lists from the body. A *headline item* is a link text (HTML ``<a>``) or, in a text
dump, a line outside the body of 4-20 words that does not end like a sentence
(". ") — "Senate begins final push to expand Social Security benefits". Counted:
``signals["link_items"]`` and ``signals["link_density"]`` = headline words /
(headline words + body words). ``signals["link_unrelated"]`` is the share of items that
share no word with the article's keywords. ``link_list_spam`` is true when a page
has at least ``MIN_ITEMS`` (15) items, a density of at least ``MIN_DENSITY`` (0.3:
three words of headline lists for every seven of article) and at least
``MIN_UNRELATED`` (0.8) of them off-topic. Null when the page text is not known.

A weak signal: mainstream news pages carry "most read" rails of unrelated headlines
too, and on the 90 pages of the extraction benchmark it flags about one in five
(``benchmarks/eval_enrich.py`` prints the figure), so it weighs little in
``quality_score``.
"""

from __future__ import annotations

import html
import re

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment

MIN_ITEMS = 15
MIN_DENSITY = 0.3
MIN_UNRELATED = 0.8
MAX_PAGE_CHARS = 2_000_000
_ANCHOR = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u00b7]|\d+[.)])\s+")
_SPACE = re.compile(r"\s+")


def headline_items(page: str, body: str) -> list[str]:
    page = page[:MAX_PAGE_CHARS]
    if "<a " in page[:MAX_PAGE_CHARS].lower() or "<a\n" in page.lower():
        texts = [html.unescape(_TAG.sub(" ", m)) for m in _ANCHOR.findall(page)]
    else:
        texts = [_BULLET.sub("", line) for line in page.splitlines()]
    body_key = _SPACE.sub(" ", body)
    items = []
    for text in texts:
        text = _SPACE.sub(" ", text).strip()
        words = text.split()
        if not 4 <= len(words) <= 20 or text.endswith((".", ":", ",")) or text in body_key:
            continue
        if sum(w[:1].isalpha() for w in words) < 3:
            continue
        items.append(text)
    return items


class LinkListEnricher(Enricher):
    name = "link_lists"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        if article.page_text is None:
            return
        items = headline_items(article.page_text, article.body)
        link_words = sum(len(i.split()) for i in items)
        density = link_words / max(1, link_words + article.word_count)
        keywords = {w.casefold() for k, _ in out.keywords for w in k.split()}
        unrelated = sum(1 for i in items if not ({_word(w) for w in i.split()} & keywords))
        share = unrelated / len(items) if items else 0.0
        out.signals["link_items"] = len(items)
        out.signals["link_density"] = round(density, 3)
        out.signals["link_unrelated"] = round(share, 3)
        out.link_list_spam = len(items) >= MIN_ITEMS and density >= MIN_DENSITY and share >= MIN_UNRELATED


def _word(token: str) -> str:
    return token.casefold().strip("'\"\u2018\u2019\u201c\u201d,.?!:;()")
