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

Linear in the page: link texts are found in one pass over the ``<a``/``</a`` tags (a
regex searching ``<a …>(.*?)</a>`` rescanned the rest of the page from every opener
without a closer: tens of thousands of ``<a`` fragments took about 100 s), and an item
is looked up in the body only when its inner words are a pair of consecutive body words.

A weak signal: mainstream news pages carry "most read" rails of unrelated headlines
too, and on the 90 pages of the extraction benchmark it flags about one in five
(``benchmarks/eval_enrich.py`` prints the figure), so it weighs little in
``quality_score``.
"""

from __future__ import annotations

import html
import re
from itertools import pairwise

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment

MIN_ITEMS = 15
MIN_DENSITY = 0.3
MIN_UNRELATED = 0.8
MAX_PAGE_CHARS = 2_000_000
MAX_BODY_SEARCHES = 500
_A_TAG = re.compile(r"<(/?)a\b", re.IGNORECASE)  # an opening or closing <a> tag starts
_CLOSE_END = re.compile(r"\s*>")
_TAG = re.compile(r"<[^<>]+>")  # no "<" inside: a search never restarts within its run
_BULLET = re.compile(r"[-*\u2022\u00b7]|\d+[.)]")  # a list bullet, as a word of its own
_HAS_LINK = re.compile(r"<[aA][ \n]")  # the page is HTML with links: "<a " or "<a\n"


def link_texts(page: str) -> list[str]:
    """What ``<a …>text</a>`` pairs hold, in order, as ``re.findall`` of
    ``<a\\b[^>]*>(.*?)</a\\s*>`` (DOTALL, IGNORECASE) would give, in one pass."""
    opens: list[int] = []
    closes: list[tuple[int, int]] = []  # (start of "</a", end of its ">")
    for m in _A_TAG.finditer(page):
        if not m.group(1):
            opens.append(m.start())
        else:
            end = _CLOSE_END.match(page, m.end())
            if end:
                closes.append((m.start(), end.end()))
    texts: list[str] = []
    cursor = 0  # where the last pair ended: pairs never overlap
    gt = -1  # the first ">" at or after the current opener (found once per run)
    c = 0  # the first closer not yet passed
    for start in opens:
        if start < cursor:
            continue
        if gt < start + 2:
            gt = page.find(">", start + 2)
            if gt < 0:
                break  # no opener from here on is ever closed by a ">"
        while c < len(closes) and closes[c][0] <= gt:
            c += 1
        if c == len(closes):
            break  # no closer after this opener, nor after any later one
        texts.append(page[gt + 1:closes[c][0]])
        cursor = closes[c][1]
    return texts


def headline_items(page: str, body: str) -> list[str]:
    page = page[:MAX_PAGE_CHARS]
    if _HAS_LINK.search(page):
        texts = [html.unescape(_TAG.sub(" ", m) if "<" in m else m).split() for m in link_texts(page)]
    else:
        # A line's words without its list bullet ("- ", "* ", "3. "): the bullet is a
        # first word of its own. (``split`` and ``" ".join`` collapse whitespace as
        # ``re.sub(r"\s+", " ", …).strip()`` would, for a line of any length.)
        texts = [words[1:] if len(words) > 1 and _BULLET.fullmatch(words[0]) else words
                 for words in map(str.split, page.splitlines())]
    body_words = body.split()
    body_key = " ".join(body_words)  # an item, stripped, is in it as in the body's collapsed spaces
    # An item found in the body has its inner words (all but the first and last, which
    # may be parts of body words) as whole consecutive body words: only those items are
    # searched for, so the body is not scanned once per item.
    body_pairs = set(pairwise(body_words))
    items = []
    searched: dict[str, bool] = {}
    for words in texts:
        if not 4 <= len(words) <= 20:
            continue
        text = " ".join(words)
        if text.endswith((".", ":", ",")):
            continue
        if (words[1], words[2]) in body_pairs:
            found = searched.get(text)
            if found is None:
                # Each distinct item is searched for once, and at most MAX_BODY_SEARCHES of
                # them: thousands of items sharing a word pair with a long body would each
                # scan it (quadratic); past the bound an item counts as found in the body.
                found = len(searched) >= MAX_BODY_SEARCHES or text in body_key
                searched[text] = found
            if found:
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
        unrelated = sum(1 for i in items if keywords.isdisjoint(_word(w) for w in i.split()))
        share = unrelated / len(items) if items else 0.0
        out.signals["link_items"] = len(items)
        out.signals["link_density"] = round(density, 3)
        out.signals["link_unrelated"] = round(share, 3)
        out.link_list_spam = len(items) >= MIN_ITEMS and density >= MIN_DENSITY and share >= MIN_UNRELATED


def _word(token: str) -> str:
    return token.casefold().strip("'\"\u2018\u2019\u201c\u201d,.?!:;()")
