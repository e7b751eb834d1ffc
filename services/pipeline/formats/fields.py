"""One ``ParsedArticle`` from fields a structured record names (a JSON object, a feed
item): body cleaned to paragraphs, authors split into people and credits, dates made
timezone-aware, wire copy detected, language reduced to its primary subtag."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from services.domain.models import ParsedArticle
from services.errors import NoArticleText
from services.pipeline.normalise import paragraph_text
from services.pipeline.wire import detect_wire

__all__ = ["MIN_BODY_WORDS", "build_article", "language_hint"]

MIN_BODY_WORDS = 8
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def language_hint(value: str | None) -> str | None:
    """``en-GB`` → ``en``; anything that is not a language tag → None."""
    if not value or not _LANG.match(value.strip()):
        return None
    return value.strip().replace("_", "-").split("-")[0].lower()


def _clean(value: str | None, *, limit: int = 500) -> str | None:
    if not value:
        return None
    text = " ".join(value.split())
    return text[:limit] if text else None


def build_article(*, source_format: str, body: str, title: str | None = None,
                  author_names: Iterable[str] = (), published_at: datetime | None = None,
                  modified_at: datetime | None = None, site_name: str | None = None,
                  section: str | None = None, url: str | None = None,
                  canonical_url: str | None = None, language: str | None = None,
                  what: str = "record") -> ParsedArticle:
    from services.pipeline.formats.html import people_and_credits

    body = paragraph_text(body)
    if len(body.split()) < MIN_BODY_WORDS:
        raise NoArticleText(f"the {what} holds no article body")
    names = [n for n in (_clean(a, limit=200) for a in author_names) if n]
    people, credits = people_and_credits(names)
    wire = detect_wire(body, credits="\n".join(f"By X, {c}" for c in credits))
    return ParsedArticle(
        source_format=source_format,
        body=body,
        title=_clean(title),
        authors=tuple(p for p in people if len(p) <= 80),
        published_at=published_at,
        modified_at=modified_at,
        site_name=_clean(site_name, limit=200),
        section=_clean(section, limit=200),
        url=_clean(url, limit=2048),
        canonical_url=_clean(canonical_url, limit=2048),
        language=language_hint(language),
        wire_source=wire.wire_source,
        dateline=wire.dateline,
    )
