"""The headline of a text dump, chosen by scoring the header's lines.

No layout is assumed. Every header line that could be a headline (a few words, not a
menu, breadcrumb, byline, date, list item or chrome) is a candidate, and signals that
hold across sites add up:

* **repetition**: the page's ``<title>`` usually repeats the headline with the site
  name (``Headline | Site``, ``Headline - Site``), often as the dump's first line; a
  comments heading after the body may repeat it too; so do the page's share links, whose
  addresses carry its title (``https://twitter.com/share?text=Headline``), which lynx
  lists at the end of its dump and html2text prints inline;
* **position**: the headline is the nearest headline-like line above the byline or
  date (a dek, a site name or a kicker may stand between), near the body;
* **shape**: a heading in markdown or setext form; a short all-capitalised line is a
  name (site, section, person), a long sentence is a dek or a notice; a line after a
  ``Trending``/``Top stories`` marker is a list item;
* **known names**: a line that is the site's name (from the copyright line or a link
  to the home page) is not the headline.

A line wrapped in two by a fixed-width save (the first part ending in a word such as
"in" or "of") is also tried joined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import unescape
from itertools import pairwise
from typing import Final
from urllib.parse import unquote_plus

from services.pipeline.formats.month_names import CLDR_WEEKDAYS
from services.pipeline.formats.textdump_lines import (
    Line,
    dates_in,
    find_date_cached,
    is_byline_line,
    is_date_line,
    is_relative_time,
    label_before_date,
    may_hold_date,
    name_in_dated_row,
    name_shaped,
    names_before_date,
)
from services.pipeline.formats.textdump_rules import (
    CONSENT_WORDS,
    HOME_WORDS,
    SKIP_LINKS,
    author_links,
    byline_names,
    caseless_byline,
    credited_to_address,
    ends_with_conjunction,
    han_names,
    has_byline_marker,
    is_caption,
    is_credit_line,
    is_credited_caption,
    is_inline_chrome,
    is_link_box,
    is_role,
    is_share_row,
    is_staff_credit,
    is_terminator,
    is_word_menu,
    joined_caseless_names,
    looks_like_name,
    named_agency,
    run_in_byline,
    small_letter,
    split_breadcrumb,
    without_initials,
    without_place,
)
from services.pipeline.formats.textdump_units import word_count

__all__ = ["TRAIL_ITEMS", "TitleChoice", "is_media_label", "is_meta_line", "kicker_dated", "pick_title",
           "shared_titles", "split_title_site"]

# Separators between a headline and the site name in a <title>, most specific first.
_TITLE_SEPARATORS: Final = (" | ", " :: ", " \u2014 ", " \u2013 ", " - ", " \u00b7 ", " \u2022 ",
                            "\uff5c", " // ")
_SEPARATOR_CHARS: Final = "|-\u2013\u2014:\u00b7\u2022~/\uff5c "
_MAX_SITE_WORDS: Final = 6
_MIN_WORDS, _MAX_WORDS = 3, 40  # a heading may have one word fewer
_MIN_WIDE: Final = 10  # wide (CJK) characters of a headline in Chinese, Japanese or Korean
_OPENING_QUOTES: Final = "\"\u201c\u2018\u00ab\u201e'"
_CURRENCY: Final = "$\u00a3\u20ac\u00a5\u20b9"  # a headline opening with an amount: $, £, €, ¥, ₹
_CLOCK: Final = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")  # a time of day: "19:45", "7.30", "18h42"
# An ordinal number opening a headline: "9th", "21st", "3e", "1er", "2do"
_ORDINAL_LEAD: Final = re.compile(r"\d{1,4}[^\W\d_]{1,3}\.?\s")
# Page furniture that is never a headline: skip links, consent notices, account links,
# in the languages of the marker tables. The opening words only count in a short line
# ("Share", "Close", "Back to" also open headlines).
_CHROME_START: Final = re.compile(
    r"^(?:skip to|jump to|back to|go to|zur\u00fcck zu[mr]?|retour \u00e0|volver a|voltar|torna a"
    r"|search|saltar (?:para|al)|" + SKIP_LINKS
    + r"|sign in|log in|sign up|subscribe|register|my account|listen to|accept"
    r"|reject|close|continue reading|read more|share|toggle"
    # a share row's "copy the link", in the marker languages
    r"|copy(?: the)? link|copier le lien|copiar (?:el |o )?(?:enlace|link)|link kopieren|copia(?: il)? link"
    r"|kopieer(?: de)? link|kopiuj link"
    # a summary box's label: "Key points", "In Summary"
    r"|key (?:points|takeaways|facts)|in (?:summary|brief)|at a glance"
    r"|manage (?:my )?(?:cookies|preferences|settings))\b",
    re.IGNORECASE,
)
_CHROME_WORDS: Final = 5
_CHROME: Final = re.compile(
    r"\b(?:use|uses|using|accept|utiliza|utilizamos|utilisons|utilise|verwenden|usa|usiamo"
    # (and "we use" in German, Dutch, Polish, Greek, Russian, Turkish, Indonesian, Vietnamese,
    # Finnish, Danish, Norwegian, Swedish, Hungarian, Romanian)
    r"|verwendet|nutzen|gebruiken|gebruikt|u\u017cywamy|\u03c7\u03c1\u03b7\u03c3\u03b9\u03bc\u03bf\u03c0\u03bf\u03b9\u03bf\u03cd\u03bc\u03b5"
    r"|\u0438\u0441\u043f\u043e\u043b\u044c\u0437\u0443\u0435\u043c|kullan\u0131yoruz|menggunakan"
    r"|s\u1eed d\u1ee5ng|k\u00e4yt\u00e4mme"
    r"|bruger|bruker|anv\u00e4nder|haszn\u00e1l|utiliz\u0103m)\b"
    r".{0,40}\bcookies?\b|\bcookies? (?:policy|settings|preferences)\b|\bjavascript\b"
    r"|\bprivacy (?:policy|settings)\b|\(required\)|\bmain (?:menu|story|content|navigation)\b"
    r"|\bexternal links?\b|\bwent wrong\b|\bphoto(?:graph)?s? (?:by|illustration|credit)\b"
    r"|\b(?:photo|image|credit|source)\s?:"
    r"|^follow (?:us|[A-Z][\w.]{0,20}(?: [A-Z][\w.]{0,20}){0,3} on)\b"
    r"|\b\d{1,7} (?:comments?|shares?|views?|replies|reactions)\b|\brss\b|\bcontact us\b"
    r"|\blisten to (?:this )?(?:article|story)\b"
    r"|\b(?:internet explorer|(?:modern|supported|latest) browser|update your browser)\b",
    re.IGNORECASE,
)
# Every _CHROME match holds one of these, in lower case, or opens with "follow", or
# holds "photo" and what follows it there, or a colon and what precedes it. (For speed:
# _CHROME takes tens of microseconds to search a line, and most lines hold none.)
_CHROME_KEYS: Final = ("cookie", "javascript", "privacy", "(required)", "main menu", "main story",
                       "main content", "main navigation", "external link", "went wrong", " comment",
                       " share", " view", " replies", " reaction", "rss", "contact us", "listen to",
                       "explorer", "browser")
_PHOTO_KEYS: Final = (" by", " illustration", " credit")
_LABEL_KEYS: Final = ("photo", "image", "credit", "source")
_CREDIT_LABELS: Final = tuple(f"{key}{end}" for key in _LABEL_KEYS for end in (":", "s:", " :"))
# The only non-ASCII letters that IGNORECASE matches with ASCII ones (İ, ı, ſ, K): in a
# line holding one, a keyword may be spelt with it, so _CHROME is searched anyway.
_ASCII_TWINS: Final = frozenset("\u0130\u0131\u017f\u212a")
# A line that opens with a date marker is a date line, even when its date is relative.
_DATE_MARKER: Final = re.compile(
    r"^\W{0,3}(?:published|updated|posted|last (?:updated|modified)|modified|publi\u00e9e?"
    r"|mis \u00e0 jour|ver\u00f6ffentlicht|aktualisiert|publicad[oa]|actualizad[oa]"
    r"|atualizad[oa]|pubblicat[oa]|aggiornat[oa])\b", re.IGNORECASE)

# Words a wrapped headline's first line can end in, in the marker languages.
_OPEN_ENDS: Final = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "from", "by",
    "as", "into", "after", "over", "its", "their", "de", "du", "des", "la", "le", "les", "et",
    "à", "en", "pour", "sur", "el", "los", "las", "y", "para", "con", "por", "del", "der",
    "die", "das", "und", "im", "am", "zu", "für", "mit", "von", "do", "da", "dos", "e", "em",
    "no", "na", "il", "di", "per", "che", "het", "een", "van", "op",
))
_REPEAT, _FOOTER_REPEAT, _COPY, _ABOVE_META, _HEADING, _SPLIT = 3.0, 1.5, 1.0, 2.0, 1.0, 0.5
_NAME, _KNOWN_SITE, _LISTED, _OPEN_END = -2.0, -4.0, -3.0, -2.0
_TITLE_COPY: Final = 2.0  # with _COPY, a copy that is the dump's first line weighs as "Headline | Site"
_TOP_HEADING: Final = 2.0  # a markdown page's one "# Heading"
_SHARED: Final = 3.0  # the page's title in a share link's address, as strong as "Headline | Site"
_SHARED_CHARS: Final = 20  # a candidate this long at least (a section's name is in many titles)
_MAX_SHARED: Final = 20  # share links read, at most
# A share link's parameter that carries the page's title: "twitter.com/share?text=…",
# "mailto:?subject=…", "facebook.com/sharer.php?u=…&t=…"; its value up to the next one
_SHARE_PARAM: Final = re.compile(r"[?&](?:text|title|subject|t|status)=([^&;#\n]{10,300})", re.IGNORECASE)
_LYNX_REF: Final = re.compile(r"\[\d{1,5}\]")  # lynx's number of a link: "[12]"
_ACCOUNT_END: Final = re.compile(r"\b(?:sign|log)\s?(?:in|up)$", re.IGNORECASE)
_ROLE_WORDS: Final = 5  # an author's role or programme on the line under the name, at most
_LABEL_WORDS: Final = 4  # "News provided by", "Photographs by": a label of the next line
_DISTANCE: Final = 0.02  # per header line between the candidate and the body
_DEK_WORDS: Final = 14  # a longer line under a shorter one is a standfirst
_LONG_HEADLINE: Final = 25  # a headline has at most this many words when a standfirst follows it
_MAX_COPIES: Final = 2  # a line printed this many more times is a list field, not a headline
_DEK_MIN, _HEADLINE_MIN = 10, 5  # a standfirst this long under a headline this long
_STANDFIRST: Final = 1.5  # taken from a line that reads as the standfirst of the line above it
_PHOTO_TITLE: Final = 1.0  # taken from a line straight over a caption: the photo's own title
_CAPS_KICKER: Final = 1.0  # taken from a line in capitals over a longer one in small letters: a kicker
_KICKER_BELOW: Final = 3  # lines under a kicker in capitals where its headline stands


@dataclass(frozen=True, slots=True)
class TitleChoice:
    """The headline, where it stands, and what its ``Headline | Site`` line said."""

    title: str | None = None
    index: int = -1  # the header line it was read from (the last one if joined)
    site: str | None = None  # the site part of a line that repeats the headline
    prefix: str | None = None  # text before the headline on that line (a run-in trail)
    start: int = -1  # the header line it starts on (``index`` unless joined)


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str
    index: int
    site: str | None = None  # set when the candidate is the left part of its own line
    start: int = -1  # the line a headline joined from two starts on


def split_title_site(text: str) -> tuple[str, str] | None:
    """``"Headline | Site"`` -> ``("Headline", "Site")``: the last separator whose right
    part is a short name and whose left part is longer."""
    for sep in _TITLE_SEPARATORS:
        at = text.rfind(sep)
        if at <= 0:
            continue
        left, right = text[:at].strip(), text[at + len(sep):].strip()
        if not right or len(right.split()) > _MAX_SITE_WORDS or right[-1:] in ".!?":
            continue
        if len(left.split()) >= 3 and len(left.split()) > len(right.split()) \
                and (sep == " | " or name_shaped(right) or _caseless_name_of_site(right)):
            return left, right
    return None


_CASELESS_SITE_CHARS: Final = 12


def _caseless_name_of_site(text: str) -> bool:
    """A site's name in a script without capitals, of one word: "民聲新聞網"."""
    return 2 <= len(text) <= _CASELESS_SITE_CHARS and text.isalpha() and text.lower() == text.upper()


