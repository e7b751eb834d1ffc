"""One article as a JSON object: a scraper's export, a CMS API response, JSON-LD.

Field names vary by source; the first present of several common names is used. A body
holding HTML is reduced to text. An array of several articles is a container, which
``parse_file`` does not split.
"""

from __future__ import annotations

import json
from typing import Any

from services.domain.models import ParsedArticle
from services.errors import MalformedJSON, NoArticleText, UnsupportedFormat
from services.pipeline.formats.dates import parse_iso
from services.pipeline.normalise import paragraph_text
from services.pipeline.wire import canonical_agency, detect_wire

__all__ = ["parse"]

_BODY = ("articleBody", "article_body", "body", "text", "content", "full_text", "fullText",
         "story", "description")
_TITLE = ("headline", "title", "name")
_AUTHORS = ("author", "authors", "byline", "creator")
_PUBLISHED = ("datePublished", "published_at", "publishedAt", "published", "pubDate",
              "date", "created_at", "firstPublished")
_MODIFIED = ("dateModified", "modified_at", "updated_at", "updatedAt", "modified", "updated")
_SITE = ("site_name", "siteName", "publisher", "source", "site")
_SECTION = ("articleSection", "section", "category")
_URL = ("url", "link")


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = _first(value, ("name", "text", "value", "@value", "rendered"))
    if isinstance(value, list):
        value = next((v for v in map(_text, value) if v), None)
    return value.strip() or None if isinstance(value, str) else None


def _names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = [_text(item) for item in items]
    return tuple(dict.fromkeys(n for n in names if n and len(n) <= 80))


def _body_text(value: Any) -> str:
    if isinstance(value, list):
        return "\n\n".join(filter(None, (_body_text(v) for v in value)))
    text = _text(value) or ""
    if "<" in text and ">" in text:
        from services.pipeline.formats.html import html_fragment_text

        text = html_fragment_text(text)
    return text


def _article(data: Any) -> dict[str, Any]:
    if isinstance(data, list):
        objects = [d for d in data if isinstance(d, dict)]
        if len(objects) != 1:
            raise UnsupportedFormat("a JSON array of several records is a container, "
                                    "not one article")
        data = objects[0]
    if not isinstance(data, dict):
        raise NoArticleText("the JSON document is not an object")
    for key in ("article", "data", "item", "story", "result"):
        inner = data.get(key)
        if isinstance(inner, dict) and _first(inner, _BODY):
            return inner
    return data


def _date(value: Any) -> Any:
    text = _text(value) if not isinstance(value, (int, float)) else None
    return parse_iso(text) if text else None


def parse(text: str, *, filename: str = "") -> ParsedArticle:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise MalformedJSON(f"the file is not valid JSON: {exc}") from exc
    obj = _article(data)
    body = _body_text(_first(obj, _BODY)).strip()
    body = paragraph_text(body)
    if len(body.split()) < 8:
        raise NoArticleText("the JSON object holds no article body")
    authors = _names(_first(obj, _AUTHORS))
    credit = next((a for a in authors if canonical_agency(a)), None)
    wire = detect_wire(body, credits=credit or "")
    return ParsedArticle(
        source_format="json",
        body=body,
        title=_text(_first(obj, _TITLE)),
        authors=tuple(a for a in authors if not canonical_agency(a)),
        published_at=_date(_first(obj, _PUBLISHED)),
        modified_at=_date(_first(obj, _MODIFIED)),
        site_name=_text(_first(obj, _SITE)),
        section=_text(_first(obj, _SECTION)),
        url=_text(_first(obj, _URL)),
        language=_text(obj.get("inLanguage") or obj.get("language") or obj.get("lang")),
        wire_source=wire.wire_source,
        dateline=wire.dateline,
    )
