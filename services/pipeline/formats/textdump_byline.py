"""The text-dump parser's last resort for authors: a learned byline scorer.

``textdump.parse`` asks it only where no rule names an author. Every short line of the
header's last ``_HEADER_LAST`` lines, the trailer's first ``_FOOTER_FIRST`` and the body's
edges that holds a person's name — two to four capitalised words in a script with case,
alone or after a label in any language (``By``, ``Von``, ``Par``, ``Story:``,
``Reporter``, …) — gives candidates, one per name span, described by ``FEATURES``, which
hold across sites and languages: the label, the line's length, its distance from the body,
a date beside it, link and bullet markup, short lines around it, the name's first word a
given name, its words written in lower case elsewhere on the page, repeated on the page or
in the body, the capitals, a copyright line, the site's name. Names that sign no article
are no candidates at all (``_candidate``): an organisation's, a photo credit's, a press
contact's, someone's the story is about in a teaser sentence. A conditional logit
(``BylineModel``) gives each candidate its probability against "no author"; the likeliest
is the author if it reaches the model's threshold (a stricter one after the body), with
the names joined to it on its line (``choose``). Nothing here is fitted to a site.

The weights and the given names ship in ``textdump_byline.json`` beside this module, made
by ``python -m benchmarks.train_byline`` (the sittings and the real pages at even
positions; ``python -m benchmarks.eval_author_model`` is the held-out check).

Every step is linear in the input: the lines are bounded windows (``blocks``, cut as
``textdump.parse`` cuts the dump), each read to ``_MAX_LINE_CHARS`` characters and
``_MAX_LINE_WORDS`` words, and the page's words are counted once.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from services.pipeline.formats.textdump_lines import Line, is_date_line, to_lines, window
from services.pipeline.formats.textdump_rules import (
    BIO_VERBS,
    MAX_CHARS,
    bio_name,
    is_agency_name,
    is_caption,
    is_role,
    looks_like_name,
)
from services.pipeline.formats.textdump_units import Unit

__all__ = ["FEATURES", "BylineModel", "Candidate", "blocks", "candidates", "choose", "fallback_authors",
           "load_byline_model"]

# The lines read: the header's last non-blank lines and the trailer's first. (Of the
# sittings' and the even real pages' authors, 5 of about 830 in the header stand further
# from the body, and 5 of about 310 in the trailer; and so do a third of the names.)
_HEADER_LAST: Final = 40
_FOOTER_FIRST: Final = 30
_MAX_UNITS: Final = 120  # units of those lines read, at most (a line of glued elements makes hundreds)
_EDGE_UNITS: Final = 3  # the body's first and last units, read for a byline it kept

_MAX_LINE_WORDS: Final = 24  # a longer line is prose or a menu, no byline
_MAX_NAME_WORDS: Final = 4
_NEAR: Final = 3  # non-blank lines from the body that count as "next to it"
_MAX_PAGE_WORDS: Final = 200_000  # words of the page counted for repetition, at most
_MAX_LABEL_WORDS: Final = 3
_MAX_LINE_CHARS: Final = 400  # characters of a line read
_SENTENCE_WORDS: Final = 8  # a line this long, mostly in lower case, is a sentence

# Labels before a name, lower case, without their colon: one, two or three words.
_LABELS: Final = frozenset((
    "by", "written by", "words by", "story by", "text by", "reported by", "reporting by",
    "posted by", "published by", "report by", "story", "words", "text", "report", "reporter",
    "reporters", "author", "authors", "writer", "byline", "contributor", "correspondent",
    "von", "text von", "autor", "autorin", "autoren", "par", "texte", "auteur", "auteure",
    "rédigé par", "écrit par", "por", "texto", "escrito por", "texto de", "reportaje de",
    "redacción", "di", "autore", "testo", "scritto da", "testo di", "door", "tekst", "av",
    "af", "skrevet af", "skrevet av", "text av", "na", "od", "autorka", "autorzy", "przez",
    "írta", "szerző", "kirjoittanut", "toimittaja", "teksti", "yazan", "haber", "muhabir",
    "yazar", "автор", "авторы", "текст", "автори", "аутор", "пише", "piše", "napisao",
    "napisala", "συντάκτης", "γράφει", "oleh", "penulis", "reportase", "deur", "gan",
    "nga", "autori", "autorius", "autors", "avtor", "tác giả", "bài", "bài và ảnh",
    "journalist", "journaliste", "periodista", "giornalista", "redactor", "redakteur",
    "from", "editor", "staff writer", "senior reporter",
))
# Labels of a line that credits something else than the story's writing.
_CREDIT_LABELS: Final = frozenset((
    "photo", "photos", "photo by", "photograph", "image", "images", "picture", "pictures",
    "credit", "credits", "foto", "fotos", "foto di", "foto von", "bild", "bilder", "kuva",
    "source", "sources", "quelle", "fuente", "fonte", "video", "edited by", "illustration",
    "graphic", "graphics", "copyright", "photo credit", "image credit", "editor's note",
    "zdjęcie", "fotó", "фото", "снимка", "φωτογραφία", "ảnh",
))
_JOINERS: Final = frozenset((
    "and", "&", "und", "et", "y", "e", "i", "og", "och", "en", "és", "ve", "и", "і", "a",
    "oraz", "ja", "și", "si", "kaj", "ir", "un", "και", "та", "dan", "with", "mit",
    "avec", "con", "com",
))
_PARTICLES: Final = frozenset((
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "dos",
    "das", "do", "bin", "binti", "al", "el", "ter", "ten", "y", "mac", "ibn", "ben", "st.",
))
_STRIP: Final = ".,;:!?()[]{}\"'*_«»“”„‘’|"
_STRIP_BUT_STOP: Final = _STRIP.replace(".", "")
_DASHES: Final = frozenset(("-", "–", "—", "|", "·", "•", "/"))
_LINKS: Final = frozenset(("-", "–", "—", "/", "&"))  # between two names: "A - B", "A / B"

_ENDS: Final = (",", ";", ")", "\u3001")  # a word ending so ends a name

# Words of an organisation's, a desk's or a credit's name, in the languages read: a name
# holding one names no person ("Getty Images", "Rural Affairs", "Press Office").
_ORG_WORDS: Final = frozenset((
    "images", "image", "photos", "photo", "pictures", "photography", "press", "news", "media",
    "agency", "group", "affairs", "desk", "team", "staff", "office", "department", "ministry",
    "council", "service", "services", "times", "post", "daily", "herald", "journal", "magazine",
    "radio", "television", "tv", "network", "foundation", "institute", "university", "association",
    "club", "inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "company", "studio", "studios",
    "editorial", "bureau", "editors", "newsroom", "wire", "weekly", "online", "digital", "live",
    "international", "national", "global", "government", "police", "party", "union", "bank",
    "sports", "business", "politics", "world", "opinion", "report", "reports", "centre", "center",
    "redaktion", "agentur", "presse", "zeitung", "nachrichten", "prensa", "noticias", "diario",
    "agence", "rédaction", "redazione", "notizie", "agencia", "agência", "redacción", "redactie",
    "nieuws", "redakcja", "toimitus", "uutiset", "haber", "редакция", "новости",
))
_CONTACT_WORDS: Final = ("contact", "enquiries", "inquiries", "press office", "media relations",
                         "kontakt", "pressestelle", "telephone", "phone:", "tel.", "tel:")
# Photo agencies and image libraries, whose name after a person's ("Jane Doe/Getty") makes a credit
_CREDIT_HOLDERS: Final = frozenset((
    "getty", "reuters", "afp", "ap", "epa", "shutterstock", "istock", "istockphoto", "alamy",
    "bloomberg", "xinhua", "dpa", "ansa", "efe", "anadolu", "sipa", "corbis", "unsplash", "pexels",
    "flickr", "wikimedia", "handout", "pa", "aap", "kyodo", "yonhap", "imago", "zuma", "rex",
    "courtesy", "supplied", "file",
))

FEATURES: Final = (
    # the words before the name
    "label", "label_colon", "credit_label", "colon_before", "line_start", "after_separator",
    "words_before", "in_run",
    # the name and what follows it
    "name_words", "joined_before", "joined_after", "comma_before", "comma_after", "run_goes_on",
    "words_after", "role_after", "bare", "all_caps", "rules_name", "lower_in_body", "lower_in_page",
    "digit_beside", "cased_share",
    # the line
    "line_words", "long_line", "dated", "digits", "item", "link", "copyright", "caption", "alone",
    "short_around",
    # its place
    "in_header", "in_footer", "distance", "near_body", "date_beside", "role_beside",
    "under_title", "top_of_page",
    # the page
    "repeated", "in_body", "in_title", "site_name",
    # what the name is made of, and what stands around it
    "given_first", "given_other", "org_word", "agency", "contact", "sentence", "credit_beside",
    "body_mentions",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name on a line, its features (``FEATURES``) and where it stands: ``place`` 0 in
    the header, 1 by the body, 2 in the trailer; ``row`` the line's index there; ``start``
    and ``end`` its words on the line; ``vetoed``, never chosen (it opens a sentence about
    its bearer that is no writer's bio)."""

    name: str
    features: tuple[float, ...]
    place: int
    row: int
    start: int
    end: int
    vetoed: bool = False


