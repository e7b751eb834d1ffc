"""The section of a text dump: the part of the site the story is filed under.

Strongest evidence first: the last item of a breadcrumb (one line, or one item per
line), a kicker above the headline (a short line that repeats a menu item, or stands
apart from the menu), the section of ``Site — Section``, a ``Section:``/``Category:``
label; one printed in capitals (``SPORTS``) as the menu above the headline prints it
(``Sports``), when it does.

On the way it reads the header's navigation, which the site finder (``textdump_site``)
asks too: the menus' items, the trails drawn as numbered or bulleted lists, the kicker
just above the headline, the ``Site — Section`` line. The section of a blog's post may
also stand after it (``Posted in Industry Notes``): ``footer_section``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_lines import (
    Line,
    is_byline_line,
    is_date_line,
    label_before_date,
    name_shaped,
    trail_before_date,
)
from services.pipeline.formats.textdump_rules import (
    ACRONYM_CHARS,
    HOME_WORDS,
    LYNX_NUMBER,
    MAX_CHARS,
    MAX_NAME_WORDS,
    NAME_COPIES,
    NEWS_WORDS,
    has_byline_marker,
    has_label,
    is_inline_chrome,
    is_terminator,
    is_word_menu,
    said_once,
    shares_word,
    small_letter,
    split_breadcrumb,
    split_meta_parts,
)
from services.pipeline.formats.textdump_title import TRAIL_ITEMS, kicker_dated
from services.pipeline.wire import canonical_agency

__all__ = ["MENU_SPLIT", "SITE_SECTION_DASH", "bulleted_trail", "find_section", "footer_section", "kicker_above",
           "masthead_of", "numbered_trail", "opens_with_site", "site_and_section", "split_menu"]

# (and a single topic's label, as public broadcasters print it under the byline: "Topic: Fruit")
_SECTION_LABEL: Final = re.compile(r"^(?:section|category|rubrik|rubrique|secci[oó]n|se[cç][aã]o|topic|thema|tema)"
                                   r"\s{0,2}[:：]\s{0,3}(?P<s>\S.{0,40})$", re.IGNORECASE)
# A blog's category line after the post: "Posted in Industry Notes Tagged cold storage, …",
# "Filed under: Politics", a theme's hidden label before the post's one category,
# "Categories Self-Hosting Tags homelab, k3s". (Not "Categories:" over a sidebar's list of
# them all: one name, no comma, ends the line or goes on with the tags.)
_POSTED_IN: Final = re.compile(
    r"^(?:posted in|filed under|publicado en|ver\u00f6ffentlicht in|publi\u00e9 dans|categories(?!\s{0,2}[:\uff1a]))"
    # (or glued to a capital, a screen reader's label run into the link: "Posted inEducation")
    r"(?:\s{0,2}[:\uff1a]?\s{1,3}|(?-i:(?=[A-Z\u00c0-\u00de])))(?P<s>[^,|\u00b7\u2022\s:][^,|\u00b7\u2022:]{0,39}?)"
    r"(?:\s{1,3}(?:tagged|tags)\b.{0,300})?$", re.IGNORECASE)
_POSTED_IN_REACH: Final = 12  # lines after the body read for it
_ENTRY_REACH: Final = 40  # ... and for a blog's entry row, under the author boxes and related posts


# What parts a menu's items on one line: two spaces or more, a pipe, a middle dot, a bullet
MENU_SPLIT: Final = re.compile(r"\s{2,20}|\s{0,3}[|\u00b7\u2022]\s{0,3}")


def split_menu(text: str, maxsplit: int = 0) -> list[str]:
    """``MENU_SPLIT.split(text, maxsplit)``. (For speed: the pattern may open with white
    space, so it is tried at every position of the line; a printable line holds no white
    space but the space, and without two spaces side by side and any of the marks it
    holds no match: most lines, and its one piece is the line.)"""
    if text.isprintable() and "  " not in text and "|" not in text and "\u00b7" not in text \
            and "\u2022" not in text:
        return [text]
    return MENU_SPLIT.split(text, maxsplit)
# The dash between a site's name and its section: "Daily Gazette — Sport"
SITE_SECTION_DASH: Final = re.compile(r" [\u2014\u2013] ")


def site_and_section(head: Sequence[Line], title: str | None) -> tuple[str, str] | None:
    """``Daily Gazette — Sport``: (site, section)."""
    for line in head:
        if "\u2014" not in line.text and "\u2013" not in line.text:
            continue  # (no separator: one part)
        parts = SITE_SECTION_DASH.split(line.text)
        if len(parts) != 2 or (title and title in line.text):
            continue
        site, section = parts[0].strip(), parts[1].strip()
        # (not a byline and its agency: "Par Marie-Ève Tremblay — La Presse Canadienne")
        if name_shaped(site) and name_shaped(section) and len(section.split()) <= 3 \
                and site.casefold() not in HOME_WORDS and not canonical_agency(site) \
                and not canonical_agency(section) and not has_byline_marker(site) \
                and not has_label(site.split()):
            return site, section
    return None


def _unaccented(text: str) -> str:
    """The text case folded without its accents: "ΚΟΙΝΩΝΙΑ" and "Κοινωνία" are one."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


