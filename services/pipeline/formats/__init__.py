"""Every input format, two entry points.

``parse_records(data, filename=..., limits=...)`` reads any file: a container (JSON list,
JSON Lines, RSS/Atom feed, WARC; any of them gzip-compressed) becomes one ``Record`` per
article-bearing record, anything else one ``Record``. ``parse_file(data, filename=...)``
reads a file that holds one article and returns its ``ParsedArticle``.

Order of work: size limit, emptiness; gzip (inflated with a cap, see ``compressed``);
WARC (by its ``WARC/1.x`` header); other binary formats refused; bytes decoded (see
``decode``, which drops a few stray NUL bytes and notes it on the article:
``ParsedArticle.notes``); the format detected from the content first and the name second (see
``detect``; JSON Lines by several ``{...}`` lines or a ``.jsonl``/``.ndjson`` name);
JSON and XML parsed once with nesting limits (XML through defusedxml) and split when they
are containers; then one parser module per format. Parser modules are imported on first
use, so importing this package loads no heavy library.

Errors: ``parse_records`` raises only ``services.errors.InputError`` subclasses, and only
when the file as a whole is unusable (``too_large``, ``empty``, ``unsupported_format``,
``undecodable``, ``too_deep``, ``too_many_records``, ``malformed_json``/``malformed_xml``
for a container's framing, ``malformed_warc``, ``no_article_text`` for a container with no
records). A record that cannot be parsed — or a single-article file whose article
cannot — is returned as a ``Record`` with ``error`` set. ``parse_file`` raises that
error, and ``UnsupportedFormat`` for a file that holds several records.
"""

# ruff: noqa: E402 (use_fresh_sources() runs before the modules below are imported)

from __future__ import annotations

import contextlib
import importlib
from dataclasses import replace
from typing import Protocol

from services.domain.models import ParsedArticle
from services.errors import EmptyInput, MalformedJSON, UnsupportedFormat
from services.pipeline.formats.compiled import use_fresh_sources

# The text-dump parser runs compiled when this install compiled it and its sources are
# unchanged since (see compiled.py); decided before any module of its group (``dates``
# among them, imported below) is imported.
use_fresh_sources()

from services.pipeline.formats.compressed import gunzip, is_gzip
from services.pipeline.formats.containers import Record, looks_jsonl, record_name
from services.pipeline.formats.dates import plausible
from services.pipeline.formats.decode import Decoded, decode
from services.pipeline.formats.detect import Format, detect_format, looks_binary, sniff_binary
from services.pipeline.formats.limits import (
    DEFAULT_LIMITS,
    Limits,
    TooDeep,
    TooManyRecords,
    check_size,
)

__all__ = [
    "DEFAULT_LIMITS", "Limits", "Record", "TooDeep", "TooManyRecords", "parse_file", "parse_records", "parse_text",
    "warm_up"
]

_PARSERS: dict[Format, str] = {
    "html": "services.pipeline.formats.html",
    "text": "services.pipeline.formats.textdump",
    "json": "services.pipeline.formats.jsondoc",
    "xml": "services.pipeline.formats.xmldoc",
}
_EXT = {"html": ".html", "text": ".txt", "json": ".json", "xml": ".xml"}


class _ParserModule(Protocol):
    def parse(self, text: str, *, filename: str = "", limits: Limits = ...) -> ParsedArticle: ...


def parse_text(text: str, *, fmt: Format, filename: str = "",
               limits: Limits = DEFAULT_LIMITS) -> ParsedArticle:
    """Run one format's parser on already decoded text."""
    module: _ParserModule = importlib.import_module(_PARSERS[fmt])
    return module.parse(text, filename=filename, limits=limits)


def _strip_gz(filename: str) -> str:
    return filename[:-3] if filename.lower().endswith(".gz") else filename


def _unpack(data: bytes, filename: str, limits: Limits) -> tuple[bytes, str, str]:
    """(bytes, name for detection, "+gzip" or "") after the file-level checks."""
    check_size(len(data), limits)
    if not data.strip():
        raise EmptyInput("the file is empty or holds only whitespace")
    suffix = ""
    if is_gzip(data):
        data, filename, suffix = gunzip(data, max_bytes=limits.max_decompressed_bytes), \
            _strip_gz(filename), "+gzip"
        if not data.strip():
            raise EmptyInput("the gzip file inflates to nothing but whitespace")
        if is_gzip(data):
            raise UnsupportedFormat("the gzip file holds another gzip file")
    return data, filename, suffix


def _blank(text: str) -> bool:
    """Only white space and byte-order marks. (The first characters decide for almost
    every file; the whole text is read only when they are blank.)"""
    return not text[:256].replace("\ufeff", "").strip() \
        and not text.replace("\ufeff", "").strip()


def _decode(data: bytes) -> Decoded:
    kind = sniff_binary(data)
    if kind:
        raise UnsupportedFormat(f"the file is a {kind}, not an article copydesk can read")
    if looks_binary(data):
        raise UnsupportedFormat("the file is binary data of an unknown format")
    decoded = decode(data)
    if _blank(decoded.text):
        raise EmptyInput("the file holds only whitespace")
    return decoded


def _noted(records: list[Record], notes: tuple[str, ...]) -> list[Record]:
    """The records with the file's decoding notes added to each parsed article."""
    if not notes:
        return records
    return [r if r.article is None else
            replace(r, article=replace(r.article, notes=(*r.article.notes, *notes)))
            for r in records]


