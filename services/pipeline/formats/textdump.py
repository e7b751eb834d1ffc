"""Flattened text dumps of web pages: lynx, w3m, html2text, inscriptis, ``get_text()``,
a browser's "save as text", copy-paste.

One general method, no per-site layouts:

1. ``textdump_units`` cuts the dump into units (paragraphs unwrapped, list items, lines)
   and strips the markup each tool leaves, keeping its counts.
2. ``textdump_model`` scores every unit from features that hold across sites and tools
   (length, stop-word and link density, sentence shape, bullets, buttons, repetition,
   position, the neighbours' features) with a logistic regression trained on renderings
   of the development pages, and selects the article as the main region of good units.
3. The lines above the body (header) and after it (trailer), and the body's last
   paragraphs for an author box, are read for metadata by ``textdump_meta``: title,
   authors, dates, site, section, wherever the page put them. Byline and date lines at
   the top of the region leave the body; credits lines (``(Reporting by …)``) leave it
   as well, as in every other parser.
4. Where no rule names an author, the learned byline scorer of ``textdump_byline`` may:
   the likeliest name of the header, the trailer and the body's edges, if likely enough.
"""

from __future__ import annotations

import re
from typing import Final

import numpy as np
import numpy.typing as npt

from services.domain.models import ParsedArticle
from services.errors import NoArticleText
from services.pipeline.formats.dates import find_date, numeric_order_hint
from services.pipeline.formats.textdump_byline import blocks, fallback_authors
from services.pipeline.formats.textdump_features import features_and_words
from services.pipeline.formats.textdump_lines import is_byline_line, is_date_line
from services.pipeline.formats.textdump_meta import body_dateline, dated_byline, read_meta
from services.pipeline.formats.textdump_model import Model, scores, select, word_counts
from services.pipeline.formats.textdump_rules import (
    BIO_VERBS,
    byline_names,
    credit_names,
    has_byline_marker,
    is_caption,
    is_credit_line,
    is_inline_chrome,
    is_role,
    looks_like_name,
    names_only,
    place_first_names,
    split_breadcrumb,
    title_cased,
)
from services.pipeline.formats.textdump_units import (
    UNCASED_STOPS,
    Unit,
    dates_only,
    references_at,
    units,
    units_of_lines,
    word_count,
)
from services.pipeline.wire import canonical_agency, detect_wire, opens_with_dateline

__all__ = ["extract_body", "parse"]

_MIN_BODY_WORDS: Final = 8
_LEAD_UNITS: Final = 8  # the body's first units, with the lines left out between them, read for a date
_HEADER_UNITS: Final = 4  # units at the body's top that may still be headline, byline or date
_TRAILER_BYLINE_UNITS: Final = 6  # units at the body's end where a byline under the story ends it
_UNDER_HEADING: Final = 2  # units under a heading in the body's top where its byline may stand
_STANDFIRST_WORDS: Final = 40  # a longer unit is a paragraph of the article, not its standfirst
_BYLINE_WORDS: Final = 15  # a byline line is no longer than this


_DATES_LINE_WORDS: Final = 30  # a line of two dates and their labels is no longer


def _names_over_date(found: list[Unit], words: list[int], i: int) -> bool:
    """Unit ``i`` is names only, and the unit under it a date line (``words``: the units'
    word counts; both are short, so no long unit is searched for a date)."""
    return i + 1 < len(found) and words[i] <= _BYLINE_WORDS and words[i + 1] <= _DATES_LINE_WORDS \
        and bool(names_only(found[i].text)) and is_date_line(found[i + 1].text)


def _is_meta(text: str, words: int) -> bool:
    """A short line (``words``: its ``word_count``) that is a byline, a date or a
    breadcrumb rather than prose; or a line of dates and their labels only
    (``Published: Wednesday, 05 February 2025, 10:15 AM (IST) Updated: …``)."""
    if words > 15:
        # (or a byline run on into its dates, as a fixed-width render wraps and joins them:
        # "Par Claire Dumoulin et Julien Verger Publié le 14 mars 2024 à 18h42, modifié le …")
        # (or names and the date without a marker: "Petra Vondráčková, Tomáš Kubíček úterý 12.
        # března 2024, 6:45 Aktualizováno: 12. 3. 2024 14:20 Diskuse (37)")
        # (or a Chinese row of labelled fields, its date first: "2024-09-23 08:45:12 来源：临江日报
        # 记者 周晓雯 通讯员 林志强 浏览次数： 3862", each Han character half a word)
        return words <= _DATES_LINE_WORDS and (dates_only(text) or (has_byline_marker(text)
                                                                    and is_byline_line(text))
                                               or dated_byline(text)
                                               or (not text.isascii() and byline_names(text) is not None))
    if split_breadcrumb(text) or byline_names(text):
        return True
    found = find_date(text[:200])
    return found is not None and (len(text) - (found.end - found.start) < 30
                                  or is_date_line(text))


_TERMINAL: Final = ".!?\u2026\"\u201d\u2019'\u3002\uff01\uff1f\u300d)" + UNCASED_STOPS