def _word(token: str) -> str:
    if token.isalpha():  # (most words: nothing to strip)
        return token
    word = token.strip(_STRIP)
    # (an initial keeps its full stop: "K. Venkata Ramana")
    return f"{word}." if len(word) == 1 and token.rstrip(_STRIP_BUT_STOP).endswith(".") else word


def _cased_word(word: str) -> str:
    """"title", "upper" or "" for a word that can be a word of a name."""
    if not word or not word[0].isalpha() or not word[0].isupper():
        return ""
    if word.isalpha() and word[1:].islower():  # (the common case, the answer of the rest)
        return "title"
    if any(char.isdigit() or char in "/@=#" for char in word):
        return ""
    letters = [char for char in word if char.isalpha()]
    if len(letters) == 1:
        return "initial"  # "J." (a lone capital too)
    rest = letters[1:]
    if all(char.isupper() for char in rest):
        return "upper"
    return "title" if any(char.islower() for char in rest) else ""


def _label_before(words: list[str], at: int) -> tuple[bool, bool, bool]:
    """(a byline label, its colon, a credit label) in the words just before ``at``."""
    for size in range(min(_MAX_LABEL_WORDS, at), 0, -1):
        head = words[at - size:at]
        phrase = " ".join(w.strip(":\uff1a-\u2013|*_").lower() for w in head).strip()
        colon = head[-1].endswith((":", "\uff1a")) or head[-1] in (":", "-", "\u2013")
        if head[-1] in (":", "-", "\u2013") and size > 1:
            phrase = " ".join(w.strip(":\uff1a*_").lower() for w in head[:-1])
        if phrase in _LABELS:
            return True, colon, False
        if phrase in _CREDIT_LABELS:
            return False, colon, True
    return False, False, False


