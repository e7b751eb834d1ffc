"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one article per ``<item>`` / ``<entry>``.

Per item: body from ``content:encoded`` (RSS) or ``<content>`` (Atom), else
``<description>`` / ``<summary>``; authors from ``dc:creator``, ``<author>`` (RSS's
``email (Name)`` form included) or Atom ``author/name``; dates from ``pubDate``,
``dc:date``, ``published`` (``updated`` when nothing else); ``link`` or a permalink
``guid`` as URL; ``category`` as section; the channel's title and language as site
name and language hint.

HTML inside an item is already the article body, so it is converted paragraph by
paragraph and cleaned with the HTML post-processing (headline and date lines, inline
chrome, "The post … appeared first on …" tails) but not put through trafilatura's
whole-page extraction: on the feed fixtures that extraction scores lower and is slower
(``python -m benchmarks.eval_extraction --feeds``).

``item_raw`` gives an item as a feed of its own (channel title, link and language
kept), so a child job can be parsed again from those bytes alone.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Literal

from services.domain.models import ParsedArticle
from services.pipeline.formats.dates import parse_iso
from services.pipeline.formats.fields import build_article
from services.pipeline.formats.xmltree import element_markup, element_text, local

__all__ = ["FeedInfo", "body_element", "content_text", "feed_info", "feed_kind", "item_article", "item_raw",
           "items"]