# Quotation marks closing a sentence of the article ("… stad.”), or a headline's quote
# with no stop inside them ("Apeldoorn trekt 4 miljoen uit: ‘Eindelijk weer een
# visitekaartje’"). (Japanese and Chinese quotes, 」, close sentences without a stop.)
_CLOSING_QUOTES: Final = "\"\u201d\u2019'"
_STOPS: Final = ".!?\u2026"


def _is_prose(text: str, words: int) -> bool:
    """A sentence or more (``words``: the text's ``word_count``): where an article begins
    and ends."""
    end = text.rstrip()[-2:]
    ended = end[-1:] in _TERMINAL and (end[-1:] not in _CLOSING_QUOTES or end[:1] in _STOPS)
    return words >= 25 or (words >= 6 and ended) or opens_with_dateline(text) or _unspaced_prose(text)


# Thai, Lao, Burmese and Khmer put no space between words and no full stop after a
# sentence (spaces part phrases): a unit holding this many of their letters is a
# sentence or more, as 25 words are in other scripts.
_UNSPACED: Final = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_UNSPACED_PROSE: Final = 100


def _unspaced_prose(text: str) -> bool:
    return len(text) >= _UNSPACED_PROSE and not text.isascii() and max(text) >= "\u0e00" \
        and len(_UNSPACED.findall(text)) >= _UNSPACED_PROSE


def _trimmed(kept: list[int], found: list[Unit], words: list[int]) -> list[int]:
    """The article (``kept``: indices in ``found``; ``words``: the units' word counts)
    from its first to its last unit of prose.

    The scorer judges units by their neighbours, so a headline, byline or tag line next
    to the first or last paragraph can ride along; an article opens and closes with a
    sentence. A region without any prose holds no article.
    """
    prose = [j for j, i in enumerate(kept) if _is_prose(found[i].text, words[i])]
    if not prose:
        return []  # a menu, a list of links: no article
    # (a sentence of page furniture, a paywall's "You have 2 free stories left this
    # month.", does not open it)
    first = next((j for j in prose if not _furniture(found[kept[j]].text)), prose[0])
    return kept[first:prose[-1] + 1]


# "Read more: …", "Lire aussi : …", "Lesen Sie auch: …": a short label, a colon, a
# headline; an insert among the paragraphs, not a sentence of the article.
_INSERT: Final = re.compile(r"^[^\W\d][^:\n]{0,30}\s?:\s")
_INSERT_COLON: Final = 33
# A caption ends with its photo credit: "(AP Photo/Jane Doe)", "(Jane Doe/The Sentinel)".
_DURATION: Final = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_PHOTO_CREDIT: Final = re.compile(r"\([^()/\n]{2,60}/[^()/\n]{2,60}\)\s{0,3}$")


# The head of a comment section: what follows is readers', not the article's.
_COMMENTS: Final = re.compile(r"^\W{0,3}(?:\d{1,6}\s)?(?:comments?|responses?|replies|reactions)"
                              r"(?:\s?\(\d{1,6}\))?\W{0,3}$|^\W{0,3}(?:leave|post|add|write)\s(?:a\s)?"
                              r"(?:comment|reply)\b|^\W{0,3}join\sthe\s(?:discussion|conversation)\b",
                              re.IGNORECASE)


# Every word a _COMMENTS match can open with, and where it must stand: the first branch
# matches only a text of up to _COMMENTS_SHORT characters, the others open with one of
# these words among the first _COMMENTS_HEAD characters.
_COMMENTS_SHORT: Final = 32
_COMMENTS_HEAD: Final = 12
_COMMENTS_OPENERS: Final = ("leave", "post", "add", "write", "join")


def _comments_head(text: str) -> bool:
    """``_COMMENTS.match(text)``. (For speed: asked of every unit after the article's
    first; a longer ASCII text none of whose first characters holds an opening word is
    no match. In ASCII, the case-blind pattern matches only what ``lower`` shows.)"""
    if len(text) > _COMMENTS_SHORT and text[:_COMMENTS_HEAD].isascii():
        head = text[:_COMMENTS_HEAD].lower()
        if not any(word in head for word in _COMMENTS_OPENERS):
            return False
    return _COMMENTS.match(text) is not None


def _furniture(text: str) -> bool:
    """Page furniture that sits among the paragraphs: advertisement labels, share rows,
    captions, inserted links, rules drawn with punctuation."""
    if not any(map(str.isalnum, text[:200])):
        return True
    if text[:1].isdigit() and _DURATION.match(text):  # a video's length alone: "2:48"
        return True
    # (_INSERT's colon stands among the text's first _INSERT_COLON characters)
    if ":" in text[:_INSERT_COLON] and _INSERT.match(text) and word_count(text) <= 20 \
            and text.rstrip()[-1:] not in _TERMINAL:
        return True
    # (a photo alone, w3m's "[Alt text]", and a row of Chinese buttons or the editor's
    # credit in lenticular brackets: "【纠错】【打印】【关闭】", "【责任编辑：王磊】")
    if (text[:1] == "[" and _IMAGE_ALT.match(text) and text[-2:-1] not in _TERMINAL) \
            or (text[:1] == "\u3010" and _BRACKETED_ONLY.match(text)
                and not _CJK_SIGNATURE.match(text)):  # (a sign-off: read by _signed_off)
        return True
    return is_inline_chrome(text) or is_caption(text) \
        or (")" in text[-5:] and bool(_PHOTO_CREDIT.search(text[-200:])))


