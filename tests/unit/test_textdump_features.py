"""The text-dump features, computed over all units at once, are those of one unit at a
time to the last bit: ``_reference`` below is the per-unit computation the shipped model
was trained with, kept here as the oracle."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from services.pipeline.formats import textdump_features as tf
from services.pipeline.formats.textdump_units import Unit, units

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "textdump"
_SEPARATOR_DELETE = str.maketrans("", "", tf._SEPARATORS)
# The photo-credit test as one pattern (the module splits it in two, for speed).
_CREDIT = re.compile(r"\((?:[^()\n]{0,60}\b(?:photo|foto|image|getty|reuters|afp|ap|epa|"
                     r"file|dpa)\b[^()\n]{0,60}|[^()/\n]{2,60}/[^()/\n]{2,60})\)\s{0,3}$"
                     r"|\b(?:photo|foto|image|credit)\s{0,3}:", re.IGNORECASE)
# A sentence's end, as the module wrote it before it was made quicker to search (with the
# full stops of scripts without capitals, the danda among them, that it reads since).
_SENTENCE_BREAK = re.compile(r"[.!?\u2026][\"\u201d\u2019')]?\s+(?=[\"\u201c\u2018(]?[A-Z0-9])"
                             r"|[\u3002\uff01\uff1f" + tf.UNCASED_STOPS + "]")


def _own(unit: Unit, words: list[str], repeats: int, position: float) -> list[float]:
    text = unit.text
    chars = max(1, len(text))
    n_words = len(words)
    nw = max(1, n_words)
    lower = [w.lower() for w in words[:tf._SAMPLE_WORDS]]
    sample = text[:tf._SAMPLE_CHARS]
    alpha = sum(map(str.isalpha, sample))
    digits = sum(map(str.isdigit, sample))
    upper = sum(map(str.isupper, sample))
    punct = len(sample) - alpha - digits - sample.count(" ")
    per_char = max(1, len(sample))
    titled = sum(map(str.isupper, (w[0] for w in words[:tf._SAMPLE_WORDS])))
    sentences = len(_SENTENCE_BREAK.findall(text)) + (text[-1:] in tf._ENDS)
    return [
        math.log1p(n_words),
        math.log1p(chars),
        min(12.0, sum(map(len, words)) / nw),
        sum(map(tf._STOP_WORDS.__contains__, lower)) / max(1, len(lower)),
        sum(map(tf._CHROME_WORDS.__contains__, lower)) / max(1, len(lower)),
        alpha / per_char,
        digits / per_char,
        upper / max(1, alpha),
        titled / max(1, min(nw, tf._SAMPLE_WORDS)),
        punct / per_char,
        text.count(",") / nw,
        sentences / nw,
        float(text[-1:] in tf._ENDS),
        float(text[-1:] == ":"),
        float(text[:1].islower()),
        min(1.0, unit.link_chars / chars),
        min(1.0, unit.links / nw),
        float(unit.links == 0 and n_words >= 15),
        float(unit.bullet),
        float(unit.heading),
        float(unit.placeholders > 0),
        float(unit.urls > 0),
        min(1.0, text.count("|") / nw),
        min(1.0, (chars - len(text.translate(_SEPARATOR_DELETE))) / nw),
        float("\u00a9" in text or "copyright" in text[:200].lower()),
        float(text[-1:] == "?"),
        float(text[:1] in "\"\u201c\u201e\u00ab'\u2018"),
        math.log1p(repeats - 1),
        math.log1p(unit.last - unit.first),
        float(unit.blank_before) + float(unit.blank_after),
        min(1.0, unit.indent / 8),
        position,
        float(n_words <= 4),
        float(n_words >= 25),
        float(n_words >= 60),
        math.log1p(chars) ** 2 / 10,
        float(bool(tf._LABEL.match(text))),
        float(bool(_CREDIT.search(text[:400]))),
        float(bool(tf._GLUED.search(text[:tf._SAMPLE_CHARS]))),
    ]


def _is_meta(text: str) -> bool:
    words = [w.lower() for w in tf._WORD.findall(text)]
    if len(text) >= 150 or len(words) > 15:
        return False
    byline = 1 <= len(words) <= 10 and (words[0] in tf._BYLINE_MARKERS or (
        words[0] in tf._BYLINE_PREFIXES and words[1:2] != [] and words[1] in tf._BYLINE_MARKERS))
    return bool(tf._DATE_SHAPE.search(text)) or byline


def _reference(found: list[Unit]) -> np.ndarray:
    seen = Counter(u.text.casefold() for u in found)
    openings = Counter(u.text[:tf._OPENING].casefold() for u in found
                       if len(u.text) >= tf._OPENING)
    last = max(1, len(found) - 1)
    meta = [_is_meta(u.text) for u in found]
    rows = []
    previous = None  # the last meta line before the unit
    for i, u in enumerate(found):
        since = tf._SINCE_CAP if previous is None else min(tf._SINCE_CAP, i - previous)
        rows.append([*_own(u, tf._WORD.findall(u.text), seen[u.text.casefold()], i / last),
                     math.log1p(openings[u.text[:tf._OPENING].casefold()] - 1)
                     if len(u.text) >= tf._OPENING else 0.0,
                     float("[" in u.text or "]" in u.text), float(meta[i]),
                     math.log1p(since) / math.log1p(tf._SINCE_CAP),
                     math.log1p(sum(meta))])
        if meta[i]:
            previous = i
    return np.asarray(rows, dtype=np.float64)


def _unit(text: str, index: int, **layout: int) -> Unit:
    return Unit(text=text, first=index, last=index + layout.pop("lines", 0),
                indent=layout.pop("indent", 0), bullet=bool(layout.pop("bullet", 0)),
                heading=bool(layout.pop("heading", 0)), links=layout.pop("links", 0),
                link_chars=layout.pop("link_chars", 0), placeholders=layout.pop("placeholders", 0),
                urls=layout.pop("urls", 0), blank_before=bool(index % 2),
                blank_after=bool(index % 3))


# Edge cases of the per-character, per-word and regex columns.
_TEXTS = [
    "",  # a unit of links only: "" ends a sentence and opens a quote, as `in` says
    "The council voted on Tuesday to reopen the old ferry landing, ending a closure.",
    "COPYRIGHT 2024 The Estuary Times | All rights reserved \u00a9",
    "Home \u203a News \u00bb Local / Sport \u2022 Weather \u00b7 More > Next",
    "Emoji \U0001f525 and \U0001d400\U0001d401 math capitals beyond the plane \U00010400 Deseret",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3067\u3059\u3002\u7d9a\u304d\u307e\u3059\uff01",
    "Read more: Bridge repairs delayed again",
    "A harbour at dusk (AP Photo/Jane Doe)",
    "Photo : the quay",
    "HeadlineOne about the quayAnother headline here",
    "the show.The band played on",
    "x" * 396 + "abcD e",  # a glue point that ends just past the sample
    "x" * 394 + "abcDe",  # and one that ends just inside it
    "word " * 120,  # more words than are sampled
    "\u0130stanbul COPYR\u0130GHT \u212aelvin \u00c5ngstr\u00f6m stra\u00dfe",
    "\u201cA quote,\u201d she said? Really?",
    "lower case start: and a colon:",
    "Numbers 1 2 3 \u00b2 \u2167 \u0663 only",
    "It's the people\u2019s choice. Is it? Yes! 42 said so\u2026 (AP)",
    "Nov. 19, 2019 8:03 am ET",  # a date line
    "By Jane Doe and John Roe",  # a byline
    "\u2014 Written by Jane Doe",
    "\U0001d41a math small a opens this, an emoji closes it \U0001f525",  # beyond the BMP
    "\U0001f525",
    "(AP Photo/Jane Doe)  ",  # the bracket near the end
    "]",
    "Posted",
    "Story time at the library",
    "insurance]( medicaid-marketplace)",
    "Published 05/10/2018 - Categoria: Sa\u00fade",
    ("In 2019 the council spent more on the harbour than on the roads, and the port "
     "authority says the quay will reopen before the summer season starts in earnest."),
]


def test_features_of_all_units_at_once_equal_those_of_one_at_a_time() -> None:
    found = [_unit(text, i, links=i % 3, link_chars=7 * i, placeholders=i % 2, urls=i % 4 // 3,
                   indent=i, lines=i % 3, bullet=i % 5 == 0, heading=i % 7 == 0)
             for i, text in enumerate([*_TEXTS, _TEXTS[1], _TEXTS[1].upper()])]
    assert np.array_equal(tf.unit_features(found), _reference(found))


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_features_of_the_fixtures_equal_those_of_one_unit_at_a_time(path: Path) -> None:
    found = units(path.read_text("utf-8"))
    assert np.array_equal(tf.unit_features(found), _reference(found))


def test_no_units_no_rows() -> None:
    assert tf.unit_features([]).shape == (0, len(tf.FEATURES))


def test_features_counted_in_chunks_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    found = units((FIXTURES / "markdown-blog.txt").read_text("utf-8")) * 5
    whole = tf.unit_features(found)
    monkeypatch.setattr(tf, "_CHUNK_CHARS", 300)  # many chunks, some of one long unit
    assert np.array_equal(tf.unit_features(found), whole)
