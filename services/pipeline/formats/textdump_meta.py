"""Metadata from the lines around a text dump's body: title, site, section, authors, dates."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_rules import (
    byline_names,
    is_inline_chrome,
    looks_like_name,
    split_breadcrumb,
    split_meta_parts,
    strip_markdown,
)

__all__ = ["HeaderMeta", "read_meta"]

_SITE_SUFFIX = re.compile(r"^\s*(?:[|\-\u2013\u2014:\u00b7\u2022~]{1,2})\s*(?P<site>.{2,60}?)\s*$")
_TITLE_SITE = re.compile(
    r"^(?P<title>.{12,}?)\s*(?:\s\|\s?|\s?\|\s|\s[\-\u2013\u2014]\s?|\s?[\u2013\u2014]\s|::)\s*"
    r"(?P<site>[^|\-\u2013\u2014]{2,40})$"
)
_UPDATED = re.compile(r"\b(?:updated|modified|edited|last\s+(?:updated|modified)|revised)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^\W*(?:date|published|posted|pub(?:lished)?\s*date|first\s+published|"
                        r"released|created|on)\b", re.IGNORECASE)
_SECTION = re.compile(r"^(?:section|category|categories|filed\s+in|in)\s*[:：]\s*(?P<s>.{2,40})$",
                      re.IGNORECASE)
_COPYRIGHT_SITE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?\s*)?"
                             r"(?P<site>[A-Z][^.|,©]{1,40}?)\s*(?:[.|,]|all rights|$)", re.IGNORECASE)
_NAV = re.compile(r"\|.*\||^[^|]{1,25}\|[^|]{1,25}$")
_BY_AFTER_DATE = re.compile(r"\bby\s+(?P<names>[A-Z].+)$")
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_MASTHEAD = re.compile(r"^(?:[A-Z][\w'&.\-]*|of|the|and|on|de|la|le)(?: (?:[A-Z][\w'&.\-]*|of|the|"
                       r"and|on|de|la|le)){1,4}$")
_NOT_MASTHEAD = re.compile(r"\b(?:skip|menu|sign|subscribe|search|home|newsletter|log|login|"
                           r"register|account|main|content|news|sport|sports|weather|world|"
                           r"business|opinion|video|live)\b", re.IGNORECASE)


def _masthead(lines: list[str], title: str | None) -> str | None:
    """A site name printed alone above the headline (``GREEN LEDGER``, ``Riverside
    Gazette``): two to five capitalised words, no digits or separators, no menu words."""
    for line in lines:
        if line == title:
            return None
        if _MASTHEAD.match(line) and not _NOT_MASTHEAD.search(line) \
                and split_breadcrumb(line) is None and "  " not in line:
            return line.title() if line.isupper() else line
    return None


@dataclass(slots=True)
class HeaderMeta:
    title: str | None = None
    site_name: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None


def _short(line: str, *, words: int = 30) -> bool:
    return 0 < len(line.split()) <= words


def _title_and_site(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """(title, site, text before the title on the line that repeats it)."""
    for candidate in lines:
        if not 3 <= len(candidate.split()) <= 40:
            continue
        for other in lines:
            if other == candidate or candidate not in other:
                continue
            idx = other.index(candidate)
            if other[:idx].rstrip().endswith(("|", "-", "\u2013", "\u2014", ":", "\u00b7", "::")):
                continue  # the candidate is the site part of "Title | Site"
            suffix = _SITE_SUFFIX.match(other[idx + len(candidate):])
            site = suffix["site"] if suffix and len(suffix["site"].split()) <= 6 else None
            return candidate, site, other[:idx]
    for line in lines:
        if line.startswith("# "):
            return strip_markdown(line), None, None
    for line in lines:
        match = _TITLE_SITE.match(line)
        if match and split_breadcrumb(line) is None and not _NAV.search(line) and len(match["site"].split()) <= 5 \
                and len(match["title"].split()) >= 3 and not match["site"].rstrip().endswith("."):
            return match["title"].strip(), match["site"].strip(), None
    return None, None, None


def _headline_like(text: str) -> bool:
    return (3 <= len(text.split()) <= 30 and any(c.islower() for c in text)
            and not _NAV.search(text) and split_breadcrumb(text) is None
            and not is_inline_chrome(text) and byline_names(text) is None
            and find_date(text) is None)


def _fallback_title(lines: list[str]) -> str | None:
    """The headline-like line nearest above the first byline or date line."""
    candidates: list[str] = []
    for line in lines:
        text = strip_markdown(line)
        if _headline_like(text):
            candidates.append(text)
        elif candidates and (byline_names(text) or find_date(text)):
            break
    return candidates[-1] if candidates else None


def _section(crumbs: list[str] | None, *, title: str | None, prefix: str | None) -> str | None:
    if not crumbs:
        return None
    trail = [c for c in crumbs if c.casefold() not in ("home", "homepage", "index")]
    if prefix and prefix.strip():  # the crumb line ran into the title: "Home > InvestThe White..."
        inline = split_breadcrumb(prefix.strip()) or []
        trail = [c for c in inline if c.casefold() not in ("home", "homepage", "index")]
    elif trail and title and title in trail[-1]:
        head = trail[-1][: trail[-1].index(title)].strip()
        trail = trail[:-1] + ([head] if head else [])
    elif trail and _CAMEL_JOIN.search(trail[-1]):
        trail[-1] = _CAMEL_JOIN.split(trail[-1], maxsplit=1)[0]
    return trail[-1].strip(" >›»|") or None if trail else None


def _take_date(meta: HeaderMeta, text: str, *, day_first: bool | None, strong: bool) -> bool:
    found = find_date(text, day_first=day_first)
    if found is None:
        return False
    if _UPDATED.search(text[: found.start + 1] or text):
        meta.modified_at = meta.modified_at or found.value
    elif strong or _PUBLISHED.match(text) or meta.published_at is None:
        meta.published_at = meta.published_at or found.value
    return True


def read_meta(header: list[str], *, inline: list[str], footer: list[str],
              day_first: bool | None) -> HeaderMeta:
    """Metadata from header lines, meta lines found inside the body, and the footer."""
    lines = [line.strip() for line in header if line.strip()]
    meta = HeaderMeta()
    title, site, prefix = _title_and_site(lines)
    meta.title = title or _fallback_title(lines)
    meta.site_name = site
    crumbs = next((c for c in map(split_breadcrumb, lines) if c), None)
    meta.section = _section(crumbs, title=meta.title, prefix=prefix)
    name_only: list[tuple[int, str]] = []
    dated: set[int] = set()
    for index, line in enumerate(lines + inline):
        if line == meta.title or split_breadcrumb(line) or not _short(line, words=40):
            continue
        if _SECTION.match(line) and meta.section is None:
            meta.section = _SECTION.match(line)["s"].strip()  # type: ignore[index]
            continue
        for part in split_meta_parts(line) or [line]:
            found = byline_names(part, site_name=meta.site_name)
            if found:
                meta.authors += [n for n in found[0] if n not in meta.authors]
                meta.credits += found[1]
            elif _take_date(meta, part, day_first=day_first, strong=True):
                dated.add(index)
                by = _BY_AFTER_DATE.search(part)
                found = byline_names(f"By {by['names']}", site_name=meta.site_name) if by else None
                if found:
                    meta.authors += [n for n in found[0] if n not in meta.authors]
            elif looks_like_name(strip_markdown(part)) and not part.isupper():
                name_only.append((index, strip_markdown(part)))
    if not meta.authors:  # a bare name next to a date line is the byline
        meta.authors = [n for i, n in name_only if {i - 1, i, i + 1} & dated][:3]
    for line in footer[:40]:
        text = line.strip()
        if not meta.site_name:
            match = _COPYRIGHT_SITE.search(text)
            if match and not re.match(r"(?:the\s+)?associated press|reuters|afp", match["site"], re.IGNORECASE):
                meta.site_name = match["site"].strip()
        if meta.published_at is None and _PUBLISHED.match(text) and _short(text, words=15):
            _take_date(meta, text, day_first=day_first, strong=True)
        if not meta.authors and re.match(r"^(?:written|posted|reported)\s+by\b", text, re.IGNORECASE):
            found = byline_names(text, site_name=meta.site_name)
            if found:
                meta.authors = found[0]
    if not meta.site_name:
        meta.site_name = _masthead(lines, meta.title)
    if meta.section is None:
        meta.section = _kicker(lines, meta.title)
    return meta


def _kicker(lines: list[str], title: str | None) -> str | None:
    """The line just above the headline when it repeats an item of a menu line above it
    (``Energy  Climate  Policy`` … ``Energy`` … headline): the section."""
    if title not in lines:
        return None
    at = lines.index(title)
    if at < 2 or not 1 <= len(lines[at - 1].split()) <= 3:
        return None
    kicker = lines[at - 1]
    for line in lines[:at - 1]:
        items = [i.strip() for i in re.split(r"\s{2,}|\s*[|\u00b7\u2022]\s*", line)]
        if len(items) >= 3 and kicker in items:
            return kicker
    return None