def _span_end(words: list[str], kinds: list[str], at: int, longest: int) -> list[int]:
    """The ends (exclusive) of the names of 2 to ``longest`` words that start at ``at``."""
    ends: list[int] = []
    style = ""
    i = at
    while i < len(words) and i - at < longest:
        kind = kinds[i]
        raw = words[i]
        if kind and (kind == "initial" or not style or kind == style):
            style = style or (kind if kind != "initial" else "")
        elif i > at and words[i].lower() in _PARTICLES and i + 1 < len(words) and kinds[i + 1]:
            i += 1
            continue
        else:
            break
        if raw.endswith((":", "\uff1a")):
            break
        i += 1
        if i - at >= 2:
            ends.append(i)
        if raw.endswith(_ENDS) or (raw.endswith(".") and kind != "initial"):
            break
    return ends


@dataclass(slots=True)
class _Page:
    """What every candidate of a page is compared with, counted once: the words of the
    body (``body_counts``) and of the page (``counts``, the body's and the lines read),
    and which names the body holds (``held``, each searched for once)."""

    counts: dict[str, int]
    body_counts: dict[str, int]
    body: str
    title: str
    site: str
    given: frozenset[str]
    held: dict[str, bool]

    def holds(self, name: str) -> bool:
        """``name in self.body``, each name searched for once (a page's names recur: the
        header's, the body's edges, the trailer's)."""
        held = self.held.get(name)
        if held is None:
            held = self.held[name] = name in self.body
        return held