def _selected(found: list[Unit], model: Model | None, p: npt.NDArray[np.float64],
              own: npt.NDArray[np.float64], words: list[int]) -> list[int]:
    """The indices of the units the scorer keeps, up to a comment section's heading."""
    keep = select(found, model, p=p, own=own, words=words)
    first = next((i for i, k in enumerate(keep) if k), len(found))
    end = next((i for i in range(first + 1, len(found)) if _comments_head(found[i].text)),
               len(found))
    return [i for i in range(end) if keep[i]]


def _article(found: list[Unit], model: Model | None) -> tuple[list[Unit], list[str]]:
    """(body units, credits lines). What lies above the body is read for metadata as
    lines of the header, by ``parse``."""
    own, words, _ = features_and_words(found)
    body, credits = _body(found, model, scores(found, model, own=own), own, words)
    return [found[i] for i in body], credits


def _scored_article(found: list[Unit], model: Model | None, p: npt.NDArray[np.float64],
                    own: npt.NDArray[np.float64]) -> tuple[list[Unit], list[str]]:
    """``_article`` given the units' scores ``p`` and features ``own``."""
    body, credits = _body(found, model, p, own, word_counts(found))
    return [found[i] for i in body], credits


def _body(found: list[Unit], model: Model | None, p: npt.NDArray[np.float64],
          own: npt.NDArray[np.float64], words: list[int]) -> tuple[list[int], list[str]]:
    """``_scored_article`` given the units' ``word_count``s ``words`` too, the body as
    indices in ``found``. (The word counts come with the features: a unit's text is
    not split again by every test of its length.)"""
    kept = _trimmed(_selected(found, model, p, own, words), found, words)
    if not kept and len(p):
        # The best region holds no sentence (a row of page numbers, a list of links that
        # outscored a short article): the article is somewhere on every page this is
        # asked about, so the region is chosen again among the units of prose only.
        prose = np.fromiter((_is_prose(u.text, w) for u, w in zip(found, words, strict=True)),
                            dtype=np.bool_, count=len(found))
        if prose.any():
            kept = _trimmed(_selected(found, model, np.where(prose, p, 0.0), own, words),
                            found, words)
    # A byline or date line among the first units ends the header: it and what is above
    # it (a headline, a standfirst, a kicker) are not the body. The scorer may have left
    # that line out and kept a standfirst above it, so the units it passed over are read
    # too, up to the first paragraph too long to be a standfirst.
    if kept:
        first = kept[:_HEADER_UNITS]
        held = set(first)
        long_at = next((i for i in first if words[i] > _STANDFIRST_WORDS), first[-1] + 1)
        # (or the writers' names alone over the date: "Jane Doe, John Roe" / "Nov 18, 2024 —
        # 6 min read", a newsletter's byline, the date the unit past the first four)
        meta = max((i for i in range(kept[0], first[-1] + 1)
                    if (i in held or i < long_at)
                    and (_is_meta(found[i].text, words[i]) or _names_over_date(found, words, i))),
                   default=-1)
        if meta < 0:
            # (or a heading among them, and a byline or date just under it and its
            # standfirst: the page's headline, a show's blurb and an episode's length above
            # it, "Field Notes, hosted by …" / "Episode 147 * 41 min" / "# Why …")
            meta = next((j for i in first if found[i].heading
                         for j in range(i + 1, min(i + 1 + _UNDER_HEADING, len(found)))
                         if _is_meta(found[j].text, words[j])), -1)
        if meta < kept[-1]:
            # (and what the cut leaves opens with prose, as the region did: a share
            # count or a label under the date is not the article's first paragraph)
            rest = [i for i in kept if i > meta]
            kept = _trimmed(rest, found, words) or rest
    # A byline among the last units ends the body, as one among the first ends the
    # header: a magazine's "Words by …" under the story, and after it the date, the
    # issue note and the author's biography.
    # (or the writers' names alone over the date: "Sanne van Dijk en Pieter Hoogland" /
    # "03-09-24, 14:12 Laatste update: 16:40")
    # (among the last six: a paywall's notice and a newsletter's box may follow them)
    if len(kept) > _HEADER_UNITS:
        end = next((j for j in range(max(1, len(kept) - _TRAILER_BYLINE_UNITS), len(kept))
                    if words[kept[j]] <= _BYLINE_WORDS
                    and ((has_byline_marker(found[kept[j]].text) and is_byline_line(found[kept[j]].text))
                         or _names_over_date(found, words, kept[j]))), len(kept))
        kept = kept[:end]
    body: list[int] = []
    credits: list[str] = []
    inserted = False  # the unit before was an insert's label alone ("ALSO READ")
    for i in kept:
        unit = found[i]
        text = unit.text
        label = _insert_label(text)
        if is_credit_line(text):
            credits.append(text)
        elif inserted and not unit.links and not unit.bullet and words[i] <= _TEASER_WORDS \
                and not _subhead(unit, words[i]) and _is_prose(text, words[i]):
            # a render without link markers (get_text()): a headline that reads as a
            # sentence ("Prognoza pogody na weekend. Gdzie będzie najzimniej?") is the
            # label's one line; what follows it is the article again
            inserted = False
            continue
        elif inserted and not _is_prose(text, words[i]) and not _subhead(unit, words[i]):
            continue  # the insert's links, as many as the label heads (inserted stays)
        elif i > 0 and _all_link(unit) and _insert_label(found[i - 1].text):
            # (the label, left out of the region, over a headline that is all one link)
            inserted = True
            continue
        elif not (label or _furniture(text) or _credit_alone(text) or _teaser(unit, words[i])
                  or _captioned(found, i, words[i])):
            body.append(i)
        inserted = label
    return body, credits


