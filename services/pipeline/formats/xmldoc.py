"""XML: feeds (RSS 2.0, RSS 1.0, Atom; see ``feed``) and single articles such as NewsML
or any XML whose body sits in an element named like a body.

Every XML document is read with ``xmltree.load_xml`` (defusedxml, depth-limited).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from services.domain.models import ParsedArticle
from services.errors import NoArticleText, UnsupportedFormat
from services.pipeline.formats import feed
from services.pipeline.formats.dates import parse_iso
from services.pipeline.formats.fields import build_article
from services.pipeline.formats.limits import DEFAULT_LIMITS, Limits
from services.pipeline.formats.xmltree import element_markup, element_text, load_xml, local

__all__ = ["parse"]

_BODY = ("encoded", "content", "body", "body.content", "articlebody", "text", "fulltext",
         "description", "summary")
_TITLE = ("title", "headline", "hedline", "hl1")
_AUTHOR = ("creator", "author", "byline", "name")
_DATE = ("pubdate", "published", "date", "datepublished", "firstcreated", "issued",
         "versioncreated", "updated")


def _find(root: ET.Element, names: tuple[str, ...]) -> ET.Element | None:
    for name in names:
        for element in root.iter():
            if local(element.tag) == name and "".join(element.itertext()).strip():
                return element
    return None


def parse(text: str, *, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> ParsedArticle:
    from services.pipeline.formats.html import html_fragment_text

    root = load_xml(text, limits=limits)
    kind = feed.feed_kind(root)
    if kind:
        items = feed.items(root, kind)
        if not items:
            raise NoArticleText("the feed holds no items")
        if len(items) > 1:
            raise UnsupportedFormat(f"the feed holds {len(items)} items: a container, not one "
                                    "article (parse_records splits it)")
        return feed.item_article(items[0], feed.feed_info(root, kind), kind)
    body_element = _find(root, _BODY)
    body = html_fragment_text(element_markup(body_element)) if body_element is not None else ""
    if len(body.split()) < 8:
        raise NoArticleText("no article body found in the XML document")
    date = element_text(_find(root, _DATE))
    return build_article(
        source_format="xml",
        body=body,
        title=element_text(_find(root, _TITLE)),
        author_names=[a for a in [element_text(_find(root, _AUTHOR))] if a],
        published_at=parse_iso(date[:100]) if date else None,
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        what="XML document",
    )