def _lower_word(word: str, counts: dict[str, int]) -> bool:
    """``word`` lower-cased is a word of ``counts`` that starts in lower case."""
    lower = word.lower()
    return lower in counts and lower[:1].islower()


def _words_counted(tokens: Sequence[str], counts: dict[str, int]) -> dict[str, int]:
    """``counts`` with ``tokens`` (split on white space) counted as words (``_word``): each
    distinct token counted by ``Counter`` (in C) and cleaned once. (``counts`` stays a dict,
    not a ``Counter``: its missing keys are looked up in Python.)"""
    for token, count in Counter(tokens).items():
        word = _word(token)
        counts[word] = counts.get(word, 0) + count
    return counts


def _page(body: str, texts: Sequence[str], title: str, site: str = "",
          given: frozenset[str] = frozenset()) -> _Page:
    """``texts``: the lines read besides the body."""
    in_body = _words_counted(body.split()[:_MAX_PAGE_WORDS], {})
    counts = _words_counted([word for text in texts for word in text.split()], in_body.copy())
    return _Page(counts, in_body, body, title, site.casefold(), given, {})


class _Marks:
    """Which lines of a block are dates and press contacts' lines, each asked only of the
    lines by a name (for speed: most lines of a block hold none)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.dates: dict[int, bool] = {}
        self.contacts: dict[int, bool] = {}

    def date(self, i: int) -> bool:
        if not 0 <= i < len(self.lines):
            return False
        if i not in self.dates:
            text = self.lines[i].text
            self.dates[i] = len(text) < 120 and is_date_line(text)
        return self.dates[i]

    def contact(self, i: int) -> bool:
        if not 0 <= i < len(self.lines):
            return False
        if i not in self.contacts:
            self.contacts[i] = _contact(self.lines[i].text)
        return self.contacts[i]


def _line_features(lines: Sequence[Line], i: int, *, place: int, distance: int,
                   title_at: int, words: list[str], marks: _Marks, longer: bool
                   ) -> tuple[float, ...]:
    """The features of line ``i`` that its names share, from ``line_words`` to
    ``top_of_page``: read only for a line with a name that ``_signs_nothing`` keeps."""
    line = lines[i]
    size = len(lines)
    raw = line.raw
    return (
        min(len(words), _MAX_LINE_WORDS) / _MAX_LINE_WORDS, float(longer),
        float(marks.date(i)),
        float(any(char.isdigit() for char in line.text)),
        float(line.bullet or line.heading),
        float("](" in raw or "http" in raw or ("[" in raw and "]" in raw)),
        float("\u00a9" in line.text or "copyright" in line.text.lower()),
        float(is_caption(line.text)),
        float(line.blank_before and (i + 1 >= size or lines[i + 1].blank_before)),
        # (a menu or a share row: short lines around it)
        sum(1 for j in (i - 2, i - 1, i + 1, i + 2)
            if 0 <= j < size and 0 < len(lines[j].text.split(maxsplit=3)) <= 3) / 4,
        float(place == 0),
        float(place == 2),
        min(distance, 60) / 60,
        float(distance <= _NEAR),
        float(marks.date(i - 1) or marks.date(i + 1)),
        float(i + 1 < size and len(lines[i + 1].text) < 60 and is_role(lines[i + 1].text)),
        float(place == 0 and 0 <= title_at < i),
        float(place == 0 and i < size // 4),
    )


def _line_marks(i: int, words: list[str], marks: _Marks) -> tuple[float, float]:
    """The ``contact`` and ``sentence`` features of line ``i``, which drop names
    (``_signs_nothing``): a press contact's label or telephone on the line or by it, and a
    sentence, most of a long line's words in lower case."""
    return (float(any(marks.contact(j) for j in range(i - 2, i + 3))),
            float(len(words) >= _SENTENCE_WORDS
                  and 2 * sum(1 for w in words if w[:1].islower()) >= len(words)))


