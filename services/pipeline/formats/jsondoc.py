"""Articles as JSON: one object (a scraper's export, a CMS API response, schema.org
JSON-LD), a list of them, an object wrapping a list (``{"articles": [...]}``), a JSON-LD
``@graph``, or JSON Lines (one object per line).

Field names vary by source; the first present of several common names is used
(``headline/title``, ``articleBody/body/text/content``, ``author/authors/byline``,
``datePublished/published/date``, ``url/link``). A body holding HTML is reduced to text.
HTML entities (``&#8217;``, ``&amp;``), which CMS exports leave in JSON strings, are
decoded once: by the HTML parser in a body holding markup, by ``html.unescape`` in every
other field.
In JSON-LD, only nodes typed as articles are articles, and ``{"@id": ...}`` references
(a publisher, an author) are resolved within the same document.

``objects`` splits a parsed document into article objects; ``article`` reads one.
"""

from __future__ import annotations

import html
import json
from typing import Any

from services.domain.models import ParsedArticle
from services.errors import MalformedJSON, NoArticleText, UnsupportedFormat
from services.pipeline.formats.dates import parse_iso
from services.pipeline.formats.fields import build_article
from services.pipeline.formats.limits import DEFAULT_LIMITS, Limits, check_json_depth

__all__ = ["article", "load", "objects", "parse"]

_BODY = ("articleBody", "article_body", "body", "text", "content", "full_text", "fullText",
         "story", "body_html", "bodyHtml", "html", "description", "summary")
_TITLE = ("headline", "title", "name")
_AUTHORS = ("author", "authors", "byline", "creator", "creators", "by")
_PUBLISHED = ("datePublished", "published_at", "publishedAt", "published", "pubDate",
              "date", "created_at", "createdAt", "firstPublished", "dateCreated", "time")
_MODIFIED = ("dateModified", "modified_at", "modifiedAt", "updated_at", "updatedAt",
             "modified", "updated", "lastModified")
_SITE = ("site_name", "siteName", "publisher", "source", "site", "source_name", "outlet")
_SECTION = ("articleSection", "section", "category", "categories")
_URL = ("url", "link", "permalink", "href", "uri")
_CANONICAL = ("canonical_url", "canonicalUrl", "canonical", "mainEntityOfPage")
_LANGUAGE = ("inLanguage", "language", "lang", "locale")
_WRAPPERS = ("article", "data", "item", "story", "result", "post", "doc")
_LISTS = ("articles", "items", "data", "results", "posts", "stories", "entries", "docs",
          "documents", "records", "hits", "news", "@graph")
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "opinionnewsarticle", "backgroundnewsarticle", "report",
                  "liveblogposting", "reviewnewsarticle", "askpublicnewsarticle",
                  "satiricalarticle", "techarticle", "scholarlyarticle", "socialmediaposting"}


def load(text: str, *, limits: Limits = DEFAULT_LIMITS) -> Any:
    """``json.loads`` after a linear nesting check; ``MalformedJSON`` for bad JSON."""
    check_json_depth(text, limits)
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise MalformedJSON(f"the file is not valid JSON: {exc}") from exc


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = obj.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type", "")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values}


def _is_ld(obj: dict[str, Any]) -> bool:
    return "@type" in obj or "@context" in obj


def _has_body(obj: dict[str, Any]) -> bool:
    return _first(obj, _BODY) is not None


def _unwrap(obj: dict[str, Any]) -> dict[str, Any]:
    for key in _WRAPPERS:
        inner = obj.get(key)
        if isinstance(inner, dict) and _has_body(inner) and not _has_body(obj):
            return inner
    return obj