_QUESTION_SUBHEAD_WORDS: Final = 6


def _insert_label(text: str) -> bool:
    return len(text) <= _INSERT_LABEL_CHARS and bool(_INSERT_LABEL.match(text))


def _all_link(unit: Unit) -> bool:
    """The unit is one link, whatever its words read like (an insert's headline)."""
    return unit.links == 1 and unit.link_chars >= 0.9 * len(unit.text)


def _subhead(unit: Unit, words: int) -> bool:
    """A subhead, which ends an insert's run of links: a heading, or a short question
    ("TE RECOMENDAMOS:" / a linked headline / "¿Qué sanciones habrá?")."""
    return unit.heading or (words <= _QUESTION_SUBHEAD_WORDS and unit.text.rstrip()[-1:] == "?")


# An insert's label on a line of its own, the linked headline under it: "ALSO READ",
# "Lesen Sie auch", "Leia também", "Czytaj także".
_INSERT_LABEL: Final = re.compile(
    r"^\W{0,3}(?:also read|read also|see also|read more|related|more on this|leia tamb\u00e9m"
    r"|lee tambi\u00e9n|lesen sie auch|lire aussi|\u00e0 lire aussi|leggi anche|lees ook"
    r"|czytaj (?:te\u017c|tak\u017ce)|(?:zobacz|przeczytaj) (?:te\u017c|tak\u017ce)"
    r"|ilginizi \u00e7ekebilir|m\u00e1s informaci\u00f3n|leia mais"
    # ("see also": Spanish, Argentine Spanish, Portuguese, Italian, German, French, Dutch,
    # the Scandinavian languages, Finnish)
    r"|(?:mir\u00e1|mira|ver|vea) tambi\u00e9n|veja tamb\u00e9m|guarda anche|siehe auch|voir aussi"
    r"|zie ook|se ogs\u00e5|se \u00e4ven|lue my\u00f6s"
    # (Spanish "you may be interested", Greek "read also", Czech "related articles")
    r"|(?:tambi\u00e9n )?te puede interesar"
    r"|\u03b4\u03b9\u03b1\u03b2\u03ac\u03c3\u03c4\u03b5 \u03b5\u03c0\u03af\u03c3\u03b7\u03c2"
    r"|souvisej\u00edc\u00ed \u010dl\u00e1nky"
    r"|xem th\u00eam|tin li\u00ean quan|baca juga|artikel terkait|te recomendamos"
    r"|cite\u0219te \u0219i|llegeix tamb\u00e9|pro\u010ditajte (?:jo\u0161|i)|\u010dt\u011bte tak\u00e9"
    r"|\u0447\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u043e\u0436"
    # (Japanese, Chinese, Korean: related articles, further reading)
    r"|\u95a2\u9023\u8a18\u4e8b|\u95a2\u9023\u30cb\u30e5\u30fc\u30b9|\u76f8\u5173\u9605\u8bfb"
    r"|\u76f8\u5173\u65b0\u95fb|\u5ef6\u4f38\u9605\u8bfb|\uad00\ub828\uae30\uc0ac)\W{0,3}$",
    re.IGNORECASE)
_INSERT_LABEL_CHARS: Final = 30
_BRACKETED_ONLY: Final = re.compile("^(?:\u3010[^\u3010\u3011]{1,12}\u3011\\s?){1,8}$")
_IMAGE_ALT: Final = re.compile(r"^\[[^\[\]\d][^\[\]]{0,150}\]$")  # w3m's "[Alt text of a photo]"
_CAPTION_WORDS: Final = 30
_TEASER_WORDS: Final = 20


def _teaser(unit: Unit, words: int) -> bool:
    """A list item cut short with an ellipsis (``• Missing tortoise found two miles from
    home after six...``), or a headline-length one that is all a link and no sentence:
    a teaser of another story. (lynx counts a link's first 40 characters only: a list
    item that opens with a link reads as all link.)"""
    if not unit.bullet or words > _TEASER_WORDS:
        return False
    text = unit.text
    return text.endswith(("...", "\u2026")) \
        or (unit.links == 1 and unit.link_chars >= 0.9 * min(40, len(text))
            and text[-1:] not in _TERMINAL and text[-1:] != ":")


def _captioned(found: list[Unit], i: int, words: int) -> bool:
    """A photo's caption: a short line without a full stop straight under the photo's
    alternative text (w3m draws a photo as ``[Alt text]``), or a short paragraph straight
    over its credit (``Dev Anand Rao for Longitude``, ``Dana Kessler/Courier``)."""
    if words > _CAPTION_WORDS:
        return False
    if i + 1 < len(found) and found[i + 1].first - found[i].last <= _CREDIT_GAP \
            and _credit_alone(found[i + 1].text):
        return True
    if i == 0 or found[i].text.rstrip()[-1:] in _TERMINAL:
        return False
    before = found[i - 1]
    return before.last == found[i].first - 1 and bool(_IMAGE_ALT.match(before.text))


