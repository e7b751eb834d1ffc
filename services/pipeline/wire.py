"""Wire-agency attribution: which agency a story came from, and its dateline place.

Used by every parser. Evidence, strongest first:

1. a dateline opening the body: ``WASHINGTON (AP) —``, ``LONDON, April 7 (Reuters) -``,
   ``Paris (AFP) -``, ``BERLIN (dpa) -``;
2. a credit line: ``By Jane Doe, Associated Press``, ``(Reporting by ...; Editing by ...)``,
   ``Copyright 2025 The Associated Press``, ``© Agence France-Presse``;
3. a bare dateline without an agency (``KYIV, Ukraine —``) gives the place only.

``is_wire_original`` says whether a page is the agency's own copy rather than a
republication. It is the only copy of that rule: the article repository stores its
answer with each article (``copydesk.articles.is_wire_original``, which chooses a story's
representative) and the wire enricher asks it again for ``is_wire_copy``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

__all__ = ["DATELINE_ONLY", "WireInfo", "canonical_agency", "detect_wire", "is_wire_original", "opens_with_dateline"]

# canonical name -> aliases as they appear in parentheses or credits (case-insensitive)
_AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "UPI": ("UPI", "United Press International"),
    "PA": ("PA", "PA Media", "Press Association", "PA Wire"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "CP": ("CP", "The Canadian Press", "Canadian Press", "La Presse Canadienne"),
    "AAP": ("AAP", "Australian Associated Press"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "TASS": ("TASS",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "CNA": ("CNA",),
    # national agencies of Europe, Africa and Asia
    "Lusa": ("Lusa", "Ag\u00eancia Lusa"),
    "APA": ("APA", "Austria Presse Agentur"),
    "Keystone-ATS": ("Keystone-ATS", "Keystone-SDA", "ATS", "SDA"),
    "PAP": ("PAP", "Polska Agencja Prasowa"),
    "NTB": ("NTB", "Norsk Telegrambyr\u00e5"),
    "TT": ("TT", "TT Nyhetsbyr\u00e5n"),
    "Ritzau": ("Ritzau",),
    "STT": ("STT", "STT-Info"),
    "BNS": ("BNS", "Baltic News Service"),
    "Belga": ("Belga",),
    "ANP": ("ANP",),
    "CTK": ("\u010cTK", "CTK"),
    "TASR": ("TASR",),
    "MTI": ("MTI",),
    "Hina": ("Hina",),
    "Tanjug": ("Tanjug",),
    "BTA": ("BTA",),
    "Agerpres": ("Agerpres",),
    "Europa Press": ("Europa Press",),
    "Interfax": ("Interfax",),
    "Ukrinform": ("Ukrinform",),
    "KNA": ("KNA", "Kenya News Agency"),
    "NAN": ("NAN", "News Agency of Nigeria"),
    "GNA": ("GNA", "Ghana News Agency"),
    "PNA": ("PNA", "Philippine News Agency"),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "VNA": ("VNA", "Vietnam News Agency"),
    "Jiji": ("Jiji", "Jiji Press"),
    "APP": ("APP", "Associated Press of Pakistan"),
    "BSS": ("BSS",),
    "IRNA": ("IRNA",),
    "WAM": ("WAM",),
    "SPA": ("SPA", "Saudi Press Agency"),
}
_ALIAS_TO_AGENCY: dict[str, str] = {
    alias.casefold(): name for name, aliases in _AGENCIES.items() for alias in aliases
}
# Longest first so "Associated Press" wins over "AP" in alternations.
_ALIASES = sorted((a for al in _AGENCIES.values() for a in al), key=len, reverse=True)
_ALIAS_RE = "|".join(re.escape(a) for a in _ALIASES)

_DASH = r"(?:[\u2014\u2013\u2012\u2015]|--?|:)"
# PLACE[, Region][, Month Day] (AGENCY) DASH  -- the place is upper case, or Title Case
# directly before the agency tag (AFP and dpa style).
_WORD = r"[A-Z\u00c0-\u00de][\w.'\u2019\-]*"
_PLACE = _WORD + r"(?:\s+(?:" + _WORD + r"|de|la|del|do|da|of|upon|am|an|el))*"
# PLACE[, Region][, Month Day] (AGENCY) DASH: "LONDON, April 7 (Reuters) -", "Paris (AFP) -"
_DATELINE = re.compile(
    r"^\s*(?P<place>" + _PLACE + r"(?:,\s*" + _PLACE + r"){0,2}?)"
    r"(?:,\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*\((?P<agency>(?i:" + _ALIAS_RE + r"))\)\s*(?:(?P<dash>" + _DASH + r")\s*)?"
)
# An agency-less dateline must be upper case: "KYIV, Ukraine —", "NEW YORK —".
_BARE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\u2019\- ]{1,30}[A-Z.]"
    r"(?:,\s*[A-Z][A-Za-z.'\u2019\- ]{1,30}?)?)\s*(?:\u2014|\u2013|--)\s+"
)
# Credit patterns are searched through whole footers, so every unbounded run stays on its
# own line (``[^\S\n]``: white space but a newline) or is bounded: a search restarting at
# each line or each "(" never rescans a long run (see tests/unit/test_linear_regex.py).
_CREDITS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\bcopyright\s+(?:\(c\)\s*|©\s*)?\d{4}\s+(?P<agency>" + _ALIAS_RE + r")\b", re.IGNORECASE),
    re.compile(r"©\s*(?:\d{4}\s+)?(?P<agency>" + _ALIAS_RE + r")\b", re.IGNORECASE),
    re.compile(r"^[^\S\n]*(?:by[^\S\n]+)?[^\n]{0,80}?[,|/]\s{0,20}(?P<agency>" + _ALIAS_RE
               + r")[^\S\n]*$", re.IGNORECASE | re.MULTILINE),
    re.compile(r"^[^\S\n]*[\u2014\u2013-]\s{0,20}(?P<agency>" + _ALIAS_RE + r")[^\S\n]*$",
               re.IGNORECASE | re.MULTILINE),
    re.compile(r"\(\s*(?:Reporting|Writing|Additional reporting) by [^)]{0,500}\)", re.IGNORECASE),
    re.compile(r"^[^\S\n]*(?:Source|Credit|Via):\s{0,20}(?P<agency>" + _ALIAS_RE + r")\b",
               re.IGNORECASE | re.MULTILINE),
    re.compile(r"\b(?P<agency>Associated Press|Reuters|Agence France-Presse|Bloomberg News)"
               r"\s+(?:contributed|reporters?|writers?)\b", re.IGNORECASE),
)
# What a match of each credit pattern holds, in lower case (None: no such test). For
# speed: a text that holds none of them is not searched (these patterns are tried at every
# position of the text). Lower case is that of the case-blind match except for the four
# letters (İ, ı, ſ, the Kelvin sign) it equates with an ASCII one: a text holding one is
# searched anyway.
_CREDIT_KEYS: tuple[tuple[str, ...] | None, ...] = (
    ("copyright",), ("\u00a9",), None, None, ("reporting by ", "writing by "),
    ("source:", "credit:", "via:"), ("contributed", "reporter", "writer"),
)
# And the patterns whose matches end their line with an alias (white space after it): a
# text none of whose lines ends so, in lower case, is not searched with them either.
_ENDS_LINE = (False, False, True, True, False, False, False)
_ALIAS_ENDS = tuple(sorted({alias.lower() for alias in _ALIASES}))
_ASCII_TWINS = frozenset("\u0130\u0131\u017f\u212a")
# A credit line is short. A longer one (a footer flattened into one line) is read only
# this far, so a pathological line costs a bounded number of pattern starts.
_CREDIT_LINE_CHARS = 1000
# Short aliases that are ordinary words or initials elsewhere; only trusted in a dateline.
DATELINE_ONLY: Final = frozenset({"aa", "ani", "cna", "cp", "pa", "tt", "ats", "sda", "nan", "app", "wam", "spa",
                                  "bss"})

# The agencies' own sites: a URL on one of these domains (or a subdomain) is the
# agency's copy. ASCII only: a Unicode digit or a letter that merely case-folds to
# ASCII (long s, dotless i) is not a host name.
_AGENCY_URL = re.compile(
    r"^https?://([a-z0-9-]+\.)*(apnews\.com|reuters\.com|afp\.com|upi\.com|dpa\.com|bloomberg\.com)"
    r"(:[0-9]+)?(/|\Z)",
    re.IGNORECASE | re.ASCII,
)
# Site names of agency sites that are not the agency's name (apnews.com calls itself so).
_AGENCY_SITE_NAMES = {"ap news", "apnews"}


@dataclass(frozen=True, slots=True)
class WireInfo:
    wire_source: str | None = None
    dateline: str | None = None


def canonical_agency(name: str) -> str | None:
    """``"The Associated Press"`` -> ``"AP"``; None for names that are not agencies."""
    return _ALIAS_TO_AGENCY.get(name.strip().casefold())


def is_wire_original(site_name: str | None, url: str | None) -> bool:
    """The agency's own copy: an agency's name (or its site's) as the site name, bare or
    as a domain (``"Reuters"``, ``"AP News"``, ``"www.afp.com"``), or a URL on an
    agency's domain (``https://apnews.com/...``)."""
    if site_name:
        name = site_name.strip().casefold().removeprefix("www.").removesuffix(".com")
        if name in _AGENCY_SITE_NAMES or canonical_agency(name):
            return True
    return bool(url and _AGENCY_URL.match(url))


def _first_paragraph(body: str) -> str:
    return body.lstrip().split("\n", 1)[0][:300]


def _tidy_place(place: str) -> str:
    return " ".join(place.strip(" ,").split())


def detect_wire(body: str, *, credits: str = "") -> WireInfo:
    """Agency and dateline place from the body's opening and from credit text.

    ``credits`` is extra text a parser found outside the body (bylines, footers).
    """
    first = _first_paragraph(body)
    dateline: str | None = None
    match = _DATELINE.match(first)
    if match:
        agency = canonical_agency(match["agency"])
        place = _tidy_place(match["place"])
        if match["dash"] or place.isupper():
            return WireInfo(wire_source=agency, dateline=place or None)
    bare = _BARE_DATELINE.match(first)
    if bare:
        dateline = _tidy_place(bare["place"])
    tail = body[-1500:]
    if len(credits) > _CREDIT_LINE_CHARS:
        credits = "\n".join(line[:_CREDIT_LINE_CHARS] for line in credits.split("\n"))
    for text in (credits, tail, body[:600]):
        if not text:
            continue
        low = text.lower() if text.isascii() or _ASCII_TWINS.isdisjoint(text) else None
        alias_ends: bool | None = None  # a line of ``low`` ends with an alias
        for pattern, keys, ends_line in zip(_CREDITS, _CREDIT_KEYS, _ENDS_LINE, strict=True):
            if low is not None and keys is not None and not any(k in low for k in keys):
                continue  # the pattern cannot match
            if low is not None and ends_line:
                if alias_ends is None:
                    alias_ends = any(line.rstrip().endswith(_ALIAS_ENDS)
                                     for line in low.split("\n"))
                if not alias_ends:
                    continue  # nor can this one
            found = pattern.search(text)
            if not found:
                continue
            alias = found.groupdict().get("agency")
            if alias is None:  # "(Reporting by ...; Editing by ...)" is Reuters house style
                return WireInfo(wire_source="Reuters", dateline=dateline)
            if alias.casefold() in DATELINE_ONLY:
                continue
            agency = canonical_agency(alias)
            if agency:
                return WireInfo(wire_source=agency, dateline=dateline)
    return WireInfo(wire_source=None, dateline=dateline)


def opens_with_dateline(paragraph: str) -> bool:
    """True if the paragraph starts with an agency dateline (``WASHINGTON (AP) —``)."""
    match = _DATELINE.match(paragraph[:300])
    return bool(match and (match["dash"] or match["place"].isupper()))
