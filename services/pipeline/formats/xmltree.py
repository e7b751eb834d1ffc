"""Reading XML safely, and the element helpers the XML parsers share (``xmldoc`` for one
article, ``feed`` for RSS and Atom).

Every XML document is read with defusedxml: entity declarations (billion laughs, external
entities such as ``file:///etc/passwd``) are refused, no DTD, no network or file access;
nesting is counted while parsing and refused past ``Limits.max_depth``.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

from services.errors import MalformedXML, TooDeep
from services.pipeline.formats.limits import DEFAULT_LIMITS, Limits

__all__ = ["element_markup", "element_text", "load_xml", "local"]

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


def element_text(element: ET.Element | None) -> str | None:
    """The element's text, whitespace collapsed; None when there is none."""
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