_CUT_TITLE_WORDS: Final = 2  # a trail's last item this long that opens the headline is the headline
_COLUMN_WORDS: Final = 4  # a column's name that opens its headlines before a colon, at most
_LONG_CUT_WORDS: Final = 4  # a cut headline this long is one, whatever the menus list


_NUMBERED: Final = re.compile(r"^\s{0,8}(\d{1,2})[.)]\s")
_NUMBERED_ITEMS: Final = 5  # a trail drawn as a numbered list has at most this many items
_NUMBERED_REACH: Final = 3  # ... and ends at most this many lines above the headline
_SHORT_ITEM_WORDS: Final = 3  # an item of a numbered trail without a home page or separators
_TRAIL_MARKS: Final = " >\u203a\u00bb/|"


def opens_with_site(items: Sequence[str], head: Sequence[Line], start: int) -> bool:
    """A trail's first item is the site's name, printed on a line of its own above it
    (``masthead_of``)."""
    return masthead_of(items[0], head, start) is not None


def masthead_of(first: str, head: Sequence[Line], start: int) -> str | None:
    """The line above ``start`` that prints a trail's first item as the site's name, on a
    line of its own, its web address's ending after it perhaps ("Borowiec24.pl" over "*
    Borowiec24"): that line's text, else None."""
    for line in head[:start]:
        text = _unnumbered(line.text)
        if not line.bullet and (text == first or (text.startswith(first)
                                                  and _DOMAIN_END.fullmatch(text, len(first)) is not None)):
            return text
    return None


_DOMAIN_END: Final = re.compile(r"\.[a-z]{2,3}")  # ".pl", ".com"


def _unnumbered(text: str) -> str:
    """The text without lynx's link numbers ("[14]Samorząd" -> "Samorząd")."""
    return LYNX_NUMBER.sub("", text) if "[" in text else text


def _slashed_trail(head: Sequence[Line], title_at: int) -> list[str] | None:
    """A trail joined by slashes without its home page, within two lines over the
    headline (``News / Local / Fisheries``; a slash joins other things too: a photo's
    credit, a kicker's two parts): its items, when each is an item of the menus above."""
    for at in range(max(0, title_at - _SLASHED_REACH), max(0, title_at)):
        text = head[at].text
        if " / " not in text:
            continue
        items = [item.strip() for item in text.split(" / ")]
        if 2 <= len(items) <= _NUMBERED_ITEMS and all(name_shaped(item) for item in items):
            menu = _menu_items(head, at)
            if all(item in menu for item in items):
                return items
    return None


_SLASHED_REACH: Final = 3


def numbered_trail(head: Sequence[Line], title_at: int) -> list[str] | None:
    """A breadcrumb drawn as a numbered list (an ``<ol>``: ``1. Home`` / ``2. News`` /
    ``3. Business``) just above the headline: its items, when they open with the home
    page or each but the last ends with a trail's separator (``1. トップ >``)."""
    if title_at <= 0:
        return None
    end = title_at
    while end > 0 and title_at - end < _NUMBERED_REACH and not _NUMBERED.match(head[end - 1].raw):
        end -= 1
    numbers: list[int] = []  # the run of numbered items that ends there, read upwards
    start = end
    while start > 0 and len(numbers) <= _NUMBERED_ITEMS:
        number = _NUMBERED.match(head[start - 1].raw) if head[start - 1].bullet else None
        if number is None or (numbers and int(number[1]) != numbers[-1] - 1):
            break
        numbers.append(int(number[1]))
        start -= 1
    items = [line.text for line in head[start:end]]
    if not 2 <= len(items) <= _NUMBERED_ITEMS or numbers[-1] != 1 \
            or any(len(item.split()) > MAX_NAME_WORDS for item in items):
        return None
    # (it opens with the home page, or its items end with a trail's separator, or it stands
    # straight above the headline, each item a short name: "1. News 2. Cities 3. Delhi")
    if items[0].strip(_TRAIL_MARKS).casefold() in HOME_WORDS or opens_with_site(items, head, start) \
            or all(item.rstrip()[-1:] in _TRAIL_MARKS for item in items[:-1]) \
            or (end == title_at and all(len(item.split()) <= _SHORT_ITEM_WORDS and name_shaped(item)
                                        for item in items)):
        return [item.strip(_TRAIL_MARKS) for item in items]
    return None