def _contact(text: str) -> bool:
    """A press contact's line: a contact's label, or its telephone."""
    head = text[:_MAX_LINE_CHARS].casefold()
    return any(word in head for word in _CONTACT_WORDS)


def _title_at(lines: Sequence[Line], title: str) -> int:
    if not title:
        return -1
    return next((i for i in range(len(lines) - 1, -1, -1) if lines[i].text == title), -1)


def _of_lines(lines: Sequence[Line], *, place: int, page: _Page) -> list[Candidate]:
    """The candidates of one block: ``place`` 0 the header, 1 the body's edges and the
    lines left out of it, 2 the trailer."""
    title_at = _title_at(lines, page.title) if place == 0 else -1
    # (non-blank lines between each line and the body, counted once)
    seen = [0] * (len(lines) + 1)
    for i, line in enumerate(lines):
        seen[i + 1] = seen[i] + bool(line.text)
    marks = _Marks(lines)
    found: list[Candidate] = []
    for i, line in enumerate(lines):
        # (a slash or a bar parts a name from what follows it: "Kimone Thelwell/Staff Reporter")
        cut = line.text[:_MAX_LINE_CHARS].replace("/", " / ").replace("|", " | ")
        words = cut.split(maxsplit=_MAX_LINE_WORDS)
        longer = len(words) > _MAX_LINE_WORDS
        words = words[:_MAX_LINE_WORDS]
        if not words:
            continue
        clean = [_word(w) for w in words]
        kinds = [_cased_word(w) for w in clean]
        distance = seen[-1] - seen[i + 1] if place == 0 else 0 if place == 1 else seen[i]
        marked: tuple[float, float] | None = None
        shared: tuple[float, ...] | None = None
        cased = 0.0
        for at in range(len(words)):
            # (a name starts a run of capitalised words, or is the run's second word: a
            # label or a word of the site's before it, "Minn Rebecca Zammit")
            opens = bool(kinds[at]) and (at == 0 or not kinds[at - 1]
                                         or words[at - 1].endswith((",", ":", ";")))
            second = bool(kinds[at]) and not opens and at > 0 and (
                at == 1 or not kinds[at - 2] or words[at - 2].endswith((",", ":", ";")))
            if not (opens or second):
                continue
            labelled: tuple[bool, bool, bool] | None = None
            for end in _span_end(words, kinds, at, _MAX_NAME_WORDS):
                if labelled is None:  # (the words before it, read once for its spans)
                    labelled = _label_before(words, at)
                if marked is None:
                    marked = _line_marks(i, words, marks)
                name = " ".join(clean[at:end])
                if _signs_nothing(name, words, at, end, page, labelled, marked):
                    continue
                if shared is None:  # (the line's other features, read once for its names)
                    # (the share of the line's words that are capitalised)
                    cased = sum(1 for kind in kinds if kind) / len(kinds)
                    shared = _line_features(lines, i, place=place, distance=distance,
                                            title_at=title_at, words=words, marks=marks,
                                            longer=longer)
                found.append(_candidate(name, words, clean, kinds, at, end, shared, marked, page,
                                        second, (place, i), cased, labelled))
    return found


def _credited(words: list[str], at: int, end: int) -> bool:
    """A photo agency's name after a slash after the name, or just before it
    ("Kathrin Ziegler/Getty", "Getty / Jane Doe", "Reuters: Jane Doe"): a credit, not a
    byline. (Not after a comma: "Tom Krisher, AP" is a wire reporter's byline.)"""
    after = words[end + 1].strip(_STRIP).casefold() if end + 1 < len(words) and words[end] == "/" else ""
    before = [w.strip(_STRIP + "/").casefold() for w in words[max(0, at - 2):at]]
    return after in _CREDIT_HOLDERS or any(w in _CREDIT_HOLDERS for w in before)