FeedKind = Literal["rss", "atom"]
_MEDIA = "{http://search.yahoo.com/mrss/}"
ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFIXES = {"content": "http://purl.org/rss/1.0/modules/content/",
             "dc": "http://purl.org/dc/elements/1.1/", "atom": ATOM,
             "media": "http://search.yahoo.com/mrss/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
# A tag: its name's letters are left to [^<>]*, which takes them too (two runs over the
# same letters would try every split point).
_MARKUP = re.compile(r"<(?:[a-zA-Z]|/[a-zA-Z]|!--)[^<>]*>")
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$|^\s*(?P<bare>\S+@\S+)\s*$")
_FEED_TAIL = re.compile(
    r"^(?:the\s+post\s+.{1,300}\s+appeared\s+first\s+on\b|this\s+(?:article|entry|post)\s+"
    r"(?:was\s+)?(?:originally\s+)?(?:published|appeared)\b.{0,200}$|continue\s+reading\b|"
    r"read\s+(?:more|the\s+(?:full|rest)|on)\b.{0,80}$|\[(?:…|\.\.\.|&#8230;)\]$|"
    r"(?:the\s+)?(?:post|entry)\s+.{1,200}\s+(?:first\s+)?appeared\s+on\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedInfo:
    title: str | None
    link: str | None
    language: str | None


def feed_kind(root: ET.Element) -> FeedKind | None:
    name = local(root.tag)
    if name in ("rss", "rdf"):
        return "rss"
    if name == "feed":
        return "atom"
    return None


def items(root: ET.Element, kind: FeedKind) -> list[ET.Element]:
    wanted = "item" if kind == "rss" else "entry"
    return [e for e in root.iter() if local(e.tag) == wanted]


def _children(parent: ET.Element, *names: str) -> list[ET.Element]:
    """Children with these local names, outside Media RSS (``media:content``,
    ``media:title`` describe pictures, not the article)."""
    return [c for c in parent if local(c.tag) in names and _MEDIA not in str(c.tag)]


def _first_text(parent: ET.Element, *names: str) -> str | None:
    for name in names:
        for child in _children(parent, name):
            text = element_text(child)
            if text:
                return text
    return None


def _atom_link(parent: ET.Element) -> str | None:
    links = [c for c in _children(parent, "link") if c.tag == f"{{{ATOM}}}link"]
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def feed_info(root: ET.Element, kind: FeedKind) -> FeedInfo:
    channel = next(iter(_children(root, "channel")), root) if kind == "rss" else root
    link = _atom_link(channel) or next(
        (t for t in (element_text(c) for c in _children(channel, "link") if not c.get("href")) if t), None)
    return FeedInfo(title=_first_text(channel, "title"), link=link,
                    language=_first_text(channel, "language") or root.get(_XML_LANG)
                    or channel.get(_XML_LANG))


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value[:100]
    try:
        found = parsedate_to_datetime(value)  # RFC 822, as RSS prints dates
    except (TypeError, ValueError, IndexError):
        return parse_iso(value)
    return found if found.tzinfo else parse_iso(value)


def _authors(item: ET.Element) -> list[str]:
    names: list[str] = []
    for element in _children(item, "creator", "author", "contributor"):
        name = _first_text(element, "name") if len(element) else element_text(element)
        match = _EMAIL_NAME.match(name or "")
        if match:
            name = match["name"]  # "jane@x.com (Jane Doe)" → Jane Doe; a bare address → none
        if name:
            names.append(name)
    return names


def body_element(item: ET.Element) -> ET.Element | None:
    for names in (("encoded",), ("content",), ("description", "summary")):
        for element in _children(item, *names):
            if element.get("src") is None and (len(element) or (element.text or "").strip()):
                return element
    return None


def content_text(markup: str, *, title: str | None) -> str:
    """The article text of an item's body (HTML or plain text), cleaned."""
    from services.pipeline.formats.html import html_fragment_text
    from services.pipeline.formats.html_clean import clean_paragraphs
    from services.pipeline.formats.textdump_rules import is_credit_line

    text = html_fragment_text(markup) if _MARKUP.search(markup) else markup
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    while paragraphs and (_FEED_TAIL.match(paragraphs[-1]) or is_credit_line(paragraphs[-1])):
        paragraphs.pop()
    return "\n\n".join(clean_paragraphs(paragraphs, titles=[title] if title else []))


def _title(item: ET.Element) -> str | None:
    from services.pipeline.formats.html import html_fragment_text

    title = _first_text(item, "title")
    element = next(iter(_children(item, "title")), None)
    if title and element is not None and element.get("type") in ("html", "xhtml") \
            and _MARKUP.search(element_markup(element)):
        title = " ".join(html_fragment_text(element_markup(element)).split()) or None
    return title


def item_article(item: ET.Element, info: FeedInfo, kind: FeedKind) -> ParsedArticle:
    title = _title(item)
    body = body_element(item)
    markup = element_markup(body) if body is not None else ""
    if body is not None and body.get("type") == "text":
        markup = markup.replace("<", "&lt;")
    guid = next((g for g in _children(item, "guid") if g.get("isPermaLink") != "false"), None)
    link = _atom_link(item) or next(
        (t for t in (element_text(c) for c in _children(item, "link") if not c.get("href")) if t),
        None) or (element_text(guid) if guid is not None and "://" in (element_text(guid) or "") else None)
    category = next(iter(_children(item, "category", "subject")), None)
    published = _date(_first_text(item, "pubdate", "date", "published", "issued"))
    updated = _date(_first_text(item, "updated", "modified"))
    return build_article(
        source_format=kind,
        body=content_text(markup, title=title),
        title=title,
        author_names=_authors(item),
        published_at=published or updated,
        modified_at=updated if published else None,
        site_name=info.title,
        section=(category.get("label") or category.get("term") or element_text(category))
        if category is not None else None,
        url=link,
        language=_first_text(item, "language") or item.get(_XML_LANG) or info.language,
        what=f"feed {'item' if kind == 'rss' else 'entry'}",
    )


def item_raw(item: ET.Element, info: FeedInfo, kind: FeedKind) -> bytes:
    """The item as a one-item feed that ``parse_file`` reads back to the same article."""
    for prefix, uri in _PREFIXES.items():
        ET.register_namespace(prefix, uri)
    if kind == "atom":
        root = ET.Element(f"{{{ATOM}}}feed")
        if info.title:
            ET.SubElement(root, f"{{{ATOM}}}title").text = info.title
        if info.link:
            ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "href": info.link})
        if info.language:
            root.set(_XML_LANG, info.language)
        root.append(copy.deepcopy(item))
    else:
        root = ET.Element("rss", {"version": "2.0"})
        channel = ET.SubElement(root, "channel")
        for name, value in (("title", info.title), ("link", info.link),
                            ("language", info.language)):
            if value:
                ET.SubElement(channel, name).text = value
        entry = copy.deepcopy(item)
        entry.tag = "item"  # an RSS 1.0 item becomes a plain RSS 2.0 item
        channel.append(entry)
    raw: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return raw
