"""Shortcuts taken for speed in the enrichment steps give the answers of the plain
computation they replace, on the fixtures and on generated edge cases."""

from __future__ import annotations

import html
import random
import re
import sys
from collections import defaultdict
from datetime import date
from itertools import pairwise
from pathlib import Path

from services.pipeline.enrich import keywords, linklists, sentiment, staleness
from services.pipeline.enrich.sentiment import body_sentences, sentences

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EVERY_CHARACTER = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]


def _pages() -> list[str]:
    """The fixtures' text dumps and HTML pages, and generated pages of list-like lines
    with odd whitespace, bullets and link tags."""
    pages = [path.read_text("utf-8", "replace") for folder in ("textdump", "html", "samples")
             for path in sorted((FIXTURES / folder).glob("*")) if path.is_file()]
    rng = random.Random(7)
    words = ["-", "*", "\u2022", "\u00b7", "3.", "12)", "\u0663.", "1.5", "-x", " ", "  ", "\t",
             "\u00a0", "\u2028", "\x1c", "\x85", "\u3000", "word", "Senate", "plan", "votes", "on",
             "benefits", "again", ".", ":", ",", "&amp;", "\n"]
    links = ["<a href='x'>", "</a>", "<A\n", "<A HREF=y>", "</A >", "<a ", "<a\n"]
    for kind in ("text", "html", "upper-case html"):
        pieces = {"text": words, "html": words + links, "upper-case html": words + links[1:4]}[kind]
        for _ in range(200):
            lines = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
                     for _ in range(30)]
            pages.append("\n".join(lines))
    return pages


def _old_headline_items(page: str, body: str) -> list[str]:
    """``headline_items`` as first written: a regex per line for the bullet and for
    whitespace, and the page lower-cased to look for links."""
    page = page[: linklists.MAX_PAGE_CHARS]
    lower = page.lower()
    if "<a " in lower or "<a\n" in lower:
        texts = [html.unescape(re.sub(r"<[^<>]+>", " ", m)) for m in linklists.link_texts(page)]
    else:
        texts = [re.sub(r"^\s*(?:[-*\u2022\u00b7]|\d+[.)])\s+", "", line) for line in page.splitlines()]
    body_key = re.sub(r"\s+", " ", body)
    body_pairs = set(pairwise(body_key.split()))
    items = []
    for text in texts:
        text = re.sub(r"\s+", " ", text).strip()
        words = text.split()
        if not 4 <= len(words) <= 20 or text.endswith((".", ":", ",")):
            continue
        if (words[1], words[2]) in body_pairs and text in body_key:
            continue
        if sum(w[:1].isalpha() for w in words) < 3:
            continue
        items.append(text)
    return items


def test_headline_items_are_those_of_the_plain_computation() -> None:
    pages = _pages()
    bodies = ["", "Senate plan votes on benefits again", pages[0]]
    for page in pages:
        for body in bodies:
            assert linklists.headline_items(page, body) == _old_headline_items(page, body)


def test_split_and_join_collapse_whitespace_as_the_regex_does() -> None:
    # What headline_items relies on: str.split() and re's \s agree on every character.
    for ch in EVERY_CHARACTER:
        text = f"{ch}a{ch}{ch}b{ch}"
        assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip(), hex(ord(ch))


def test_only_a_and_A_lower_case_to_a() -> None:
    # headline_items looks for "<a "/"<a\n" without lower-casing the page.
    assert [ch for ch in EVERY_CHARACTER if "a" in ch.lower()] == ["A", "a"]


def test_body_sentences_are_the_sentences() -> None:
    for page in _pages():
        assert body_sentences(page) == tuple(sentences(page))
        assert body_sentences(page) == tuple(sentences(page))  # and from the cache
    long = "One sentence. " * 20_000  # past the cached size: split again, same answer
    assert body_sentences(long) == tuple(sentences(long))


