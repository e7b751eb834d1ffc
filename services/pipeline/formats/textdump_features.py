"""Features of a text dump's units that tell article text from page furniture.

The features are the ones boilerplate removers for HTML found to hold across sites
(boilerpipe's text and link density, jusText's stop-word density and length classes),
carried over to flattened text, plus what flattening leaves behind: link markers,
bullets, button placeholders, pipes between menu items, lines repeated elsewhere on the
page. None names a site or a layout. Each unit's own features are joined by those of
its neighbours (``context``), because a paragraph is judged by the company it keeps: a
short line between two paragraphs of prose is more likely a sentence than a menu item.

Cost: linear in the dump. The features are computed a column at a time over all the
units (``unit_features``): regexes and string methods mapped over the texts, character
classes looked up in one array of the code points of every unit, per-unit counts taken
from cumulative sums; then a fixed number of passes over the unit list.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import chain, compress
from operator import itemgetter
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from services.pipeline.formats.textdump_units import UNCASED_STOPS, WIDE_BLOCKS, Unit

__all__ = ["FEATURES", "context", "features_and_words", "unit_features"]

# Function words of the languages copydesk meets most; a stop-word share is the best
# single sign of running prose in any of them (jusText keeps lists for 100 languages;
# a short multilingual list is enough for a density).
_STOP_WORDS: Final = frozenset([
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
    "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me",
    "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out",
    "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
    "said", "says", "told", "according", "year", "years", "last", "first", "new", "one", "two", "der", "die", "das",
    "und", "ist", "nicht", "ein", "eine", "einen", "dem", "den", "des", "mit", "von", "zu", "im", "auf", "für", "sich",
    "auch", "als", "wie", "bei", "nach", "aus", "wird", "werden", "hat", "haben", "sind", "war", "wurde", "noch", "nur",
    "oder", "aber", "so", "am", "um", "es", "er", "sie", "le", "la", "les", "et", "est", "un", "une", "des", "du",
    "dans", "pour", "que", "qui", "sur", "pas", "par", "au", "aux", "avec", "ce", "cette", "il", "elle", "ont", "été",
    "sont", "plus", "ne", "se", "son", "sa", "ses", "leur", "mais", "ou", "comme", "el", "los", "las", "y", "en", "del",
    "por", "con", "para", "una", "es", "que", "se", "al", "lo", "su", "sus", "más", "como", "pero", "fue", "ha", "han",
    "ser", "o", "em", "do", "da", "dos", "das", "no", "na", "os", "um", "uma", "para", "com", "não", "mais", "ao",
    "pelo", "pela", "foi", "são", "il", "di", "che", "è", "per", "non", "una", "sono", "ma", "anche", "nel", "della",
    "delle", "degli", "alla", "gli", "de", "het", "een", "en", "van", "ik", "te", "dat", "die", "in", "zijn", "op",
    "aan", "met", "voor", "niet", "ook", "maar"
])
_CHROME_WORDS: Final = frozenset([
    "advertisement", "advertising", "ad", "ads", "sponsored", "subscribe", "subscription", "subscribers", "newsletter",
    "newsletters", "sign", "login", "log", "register", "account", "cookie", "cookies", "privacy", "policy", "terms",
    "share", "shares", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "reddit", "email", "print",
    "instagram", "youtube", "tiktok", "telegram", "follow", "comments", "comment", "reply", "replies", "related",
    "trending", "popular", "recommended", "menu", "search", "skip", "navigation", "home", "contact", "copyright",
    "reserved", "rights", "click", "download", "app", "apps", "weather", "horoscope", "podcast", "podcasts", "video",
    "videos", "photos", "gallery", "watch", "listen", "read", "more", "next", "previous", "prev", "page", "loading",
    "javascript", "browser", "enable", "accept", "continue", "continues", "caption", "credit", "photo", "photograph",
    "image", "anzeige", "werbung", "teilen", "kommentare", "newsletter", "abonnieren", "lesen", "auch", "publicité",
    "partager", "commentaires", "abonnez", "lire", "aussi", "publicidad", "compartir", "comentarios", "suscríbete",
    "leer", "también", "pubblicità", "condividi", "commenti", "leggi", "anche", "publicidade", "compartilhar",
    "comentários", "leia", "também"
])
# Two blocks flattened into one line with no space between them ("...SteakhouseA party
# of six", "...on the Rise?Violence is"): headline-and-teaser lists leave these.
_GLUED: Final = re.compile(r"[a-z]{3}[A-Z](?=[a-z]|\s)|[a-z]{2}[.!?][A-Z][a-z]")
# A short label and a colon opening the unit: "Read more:", "Photo:", "Lesen Sie auch:".
_LABEL: Final = re.compile(r"^[^\W\d][^:\n]{0,24}:\s")
# A photo credit closing a caption: "(AP Photo/Jane Doe)", "(Jane Doe/The Sentinel)".
# Or a credit label: "Photo:", "Credit:". (Two patterns: the bracket, whose match ends
# the text, is looked for only in the text's last ``_CREDIT_CHARS`` characters, the label
# only in a text holding a colon.)
_CREDIT_BRACKET: Final = re.compile(r"\((?:[^()\n]{0,60}\b(?:photo|foto|image|getty|reuters|afp|ap|"
                                    r"epa|file|dpa)\b[^()\n]{0,60}|[^()/\n]{2,60}/[^()/\n]{2,60})\)"
                                    r"\s{0,3}$", re.IGNORECASE)
_CREDIT_CHARS: Final = 140  # the longest _CREDIT_BRACKET match, 133 characters, and some
_CREDIT_LABEL: Final = re.compile(r"\b(?:photo|foto|image|credit)\s{0,3}:", re.IGNORECASE)
# A word; in Chinese, Japanese and Korean text, which has no spaces, every character.
_CJK: Final = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD: Final = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+(?:['\u2019][^\W\d_{_CJK}]+)?")
# A sentence's end: ``[.!?\u2026]["\u201d\u2019')]?\s+(?=["\u201c\u2018(]?[A-Z0-9])``, a CJK full
# stop (``[\u3002\uff01\uff1f]``) or one of a script without capitals (``UNCASED_STOPS``),
# written to open with one class of every end character so that a search skips to the
# next of them (an alternation is tried at every position: twice as slow); the same
# matches.
_SENTENCE_BREAK: Final = re.compile(r"[.!?\u2026\u3002\uff01\uff1f" + UNCASED_STOPS
                                    + r"](?:(?<=[\u3002\uff01\uff1f" + UNCASED_STOPS + r"])"
                                    r"|[\"\u201d\u2019')]?\s+(?=[\"\u201c\u2018(]?[A-Z0-9]))")
_ENDS: Final = ".!?\u2026\"\u201d\u2019'\u3002\uff01\uff1f\u300d" + UNCASED_STOPS

_SAMPLE_CHARS: Final = 400
_SAMPLE_WORDS: Final = 80

FEATURES: Final[tuple[str, ...]] = (
    "log_words", "log_chars", "mean_word_len", "stop_share", "chrome_share",
    "alpha_share", "digit_share", "upper_share", "title_case_share", "punct_share",
    "comma_rate", "sentence_rate", "ends_sentence", "ends_colon", "starts_lower",
    "link_density", "links_per_word", "no_link_prose", "bullet", "heading", "placeholder",
    "url", "pipes", "separators", "copyright", "question", "quote",
    "repeats", "lines", "blank_around", "indent", "position", "short", "long", "very_long",
    "log_chars_sq", "label", "photo_credit", "glued", "opening_repeats",
    "brackets", "meta_line", "since_meta", "page_meta",
)
_OPENING: Final = 32
_META: Final = FEATURES.index("meta_line")

# A dateline or byline of the page: a short unit holding a date or a time
# ("Nov. 19, 2019 8:03 am ET", "05/10/2018 - Publicado por: ...") or opening with a byline
# marker ("By Jane Doe", "Por ...", "Written by ..."). An article's first paragraph follows
# such lines, however much furniture stands between them and the paragraph.
# (``\b(?:19|20)\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\b``, written to
# open with the digit every match opens with, the boundary read behind it: a search skips
# to the next digit instead of trying three alternatives at every position; the same
# matches)
_DATE_SHAPE: Final = re.compile(r"\d(?<=\b\d)(?:(?<=1)9\d{2}\b|(?<=2)0\d{2}\b"
                                r"|\d?[/.-]\d{1,2}[/.-]\d{2,4}\b|\d?:\d{2}\b)")
# A byline's first word, or its second after one of the prefixes.
_BYLINE_MARKERS: Final = frozenset(("by", "por", "par", "von", "di", "door", "av", "af", "autor",
                                    "author", "auteur"))
_BYLINE_PREFIXES: Final = frozenset(("written", "posted", "story", "publicado", "publi\u00e9",
                                     "publiziert"))
_META_CHARS: Final = 150  # longer units are not read for a date or a byline
_META_WORDS: Final = 15  # a date line holds at most this many words
_BYLINE_WORDS: Final = 10  # and a byline this many
_SINCE_CAP: Final = 30  # units counted since the last meta line
# between units scanned together: a line that no date can match or run into
_META_GAP: Final = "\nZ\n"


# Menu and breadcrumb separators: "Home > News", "Sport • Weather", "a / b".
_SEPARATORS: Final = "\u2022\u00b7/>\u203a\u00bb"
_QUOTES: Final = "\"\u201c\u201e\u00ab'\u2018"
_BMP: Final = 0x10000
_CHAR_TESTS: Final = (str.isalpha, str.isdigit, str.isupper, str.isspace)
# The classes ``_GLUED`` is made of.
_CHAR_SETS: Final = (string.ascii_lowercase, string.ascii_uppercase, ".!?")
# Characters counted in the whole text, by class: commas, pipes, separators, copyright
# signs, colons, square brackets; and closing brackets, whose places are read. (No
# character is in two.)
_COUNTED: Final = (",", "|", _SEPARATORS, "\u00a9", ":", "[]", ")")
_CLOSERS: Final = _COUNTED.index(")") + 1  # their class in _edge_tables' first table
_SAMPLED: Final = 3  # the first rows of the table are counted in the sample only


@cache
def _char_bits() -> npt.NDArray[np.uint16]:
    """Per character of the Basic Multilingual Plane, one bit per test: each of
    ``_CHAR_TESTS``, then membership of each of ``_CHAR_SETS`` (made once per process,
    in milliseconds). No character beyond the BMP is in any of the sets."""
    chars = [chr(c) for c in range(_BMP)]
    bits = np.zeros(_BMP, dtype=np.uint16)
    for bit, test in enumerate(_CHAR_TESTS):
        bits |= np.fromiter(map(test, chars), dtype=np.bool_, count=_BMP).astype(np.uint16) << bit
    for bit, members in enumerate(_CHAR_SETS, start=len(_CHAR_TESTS)):
        bits[[ord(c) for c in members]] |= 1 << bit
    return bits


# Lanes of the packed counts (``_char_tables``): the sample's counts in four lanes of
# 16 bits (a sample holds at most _SAMPLE_CHARS characters).
_LANE16: Final = 0xFFFF
_GLUE_BITS: Final = (4, 5, 6, 3)  # lower, capital, sentence stop, space: what _GLUED reads


@cache
def _char_tables() -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint8]]:
    """Per BMP character, ``_char_bits`` as what ``_char_counts`` adds up: letter, digit,
    upper case and space packed in one word (16 bits each); and the bits ``_GLUED`` is
    tested with, in one byte."""
    bits = _char_bits().astype(np.uint64)

    def bit(k: int) -> npt.NDArray[np.uint64]:
        return (bits >> np.uint64(k)) & np.uint64(1)

    sample = bit(0) | bit(1) << np.uint64(16) | bit(2) << np.uint64(32) | bit(3) << np.uint64(48)
    glue = sum((bit(k) << np.uint64(lane) for lane, k in enumerate(_GLUE_BITS)),
               np.zeros(_BMP, dtype=np.uint64)).astype(np.uint8)
    return sample, glue


@cache
def _edge_tables() -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """Per BMP character: its class in ``_COUNTED`` (the class's index and one; 0 for a
    character in none) and, in one byte, whether it ends a sentence (``_ENDS``), opens a
    quote (``_QUOTES``), is a small letter (``str.islower``), is wide (in
    ``textdump_units.WIDE_BLOCKS``, all in the BMP)."""
    counted = np.zeros(_BMP, dtype=np.uint8)
    for number, members in enumerate(_COUNTED, start=1):
        counted[[ord(c) for c in members]] = number
    kinds = np.zeros(_BMP, dtype=np.uint8)
    kinds[[ord(c) for c in _ENDS]] |= _ENDING
    kinds[[ord(c) for c in _QUOTES]] |= _QUOTING
    kinds |= np.fromiter(map(str.islower, map(chr, range(_BMP))), dtype=np.bool_,
                         count=_BMP).astype(np.uint8) * _SMALL
    for first_code, last_code in WIDE_BLOCKS:
        kinds[first_code:last_code + 1] |= _WIDE_CHAR
    return counted, kinds


_ENDING, _QUOTING, _SMALL, _WIDE_CHAR = 2, 4, 8, 16


class _Chars(NamedTuple):
    """What ``_char_counts`` finds, per text."""

    sample: npt.NDArray[np.int32]  # letters, digits, upper case, spaces in the sample
    whole: npt.NDArray[np.int32]  # commas, pipes, separators, copyright signs in the text
    glued: npt.NDArray[np.bool_]  # _GLUED matches in the sample
    colon: npt.NDArray[np.bool_]  # the text holds a colon
    bracket: npt.NDArray[np.bool_]  # the text holds "[" or "]"
    closing: npt.NDArray[np.bool_]  # ")" among the sample's last five characters
    ends: npt.NDArray[np.bool_]  # the last character is in _ENDS, or the text is empty
    question: npt.NDArray[np.bool_]  # the last character is "?"
    ends_colon: npt.NDArray[np.bool_]  # the last character is ":"
    quote: npt.NDArray[np.bool_]  # the first character is in _QUOTES, or the text is empty
    small: npt.NDArray[np.bool_]  # the first character is a small letter
    words: npt.NDArray[np.int64]  # textdump_units.word_count of the text
    wide: npt.NDArray[np.int64]  # its wide characters (textdump_units.WIDE_BLOCKS)


def _lanes(packed: npt.NDArray[np.uint64], width: int, mask: int) -> npt.NDArray[np.int32]:
    """The counts packed in each word, one row per lane (all the lanes in one shift)."""
    shifts = np.arange(0, 64, width, dtype=np.uint64)[:, None]
    return ((packed >> shifts) & np.uint64(mask)).astype(np.int32)


def _char_counts(texts: list[str]) -> _Chars:
    """Per text, from one array of the code points of all of them: letters, digits and
    upper-case letters among its first ``_SAMPLE_CHARS`` characters; spaces there too;
    commas, pipes, separators and copyright signs in all of it; whether ``_GLUED``
    matches in the sample, tested at every position at once; and the characters of
    ``_Chars`` that one text holds, or its first or last one is (for speed: asked of
    the array instead of each text in turn, which costs a few hundred instructions a
    text and a test).

    (Each count in the sample is a difference of cumulative sums at the texts' bounds;
    the counts are packed four to a 64-bit word, so one sum is taken instead of four. A
    segment's sum in a lane stays below the lane's limit, and the differences are exact
    modulo 2**64, so each lane holds its count. The characters of ``_COUNTED``, which
    few texts hold, are found and counted for the text each stands in.)"""
    joined = "".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    small = codes < _BMP
    # (code 0: in no test and no set; the indices made ``intp`` once, not by every ``take``)
    index = (codes if small.all() else np.where(small, codes, 0)).astype(np.intp)
    sample_table, glue_table = _char_tables()
    # (``take``: the lookups of a table in one pass, a few times quicker than indexing)
    sample = sample_table.take(index)
    glue_bits = glue_table.take(index)
    if not small.all():  # beyond the BMP (emoji, rare scripts): each character asked once
        where = (~small).nonzero()[0]
        distinct, each = np.unique(codes[where], return_inverse=True)
        chars = [chr(c) for c in distinct.tolist()]
        sample[where] = np.fromiter(
            (sum(test(c) << (16 * lane) for lane, test in enumerate(_CHAR_TESTS)) for c in chars),
            dtype=sample.dtype, count=len(chars))[each]
        glue_bits[where] = np.fromiter((c.isspace() << 3 for c in chars), dtype=glue_bits.dtype,
                                       count=len(chars))[each]
    lower, capital, stop, space = ((glue_bits & (1 << lane)).astype(np.bool_) for lane in range(4))
    # _GLUED at position i: [a-z]{3}[A-Z](?=[a-z]|\s) or [a-z]{2}[.!?][A-Z][a-z]; five
    # characters either way (the lookahead reads the fifth, and fails at the end)
    glued_at = np.zeros(0, dtype=np.int64)
    if len(codes) >= 5:
        glued_at = (
            lower[:-4] & lower[1:-3] & capital[3:-1]
            & ((lower[2:-2] & (lower[4:] | space[4:])) | (stop[2:-2] & lower[4:]))).nonzero()[0]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.zeros(len(texts), dtype=np.int64)
    lengths[:-1].cumsum(out=starts[1:])
    ends = starts + lengths
    sample_ends = starts + np.minimum(lengths, _SAMPLE_CHARS)
    glue_ends = np.maximum(starts, sample_ends - 4)  # a match must start this early
    counted_table, kind_table = _edge_tables()
    kinds = kind_table.take(index)
    cumulative = np.empty(len(codes) + 1, dtype=np.uint64)
    cumulative[0] = 0
    sample.cumsum(out=cumulative[1:])
    sample_sums = cumulative[sample_ends] - cumulative[starts]
    # (for speed: a look-up, a cumulative sum and a difference per class over every
    # character cost more than finding the few counted ones; the text a position stands
    # in is the last one starting at or before it, an empty text holding none)
    classes = counted_table.take(index)
    positions = classes.nonzero()[0]
    owners = starts.searchsorted(positions, side="right") - 1
    n = len(texts)
    counted = np.bincount((classes[positions].astype(np.int64) - 1) * n + owners,
                          minlength=len(_COUNTED) * n).reshape(len(_COUNTED), n)
    closers = positions[classes[positions] == _CLOSERS]  # (in order)
    empty = lengths == 0
    # ``word_count``: the words ``str.split`` finds (each opens with a character that is
    # not white space, at its text's start or after white space), and one for every two
    # wide characters
    opens = ~space
    opens[1:] &= space[:-1]
    firsts = starts[~empty]
    opens[firsts] = ~space[firsts]
    runs = np.empty(len(codes) + 1, dtype=np.int64)
    runs[0] = 0
    opens.cumsum(out=runs[1:])
    words = runs[ends] - runs[starts]
    wide = np.zeros(len(texts), dtype=np.int64)
    if not joined.isascii():
        ((kinds & _WIDE_CHAR) > 0).cumsum(out=runs[1:])
        wide = runs[ends] - runs[starts]
        words += wide // 2
    # (an empty text's first and last characters read as code 0 here, in no table: the
    # answers ``in`` gives for "" are set apart)
    first = np.where(empty, 0, kinds[np.minimum(starts, len(codes) - 1)]) if len(codes) \
        else np.zeros(len(texts), dtype=np.uint8)
    last_at = np.maximum(ends - 1, 0)
    last = np.where(empty, 0, kinds[last_at]) if len(codes) \
        else np.zeros(len(texts), dtype=np.uint8)
    last_code = np.where(empty, 0, codes[last_at]) if len(codes) \
        else np.zeros(len(texts), dtype=np.uint32)
    first_small = (first & _SMALL) > 0
    if not small.all():  # a text opening beyond the BMP: asked of ``str.islower``
        for i in (~empty & ~small[np.minimum(starts, len(codes) - 1)]).nonzero()[0].tolist():
            first_small[i] = texts[i][0].islower()
    return _Chars(
        sample=_lanes(sample_sums, 16, _LANE16),
        whole=counted[:4].astype(np.int32),
        glued=glued_at.searchsorted(glue_ends) > glued_at.searchsorted(starts),
        colon=counted[4] > 0, bracket=counted[5] > 0,
        closing=closers.searchsorted(sample_ends)
        > closers.searchsorted(np.maximum(starts, sample_ends - 5)),
        ends=empty | ((last & _ENDING) > 0), question=~empty & (last_code == ord("?")),
        ends_colon=~empty & (last_code == ord(":")),
        quote=empty | ((first & _QUOTING) > 0), small=first_small, words=words,
        wide=wide)


def _floats(values: Iterable[float], count: int) -> npt.NDArray[np.float64]:
    return np.fromiter(values, dtype=np.float64, count=count)


_CHUNK_CHARS = 1 << 20  # units are measured in chunks of about this many characters


def _log_counts(keys: list[str | None], counts: Counter[str | None]) -> npt.NDArray[np.float64]:
    """``log1p(count - 1)`` of each key."""
    found = np.fromiter(map(counts.__getitem__, keys), dtype=np.int64, count=len(keys))
    return _log1p_of(found - 1)


_LOG1P_TABLE: Final = 4096  # counts below this are looked up (most of a page's are)


@cache
def _log1p_tables() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """``math.log1p(i)`` and ``math.log1p(i) ** 2 / 10`` for i below ``_LOG1P_TABLE``,
    computed as the columns were one value at a time (so a look-up gives the same bits)."""
    logs = [math.log1p(i) for i in range(_LOG1P_TABLE)]
    return np.asarray(logs), np.asarray([c ** 2 / 10 for c in logs])


def _log1p_of(counts: npt.NDArray[np.int64], *, squared: bool = False
              ) -> npt.NDArray[np.float64]:
    """``math.log1p`` of each count (non-negative integers), or that squared over ten:
    looked up in a table (for speed: a call a value costs more than the column's other
    work), the rare count beyond it computed."""
    table = _log1p_tables()[1 if squared else 0]
    beyond = counts >= _LOG1P_TABLE
    if not beyond.any():
        return table.take(counts)
    out = table.take(np.minimum(counts, _LOG1P_TABLE - 1))
    for at in beyond.nonzero()[0].tolist():
        value = math.log1p(int(counts[at]))
        out[at] = value ** 2 / 10 if squared else value
    return out


def unit_features(units: Sequence[Unit]) -> npt.NDArray[np.float64]:
    """One row of ``FEATURES`` per unit (``features_and_words``)."""
    return features_and_words(units)[0]


def features_and_words(units: Sequence[Unit]
                       ) -> tuple[npt.NDArray[np.float64], list[int], list[int]]:
    """One row of ``FEATURES`` per unit, each unit's ``textdump_units.word_count`` and its
    wide characters (``WIDE_BLOCKS``, half a word each), found in the same pass over the
    characters, for the scorer, the selection and the body's word count.

    Computed a column at a time (string methods and regexes mapped over the texts,
    character classes looked up in one array of code points), with the same arithmetic
    as one unit at a time, so the values are the same to the last bit. The columns that
    compare a unit with the whole page are computed first; the others a chunk of units
    of about ``_CHUNK_CHARS`` characters at a time, so that the words and arrays held at
    once stay bounded whatever the size of the dump; last, from the meta-line column, how
    far back the last date line or byline stands and how many the page holds.
    """
    n = len(units)
    if not n:
        return np.zeros((0, len(FEATURES))), [], []
    texts = [u.text for u in units]
    folded: list[str | None] = list(map(str.casefold, texts))
    repeats = _log_counts(folded, Counter(folded))
    del folded
    openings = [t[:_OPENING].casefold() if len(t) >= _OPENING else None for t in texts]
    opening_counts = Counter(openings)
    opening_counts[None] = 1  # a unit too short to have an opening: log1p(0), 0.0
    opening_repeats = _log_counts(openings, opening_counts)
    positions = np.arange(n) / max(1, n - 1)
    blocks = []
    words: list[int] = []
    wide: list[int] = []
    start = total = 0
    for end, text in enumerate(texts, start=1):
        total += len(text)
        if total >= _CHUNK_CHARS or end == n:
            chunk = slice(start, end)
            block, held = _chunk_features(units[chunk], texts[chunk], repeats[chunk],
                                          positions[chunk], opening_repeats[chunk])
            blocks.append(block)
            words += held.words.tolist()
            wide += held.wide.tolist()
            start, total = end, 0
    # columns as rows until here: each column is one contiguous array
    own = np.concatenate(blocks, axis=1) if len(blocks) > 1 else blocks[0]
    meta = own[_META]
    rows = np.empty((n, len(own) + 2))
    rows[:, :-2] = own.T
    rows[:, -2] = _since(meta)
    rows[:, -1] = math.log1p(float(meta.sum()))
    return rows, words, wide


# A word of ASCII text: ``_WORD`` there, read without Unicode classes (faster)
_ASCII_WORD: Final = re.compile(r"[A-Za-z][A-Za-z]*(?:'[A-Za-z]+)?")  # ("[…][…]*": a search skips to a letter)
# Per lower-cased word: 1 for a stop word, plus 1 << _LANE for a chrome word. Summed per
# unit (a unit's counts are at most ``_SAMPLE_WORDS``, far below a lane).
_LANE: Final = 21
_LANE_MASK: Final = (1 << _LANE) - 1
_WORD_CLASS: Final = {word: (word in _STOP_WORDS) + ((word in _CHROME_WORDS) << _LANE)
                      for word in _STOP_WORDS | _CHROME_WORDS}
_FIRST_WORDS: Final = itemgetter(slice(None, _SAMPLE_WORDS))


def _words(text: str) -> list[str]:
    return _ASCII_WORD.findall(text) if text.isascii() else _WORD.findall(text)


# Every byte but an ASCII letter or an apostrophe made a space, the newline kept.
_LETTER_BYTES: Final = bytes(c if (chr(c).isalpha() and c < 128) or c in (10, 39) else 32
                             for c in range(256))


def _as_ascii(text: str) -> str | None:
    """A text beyond ASCII without a newline whose ``_words`` are those of the ASCII text
    returned (its every character beyond ASCII a "?", a right single quote made an
    apostrophe), or None. So where no character beyond ASCII is one ``_WORD`` can hold in
    a word, a CJK one or a word character other than a digit: each is then no letter to
    either pattern, as "?" is not; and where the text holds a right single quote and no
    apostrophe, which ``_WORD`` reads as one (the words holding it are given it back)."""
    if "\n" in text or _CJK_CHAR.search(text) or _BEYOND_ASCII_LETTER.search(text):
        return None
    if "\u2019" in text:
        if "'" in text:
            return None
        text = text.replace("\u2019", "'")
    return text.encode("ascii", "replace").decode("ascii")


# A word character beyond ASCII that is no decimal digit: a letter of ``_WORD``'s words
# (or an underscore-like connector, read as one too)
_BEYOND_ASCII_LETTER: Final = re.compile(r"[^\x00-\x7f\W\d]")


def _word_lists(texts: list[str]) -> list[list[str]]:
    """``_words`` of every text. (For speed: the pattern costs about a microsecond a word.
    The ASCII texts without a newline, most of them, and those ``_as_ascii`` reads as
    ASCII, are joined by newlines, every character but a letter and an apostrophe made a
    space at once, and split: ``_ASCII_WORD`` matches only inside such a run, so its words
    in a text are those it finds in each run, and a run without an apostrophe is one word.)"""
    result: list[list[str]] = [[] for _ in texts]
    plain: list[int] = []
    spelled: list[str] = []  # (the texts of ``plain``, as ASCII)
    quoted: set[int] = set()  # (texts whose apostrophes were right single quotes)
    for i, text in enumerate(texts):
        if text.isascii():
            if "\n" not in text:
                plain.append(i)
                spelled.append(text)
            continue
        ascii_text = _as_ascii(text)
        if ascii_text is not None:
            plain.append(i)
            spelled.append(ascii_text)
            if "\u2019" in text:
                quoted.add(i)
    if plain:
        joined = "\n".join(spelled).encode("ascii")
        letters = joined.translate(_LETTER_BYTES).decode("ascii").split("\n")
        for i, line in zip(plain, letters, strict=True):
            runs = line.split()
            if "'" in line:
                runs = [word for run in runs
                        for word in ((run,) if "'" not in run else _ASCII_WORD.findall(run))]
                if i in quoted:
                    runs = [word.replace("'", "\u2019") for word in runs]
            result[i] = runs
    if len(plain) < len(texts):
        done = set(plain)
        for i, text in enumerate(texts):
            if i not in done:
                result[i] = _split_words(text) if len(text) >= _SPLIT_CHARS else _words(text)
    return result


_CJK_CHAR: Final = re.compile(f"[{_CJK}]")
# Punctuation around words: no character of it is a word character or an apostrophe.
_EDGE_PUNCTUATION: Final = ".,;:!?\"()[]{}<>/*&%#@|~+=-\u00ab\u00bb\u201c\u201d\u201e\u2026\u2013\u2014"
_SPLIT_CHARS: Final = 40  # a shorter text is read by the pattern at once (quicker below this)


def _split_words(text: str) -> list[str]:
    """``_words(text)``, with the pattern asked only of the tokens that need it. (For
    speed in a text beyond ASCII of ``_SPLIT_CHARS`` or more, where ``_WORD`` tests each
    character's class: a word never spans white space, and a token of letters only, none
    of them CJK, is one word.)"""
    if text.isascii() or _CJK_CHAR.search(text):
        return _words(text)
    tokens = text.split()
    # (a text of tokens mostly not letters alone, markup or figures, is read by the pattern
    # at once: a call a token would cost more)
    if 2 * sum(map(str.isalpha, tokens)) < len(tokens):
        return _WORD.findall(text)
    words: list[str] = []
    for token in tokens:
        if token.isalpha():
            words.append(token)
            continue
        # a run of letters between punctuation that no word holds (no apostrophe) is
        # the token's one word, as the pattern finds it (for speed: "word," "(word.")
        core = token.strip(_EDGE_PUNCTUATION)
        if core and core.isalpha():
            words.append(core)
        else:
            words += _WORD.findall(token)
    return words


@cache
def _upper_bytes() -> bytes:
    """Per BMP character, 1 if it is upper case (``_char_bits``' ``str.isupper`` bit)."""
    return ((_char_bits() >> 2) & 1).astype(np.uint8).tobytes()


def _sampled_sums(flat: list[str], lower: list[str], counts: list[int]
                  ) -> tuple[list[int], list[int]]:
    """Per unit, whose first words are the next ``counts`` of ``flat`` (``lower``: them
    lower-cased): their classes (``_WORD_CLASS``) added up, and how many of them open
    with an upper-case letter (``str.isupper``). (Added up here, for speed: a dictionary
    look-up and a table look-up a word, and no array element a word.)"""
    word_class = _WORD_CLASS
    upper = _upper_bytes()
    bmp = _BMP  # (a local: compiled, read without a look-up a word)
    classes: list[int] = []
    capitals: list[int] = []
    at = 0
    for count in counts:
        total = 0
        opening = 0
        for index in range(at, at + count):
            total += word_class.get(lower[index], 0)
            head = flat[index][0]
            code = ord(head)
            if code < bmp:
                opening += upper[code]
            elif head.isupper():
                opening += 1
        classes.append(total)
        capitals.append(opening)
        at += count
    return classes, capitals


def _chunk_features(units: Sequence[Unit], texts: list[str],
                    repeats: npt.NDArray[np.float64], positions: npt.NDArray[np.float64],
                    opening_repeats: npt.NDArray[np.float64]
                    ) -> tuple[npt.NDArray[np.float64], _Chars]:
    """``unit_features`` of some consecutive units, given the columns that need them all,
    as one row per feature (the caller transposes the whole page at once); and their
    ``_char_counts``.

    Per-text work is mapped in C (``map`` over methods and ``itemgetter``s rather than
    generator expressions), and tests that few units pass are asked only of the units
    that hold the character they need: for speed, with the same values."""
    n = len(units)
    lined = "\n".join(texts)  # a test for a character or a word of any of the units
    words = _word_lists(texts)
    word_counts = np.fromiter(map(len, words), dtype=np.int64, count=n)
    n_words = word_counts.astype(np.float64)
    nw = np.maximum(1.0, n_words)
    char_counts = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    lengths = char_counts.astype(np.float64)
    chars = np.maximum(1.0, lengths)
    at_least_one = np.maximum(1, char_counts)
    letters: list[int] = []  # (each unit's letters, counted without joining its words)
    for unit_words in words:
        total = 0
        for word in unit_words:
            total += len(word)
        letters.append(total)
    word_chars = _floats(letters, n)
    heads = list(map(_FIRST_WORDS, words))
    sampled = np.minimum(word_counts, _SAMPLE_WORDS)
    flat = list(chain.from_iterable(heads))
    # (the built-in ``str.lower``, not ``.lower()``: compiled, that is mypyc's own, which
    # lower-cases a word-final capital sigma as a medial one; compiled.py)
    lower = list(map(str.lower, flat))
    class_sums, capitals = _sampled_sums(flat, lower, sampled.tolist())
    classes = np.fromiter(class_sums, dtype=np.int64, count=n)
    word_bounds = np.zeros(n + 1, dtype=np.int64)
    sampled.cumsum(out=word_bounds[1:])
    stop, chrome = classes & _LANE_MASK, (classes >> _LANE) & _LANE_MASK
    titled = np.fromiter(capitals, dtype=np.int64, count=n)
    per_sample = np.maximum(1, sampled)
    held = _char_counts(texts)
    (alpha, digits, upper, spaces), (commas, pipes, separators, copyright_signs) = \
        held.sample, held.whole
    sample_chars = np.minimum(lengths, _SAMPLE_CHARS)
    per_char = np.maximum(1.0, sample_chars)
    punct = sample_chars - alpha - digits - spaces
    ends_sentence = held.ends.astype(np.float64)
    sentences = _sentence_breaks(texts, lengths) + ends_sentence
    copyright_words = np.zeros(n)
    # (a unit with "copyright" in its lower-cased text makes the whole text's lower case
    # hold it; a quicker test than a case-blind search)
    if _holds_copyright(lined):
        copyright_words = _floats(("copyright" in t[:200].lower() for t in texts), n)
    # the layout: flags in one number a unit, counts in four (read here: fewer array elements)
    flags: list[int] = []
    counts: list[int] = []
    for unit in units:
        flags.append(unit.bullet | unit.heading << 1 | (unit.placeholders > 0) << 2
                     | (unit.urls > 0) << 3 | unit.blank_before << 4 | unit.blank_after << 5)
        counts += (unit.links, unit.link_chars, unit.indent, unit.last - unit.first)
    flag_bits = np.fromiter(flags, dtype=np.int64, count=n)
    bullet, heading, has_placeholders, has_urls, blank_before, blank_after = (
        ((flag_bits >> bit) & 1).astype(np.float64) for bit in range(6))
    links, link_chars, indent, line_span = \
        np.fromiter(counts, dtype=np.float64, count=4 * n).reshape(n, 4).T
    label = np.zeros(n)
    colons = held.colon.nonzero()[0].tolist()
    for index in colons:  # _LABEL needs a colon
        label[index] = _LABEL.match(texts[index]) is not None
    credit = np.zeros(n)
    # (the bracket's closing one stands in the sample's last five characters)
    for index in held.closing.nonzero()[0].tolist():
        sample = texts[index][:_SAMPLE_CHARS]
        credit[index] = _CREDIT_BRACKET.search(
            sample, max(0, len(sample) - _CREDIT_CHARS)) is not None
    for index in colons:
        if not credit[index]:
            credit[index] = _credit_label(texts[index][:_SAMPLE_CHARS])
    brackets = held.bracket.astype(np.float64)
    columns = [
        _log1p_of(word_counts),
        _log1p_of(at_least_one),
        np.minimum(12.0, word_chars / nw),
        stop / per_sample,
        chrome / per_sample,
        alpha / per_char,
        digits / per_char,
        upper / np.maximum(1, alpha),
        titled / np.maximum(1.0, np.minimum(nw, _SAMPLE_WORDS)),
        punct / per_char,
        commas / nw,
        sentences / nw,
        ends_sentence,
        held.ends_colon.astype(np.float64),
        held.small.astype(np.float64),
        np.minimum(1.0, link_chars / chars),
        np.minimum(1.0, links / nw),
        ((links == 0) & (n_words >= 15)).astype(np.float64),
        bullet,
        heading,
        has_placeholders,
        has_urls,
        np.minimum(1.0, pipes / nw),
        np.minimum(1.0, (chars - (lengths - separators)) / nw),
        ((copyright_signs > 0) | (copyright_words > 0)).astype(np.float64),
        held.question.astype(np.float64),
        held.quote.astype(np.float64),
        repeats,
        _log1p_of(line_span.astype(np.int64)),
        blank_before + blank_after,
        np.minimum(1.0, indent / 8),
        positions,
        (n_words <= 4).astype(np.float64),
        (n_words >= 25).astype(np.float64),
        (n_words >= 60).astype(np.float64),
        _log1p_of(at_least_one, squared=True),
        label,
        credit,
        held.glued.astype(np.float64),
        opening_repeats,
        brackets,  # a link cut where a line wrapped
        _meta_lines(texts, n_words, digits, lower, word_bounds),
    ]
    return np.array(columns, dtype=np.float64), held


# Between units joined for one scan: no _SENTENCE_BREAK match can hold or end at it.
_BREAK_GAP: Final = "\x00"


def _credit_label(sample: str) -> bool:
    """``_CREDIT_LABEL`` is found in the sample. (In ASCII text, where the case-blind
    pattern matches only ASCII letters, it needs one of its words in the lower-cased
    text: a quicker no than the pattern's search, tried at every position.)"""
    if sample.isascii():
        low = sample.lower()
        if not ("photo" in low or "foto" in low or "image" in low or "credit" in low):
            return False
    return _CREDIT_LABEL.search(sample) is not None


def _holds_copyright(text: str) -> bool:
    """``"copyright" in text.lower()``. (For speed beyond ASCII, where ``lower`` reads
    every character's mapping: no character but an ASCII letter lower-cases to one of the
    word's letters, "\u0130" aside, whose "i" a combining dot follows; so the text's UTF-8
    bytes, where every other character is bytes beyond ASCII, hold it lower-cased as
    ASCII when the text does.)"""
    return b"copyright" in text.encode("utf-8", "surrogatepass").lower()


def _sentence_breaks(texts: list[str], lengths: npt.NDArray[np.float64]
                     ) -> npt.NDArray[np.float64]:
    """``len(_SENTENCE_BREAK.findall(text))`` of each text, from one scan of them all.

    (For speed: a call a text costs more than the scan. A match is an end character, an
    optional closing quote and white space, or a CJK stop, with a look-ahead for a capital
    or digit and a look-behind within the match; the gap is none of these, so no match
    spans two texts or sees past the end of one, and each text's matches are its own.)"""
    n = len(texts)
    if not n:
        return np.zeros(0)
    starts = np.zeros(n, dtype=np.int64)
    (lengths[:-1].astype(np.int64) + len(_BREAK_GAP)).cumsum(out=starts[1:])
    found = _break_starts(_BREAK_GAP.join(texts))
    owners = starts.searchsorted(found, side="right") - 1
    return np.bincount(owners, minlength=n).astype(np.float64)


_STOPS: Final = ".!?\u2026"  # a sentence's end, followed by white space and a capital or digit
# a CJK full stop or one of a script without capitals: a sentence's end by itself
_CJK_STOPS: Final = "\u3002\uff01\uff1f" + UNCASED_STOPS
_CLOSING_QUOTES: Final = "\"\u201d\u2019')"
_OPENING_QUOTES: Final = "\"\u201c\u2018("


def _break_starts(text: str) -> list[int]:
    """Where each ``_SENTENCE_BREAK`` match in ``text`` starts, in no particular order.

    (For speed: the pattern's search tests every character against its first class. The
    end characters are found with ``str.find`` instead, and the rest of the pattern read
    after each: an optional closing quote, white space (all of it: the look-ahead cannot
    see a space), an optional opening quote and a capital or a digit; backtracking never
    finds another way. A match holds one end character only, so each is a match or not
    by itself.)"""
    found: list[int] = []
    size = len(text)
    for stop in _CJK_STOPS:
        at = text.find(stop)
        while at >= 0:
            found.append(at)
            at = text.find(stop, at + 1)
    for stop in _STOPS:
        at = text.find(stop)
        while at >= 0:
            after = at + 1
            if after < size and text[after] in _CLOSING_QUOTES:
                after += 1
            if after < size and text[after].isspace():
                after += 1
                while after < size and text[after].isspace():
                    after += 1
                if after < size and text[after] in _OPENING_QUOTES:
                    after += 1
                if after < size and ("A" <= text[after] <= "Z" or "0" <= text[after] <= "9"):
                    found.append(at)
            at = text.find(stop, at + 1)
    return found


def _meta_lines(texts: list[str], n_words: npt.NDArray[np.float64],
                digits: npt.NDArray[np.int32], lower: list[str],
                word_bounds: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Per unit: a date line or a byline (see ``_DATE_SHAPE``).

    Only short units with a digit can hold a date; they are joined into one string, one
    a line with a line that the pattern cannot use between them, and scanned once: the
    same matches as unit by unit, found in one call. A byline is told by its first words
    (``lower``, the units' words lower-cased, ``word_bounds`` where each unit's start).
    """
    n = len(texts)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
    words = n_words
    short = (lengths < _META_CHARS) & (words <= _META_WORDS)
    dated = np.zeros(n, dtype=np.bool_)
    at = (short & (digits > 0)).nonzero()[0]
    if len(at):
        joined = _META_GAP.join(texts[i] for i in at.tolist())
        starts = np.zeros(len(at), dtype=np.int64)
        (lengths[at[:-1]] + len(_META_GAP)).cumsum(out=starts[1:])
        found = [m.start() for m in _DATE_SHAPE.finditer(joined)]
        dated[at[starts.searchsorted(found, side="right") - 1]] = True
    bylined = np.zeros(n, dtype=np.bool_)
    at = (short & (words >= 1) & (words <= _BYLINE_WORDS)).nonzero()[0]
    firsts = word_bounds[at].tolist()
    openings = [lower[first] for first in firsts]
    bylined[at] = np.fromiter(map(_BYLINE_MARKERS.__contains__, openings), dtype=np.bool_,
                              count=len(openings))
    for j in compress(range(len(openings)), map(_BYLINE_PREFIXES.__contains__, openings)):
        if words[at[j]] >= 2 and lower[firsts[j] + 1] in _BYLINE_MARKERS:
            bylined[at[j]] = True
    return (dated | bylined).astype(np.float64)


def _since(flags: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Per unit, how many units back the last flagged one stands (capped at ``_SINCE_CAP``,
    which is also the value when there is none), on a log scale from 0 to 1."""
    n = len(flags)
    index = np.arange(n)
    last = np.maximum.accumulate(np.where(flags > 0, index, -1))
    previous = np.concatenate([[-1], last[:-1]])  # the last flagged unit strictly before
    distance = np.where(previous >= 0, np.minimum(_SINCE_CAP, index - previous), _SINCE_CAP)
    # (math.log1p's values from the table: numpy's vectorised log1p may round the last
    # bit differently on another CPU's instructions, and the scores would follow)
    return _log1p_of(distance.astype(np.int64)) / math.log1p(_SINCE_CAP)


_CONTEXT_OF: Final = ("log_words", "stop_share", "link_density", "ends_sentence", "bullet",
                      "chrome_share", "long", "short", "links_per_word", "title_case_share",
                      "repeats", "opening_repeats")
_CONTEXT_INDEX: Final = [FEATURES.index(name) for name in _CONTEXT_OF]
OFFSETS: Final = (-3, -2, -1, 1, 2, 3)


def context(own: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Own features, a few features of each neighbour up to three units away, and the
    mean of those over a window of five on each side; missing neighbours are zero."""
    n = own.shape[0]
    if n == 0:
        return np.zeros((0, own.shape[1] + len(_CONTEXT_INDEX) * (len(OFFSETS) + 1) + 4))
    picked = own[:, _CONTEXT_INDEX]
    k = picked.shape[1]
    # (the blocks written into one array, left to right: own features, each neighbour's,
    # the window means, the page-relative ones)
    # (every cell is written below: the missing neighbours' as zeros)
    out = np.empty((n, own.shape[1] + k * (len(OFFSETS) + 1) + 4))
    out[:, :own.shape[1]] = own
    at = own.shape[1]
    for offset in OFFSETS:
        block = out[:, at:at + k]
        if offset < 0 and n > -offset:
            block[-offset:] = picked[:offset]
            block[:-offset] = 0.0
        elif offset > 0 and n > offset:
            block[:-offset] = picked[offset:]
            block[-offset:] = 0.0
        else:
            block[:] = 0.0
        at += k
    window = 5
    cumulative = np.empty((n + 1, k))
    cumulative[0] = 0.0
    picked.cumsum(axis=0, out=cumulative[1:])
    idx = np.arange(n)
    lo = np.maximum(idx - window, 0)  # (idx - window < n, idx + window + 1 > 0)
    hi = np.minimum(idx + window + 1, n)
    out[:, at:at + k] = (cumulative[hi] - cumulative[lo]) / (hi - lo)[:, None]
    _relative(own, out[:, at + k:])
    return out


_WORDS: Final = FEATURES.index("log_words")
_STOP: Final = FEATURES.index("stop_share")


def _relative(own: npt.NDArray[np.float64], out: npt.NDArray[np.float64]) -> None:
    """How a unit compares with the rest of its own page: pages differ in how long their
    paragraphs are, so "long" is also measured against the page's longest unit. (Written
    into ``out``'s four columns.)"""
    n = len(own)
    words = own[:, _WORDS]
    counts = np.expm1(words)
    # each unit's rank: the inverse of the sorting permutation (argsort of the argsort)
    order = np.empty(n, dtype=np.intp)
    order[words.argsort(kind="stable")] = np.arange(n)
    # the median as ``np.median`` takes it (the mean of the two middle values for an
    # even count), without its generic machinery: a tenth of the time for ~200 values
    stops = own[:, _STOP].copy()
    stops.sort()
    half = n // 2
    median = stops[half] if n % 2 else (stops[half - 1] + stops[half]) / 2.0
    out[:, 0] = words - words.max()
    out[:, 1] = order / max(1, n - 1)
    out[:, 2] = counts / max(1.0, counts.sum())
    out[:, 3] = own[:, _STOP] - median
