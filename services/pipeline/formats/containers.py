"""Splitting container files into records: JSON lists (and objects wrapping a list or a
JSON-LD ``@graph``), JSON Lines, RSS/Atom feeds, WARC. Each record keeps its own bytes
(``raw``) so a child job can parse it again with ``parse_file(raw, filename=name)``.

A record's ``name`` is ``<file>#<record_no>.<ext>``: data for logs and detection, never a
path. One bad record gets an error; the others are still parsed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from services.domain.models import ParsedArticle
from services.errors import InputError, MalformedJSON, NoArticleText, ParseTimeout
from services.pipeline.formats.limits import Limits, check_records

__all__ = ["Record", "feed_records", "json_records", "jsonl_records", "looks_jsonl",
           "make_record", "record_name", "warc_records"]

_JSONL_NAMES = (".jsonl", ".ndjson", ".jsonlines", ".ldjson")


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One article-bearing record of a file (a file that is no container is one record).

    ``record_no`` counts from 1 in file order; ``article`` or ``error`` is set, never
    both; ``raw`` is the record's own bytes; ``source_format`` is the whole file's format
    (``jsonl``, ``json``, ``rss``, ``atom``, ``warc``, ``html``, ``text``, ``xml``, with
    ``+gzip`` when it arrived compressed); ``name`` is ``<file>#<n>.<ext>``; ``url`` is
    a URL the container gives the record (a WARC target URI), or None.
    """

    record_no: int
    article: ParsedArticle | None
    error: InputError | None
    raw: bytes
    source_format: str
    name: str
    url: str | None = None

    @property
    def ok(self) -> bool:
        return self.article is not None


def record_name(filename: str, record_no: int, ext: str) -> str:
    return f"{filename or 'input'}#{record_no}{ext}"


def make_record(no: int, raw: bytes, fmt: str, name: str,
            parse: Callable[[], ParsedArticle], url: str | None = None) -> Record:
    try:
        return Record(record_no=no, article=parse(), error=None, raw=raw, source_format=fmt,
                      name=name, url=url)
    except ParseTimeout:
        raise  # the file's budget is spent (services.budget): the whole file is too slow
    except InputError as exc:
        return Record(record_no=no, article=None, error=exc, raw=raw, source_format=fmt,
                      name=name, url=url)
    except (RecursionError, ValueError, TypeError, AttributeError, KeyError) as exc:
        # a parser bug on odd input must cost this record only, never the whole file
        error = InputError(f"the record could not be parsed: {type(exc).__name__}",
                           code="unparseable_record")
        return Record(record_no=no, article=None, error=error, raw=raw, source_format=fmt,
                      name=name, url=url)


def looks_jsonl(text: str, *, filename: str = "") -> bool:
    """Several lines that each hold a JSON object (or a ``.jsonl``/``.ndjson`` name)."""
    head = text.lstrip()[:1]
    if head != "{":
        return False
    if filename.lower().endswith(_JSONL_NAMES):
        return True
    lines = [line.strip() for line in text[:65536].splitlines() if line.strip()][:3]
    return len(lines) >= 2 and lines[0].startswith("{") and lines[0].endswith("}") \
        and lines[1].startswith("{")


def jsonl_records(text: str, *, filename: str, fmt: str, limits: Limits) -> list[Record]:
    from services.pipeline.formats import jsondoc
    from services.pipeline.formats.limits import check_json_depth

    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    check_records(len(lines), limits, what="JSON Lines file")
    records: list[Record] = []
    for no, (line_no, line) in enumerate(lines, 1):
        def parse(line: str = line, line_no: int = line_no) -> ParsedArticle:
            check_json_depth(line, limits)
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as exc:
                raise MalformedJSON(f"line {line_no} is not valid JSON: {exc}") from exc
            return jsondoc.article(obj)

        records.append(make_record(no, line.strip().encode("utf-8"), fmt,
                               record_name(filename, no, ".json"), parse))
    if not records:
        raise NoArticleText("the JSON Lines file holds no records")
    return records


def json_records(items: list[Any], *, filename: str, fmt: str, limits: Limits) -> list[Record]:
    from services.pipeline.formats import jsondoc

    check_records(len(items), limits, what="JSON document")
    if not items:
        raise NoArticleText("the JSON holds an empty list of records")
    return [make_record(no, json.dumps(item, ensure_ascii=False).encode("utf-8"), fmt,
                    record_name(filename, no, ".json"),
                    partial(jsondoc.article, item))
            for no, item in enumerate(items, 1)]


def feed_records(root: Any, kind: Any, *, filename: str, fmt: str,
                 limits: Limits) -> list[Record]:
    from services.pipeline.formats import feed

    elements = feed.items(root, kind)
    check_records(len(elements), limits, what="feed")
    if not elements:
        raise NoArticleText("the feed holds no items")
    info = feed.feed_info(root, kind)
    records: list[Record] = []
    for no, item in enumerate(elements, 1):
        try:
            raw = feed.item_raw(item, info, kind)
        except (ValueError, TypeError):
            raw = b""
        records.append(make_record(no, raw, fmt, record_name(filename, no, ".xml"),
                               partial(feed.item_article, item, info, kind)))
    return records


def warc_records(data: bytes, *, filename: str, fmt: str, limits: Limits,
                 parse_page: Callable[[bytes, str], ParsedArticle]) -> list[Record]:
    from dataclasses import replace

    from services.pipeline.formats.limits import TooManyRecords
    from services.pipeline.formats.warc import one_record_warc, payloads

    records: list[Record] = []
    for no, found in enumerate(payloads(data, limits=limits), 1):
        if no > limits.max_records:
            raise TooManyRecords(f"the WARC holds more than {limits.max_records} HTML "
                                 "responses; the limit is per file")
        name = record_name(filename, no, ".warc")

        def parse(found: Any = found, name: str = name) -> ParsedArticle:
            if found.error is not None:
                raise found.error
            article = parse_page(found.payload, name)
            return article if article.url or not found.url else replace(article, url=found.url)

        # The record's own bytes are a one-record WARC, so a child job parsing them again
        # keeps the target URI.
        raw = one_record_warc(found.payload, found.url) if found.error is None else found.payload
        records.append(make_record(no, raw, fmt, name, parse, url=found.url))
    if not records:
        raise NoArticleText("the WARC holds no HTML response records")
    if len(records) == 1 and records[0].error is not None and not records[0].raw \
            and records[0].error.code == "malformed_warc":
        raise records[0].error  # not one record could be read: the file is the problem
    return records