def bulleted_trail(head: Sequence[Line], title_at: int) -> list[str] | None:
    """A breadcrumb drawn as a bulleted list (``* Strona główna`` / ``* Wiadomości`` /
    ``* Toruń``) that opens with the home page, ends just above the headline and repeats
    items of the menu above it."""
    end = title_at
    while end > 0 and title_at - end < _NUMBERED_REACH and not head[end - 1].bullet:
        end -= 1
    start = end
    while start > 0 and head[start - 1].bullet and end - start <= _NUMBERED_ITEMS:
        start -= 1
        if head[start].blank_before:
            break  # (the list opens after a blank line)
    # (without lynx's link numbers, which differ between the trail's item and the menu's:
    # "* [14]Samorząd" under "* [6]Samorząd")
    items = [_unnumbered(line.text) for line in head[start:end]]
    # (or with the site's name, printed on a line of its own above: "L'Horizon" / … /
    # "* L'Horizon" / "* Politique")
    if not (2 <= len(items) <= _NUMBERED_ITEMS
            and (items[0].strip(_TRAIL_MARKS).casefold() in HOME_WORDS or opens_with_site(items, head, start))
            and all(len(item.split()) <= MAX_NAME_WORDS for item in items)):
        return None
    # (and its other items are the menu's, printed above it: a menu list is the menu, or
    # a row of capitalised words, "Home News Nasional Regional Megapolitan …")
    menu = {_unnumbered(line.text) for line in head[:start]}
    rows = [f" {line.text} " for line in head[:start]
            if " " in line.text and all(word[:1].isupper() for word in line.text.split())]
    return [item.strip(_TRAIL_MARKS) for item in items] \
        if all(item in menu or any(f" {item} " in row for row in rows) for item in items[1:]) else None


# A trail's last item standing for the article itself, not a part of the site: Chinese
# "正文" (the text), Japanese "本文", "記事"; the page's kind in a European language,
# "Home > Entertainment > Article", "Home / Regional / Story" (in the singular: "Stories"
# may be a section)
_ARTICLE_WORDS: Final = frozenset((
    "\u6b63\u6587", "\u672c\u6587", "\u8a18\u4e8b",
    "article", "story", "post", "details", "artikel", "art\u00edculo", "articolo", "artigo",
    "artyku\u0142", "\u010dl\u00e1nek", "\u010dlanak", "makale", "\u0441\u0442\u0430\u0442\u044c\u044f",
    "\u0441\u0442\u0430\u0442\u0442\u044f", "\u03ac\u03c1\u03b8\u03c1\u03bf",
))


def _trail_section(crumbs: list[str], *, title: str | None, prefix: str | None,
                   menus: Sequence[str] = ()) -> str | None:
    """The last breadcrumb item that is neither the home page nor the headline. ``menus``:
    the header's lines above the headline, where a section's name is listed (those that are
    no trail; read only for a short item that opens the headline)."""
    if prefix and split_breadcrumb(prefix):  # "Home > MarketsStocks rally ..."
        crumbs = split_breadcrumb(prefix) or []
    elif crumbs and title and title in crumbs[-1]:
        head = crumbs[-1][: crumbs[-1].index(title)].strip()
        crumbs = crumbs[:-1] + ([head] if head else [])
    elif crumbs and title and len(crumbs[-1].split()) >= _CUT_TITLE_WORDS \
            and title.startswith(cut := crumbs[-1].rstrip(" .\u2026")) \
            and not title[len(cut):][:1].isalnum() \
            and (title[len(cut):][:1] != ":" or len(cut.split()) > _COLUMN_WORDS) \
            and (len(cut.split()) >= _LONG_CUT_WORDS
                 or not any(_said_alone(menu, cut) and not split_breadcrumb(menu[:MAX_CHARS]) for menu in menus)):
        # the headline cut short: "Home > Economy > Olive harvest falls", "Home > Church
        # News > Bells appeal" (not a column's name that opens its headlines: "People on the
        # Move: Carver Health names …"; a headline's words up to its colon are longer; nor,
        # when short, a name the menus list: "Dare to Play" over "Dare to Play 3 / October pack")
        crumbs = crumbs[:-1]
    trail = [c for c in crumbs if c.casefold() not in HOME_WORDS and c != title]
    # (the last item only: an item of the page's kind further up names a part of the site)
    if trail and trail[-1].casefold() in _ARTICLE_WORDS:
        trail.pop()
    if not trail:
        return None
    last = trail[-1].strip(" >\u203a\u00bb|")
    # (a kicker the render ran into the trail's last item, the same words: "Gida » Labarai »
    # Ilimi Ilimi")
    last = said_once(last)
    # (without a paywall's badge after it: "Accueil › Région › Broye Abonné")
    return _without_badge(last) or None


def _without_badge(text: str) -> str:
    """The text without a paywall's badge closing it (``_BADGE``)."""
    return _BADGE.sub("", text) if text.endswith(_BADGE_ENDS) else text


def _items_run(text: str, items: set[str]) -> str | None:
    """The last of two or more menu items that make up ``text`` one after another, each
    of at most three words (a breadcrumb a render drew without its separators: "News
    Local News"), else None."""
    words = text.split()
    found: list[str] = []
    at = 0
    while at < len(words):
        size = next((n for n in (3, 2, 1) if at + n <= len(words)
                     and " ".join(words[at:at + n]) in items), 0)
        if not size:
            return None
        found.append(" ".join(words[at:at + size]))
        at += size
    return found[-1] if len(found) >= 2 else None


