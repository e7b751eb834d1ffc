"""Keywords: the top phrases of an article, scored without a model.

Candidates are runs of 1-3 words between stop words and punctuation (spaCy's
stop-word list for the article's language). A candidate's score is

    frequency * (2 if in the title) * (1 + 0.5 / (1 + first sentence index))
              * (1 + 0.5 * (words - 1)) * (1.3 if written capitalised mid-sentence)

phrases of two or more words must occur twice (or in the title); a phrase is
dropped when a higher-scored kept phrase contains it or is contained in it. Scores
are divided by the best one, so the top keyword has 1.0. About 20x cheaper than YAKE
on the same articles (``benchmarks/bench_enrich.py``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import ClassVar, NamedTuple

from services.pipeline.enrich import models
from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment
from services.pipeline.enrich.sentiment import body_sentences

TOP_N = 10
# Words of news prose that are never keywords, on top of the language's stop words.
NEWS_STOP = frozenset(
    [
        "said", "says", "say", "saying", "told", "tell", "according", "also", "including", "use", "used", "uses", "new",
        "like", "just", "would", "could", "may", "might", "percent", "per", "cent", "year", "years", "month", "months",
        "week", "weeks", "day", "days", "time", "times", "people", "one", "two", "three", "first", "last", "mr", "ms",
        "mrs"
    ]
)
MAX_WORDS = 3
_TOKEN = re.compile(r"\w+(?:[-'\u2019]\w+)*|[^\w\s]")


def _words(sentence: str, stop: frozenset[str]) -> tuple[list[str], list[str | None]]:
    """A sentence's tokens as written and case-folded; ``None`` in place of a token that
    ends a run of candidate words (punctuation, stop words, numbers, one letter)."""
    # possessive: "WeWork's" counts as "WeWork"
    written = [t[:-2] if t.endswith(("'s", "\u2019s")) else t for t in _TOKEN.findall(sentence)]
    folded: list[str | None] = [
        None if not t[0].isalnum() or w in stop or t.isdigit() or len(w) < 2 else w
        for t, w in zip(written, map(str.casefold, written), strict=True)
    ]
    return written, folded


def _runs(sentence: str, stop: frozenset[str]) -> list[list[str]]:
    runs: list[list[str]] = []
    current: list[str] = []
    for tok, word in zip(*_words(sentence, stop), strict=True):
        if word is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        runs.append(current)
    return runs


class PhraseCounts(NamedTuple):
    """Every candidate phrase of a body (case-folded): how often it occurs, the index of
    the first sentence holding it, how often it is written capitalised mid-sentence, and
    its first such spelling."""

    freq: dict[str, int]
    first: dict[str, int]
    capitalised: dict[str, int]
    surface: dict[str, str]


def phrase_counts(body: str, stop: frozenset[str]) -> PhraseCounts:
    freq: dict[str, int] = defaultdict(int)
    first: dict[str, int] = {}
    capitalised: dict[str, int] = defaultdict(int)
    surface: dict[str, str] = {}
    for index, sentence in enumerate(body_sentences(body)):
        written, folded = _words(sentence, stop)
        capital = [w[0].isupper() for w in written]
        last = len(folded) - 1
        for i, key in enumerate(folded):
            if key is None:
                continue
            if i == 0 or folded[i - 1] is None:
                # A run's first word, written as the sentence opens: not "capitalised".
                capital[i] = capital[i] and not sentence.startswith(written[i])
            # The phrases of 1 to MAX_WORDS words starting here, within the run.
            n = 1
            while True:
                freq[key] += 1
                if key not in first:
                    first[key] = index
                if capital[i]:
                    capitalised[key] += 1
                    if key not in surface:
                        surface[key] = written[i] if n == 1 else " ".join(written[i : i + n])
                if n == MAX_WORDS or i + n > last or (word := folded[i + n]) is None:
                    break
                key = f"{key} {word}"
                n += 1
    return PhraseCounts(freq, first, capitalised, surface)


def extract_keywords(
    body: str, *, title: str | None, stop: frozenset[str], top: int = TOP_N
) -> list[tuple[str, float]]:
    freq, first, capitalised, surface = phrase_counts(body, stop)
    title_words = {w.casefold() for run in _runs(title or "", stop) for w in run}
    title_text = " ".join(w.casefold() for run in _runs(title or "", stop) for w in run)
    scored: list[tuple[float, str]] = []
    for key, count in freq.items():
        n = key.count(" ") + 1
        in_title = key in title_text if n > 1 else key in title_words
        if n > 1 and count < 2 and not in_title:
            continue
        score = count * (2.0 if in_title else 1.0) * (1 + 0.5 / (1 + first[key])) * (1 + 0.5 * (n - 1))
        if capitalised[key] * 2 >= count:
            score *= 1.3
        scored.append((score, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    kept: list[tuple[str, float]] = []
    for score, key in scored:
        padded = f" {key} "
        inside = [j for j, (k, _) in enumerate(kept) if f" {k} " in padded]
        if inside:
            # A longer phrase replaces the words it contains when it scores at least
            # half as well ("ballistic" -> "ballistic missiles").
            j = inside[0]
            if len(inside) == 1 and score * 2 >= kept[j][1] and not any(
                padded in f" {k} " for k, _ in kept
            ):
                kept[j] = (key, kept[j][1])
            continue
        if any(padded in f" {k} " for k, _ in kept):
            continue
        kept.append((key, score))
        if len(kept) == top:
            break
    if not kept:
        return []
    best = kept[0][1]
    # Names keep their capitals (as first written mid-sentence); other words are lower case.
    return [(surface[k] if capitalised[k] * 2 >= freq[k] else k, round(s / best, 3)) for k, s in kept]


class KeywordEnricher(Enricher):
    name = "keywords"
    requires = (models.all_stop_words,)
    top: ClassVar[int] = TOP_N

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        stop = models.stop_words(out.language)
        if out.language in (None, "en"):
            stop = stop | NEWS_STOP
        out.keywords = extract_keywords(article.body, title=article.title, stop=stop, top=self.top)