def _single(data: bytes, filename: str, limits: Limits) -> ParsedArticle:
    """A payload that holds one page (a WARC record): decoded, detected and parsed."""
    decoded = _decode(data)
    text = decoded.text
    article = parse_text(text, fmt=detect_format(text, filename=filename), filename=filename,
                         limits=limits)
    return replace(article, notes=(*article.notes, *decoded.notes)) if decoded.notes \
        else article


def parse_records(data: bytes, *, filename: str = "", limits: Limits = DEFAULT_LIMITS
                  ) -> list[Record]:
    """One ``Record`` per article-bearing record of the file, in file order (one for a
    file that is no container). Raises ``InputError`` only when the whole file is unusable."""
    from services.pipeline.formats import containers

    data, name, gz = _unpack(data, filename, limits)
    display = filename or "input"
    from services.pipeline.formats.warc import is_warc

    if is_warc(data):
        return _plausible(containers.warc_records(
            data, filename=display, fmt="warc" + gz, limits=limits,
            parse_page=lambda payload, page: _single(payload, page, limits)))
    decoded = _decode(data)
    return _plausible(_noted(_text_records(decoded.text, data, name, display, gz, limits),
                             decoded.notes))


def _plausible(records: list[Record]) -> list[Record]:
    """Published and modified times that are placeholders (``dates.plausible``) dropped,
    and the drop noted on the job."""
    out = []
    for record in records:
        article = record.article
        if article is not None:
            published = article.published_at
            modified = article.modified_at
            bad = [name for name, value in (("published_at", published), ("modified_at", modified))
                   if value is not None and not plausible(value)]
            if bad:
                article = replace(
                    article,
                    published_at=None if "published_at" in bad else published,
                    modified_at=None if "modified_at" in bad else modified,
                    notes=(*article.notes, *(f"implausible_date_dropped:{b}" for b in bad)))
                record = replace(record, article=article)
        out.append(record)
    return out


def _text_records(text: str, data: bytes, name: str, display: str, gz: str,
                  limits: Limits) -> list[Record]:
    """``parse_records`` for a decoded file that is no WARC."""
    from services.pipeline.formats import containers

    if looks_jsonl(text, filename=name):
        return containers.jsonl_records(text, filename=display, fmt="jsonl" + gz, limits=limits)
    fmt = detect_format(text, filename=name)
    if fmt == "json":
        from services.pipeline.formats import jsondoc

        try:
            loaded = jsondoc.load(text, limits=limits)
        except MalformedJSON:
            if name.lower().endswith(".json"):
                raise
            # Sniffed as JSON from its brackets only (a lynx dump opening "[1]Home" and
            # ending "]"): as it does not parse, it is read as the text it is.
            return [containers.make_record(
                1, data, "text" + gz, record_name(display, 1, _EXT["text"]),
                lambda: parse_text(text, fmt="text", filename=name, limits=limits))]
        items, is_many = jsondoc.objects(loaded)
        if is_many or not items:
            return containers.json_records(items, filename=display, fmt="json" + gz,
                                           limits=limits)
        return [containers.make_record(1, data, "json" + gz, record_name(display, 1, ".json"),
                                   lambda: jsondoc.article(items[0]))]
    if fmt == "xml":
        from services.pipeline.formats import feed
        from services.pipeline.formats.xmltree import load_xml

        root = load_xml(text, limits=limits)
        kind = feed.feed_kind(root)
        if kind:
            return containers.feed_records(root, kind, filename=display, fmt=kind + gz,
                                           limits=limits)
    return [containers.make_record(1, data, fmt + gz, record_name(display, 1, _EXT[fmt]),
                               lambda: parse_text(text, fmt=fmt, filename=name, limits=limits))]


def parse_file(data: bytes, *, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> ParsedArticle:
    """Parse a file holding one article (a container of exactly one record included).
    Raises only ``InputError``: the file's or the record's error, or ``UnsupportedFormat``
    for a container of several records (split those with ``parse_records``)."""
    records = parse_records(data, filename=filename, limits=limits)
    if len(records) > 1:
        raise UnsupportedFormat(
            f"the file is a container of {len(records)} records ({records[0].source_format}), "
            "not one article; parse_records splits it")
    record = records[0]
    if record.error is not None:
        raise record.error
    assert record.article is not None
    return record.article


_WARM_PROSE = b"The harbour ferry returned to service on Monday after a winter of repairs."
_WARM_UP_FILES = (
    ("warm.html", b"<html><body><article><h1>Warm</h1><p>" + _WARM_PROSE + b"</p></article></body></html>"),
    ("warm.txt", b"Warm\n\n" + _WARM_PROSE + b"\n"),
    ("warm.json", b'{"title": "Warm", "body": "' + _WARM_PROSE + b'"}'),
    ("warm.xml", b"<rss><channel><item><title>Warm</title><description>" + _WARM_PROSE
     + b"</description></item></channel></rss>"),
)


def warm_up() -> None:
    """Parse one small file of each format and sign one text, so the parser modules,
    their libraries (lxml, trafilatura, defusedxml), the text-dump model and the MinHash
    permutations are loaded. A worker does it when it starts, before its pool processes
    fork: each of them, and the isolate each forks for the parses of large files
    (``services.isolation``), then starts warm instead of importing them again."""
    from services.errors import InputError

    for name, data in _WARM_UP_FILES:
        with contextlib.suppress(InputError):
            parse_records(data, filename=name)