# A time alone, a part of a date's row: "15:20", "9.05 am"
_TIME_ALONE: Final = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s?[ap]\.?m\.?)?", re.IGNORECASE)


def _piped_date(text: str) -> bool:
    """A date and its time parted by a bar, nothing else: "Thứ Năm, 16/10/2025 | 15:20"
    (not a section's name and its date: "Economía | 18.11.2025")."""
    parts = [part.strip() for part in text.split("|")]
    return len(parts) == 2 and find_date(parts[0]) is not None and _TIME_ALONE.fullmatch(parts[1]) is not None


def _item_and_tag(text: str, items: set[str]) -> str | None:
    """A menu's item of one or two words opening ``text`` and, after it, up to three words
    that are no item, one in small letters (a tag a render ran into it: "Politics State
    politics", "Belföld önkormányzatok"): the item; else None."""
    words = text.split()
    for size in (2, 1):
        rest = " ".join(words[size:])
        # (only a tag with a word in small letters is cut off: a subsection in capitals
        # after the item, "Economia Trasporti", is the trail's last item and the section)
        if size < len(words) <= size + _TRAIL_ITEM_WORDS and " ".join(words[:size]) in items \
                and rest[:1].isalpha() and any(small_letter(word[:1]) for word in words[size:]) \
                and rest not in items and not any(word in items for word in words[size:]):
            return " ".join(words[:size])
    return None


def _menu_items(head: Sequence[Line], stop: int) -> set[str]:
    """Items of the menus above ``stop``: list items, items of a line that holds three
    or more, short lines in a run of three or more."""
    items: set[str] = set()
    run: list[str] = []
    spaced: list[str] = []  # the same, blank lines allowed between (get_text("\n") draws every link so)
    for line in head[:stop]:
        pieces = [p.strip() for p in split_menu(line.raw.strip()) if p.strip()]
        if line.bullet:
            items.add(line.text)
        if len(pieces) >= 3:
            items.update(p.strip(" *[]") for p in pieces)
        # (and the words of a one-word items' menu, alone or a row's first piece: "Azala
        # Politika Ekonomia Gizartea … Araba | Bizkaia | Gipuzkoa")
        words = pieces[0] if len(pieces) >= 2 else line.text
        # (or, in a script without capitals, a row of words opening with the home page:
        # "الرئيسية سياسة مجتمع اقتصاد …")
        if is_word_menu(words) or (len(words.split()) >= _HOME_ROW_WORDS and words.lower() == words.upper()
                                   and words.split(" ", 1)[0] in HOME_WORDS):
            items.update(words.split())
        short = len(line.text.split()) <= 3
        if short and not line.blank_before and run:
            run.append(line.text)
        else:
            run = [line.text] if short else []
        if len(run) >= 3:
            items.update(run)
        if short:
            spaced.append(line.text)
        else:
            spaced = []
        if len(spaced) == _SPACED_ITEMS:
            items.update(spaced)
        elif len(spaced) > _SPACED_ITEMS:
            items.add(line.text)
    return items


_SPACED_ITEMS: Final = 6  # short lines in a run with blank lines between that make a menu
_HOME_ROW_WORDS: Final = 5  # a row opening with the home page, set one space apart, holds at least this many


# Buttons of a share or profile row, which end it just above a headline: no section.
_BUTTONS: Final = frozenset(("more", "notes", "menu", "save", "like", "follow", "listen", "comment",
                             "gift", "gift article", "bookmark"))


_CASELESS_CHARS: Final = 12  # a menu item in a script without capitals, at most


def _caseless_label(text: str) -> bool:
    """A short label in a script without capitals: no digits, at most two words."""
    return 0 < len(text) <= _CASELESS_CHARS and text.lower() == text.upper() \
        and not any(map(str.isdigit, text)) and len(text.split()) <= 2 and any(map(str.isalpha, text))


# (and Portuguese and Spanish "for subscribers": "Sociedade Exclusivo assinantes"; a live
# story's badge in capitals, "Local News LIVE", "Politique EN DIRECT")
_BADGE: Final = re.compile(r"\s(?:PREMIUM|Premium|PLUS|Plus|ABO|Abo|Abonn\u00e9s?|\+"
                           r"|Exclusivo(?: para)? (?:assinantes|suscriptores)|Subscriber (?:Content|Only|Exclusive)"
                           r"|LIVE|EN DIRECT|EN VIVO|AO VIVO|IN DIRETTA)$")
_BADGE_ENDS: Final = ("PREMIUM", "Premium", "PLUS", "Plus", "ABO", "Abo", "Abonn\u00e9", "Abonn\u00e9s", " +",
                      " assinantes", " suscriptores", " Content", " Only", " Exclusive", " LIVE", " DIRECT",
                      " VIVO", " DIRETTA")
_BADGE_FIRST: Final = re.compile(r"^(?:PREMIUM|Premium|PLUS|Plus|ABO|Abo|[A-Z]{1,4}\+)\s")