# A photographer's credit on a line of its own: "Dev Anand Rao for Longitude",
# "Dana Kessler/Courier".
_CREDIT_ALONE: Final = re.compile(
    r"^(?:[A-Z][\w'\u2019\-]{1,20}(?: [A-Z][\w'\u2019.\-]{0,20}){1,2})"
    r"(?: for (?:[Tt]he )?| ?/ ?)(?:[A-Z][\w&'\u2019\-]{0,20}(?: [A-Z][\w&'\u2019\-]{0,20}){0,3})$")
_CREDIT_GAP: Final = 2  # lines from a caption's last to its credit's (a blank one between)
_CREDIT_CHARS: Final = 100


def _credit_alone(text: str) -> bool:
    return len(text) <= _CREDIT_CHARS and bool(_CREDIT_ALONE.match(text))


def extract_body(text: str, *, model: Model | None = None) -> str:
    """The article body of a dump, paragraphs joined by a blank line ("" if none)."""
    body, _ = _article(units(text), model)
    return "\n\n".join(u.text for u in body)


def _tidied(lines: list[str]) -> list[str]:
    """The lines (right-stripped) with no-break spaces and tabs made spaces, right-stripped
    again. (For speed: only a line holding one is rebuilt.)"""
    return [line.replace("\u00a0", " ").replace("\t", "    ").rstrip()
            if "\u00a0" in line or "\t" in line else line for line in lines]


def _credits_in(line: str) -> bool:
    low = line.lower()
    return "copyright" in low or "reporting by" in low or "contributed" in low


# A Japanese sign-off: the reporter's name in lenticular brackets under the story,
# maybe with "reporter" (【田中美咲】, 【田中美咲記者】).
_CJK_SIGNATURE: Final = re.compile("^[\u3010\uff08](?P<name>[\u3040-\u30ff\u3400-\u9fff\u3005]{2,6}?)"
                                   "(?:\u8a18\u8005)?[\u3011\uff09]$")
_SIGNATURE_OPENERS: Final = "\u3010\uff08"  # 【田中美咲】, （佐藤健太）
_CJK_CLOSING: Final = re.compile("[\u3002\u300d][\uff08(](?P<names>[\u3040-\u30ff\u3400-\u9fff\u3005]{2,6}"
                                 "(?:\u3001[\u3040-\u30ff\u3400-\u9fff\u3005]{2,6}){0,3})[\uff09)]$")
_CJK_CLOSING_CHARS: Final = 40
_CJK_CLOSING_UNITS: Final = 6  # the body's last units read for it
_PLACE_FIRST_UNITS: Final = 3  # the body's first units read for a town-first byline
# Agencies a Japanese or Chinese story credits the same way: Kyodo, Jiji, Xinhua, CNA, Yonhap
_CJK_AGENCIES: Final = frozenset(("\u5171\u540c", "\u5171\u540c\u901a\u4fe1", "\u6642\u4e8b",
                                  "\u6642\u4e8b\u901a\u4fe1", "\u65b0\u534e\u793e", "\u65b0\u83ef\u793e",
                                  "\u4e2d\u592e\u793e", "\u806f\u5408"))


def _cjk_signature(text: str) -> str | None:
    """The name of a sign-off in brackets (``【田中美咲】``, ``（佐藤健太）``), not an agency's."""
    found = _CJK_SIGNATURE.match(text) if text[:1] and text[:1] in _SIGNATURE_OPENERS else None
    return found["name"] if found and found["name"] not in _CJK_AGENCIES else None


# A Japanese sign-off naming each reporter's desk or bureau before a middle dot:
# "（宮浜総局・岩城真澄、経済部・小田切悠）"
# (the desk's letters are kana and kanji but the middle dot, U+30FB)
_CJK_DESK_SIGN_OFF: Final = re.compile("^[\uff08(](?P<names>(?:[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]{1,8}\u30fb)?"
                                       "[\u3400-\u9fff\u3005]{2,5}(?:\u3001(?:[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]"
                                       "{1,8}\u30fb)?[\u3400-\u9fff\u3005]{2,5}){0,3})[\uff09)]$")
# The words a desk's or bureau's name ends with: 総局, 支局, 経済部, 写真部, 本社, 取材班, センター
_CJK_DESK_ENDS: Final = ("\u5c40", "\u90e8", "\u793e", "\u73ed", "\u8ab2", "\u5ba4", "\u30bb\u30f3\u30bf\u30fc")


def _desk_sign_off(text: str) -> list[str]:
    """The reporters' names of a sign-off that names their desks (``_CJK_DESK_SIGN_OFF``),
    each named desk a desk's word ("（ワシントン・東京）" names two places)."""
    found = _CJK_DESK_SIGN_OFF.match(text) if "\u30fb" in text[:_CJK_CLOSING_CHARS] else None
    parts = [part.rpartition("\u30fb") for part in found["names"].split("\u3001")] if found else []
    if not any(dot for _, dot, _ in parts) \
            or not all(desk.endswith(_CJK_DESK_ENDS) for desk, dot, _ in parts if dot):
        return []
    names = [name for _, _, name in parts]
    return [] if any(name in _CJK_AGENCIES for name in names) else names


