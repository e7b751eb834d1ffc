"""Features of a text dump's units that tell article text from page furniture.

The features are the ones boilerplate removers for HTML found to hold across sites
(boilerpipe's text and link density, jusText's stop-word density and length classes),
carried over to flattened text, plus what flattening leaves behind: link markers,
bullets, button placeholders, pipes between menu items, lines repeated elsewhere on the
page. None names a site or a layout. Each unit's own features are joined by those of
its neighbours (``context``), because a paragraph is judged by the company it keeps: a
short line between two paragraphs of prose is more likely a sentence than a menu item.

Cost: one pass over each unit's text (``str`` methods and two linear regexes), then a
fixed number of passes over the unit list; linear in the dump.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from services.pipeline.formats.textdump_units import Unit

__all__ = ["FEATURES", "context", "unit_features"]

# Function words of the languages copydesk meets most; a stop-word share is the best
# single sign of running prose in any of them (jusText keeps lists for 100 languages;
# a short multilingual list is enough for a density).
_STOP_WORDS = frozenset(["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said", "says", "told", "according", "year", "years", "last", "first", "new", "one", "two", "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einen", "dem", "den", "des", "mit", "von", "zu", "im", "auf", "für", "sich", "auch", "als", "wie", "bei", "nach", "aus", "wird", "werden", "hat", "haben", "sind", "war", "wurde", "noch", "nur", "oder", "aber", "so", "am", "um", "es", "er", "sie", "le", "la", "les", "et", "est", "un", "une", "des", "du", "dans", "pour", "que", "qui", "sur", "pas", "par", "au", "aux", "avec", "ce", "cette", "il", "elle", "ont", "été", "sont", "plus", "ne", "se", "son", "sa", "ses", "leur", "mais", "ou", "comme", "el", "los", "las", "y", "en", "del", "por", "con", "para", "una", "es", "que", "se", "al", "lo", "su", "sus", "más", "como", "pero", "fue", "ha", "han", "ser", "o", "em", "do", "da", "dos", "das", "no", "na", "os", "um", "uma", "para", "com", "não", "mais", "ao", "pelo", "pela", "foi", "são", "il", "di", "che", "è", "per", "non", "una", "sono", "ma", "anche", "nel", "della", "delle", "degli", "alla", "gli", "de", "het", "een", "en", "van", "ik", "te", "dat", "die", "in", "zijn", "op", "aan", "met", "voor", "niet", "ook", "maar"])
_CHROME_WORDS = frozenset(["advertisement", "advertising", "ad", "ads", "sponsored", "subscribe", "subscription", "subscribers", "newsletter", "newsletters", "sign", "login", "log", "register", "account", "cookie", "cookies", "privacy", "policy", "terms", "share", "shares", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit", "email", "print", "instagram", "youtube", "tiktok", "telegram", "follow", "comments", "comment", "reply", "replies", "related", "trending", "popular", "recommended", "menu", "search", "skip", "navigation", "home", "contact", "copyright", "reserved", "rights", "click", "download", "app", "apps", "weather", "horoscope", "podcast", "podcasts", "video", "videos", "photos", "gallery", "watch", "listen", "read", "more", "next", "previous", "prev", "page", "loading", "javascript", "browser", "enable", "accept", "continue", "continues", "caption", "credit", "photo", "photograph", "image", "anzeige", "werbung", "teilen", "kommentare", "newsletter", "abonnieren", "lesen", "auch", "publicité", "partager", "commentaires", "abonnez", "lire", "aussi", "publicidad", "compartir", "comentarios", "suscríbete", "leer", "también", "pubblicità", "condividi", "commenti", "leggi", "anche", "publicidade", "compartilhar", "comentários", "leia", "também"])
# Two blocks flattened into one line with no space between them ("...SteakhouseA party
# of six", "...on the Rise?Violence is"): headline-and-teaser lists leave these.
_GLUED = re.compile(r"[a-z]{3}[A-Z](?=[a-z]|\s)|[a-z]{2}[.!?][A-Z][a-z]")
# A short label and a colon opening the unit: "Read more:", "Photo:", "Lesen Sie auch:".
_LABEL = re.compile(r"^[^\W\d][^:\n]{0,24}:\s")
# A photo credit closing a caption: "(AP Photo/Jane Doe)", "(Jane Doe/The Sentinel)".
_CREDIT = re.compile(r"\((?:[^()\n]{0,60}\b(?:photo|foto|image|getty|reuters|afp|ap|epa|"
                     r"file|dpa)\b[^()\n]{0,60}|[^()/\n]{2,60}/[^()/\n]{2,60})\)\s{0,3}$"
                     r"|\b(?:photo|foto|image|credit)\s{0,3}:", re.IGNORECASE)
# A word; in Chinese, Japanese and Korean text, which has no spaces, every character.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+(?:['\u2019][^\W\d_{_CJK}]+)?")
_SENTENCE_BREAK = re.compile(r"[.!?\u2026][\"\u201d\u2019')]?\s+(?=[\"\u201c\u2018(]?[A-Z0-9])|[\u3002\uff01\uff1f]")
_ENDS = ".!?\u2026\"\u201d\u2019'\u3002\uff01\uff1f\u300d"

_SAMPLE_CHARS = 400
# Menu and breadcrumb separators: "Home > News", "Sport • Weather", "a / b".
_SEPARATOR_DELETE = str.maketrans("", "", "\u2022\u00b7/>\u203a\u00bb")
_SAMPLE_WORDS = 80

FEATURES: tuple[str, ...] = (
    "log_words", "log_chars", "mean_word_len", "stop_share", "chrome_share",
    "alpha_share", "digit_share", "upper_share", "title_case_share", "punct_share",
    "comma_rate", "sentence_rate", "ends_sentence", "ends_colon", "starts_lower",
    "link_density", "links_per_word", "no_link_prose", "bullet", "heading", "placeholder",
    "url", "pipes", "separators", "copyright", "question", "quote",
    "repeats", "lines", "blank_around", "indent", "position", "short", "long", "very_long",
    "log_chars_sq", "label", "photo_credit", "glued", "opening_repeats",
)
_OPENING = 32


def _own(unit: Unit, words: list[str], repeats: int, position: float) -> list[float]:
    text = unit.text
    chars = max(1, len(text))
    n_words = len(words)
    nw = max(1, n_words)
    lower = [w.lower() for w in words[:_SAMPLE_WORDS]]
    sample = text[:_SAMPLE_CHARS]  # character shares from the unit's start: bounded work
    alpha = sum(map(str.isalpha, sample))
    digits = sum(map(str.isdigit, sample))
    upper = sum(map(str.isupper, sample))
    punct = len(sample) - alpha - digits - sample.count(" ")
    per_char = max(1, len(sample))
    titled = sum(map(str.isupper, (w[0] for w in words[:_SAMPLE_WORDS])))
    sentences = len(_SENTENCE_BREAK.findall(text)) + (text[-1:] in _ENDS)
    link_density = min(1.0, unit.link_chars / chars)
    return [
        math.log1p(n_words),
        math.log1p(chars),
        min(12.0, sum(map(len, words)) / nw),
        sum(map(_STOP_WORDS.__contains__, lower)) / max(1, len(lower)),
        sum(map(_CHROME_WORDS.__contains__, lower)) / max(1, len(lower)),
        alpha / per_char,
        digits / per_char,
        upper / max(1, alpha),
        titled / max(1, min(nw, _SAMPLE_WORDS)),
        punct / per_char,
        text.count(",") / nw,
        sentences / nw,
        float(text[-1:] in _ENDS),
        float(text[-1:] == ":"),
        float(text[:1].islower()),
        link_density,
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
        float(bool(_LABEL.match(text))),
        float(bool(_CREDIT.search(text[:400]))),
        float(bool(_GLUED.search(text[:_SAMPLE_CHARS]))),
    ]


def unit_features(units: Sequence[Unit]) -> npt.NDArray[np.float64]:
    """One row of ``FEATURES`` per unit."""
    if not units:
        return np.zeros((0, len(FEATURES)))
    seen = Counter(u.text.casefold() for u in units)
    # Teasers and link lists repeat a headline in several places, joined differently
    # each time: units that open with the same words count as repeats too.
    openings = Counter(u.text[:_OPENING].casefold() for u in units if len(u.text) >= _OPENING)
    last = max(1, len(units) - 1)
    rows = [[*_own(u, _WORD.findall(u.text), seen[u.text.casefold()], i / last),
             math.log1p(openings[u.text[:_OPENING].casefold()] - 1)
             if len(u.text) >= _OPENING else 0.0]
            for i, u in enumerate(units)]
    return np.asarray(rows, dtype=np.float64)


_CONTEXT_OF = ("log_words", "stop_share", "link_density", "ends_sentence", "bullet",
               "chrome_share", "long", "short", "links_per_word", "title_case_share")
_CONTEXT_INDEX = [FEATURES.index(name) for name in _CONTEXT_OF]
OFFSETS = (-3, -2, -1, 1, 2, 3)


def context(own: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Own features, a few features of each neighbour up to three units away, and the
    mean of those over a window of five on each side; missing neighbours are zero."""
    n = own.shape[0]
    if n == 0:
        return np.zeros((0, own.shape[1] + len(_CONTEXT_INDEX) * (len(OFFSETS) + 1) + 4))
    picked = own[:, _CONTEXT_INDEX]
    blocks = [own]
    for offset in OFFSETS:
        shifted = np.zeros_like(picked)
        if offset < 0 and n > -offset:
            shifted[-offset:] = picked[:offset]
        elif offset > 0 and n > offset:
            shifted[:-offset] = picked[offset:]
        blocks.append(shifted)
    window = 5
    cumulative = np.vstack([np.zeros((1, picked.shape[1])), np.cumsum(picked, axis=0)])
    idx = np.arange(n)
    lo = np.clip(idx - window, 0, n)
    hi = np.clip(idx + window + 1, 0, n)
    blocks.append((cumulative[hi] - cumulative[lo]) / (hi - lo)[:, None])
    blocks.append(_relative(own))
    return np.hstack(blocks)


_WORDS = FEATURES.index("log_words")
_STOP = FEATURES.index("stop_share")


def _relative(own: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """How a unit compares with the rest of its own page: pages differ in how long their
    paragraphs are, so "long" is also measured against the page's longest unit."""
    words = own[:, _WORDS]
    counts = np.expm1(words)
    order = np.argsort(np.argsort(words, kind="stable"), kind="stable")
    return np.column_stack([
        words - words.max(),
        order / max(1, len(words) - 1),
        counts / max(1.0, counts.sum()),
        own[:, _STOP] - np.median(own[:, _STOP]),
    ])