# A paywall's badge on a line of its own, between the kicker and the headline.
_BADGE_ALONE: Final = re.compile(
    r"^(?:premium|plus|abo|exclusive|exclusivo|exclusif|esclusiva|subscribers?(?: only)?"
    r"|f\u00fcr abonnenten|abonnenten|r\u00e9serv\u00e9 aux abonn\u00e9s|tilaajille|abonnees"
    r"|voor abonnees|prenumerant|kun for abonnenter|dla prenumerator\u00f3w)$", re.IGNORECASE)
_BADGE_CHARS: Final = 30


# A link back to the list the story is in: "Zurück zur Übersicht", "Back to News".
_BACK_WORDS: Final = frozenset(("back", "zur\u00fcck", "retour", "volver", "voltar", "torna", "terug"))
_DATE_LINE_CHARS: Final = 60  # a date line between a kicker and the headline, at most
_META_ABOVE: Final = 2  # date and counter lines between a kicker and the headline, at most
_BYLINE_ABOVE_CHARS: Final = 120  # a byline line between a kicker and the headline, at most
_VIEWS: Final = re.compile(r"^\d[\d\s.,]{0,12}\s\w{2,20}$")  # "2 317 переглядів", "1.204 views"
_TRAIL_ITEM_WORDS: Final = 3  # a trail's last item on a line of its own, at most
_KICKER_LINKS: Final = 3  # links on a kicker's row of section and tags, at most
_CAPS_KICKER_WORDS: Final = 8  # a kicker in capitals between the section and the headline, at most
# a link's label: markdown's "[label](", lynx's "[12]label" up to the next reference or the end
_LINK_LABEL: Final = re.compile(r"\[([^\[\]\n]{1,60})\]\(|\[\d{1,5}\]([^\[\]\n]{1,60})")


