"""Wire copy: which agency a story came from, and whether this page merely republishes it.

``wire_source`` is the parser's attribution when it made one (dateline, credits), else
what ``services.pipeline.wire.detect_wire`` finds in the body. ``is_wire_copy`` is
true when a wire story sits on a site that is not the agency's own
(``services.pipeline.wire.is_wire_original``, the rule that also chooses a story's
representative).
"""

from __future__ import annotations

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment
from services.pipeline.wire import detect_wire, is_wire_original


class WireEnricher(Enricher):
    name = "wire"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        out.wire_source = article.wire_source or detect_wire(article.body).wire_source
        out.is_wire_copy = out.wire_source is not None and not is_wire_original(article.site_name, article.url)