def _signs_nothing(name: str, words: list[str], at: int, end: int, page: _Page,
                   labelled: tuple[bool, bool, bool], marked: tuple[float, float]) -> bool:
    """The name ``name`` of ``words[at:end]`` signs no article, asked before the features
    its line shares with its other names are read (``marked``: ``_line_marks``): one of an
    organisation's words ("Getty Images", "Rural Affairs", "Associated Press"), one a photo
    credit gives ("Photo: …", "…/Getty"), and, unless a byline's label stands before it,
    one by a press contact's label or telephone ("Media Contact" / "Jane Doe, Public
    Affairs Manager") or one inside a sentence that the body prints too (someone the
    article is about, in a teaser)."""
    label, _colon, credit = labelled
    contact, sentence = marked
    if credit or (not label and contact) or _credited(words, at, end) \
            or any(t.casefold() in _ORG_WORDS for t in name.split()):
        return True
    return bool(sentence) and not label and at > 0 and page.holds(name)


def _candidate(name: str, words: list[str], clean: list[str], kinds: list[str], at: int, end: int,
               shared: tuple[float, ...], marked: tuple[float, float], page: _Page, second: bool,
               where: tuple[int, int], cased: float, labelled: tuple[bool, bool, bool]) -> Candidate:
    """The candidate ``name`` of ``words[at:end]`` (``clean``: the words without their
    punctuation), one ``_signs_nothing`` keeps, with its features (``shared`` and
    ``marked``: its line's). (A candidate that opens a sentence about them that is no
    writer's bio, "Maria Lopez is director of …", is ``vetoed``.)"""
    tokens = name.split()
    label, colon, credit = labelled
    contact, sentence = marked
    in_body = page.holds(name)
    before = words[at - 1] if at else ""
    after = words[end:end + _MAX_NAME_WORDS]
    surname = tokens[-1]
    joined_before = before.lower() in _JOINERS or before in _LINKS
    joined_after = bool(after) and (after[0].lower() in _JOINERS or after[0] in _LINKS)
    comma_before = before.endswith((",", "\u3001"))
    comma_after = words[end - 1].endswith((",", "\u3001"))
    own = (
        float(label), float(colon and label), float(credit),
        float(before.endswith((":", "\uff1a"))), float(at == 0),
        float(before in _DASHES or before.endswith((",", "|"))),
        min(at, 8) / 8, float(second),
        len(tokens) / _MAX_NAME_WORDS, float(joined_before), float(joined_after),
        float(comma_before), float(comma_after),
        float(end < len(words) and bool(kinds[end]) and not words[end - 1].endswith(_ENDS)),
        min(len(words) - end, 8) / 8,
        float(bool(after) and is_role(" ".join(clean[end:end + _MAX_NAME_WORDS]))),
        float(at == 0 and end == len(words)),
        float(all(kinds[j] in ("upper", "initial") for j in range(at, end))),
        float(looks_like_name(name)),
        sum(1 for t in tokens if _lower_word(t, page.body_counts)) / len(tokens),
        sum(1 for t in tokens if _lower_word(t, page.counts)) / len(tokens),
        float((bool(after) and after[0][:1].isdigit()) or (bool(before) and before[:1].isdigit())),
        cased,
    )
    firsts = [t for t in tokens[:-1] if len(t.rstrip(".")) > 1]
    return Candidate(name, (*own, *shared, min(page.counts.get(surname, 0), 6) / 6,
                            float(in_body), float(surname in page.title),
                            float(bool(page.site) and (name.casefold() in page.site
                                                       or page.site in name.casefold())),
                            float(bool(firsts) and firsts[0].casefold() in page.given),
                            float(any(t.casefold() in page.given for t in firsts[1:])),
                            # (``org_word`` and ``credit_beside``: never, ``_signs_nothing`` drops those)
                            0.0, float(is_agency_name(name)), contact, sentence, 0.0,
                            min(page.body_counts.get(surname, 0), 6) / 6),
                     where[0], where[1], at, end,
                     at == 0 and end < len(words) and clean[end].casefold() in BIO_VERBS
                     and bio_name(" ".join(words)) is None)


