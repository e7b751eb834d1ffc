"""Versions of what copydesk makes from a file, recorded on every article and job.

Bump ``PARSER_VERSION`` when a change to ``services.pipeline`` (formats, normalising)
can change a stored article's fields; bump ``ENRICH_VERSION`` when an enricher or its
model changes its results. `copydesk reprocess --parser-version N` and
`copydesk reenrich --enrich-version N` then select what older versions made.
"""

from __future__ import annotations

__all__ = ["ENRICH_VERSION", "PARSER_VERSION"]

PARSER_VERSION = 1
ENRICH_VERSION = 1
