"""Readability (Flesch reading ease) and reading time.

Flesch reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words,
computed here with a vowel-group syllable counter (no dictionary lookups), for
English only: the formula's constants are fitted to English. 60-70 is plain
English, 30-50 college level, below 30 hard. ``benchmarks/bench_enrich.py`` prints
how far it lies from textstat 0.7.8's value on the benchmark articles.

Reading time = words / 238 words per minute (the mean silent reading rate for
non-fiction, Brysbaert 2019), in seconds; for Chinese, Japanese and Korean, whose
words are not separated by spaces, characters / 500 per minute.
"""

from __future__ import annotations

import functools
import re

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment
from services.pipeline.enrich.sentiment import body_sentences

WORDS_PER_MINUTE = 238
CJK_CHARS_PER_MINUTE = 500
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@functools.lru_cache(maxsize=32768)  # bounded; news prose repeats its words
def syllables(word: str) -> int:
    w = word.lower().replace("\u2019", "'")
    w = w.removesuffix("'s")
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make", "state"
    if w.endswith("ed") and len(w) > 3 and w[-3] not in "td" and count > 1:
        count -= 1  # "-ed" is no syllable after most consonants: "asked", "planned"
    return max(1, count)


def flesch_reading_ease(text: str) -> float | None:
    words = _WORD.findall(text)
    n_sentences = len(body_sentences(text))
    if not words or not n_sentences:
        return None
    syl = sum(syllables(w) for w in words)
    return round(206.835 - 1.015 * len(words) / n_sentences - 84.6 * syl / len(words), 2)


class ReadabilityEnricher(Enricher):
    name = "readability"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        if out.language == "en":
            out.readability = flesch_reading_ease(article.body)


class ReadingTimeEnricher(Enricher):
    name = "reading_time"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        if out.language in ("zh", "ja", "ko"):
            minutes = len(_CJK.findall(article.body)) / CJK_CHARS_PER_MINUTE
        else:
            minutes = article.word_count / WORDS_PER_MINUTE
        out.reading_time_s = round(minutes * 60)