def objects(data: Any) -> tuple[list[Any], bool]:
    """``(records, is_container)``: the article records of a parsed JSON document.
    A record is usually a dict; other values are kept so each can be refused on its own."""
    if isinstance(data, list):
        nodes = [d for d in data if isinstance(d, dict)]
        if nodes and all(_is_ld(d) for d in nodes):  # a list of JSON-LD nodes
            typed = [d for d in nodes if _types(d) & _ARTICLE_TYPES]
            return (typed, len(typed) > 1) if typed else (nodes, len(nodes) > 1)
        return list(data), len(data) != 1
    if not isinstance(data, dict):
        return [data], False
    graph = data.get("@graph")
    if isinstance(graph, list):
        typed = [_with_context(d, graph) for d in graph
                 if isinstance(d, dict) and _types(d) & _ARTICLE_TYPES]
        if typed:
            return typed, len(typed) > 1
    if not _has_body(data):
        for key in _LISTS:
            inner = data.get(key)
            if isinstance(inner, dict) and isinstance(inner.get("hits"), list):
                inner = inner["hits"]  # Elasticsearch: {"hits": {"hits": [...]}}
            if isinstance(inner, list) and inner and any(isinstance(i, dict) for i in inner):
                items = [i.get("_source", i) if isinstance(i, dict) else i for i in inner]
                return items, True
    return [_unwrap(data)], False


def _with_context(node: dict[str, Any], graph: list[Any]) -> dict[str, Any]:
    """The node with ``{"@id": ...}`` references to other graph nodes resolved (one level)."""
    by_id = {g["@id"]: g for g in graph if isinstance(g, dict) and isinstance(g.get("@id"), str)}

    def resolve(value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return by_id.get(value["@id"], value)
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    return {key: resolve(value) for key, value in node.items()}


def _raw_text(value: Any) -> str | None:
    """The string a value holds (a node's name or text, a list's first), as written."""
    if isinstance(value, dict):
        value = _first(value, ("name", "text", "value", "@value", "rendered", "title", "@id"))
    if isinstance(value, list):
        value = next((v for v in map(_raw_text, value) if v), None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return None
    return value.strip() or None if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    """``_raw_text`` with its HTML entities decoded."""
    text = _raw_text(value)
    return html.unescape(text).strip() or None if text and "&" in text else text


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = [_text(item) for item in items]
    return list(dict.fromkeys(n for n in names if n and not n.startswith("http")))


def _body_text(value: Any) -> str:
    if isinstance(value, list):
        return "\n\n".join(filter(None, (_body_text(v) for v in value)))
    text = _raw_text(value) or ""
    if "<" in text and ">" in text:  # markup: the HTML parser decodes its entities
        from services.pipeline.formats.html import html_fragment_text

        return html_fragment_text(text)
    return html.unescape(text) if "&" in text else text


def _date(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from datetime import UTC, datetime

        seconds = value / 1000 if value > 1e11 else value  # epoch seconds or milliseconds
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = _text(value)
    return parse_iso(text[:100]) if text else None


def article(obj: Any, *, source_format: str = "json") -> ParsedArticle:
    """One article from one JSON object; ``NoArticleText`` if it holds no body."""
    if not isinstance(obj, dict):
        raise NoArticleText(f"the JSON record is a {type(obj).__name__}, not an object")
    obj = _unwrap(obj)
    url = _text(_first(obj, _URL))
    canonical = _text(_first(obj, _CANONICAL))
    return build_article(
        source_format=source_format,
        body=_body_text(_first(obj, _BODY)),
        title=_text(_first(obj, _TITLE)),
        author_names=_names(_first(obj, _AUTHORS)),
        published_at=_date(_first(obj, _PUBLISHED)),
        modified_at=_date(_first(obj, _MODIFIED)),
        site_name=_text(_first(obj, _SITE)),
        section=_text(_first(obj, _SECTION)),
        url=url if url and "://" in url else url or canonical,
        canonical_url=canonical if canonical and "://" in canonical else None,
        language=_text(_first(obj, _LANGUAGE)),
        what="JSON object",
    )


def parse(text: str, *, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> ParsedArticle:
    """One article from a JSON document; a document of several is a container
    (``parse_records`` splits it) and raises ``UnsupportedFormat`` here."""
    records, container = objects(load(text, limits=limits))
    if not records:
        raise NoArticleText("the JSON holds no records")
    if container and len(records) != 1:
        raise UnsupportedFormat(f"the JSON holds {len(records)} records: a container, "
                                "not one article (parse_records splits it)")
    return article(records[0])