def kicker_above(head: Sequence[Line], title_at: int, *, site: str | None) -> str | None:
    """The short line just above the headline: a section when it repeats a menu item
    above it, or stands apart (a blank line before it) rather than ending a menu run."""
    if title_at >= 1 and kicker_dated(head, title_at - 1):
        # (the section's name and the date on one row: "Ekonomika 2025. gada 5. marts, 07:30")
        return label_before_date(head[title_at - 1].plain)
    if title_at >= 2 and len(head[title_at - 1].text) <= _BADGE_CHARS \
            and _BADGE_ALONE.match(head[title_at - 1].text):
        title_at -= 1  # (over a paywall's badge: "Seinäjoki" / "Tilaajille" / headline)
    over_meta = False  # (the line is over the story's date or byline, not the headline)
    for _ in range(_META_ABOVE):
        # (over the story's date and its count of views: "Thời sự" / "Giao thông" / "Thứ năm,
        # 17/4/2025" / headline; "Енергетика" / "11 березня 2025, 10:05" / "2 317 переглядів")
        # (or over the byline and its date: "Суспільство" / "Олена Ковальчук, Тарас Гнатюк —
        # Понеділок, 27 жовтня 2025, 16:05" / headline)
        above = head[title_at - 1].text if title_at >= 2 else ""
        if not above or len(above) > _BYLINE_ABOVE_CHARS or (
                (len(above) > _DATE_LINE_CHARS or ("|" in above and not _piped_date(above))
                 or not (_VIEWS.match(above) or is_date_line(head[title_at - 1].plain)))
                and not (has_byline_marker(above) or is_byline_line(above))):
            break
        title_at -= 1
        over_meta = True
    # (and over a kicker of its own in capitals, the section's name above it: "Campo" /
    # "TEMPORAL EN EL SUR PROVINCIAL" / "Por Lucía Ferreyra" / headline)
    if title_at >= 2 and head[title_at - 1].text.isupper() \
            and 1 < len(head[title_at - 1].text.split()) <= _CAPS_KICKER_WORDS:
        items = _menu_items(head, title_at - 2)
        if head[title_at - 2].text in items and head[title_at - 1].text not in items:
            title_at -= 1
    if title_at < 1:
        return None
    line = head[title_at - 1]
    # (without a paywall's badge after it: "Zutphen PREMIUM", "Politik Plus")
    text = _without_badge(line.text)
    # (or before it: "MB+ Kitzingen", "PLUS Sport")
    text = _BADGE_FIRST.sub("", text) if "+" in text or text[:1] in "PpAa" else text
    if " | " in text:  # (a row of meta opened by the section: "Innlent | Site | 14.3.2025")
        text = _row_section(text)
    if " | " in text or " \u00b7 " in text:
        # (or the section and its subsection: "Kotimaa | Onnettomuudet", "Economia · Habitação",
        # the first a menu's item, the second not)
        parts = [part.strip() for part in text.replace(" \u00b7 ", " | ").split(" | ")]
        if len(parts) == 2 and all(parts) and len(parts[1].split()) <= _TRAIL_ITEM_WORDS:
            items = _menu_items(head, title_at - 1)
            text = parts[0] if parts[0] in items and parts[1] not in items else text
    # (a row of links is a menu: "[About](…) [Archive](…) [Submit](…)", "[3]Poder [4]Mundo")
    links = line.raw.count("](") + len(LYNX_NUMBER.findall(line.raw))
    # (a script without capitals: a menu item of a few characters, read only as one of
    # the menu's items, "경제", "اقتصاد")
    caseless = _caseless_label(text)
    if caseless and not line.bullet and links <= 1:
        # (or each of its words an item of a row of them: "সারা দেশ" under "প্রচ্ছদ সর্বশেষ বাংলাদেশ
        # সারা দেশ রাজনীতি …", the row's items parted by single spaces)
        items = _menu_items(head, title_at - 1)
        if text in items or all(word in items for word in text.split()):
            return text
    if 1 <= links <= _KICKER_LINKS and not line.bullet and line.raw.lstrip()[:1] == "[":
        # (a row of the section's link and the story's tags: "[Sociedad](/sociedad/)
        # [Cambio climático](/tag/…)", "[Indland](/indland) Lægemangel": its first link,
        # when it is the menu's and the rest is not, as a trail's would be)
        labels: list[str] = [str(md or lynx).strip() for md, lynx in _LINK_LABEL.findall(line.raw)]
        items = _menu_items(head, title_at - 1)
        rest = text[len(labels[0]):].strip() if labels and text.startswith(labels[0]) else ""
        if len(labels) == links and labels[0] in items and (links > 1 or rest) \
                and not any(mark in line.text for mark in _TRAIL_MARKS[1:]) \
                and labels[0].casefold() not in HOME_WORDS \
                and not any(label in items for label in labels[1:]) and rest not in items \
                and len(rest.split()) <= _TRAIL_ITEM_WORDS * links:
            return labels[0]
        if links > 1:
            return None
    before = head[title_at - 2] if title_at >= 2 else None
    if line.bullet and line.blank_before and before is not None and not before.bullet \
            and len(text.split()) <= _TRAIL_ITEM_WORDS and text in _menu_items(head, title_at - 1):
        # (a list of one item over the headline, the story's category as a badge: "• Business")
        return text
    if links > 1 or line.bullet or len(text.split()) > 4 \
            or text[-1:] in ":\uff1a" \
            or canonical_agency(text) \
            or (site and text.casefold() == site.casefold()) or text.casefold() in HOME_WORDS \
            or text.casefold() in _BUTTONS or is_inline_chrome(text) or is_terminator(text) \
            or text.split(" ", 1)[0].casefold() in _BACK_WORDS:
        return None
    items = _menu_items(head, title_at - 1)
    before = head[title_at - 2] if title_at >= 2 else None
    shaped = name_shaped(text)
    # (printed in capitals over the headline, in title case in the menu: "KERALA", "Kerala";
    # or the other way, a menu in capitals without its accents: "Κοινωνία" under "ΚΟΙΝΩΝΙΑ")
    if (text in items and shaped) or (text.isupper() and any(item.casefold() == text.casefold() for item in items)) \
            or (shaped and not text.isupper() and any(item.isupper() and _unaccented(item) == _unaccented(text)
                                                      for item in items)):
        return text
    if before is not None and not before.bullet and text[:1].isupper() and text not in items \
            and len(text.split()) <= _TRAIL_ITEM_WORDS \
            and before.text in items and not is_inline_chrome(before.text) \
            and sum(line.text == before.text for line in head[:title_at - 1]) >= 2:
        # (under a menu's item printed again: a trail of two lines, "Thời sự" / "Giao thông")
        return text
    tagged = _item_and_tag(text, items)
    if tagged:  # (the menu's item and the story's tag or subsection after it: "Politics State politics")
        return tagged
    if not shaped:
        # (a menu's item in sentence case, "Electric cars", apart from the menu: not a run's
        # next item, nor a line printed twice; or words a row of the menu prints together,
        # "Орон нутаг" of "… Нийгэм Орон нутаг Дэлхий …", items parted by single spaces)
        listed = text in items or (" " in text and any(f" {text} " in f" {row.text} " for row in head[:title_at - 1]
                                                        if len(row.text) > len(text) + 1))
        # (or apart from the menu by a blank line, over the story's date: "  • Multimedia" /
        # "" / "Kinh tế" / "Thứ Năm, 16/10/2025 | 15:20" / headline)
        return text if listed and text[:1].isupper() and before is not None and before.text != text \
            and ((not before.bullet and before.text not in items) or (over_meta and line.blank_before)) else None
    trail = _items_run(text, items)
    if trail and " " not in trail and any(f" {text} " in f" {row.text} " for row in head[:title_at - 1]):
        # (not a run of one-word "items" from a row whose items single spaces part, the
        # whole name printed in it: "Commercial Real Estate" of "… Financial Services
        # Commercial Real Estate Health Care …")
        return text
    if trail:  # a trail drawn without separators: "News Local News"
        return trail
    # (after a menu's last item, a blank line between: a kicker in capitals, of two words or
    # more, "STUDENT GOVERNMENT"; not a logo's name, "CNN", "TheHill.com")
    # (or under an advertisement's label, which stands between it and the menu:
    # "Reklam" / "İnfrastruktur" / headline)
    # (or, after a menu's list, a place's or a beat's name that is no site's: "Manitoba"
    # under a broadcaster's list of sections; not a logo's "CNN", "NBC News", "TheHill.com")
    apart = (line.blank_before and (before is None or not before.bullet
                                    or (text.isupper() and len(text.split()) >= 2)
                                    or (site is not None and not shares_word(text, site) and "." not in text
                                        and not text.isupper()
                                        and not any(word.casefold() in NEWS_WORDS for word in text.split())
                                        and not _items_run(text, items)))) \
        or (before is not None and not before.bullet and before.blank_before and " " not in before.text
            and is_inline_chrome(before.text))
    return text if apart and title_at >= 2 and not _byline_outlet_under(head, title_at, text) else None