def candidates(head: Sequence[Line], foot: Sequence[Line], *, middle: Sequence[Line] = (),
               body: str, title: str | None = None, site: str | None = None,
               given: frozenset[str] = frozenset()) -> list[Candidate]:
    """The candidate names of the header lines ``head``, the body's edges and the lines
    left out of it ``middle`` and the trailer lines ``foot`` (``textdump_lines.Line``, as
    the metadata reader cuts them), with their features."""
    page = _page(body, [*(line.text for line in head), *(line.text for line in foot)],
                 title or "", site or "", given)
    return [*_of_lines(head, place=0, page=page), *_of_lines(middle, place=1, page=page),
            *_of_lines(foot, place=2, page=page)]


_JOINED: Final = tuple(FEATURES.index(name) for name in (
    "joined_before", "joined_after", "comma_before", "comma_after"))
_RUN_GOES_ON: Final = FEATURES.index("run_goes_on")


def _joined(found: Candidate) -> bool:
    """Joined to another name, and a whole name ("Public Affairs" of "…, Public Affairs
    Manager" is not)."""
    return any(found.features[i] > 0 for i in _JOINED) and not found.features[_RUN_GOES_ON]


def choose(found: Sequence[Candidate], p: Sequence[float], *, threshold: float,
           also: float, trailer: float = 0.0) -> tuple[list[str], float]:
    """The authors the candidates' probabilities ``p`` give, and the best one's: the most
    likely name if it reaches ``threshold`` (and ``trailer`` for a name after the body,
    where the cards of other stories and their writers stand), with the other names of its
    line that reach ``also`` and are joined to another name ("A, B and C"; in the line's
    order, none overlapping a likelier one, none a job title)."""
    if not found:
        return [], 0.0
    p = [0.0 if c.vetoed else q for c, q in zip(found, p, strict=True)]
    best = max(range(len(found)), key=p.__getitem__)
    if p[best] < max(threshold, trailer if found[best].place == 2 else 0.0):
        return [], float(p[best])
    top = found[best]
    same = sorted((k for k in range(len(found)) if found[k].place == top.place
                   and found[k].row == top.row and (k == best or (p[k] >= also and _joined(found[k])))),
                  key=lambda k: (k != best, -p[k]))
    chosen: list[Candidate] = []
    for k in same:
        c = found[k]
        if all(c.end <= o.start or c.start >= o.end for o in chosen) \
                and c.name not in {o.name for o in chosen} and not (chosen and is_role(c.name)):
            chosen.append(c)
    return [c.name for c in sorted(chosen, key=lambda c: c.start)], float(p[best])


def blocks(lines: Sequence[str], header: Sequence[str], footer: Sequence[str], *,
           found: Sequence[Unit], body_at: Sequence[int], listed: int
           ) -> tuple[list[Line], list[Line], list[Line]]:
    """The lines read for names, as ``textdump.parse`` cuts the dump: the units of the
    header's last ``_HEADER_LAST`` non-blank lines and of the trailer's first
    ``_FOOTER_FIRST`` (before lynx's list of links, at ``listed`` in ``footer``),
    ``_MAX_UNITS`` of each at most, and by the body its first and last units and the units
    left out between them. ``header`` is ``lines[:start]`` and ``footer`` ``lines[end:]``
    of the body's first and last line."""
    end = found[body_at[-1]].last + 1
    head = to_lines(header, keep=window(header, first=0, last=_HEADER_LAST), found=found)[-_MAX_UNITS:]
    foot = to_lines(footer, keep=window(footer[:listed], first=_FOOTER_FIRST, last=0),
                    found=found, offset=end)[:_MAX_UNITS]
    kept = set(body_at)
    edges = {*body_at[:_EDGE_UNITS], *body_at[-_EDGE_UNITS:]}
    middle = [Line(u.text[:MAX_CHARS], lines[u.first][:MAX_CHARS], u.bullet, u.heading,
                   u.blank_before, u.indent)
              for i, u in enumerate(found[body_at[0]:body_at[-1] + 1], start=body_at[0])
              if i not in kept or i in edges]
    return head, foot, middle


