"""One article as XML: an RSS ``<item>`` or Atom ``<entry>`` with full content, NewsML,
or any XML whose body sits in an element named like a body. Parsed without DTDs,
entities or network access. A feed of several items is a container and is refused."""

from __future__ import annotations

from typing import Any

from services.domain.models import ParsedArticle
from services.errors import MalformedXML, NoArticleText, UnsupportedFormat
from services.pipeline.formats.dates import parse_iso
from services.pipeline.wire import canonical_agency, detect_wire

__all__ = ["parse"]

_BODY = ("encoded", "content", "body", "body.content", "articlebody", "text", "fulltext",
         "description", "summary")
_TITLE = ("title", "headline", "hedline", "hl1")
_AUTHOR = ("creator", "author", "byline", "name")
_DATE = ("pubdate", "published", "date", "datepublished", "firstcreated", "issued",
         "versioncreated", "updated")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _find(root: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        for element in root.iter():
            if _local(element.tag) == name and "".join(element.itertext()).strip():
                return element
    return None


def _text(element: Any) -> str | None:
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def _body(element: Any) -> str:
    from services.pipeline.formats.html import html_fragment_text
    from lxml import etree

    if len(element):  # markup inside the body element (NewsML, XHTML)
        inner = "".join(etree.tostring(child, encoding="unicode") for child in element)
        return html_fragment_text((element.text or "") + inner)
    return html_fragment_text(element.text or "")


def parse(text: str, *, filename: str = "") -> ParsedArticle:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise MalformedXML(f"the file is not well-formed XML: {exc}") from exc
    if root is None:
        raise MalformedXML("the XML document has no root element")
    items = [e for e in root.iter() if _local(e.tag) in ("item", "entry")]
    if len(items) > 1:
        raise UnsupportedFormat("an XML feed of several items is a container, not one article")
    scope = items[0] if items else root
    body_element = _find(scope, _BODY)
    body = _body(body_element) if body_element is not None else ""
    if len(body.split()) < 8:
        raise NoArticleText("no article body found in the XML document")
    author = _text(_find(scope, _AUTHOR))
    date = _text(_find(scope, _DATE))
    agency = canonical_agency(author) if author else None
    wire = detect_wire(body, credits=f"By X, {author}" if agency else "")
    return ParsedArticle(
        source_format="xml",
        body=body,
        title=_text(_find(scope, _TITLE)),
        authors=(author,) if author and not agency and len(author) < 80 else (),
        published_at=parse_iso(date) if date else None,
        wire_source=wire.wire_source,
        dateline=wire.dateline,
    )