_SIGN_OFF_NAMES: Final = 3  # names of a sign-off parted by dashes, at most


def _paired_sign_off(text: str) -> list[str]:
    """The names of a sign-off of two or more names parted by dashes, printed under the
    body (``Thanh Hương - Quốc Tuấn``); one name alone could be any capitalised line."""
    if " - " not in text:
        return []
    names = [name.strip() for name in text.split(" - ")]
    return names if 2 <= len(names) <= _SIGN_OFF_NAMES and all(map(looks_like_name, names)) else []


# (simplified or traditional, and where they reported from: "〔記者林佳蓉／台北報導〕")
_CJK_REPORTERS: Final = re.compile("[\uff08(\u3014\u3010][\u8bb0\u8a18]\u8005\\s?(?P<names>[\u4e00-\u9fff]{2,4}"
                                   "(?:\u3001[\u4e00-\u9fff]{2,4}){0,4})(?:[\uff0f/][\u4e00-\u9fff]{1,8})?"
                                   "[\uff09)\u3015\u3011]")
_DATELINE_CHARS: Final = 40  # where a dateline's reporters stand
_SIGN_OFF_UNITS: Final = 3  # a sign-off or an author box is among the body's last units
_AUTHOR_BOX_UNITS: Final = 2  # units further up where a sign-off over an author's box may stand


def _signed_off(body: list[Unit], authors: list[str]) -> tuple[int, str | None] | None:
    """Where the body's closing author lines start, and the name they sign (None when
    only the byline's author is repeated), or None: a sign-off (``【田中美咲】``), or an
    author box, the byline's name alone on a line or opening a sentence about them
    (``Nadia Kessler is a senior reporter covering …``). A sign-off may stand over the
    author's box too (``（小林拓海）`` / ``この記事を書いた記者`` / name / bio)."""
    for at in range(max(1, len(body) - _SIGN_OFF_UNITS - _AUTHOR_BOX_UNITS), len(body)):
        text = body[at].text.strip()
        signature = _cjk_signature(text)
        if signature:
            return at, signature
        if at < len(body) - _SIGN_OFF_UNITS:
            continue
        for name in authors:
            if text == name or (text.startswith(name + " ")
                                and text[len(name) + 1:].split(" ", 1)[0] in BIO_VERBS):
                return at, None
    return None


_COMPARED_NAMES: Final = 8  # names compared pairwise, at most (a byline holds fewer)


def _without_longer(names: list[str]) -> list[str]:
    """The names without one that is another of them and more words: the town a lynx link
    ran on into ("Selin Karaca" and "Selin Karaca Karaoba", the photo's alternative text and
    the link's text over the town)."""
    if not 2 <= len(names) <= _COMPARED_NAMES:
        return names
    return list(dict.fromkeys(name for name in names
                              if not any(other != name and name.startswith(other + " ") for other in names)))


def _undoubled(name: str) -> str:
    """A name printed twice in a row, once: the author photo's alt text beside the
    byline's name ("Anjali Menon Anjali Menon", as w3m and lynx print both); else as it
    stands."""
    words = name.split()
    half = len(words) // 2
    if half >= 2 and len(words) == 2 * half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return name


def _as_written_elsewhere(name: str, text: str) -> str:
    """A name whose surname the byline prints in capitals (``Gwenaëlle LE GOFF``, the French
    way), as the page writes it elsewhere in upper and lower case (an author box's
    ``Gwenaëlle Le Goff``); else as it stands."""
    words = name.split()
    if len(words) < 2 or name.isupper() or not any(len(w) >= 2 and w.isupper() for w in words[1:]):
        return name
    for found in re.finditer(re.escape(name), text, re.IGNORECASE):
        written = found[0]
        if written != name and not any(len(w) >= 2 and w.isupper() for w in written.split()[1:]):
            return written
    return name


# Words the page writes before a place's or an institution's name: "in the Senedd", "de
# Querétaro", "de O Barco" (articles and prepositions of the languages read).
_PLACE_LEADS: Final = frozenset((
    "the", "in", "at", "of", "from", "near", "de", "del", "en", "em", "do", "da", "no", "na", "\u00e0", "au",
    "aux", "di", "nel", "della", "im", "aus", "bei", "la", "le", "el", "w", "we", "v", "ve", "u", "z", "ze", "i",
    "iz"))
# Of them, the words only a place follows in a sentence (not "from", "of", "di", "en", which
# "More from Jane Doe", "Photo of Jane Doe", an Italian byline and a Dutch "and" put before a name)
_IN_PLACE_LEADS: Final = frozenset(("in", "near", "im", "nel", "bei", "em", "\u00e0", "au"))
_PLACE_WORDS: Final = 3  # a place's or an institution's name run into a byline's: "Ciudad de México"
_ITEM_CHARS: Final = 40  # a menu's item, at most
_PLACE_COPIES: Final = 50  # places in the page where the words are looked at, at most


