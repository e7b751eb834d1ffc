"""Limits on what one input file may cost to parse, and the errors for exceeding them.

``Limits`` is plain data with safe defaults; the service maps its ``COPYDESK_*``
settings onto it. Exceeding a limit is an ``InputError`` with a stable code:

    too_large           the file, or the file after decompression (all of a gzip file's
                        members; all of a WARC's payloads together), or one HTML page
                        is over its limit
    too_many_records    a container (JSON list, JSONL, feed, WARC) holds too many records
    too_deep            JSON, HTML or XML nests deeper than ``max_depth``

The depth checks run in linear time without recursion: JSON's before ``json.loads``
sees the text, HTML's on the tree lxml builds (libxml2 itself stops at 256 levels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from services.errors import TooDeep, TooLarge, TooManyRecords

if TYPE_CHECKING:
    from services.config import Settings

__all__ = ["Limits", "TooDeep", "TooManyRecords", "check_html_depth", "check_html_size",
           "check_json_depth", "check_records", "check_size", "tree_depth"]

_MIB = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """``max_bytes``: one file as dropped; ``max_decompressed_bytes``: the same file after
    gzip decompression, and separately the payloads of a WARC file added up (HTTP
    content encodings undone); ``max_records``: records in one container;
    ``max_depth``: nesting of JSON arrays/objects and HTML/XML elements;
    ``max_html_bytes``: one HTML page (a file, or a WARC payload) handed to lxml and
    trafilatura, which need a few hundred times a page's size in memory."""

    max_bytes: int = 50 * _MIB
    max_decompressed_bytes: int = 200 * _MIB
    max_records: int = 10_000
    max_depth: int = 200
    max_html_bytes: int = 8 * _MIB

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        """The limits of ``COPYDESK_MAX_*``: the worker's and ``copydesk parse``'s."""
        return cls(
            max_bytes=settings.max_file_bytes,
            max_decompressed_bytes=settings.max_decompressed_bytes,
            max_records=settings.max_records,
            max_depth=settings.max_depth,
            max_html_bytes=settings.max_html_bytes,
        )


DEFAULT_LIMITS = Limits()


def check_size(size: int, limits: Limits, *, what: str = "the file") -> None:
    if size > limits.max_bytes:
        raise TooLarge(f"{what} is {size} bytes; the limit is {limits.max_bytes}")


def check_html_size(text: str, limits: Limits) -> None:
    """Before lxml: a page of more than ``max_html_bytes`` characters (each at least one
    byte) is refused, since parsing it would cost far more memory than its size."""
    if len(text) > limits.max_html_bytes:
        raise TooLarge(f"the HTML page is {len(text)} characters; the limit is "
                       f"{limits.max_html_bytes} (COPYDESK_MAX_HTML_BYTES)")


def check_records(count: int, limits: Limits, *, what: str) -> None:
    if count > limits.max_records:
        raise TooManyRecords(f"the {what} holds {count} records; the limit is "
                             f"{limits.max_records} per file")


# A string runs to its closing quote, or to the end of the text when it has none (the
# JSON is then malformed and json.loads says so): a search for a closed string would
# rescan the rest of the text from every quote of an unterminated '"\\"\\"\\"...'.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects (strings ignored); linear, no recursion."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def check_json_depth(text: str, limits: Limits) -> None:
    depth = json_depth(text)
    if depth > limits.max_depth:
        raise TooDeep(f"the JSON nests {depth} levels deep; the limit is {limits.max_depth}")


def tree_depth(root: Any) -> int:
    """The deepest element nesting of an lxml tree, walked without recursion."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


# libxml2 stops nesting HTML at 256 levels and drops what lies deeper, so a tree that
# reaches that depth was cut: it is refused like one over the limit.
_LIBXML_HTML_DEPTH = 255


def check_html_depth(root: Any, limits: Limits) -> None:
    depth = tree_depth(root)
    if depth >= min(limits.max_depth + 1, _LIBXML_HTML_DEPTH):
        shown = f"{depth}" if depth < _LIBXML_HTML_DEPTH else f"at least {depth}"
        raise TooDeep(f"the HTML nests {shown} elements deep; the limit is {limits.max_depth}")