# --- the scorer -----------------------------------------------------------------------

MODEL_FILE: Final = "textdump_byline.json"


@dataclass(frozen=True, slots=True)
class BylineModel:
    """A conditional logit's weights over ``FEATURES`` (a candidate's score is its
    log-odds against "no author"), the probabilities it must reach (``threshold`` for the
    likeliest name, ``trailer`` for it after the body, ``also`` for a name joined to it on
    its line) and the given names its ``given_first`` and ``given_other`` features look up
    (case folded)."""

    version: str
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    also: float
    trailer: float
    given: frozenset[str]

    @classmethod
    def from_json(cls, data: dict[str, object]) -> BylineModel:
        """The model of ``to_json``; refused if it was made for other features."""
        if data.get("features") != list(FEATURES):
            raise ValueError("the byline model was trained on other features")
        return cls(version=str(data["version"]), mean=_numbers(data["mean"]), scale=_numbers(data["scale"]),
                   weights=_numbers(data["weights"]), bias=_number(data["bias"]),
                   threshold=_number(data["threshold"]), also=_number(data["also"]),
                   trailer=_number(data["trailer"]), given=frozenset(_strings(data["given"])))

    def to_json(self) -> dict[str, object]:
        return {"version": self.version, "features": list(FEATURES), "mean": list(self.mean),
                "scale": list(self.scale), "weights": list(self.weights), "bias": self.bias,
                "threshold": self.threshold, "also": self.also, "trailer": self.trailer,
                "given": sorted(self.given)}

    def probabilities(self, found: Sequence[Candidate]) -> list[float]:
        """Each candidate's probability against "no author"."""
        # ((x - mean) / scale @ weights + bias, the standardisation folded into the weights)
        coefficients = [w / s for w, s in zip(self.weights, self.scale, strict=True)]
        intercept = self.bias - sum(m * c for m, c in zip(self.mean, coefficients, strict=True))
        out: list[float] = []
        for candidate in found:
            features = candidate.features
            if len(features) != len(coefficients):
                raise ValueError("a candidate's features and the byline model's weights differ in number")
            # (the products of the non-zero features summed in order from 0, as ``sum`` did:
            # the same floats, without a generator)
            total = 0.0
            for k in range(len(coefficients)):
                x = features[k]
                if x:
                    total += x * coefficients[k]
            z = intercept + total
            out.append(1.0 / (1.0 + math.exp(-min(max(z, -30.0), 30.0))))
        return out


def _number(value: object) -> float:
    """``float(value)`` for a number; TypeError for anything else JSON can hold."""
    if isinstance(value, int | float):
        return float(value)
    raise TypeError(f"the byline model holds {value!r} where a number belongs")


def _numbers(value: object) -> tuple[float, ...]:
    if isinstance(value, list):
        return tuple(map(_number, value))
    raise TypeError(f"the byline model holds {value!r} where a list of numbers belongs")


def _strings(value: object) -> list[str]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [str(item) for item in value]
    raise TypeError("the byline model's given names are not a list of strings")


@cache
def load_byline_model() -> BylineModel:
    """The shipped model (read once per process)."""
    text = resources.files("services.pipeline.formats").joinpath(MODEL_FILE).read_text("utf-8")
    return BylineModel.from_json(json.loads(text))


def fallback_authors(head: Sequence[Line], foot: Sequence[Line], middle: Sequence[Line], *,
                     body: str, title: str | None, site: str | None,
                     model: BylineModel | None = None) -> list[str]:
    """The authors the scorer finds among the candidates of the lines ``blocks`` cut, or
    none when no name reaches its threshold."""
    model = model or load_byline_model()
    found = candidates(head, foot, middle=middle, body=body, title=title, site=site, given=model.given)
    names, _p = choose(found, model.probabilities(found), threshold=model.threshold, also=model.also,
                       trailer=model.trailer)
    return names