def _is_chrome(text: str) -> bool:
    """``_CHROME`` matches somewhere in the text."""
    if text.isascii() or _ASCII_TWINS.isdisjoint(text):
        low = text.lower()
        if not (any(key in low for key in _CHROME_KEYS) or low.startswith("follow")
                or ("photo" in low and any(key in low for key in _PHOTO_KEYS))
                or (":" in low and any(key in low for key in _LABEL_KEYS))):
            return False
    return _CHROME.search(text) is not None


def _has_words(tokens: list[str], wide: int, needed: int) -> bool:
    """At least ``needed`` of the tokens (a text's ``split()``) of two letters or more (or
    words of Chinese, Japanese or Korean text, one for every two characters: ``word_count``,
    ``wide`` more than the tokens)."""
    if wide >= needed:
        return True
    found = 0
    for token in tokens:
        if (len(token) >= 2 and token.isalpha()) or sum(map(str.isalpha, token)) >= 2:
            found += 1
            if found >= needed:
                return True
    return False


_RESTATED_WORDS: Final = 4  # a line that says its first words again: a photo's alt text and caption


def _eligible(line: Line) -> bool:
    text = line.text
    tokens = text.split()  # (split once: the tests below read the tokens again)
    words = len(tokens)
    # (Chinese, Japanese and Korean: one word for every two wide characters, and a
    # headline written in them holds at least _MIN_WIDE; a shorter line is a label or a
    # category)
    wide = 0 if text.isascii() else word_count(text) - words
    low = _MIN_WORDS - 1 if line.heading else _MIN_WORDS
    if not low <= words + wide <= _MAX_WORDS or (line.bullet and not line.heading) \
            or (0 < wide < _MIN_WIDE // 2 and 4 * wide > len(text)):
        return False
    # (a line ending with a trail's separator is a breadcrumb item: "Software \u203a")
    # (and a trail with the date on its row: "Xã hội › Giao thông Thứ năm, 21/11/2024 - 15:42")
    if (" \u203a " in text or " \u00bb " in text) and dates_in(text):
        return False
    # (a row of share buttons, "Share on Facebook Share on Bluesky … Republish this story";
    # an editor's credit, "Edited By: रश्मि वर्मा")
    folded = text.casefold()
    if folded.startswith(_EDITOR_LABELS) or is_share_row(text):
        return False
    # (a reporter's role and town in a script without capitals: "بزنس رپورٹر، کراچی")
    if not text.isascii() and ("," in text or "\u060c" in text) \
            and is_role(text.replace("\u060c", ",").split(",", 1)[0]):
        return False
    if text[-1:] == ":" or text.endswith((" \u203a", " >", '")')) or text.count("|") >= 2 \
            or text.count(" \u00b7 ") >= _MENU_DOTS \
            or "[" in text or "](" in text:
        return False
    # (a label on a line of its own and its value under it, a definition list's term:
    # "From:" over the names of a press release's departments)
    raw = line.raw
    if raw[-1:] in ":\uff1a" and len(raw.split()) <= 2 and len(raw) < len(text):
        return False
    # (a short line ending in "by" labels the line under it: "News provided by")
    if words <= _LABEL_WORDS and text[-3:].lower() == " by":
        return False
    # (an account's row ends with its button: "Subscribe — 4 issues for $48 Sign in")
    if text[-2:].lower() in ("in", "up") and _ACCOUNT_END.search(text[-10:]):
        return False
    # (lynx draws the page's <link> elements, a feed's title or another language's
    # version, as "#[1]Site - Section" lines on top; html2text writes a figure's caption
    # straight after its image: "![alt](src)The caption")
    if raw.lstrip()[:2] in ("#[", "!["):
        return False
    # (a row holding one of lynx's buttons is a toolbar, "(BUTTON) Salvar artigos
    # (BUTTON) Ouvir o texto"; a row of two of its links opens with one, "[20]Presentear
    # Recurso exclusivo para assinantes [21]assine ou faça login": a headline is one link)
    if "(BUTTON)" in raw or (raw.lstrip()[:1] == "[" and len(_LYNX_REF.findall(raw)) > 1):
        return False
    # (nor a row of markdown's links, a menu: a headline is one link at most; nor a link to
    # an author's page, "[ਗੁਰਪ੍ਰੀਤ ਕੌਰ ਸੰਧੂ](…/author/gurpreet-sandhu/)")
    if (raw.count("](") > 1 and raw.lstrip()[:1] == "[") or ("](" in raw and author_links(raw)):
        return False
    # (a review's rating in stars: "★★★★☆ On aime passionnément")
    if text[:1] in _STARS or _figures_row(tokens) or (" / " in text and _slashed_row(text)):
        return False
    # (a menu of one-word items opening with the home page: "Home News Politics …"; a
    # consent banner's buttons: "Zustimmen · Ablehnen und Abo abschließen")
    first_word = text.split(" ", 1)[0].casefold()
    if (first_word in HOME_WORDS and is_word_menu(text)) or first_word.strip(".,!:\u00b7") in CONSENT_WORDS:
        return False
    # (a headline may open with an amount, "£38 million scheme …": then the word after
    # it may be in lower case; a line opening with a small letter is not one. A count,
    # "5 reasons why …", opens teasers of other stories far more often than headlines.)
    # (a weekday and a day of the month open a fixture's or an event's time, not a
    # headline: "Tue 22 Oct, 19:45 · Millbrook Park"; "Die 5 besten …" opens with an article)
    lead, _, after = text.partition(" ")
    if after[:1].isdigit() and lead.rstrip(".,").lower() in CLDR_WEEKDAYS and _CLOCK.search(after):
        return False
    # (an ordinal opening it is read past: its suffix is in small letters, "9th Circuit …")
    ordinal = _ORDINAL_LEAD.match(text)
    first = next((c for c in (text[ordinal.end():] if ordinal else text) if c.isalpha()), "")
    if not first or (small_letter(first) and text.lstrip(_OPENING_QUOTES)[:1] not in _CURRENCY) \
            or _DATE_MARKER.match(text) or _FILED_FROM.match(text) or _REPUBLISHED.match(text) \
            or (words <= _CHROME_WORDS and _CHROME_START.match(text)) or _is_chrome(text):
        return False
    if not _has_words(tokens, wide, low):
        return False  # "02 Ago 2017", "T R D NATIONAL /": numbers and letters, no words
    # (words of three letters at most, one of them in capitals: a row of languages' codes,
    # "ქარ ENG РУС"; Korean's words are as short, "마산항 크루즈 터미널 내년 3월 문 연다")
    if max(map(len, tokens)) <= _CODE_CHARS and not text.isascii() \
            and any(len(token) > 1 and token.isupper() for token in tokens):
        return False
    # (a photo's alternative text run into its caption, which opens with the same words:
    # "Fachada del mercado de San Cristóbal Fachada del mercado de San Cristóbal, en una imagen …")
    if words >= 2 * _RESTATED_WORDS and text.find(" ".join(tokens[:_RESTATED_WORDS]), len(tokens[0])) > 0:
        return False
    return not (split_breadcrumb(text) or is_inline_chrome(text) or is_terminator(text)
                or is_link_box(text) or is_credit_line(text) or is_caption(text) or credited_to_address(text)
                or is_credited_caption(text)
                or has_byline_marker(text) or is_byline_line(text) or is_date_line(text) or is_staff_credit(text)
                or (" by " in text.lower() and dates_in(text)) or _names_only(text)
                or _opens_with_date(text) or _portrait(text) or joined_caseless_names(text)
                or names_before_date(text, timed=True)
                # (an agency credited alone, its initials after it: "Kuzey Haber Ajansı (KHA)")
                or named_agency(without_initials(text)))


# The alternative text of an author's photo in a byline block: "Dana Whitfield headshot",
# "Jane Doe's avatar".
_PORTRAIT_WORDS: Final = frozenset(("headshot", "headshots", "avatar", "portrait", "mugshot",
                                    "photo", "picture", "image"))


_SLASHED_ITEM_WORDS: Final = 3


def _slashed_row(text: str) -> bool:
    """Short capitalised items joined by slashes: a trail without its home page ("Fact
    Checks / Health"), not a headline."""
    items = text.split(" / ")
    return all(item[:1].isupper() and len(item.split()) <= _SLASHED_ITEM_WORDS
               and item[-1:] not in ".!?:" for item in items)


_FIGURES: Final = 3  # figures in a row of quotes or results, at least half its tokens


def _figures_row(tokens: list[str]) -> bool:
    """A row of figures, half its tokens or more digits without letters: a market ticker
    ("HSI 17,798.73 +0.36% HSCEI 6,268.11 +0.41% USD/HKD 7.7965 …") or a table of
    results, not a headline (which puts a figure or two among its words; a count with
    its counter word is a word, "4곳"). ``tokens``: the row's ``split()``."""
    # (a figure's first character is no letter: a row with too few such tokens is none,
    # and no token's characters are read)
    opened = 0
    for token in tokens:
        if not token[0].isalpha():
            opened += 1
    if opened < _FIGURES or 2 * opened < len(tokens):
        return False
    # (the letters asked first: a word's first character is one, and the digits are not read)
    figures = sum(not any(map(str.isalpha, token)) and any(map(str.isdigit, token)) for token in tokens)
    return figures >= _FIGURES and 2 * figures >= len(tokens)


def _portrait(text: str) -> bool:
    """A name and a word for its photo (``_PORTRAIT_WORDS``): an author's picture."""
    name, _, last = text.rpartition(" ")
    return last.lower() in _PORTRAIT_WORDS \
        and looks_like_name(name.removesuffix("'s").removesuffix("\u2019s"))


def _opens_with_date(text: str) -> bool:
    """``05/06/2014 Jane Doe …``: a headline does not open with a full date."""
    # (day_first=None as is_date_line asks it: a short line's answer is cached already)
    head = text[:80]
    if not may_hold_date(head):  # (most lines: no call to find_date)
        return False
    found = find_date_cached(head, day_first=None)
    return found is not None and found.start == 0


def _names_only(text: str) -> bool:
    """Two or more names and nothing else, or names and where they reported from
    (``Jane Doe in Kyiv``): a byline without its marker."""
    if "\u4e00" <= text[:1] <= "\u9fff":  # (Chinese or Japanese names: "田中美咲、佐々木翔太")
        return len(han_names(text)) >= 2
    found = byline_names(text, strict=False)
    return found is not None and (len(found[0]) + len(found[1]) >= 2
                                  or (bool(found[0]) and without_place(text) is not None))


def _without_byline(text: str) -> str | None:
    """``Headline by Jane Doe`` (a byline run into the headline) -> ``Headline``; None
    when the text has no such tail."""
    run = run_in_byline(text)
    return run[0] if run else None


# The line under a byline saying where the story was filed: "Reporting from Paris".
_MENU_DOTS: Final = 3  # middle dots between a row's items: a menu ("Education · Health · …")
_STARS: Final = "\u2605\u2606\u2b50"  # ★ ☆ ⭐
_FILED_FROM: Final = re.compile(r"^(?:reporting|reported|filed|writing) from\s", re.IGNORECASE)
# Lines about the story, not its headline: another outlet published it first ("Originally
# published by The Lakeshore Gazette", "This article first appeared in …", "Republished
# with permission from …"), and the others below.
_REPUBLISHED: Final = re.compile(r"^(?:this (?:story|article|post|piece) (?:was )?)?(?:originally|first)"
                                 r" (?:published|appeared|ran)\s|^republished\s"
                                 # a magazine's issue the story is from: "From the December 2026
                                 # issue", "This article appears in the March issue"
                                 r"|^(?:from|in) (?:the|our|this) (?:[\w.,]+ ){0,4}(?:print )?(?:issue|edition)\b"
                                 r"|^(?:a version of )?this (?:article|story) (?:appears|appeared) in\s"
                                 # a press release's provider: "News provided by Halvorsen Robotics, Inc."
                                 r"|^(?:news |content )?provided by\s"
                                 # a press release's label: "FOR IMMEDIATE RELEASE", "Embargoed until …"
                                 r"|^(?:for immediate release|immediate release|for release|embargoed\b)",
                                 re.IGNORECASE)


def is_meta_line(line: Line) -> bool:
    """A byline or a date line, a relative time (``3 hours ago``) or where the story was
    filed (``Reporting from Paris``) included."""
    # (the cheap tests first)
    return is_relative_time(line.text) or bool(_FILED_FROM.match(line.text)) \
        or is_date_line(line.plain) or is_byline_line(line.text) or is_staff_credit(line.text) \
        or bool(joined_caseless_names(line.text)) or name_in_dated_row(line.text) is not None


class _MetaLines:
    """``is_meta_line`` of each header line, worked out when first asked for.

    (For speed: the byline and date tests are the dearest of the header, and the title
    scoring needs them only for lines near a candidate or inside a list run.)
    """

    __slots__ = ("_head", "_known")

    def __init__(self, head: Sequence[Line]) -> None:
        self._head = head
        self._known: dict[int, bool] = {}

    def __getitem__(self, index: int) -> bool:
        known = self._known.get(index)
        if known is None:
            known = self._known[index] = is_meta_line(self._head[index])
        return known


_WRAP_CHARS: Final = 55  # a first line this long may have been wrapped by a fixed-width render


def _wrapped(line: Line, nxt: Line) -> bool:
    """``nxt`` goes on with ``line``, a headline a fixed-width render wrapped (lynx centres
    a heading's second line): it opens in lower case, or stands centred under it, under a
    line of near the width that does not end as a sentence does."""
    # (or a number ending it: "… từ tháng" / "12", a month's)
    return (nxt.text[:1].islower() or _centred(line, nxt) or (nxt.text.isdigit() and line.heading)) \
        and len(line.text) >= _WRAP_CHARS and line.text[-1:] not in ".!?:;"


_CENTRE_SLACK: Final = 2  # columns between the centres of a centred heading's two lines


_CENTRE_MARGIN: Final = 6  # a centred headline stands this much further in than a line under it


def _centred(line: Line, nxt: Line) -> bool:
    """``nxt``, indented further, has its centre under ``line``'s: the second line of a
    heading a render centred ("Puget Sound" / "Ferry Terminals", title case)."""
    return nxt.indent > line.indent + 2 * _CENTRE_SLACK \
        and abs(2 * line.indent + len(line.raw) - 2 * nxt.indent - len(nxt.raw)) <= 2 * _CENTRE_SLACK


def _continues(line: Line) -> bool:
    """The line can be the second half of a wrapped headline."""
    text = line.text
    return not line.bullet and 0 < len(text.split()) <= _MAX_WORDS // 2 and "[" not in text \
        and not (is_byline_line(text) or is_date_line(text) or is_inline_chrome(text)
                 or (ends_with_conjunction(text) and has_byline_marker(text)))


# A profile's buttons and labels: the line before a "Follow" button, or after "Published
# in", names an author or a publication (Medium, Substack, LinkedIn), not a story.
_FOLLOW: Final = frozenset(("follow", "folgen", "suivre", "seguir", "segui", "volgen", "obserwuj",
                            "takip et", "f\u00f6lj", "f\u00f8lg"))
# A blog platform's "Published in" before its publication's name (read for the site too).
PUBLISHED_IN: Final = ("published in", "publicado en", "publicado em", "ver\u00f6ffentlicht in",
                       "publi\u00e9 dans", "pubblicato in")
_PUBLISHED_IN: Final = frozenset(PUBLISHED_IN)


def _profile_names(head: Sequence[Line]) -> set[str]:
    """The texts of the header lines that name a profile (see ``_FOLLOW``)."""
    names: set[str] = set()
    for line, after in pairwise(head):
        if after.text.casefold() in _FOLLOW:
            names.add(line.text)
        if line.text.casefold() in _PUBLISHED_IN:
            names.add(after.text)
    return names


_TOP_BAR_LINES: Final = 3  # the page's first lines, where a bar prints the day's date
# A cookie notice, in the languages read ("cookies" in most; Latvian, Lithuanian, Finnish,
# Estonian, Polish, Hungarian, Icelandic, Croatian, Slovenian, Bengali, Bulgarian): its heading and its
# buttons, the short lines around it, are no headline ("Vos choix concernant l'utilisation des
# cookies", "Piekrītu Tikai nepieciešamās").
_CONSENT: Final = re.compile(r"cookie|s\u012bkdatn|slapuk|ev\u00e4ste|k\u00fcpsis|ciasteczk|s\u00fctik"
                             r"|vafrak\u00f6k|kola\u010di\u0107|pi\u0161kotk|\u0995\u09c1\u0995\u09bf"
                             # (Bulgarian "бисквитки")
                             r"|\u0431\u0438\u0441\u043a\u0432\u0438\u0442\u043a", re.IGNORECASE)
_CONSENT_ASCII: Final = ("cookie", "slapuk", "ciasteczk")  # its words all in ASCII letters


def _holds_consent(text: str) -> bool:
    """``_CONSENT`` is found in the text. (For speed: in ASCII text, where the case-blind
    pattern matches only its words of ASCII letters, in either case, as substrings of the
    lower-cased text; the pattern's search tries every word at every position.)"""
    if text.isascii():
        low = text.lower()
        return any(word in low for word in _CONSENT_ASCII)
    return _CONSENT.search(text) is not None


_TITLE_LINES: Final = 12  # the page's first lines, where a title line stands
_CODE_CHARS: Final = 3  # a language's code in a switcher, "ENG", "РУС"
_EDITOR_LABELS: Final = ("edited by", "reviewed by", "fact-checked by", "fact checked by")
_INNER_STOP: Final = re.compile(r"[.!?]\s[A-Z]|[\u3002\uff01\uff1f]")  # a sentence ends inside a line
_CONSENT_WORDS: Final = 8  # a notice has at least this many words; its heading and buttons, at most
_CONSENT_REACH: Final = 2  # lines either side of the notice
_CONSENT_LINES: Final = 40  # the page's first lines, where it stands
_TOP_BAR_CHARS: Final = 200
TRAIL_ITEMS: Final = 4  # a trail joined by " / ": "News / Europe / France / Paris" at most
_MENU_ITEM_WORDS: Final = 4  # a menu's item on a line of its own


def _menu_trails(head: Sequence[Line], ok: list[bool]) -> set[int]:
    """The eligible lines that are trails of the page's own menu items joined by `` / ``
    (``Hong Kong / Health & Environment`` above the headline, each item a line of the
    menus above it): a kicker's trail, not a headline. (A slash joins other things in a
    headline, so the items must be the menu's.)"""
    trails = [i for i, line in enumerate(head) if ok[i] and " / " in line.text]
    if not trails:
        return set()
    items = {line.text for line in head if len(line.text.split()) <= _MENU_ITEM_WORDS}
    found = set()
    for i in trails:
        parts = [part.strip() for part in head[i].text.split(" / ")]
        if 2 <= len(parts) <= TRAIL_ITEMS and all(part in items for part in parts):
            found.add(i)
    return found


def _candidates(head: Sequence[Line], ok: list[bool]) -> list[_Candidate]:
    found: list[_Candidate] = []
    joined = -1  # the line that ended the last headline tried joined: not one alone
    for i, line in enumerate(head):
        if not ok[i] or i == joined:
            continue
        cut = _without_byline(line.text)
        if cut is not None:
            if len(cut.split()) >= _MIN_WORDS:
                found.append(_Candidate(cut, i))
            continue
        found.append(_Candidate(line.text, i))
        # (a page's heading is its headline, not its <title>: no site after a dash in it,
        # "# A Kentucky Hospital System Sued … Bills — Including Its Own Nurses")
        split = None if line.heading else split_title_site(line.text)
        if split:  # (a teaser's "Headline - Photo" names no site)
            found.append(_Candidate(split[0], i, site=None if is_media_label(split[1]) else split[1]))
        nxt = head[i + 1] if i + 1 < len(head) else None
        if nxt and not nxt.blank_before and _continues(nxt) \
                and (line.text.split()[-1].lower() in _OPEN_ENDS or _wrapped(line, nxt)):
            found.append(_Candidate(f"{line.text} {nxt.text}", i + 1, start=i))
            joined = i + 1
    return found


_DURATION: Final = re.compile(r"\(?\d{1,2}(?::\d\d){1,2}\)?")  # a video's running time: "(01:24)"


def _repeat(text: str, index: int, lines: Sequence[Line]) -> str | None:
    """The first other line holding ``text`` with less beside it than ``text`` itself
    (``Headline | Site``, not ``Other headline - text``). A short name, or a line the
    page prints again and again (an author's name under every teaser), does not count."""
    words = word_count(text)  # (two wide characters make a word: a CJK headline's)
    if words < 3 or (words <= 3 and name_shaped(text)):
        return None
    found: str | None = None
    copies = 0
    for j, line in enumerate(lines):
        if j != index and text in line.text:
            rest = line.text.replace(text, " ", 1)
            if _DURATION.fullmatch(rest.strip()):
                # (a video's title in its player, with the running time: "… (01:24)" is
                # the same line printed twice, not "Headline | Site")
                found = text if found is None else found
                copies += 1
            else:
                copies += line.text == text
            if copies >= _MAX_COPIES:
                return None
            if found is not None:
                continue
            # (a caption printed again with its credit, "… treatmentCredit: EPA", is no
            # "Headline | Site" line)
            # (in a trail, only as its last item: "Home › News › Headline", not the
            # middle item of "Home › News and events › Environment")
            trail = split_breadcrumb(line.text)
            # (its separators are no words: "Headline | News | Site")
            if (sum(bool(t.strip(_SEPARATOR_CHARS)) for t in rest.split()) < words or trail) \
                    and not rest.lstrip().lower().startswith(_CREDIT_LABELS) \
                    and not (trail and text not in trail[-1]) and not is_caption(line.text):
                # (nor a caption opening with the photo's alternative text: "Тезги со
                # зеленчук на Бит пазар" / "Тезги со зеленчук на Бит пазар во Скопје. Фото: …")
                found = line.text
    return found


def _repeat_score(text: str, repeat: str | None, *, footer: bool) -> float:
    """A ``Headline | Site`` line (or a trail run into the headline) is strong evidence;
    the same line printed twice (a teaser and its video) is weak."""
    if repeat is None:
        return 0.0
    if repeat == text:
        return _COPY
    return _FOOTER_REPEAT if footer else _REPEAT


def _dek_like(text: str) -> bool:
    return len(text.split()) > _DEK_WORDS or text.endswith(".")


_KICKER_WORDS: Final = 3  # a kicker (a section's name over the headline) has at most this many


def _under_kicker(head: Sequence[Line], index: int) -> bool:
    """Line ``index`` stands straight under a kicker: a short line that repeats an item
    of the menu above it (``Economia`` over the headline, ``Economia`` in the menu). The
    line under the headline, above the byline, is then its subtitle."""
    if index < 2 or head[index].blank_before:
        return False
    kicker = head[index - 1].text.casefold()
    return 0 < len(kicker.split()) <= _KICKER_WORDS \
        and any(line.text.casefold() == kicker for line in head[:index - 1])


def _heading_level(line: Line) -> int:
    """The markdown heading's level: its opening "#" signs."""
    raw = line.raw.lstrip()
    return len(raw) - len(raw.lstrip("#"))


def _dek_over(head: Sequence[Line], near: int, above: int, *, flush: int) -> bool:
    """Line ``near`` is a standfirst under the headline-like line ``above``: it ends
    like a sentence or runs long (straight under the headline, which may run as long;
    with lines between them, under a line that does not), or it is a line straight
    under one at most as long. (A headline does not end with a full stop; a heading is
    no standfirst under a line that is not one.)"""
    text, upper = head[near].text, head[above].text
    # (a markdown heading of a higher level straight over it: "# The board voted 4-3 … in
    # the room." over "### Four hours of public comment, …", whatever their stops)
    if above == near - 1 and head[above].heading and head[near].heading \
            and _heading_level(head[above]) < _heading_level(head[near]):
        return True
    # (or a headline the page's first line, its <title>, opens with, whatever its stop:
    # "Kingston council quietly shelved its own transit audit. Here's what it found.")
    if above == near - 1 and above > 0 and _dek_like(text) and head[0].text.startswith(upper):
        return True
    # (a title-case headline may end with one: "… Eighteen Months Later, We Put Them Back.";
    # or one a fixed-width render set flush (``flush``: the header's least indent) over the
    # standfirst it indents)
    set_flush = flush == head[above].indent < head[near].indent
    if (upper.endswith(".") and not _title_cased(upper.split()) and not set_flush) \
            or len(upper.split()) > _LONG_HEADLINE \
            or (head[near].heading and not head[above].heading):
        return False
    if head[above].heading and not head[near].heading and above == near - 1:
        return True  # (the headline marked as one, "# Headline", over a plain line)
    if above == near - 1 and head[near].indent + _CENTRE_MARGIN <= head[above].indent \
            and not head[above].bullet:
        return True  # (the headline a fixed-width render centred, over a line flush left)
    if _dek_like(text):
        return above == near - 1 or not _dek_like(upper)
    words, upper_words = len(text.split()), len(upper.split())
    return above == near - 1 and words >= _DEK_MIN and _HEADLINE_MIN <= upper_words <= words


_SHARED_OPENING: Final = 5  # words a photo's alternative text shares with its caption's opening


def _over_caption(head: Sequence[Line], index: int) -> bool:
    """The line stands straight over a photo's caption (``… Фото: Подільський вісник``),
    with no blank line between: the photo's title or alternative text, as renders print
    them over the caption. A caption without a credit's mark is known by its opening:
    the alternative text's words, then more (``Un camino rural dañado por las lluvias en
    Cazalla`` / ``Un camino rural dañado por las lluvias en el término de …``)."""
    if index + 1 >= len(head) or head[index + 1].blank_before:
        return False
    below = head[index + 1].text
    if is_caption(below):
        return True
    words, under = head[index].text.split(), below.split()
    shared = next((k for k, (a, b) in enumerate(zip(words, under, strict=False)) if a != b),
                  min(len(words), len(under)))
    return len(under) > len(words) and shared >= max(_SHARED_OPENING, len(words) // 2)


def _under_headline(head: Sequence[Line], ok: list[bool], cand: _Candidate) -> bool:
    """The candidate is the standfirst of the candidate line straight above it: longer
    than that line, of at least ``_HEADLINE_MIN`` words, and reading as one (``_dek_like``:
    long, or ending as a sentence does). A dek set as a heading of its own, under the headline, has the
    heading's features and stands nearer the body."""
    upper = (cand.index if cand.start < 0 else cand.start) - 1
    # (a line ending as a sentence does is no headline over it, unless in title case)
    if upper < 0 or not ok[upper] \
            or (head[upper].text.endswith(".") and not _title_cased(head[upper].text.split())):
        return False
    above, words = len(head[upper].text.split()), len(cand.text.split())
    if not (_HEADLINE_MIN <= above < words and above <= _LONG_HEADLINE):
        return False
    if _dek_like(cand.text):
        return True
    # (or, of ``_DEK_MIN`` words, a third longer than the line above it: a standfirst
    # without its full stop, as Arabic pages print it; not a headline between the line
    # over it and a longer standfirst under it, as a Persian agency prints them)
    under = head[cand.index + 1].text if cand.index + 1 < len(head) else ""
    return words >= _DEK_MIN and 4 * above <= 3 * words \
        and not (_dek_like(under) and len(under.split()) > words)


# A video player's lines between a headline and its byline: its running time ("0:00 /
# 1:47") and its labels ("Now Playing", "Watch Now"), over the video's title; and the next
# video's title ("Up Next: …").
_PLAYER: Final = re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d{2}\s?/\s?(?:\d{1,2}:)?\d{1,2}:\d{2}$"
                            r"|^(?:now playing|watch now|play video)$", re.IGNORECASE)
_NEXT_VIDEO: Final = re.compile(r"^up next\s{0,2}:\s{0,2}\S", re.IGNORECASE)
_PLAYER_REACH: Final = 2  # lines above a video's title where the player's own may stand
_META_REACH: Final = 5  # lines above a byline or a date where its headline may stand
_PASSED_OVER: Final = 12  # a player's or photos' lines passed over above one, at most


def _in_player(head: Sequence[Line], index: int) -> bool:
    """Line ``index`` is a video player's: its title under the player's running time or a
    label, or the next video's."""
    return bool(_PLAYER.match(head[index].text) or _NEXT_VIDEO.match(head[index].text)) or any(
        _PLAYER.match(head[at].text) for at in range(max(0, index - _PLAYER_REACH), index))


def _reach(head: Sequence[Line], meta_at: int) -> list[int]:
    """The five lines above a meta line where its headline may stand, nearest first; a
    video player's lines, and a photo's title or alternative text and its caption under
    it, are passed over and not counted."""
    found: list[int] = []
    at = meta_at - 1
    # (bounded: at most _PASSED_OVER lines passed over, whatever the page repeats)
    while at >= 0 and len(found) < _META_REACH and meta_at - at <= _META_REACH + _PASSED_OVER:
        if not _in_player(head, at) and not _over_caption(head, at) \
                and not (at and _over_caption(head, at - 1)):
            found.append(at)
        at -= 1
    return found


def _subtitles(head: Sequence[Line], last: int, upper: int, top: int) -> bool:
    """Lines ``upper`` and ``last`` are a block of subtitles under the headline ``top``:
    two lines with no blank between them, neither the other's wrapped end (the first may
    be a heading of a lower level than the headline's), under a blank line below the
    headline (Korean and Japanese pages stack two or three so: "공정률 82%…" / "운영비
    분담 놓고 …")."""
    return upper == last - 1 and not head[last].blank_before and head[upper].blank_before \
        and top < upper and not head[last].heading \
        and (not head[upper].heading or 0 < _level(head[top]) < _level(head[upper])) \
        and not _wrapped(head[upper], head[last])


def _level(line: Line) -> int:
    """A markdown heading's level (``### …``: 3), 0 for a line that is none."""
    raw = line.raw.lstrip()
    return len(raw) - len(raw.lstrip("#")) if line.heading else 0


def _above_meta(head: Sequence[Line], ok: list[bool], meta: _MetaLines) -> set[int]:
    """For every byline or date line, the nearest candidate above it. A name-shaped line
    (a site under the headline) is passed over, and so is a long standfirst when a
    shorter headline-like line stands above it."""
    marked: set[int] = set()
    flush = min((line.indent for line in head), default=0)
    for m in range(len(head)):
        # (a line with no candidate in the five above it marks nothing: it is not tested)
        if not any(ok[max(0, m - _META_REACH):m]) or not meta[m]:
            continue
        # (a line straight under a byline, above a date, is the author's role: "Football
        # reporter at Harbour Road")
        # (or straight under the author's bare name: "Émilie Tremblay-Gagnon" /
        # "Initiative de journalisme local")
        # (a section's name and the date over the headline, "Ekonomika 2025. gada 5. marts,
        # 07:30", mark the line under them: the section is the menu's)
        # (or the section's name on the line over the date: "Binnenland" / "7 november 2026,
        # 05:00 · Leestijd 4 minuten" / headline)
        if m + 1 < len(head) and ok[m + 1] and not meta[m + 1] \
                and (kicker_dated(head, m) or _kicker_over_date(head, m)):
            marked.add(m + 1)
            continue
        reach = _reach(head, m)
        # (the page's trail ends its navigation: a line above it is not the headline of
        # the date or byline under it, "Jetzt im Radio: …" / "Startseite > News > Chronik")
        trail = next((k for k, i in enumerate(reach) if split_breadcrumb(head[i].text)), len(reach))
        # (nor a photo's title over its caption, between the headline and the byline)
        near = [i for i in reach[:trail] if ok[i] and not meta[i] and not _over_caption(head, i)
                and not (i and meta[i - 1] and is_byline_line(head[i - 1].text))
                and not _under_bare_name(head, ok, i)]
        # (a name in a script without capitals and its town, "আবদুল্লাহ আল মামুন , রংপুর",
        # is passed over as a name is)
        shaped = [i for i in near if not name_shaped(head[i].text)
                  and (head[i].text.isascii() or caseless_byline(head[i].text) is None)]
        if not shaped:
            marked.update(near[:1])
            continue
        first = shaped[0]
        if len(shaped) > 2 and _subtitles(head, first, shaped[1], shaped[2]):
            first = shaped[2]
        elif len(shaped) > 1 and (_dek_over(head, first, shaped[1], flush=flush)
                                  or (shaped[1] == first - 1 and not head[first].blank_before
                                      and _under_kicker(head, shaped[1]))):
            first = shaped[1]
        marked.add(first)
    return marked


def _under_bare_name(head: Sequence[Line], ok: list[bool], i: int) -> bool:
    """Line ``i`` is short and straight under a bare name: the author's role or program
    ("\u00c9milie Tremblay-Gagnon" / "Initiative de journalisme local"). A blank line may
    part them (inscriptis) when a headline-like line stands over the name."""
    if not i or len(head[i].text.split()) > _ROLE_WORDS or not looks_like_name(head[i - 1].text):
        return False
    return not head[i].blank_before or (i >= 2 and ok[i - 2] and not name_shaped(head[i - 2].text))


def kicker_dated(head: Sequence[Line], at: int) -> bool:
    """Line ``at`` is a section's name and a date (``label_before_date``), the name also
    printed in another line of the header (``_printed_as_item``)."""
    label = label_before_date(head[at].plain)
    return label is not None and _printed_as_item(head, label, at)


def _printed_as_item(head: Sequence[Line], label: str, at: int) -> bool:
    """``label`` (on line ``at``) is printed in another line of the header, a menu's; a
    label shaped like a person's name only as a menu's bullet item: a byline's name is
    printed again in "More by Jane Doe"."""
    named = looks_like_name(label)
    return any(j != at and (line.bullet or not named) and f" {label} " in f" {line.text} "
               for j, line in enumerate(head))


def _kicker_over_date(head: Sequence[Line], at: int) -> bool:
    """Line ``at`` is a date line under a section's name of its own line, the name also
    printed in another line of the header (``_printed_as_item``): "Binnenland" / "7 november
    2026, 05:00"."""
    if not at or not is_date_line(head[at].plain):
        return False
    label = head[at - 1].text
    if len(label.split()) > _KICKER_WORDS or not name_shaped(label) or dates_in(label):
        return False
    return _printed_as_item(head, label, at - 1)


def _listed(head: Sequence[Line], meta: _MetaLines) -> set[int]:
    """Lines in a run after a list marker (``Trending``, ``Top stories``), up to a blank
    line or a byline/date line."""
    listed: set[int] = set()
    in_list = False
    for i, line in enumerate(head):
        if line.blank_before and i and not head[i - 1].text.endswith(":"):
            in_list = False
        if in_list:  # (a byline or date line ends the run: only asked inside one)
            if meta[i]:
                in_list = False
            else:
                listed.add(i)
        if len(line.text.split()) <= 4 and (is_terminator(line.text) or is_link_box(line.text)):
            in_list = True
    return listed


_TITLE_CASE_SHARE: Final = 0.8  # of the words, their letters opening with a capital


def _title_cased(words: Sequence[str]) -> bool:
    """Most words open with a capital (the small words of three letters or fewer aside)."""
    long = [word for word in words if len(word.strip(".,;:!?\"'")) > 3]
    return bool(long) and sum(word[:1].isupper() for word in long) >= _TITLE_CASE_SHARE * len(long)


_LONG_WORDS: Final = 18  # words of a headline, at most
_SPACED_MARKS: Final = frozenset((":", ";", "!", "?"))  # French sets a space before them


def _shape(text: str, *, complete: bool = False) -> float:
    """``complete``: a blank line follows the candidate's last line (an open end, "worth
    diving into", is then no cut one)."""
    words = text.split()
    score = 0.0
    if len(words) <= 4 and name_shaped(text):
        score += _NAME
    if text.isupper() and len(words) <= 6:
        score -= 1.0
    # (a long one runs over eighteen words; the French space before a colon and a figure's
    # groups of thousands part none: "Soubré : une coopérative … de 5 000 tonnes …")
    if len(words) - sum(word in _SPACED_MARKS or (word.isdigit() and len(word) == 3 and words[at - 1].isdigit())
                        for at, word in enumerate(words) if at) > _LONG_WORDS:
        score -= 1.0
    # (a sentence ends so, not a headline; but a headline in title case may: "We Tore Out Our
    # Bike Lanes. Eighteen Months Later, We Put Them Back.")
    if text.endswith(".") and len(words) > 8 and not _title_cased(words):
        score -= 1.0
    if not complete and words[-1].lower() in _OPEN_ENDS:
        score += _OPEN_END
    return score


def _marked_heading(head: Sequence[Line], index: int) -> bool:
    """The line is a markdown heading, or a render centred it over the next line."""
    line = head[index]
    return line.heading or (index + 1 < len(head)
                            and head[index + 1].indent + _CENTRE_MARGIN <= line.indent)


def shared_titles(lines: Iterable[str]) -> list[str]:
    """The titles the page's share links carry in their addresses (``…/share?text=…``,
    ``mailto:?subject=…``), decoded and case folded, of the first ``_MAX_SHARED``."""
    found: list[str] = []
    for line in lines:
        if "=" not in line or "?" not in line:
            continue
        for match in _SHARE_PARAM.finditer(line):
            found.append(" ".join(unescape(unquote_plus(match[1])).casefold().split()))
            if len(found) >= _MAX_SHARED:
                return found
    return found


def pick_title(head: Sequence[Line], foot: Sequence[Line], *,
               known_sites: Sequence[str] = (), shared: Sequence[str] = ()) -> TitleChoice:
    """The best-scoring headline candidate of the header (see the module docstring).
    ``shared``: the titles of the page's share links (``shared_titles``)."""
    ok = [_eligible(line) for line in head]
    # (a count opening a headline in sentence case, "40 hus evakuerte i Odda …", which
    # teasers open with more often, is the headline when the page's title line opens so)
    titles = [line.text for line in head[:_TITLE_LINES]]
    # (or when the page marks it as its heading: a markdown heading, or a line a fixed-width
    # render centred over the flush lines under it, "7 things to know about …")
    for i, line in enumerate(head):
        if not ok[i] and line.text[:1].isdigit() and not line.bullet \
                and _MIN_WORDS <= len(line.text.split()) <= _MAX_WORDS \
                and (any(title.startswith(line.text + sep) for title in titles for sep in _TITLE_SEPARATORS)
                     or (_marked_heading(head, i) and not dates_in(line.text))):
            ok[i] = True
    # (a role on the line under a byline is the writer's, "Written by Ellie Brannigan" /
    # "Senior consumer writer")
    for i in range(1, len(head)):
        if ok[i] and is_role(head[i].text) and has_byline_marker(head[i - 1].text):
            ok[i] = False
    names = _profile_names(head)
    if names:
        ok = [k and line.text not in names for k, line in zip(ok, head, strict=True)]
    for i in _menu_trails(head, ok):
        ok[i] = False
    # (the page's top bar: the site's name, the day's date and account links on the
    # first lines, "Thời Báo Việt Thứ năm, 6/2/2025 Mới nhất Xem nhiều Đăng nhập")
    for i in range(min(len(head), _TOP_BAR_LINES)):
        if ok[i] and dates_in(head[i].text[:_TOP_BAR_CHARS]):
            ok[i] = False
    for i in range(min(len(head), _CONSENT_LINES)):
        # (words as ``word_count`` counts them: two wide characters make one, "本網站使用Cookies以…")
        if word_count(head[i].text) >= _CONSENT_WORDS and _holds_consent(head[i].text):
            for j in range(max(0, i - _CONSENT_REACH), min(len(head), i + _CONSENT_REACH + 1)):
                ok[j] = ok[j] and word_count(head[j].text) >= _CONSENT_WORDS
            # (the notice itself when it is sentences: a headline about cookies is one)
            ok[i] = ok[i] and _INNER_STOP.search(head[i].text[:-1]) is None
    meta = _MetaLines(head)
    sites = {s.casefold() for s in known_sites if s}
    for i, line in enumerate(head):
        if ok[i] and _name_and_outlet(line.text, head[:i], sites):
            ok[i] = False
    above, listed = _above_meta(head, ok, meta), _listed(head, meta)
    flush = min((line.indent for line in head), default=0)
    deepest = max((line.indent for line in head), default=0)
    # (a page with markdown headings marks its headings so: its flush lines are text, as
    # html2text writes every paragraph flush and a list's items indented)
    if any(line.heading for line in head):
        deepest = flush
    top_headings = sum(1 for line in head if line.heading and _heading_level(line) == 1)
    best: tuple[float, _Candidate, str | None] | None = None
    cands = _candidates(head, ok)
    deks: set[int] = set()  # the standfirsts' last lines
    by_index: dict[int, list[_Candidate]] = {}
    for cand in cands:
        by_index.setdefault(cand.index, []).append(cand)
    for cand in cands:
        line = head[cand.index]
        repeat = _repeat(cand.text, cand.index, head)
        complete = cand.index + 1 < len(head) and head[cand.index + 1].blank_before
        score = _shape(cand.text, complete=complete) - _DISTANCE * (len(head) - cand.index)
        score += _repeat_score(cand.text, repeat, footer=False) \
            or _repeat_score(cand.text, _repeat(cand.text, -1, foot), footer=True)
        # (a headline joined from two lines is read by its first line too: lynx centres
        # a heading's second line, and the second may be too short to be a candidate)
        first = head[cand.start] if cand.start >= 0 else line
        score += _ABOVE_META if cand.index in above or cand.start in above else 0
        # (a markdown heading wrapped over two lines marks only the first)
        heading = line.heading or first.heading
        # (or a fixed-width render's flush line over indented text, set apart by a blank
        # line as lynx and w3m print a heading; not an item of a flush menu column)
        apart = first.blank_before or (cand.index + 1 < len(head) and head[cand.index + 1].blank_before)
        score += _HEADING if heading or (first.indent == flush < deepest and apart) else 0
        # (markdown's levels: the page's one first-level heading is its headline)
        score += _TOP_HEADING if heading and top_headings == 1 and _heading_level(first) == 1 else 0
        score += _SPLIT if cand.site and not repeat else 0
        score += _LISTED if cand.index in listed and cand.index not in above else 0
        score += _KNOWN_SITE if cand.text.casefold() in sites else 0
        if repeat == cand.text and cand.index and head[0].text == cand.text:
            # (the dump's first line the same words: the page's <title>, which get_text()
            # and inscriptis print first, not a teaser printed twice)
            score += _TITLE_COPY
        if shared and len(cand.text) >= _SHARED_CHARS:
            folded = " ".join(cand.text.casefold().split())
            score += _SHARED if any(folded in title for title in shared) else 0
        # (a standfirst's next line with no blank between them, its own sentence after a
        # break: "… upptäcktes efter fem månader." / "Nu kräver de drabbade svar.")
        begin = cand.index if cand.start < 0 else cand.start
        dek = _under_headline(head, ok, cand) \
            or (begin - 1 in deks and not head[begin].blank_before and _dek_like(cand.text))
        if dek:
            deks.add(cand.index)
        score -= _STANDFIRST if dek else 0
        score -= _PHOTO_TITLE if _over_caption(head, cand.index) else 0
        score -= _CAPS_KICKER if _caps_over_headline(by_index, cand) else 0
        if best is None or score >= best[0]:
            best = (score, cand, repeat)
    if best is None:
        return TitleChoice()
    _, cand, repeat = best
    if cand.site is not None and not cand.index and repeat is None:
        # (the page's <title> line, "SEO headline | Site", over a headline worded otherwise
        # that stands over the byline or the date: the headline the page prints, which a
        # reader gives, "قطع المياه عن 12 قرية بمركز …" under "قطع المياه عن 12 قرية بمنية …")
        printed = next((c for c in cands if c.index and c.site is None and c.index in above
                        and _reworded(cand.text, c.text)), None)
        if printed is not None:
            return TitleChoice(title=printed.text, index=printed.index, site=cand.site,
                               start=printed.index if printed.start < 0 else printed.start)
    site, prefix = _paired(cand.text, repeat) if repeat else (cand.site, None)
    if cand.site is not None:
        # (the page's <title> line, "Headline - Site", and the headline printed alone below
        # it: the byline and the date are read under that one)
        alone = next((j for j in range(cand.index + 1, len(head)) if head[j].text == cand.text), -1)
        if alone >= 0:
            return TitleChoice(title=cand.text, index=alone, site=site, prefix=prefix, start=alone)
    return TitleChoice(title=cand.text, index=cand.index, site=site, prefix=prefix,
                       start=cand.index if cand.start < 0 else cand.start)


_REWORDED_SHARE: Final = 0.5  # of the shorter headline's words, the other's too, at least


def _reworded(title: str, headline: str) -> bool:
    """Two wordings of one headline: half the words of the shorter or more in the other."""
    a, b = set(title.casefold().split()), set(headline.casefold().split())
    return bool(a and b) and len(a & b) >= _REWORDED_SHARE * min(len(a), len(b))


def _caps_over_headline(by_index: dict[int, list[_Candidate]], cand: _Candidate) -> bool:
    """The candidate is in capitals and a longer one in upper and lower case stands
    within three lines under it (``by_index``: the candidates by their line): a kicker over
    its headline, the byline perhaps between ("TEMPORAL EN EL SUR PROVINCIAL" / "Por Lucía
    Ferreyra" / "Una fuerte granizada …")."""
    if not cand.text.isupper():
        return False
    words = len(cand.text.split())
    return any(not other.text.isupper() and len(other.text.split()) > words
               for at in range(cand.index + 1, cand.index + _KICKER_BELOW + 1)
               for other in by_index.get(at, ()))


def _name_and_outlet(text: str, above: Sequence[Line], sites: set[str]) -> bool:
    """A byline of a name and the outlet: ``Maricel Dizon - The Luzon Courier``, the outlet
    printed alone above it (its masthead) or opening a name of the site the page gives
    (``The Luzon Courier Publishing Corporation``); not ``Headline - Site``."""
    sep = next((sep for sep in _TITLE_SEPARATORS if sep in text), None)
    if sep is None:
        return False
    name, _, outlet = text.partition(sep)
    outlet = outlet.strip().casefold()
    if not outlet or sep in outlet or not looks_like_name(name.strip()):
        return False
    return any(site.startswith(outlet) for site in sites) \
        or any(line.text.casefold() == outlet for line in above)


# What a teaser's link leads to, printed after its headline as a site's name would be
_MEDIA_LABELS: Final = frozenset(("photo", "photos", "video", "videos", "gallery", "photo gallery", "slideshow",
                                  "watch", "audio", "listen", "podcast", "live", "foto", "fotos", "v\u00eddeo",
                                  "v\u00eddeos", "galer\u00eda", "galerie", "bilder", "fotogalerie"))


def is_media_label(text: str) -> bool:
    """What a teaser's link leads to (``_MEDIA_LABELS``), printed after its headline where
    a ``<title>`` line prints the site's name: "Headline - Photo"."""
    return text.casefold() in _MEDIA_LABELS


def _paired(title: str, line: str) -> tuple[str | None, str | None]:
    """(site, text before the title) from the line that repeats the title."""
    at = line.index(title)
    before, after = line[:at].strip(), line[at + len(title):].strip()
    site = after.lstrip(_SEPARATOR_CHARS).strip() if after else None
    for sep in _TITLE_SEPARATORS:  # "Headline | Opinion | Site": the last part
        if site and sep in site:
            site = site[site.rfind(sep) + len(sep):].strip()
    if site and (len(site.split()) > _MAX_SITE_WORDS or site == after):
        site = None  # not "Headline | Site": text ran on without a separator
    if site and is_media_label(site):
        site = None  # a teaser's label of what it links to, "Headline - Photo": no site's name
    if site is None and before and not after:
        lead = before.rstrip(_SEPARATOR_CHARS).strip()
        if lead != before and name_shaped(lead):
            return lead, None  # "Site | Headline"
    return site, before or None
