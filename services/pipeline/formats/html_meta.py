"""Article metadata from an HTML tree: JSON-LD (NewsArticle and kin), OpenGraph and
``<meta>`` tags, ``<time>``, ``<title>``, ``<link rel=canonical>``, ``<html lang>``.
Earlier sources win; htmldate is the last resort for the publication date.

lxml decodes HTML entities in attributes and text, but a ``<script>`` is raw text, so
JSON-LD strings keep whatever entities the CMS wrote (``&#8216;``, ``&amp;``): those
are decoded here, once, for the fields taken from JSON-LD."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.pipeline.formats.dates import parse_iso

__all__ = ["HtmlMeta", "read_html_meta"]

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                  "blogposting", "opinionnewsarticle", "backgroundnewsarticle", "report",
                  "scholarlyarticle", "techarticle", "liveblogposting", "webpage", "posting",
                  "socialmediaposting", "reviewnewsarticle"}
_META_AUTHOR = ("author", "article:author", "byl", "parsely-author", "sailthru.author",
                "dc.creator", "dcterms.creator", "twitter:creator:name", "cxenseparse:author")
_META_PUBLISHED = ("article:published_time", "og:article:published_time", "datepublished",
                   "pubdate", "publish-date", "publishdate", "date", "dc.date",
                   "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
                   "article.published", "publication_date", "citation_publication_date")
_META_MODIFIED = ("article:modified_time", "og:updated_time", "datemodified",
                  "last-modified", "dcterms.modified", "article.updated")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
# Blanks before a separator are bounded (a search restarting in a long run of blanks
# would rescan it); the parts are stripped, so a longer run splits the same.
_TITLE_SPLIT = re.compile(r"\s{1,16}[|\u2013\u2014\-:\u00b7]\s+")


@dataclass(slots=True)
class HtmlMeta:
    title: str | None = None
    page_title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    site_name: str | None = None
    section: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    ld_body: str | None = None


def _walk_ld(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, list):
        for item in node:
            yield from _walk_ld(item)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "itemListElement"):
            if key in node:
                yield from _walk_ld(node[key])


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type", "")
    values = value if isinstance(value, list) else [value]
    return {str(v).lower() for v in values}


def _name(value: Any, *, ld: bool = False) -> str | None:
    """A name or text from a value (a ``{"name": ...}`` node, a list: its first name).
    ``ld``: the value comes from JSON-LD, whose HTML entities are still encoded."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        return next((n for n in (_name(v, ld=ld) for v in value) if n), None)
    if isinstance(value, str) and ld:
        value = html.unescape(value)
    if isinstance(value, str) and value.strip() and not value.startswith("http"):
        return " ".join(value.split())
    return None


def _names(value: Any, *, ld: bool = False) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        name = _name(item, ld=ld)
        if name:
            out += [n.strip() for n in re.split(r"\s{0,16}(?:,|\band\b|&)\s*", _BY.sub("", name))
                    if n.strip()]
    return list(dict.fromkeys(out))


def _json_ld(tree: Any) -> dict[str, Any] | None:
    best: dict[str, Any] | None = None
    for script in tree.xpath('//script[contains(translate(@type,"LDJSON","ldjson"),"ld+json")]'):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _walk_ld(data):
            types = _types(obj)
            if types & _ARTICLE_TYPES and (best is None or "webpage" in _types(best)):
                best = obj
    return best


def _metas(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = meta.get("content")
        if key and content and content.strip() and key not in found:
            found[key] = content.strip()
    return found


def _first_date(values: list[Any]) -> datetime | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            parsed = parse_iso(value)
            if parsed:
                return parsed
    return None


def _htmldate(tree: Any) -> datetime | None:
    try:
        from htmldate import find_date

        found = find_date(tree, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%dT%H:%M:%S")
    except Exception:  # noqa: BLE001  # htmldate is best effort; its failures never reject a file
        return None
    return parse_iso(found) if found else None


def read_html_meta(tree: Any, *, use_htmldate: bool = True) -> HtmlMeta:
    ld = _json_ld(tree) or {}
    metas = _metas(tree)
    meta = HtmlMeta()
    title_tag = tree.find(".//title")
    page_title = " ".join((title_tag.text_content() if title_tag is not None else "").split())
    meta.page_title = page_title or None
    meta.site_name = _name(metas.get("og:site_name")) or _name(ld.get("publisher"), ld=True) \
        or metas.get("application-name")
    meta.title = _name(ld.get("headline"), ld=True) or metas.get("og:title") \
        or metas.get("twitter:title") or _strip_site(page_title, meta.site_name) or None
    if meta.title and meta.site_name:
        meta.title = _strip_site(meta.title, meta.site_name)
    meta.authors = _names(ld.get("author"), ld=True) or next(
        (_names(metas[k]) for k in _META_AUTHOR if k in metas and not metas[k].startswith("http")),
        [])
    times = [t.get("datetime") for t in tree.xpath("//time[@datetime]")[:3]]
    meta.published_at = _first_date([ld.get("datePublished"), ld.get("dateCreated"),
                                     *(metas.get(k) for k in _META_PUBLISHED), *times])
    meta.modified_at = _first_date([ld.get("dateModified"), *(metas.get(k) for k in _META_MODIFIED)])
    if meta.published_at is None and use_htmldate:
        meta.published_at = _htmldate(tree)
    section = ld.get("articleSection")
    meta.section = _name(section if not isinstance(section, list) else section[:1], ld=True) \
        or _name(metas.get("article:section"))
    canonical = tree.xpath('//link[translate(@rel,"CANONICAL","canonical")="canonical"]/@href')
    meta.canonical_url = canonical[0].strip() if canonical else None
    meta.url = metas.get("og:url") or _name(ld.get("url"), ld=True) or meta.canonical_url
    lang = tree.get("lang") or tree.get("xml:lang") or ld.get("inLanguage") \
        or metas.get("og:locale") or metas.get("content-language")
    meta.language = lang.replace("_", "-").split("-")[0].lower() if isinstance(lang, str) \
        and lang.strip() else None
    body = ld.get("articleBody")
    meta.ld_body = body if isinstance(body, str) and body.strip() else None
    return meta


def _strip_site(title: str, site: str | None) -> str:
    parts = _TITLE_SPLIT.split(title)
    if len(parts) > 1 and site and parts[-1].strip().casefold() == site.casefold():
        return _TITLE_SPLIT.split(title)[0] if len(parts) == 2 else title.rsplit(parts[-1], 1)[0] \
            .rstrip(" |-\u2013\u2014:\u00b7")
    if len(parts) > 1 and site and parts[0].strip().casefold() == site.casefold():
        return title[len(parts[0]):].lstrip(" |-\u2013\u2014:\u00b7")
    return title
