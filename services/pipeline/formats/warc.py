"""WARC files (``.warc``; ``.warc.gz`` arrives here already decompressed): one article per
``response`` (or ``resource``) record holding an HTML page.

Request, metadata, warcinfo, revisit and conversion records are skipped, as are responses
that are not HTML or not a 2xx status; they bear no article. Nothing in a record is ever
followed: its target URI is data (the article's URL when the page names none), never a
path or a request. The payloads of one file are read up to ``Limits.max_decompressed_bytes``
*together* (HTTP content encodings are undone by warcio, so the cap also bounds
compressed payloads): past it the whole file is ``too_large``, since eight payloads
of 150 MB each under a per-payload cap would still be 1.2 GB held at once.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from services.errors import InputError, MalformedWARC, TooLarge
from services.pipeline.formats.limits import Limits

__all__ = ["MalformedWARC", "WarcPayload", "is_warc", "one_record_warc", "payloads"]

_ARTICLE_TYPES = ("response", "resource")
_HTML_START = (b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<!--")


@dataclass(frozen=True, slots=True)
class WarcPayload:
    """One article-bearing record: its payload (or the error reading it) and target URI."""

    payload: bytes
    url: str | None
    error: InputError | None = None


def is_warc(data: bytes) -> bool:
    return data.lstrip(b"\r\n")[:6] in (b"WARC/1", b"WARC/0")


def _is_html(content_type: str, payload_head: bytes) -> bool:
    if content_type:
        kind = content_type.split(";")[0].strip().lower()
        if kind in ("text/html", "application/xhtml+xml"):
            return True
        if kind not in ("", "application/octet-stream", "text/plain", "unk", "unknown"):
            return False
    return payload_head.lstrip()[:20].lower().startswith(_HTML_START)


def one_record_warc(payload: bytes, url: str | None) -> bytes:
    """``payload`` as a WARC of one response record: the raw bytes of one record of a
    crawl, parsed again later with its target URI intact."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url or "urn:copydesk:unknown", "response",
                                  payload=io.BytesIO(payload), http_headers=headers)
    )
    return out.getvalue()


def payloads(data: bytes, *, limits: Limits) -> Iterator[WarcPayload]:
    """The HTML payloads of the WARC's response records, in order. A record that cannot
    be read ends the iteration with one ``WarcPayload`` carrying ``MalformedWARC``."""
    from warcio.archiveiterator import ArchiveIterator

    budget = limits.max_decompressed_bytes  # what the file's payloads may still add up to
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type not in _ARTICLE_TYPES:
                continue
            headers = record.http_headers
            if record.rec_type == "response" and headers is not None:
                status = headers.get_statuscode() or ""
                if not status.startswith("2"):
                    continue
                content_type = headers.get_header("Content-Type") or ""
            else:  # a resource, or a response warcio does not read as HTTP: sniff it
                content_type = ""
            url = record.rec_headers.get_header("WARC-Target-URI")
            stream = record.content_stream()
            head = stream.read(512)
            if not _is_html(content_type, head):
                continue
            rest = stream.read(max(0, budget + 1 - len(head)))
            payload = head + rest
            budget -= len(payload)
            if budget < 0:
                raise TooLarge(f"the WARC's payloads add up to more than "
                               f"{limits.max_decompressed_bytes} bytes once decompressed; "
                               "the limit is per file")
            yield WarcPayload(payload, url)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - warcio raises many types for a corrupt archive
        yield WarcPayload(b"", None, MalformedWARC(
            f"the WARC file is corrupt or truncated: {type(exc).__name__}: {exc}"[:500]))
