"""One entry point for every input format: ``parse_file(data, filename=...)``.

Bytes are checked (size, emptiness, known binary formats), decoded (see ``decode``),
the format is detected from the content first and the file name second (see
``detect``), and one parser module per format makes the ``ParsedArticle``. Parser
modules are imported on first use, so importing this package loads no heavy library.

Only ``services.errors.InputError`` subclasses leave ``parse_file`` for bad input.
"""

from __future__ import annotations

import importlib
from typing import Protocol

from services.domain.models import ParsedArticle
from services.errors import EmptyInput, TooLarge, UnsupportedFormat
from services.pipeline.formats.decode import decode_text
from services.pipeline.formats.detect import Format, detect_format, looks_binary, sniff_binary

__all__ = ["DEFAULT_MAX_BYTES", "parse_file", "parse_text"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_PARSERS: dict[Format, str] = {
    "html": "services.pipeline.formats.html",
    "text": "services.pipeline.formats.textdump",
    "json": "services.pipeline.formats.jsondoc",
    "xml": "services.pipeline.formats.xmldoc",
}


class _ParserModule(Protocol):
    def parse(self, text: str, *, filename: str = "") -> ParsedArticle: ...


def parse_text(text: str, *, fmt: Format, filename: str = "") -> ParsedArticle:
    """Run one format's parser on already decoded text."""
    module: _ParserModule = importlib.import_module(_PARSERS[fmt])  # type: ignore[assignment]
    return module.parse(text, filename=filename)


def parse_file(data: bytes, *, filename: str = "", max_bytes: int = DEFAULT_MAX_BYTES
               ) -> ParsedArticle:
    """Parse one article file. Raises only ``InputError`` subclasses for bad input:
    ``TooLarge``, ``EmptyInput``, ``UnsupportedFormat``, ``Undecodable``,
    ``MalformedJSON``, ``MalformedXML``, ``NoArticleText``."""
    if len(data) > max_bytes:
        raise TooLarge(f"the file is {len(data)} bytes; the limit is {max_bytes}")
    if not data.strip():
        raise EmptyInput("the file is empty or holds only whitespace")
    kind = sniff_binary(data)
    if kind:
        raise UnsupportedFormat(f"the file is a {kind}, not an article copydesk can read")
    if looks_binary(data):
        raise UnsupportedFormat("the file is binary data of an unknown format")
    text = decode_text(data)
    if not text.strip() or not text.replace("\ufeff", "").strip():
        raise EmptyInput("the file holds only whitespace")
    return parse_text(text, fmt=detect_format(text, filename=filename), filename=filename)
