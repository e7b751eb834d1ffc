"""Wire copy: which agency a story came from, and whether this page merely republishes it.

``wire_source`` is the parser's attribution when it made one (dateline, credits), else
what ``services.pipeline.wire.detect_wire`` finds in the body. ``is_wire_copy`` is
true when a wire story sits on a site that is not the agency's own (same rule as the
story clustering's ``copydesk.is_wire_original`` in migration 0002).
"""

from __future__ import annotations

import re

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment
from services.pipeline.wire import canonical_agency, detect_wire

AGENCY_DOMAINS = re.compile(
    r"^https?://([a-z0-9-]+\.)*(apnews\.com|reuters\.com|afp\.com|upi\.com|dpa\.com|bloomberg\.com)(:\d+)?(/|$)",
    re.IGNORECASE,
)


def is_wire_original(site_name: str | None, url: str | None) -> bool:
    """The agency's own copy: its name as site, or a URL on its domain."""
    if site_name and canonical_agency(site_name.removeprefix("www.").removesuffix(".com")):
        return True
    return bool(url and AGENCY_DOMAINS.match(url))


class WireEnricher(Enricher):
    name = "wire"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        out.wire_source = article.wire_source or detect_wire(article.body).wire_source
        out.is_wire_copy = out.wire_source is not None and not is_wire_original(article.site_name, article.url)
