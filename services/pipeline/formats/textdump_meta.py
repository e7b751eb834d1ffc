"""Metadata from the lines around a text dump's body: title, site, section, authors, dates.

``read_meta`` reads the header (the lines above the body) and the trailer (the lines
after it) as ``textdump_lines.Line`` objects, then:

* the headline by scoring candidates (``textdump_title``);
* the site and the section from their own evidence (``textdump_site``,
  ``textdump_section``);
* the authors from the first byline after the headline (``By``, ``Von``, ``Par``,
  ``Por``, ``Di``, ``Written by``, ``Author:``, ``Name View``, a name beside a role or
  a date, a bare name beside the date line), else from a byline in the trailer
  (``Story by X``, ``About the author: X …``);
* the dates from the date lines after the headline: a date after an ``Updated`` word
  (in any of the marker languages) is the modified date, the first other one the
  published date; without one in the header, a dated ``Published``/``Posted`` line in
  the trailer, or a date line standing just after the body. Dates in the body are
  never read, so a date in a sentence cannot pass for the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from typing import Final

from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_lines import (
    LEAD_SEPARATORS,
    UPDATE_WORDS,
    Line,
    byline_after_date,
    dates_in,
    is_byline_line,
    is_counter,
    is_date_line,
    is_relative_time,
    name_before_date,
    name_in_dated_row,
    names_before_date,
    to_lines,
    trail_before_date,
    window,
    without_weekday,
)
from services.pipeline.formats.textdump_rules import (
    ADDRESS,
    BIO_VERBS,
    LYNX_NUMBER,
    LYNX_REFERENCE,
    MAX_CHARS,
    author_links,
    bio_name,
    byline_names,
    caseless_name,
    caseless_names,
    co_credited,
    ends_with_conjunction,
    han_names,
    handle_byline,
    has_byline_marker,
    is_agency_name,
    is_caption,
    is_role,
    is_share_row,
    is_terminator,
    joined_caseless_names,
    looks_like_name,
    lynx_author_links,
    named_agency,
    names_only,
    opens_with_role,
    place_first_names,
    run_in_byline,
    spells_address,
    spells_name,
    split_meta_parts,
    strip_markdown,
    title_cased,
    without_initials,
    without_place,
)
from services.pipeline.formats.textdump_section import find_section, footer_section
from services.pipeline.formats.textdump_site import find_site, site_marks
from services.pipeline.formats.textdump_title import pick_title, shared_titles
from services.pipeline.formats.textdump_units import IMAGE_NAMES, Unit, clean_line, references_at
from services.pipeline.wire import canonical_agency

__all__ = ["HeaderMeta", "body_dateline", "dated_byline", "read_meta"]

# Non-blank header lines read: the top, and near the body (on real pages a strip of videos
# or a carousel of other stories, 90 lines and more, may stand between the byline and the
# body: ``benchmarks.eval_render_meta``)
_HEADER_FIRST, _HEADER_LAST = 4, 150
# Lines (units) read of those windows at most: a line of elements glued together
# (``get_text()`` without a separator) is cut into a unit per element, up to hundreds a
# line, and the title, site and byline readers compare lines with each other (twice the
# lines a window keeps; of the dev pages' and sittings' headers, one is cut into more)
_MAX_WINDOW_LINES: Final = 2 * (_HEADER_FIRST + _HEADER_LAST)
_TOP: Final = 15  # non-blank lines at the top of a long header read for a masthead
_HEADING_BLOCK: Final = 8  # non-blank lines read from a first-level heading the window left out
_FOOTER_FIRST, _FOOTER_LAST = 60, 15  # non-blank trailer lines: after the body, the end
_AFTER_BODY: Final = 8  # trailer lines where a bare date line still belongs to the article
# the body's last units (with the lines left out between them: parse passes its last three
# paragraphs' span) read for an author box, a source or a dated line
_BODY_TAIL: Final = 8
_BODY_HEAD: Final = 16  # the body's first units read for a "Published:" line (under a photo, a summary)
_LEAD_BYLINE_WORDS: Final = 8  # a byline among the body's first paragraphs, at most
_MARKED_WORDS: Final = 15  # a "Published: …" line after the body is no longer than this
_BYLINE_REACH: Final = 8  # header lines after the headline where a bare name may be the byline
_AGENCY_WORDS: Final = 3  # an agency's name alone on a line: "Keystone-ATS", "Agence France-Presse"
_PLACE_WORDS: Final = 3  # the town after an agency's name: "PTI, New Delhi"
_AGENCY_LEAD: Final = 3  # the body's first units where it may stand
_ABOVE_BYLINE: Final = 3  # ... and lines above it, a date line between them
_HANDLE: Final = re.compile(r"^@\w{2,30}$|^" + ADDRESS + "$")
_MAX_CARDS: Final = 4  # author cards stacked one above the other
_CARD_WORDS: Final = 8  # words of a card's line of names
_MAX_META_WORDS: Final = 40  # longer lines are prose or captions, not bylines or date lines
_SIGNATURE_REACH: Final = 6  # trailer lines after the body where a signed name is the author's
_MAIL: Final = re.compile(r"(?<![\w.+-])" + ADDRESS + r"(?!\S)")

# "Updated", "Modified" ... in English, French, Spanish, German, Portuguese, Italian, Dutch,
# Polish, Turkish, the Scandinavian languages, Finnish, Russian, Czech, Arabic, Greek,
# Hungarian, Romanian, Catalan, Ukrainian, Bulgarian, the languages of former Yugoslavia,
# Slovak, the Baltic languages, Indonesian and Malay, Korean, Chinese, Japanese.
_UPDATED: Final = re.compile(
    r"\b(?:" + UPDATE_WORDS + r")\b"
    # Korean 수정 and 업데이트, Chinese and Japanese 更新 (no word boundaries)
    r"|\uc218\uc815|\uc5c5\ub370\uc774\ud2b8|\u66f4\u65b0",
    re.IGNORECASE,
)
# What may stand between a Korean, Chinese or Japanese update label and its date: "更新时间：".
_CJK_LABEL_TAIL: Final = " :\uff1a\u65f6\u95f4\u6642\u9593\u65e5"
_PUBLISHED: Final = re.compile(
    r"^\W{0,3}(?:date|published|posted|pub(?:lished)?\.? date|first published|released"
    # ("This story was originally published March 3, 2025 4:12 PM.", after the body)
    r"|(?:this (?:story|article|post|piece|report) was )?originally published"
    # (and Dutch and German "this article appeared on …")
    r"|(?:dit artikel |het artikel )?verscheen|(?:dieser artikel |der artikel |dieser beitrag )?erschien"
    r"|created|on|publié|publiée|publication|veröffentlicht|erschienen|publicado|publicada"
    r"|pubblicato|pubblicata|gepubliceerd|datum|fecha|data|opublikowano|yayınlanma|giriş"
    r"|publicerad|publiceret|publisert|julkaistu|опубликовано|publikováno"
    # (and Ukrainian, Bulgarian, Croatian and Serbian, Slovak, Romanian and Catalan,
    # Hungarian, Greek, Lithuanian, Afrikaans, Malay and Indonesian, Tagalog, Swahili,
    # Arabic, Persian, Hebrew and Hindi)
    r"|опубліковано|публикувано|objavljeno|publikované|publicat|megjelent|publikálva"
    r"|\u03b4\u03b7\u03bc\u03bf\u03c3\u03b9\u03b5\u03cd\u03b8\u03b7\u03ba\u03b5|\u03b4\u03b7\u03bc\u03bf\u03c3\u03af\u03b5\u03c5\u03c3\u03b7"
    r"|paskelbta|gepubliseer|diterbitkan|dipublikasikan|disiarkan|inilathala|imechapishwa"
    r"|(?:\u062a\u0627\u0631\u064a\u062e )?\u0627\u0644\u0646\u0634\u0631|\u0646\u064f?\u0634\u0631"
    r"|\u062a\u0627\u0631\u06cc\u062e \u0627\u0646\u062a\u0634\u0627\u0631|\u05e4\u05d5\u05e8\u05e1\u05dd"
    r"|\u092a\u094d\u0930\u0915\u093e\u0936\u093f\u0924"
    # (Thai "published")
    r"|\u0e40\u0e1c\u0e22\u0e41\u0e1e\u0e23\u0e48)",
    re.IGNORECASE,
)
# A sentence at the end of the body that says when the article appeared.
_PUBLISHED_SENTENCE: Final = re.compile(
    r"^(?:this (?:story|article|post|piece|report) was )?(?:originally|first) published"
    r"|^(?:dit|het) artikel verscheen|^(?:dieser|der) (?:artikel|beitrag) erschien", re.IGNORECASE)
_COUNTER_CHARS: Final = 40  # a count after a date: "12 comments"
_TRAILING_ON: Final = re.compile(r"(?:\s|\bon|\bam|\ble|\bel|\bem|[|,\u00b7\u2022\-\u2013\u2014]){1,6}$"
                                 # (and the date's label in small letters: "Words by A published 4 March",
                                 # "Von A publiziert am 30. Juli", "Par A publié le 4 mars")
                                 r"|\s(?:published|posted|updated|publiziert|ver\u00f6ffentlicht|aktualisiert"
                                 r"|publi\u00e9e?|publicad[oa]|actualizad[oa]|atualizad[oa]|pubblicat[oa]"
                                 r"|aggiornat[oa]|gepubliceerd|bijgewerkt)"
                                 r"(?:\s(?:on|am|le|el|em|il|op))?\s{0,3}$")
# "About the author: Name has ..." in the marker languages.
_ABOUT_AUTHOR: Final = re.compile(
    r"^(?:about the author|über den autor|über die autorin|à propos de l'auteur"
    r"|sobre el autor|sobre la autora|sobre o autor|sobre a autora|l'autore"
    # (Romanian, Polish, Czech, Dutch; Turkish, the Scandinavian languages, Finnish, Russian,
    # Ukrainian, Hungarian, the languages of former Yugoslavia; Arabic "the writer" and
    # "about the writer")
    r"|despre autor|o autorze|o autorovi|over de auteur|yazar hakk\u0131nda|om forfatteren"
    r"|om skribenten|tietoa kirjoittajasta|об авторе|про автора|a szerz\u0151r\u0151l|o autoru"
    r"|(?:عن |نبذة عن )?الكاتبة?)\s{0,2}[:：]?"
    r"(?:\s{0,3}(?P<rest>\S.{0,300}))?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class HeaderMeta:
    title: str | None = None
    site_name: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    agency: str | None = None  # the news agency a byline credits alone
    published_at: datetime | None = None
    modified_at: datetime | None = None


def _bounded(lines: list[Line], *, first: int) -> list[Line]:
    """At most ``_MAX_WINDOW_LINES`` of the lines: the first ``first`` and the last ones."""
    if len(lines) <= _MAX_WINDOW_LINES:
        return lines
    return lines[:first] + lines[len(lines) - (_MAX_WINDOW_LINES - first):]


def _with_top_heading(header: Sequence[str], keep: list[int]) -> list[int]:
    """The kept lines and, when the window left it out, a markdown page's first heading of
    the first level (``# Headline``, as html2text writes a page's ``<h1>``) and the lines
    under it (its byline and date), above a strip of videos longer than the window."""
    gap = next((k for k in range(1, len(keep)) if keep[k] != keep[k - 1] + 1), 0)
    if not gap:
        return keep
    # (the heading may be among the top lines kept, the lines under it left out)
    at = next((i for i in range(keep[gap]) if header[i][:2] == "# "), -1)
    if at < 0:
        return keep
    block: list[int] = []
    found = 0
    while at < keep[gap] and found < _HEADING_BLOCK:
        found += bool(header[at].strip())
        if at > keep[gap - 1]:
            block.append(at)
        at += 1
    return keep[:gap] + block + keep[gap:]


def read_meta(header: Sequence[str], *, footer: Sequence[str] = (),
              body_tail: Sequence[str] = (), body_head: Sequence[str] = (),
              day_first: bool | None = None,
              found: Sequence[Unit] | None = None, footer_at: int = 0, listed: int = -1,
              glued: Sequence[str] = ()) -> HeaderMeta:
    """Metadata from the header lines (above the body) and the footer lines (after it).

    ``body_head``: the body's first paragraphs and the lines left out between them, read
    only for a ``Published:`` line when the header dates no publication. ``body_tail``:
    its last paragraphs and the lines left out between them, read only for an author box
    (``About the author: X …``, ``Story by X``), a source or a dated line the body may
    have kept. ``found``: the units of the whole dump, whose line ``0`` is the header's
    first and line ``footer_at`` the footer's first (without them, the lines are cut into
    units here). ``listed``: the index in ``footer`` of lynx's ``References`` line
    (``textdump_units.references_at``; -1: found here). ``glued``: the pieces of the line
    the body's first unit stands on that come before it (``get_text()`` runs a page's
    elements into one line), read only for the date when the header gives none.
    """
    head_keep = window(header, first=_HEADER_FIRST, last=_HEADER_LAST)
    if len(head_keep) < len(header):
        head_keep = _with_top_heading(header, head_keep)
    foot_keep = window(footer, first=_FOOTER_FIRST, last=_FOOTER_LAST)
    head = _bounded(to_lines(header, keep=head_keep, found=found), first=_HEADER_FIRST)
    # (the trailer's lines read are those above lynx's list of link targets, when the dump
    # ends with one: the page's last lines, its copyright notice, stand there; the list is
    # read for the home page's number and the links' domains, ``site_marks``)
    listed = references_at(list(footer)) if listed < 0 else listed
    line_keep = foot_keep if listed == len(footer) \
        else window(footer[:listed], first=_FOOTER_FIRST, last=_FOOTER_LAST)
    foot = _bounded(to_lines(footer, keep=line_keep, found=found, offset=footer_at),
                    first=_MAX_WINDOW_LINES - _FOOTER_LAST)
    raw_head = [header[i][:MAX_CHARS] for i in head_keep]
    tail = [Line(text=" ".join(text[:MAX_CHARS].split()), raw=text[:MAX_CHARS])
            for text in body_tail[-_BODY_TAIL:]]
    marks = site_marks(foot, raw_head, [footer[i][:MAX_CHARS] for i in foot_keep], tail=tail, links=footer)
    choice = pick_title(head, foot, known_sites=marks.names(), shared=shared_titles(chain(header, footer)))
    meta = HeaderMeta(title=choice.title)
    top = head if len(head_keep) == len(header) \
        else _bounded(to_lines(header, keep=window(header, first=_TOP, last=0), found=found),
                      first=_MAX_WINDOW_LINES)
    meta.site_name = find_site(head, top, marks, paired=choice.site, title_at=choice.index,
                               title=choice.title)
    meta.section = find_section(head, title=choice.title, title_at=choice.start,
                                prefix=choice.prefix, site=meta.site_name) or footer_section(foot)
    targets = _lynx_targets(head, footer)
    names, credits = _header_authors(head, choice.index, site=meta.site_name, targets=targets)
    names = _as_linked(names, head, targets)
    meta.authors = names or _mailed_author(raw_head) or _footer_authors([*tail, *foot], site=meta.site_name) \
        or _names_over_date(foot) or _signed_or_carded(tail, footer) or _names_over_share_row(footer) \
        or _bio_author(tail, footer, body_head[:_BODY_HEAD])
    if not meta.authors and len(credits) == 1 and is_agency_name(credits[0]):
        # (a byline that names an agency only, "By Continental Press", "Associated Press
        # Jan 22, 2025": the author when no person is credited anywhere, the parser's last
        # resort after the reporters a credit line names, "(Reporting by …)")
        meta.agency = credits[0]
    meta.credits = credits
    lead = [Line(text=" ".join(text[:MAX_CHARS].split()), raw=text[:MAX_CHARS])
            for text in body_head[:_BODY_HEAD]]
    if not meta.authors and not meta.agency:
        # (or a byline among the body's first paragraphs, under the standfirst the body opens
        # with: "Door Sanne Verhoeven")
        meta.authors = next((named[0] for line in lead if len(line.text.split()) <= _LEAD_BYLINE_WORDS
                             and has_byline_marker(line.text)
                             and (named := byline_names(line.text, site_name=meta.site_name)) and named[0]), [])
    if not meta.authors and not meta.agency:
        # (or one alone on a line among the body's first paragraphs, under the standfirst the
        # body opens with: "Keystone-ATS")
        # (or one the wire table does not know, by its head word: "Kuzey Haber Ajansı (KHA)")
        meta.agency = next((name for line in lead[:_AGENCY_LEAD] if (name := without_initials(line.text))
                            and ((len(name.split()) <= _AGENCY_WORDS and canonical_agency(name))
                                 or named_agency(name))), None)
    meta.published_at, meta.modified_at = _dates(head, foot, choice.index, day_first=day_first, glued=glued,
                                                 tail=tail, lead=lead)
    return meta


# --- authors -------------------------------------------------------------------------


_READ_TIME: Final = re.compile(r"\s\d{1,2}\s?(?:min|mins|minutes?)(?: read)?\W{0,3}$", re.IGNORECASE)


# "today" and "yesterday" in English, Dutch, German, French, Spanish, Portuguese, Italian,
# the Scandinavian languages, Finnish, Polish and Turkish, then a time
_RELATIVE_DAY: Final = re.compile(
    r"\s(?:today|yesterday|vandaag|gisteren|heute|gestern|aujourd'hui|hier|hoy|ayer|hoje|ontem|oggi|ieri"
    r"|i dag|i g\u00e5r|ig\u00e5r|t\u00e4n\u00e4\u00e4n|eilen|dzisiaj|wczoraj|bug\u00fcn|d\u00fcn),?"
    r"\s{1,3}(?:at\s|om\s|um\s|\u00e0\s|a las\s|\u00e0s\s|alle\s|kl\.?\s|klo\s)?\d{1,2}[:.]\d{2}", re.IGNORECASE)
# The time since publication run into a byline: " prije 3 sata", " 3 hours ago", " vor 2 Stunden"
_RELATIVE_AGO: Final = re.compile(
    r"\s(?:(?:vor|il y a|hace|h\u00e1|prije|pre|p\u0159ed|pred"
    r"|\u043f\u0440\u0435\u0434\u0438|\u043f\u0440\u0435)\s\d{1,3}\s"
    r"|\d{1,3}\s(?:min(?:ute)?s?|hours?|hrs?|days?)\sago\b)", re.IGNORECASE)
_TRAILING_LABEL: Final = re.compile(r"\s[^\s:]{2,20}\s?:$")  # "… Objavljeno:", "… Published:"
# An image w3m printed as its file name before a byline: "[sanne-verm] Door Sanne Vermeulen …"
_IMAGE_NAME: Final = re.compile(r"^\[[\w.-]{1,40}\]\s")


_CONTACT_LABEL: Final = re.compile(r"\s(?:e-?mail|twitter|tel|phone)\s?:\s{0,3}$", re.IGNORECASE)
def _names_before_date(lead: str, site: str | None) -> tuple[list[str], list[str]] | None:
    """Two names or more and nothing else before a date, its weekday in any language
    closing them (``without_weekday``): a byline without a marker."""
    found = byline_names(without_weekday(lead), site_name=site, strict=False)
    return found if found and len(found[0]) >= 2 and not found[1] else None


_GREEK_OF_HER: Final = "\u03a4\u03b7\u03c2 "  # "Της ", "of her": a woman's byline in the genitive


def _greek_feminine(lead: str) -> str | None:
    """The name of a Greek byline in the genitive, a woman's, as a reader gives it: the
    first name's closing "ς" dropped, the surname's genitive the name itself ("Της Ελένης
    Καραγιάννη" → "Ελένη Καραγιάννη", "Της Μαρίας Παπαδοπούλου" → "Μαρία Παπαδοπούλου").
    A man's ("Του Γιώργου …") is left: his surname's genitive does not say its nominative.
    A woman's surname does not decline, so one in a genitive's "ς" is no woman's: a feast
    day's saint, "Της Αγίας Παρασκευής"."""
    if not lead.startswith(_GREEK_OF_HER):
        return None
    name = lead[len(_GREEK_OF_HER):].strip(LEAD_SEPARATORS)
    words = name.split()
    if not looks_like_name(name) or not words[0].endswith("\u03c2") or words[-1].endswith("\u03c2"):
        return None
    return " ".join([words[0][:-1], *words[1:]])


def _line_names(text: str, site: str | None) -> tuple[list[str], list[str]] | None:
    """(names, credits) of a byline line, or None."""
    if text[:1] == "[":
        text = _IMAGE_NAME.sub("", text)
    found = byline_names(text, site_name=site)
    if found:
        return found
    # (without a link's text the line's end cut open, a wrapped contact link's: "By Megan
    # Rowe [(509)", html2text's "[(509)" / "459-5382](tel:…)")
    cut = text.rfind(" [")
    if cut > 0 and len(text) - cut <= _OPEN_LINK_CHARS and "]" not in text[cut:]:
        found = byline_names(text[:cut], site_name=site)
        if found and has_byline_marker(text):
            return found
    handled = handle_byline(text)  # ("Ananya Deshpande @AnanyaD_Mkts Mumbai")
    if handled:
        return [handled], []
    # (a byline and the day named by its place to today, and a time: "Door Sanne Vermeulen
    # Gisteren, 18:42 · Bijgewerkt: 09:15")
    marked = has_byline_marker(text)
    relative = _RELATIVE_DAY.search(text) if (":" in text or "." in text) and marked else None
    # (or the time since it was published: "Piše: Amra Hodžić prije 3 sata · Objavljeno: …")
    relative = relative or (_RELATIVE_AGO.search(text) if marked else None)
    if relative:
        found = byline_names(text[:relative.start()], site_name=site)
        if found:
            return found
    dated = dates_in(text)
    if dated:  # "By X on DATE", "by X DATE"
        lead = _TRAILING_ON.sub("", text[: dated[0][1].start])
        if lead.endswith(":") and has_byline_marker(lead):
            # (and the date's label, glued to the names: "Autor: Ivana Babić Objavljeno: 12.03.2025.")
            lead = _TRAILING_LABEL.sub("", lead)
        # (without the date's weekday closing the names: "كتب: أحمد عبد الحميد الثلاثاء 18 نوفمبر 2025")
        found = byline_names(without_weekday(lead), site_name=site) if has_byline_marker(lead) else None
        if not found and lead.endswith(("\u060c", ",")) and has_byline_marker(lead):
            # (and the date's weekday before it: "كتب: أحمد سعيد الشناوي الجمعة، ٠٧ مارس ٢٠٢٥")
            found = byline_names(lead.rsplit(" ", 1)[0], site_name=site)
        if found:
            return found
        # (a Greek byline in the genitive, a woman's: "Της Ελένης Καραγιάννη 24.10.2025")
        feminine = _greek_feminine(without_weekday(lead))
        if feminine:
            return [feminine], []
        # (a row of parts, a name one of them and the date another: "Priya Sethi | mumbai |
        # Updated on: 19 November,2025 11:32 AM IST")
        row = name_in_dated_row(text, site)
        if row:
            return [row], []
        # (a name alone before the date: "Karabo Dlamini 18 Nov 2026 5 min read")
        alone = name_before_date(text, dated, site)
        if alone:
            return [alone], []
        # (a name and its role before the date: "Ciarán Ó Dálaigh Health Correspondent Tue
        # Mar 11 2025 - 05:00"; the role tells the name from a headline's words)
        found = byline_names(lead.strip(" |\u00b7\u2022-\u2013"), site_name=site, strict=False)
        # (or the site's own name: "Ilze Kalniņa, Dienas Vēstis 2024. gada 9. oktobris")
        if found and found[0] and found[1] \
                and all(is_role(c) or (site is not None and c.casefold() == site.casefold()) for c in found[1]):
            return found
        # (a name and where it was filed, and the date's label: "Vivian Leung in Hong Kong
        # Published: 18:42, 27 Aug 2024")
        labelled = _TRAILING_LABEL.search(lead.rstrip())
        bare = lead[:labelled.start()].strip(LEAD_SEPARATORS) if labelled else ""
        # (or with no place, the publication's label after the name: "Emre Kaya Yayınlanma:
        # 21.10.2025 - 22:58")
        placed = without_place(bare) or (bare if labelled and _PUBLISHED.fullmatch(labelled[0].strip(" :")) else None)
        if placed and looks_like_name(placed):
            return [_name(placed)], []
        # (two names or more and the date, its weekday in any language before it, and no
        # marker: "Pieter Van Damme en Lotte Claes zo 9 februari 2025 om 17:45"; one name so
        # is a place's as often as a writer's)
        found = _names_before_date(lead, site)
        if found:
            return found
        # (a name and the label of the address the render left out: "Siobhán Kerrigan
        # Email: Wed, 12 Feb, 2025 - 16:45"; the address marks an author as "By" does)
        contact = _CONTACT_LABEL.search(lead)
        if contact and looks_like_name(lead[:contact.start()].strip(LEAD_SEPARATORS)):
            return [_name(lead[:contact.start()].strip(LEAD_SEPARATORS))], []
        # (a name, the reading time and the date: "Ananya Krishnan 3 min read 31 Jul 2025")
        timed = _READ_TIME.search(lead)
        if timed and looks_like_name(lead[:timed.start()].strip(" |\u00b7\u2022")):
            return [_name(lead[:timed.start()].strip(" |\u00b7\u2022"))], []
        found = byline_after_date(text[dated[-1][1].end:], site)
        if found:
            return found
        # (the site's name and the author's before a sentence that dates the story: "Le
        # Progrès Armoricain Gwenaëlle Le Floch. Publié le 14/03/2024 à 18h32")
        before, stop, label = text[:dated[0][1].start].rpartition(". ")
        if stop and _PUBLISHED.match(label):
            named = before.removeprefix(site).strip() if site and before.startswith(site + " ") else before
            if looks_like_name(named):
                return [_name(named)], []
        # (an agency's name before the date, "Associated Press Jan 22, 2025, 10:47 PM ET";
        # or one name and, after the date, the count of comments or views: "Thandeka Mokoena
        # 17 Jan 2025 12 comments")
        bare = lead.strip(" |\u00b7\u2022-\u2013")
        after = text[dated[-1][1].end:].strip(" |\u00b7\u2022")
        # (or after it, alone: "15. mai 2024 09:12 BNS")
        for agency in (bare, after):
            if agency and is_agency_name(agency):
                return [], [agency]
        if after and len(after) <= _COUNTER_CHARS and is_counter(after) and looks_like_name(bare):
            return [_name(bare)], []
    run = run_in_byline(text, site_name=site)  # "Posted on DATE by X", "Headline by X"
    if run:
        return run[1]
    if not is_byline_line(text, site_name=site):
        return None
    for at, part in enumerate(split_meta_parts(text)):
        found = byline_names(part, site_name=site)
        if found:
            return found
        if looks_like_name(part):
            # (the site's own name before the date is no writer's: "Warta Nusantara -
            # 17/07/2025, 14:05 WIB")
            if site is not None and part.casefold() == site.casefold():
                return None
            return [_name(part)], []
        if at == 0:  # names alone, first: "Jana Nováková , Peter Horváth · 3. apr 2025"
            found = byline_names(part, site_name=site, strict=False)
            if found:
                return found
    return None


def dated_byline(text: str, *, day_first: bool | None = None) -> bool:
    """A byline with the date after the names: "Written by Jane Doe on April 12, 2024 —
    Fact checked by John Roe, PhD"; two names or more without the marker."""
    dated = dates_in(text, day_first=day_first)
    lead = text[:dated[0][1].start] if dated else ""
    if has_byline_marker(lead):
        return bool(byline_names(_TRAILING_ON.sub("", lead)))
    if dated and byline_after_date(text[dated[-1][1].end:], None):
        return True
    # (or unmarked: "Pieter Van Damme en Lotte Claes zo 9 februari 2025 om 17:45")
    return bool(lead) and _names_before_date(lead, None) is not None


def _name(text: str) -> str:
    return title_cased(text) if text.isupper() else text


def _order(head: Sequence[Line], title_at: int) -> list[int]:
    """Header lines after the headline, then the three above it, nearest first."""
    after = list(range(title_at + 1, len(head)))
    return after + list(range(title_at - 1, max(-1, title_at - 4), -1)) if title_at >= 0 \
        else list(range(len(head)))


# The roles under a name on a card that did not write the story: "Ola Berg" / "Fotograf"
_CREW_ROLES: Final = frozenset((
    "photographer", "photographe", "fotograf", "fotografin", "fot\u00f3grafo", "fot\u00f3grafa",
    "fotografo", "fotografa", "fotografie", "illustrator", "illustratrice", "ilustrador",
    "ilustradora", "illustratore", "videographer", "videograf", "kamera", "photo", "foto", "photos", "fotos",
))


# A field of a row of meta naming the reporters: "記者" (reporter) and their names, between
# the row's slashes ("民聲日報／記者林冠宇、陳怡婷／台中報導")
_CJK_ROW_REPORTERS: Final = re.compile("(?:^|[\uff0f/|\\s])[\u8a18\u8bb0]\u8005\\s?(?P<names>[\u4e00-\u9fff]{2,4}"
                                       "(?:\u3001[\u4e00-\u9fff]{2,4}){0,3})(?:[\uff0f/|\\s]|$)")


def _bare_names(head: Sequence[Line], i: int, *, title_at: int, site: str | None
                ) -> list[str]:
    """The names of a line that holds only names (``Jane Doe``, ``Lisa Kaczke and Trevor
    J. Mitchell``), just under the headline, over a role line, or beside a date line, a
    relative time or the author's handle (``@name``), among the lines after the headline;
    else none."""
    text = head[i].text
    if text[:1] == "[":  # (after the author's photo, its file's name: "[wrobel] Tomasz Wróbel")
        text = _IMAGE_NAME.sub("", text)
    if i > title_at + _BYLINE_REACH or canonical_agency(text) \
            or (site and text.casefold() == site.casefold()) or is_share_row(text):
        return []
    if "\u4e00" <= text[:1] <= "\u9fff":
        # (Chinese or Japanese names with no marker: only a line just under the headline
        # and just over a date line, "# 見出し" / "佐藤美咲" / "2026年11月27日 10時05分")
        # (not a menu's item or a kicker printed again: "社会" is a section's name)
        names = han_names(text) if i == title_at + 1 and i + 1 < len(head) else []
        return names if names and is_date_line(head[i + 1].plain) \
            and not any(line.text == text for line in head[:i]) else []
    # (the town first, then the reporters, as Arab papers print it: "إربد - رنا الخطيب وعمر الزعبي";
    # or names joined by the language's "and" under the headline, "सुहास कुलकर्णी आणि प्राजक्ता देसाई")
    placed = (place_first_names(text) or (joined_caseless_names(text) if i == title_at + 1 else [])) \
        if i > title_at and not text.isascii() else []
    if placed:
        return placed
    if not text.isascii() and i + 1 < len(head):
        # (a name in a script without capitals and the reporter's town, over the date or
        # under the headline: "আবদুল্লাহ আল মামুন , রংপুর"; the town may be on the next line,
        # "فرحان صدیقی" / "| کراچی")
        town = head[i + 1].text if head[i + 1].text[:1] in _TOWN_MARKS else ""
        caseless = caseless_names(f"{text} {town}" if town else text)
        under = head[i + 2] if town and i + 2 < len(head) else head[i + 1]
        if caseless and (i == title_at + 1 or is_date_line(under.plain)):
            return caseless
        # (or a caseless name alone over the reporter's role and town, "عمران شاہد" /
        # "بزنس رپورٹر، کراچی")
        role = head[i + 1].text.replace("\u060c", ",").split(",", 1)[0].strip()
        if i == title_at + 1 and caseless_name(text) and is_role(role):
            return [text.strip()]
        # (or alone straight under the headline and over the date: "सुनिता खड्का" /
        # "आइतबार, फागुन २७, २०८० ०८:१५ १० मार्च २०२४")
        # (the town the reporter filed from may stand between, a word alone: "মো. রফিকুল ইসলাম" /
        # "রাজশাহী" / "প্রকাশ: ১৮ ফেব্রুয়ারি ২০২৪ …")
        dated = head[i + 2] if i + 2 < len(head) and len(head[i + 1].text.split()) == 1 else head[i + 1]
        if i == title_at + 1 and caseless_name(text) and is_date_line(dated.plain):
            return [text.strip()]
    if i + 1 < len(head) and not head[i + 1].blank_before and is_caption(head[i + 1].text):
        return []  # (a photo's alternative text, a name, over its caption)
    if _one_word_links(head[i].raw):
        return []  # (a menu's items, "[Abonneren](/abonneren) [Inloggen](/inloggen)")
    if i + 1 < len(head) and head[i + 1].text != text and _letters(head[i + 1].text) == _letters(text) \
            and len(names_only(head[i + 1].text)) > 1:
        return []  # (the writers' photos, their names run together, over the byline's names)
    # (a name and, after a slash, the one-word town the reporter filed from, over the
    # date: "Emre Kaya / İzmir")
    name, slash, place = text.partition(" / ")
    if slash and i + 1 < len(head) and place.isalpha() and place[:1].isupper() \
            and looks_like_name(name) and is_date_line(head[i + 1].plain):
        return [name]
    # (the first names of several a render put on lines of their own, the joiner after
    # them: "Mahmudul Hasan Rony and" / "Nusrat Jahan Mitu", read on by _joined)
    if ends_with_conjunction(text) and " " in text.strip():
        text = text.rsplit(" ", 1)[0].rstrip(" ,")
    found = byline_names(text, site_name=site, strict=False)
    # (or names parted by slashes, each a person's: "Lucía Carrascal / Jaime Oteo Ruiz"; a
    # town, an outlet or an agency after a slash is a credit's part, "Vigo / El Correo")
    slashed = [part.strip() for part in text.split(" / ", _SLASHED_NAMES)] if " / " in text else []
    if 2 <= len(slashed) <= _SLASHED_NAMES and all(
            looks_like_name(part) and canonical_agency(part) is None
            and part.split(" ", 1)[0].casefold() not in _OUTLET_ARTICLES for part in slashed):
        found = (slashed, [])
    if found and len(found[0]) == 1 and _LYNX_LINK.search(head[i].raw):
        # (names each a link of lynx's, with no separator between them: "[30]María Jesús
        # Lorenzo [31]Andrés Peinado")
        linked = [part.strip() for part in _LYNX_LINK.split(head[i].raw) if part.strip()]
        if len(linked) >= 2 and all(map(looks_like_name, linked)):
            found = (linked, [])
    if not found or not found[0] or found[1]:
        return []
    near = [head[j].plain for j in range(i - 2, i + 3) if 0 <= j < len(head) and j != i]
    # (or over its role, an author's card: "Henrik Lunde" / "Journalist")
    if i == title_at + 1 or (i + 1 < len(head) and is_role(head[i + 1].text)) \
            or any(is_date_line(t) or is_relative_time(t) or bool(_HANDLE.match(t)) for t in near):
        return list(dict.fromkeys(found[0]))
    return []


_LINK_TEXT: Final = re.compile(r"\[([^\[\]\n]{1,300})\]\(")  # a markdown link's text, "[Home]("


def _one_word_links(raw: str) -> bool:
    """Two links or more, each one word: a menu's items ("[Abonneren](/abonneren)
    [Inloggen](/inloggen)", lynx's "[12]Abonneren [13]Inloggen"), where a byline's name is
    one link whole ("[Sanne Verhoeven](/auteur/…)")."""
    if "[" not in raw:
        return False
    texts = _LINK_TEXT.findall(raw) if "](" in raw else [part.strip() for part in _LYNX_LINK.split(raw)[1:]]
    return len(texts) >= 2 and all(len(text.split()) == 1 for text in texts)


def _letters(text: str) -> str:
    """The letters of a line of names, without what parts them ("Jane Doe, John Roe",
    "Jane Doe and John Roe" and "Jane Doe John Roe" are one)."""
    return "".join(ch for word in text.split() if word.casefold() != "and" for ch in word if ch.isalpha())


def _lynx_targets(head: Sequence[Line], footer: Sequence[str]) -> dict[str, str]:
    """The addresses of the header's lynx links by their numbers, from the list of link
    targets that closes a lynx dump (``  23. https://…``); read only when the header holds
    such a link."""
    wanted = {number for line in head if "[" in line.raw for number in LYNX_NUMBER.findall(line.raw)}
    if not wanted:
        return {}
    targets: dict[str, str] = {}
    for text in footer:
        target = LYNX_REFERENCE.match(text) if ". " in text else None
        if target and target["n"] in wanted:
            targets[target["n"]] = target["url"]
    return targets


def _as_linked(names: list[str], head: Sequence[Line], targets: dict[str, str]) -> list[str]:
    """Each name cut where the text of a link to an author's page that opens it ends: the
    link's text is the name, the rest the role or the place printed after it
    (``[**Wanjiku Kamau**](/authors/wanjiku-kamau) Agriculture Reporter``, lynx's
    ``[24]Oriol Pujades Barcelona``)."""
    if not names or all(len(name.split()) < 3 for name in names):
        return names
    linked = [text for line in head if "](" in line.raw for text in author_links(line.raw)] \
        + [text for line in head for text in lynx_author_links(line.raw, targets)]
    return [next((text for text in linked if name.startswith(text + " ")), name) for name in names]


def _agency_line(text: str) -> str | None:
    """The news agency a line credits alone: its name (``Keystone-ATS``), a byline's
    marker before it or not, and the town it filed from after a comma or a bar or not
    (``By PTI, New Delhi``); else None."""
    if text[:3].casefold() == "by ":
        text = text[3:]
    name, _, rest = text.replace("|", ",").partition(",")
    name = name.strip()
    name = without_initials(name)  # ("Kuzey Haber Ajansı (KHA)")
    if not (len(name.split()) <= _AGENCY_WORDS and canonical_agency(name)) and not named_agency(name):
        return None
    # (then the town, the date a render ran into the line, or both)
    place, _, after = rest.partition(",")
    place = place.strip()
    if place and not dates_in(place) and (len(place.split()) > _PLACE_WORDS or not place[:1].isupper()):
        return None
    return name if not after.strip(" ,") or dates_in(after) else None


def _header_authors(head: Sequence[Line], title_at: int, *, site: str | None,
                    targets: dict[str, str]) -> tuple[list[str], list[str]]:
    order = [i for i in _order(head, title_at)
             if len(head[i].text.split()) <= _MAX_META_WORDS and not is_caption(head[i].text)]
    # (a line with a byline's marker first: "Penulis Dimas Prasetyo" under "Warta
    # Nusantara - 12/04/2024, 14:35 WIB", where the site's name stands before the date)
    marked = [i for i in order if has_byline_marker(head[i].text)]
    held = set(marked)
    agency: list[str] = []  # (a byline that credits an agency only: "By Continental Press")
    for i in marked + [i for i in order if i not in held]:
        text = _with_split_off(head, i)
        found = _line_names(text, site)
        if found and found[0]:
            # (an agency the byline joins to the writers by "and" is one of them:
            # "Por Valeria Montes y The Associated Press")
            joined = co_credited(text, found[1])
            return list(dict.fromkeys(found[0] + joined + _next_bylines(head, i, title_at, site))), found[1]
        if found and not agency and len(found[1]) == 1 and is_agency_name(found[1][0]):
            agency = found[1]
    for i in order:  # (a Taiwanese row's reporters: "… 民聲日報／記者林冠宇、陳怡婷／台中報導")
        text = head[i].text
        reporters = _CJK_ROW_REPORTERS.search(text) if "\u8a18\u8005" in text or "\u8bb0\u8005" in text else None
        if reporters:
            return reporters["names"].split("\u3001"), []
    for i in order:
        # (or over the headline, a name over a date over it: "Ελένη Μαρκάκη" / "27.11.2026 |
        # 10:45" / headline)
        over = i < title_at and i + 1 < title_at <= i + _ABOVE_BYLINE \
            and is_date_line(head[i + 1].plain)
        names = _bare_names(head, i, title_at=title_at, site=site) if i > title_at or over else []
        if names:
            above = _stacked(head, i, -1, title_at=title_at, site=site)
            below = _joined(head, i, site=site) or _stacked(head, i, 1, title_at=title_at, site=site) \
                or _linked_below(head, i)
            # (the last card a photographer's: "Ola Berg" / "Fotograf", under the writers')
            crew = i + 1 < len(head) and not head[i + 1].blank_before and _crew(head, i)
            return list(dict.fromkeys(above[::-1] + ([] if crew else names) + below)), []
    # (or the links to their pages, whatever the line says around them: "[Ελένη Μαυρίδου]
    # (/author/eleni-mavridou) 22.07.2025 • 11:34", lynx's "[36]अंकित मिश्र, लखनऊ")
    linked = next((names for names in (author_links(head[i].raw) or lynx_author_links(head[i].raw, targets)
                                       for i in order) if names), [])
    if not linked and not agency:
        # (or an agency's name alone on a line under the headline: "Keystone-ATS" under the
        # standfirst)
        # (or with the town it filed from, as wire copy is credited: "By PTI, New Delhi",
        # "Reuters, Washington,", "IANS | Mumbai")
        agency = next(([named] for i in order if title_at < i <= title_at + _BYLINE_REACH
                       and (named := _agency_line(head[i].text))), [])
    return list(dict.fromkeys(linked)), [] if linked else agency


_CARD_SEPARATORS: Final = frozenset(("|", "\u00b7", "\u2022", "/", "&", "and"))


def _next_bylines(head: Sequence[Line], i: int, title_at: int, site: str | None) -> list[str]:
    """The names of the bylines straight under byline ``i``, under the headline, each a
    name and its role (``Lena Ortiz, Senior Fact-Checker`` / ``Samuel Park, Researcher``)."""
    names: list[str] = []
    at = i + 1
    while title_at < i and at < len(head) and at - i <= _MAX_CARDS:
        if head[at].text in _CARD_SEPARATORS:  # (a separator on a line of its own: "|")
            at += 1
            continue
        found = byline_names(head[at].text, site_name=site)
        if not found or not found[0] or not found[1] or not all(map(is_role, found[1])):
            break
        # (the name a link to the author's page holds whole, where the role's words may
        # have taken the surname: "[Anders Bøgh Sørensen](/profil/…) Videojournalist")
        names += author_links(head[at].raw) or found[0]
        at += 1
    return names


_BARE_MARKER_CHARS: Final = 8  # a byline's marker alone on its line: "by", "Von", "Door"
_JOINING_WORD_CHARS: Final = 3  # "and", "na", "y", "et": a word joining two names


def _with_split_off(head: Sequence[Line], i: int) -> str:
    """Line ``i``, with the next line when it stops on "and": a render put a byline's
    links on lines of their own (``By Jane Doe and`` / ``John Roe``)."""
    text = head[i].text
    if i + 1 < len(head) and ends_with_conjunction(text):
        return f"{text} {head[i + 1].text}"
    # (or a byline's marker alone, the name under it: "by" / "Clara Ng"; and the next name
    # after the language's "and" on its line: "Na" / "Charles Wanyoro" / "na" / "Mercy Achieng")
    if i + 1 < len(head) and len(text) <= _BARE_MARKER_CHARS and " " not in text:
        joined = f"{text} {head[i + 1].text}"
        last = joined.rsplit(" ", 1)[-1]
        if i + 2 < len(head) and last.islower() and len(last) <= _JOINING_WORD_CHARS:
            joined = f"{joined} {head[i + 2].text}"
        if has_byline_marker(joined):
            return joined
    # (the author's address after an "Email:" label, which the units cut out of the text:
    # the line as printed, "Niamh Gallagher Email: niamh.gallagher@…")
    if text[-6:].lower() in ("email:", "-mail:") and "@" in head[i].raw:
        return " ".join(strip_markdown(head[i].raw).split())
    return text


def _card_names(text: str, site: str | None) -> list[str]:
    found = byline_names(text, site_name=site, strict=False) \
        if not canonical_agency(text) and len(text.split()) <= _CARD_WORDS else None
    return found[0] if found and found[0] and not found[1] else []


def _joined(head: Sequence[Line], i: int, *, site: str | None) -> list[str]:
    """The names a render put on lines of their own after line ``i``'s, each after a line
    that ends with a joiner or is one (``Petra Dvořáková,`` / ``Martin Kubíček``;
    ``Petra Dvořáková`` / ``,`` / ``Martin Kubíček``: each name a link, ``get_text("\\n")``)."""
    names: list[str] = []
    at = i
    while at + 1 < len(head) and len(names) < _MAX_CARDS:
        text = head[at].text.rstrip()
        if text.endswith((",", "&")) or ends_with_conjunction(text):
            at += 1  # (the joiner closes the line: "Petra Dvořáková," / "Martin Kubíček")
        elif at + 2 < len(head) and _joiner(head[at + 1].text.strip(), text):
            at += 2
        else:
            break
        found = _card_names(head[at].text, site)
        if not found:
            break
        names += found
    return names


def _joiner(text: str, before: str) -> bool:
    """A line that only joins two names: a comma, an ampersand, "and" in a language."""
    return text in (",", "&") or (" " not in text and ends_with_conjunction(f"{before} {text}"))


# The labels of a card's contact icons, printed on lines of their own under its role
# (``Henrik Lunde`` / ``Journalist`` / ``Telefon`` / ``E-post``)
_CONTACT_LABELS: Final = frozenset((
    "phone", "telephone", "tel", "tel.", "telefon", "telefoon", "t\u00e9l\u00e9phone", "tel\u00e9fono",
    "telefone", "puhelin", "email", "e-mail", "mail", "e-post", "epost", "courriel", "correo",
    "sms", "twitter", "x", "linkedin", "facebook", "instagram", "bluesky", "threads", "mastodon",
    "signal", "whatsapp", "rss", "follow", "f\u00f8lg", "folgen", "suivre",
))
_CONTACT_LINES: Final = 6  # at most this many such lines under one card


def _past_contacts(head: Sequence[Line], at: int, step: int) -> int:
    """The first line from ``at`` on (``step`` 1 down, -1 up) that is no contact label."""
    for _ in range(_CONTACT_LINES):
        if not 0 <= at < len(head) or head[at].text.casefold() not in _CONTACT_LABELS:
            break
        at += step
    return at


def _linked_below(head: Sequence[Line], i: int) -> list[str]:
    """The names straight under line ``i``'s, each a lynx link on a line of its own, as
    line ``i``'s is ("[20]Jessica Ortmann" / "[21]Darnell Pryce" / "Ohio Capital Bureau")."""
    names: list[str] = []
    if not _LYNX_LINK.match(head[i].raw.lstrip()):
        return names
    for line in head[i + 1:i + 1 + _MAX_CARDS]:
        if line.blank_before or not _LYNX_LINK.match(line.raw.lstrip()) or not looks_like_name(line.text):
            break
        names.append(_name(line.text))
    return names


def _stacked(head: Sequence[Line], i: int, step: int, *, title_at: int, site: str | None
             ) -> list[str]:
    """The names of author cards stacked straight above (``step`` -1, nearest first) or
    below (1) line ``i``'s, each a line of names with a role line under it
    (``Karin Lindqvist`` / ``Reporter`` / ``Erik Holm`` / ``Reporter``), below the
    headline; the labels of a card's contact icons may stand under its role. (The role
    tells a card from a menu of capitalised items.) A photographer's card ends them."""
    names: list[str] = []
    at = i
    while len(names) < _MAX_CARDS:
        role = at + 1 if step > 0 else _past_contacts(head, at - 1, -1)
        card = _past_contacts(head, role + 1, 1) if step > 0 else role - 1
        if not (title_at < min(role, card) and max(role, card) < len(head)) \
                or not is_role(head[role].text) or _crew(head, card):
            break
        found = _card_names(head[card].text, site)
        if not found:
            break
        names += found[::-1] if step < 0 else found
        at = card
    return names


def _crew(head: Sequence[Line], card: int) -> bool:
    """The card at ``card`` is a photographer's or an illustrator's (its role line says so)."""
    return card + 1 < len(head) and head[card + 1].text.casefold() in _CREW_ROLES


# A credit of names, each with its part in brackets: "Lukas Wimmer (Text), Sabine Huber
# (Lektorat), beide news.ARF.at"; the parts that say who wrote it
_CREDITED: Final = re.compile(r"([^(),]{3,60}?) \(([^()]{1,30})\)")
_WRITING_PARTS: Final = frozenset(("text", "texte", "texto", "testo", "tekst", "teksti", "words",
                                   "story", "reporting", "bericht", "reportage"))


def _credited_writers(text: str) -> list[str]:
    """The names a credit line gives the writing part (``_CREDITED``, ``_WRITING_PARTS``)."""
    if " (" not in text:  # (what a match holds)
        return []
    return [name.strip() for name, part in _CREDITED.findall(text)
            if part.strip().casefold() in _WRITING_PARTS and looks_like_name(name.strip())]


_LABEL_NAMES: Final = 6  # lines of names (and of the commas between them) under a label


def _names_under_label(foot: Sequence[Line], at: int, site: str | None) -> list[str]:
    """The names on the lines under a byline's label standing alone (``Авторы`` /
    ``Анна Соколова`` / ``,`` / ``Дмитрий Орлов``), read as the label's byline."""
    label = foot[at].text.rstrip(":\uff1a").strip()
    # (for speed: most single words of a trailer, a menu's items, are no byline's label)
    if not label or " " in label or not has_byline_marker(f"{label}: A"):
        return []
    names: list[str] = []
    for line in foot[at + 1:at + 1 + _LABEL_NAMES]:
        # (a comma between two names may stand on a line of its own, or be joined to either)
        parts = [part.strip() for part in line.text.split(",") if part.strip()]
        if not all(map(looks_like_name, parts)):
            break
        names += parts
    joined = f"{label}: {', '.join(names)}"
    found = byline_names(joined, site_name=site) if names and has_byline_marker(joined) else None
    return found[0] if found else []


_MORE_CARD_LINES: Final = 8  # lines after an author's card where the next writers' stand


def _more_cards(foot: Sequence[Line], start: int) -> list[str]:
    """The names of author cards (a name over a role line) in the lines from ``start``."""
    names: list[str] = []
    for j in range(start, min(len(foot) - 1, start + _MORE_CARD_LINES)):
        if looks_like_name(foot[j].text) and is_role(foot[j + 1].text):
            names.append(foot[j].text)
    return names


_LYNX_LINK: Final = re.compile(r"\[\d{1,5}\]")  # lynx's number before a link's text
_TOWN_MARKS: Final = ",\u060c|"  # a line of the reporter's town under the name opens with one
_NAMES_OVER_DATE_LINES: Final = 3  # the first lines after the body where they stand


_POSTED_ON: Final = re.compile(r"\b(?:Posted|Published) on\s")  # (a label: capitalised)
_POSTED_CHARS: Final = 40  # the date after it, and what may follow
# A blog's entry row: its authors' label without a colon, the names, "Posted on"
_ENTRY_AUTHORS: Final = re.compile(r"^Authors?\s(?P<names>\S.{0,120}?)\s(?:Posted|Published) on\s")


def _footer_authors(foot: Sequence[Line], *, site: str | None) -> list[str]:
    """``Story by X``, ``Written by X``, ``About the author: X has …`` after the body; a
    credit line's writers (``Lukas Wimmer (Text), Sabine Huber (Lektorat)``); a label
    over the names (``_names_under_label``). A blog's entry row naming them all ("Authors
    A and B Posted on …") first: the author boxes above it show one each."""
    for line in foot:
        entry = _ENTRY_AUTHORS.match(line.text) if line.text.startswith("Author") else None
        found = byline_names(f"By {entry['names']}", site_name=site) if entry else None
        if found and found[0]:
            return list(dict.fromkeys(found[0]))
    contacts = False  # under a press release's contacts label: its contacts, not its writers
    for at, line in enumerate(foot):
        if len(line.text.split()) > _MAX_META_WORDS:
            continue
        if _CONTACTS_LABEL.match(line.text):
            contacts = True  # ("Media Contact" / "Jane Doe, Public Affairs Manager"; but
            continue         # "Contacts" / "Writer: Brent Halvorsen, …" names the writer)
        if contacts and not has_byline_marker(line.text):
            continue
        # (an author's box with no label: the name alone, then a sentence about them that
        # opens with it, "Lea Brunner" / "Lea Brunner ist Regionalkorrespondentin von RFS …")
        if at + 1 < len(foot) and looks_like_name(line.text) \
                and foot[at + 1].text.startswith(line.text + " ") \
                and foot[at + 1].text[len(line.text) + 1:].split(" ", 1)[0] in BIO_VERBS:
            return [line.text]
        writers = _credited_writers(line.text) or _names_under_label(foot, at, site)
        if writers:
            return writers
        about = _ABOUT_AUTHOR.match(line.text)
        if about:
            # (the label alone, the name or the bio under it: "About the Author" /
            # "Kwabena Asare-Boadu" / "Kwabena Asare-Boadu is the Ashanti Regional …")
            rest = about["rest"] or (foot[at + 1].text if at + 1 < len(foot) else "")
            # (a name in a script without capitals too: "الكاتب" / "مريم بوزيدي")
            name = rest if not about["rest"] and (looks_like_name(rest) or caseless_name(rest)) \
                else _leading_name(rest)
            if name:
                return [name]
            continue
        found = byline_names(_without_contacts(line.text), site_name=site)
        if not found and has_byline_marker(line.text) and dates_in(line.text):
            # (a blog's entry line: "Posted by A on October 21, 2025 at 4:12 pm in Section")
            found = _line_names(line.text, site)
        if not found and has_byline_marker(line.text):
            # "Words by A · Photographs by B": the part that names the author
            found = next((f for f in (byline_names(part, site_name=site)
                                      for part in split_meta_parts(line.text)) if f), None)
        if found and found[0]:
            # (and the cards of the writers after the first, each a name over its role:
            # "Written by Priya Shah" / "News Editor" / bio / "Tom Ellis" / "Deputy Editor")
            return list(dict.fromkeys(found[0] + _more_cards(foot, at + 1)))
    return []


# The label over a press release's contacts: "Media Contact", "Press enquiries:", "Contacts"
_CONTACTS_LABEL: Final = re.compile(r"^(?:(?:media|press|news)\s)?(?:contacts?|enquiries|inquiries)\s?:?$",
                                    re.IGNORECASE)
# A telephone number among a byline's parts: "402-555-0147", "+44 (0)20 7946 0958"
_PHONE: Final = re.compile(r"^\+?[\d(][\d ().-]{6,24}$")


def _without_contacts(text: str) -> str:
    """A byline without the contact details closing it, parts after commas: telephone
    numbers and the empty parts an e-mail address left ("Writer: Brent Halvorsen, Extension
    Communications, , 402-555-0147")."""
    if "," not in text:
        return text
    parts = text.split(",")
    while len(parts) > 1 and (not parts[-1].strip() or _PHONE.match(parts[-1].strip())):
        parts.pop()
    return ",".join(parts)


def _names_over_date(foot: Sequence[Line]) -> list[str]:
    """The names alone over the date, among the first lines after the body: "Sanne van Dijk
    en Pieter Hoogland" / "03-09-24, 14:12 Laatste update: 16:40"."""
    for at in range(min(len(foot) - 1, _NAMES_OVER_DATE_LINES)):
        if is_date_line(foot[at + 1].plain):
            names = names_only(foot[at].text)
            if names:
                return names
    return []


_SHARE_ROW_REACH: Final = 2  # lines under the names where the share row stands (the tags between)


def _names_over_share_row(footer: Sequence[str]) -> list[str]:
    """The names alone on the first line after the body, over the share row (the story's
    tags may stand between): the byline a page prints at the article's end, "Jana Nováková,
    Petr Svoboda" / "zdravotnictví porodnice" / "Sdílet na Facebooku Sdílet na X". (Read
    line by line: a render may have run the names and the tags together into one unit.)"""
    first = [clean_line(text).text for text in _first_lines(footer, 1 + _SHARE_ROW_REACH)]
    names = names_only(first[0]) if first else []
    return names if names and any(is_share_row(text) for text in first[1:]) else []


_MAIL_LABEL: Final = re.compile(r"^\W{0,6}(?:e-?mail|e-?post|courriel|correo)\s?:?", re.IGNORECASE)
_MAILED_CHARS: Final = 100  # a line of an e-mail address alone, at most
_ABOVE_ADDRESS: Final = 2  # lines above the address where the name stands, blank ones counted


def _mailed_author(lines: Sequence[str]) -> list[str]:
    """The name printed over the writer's e-mail address, the address's local part
    spelling it (``spells_address``): "Elin Sandqvist" / "elin.sandqvist@lidbackatidning.se",
    an author's card whose line a render may have run into a caption's."""
    for at, raw in enumerate(lines):
        if len(raw) > _MAILED_CHARS or "@" not in raw:
            continue
        # (alone on its line, but for a link's marks or its label: "[12]elin.sandqvist@…",
        # "[elin.sandqvist@…](mailto:elin.sandqvist@…)", "E-post: …")
        address = _MAIL.search(raw)
        rest = _MAIL.sub("", raw).casefold().replace("mailto:", "")
        if address is None or any(ch.isalpha() for ch in _MAIL_LABEL.sub("", rest)):
            continue
        for above in lines[max(0, at - _ABOVE_ADDRESS):at][::-1]:
            name = clean_line(above[:_MAILED_CHARS]).text
            if name:
                if looks_like_name(name) and spells_address(name, address["local"]):
                    return [name]
                break
    return []


_OPEN_LINK_CHARS: Final = 40  # a link's text cut open at a line's end, at most
_SLASHED_NAMES: Final = 4  # names parted by slashes on a line, at most
# Articles that open an outlet's name and no person's: "El Correo", "The Herald", "De Telegraaf"
_OUTLET_ARTICLES: Final = frozenset(("the", "el", "la", "las", "los", "le", "les", "il", "lo", "der", "die",
                                     "das", "de", "het", "o", "os", "a", "as"))
_WORD_PUNCTUATION: Final = ".,;:!?\"'()\u2019\u201c\u201d"  # what may close or open a word in a sentence
_BIO_UNITS: Final = 2  # the body's last paragraphs, and the lines after it, where a bio stands


def _bio_author(tail: Sequence[Line], footer: Sequence[str], lead: Sequence[str]) -> list[str]:
    """The writer a bio sentence names (``bio_name``), the body's last paragraph or among
    the first lines after it: "Sanne Verhoeven is verslaggever landbouw en natuur van De
    Vrije Courant." when no byline names anyone. Not one whose surname the body's first
    paragraphs (``lead``) write: the story is about them ("Evan Gershkovich is a reporter
    for The Wall Street Journal." closing a story on his trial)."""
    lines = [*(line.text for line in tail[-_BIO_UNITS:]),
             *(" ".join(text.split()) for text in _first_lines(footer, _BIO_UNITS))]
    for text in lines:
        name = bio_name(text)
        surname = name.rsplit(" ", 1)[-1] if name else ""
        # (the surname as a word of its own: "Lee" is not written by "Leeds")
        if name and not any(surname in (word.strip(_WORD_PUNCTUATION) for word in para[:MAX_CHARS].split())
                            for para in lead if " ".join(para[:MAX_CHARS].split()) != text):
            return [name]
    return []


def _signed_or_carded(tail: Sequence[Line], footer: Sequence[str]) -> list[str]:
    """The authors signed (``_signed``) or shown on cards (``_cards``) just under the body."""
    lines = [*(line.text for line in tail),
             *(" ".join(text.split()) for text in _first_lines(footer, _SIGNATURE_REACH))]
    return _signed(lines) or _cards(lines)


_CARD_CHARS: Final = 100  # a card's name and role


def _card(text: str, below: str | None) -> tuple[str, bool] | None:
    """(name, whether the role stood on the next line) of an author card: a name with
    its role glued to it, or a name over a role line. The text before the card's last
    link marker is its photo's alternative text (``Portrett av X [19]X Journalist``); a
    markdown link is its text (``[Jane Doe](/profile/jane-doe/)`` over ``Journalist``)."""
    text = clean_line(text).text if "](" in text else text.rsplit("]", 1)[-1].strip()
    if len(text) > _CARD_CHARS:
        return None
    # (or over a bio that opens with the role: "Agnieszka Zielińska" / "Dziennikarka działu Kraj. …")
    if looks_like_name(text) and below is not None and (is_role(below) or opens_with_role(below)):
        return text, True
    # a name glued to the role that followed it in its own element: "Ingrid
    # SolheimJournalist", "Mary McDonaldReporter" (the role is the end; last seam first)
    for at in range(len(text) - 2, 2, -1):
        if text[at].isupper() and text[at - 1].islower() and is_role(text[at:]) \
                and looks_like_name(text[:at]):
            return text[:at], False
    return None


def _cards(lines: Sequence[str]) -> list[str]:
    """The names of author cards stacked under the body (``_card``), the first run of
    them in the lines given."""
    names: list[str] = []
    k = 0
    while k < len(lines):
        card = _card(lines[k], lines[k + 1] if k + 1 < len(lines) else None)
        if card is None:
            if names:
                break
            k += 1
            continue
        names.append(_name(card[0]))
        k += 2 if card[1] else 1
    return list(dict.fromkeys(names))


def _first_lines(lines: Sequence[str], count: int) -> list[str]:
    """The first ``count`` lines that are not blank, cut to ``MAX_CHARS``."""
    found: list[str] = []
    for text in lines:
        if len(found) == count:
            break
        if text.strip():
            found.append(text[:MAX_CHARS])
    return found


def _signed(lines: Sequence[str]) -> list[str]:
    """The author who signs the article under its body with a name and an e-mail address
    that spells it (``Ragnhildur Þóra Sigurðardóttir`` / ``ragnhildur@example.is``, or
    both on one line). (The address tells a signature from a name that merely stands
    there: a photo credit, a person quoted, the next story's teaser.)"""
    for k, text in enumerate(lines):
        if "@" not in text and (k + 1 == len(lines) or "@" not in lines[k + 1]):
            continue
        mail = _MAIL.search(text)
        if mail is not None:
            name = text[:mail.start()].rstrip(" ,;:|/(<\u00b7\u2022\u2013\u2014-")
        elif k + 1 < len(lines) and (mail := _MAIL.fullmatch(lines[k + 1].strip())):
            name = text
        else:
            continue
        if looks_like_name(name) and spells_name(mail["local"], name):
            return [_name(name)]
    return []


def _leading_name(text: str) -> str | None:
    """The name a sentence opens with: ``Jane Doe has covered …`` -> ``Jane Doe``."""
    tokens = text.split()[:6]
    for size in (4, 3, 2):
        name = " ".join(tokens[:size]).strip(" ,.")
        if looks_like_name(name):
            return name
    return None


# --- dates ---------------------------------------------------------------------------


_FIRST_PUBLISHED: Final = re.compile(r"\b(?:first|originally) published\b", re.IGNORECASE)
# A date something lasts until: a video "Verfügbar bis 27.11.2028", an offer "valid until".
_UNTIL: Final = re.compile(r"\b(?:until|till|bis|jusqu'(?:au|\u00e0)|hasta(?: el)?|at\u00e9|fino al|tot)"
                           r"\s{0,3}:?\s{0,3}\d", re.IGNORECASE)
_UNTIL_CHARS: Final = 20  # characters before a date searched for _UNTIL, and the date's own


@dataclass(slots=True)
class _Dates:
    published: datetime | None = None
    modified: datetime | None = None

    def take(self, text: str, *, day_first: bool | None) -> None:
        last: datetime | None = None
        end = 0
        for before, found in dates_in(text, day_first=day_first):
            end = found.end
            if _UNTIL.search(text, max(0, found.start - _UNTIL_CHARS), found.end):
                continue  # (when something ends, not when the story was written)
            label = _UPDATED.search(before)
            if label and label.group()[:1] >= "\u3000" \
                    and before[label.end():].strip(_CJK_LABEL_TAIL):
                label = None  # (a word holding 更新 in a line of Chinese: "城市更新", renewal)
            # (a label followed by a relative time is that time's: "Updated 2 hours ago
            # Apr 10, 2024, 9:00 AM" dates the story's publication; a later date run
            # straight into the one before it is WordPress's hidden "updated" date:
            # "Posted on March 3, 2024March 5, 2024")
            if _FIRST_PUBLISHED.search(before) and self.published is not None \
                    and self.published > found.value:
                # (a live page prints its latest update first, then "First published on
                # …": that is the publication, and the date above it the update)
                self.modified = self.modified or self.published
                self.published = found.value
            elif (label and not is_relative_time(before[label.end():].strip())) \
                    or (last is not None and not before.strip() and found.value > last):
                self.modified = self.modified or found.value
            else:
                self.published = self.published or found.value
            last = found.value
        if last is not None and self.modified is None and self.published == last:
            self.modified = _same_day_update(text[end:end + _UPDATE_TIME_CHARS], last)
        elif last is not None and self.published is None and self.modified == last:
            # (the update's date, then the first publication's time on that day: "Updated
            # November 27, 2026 — 6.14pm, first published at 4.30pm")
            self.published = _same_day_publication(text[end:end + _UPDATE_TIME_CHARS], last)


# An update given as a time only, on the date line after the date: "15 de maig de 2024,
# 07:45 h Actualitzat a les 09:20 h", "17. května 2024 6:00, aktualizováno 9:12",
# "14 яну 2025, 9:32 ч. | Обновена: 11:05 ч.".
_UPDATE_TIME: Final = re.compile(r"\s{0,3}:?\s{0,3}(?:[^\W\d]{1,6}\s{1,3}){0,3}"
                                 r"(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?!\d)")
_UPDATE_TIME_CHARS: Final = 60


# An arrow from the publication's time to the update's: "23.10.2024. 14:37 > 16:05".
_UPDATE_ARROW: Final = re.compile(r"\s{0,3}[>\u2192\u00bb]\s{0,3}(?=\d)")


def _same_day_update(rest: str, published: datetime) -> datetime | None:
    """The update time after an update label or an arrow in ``rest`` (what follows the
    date), on the publication's day and in its zone; None without one, or when it is not
    later."""
    label = _UPDATE_ARROW.match(rest) or _UPDATED.search(rest)
    found = _UPDATE_TIME.match(rest, label.end()) if label else None
    if found is None or int(found["hour"]) > 23 or int(found["minute"]) > 59:
        return None
    updated = published.replace(hour=int(found["hour"]), minute=int(found["minute"]), second=0)
    return updated if updated > published else None


def _same_day_publication(rest: str, updated: datetime) -> datetime | None:
    """The first publication's time after its label in ``rest`` (what follows an update's
    date), on the update's day and in its zone; None without one, or when it is not
    earlier."""
    label = _FIRST_PUBLISHED.search(rest)
    found = _PUBLICATION_TIME.match(rest, label.end()) if label else None
    if found is None:
        return None
    hour, minute = int(found["hour"]) % 12, int(found["minute"])
    if found["half"].lower().startswith("p"):
        hour += 12
    published = updated.replace(hour=hour, minute=minute, second=0)
    return published if published < updated else None


_PUBLICATION_TIME: Final = re.compile(r"\s{0,3}(?:at\s{1,3})?(?P<hour>1[0-2]|0?[1-9])[:.](?P<minute>[0-5]\d)"
                                      r"\s{0,2}(?P<half>[ap])\.?m\b", re.IGNORECASE)


def _labelled_part(text: str) -> bool:
    """A row of parts one of which is a publication's labelled date ("By Continental Press
    | Published: April 2, 2025 3:14 PM EDT | Updated: …"), whatever its other parts are."""
    # (or a sentence of its own: "Le Progrès Armoricain Gwenaëlle Le Floch. Publié le 14/03/2024")
    parts = text.split(". ")[1:] if ". " in text else []
    if "|" in text or "\u00b7" in text or "\u2022" in text:
        parts += split_meta_parts(text)[1:]
    if any(_PUBLISHED.match(part) and dates_in(part) for part in parts):
        return True
    # (or the row's first date straight after its label, in capitals, whatever goes before:
    # "Vivian Leung in Hong Kong Published: 18:42, 27 Aug 2024 Updated: …"; or in a script
    # without capitals, "ผู้เขียน: ประชาวิถีออนไลน์ เผยแพร่: 5 พ.ย. 2568 10:32 น.")
    found = dates_in(text)
    words = found[0][0].split()[-2:] if found else []
    return any((label[:1].isupper() or (label[:1].isalpha() and label.lower() == label.upper()))
               and _PUBLISHED.match(" ".join(words[at:])) for at, label in enumerate(words))


def _after_image_names(line: Line) -> str:
    """The line's text after the images' file names w3m printed opening it
    (``IMAGE_NAMES``), which the cleaning left as words: "[mlavoie][dokafor] By …"."""
    names = IMAGE_NAMES.match(line.raw)
    text = line.plain
    if names is None:
        return text
    for name in names[0][1:-1].split("]["):
        if not text.startswith(name + " "):
            break
        text = text[len(name) + 1:]
    return text


def _dates(head: Sequence[Line], foot: Sequence[Line], title_at: int, *,
           day_first: bool | None, tail: Sequence[Line] = (), lead: Sequence[Line] = (),
           glued: Sequence[str] = ()) -> tuple[datetime | None, datetime | None]:
    """(published, modified) from the header's date lines, else the trailer's; a
    ``Published:`` line among the body's first paragraphs (``lead``) dates a publication
    the header does not."""
    dates = _Dates()
    after = range(title_at + 1, len(head)) if title_at >= 0 else range(len(head))
    for i in after:
        text = head[i].plain
        if not dates_in(text, day_first=day_first):
            continue  # nothing to take (asked first: the byline test below is dearer)
        if head[i].raw[:1] == "[":
            text = _after_image_names(head[i])
        if len(text.split()) <= _MAX_META_WORDS and not is_caption(text) \
                and (is_date_line(text, day_first=day_first) or _PUBLISHED.match(text)
                     or _UPDATED.match(text) or is_byline_line(text)
                     or dated_byline(text, day_first=day_first) or _labelled_part(text)
                     # (or a byline whose names run into a place, one date after them: "Por
                     # Rodrigo Valdés Ibarra Ciudad de México / 18.11.2025 06:00:00")
                     or (has_byline_marker(text) and len(dates_in(text, day_first=day_first)) == 1)
                     # (or a name and role run into the date: "Gabriel Rivera Colón
                     # Periodista de Noticias 9 de julio de 2024 - 6:15 PM")
                     or bool((_line_names(text, None) or ([], []))[0])
                     # (or a name and the town it was filed from, then the date: "Marta Gil
                     # Villanueva del Río Martes, 4 de marzo 2025, 09:10")
                     or names_before_date(text, day_first=day_first)
                     # (or a row of parts, the date one of them, a name another: "Priya Sethi
                     # | mumbai | Updated on: 19 November,2025 11:32 AM IST")
                     or name_in_dated_row(text) is not None):
            dates.take(text, day_first=day_first)
    if dates.published is None and title_at > 0:  # a date line just above the headline
        for line in _just_above(head, title_at):
            # (or a breadcrumb's row closed by the date; or the byline's row with the date,
            # "Story by Carla Benitez • Mar 4, 2025 • 4 min read", a portal's over the headline)
            if is_date_line(line.plain, day_first=day_first) or trail_before_date(line.plain) \
                    or (dates_in(line.plain, day_first=day_first) and is_byline_line(line.plain)):
                dates.take(line.plain, day_first=day_first)
    if dates.published is None:
        # (a date line get_text() ran into the line the body opens on, the nearest to the
        # body first: "Scott Gordon" / "Published Nov 18, 2019 at 4:07 PM | Updated at …")
        for text in reversed(glued[-_GLUED_PIECES:]):
            if len(text.split()) <= _MAX_META_WORDS and dates_in(text, day_first=day_first) \
                    and (is_date_line(text, day_first=day_first) or _PUBLISHED.match(text) is not None
                         or _UPDATED.match(text) is not None or _labelled_part(text)
                         or dated_byline(text, day_first=day_first)):
                dates.take(text, day_first=day_first)
                break
    if dates.published is None:
        for line in lead:  # (under the photo and its caption: "Published: June 03, 2024 6:42 pm IST")
            # (its first words: a share row may run on after it, "Publicado el 12 de febrero de
            # 2024 • Actualizado … Compartir en Facebook …")
            text = " ".join(line.text.split()[:_MARKED_WORDS])
            if _PUBLISHED.match(text) and dates_in(text, day_first=day_first):
                dates.take(text, day_first=day_first)
                break
    _trailer_dates(dates, foot, day_first=day_first)
    for line in tail:  # a "Published: …" line the body kept at its end
        words = line.text.split()
        if (len(words) <= _MARKED_WORDS and (_PUBLISHED.match(line.text) or _UPDATED.match(line.text))) \
                or _PUBLISHED_SENTENCE.match(line.text):
            # (or a sentence that says when the article appeared, its date among its first
            # words: "Dit artikel verscheen op maandag 3 februari 2025 om 18:42 en werd …")
            dates.take(" ".join(words[:_MARKED_WORDS]), day_first=day_first)
    # (a page that prints only when it was updated: that is the date it can be given)
    return dates.published or dates.modified, dates.modified


_GLUED_PIECES: Final = 40  # pieces before the body on its line read for the date, at most
_ABOVE_LINES: Final = 2  # lines just above the headline where its date stands
_ABOVE_REACH: Final = 6  # lines read to find them, separators and counters aside


def _just_above(head: Sequence[Line], title_at: int) -> list[Line]:
    """The two lines above the headline, not counting a row's separators and counters
    that a render put on lines of their own (get_text() ends a line at each element:
    "13 octombrie 2025, 09:47" / "|" / "1.284 vizualizări" / headline)."""
    found: list[Line] = []
    for line in head[max(0, title_at - _ABOVE_REACH): title_at][::-1]:
        if len(found) == _ABOVE_LINES:
            break
        if line.plain.strip(LEAD_SEPARATORS) and not (is_counter(line.plain) and not dates_in(line.plain)):
            found.append(line)
    return found[::-1]


def _trailer_dates(dates: _Dates, foot: Sequence[Line], *, day_first: bool | None) -> None:
    """``First published …``/``Updated …`` lines after the body; a bare date line only
    among the first lines, before any list or comments."""
    ended = False
    for index, line in enumerate(foot):
        text = line.plain
        ended = ended or index >= _AFTER_BODY or is_terminator(text) or line.bullet
        # (a blog's entry row, its labels run into one line: "Authors A and B Posted on
        # October 22, 2024October 23, 2024 Categories Elections")
        posted = _POSTED_ON.search(text) if "osted on" in text or "ublished on" in text else None
        found = dates_in(text[posted.end():posted.end() + _POSTED_CHARS], day_first=day_first) \
            if posted else []
        if posted is not None and found and not found[0][0].strip():  # (the date straight after the label)
            dates.take(text[posted.start():posted.end() + _POSTED_CHARS], day_first=day_first)
            continue
        words = text.split()
        if len(words) > _MARKED_WORDS:
            if not (_PUBLISHED.match(text) or _UPDATED.match(text)):
                continue
            # (a note run on after the label's date: "Updated May 2, 2026: This story …")
            text = " ".join(words[:_MARKED_WORDS])
        if not dates_in(text, day_first=day_first):
            continue
        marked = bool(_PUBLISHED.match(text) or _UPDATED.match(text))
        if marked or (not ended and is_date_line(text, day_first=day_first)):
            dates.take(text, day_first=day_first)  # fills only what the header left empty


# --- dateline ------------------------------------------------------------------------

_PLACE_WORD: Final = r"[A-Z\u00c0-\u00de][\w.'\u2019\-]{0,30}"
# "Trier – Der Rat …", "BOISE, Idaho, May 2, 2024 – Redline …": a place (and its
# region), maybe a date, a dash, and a sentence that starts with a capital.
_LEAD_DATELINE: Final = re.compile(
    r"^(?P<place>" + _PLACE_WORD + r"(?: " + _PLACE_WORD + r"){0,3}(?:, " + _PLACE_WORD
    + r"(?: " + _PLACE_WORD + r"){0,2})?)(?P<date>, [^\u2013\u2014]{4,40})? [\u2013\u2014] "
    r"(?=[A-Z\u00c0-\u00de\"\u201c\u201e\u00ab])")


def body_dateline(paragraph: str) -> str | None:
    """The place a body's first paragraph opens with when no agency tag follows it
    (``Trier –``, ``BOISE, Idaho, May 2, 2024 –``), else None."""
    match = _LEAD_DATELINE.match(paragraph[:MAX_CHARS])
    if not match or (match["date"] and find_date(match["date"]) is None):
        return None
    return match["place"]