def _old_stale_evidence(body: str, page: date) -> dict[str, object]:
    """``stale_evidence`` as first written: the tense and the years looked for in every
    sentence, dated or not."""
    lag, evidence, years = 0, [], []
    for sentence in sentences(body):
        future = bool(staleness._FUTURE.search(sentence))
        for m in staleness._DATE.finditer(sentence):
            month = staleness.MONTHS[m["month"].rstrip(".").lower()]
            if m["month"] == "May" and not m["day"] and not m["year"] \
                    and not staleness._looks_like_month(sentence, m.start()):
                continue
            if staleness._BEFORE_MONTH_SKIP.search(sentence[: m.start()][-8:]) or future:
                continue
            if m["year"]:
                day = int(m["day"]) if m["day"] else None
                when = (date(int(m["year"]), month, day) if day and day <= 28
                        else staleness._month_end(int(m["year"]), month))
                if when < page and (page - when).days > lag:
                    lag, evidence = (page - when).days, [*evidence, m.group(0)]
            elif month > page.month:
                days = (page - staleness._month_end(page.year - 1, month)).days
                if days > lag:
                    lag, evidence = days, [*evidence, m.group(0)]
        if not future:
            years.extend(int(y["year"]) for y in staleness._YEAR.finditer(sentence) if int(y["year"]) <= page.year)
    if years and max(years) < page.year and (page - date(max(years), 12, 31)).days > lag:
        lag, evidence = (page - date(max(years), 12, 31)).days, [*evidence, str(max(years))]
    result: dict[str, object] = {"stale_lag_days": lag, "stale_evidence": evidence[-3:]}
    lede = sentences(body)[:1]
    weekday = staleness._WEEKDAY.search(lede[0]) if lede else None
    if weekday:
        result["lede_weekday_lag_days"] = (page.weekday() - staleness.WEEKDAYS[weekday[1].lower()]) % 7
    return result


def test_stale_evidence_is_that_of_the_plain_computation() -> None:
    rng = random.Random(3)
    pieces = ["In", "June", "May", "March 3, 2021", "Sept. 2019", "in 2023", "2020", "1999", "$2019",
              "20", "19", "2019%", "will", "next", "last", "by", "Tuesday", "said", "officials", ".",
              "?", "\n", "Dec 25", "scheduled", "it", "may"]
    bodies = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    bodies += [page for page in _pages() if len(page) < 50_000]
    for body in bodies:
        for page in (date(2024, 3, 5), date(2019, 11, 30), date(2021, 12, 31)):
            assert staleness.stale_evidence(body, page) == _old_stale_evidence(body, page), body


def _plain_phrase_counts(body: str, stop: frozenset[str]) -> tuple[dict[str, int], ...]:
    """The phrase counts as first written: sentences cut into runs of candidate words,
    and every phrase of every run counted in a loop over the phrase lengths."""
    token = re.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")

    def runs_of(sentence: str) -> list[list[str]]:
        runs: list[list[str]] = [[]]
        for tok in token.findall(sentence):
            tok = tok[:-2] if tok.endswith(("'s", "\u2019s")) else tok
            word = tok.casefold()
            if not tok[0].isalnum() or word in stop or tok.isdigit() or len(word) < 2:
                runs.append([])
            else:
                runs[-1].append(tok)
        return [run for run in runs if run]

    freq: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    capitalised: dict[str, int] = defaultdict(int)
    surface: dict[str, str] = {}
    for index, sentence in enumerate(sentences(body)):
        for run in runs_of(sentence):
            capital = [w[0].isupper() for w in run]
            capital[0] = capital[0] and not sentence.startswith(run[0])
            for n in range(1, keywords.MAX_WORDS + 1):
                for i in range(len(run) - n + 1):
                    key = " ".join(w.casefold() for w in run[i : i + n])
                    freq[key] += 1
                    first.setdefault(key, index)
                    if capital[i]:
                        capitalised[key] += 1
                        surface.setdefault(key, " ".join(run[i : i + n]))
    return freq, first, capitalised, surface