_OUTLET_LINES: Final = 3  # lines under the headline where a byline names its publisher


def _byline_outlet_under(head: Sequence[Line], title_at: int, name: str) -> bool:
    """A line under the headline ends with ``name``, a byline naming the publisher a
    portal carries the story from: "The Lakeshore Ledger" over the headline and "Story by
    Megan Alvarez \u2022 The Lakeshore Ledger" under it."""
    return any(line.text.endswith(" " + name) and has_byline_marker(line.text)
               for line in head[title_at + 1:title_at + 1 + _OUTLET_LINES])


def _row_section(text: str) -> str:
    """The first item of a row of meta that holds a date ("Innlent | Morgunvaktin |
    14.3.2025 | 10:22"), else the text."""
    parts = split_meta_parts(text)
    if len(parts) >= 3 and any(find_date(part) for part in parts[1:]):
        return parts[0]
    return text


def _kicker_trail(head: Sequence[Line], title_at: int) -> str | None:
    """The last item of a trail joined by `` / `` just above the headline (``Cronaca /
    Torino``, ``Sport / Football``): a kicker's trail, which ``split_breadcrumb`` reads
    only after a home word (elsewhere a slash joins other things)."""
    if title_at < 1 or " / " not in head[title_at - 1].text:
        return None
    items = [item.strip() for item in head[title_at - 1].text.split(" / ")]
    if not 2 <= len(items) <= TRAIL_ITEMS \
            or not all(name_shaped(item) and len(item.split()) <= 3 for item in items):
        return None
    return items[-1]


def footer_section(foot: Sequence[Line]) -> str | None:
    """The category a blog names after the post (``Posted in Industry Notes``)."""
    for index, line in enumerate(foot[:_ENTRY_REACH]):
        text = line.text[:MAX_CHARS]
        found = _POSTED_IN.match(text) if index < _POSTED_IN_REACH else None
        # (or run into a blog's entry row after its date: "Authors A and B Posted on …
        # Categories Elections Tags early voting")
        at = text.find(" Categories ") if found is None and "osted on " in text else -1
        found = found or (_POSTED_IN.match(text[at + 1:]) if at > 0 else None)
        if found:
            return found["s"].strip()
    return None


# A markdown link of a row of links, and what may part it from the next (a trail's marks;
# a pipe parts a menu's items)
_ROW_LINK: Final = re.compile(r"\[([^\[\]\n]{1,60})\]\(([^()\s]{1,300})\)[\s>\u203a\u00bb/]{0,5}")
_LINKED_REACH: Final = 3  # lines above the headline where a trail of links stands


def _linked_trail(head: Sequence[Line], title_at: int) -> list[str] | None:
    """The items of a row of links just above the headline, with no separators, whose
    addresses each go one folder deeper into the one before (``[News](/news)
    [Council](/news/council)``): a trail whose separators were drawn by the style sheet."""
    for at in range(max(0, title_at - _LINKED_REACH), max(0, title_at)):
        raw = head[at].raw.strip()
        if raw[:1] != "[" or raw.count("](") > _TITLED_TRAIL_ITEMS:
            continue
        links: list[tuple[str, str]] = []
        pos = 0
        while pos < len(raw):
            found = _ROW_LINK.match(raw, pos)
            if not found:
                break
            links.append((found[1].strip(), _host_path(found[2])))
            pos = found.end()
        if pos == len(raw) and len(links) >= 2 and all(
                deeper.startswith(path.rstrip("/") + "/") for (_, path), (_, deeper) in pairwise(links)):
            return [text for text, _ in links]
    return None


def _host_path(url: str) -> str:
    """A link's address without its scheme and host (``https://x.example/news`` -> ``/news``)."""
    return "/" + url.split("//", 1)[1].split("/", 1)[-1] if "//" in url else url


_TITLED_TRAIL_ITEMS: Final = 5  # items of a trail before the headline, at most


