"""XML: feeds (RSS 2.0, RSS 1.0, Atom; see ``feed``) and single articles such as NewsML
or any XML whose body sits in an element named like a body.

Every XML document is read with defusedxml: entity declarations (billion laughs, external
entities such as ``file:///etc/passwd``) are refused, no DTD, no network or file access;
nesting is counted while parsing and refused past ``Limits.max_depth``.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

from services.domain.models import ParsedArticle
from services.errors import MalformedXML, NoArticleText, UnsupportedFormat
from services.pipeline.formats.dates import parse_iso
from services.pipeline.formats.fields import build_article
from services.pipeline.formats.limits import DEFAULT_LIMITS, Limits, TooDeep

__all__ = ["element_markup", "load_xml", "local", "parse"]

_BODY = ("encoded", "content", "body", "body.content", "articlebody", "text", "fulltext",
         "description", "summary")
_TITLE = ("title", "headline", "hedline", "hl1")
_AUTHOR = ("creator", "author", "byline", "name")
_DATE = ("pubdate", "published", "date", "datepublished", "firstcreated", "issued",
         "versioncreated", "updated")
_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def load_xml(text: str, *, limits: Limits = DEFAULT_LIMITS) -> ET.Element:
    """The root element; ``MalformedXML`` for bad or unsafe XML, ``TooDeep`` past the limit."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    # the text is already decoded: its declaration's encoding no longer applies
    data = _DECLARATION.sub("", text, count=1).encode("utf-8")
    root: ET.Element | None = None
    depth = 0
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end"),
                                        forbid_dtd=False, forbid_entities=True,
                                        forbid_external=True):
            if event == "start":
                depth += 1
                root = element if root is None else root
                if depth > limits.max_depth:
                    raise TooDeep(f"the XML nests more than {limits.max_depth} elements deep")
            else:
                depth -= 1
    except ET.ParseError as exc:
        raise MalformedXML(f"the file is not well-formed XML: {exc}") from exc
    except DefusedXmlException as exc:
        raise MalformedXML("the XML declares entities or external references, which "
                           f"copydesk never expands ({type(exc).__name__})") from exc
    if root is None:
        raise MalformedXML("the XML document has no root element")
    return root


def _find(root: ET.Element, names: tuple[str, ...]) -> ET.Element | None:
    for name in names:
        for element in root.iter():
            if local(element.tag) == name and "".join(element.itertext()).strip():
                return element
    return None


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def element_markup(element: ET.Element) -> str:
    """The element's content as markup, namespaces dropped (XHTML ``<p>`` stays ``<p>``)."""
    if not len(element):
        return element.text or ""
    parts = [element.text or ""]
    for child in element:
        copy = ET.fromstring(ET.tostring(child))
        for node in copy.iter():
            node.tag = local(node.tag) or "span"
            node.attrib.clear()
        parts.append(ET.tostring(copy, encoding="unicode"))
    return "".join(parts)


def parse(text: str, *, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> ParsedArticle:
    from services.pipeline.formats import feed
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
    date = _text(_find(root, _DATE))
    return build_article(
        source_format="xml",
        body=body,
        title=_text(_find(root, _TITLE)),
        author_names=[a for a in [_text(_find(root, _AUTHOR))] if a],
        published_at=parse_iso(date[:100]) if date else None,
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        what="XML document",
    )