def _without_place_elsewhere(name: str, text: str, items: set[str] | frozenset[str] = frozenset()) -> str:
    """A byline's name without the words after it that name where the reporter is or what
    they cover, run into it by the render ("Mariana Téllez Ochoa Querétaro", "Catrin
    Pryce-Jones Senedd"): words the page writes elsewhere after an article or a preposition
    ("de Querétaro", "in the Senedd"), or on a line of their own among ``items`` (the
    header's: a menu's section, "Aisha Al Mansoori Aviation" over "* Aviation"); two words
    of the name left before them."""
    words = name.split()
    for size in range(min(_PLACE_WORDS, len(words) - 2), 0, -1):
        tail, before = " ".join(words[-size:]), words[-size - 1]
        # (the name's own particle is no preposition: "Sanne de Vries", "Camille Le Goff")
        if tail[:1].isupper() and before[:1].isupper() \
                and (tail in items or _after_place_word(text, tail, before)):
            return " ".join(words[:-size])
    return name


def _after_place_word(text: str, tail: str, own: str, leads: frozenset[str] = _PLACE_LEADS) -> bool:
    """``tail`` stands in ``text`` as words of their own after one of ``leads`` that is not
    ``own``. (For speed: the words are found as a string, and only the word before
    each is read; a pattern with the leads tried at every place in the page was slow.)"""
    at = text.find(tail)
    for _ in range(_PLACE_COPIES):
        if at < 0:
            return False
        end = at + len(tail)
        if (end == len(text) or not text[end].isalnum()) and at >= 2 and text[at - 1].isspace():
            lead = text[max(0, at - 12):at].split()
            word = lead[-1].casefold() if lead else ""
            if word in leads and word != own.casefold():
                return True
        at = text.find(tail, at + 1)
    return False



# Academic and professional titles printed before a name: English, and the Czech and Slovak
# degrees ("Mgr.", "Ing.", "Bc.", "PhDr."), Italian ("Dott.", "Avv."), German ("Mag.")
_TITLES: Final = frozenset(("dr.", "dr", "prof.", "mgr.", "ing.", "bc.", "phdr.", "mudr.", "judr.", "rndr.",
                            "doc.", "dott.", "dott.ssa", "avv.", "mag."))


_GLUED_PIECES: Final = 40  # pieces before the body on its line passed on for the date, at most


def _untitled(name: str) -> str:
    """The name without the academic or professional title before it, when a name of two
    words or more is left ("Mgr. Jana Dvořáková" -> "Jana Dvořáková")."""
    first, _, rest = name.partition(" ")
    return rest if first.casefold() in _TITLES and len(rest.split()) >= 2 and rest[:1].isupper() else name


def _reader_cased(name: str) -> str:
    """A name of two words or more printed in capitals, in title case ("NGỌC HÂN" ->
    "Ngọc Hân"); an agency's ("AFP", "REUTERS" stay: the wire's own spelling is given
    elsewhere) and any other name as printed."""
    words = name.split()
    if len(words) < 2 or not name.isupper() or canonical_agency(name) is not None:
        return name
    return title_cased(name)