def _titled_trail(head: Sequence[Line], title: str | None) -> list[str] | None:
    """The items of a trail that ends with the headline itself, after its separator
    (``News / City News / Mangaluru News / <headline>``): short capitalised items,
    whatever the separator (a slash too, which alone parts menus as often as trails)."""
    if not title:
        return None
    for line in head:
        text = line.text
        if len(text) <= len(title) + 2 or not text.endswith(title):
            continue
        lead = text[:-len(title)].rstrip()
        mark = lead[-1:]
        if not mark or mark not in _TRAIL_MARKS.strip():
            continue
        items = [item.strip() for item in lead[:-1].split(mark)]
        if 1 <= len(items) <= _TITLED_TRAIL_ITEMS and all(
                item[:1].isupper() and len(item.split()) <= _SHORT_ITEM_WORDS + 1 for item in items):
            return items
    return None


def find_section(head: Sequence[Line], *, title: str | None, title_at: int,
                 prefix: str | None, site: str | None) -> str | None:
    """The section (see the module docstring); one printed in capitals (a style's
    ``text-transform``, "SPORTS") as the menu prints it, "Sports", when it does."""
    section = _find_section(head, title=title, title_at=title_at, prefix=prefix, site=site)
    if section and section.isupper() and len(section) > ACRONYM_CHARS:
        lines = head[:title_at] if title_at > 0 else head
        return next((found for found in (_cased_in(line.text, section) for line in lines) if found), section)
    return section


def _cased_in(text: str, capitals: str) -> str | None:
    """``capitals`` as ``text`` prints it in upper and lower case, as words of their own
    ("Sports" in "News Sports Entertainment Life" for "SPORTS")."""
    low = text.lower()
    if len(low) != len(text):  # (a letter whose small form is longer: offsets would not match)
        return None
    key = capitals.lower()
    at = low.find(key)
    for _ in range(NAME_COPIES):
        if at < 0:
            return None
        end = at + len(key)
        found = text[at:end]
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()) \
                and not found.isupper() and found[:1].isupper():
            return found
        at = low.find(key, at + 1)
    return None


def _find_section(head: Sequence[Line], *, title: str | None, title_at: int,
                  prefix: str | None, site: str | None) -> str | None:
    # (the trail may stand straight under the headline too)
    stop = title_at + 2 if title_at >= 0 else len(head)
    # (a trail's row may close with the date: "Home › Transport Thu, 21/11/2024 - 15:42")
    # (or with a paywall's badge: "News › Commercial Real Estate Subscriber Content")
    crumbs = next((c for c in (trail_before_date(line.text) or split_breadcrumb(_without_badge(line.text[:MAX_CHARS]))
                               for line in head[:stop]) if c), None) \
        or _titled_trail(head[:stop], title) or _linked_trail(head, title_at) or numbered_trail(head, title_at) \
        or _slashed_trail(head, title_at) or (bulleted_trail(head, title_at) if title_at > 0 else None)
    if crumbs or (prefix and split_breadcrumb(prefix)):
        section = _trail_section(crumbs or [], title=title, prefix=prefix,
                                 menus=[line.text for line in head[:max(0, title_at)]])
        if section:
            return section
    kicker = kicker_above(head, title_at, site=site) or _kicker_trail(head, title_at)
    if kicker:
        return kicker
    site_section = site_and_section(head, title)
    if site_section:
        return site_section[1]
    label = next((m for m in (_SECTION_LABEL.match(line.text) for line in head
                              if ":" in line.text or "\uff1a" in line.text) if m), None)
    if label:
        return label["s"].strip()
    # (or a blog's category line above the headline: "Posted in Education")
    return footer_section(head[max(0, title_at - _POSTED_IN_REACH):max(0, title_at)]) \
        or _labelled_date_row(head, title_at)


_ROW_REACH: Final = 4  # lines under the headline read for a row of the section and the date
_ROW_LABEL_WORDS: Final = 3  # the row's label, at most


def _labelled_date_row(head: Sequence[Line], title_at: int) -> str | None:
    """The section that opens the story's row of parts under the headline, the date one
    of its other parts, when the page's menu above the headline lists it: "News · 27
    February 2025 · 5 min read" (lynx's link number before it dropped, "[10]News")."""
    if title_at <= 0:
        return None
    for line in head[title_at + 1:title_at + 1 + _ROW_REACH]:
        parts = split_meta_parts(LYNX_NUMBER.sub("", line.text))
        if len(parts) < 2 or not any(find_date(part) for part in parts[1:]):
            continue
        label = parts[0]
        if not 1 <= len(label.split()) <= _ROW_LABEL_WORDS or not label[:1].isupper() \
                or any(char.isdigit() for char in label) or find_date(label):
            return None
        menus = [LYNX_NUMBER.sub("", above.text) for above in head[:title_at]]
        return label if any(_said_alone(menu, label) for menu in menus) else None
    return None


def _said_alone(text: str, words: str) -> bool:
    """``words`` in ``text`` as words of their own (a menu's item, "News" in "Home News Sport")."""
    at = text.find(words)
    for _ in range(NAME_COPIES):
        if at < 0:
            return False
        end = at + len(words)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(words, at + 1)
    return False