def test_phrase_counts_are_those_of_the_plain_computation() -> None:
    stop = frozenset({"the", "a", "of", "and", "in", "on", "is", "said"})
    rng = random.Random(5)
    pieces = ["The", "the", "Senate", "senate", "Senate's", "WeWork\u2019s", "plan", "Plan", "votes", "of",
              "and", "Fort", "Worth", "fort", "worth", "2024", "3rd", "x", "I", "_id", "co-op", "U.S.", ",",
              ".", "!", "\n", "\u00c9lys\u00e9e", "\u03a3\u039f\u03a3", "said", "a", "Biden", "biden"]
    bodies = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 80))) for _ in range(2000)]
    bodies += [page for page in _pages() if len(page) < 50_000]
    for body in bodies:
        assert tuple(keywords.phrase_counts(body, stop)) == _plain_phrase_counts(body, stop), body



def test_overlong_sentences_are_scored_in_pieces_and_others_whole() -> None:
    # VADER's cost grows with the square of a sentence's length: a run of words with no
    # full stop is cut into pieces of MAX_SENTENCE_WORDS words, every word kept once.
    cap = sentiment.MAX_SENTENCE_WORDS
    ordinary = " ".join(["word"] * cap)
    assert sentiment.scored_pieces(ordinary) == [ordinary]
    long = " ".join(f"w{i}" for i in range(5 * cap + 7))
    pieces = sentiment.scored_pieces(long)
    assert len(pieces) == 6
    assert all(len(p.split()) <= cap for p in pieces)
    assert " ".join(pieces) == long


def test_the_word_before_a_month_is_read_as_from_the_whole_prefix() -> None:
    def plain(sentence: str, start: int) -> bool:
        before = sentence[:start].rstrip()
        return bool(before) and before.split()[-1].lower() in (
            "in", "of", "since", "early", "late", "mid", "a", "last", "on")

    rng = random.Random(9)
    pieces = ["in", "In", "of", "mid", "x", "within", "a", "  ", " ", "\t", "\u00a0", "May", "early"]
    for _ in range(3000):
        sentence = "".join(rng.choice(pieces) + rng.choice(["", " ", "   " * 20]) for _ in range(rng.randint(1, 40)))
        for start in range(len(sentence) + 1):
            assert staleness._looks_like_month(sentence, start) == plain(sentence, start), (sentence, start)


def test_headline_items_search_the_body_a_bounded_number_of_times() -> None:
    # Items whose inner words are a pair of body words are searched for in the body, each
    # distinct one once and at most MAX_BODY_SEARCHES of them (past that, counted as found:
    # not items), so a page of thousands of such lines costs no more than that.
    cap = linklists.MAX_BODY_SEARCHES
    page = "\n".join(f"* Senate plan votes on benefits number{i}" for i in range(cap + 100))
    items = linklists.headline_items(page + "\n" + page, "the plan votes today")
    assert items == [f"Senate plan votes on benefits number{i}" for i in range(cap)] * 2


def test_the_ner_model_multiplies_with_numpy_and_gets_blis_products() -> None:
    # The NER's layers keep the ops they were built with: numpy's products (OpenBLAS),
    # not blis' (whose generic kernel some CPUs fall back to); the same products.
    import numpy as np
    from thinc.api import NumpyOps

    from services.pipeline.enrich.models import numpy_gemm_ops, spacy_ner

    ops, blis = numpy_gemm_ops(), NumpyOps()
    rng = np.random.default_rng(5)
    x = rng.random((37, 96), dtype=np.float32)
    y = rng.random((96, 64), dtype=np.float32)
    np.testing.assert_allclose(ops.gemm(x, y), blis.gemm(x, y), rtol=1e-5)
    np.testing.assert_allclose(ops.gemm(y, x, trans1=True, trans2=True), blis.gemm(y, x, trans1=True, trans2=True),
                               rtol=1e-5)
    out = np.zeros((37, 64), dtype=np.float32)
    assert ops.gemm(x, y, out=out) is out
    np.testing.assert_allclose(out, blis.gemm(x, y), rtol=1e-5)
    model = spacy_ner().get_pipe("ner").model
    assert type(model.ops).gemm is type(ops).gemm
    assert all(type(layer.ops).gemm is type(ops).gemm for layer in model.walk())