def parse(text: str, *, filename: str = "", limits: object = None, byline_fallback: bool = True) -> ParsedArticle:
    """``limits`` is accepted for a uniform parser signature; line-based text has no nesting.
    ``byline_fallback`` False leaves the authors to the rules alone (what the learned byline
    scorer, ``textdump_byline``, adds is measured against it)."""
    # (the lines right-stripped: the units are cut from them, and the header and trailer
    # read as them; ``_tidied`` strips their right ends anyway)
    lines = [line.rstrip() for line in text.splitlines()]
    listed = references_at(lines)  # (lynx's list of link targets, read once)
    found = units_of_lines(lines, listed=listed)
    own, words, wide = features_and_words(found)
    body_at, credit_lines = _body(found, None, scores(found, None, own=own), own, words)
    body_units = [found[i] for i in body_at]
    body = "\n\n".join(u.text for u in body_units)
    # ``word_count(body)`` from its units' counts: the words ``split`` finds in each, and
    # one for every two wide characters of them all
    wide_chars = sum([wide[i] for i in body_at])
    # (spaces part phrases, not words, in Thai, Lao, Burmese and Khmer: a sentence of
    # theirs is enough)
    if sum([words[i] - wide[i] // 2 for i in body_at]) + wide_chars // 2 < _MIN_BODY_WORDS \
            and not any(_unspaced_prose(found[i].text) for i in body_at):
        raise NoArticleText("the text holds too little prose to be an article")
    start, end = body_units[0].first, body_units[-1].last + 1
    # Everything above the body's first unit (headline, byline and date lines cut from
    # the region's top included) is the header; everything after its last, the trailer.
    # (only they are tidied: the body's lines are not read again)
    header, footer = _tidied(lines[:start]), _tidied(lines[end:])
    lead = found[body_at[0]:body_at[min(len(body_at), _LEAD_UNITS) - 1] + 1]
    # (the body's last units and the lines left out between them: an author's name over
    # the bio the body kept)
    # (and the lines left out just before them: an author box's label and name over the
    # bio the body kept, "Despre autor" / "Andreea Vlăduț" / "Reporter la …")
    tail = found[body_at[len(body_at) - 4] + 1 if len(body_at) >= 4 else body_at[0]:body_at[-1] + 1]
    # (the pieces of the body's first line before it, where get_text() ran the page's
    # elements into one line: read for the date only)
    glued = [u.text for u in found[max(0, body_at[0] - _GLUED_PIECES):body_at[0]] if u.first == start] \
        if body_at[0] and found[body_at[0] - 1].first == start else []
    meta = read_meta(header, footer=footer, body_tail=[u.text for u in tail],
                     body_head=[u.text for u in lead],
                     day_first=numeric_order_hint(text[:20000]), found=found, footer_at=end,
                     listed=listed - end, glued=glued)
    trailer = [line for line in footer[:40] if "\u00a9" in line or _credits_in(line)]
    wire = detect_wire(body, credits="\n".join([*meta.credits, *credit_lines, *trailer]))
    # (no byline: a wire story names its reporters in its credits line)
    authors = meta.authors or next(
        (names for names in map(credit_names, [*credit_lines, *trailer]) if names), [])
    # (the header's items of their own, a menu's sections: a beat run into a name)
    items = {u.text for u in found[:body_at[0]] if len(u.text) <= _ITEM_CHARS} \
        if any(len(name.split()) > 2 for name in authors) else set()
    # (the place after a byline's name goes first: "Anjali Menon Anjali Menon Chandrapuram")
    authors = _without_longer([_undoubled(_without_place_elsewhere(_as_written_elsewhere(name, text), text, items))
                               for name in authors])
    # (and a "name" that is a place, the page's own words tell: "Cape Town" it writes after "in")
    authors = [name for name in authors if not _after_place_word(text, name, "", _IN_PLACE_LEADS)]
    signed = _signed_off(body_units, authors)
    if signed is not None:  # the body ends with its author's name: a sign-off or a bio box
        at, signer = signed
        body_units = body_units[:at]
        body = "\n\n".join(u.text for u in body_units)
        authors = authors or ([signer] if signer else [])
    if not authors:
        # (an Arab paper's byline among the body's first paragraphs, the town first: "إربد -
        # رنا الخطيب وعمر الزعبي"; the line is no paragraph of the article)
        for at, unit in enumerate(body_units[:_PLACE_FIRST_UNITS]):
            authors = place_first_names(unit.text) if len(body_units) > 1 else []
            if authors:
                body_units = body_units[:at] + body_units[at + 1:]
                body = "\n\n".join(u.text for u in body_units)
                break
    if not authors:  # a Chinese dateline names the reporters: "本报讯（记者李晓雯、王磊）"
        reporters = _CJK_REPORTERS.search(body_units[0].text[:_DATELINE_CHARS])
        authors = reporters["names"].split("\u3001") if reporters else []
    if not authors:
        # (or the reporters in brackets closing a paragraph, "…。（田中美穂、木村健太）",
        # which closes the article: what the region holds after it is the page's)
        for at in range(len(body_units) - 1, max(-1, len(body_units) - 1 - _CJK_CLOSING_UNITS), -1):
            text = body_units[at].text
            closing = _CJK_CLOSING.search(text[-_CJK_CLOSING_CHARS:]) if text.endswith(("\uff09", ")")) else None
            names = closing["names"].split("\u3001") if closing else []
            if names and not any(name in _CJK_AGENCIES for name in names):
                authors = names
                if at < len(body_units) - 1:
                    body_units = body_units[:at + 1]
                    body = "\n\n".join(u.text for u in body_units)
                break
    if not authors:  # (or a sign-off the body left out: the first line after it)
        at = next((i for i, line in enumerate(footer[:_SIGN_OFF_UNITS]) if line.strip()), -1)
        after = footer[at].strip() if at >= 0 else ""
        signature = _cjk_signature(after)
        authors = [signature] if signature else _desk_sign_off(after) or _paired_sign_off(after)
        # (or the names over their role: "Koffi Yao Bertin et Mariam Touré" / "Envoyés spéciaux à Soubré")
        role = next((line.strip() for line in footer[at + 1:at + 3] if line.strip()), "") if at >= 0 else ""
        if not authors and role and is_role(role):
            authors = names_only(after)
    if not authors and meta.agency:  # (a byline that credits an agency alone: "By KNA")
        authors = [meta.agency]
    if not authors and byline_fallback:
        # (no rule found a byline: the learned scorer's likeliest name, if it is likely enough)
        head, foot, middle = blocks(lines, header, footer, found=found, body_at=body_at,
                                    listed=listed - end)
        authors = fallback_authors(head, foot, middle, body=body, title=meta.title,
                                   site=meta.site_name)
    # (a person's name printed in capitals, as some papers print every byline or sign-off,
    # "NGỌC HÂN - MINH TUẤN": given as a reader gives it; an agency's initials are kept;
    # and without an academic or a professional title before it, "Dr. Anjali Mehta-Rousseau")
    authors = [_untitled(_reader_cased(name)) for name in authors]
    return ParsedArticle(
        source_format="text",
        body=body,
        title=meta.title,
        authors=tuple(authors),
        published_at=meta.published_at,
        modified_at=meta.modified_at,
        site_name=meta.site_name,
        section=meta.section,
        wire_source=wire.wire_source,
        dateline=wire.dateline or body_dateline(body_units[0].text),
    )
