"""Pathological files for every format ``parse_records`` reads (issue 10, item 4).

Shared by ``benchmarks/bench_hostile.py`` (which parses each under the worker's budget in
a child process and prints CPU time and peak RSS) and ``tests/unit/test_hostile_generated.py``
(which builds smaller documents from the same tokens with hypothesis). Everything is
deterministic: the same call gives the same bytes.

* ``hostile_files()``: ``{name: HostileFile}``, each a file name (which carries the
  format hint a drop folder would give) and a builder of its bytes, at most a few MB:
  HTML (10,000 nested elements, 50,000 attributes, 100,000 unclosed ``<a ``, ``<!--``
  repeated, one huge text node, 100,000 paragraphs, ...), JSON (deep nesting, a huge
  string, long arrays, an unterminated string, many keys), JSON Lines (100,000 lines),
  RSS/Atom/XML (many items, deep nesting, huge and wide attributes), WARC (many records,
  one huge record), gzip of some of those, and the text dumps of ``benchmarks.hostile_text``.
* ``TOKENS``: per format, the short strings a hostile document of that format repeats.
* ``wrap(fmt, body)``: ``body`` (any string, quotes and markup included, unescaped on
  purpose) put where that format keeps an article's text; returns bytes and a file name.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.hostile_text import ARTICLE, hostile_lines, in_article, many_short_lines
from benchmarks.hostile_text import TOKENS as TEXT_TOKENS

__all__ = ["FORMATS", "TOKENS", "HostileFile", "hostile_files", "warc", "wrap"]

FORMATS = ("html", "json", "jsonl", "xml", "warc", "text")

PROSE = ARTICLE.replace("\n", " ").strip()

# Repeated, alone or mixed, to build a document: markup openers, quotes, digits, spaces,
# brackets and the framing of each format.
_COMMON = ("word ", " ", "1234567890", '"', "'", "<", "<!--", "[", "{", "&", "\\", "\n",
           "\u2014", "By ")
TOKENS: dict[str, tuple[str, ...]] = {
    "html": (*_COMMON, "<a ", "<p>", "</p>", "<div>", "<b><i>", "<script>", "<style>",
             "<![CDATA[", "<table><tr><td>", " x=\"1\"", "&amp;", "&#", "<meta ", "<!DOCTYPE"),
    "json": (*_COMMON, "[", "]", "{", "}", ":", ",", '"body":', '"title":"t",', "\\u00e9",
             "\\ud83d", "null", "-0.1e-9999", '{"a":'),
    "jsonl": (*_COMMON, '{"body":"a b c d e f g h"}\n', '{"title":', "\n", "}", "]"),
    "xml": (*_COMMON, "<item>", "</item>", "<entry>", "<description>", "<![CDATA[",
            "&lt;p&gt;", "&amp;", "<a x='1' ", "<?pi ?>", "<!ENTITY", "&#x41;", "]]>"),
    "warc": (*_COMMON, "WARC/1.0\r\n", "Content-Length: 10\r\n", "WARC-Type: response\r\n",
             "\r\n\r\n", "HTTP/1.1 200 OK\r\n", "Content-Type: text/html\r\n"),
    "text": tuple(sorted({*_COMMON, *TEXT_TOKENS.values()})),
}


@dataclass(frozen=True, slots=True)
class HostileFile:
    """``filename`` (its extension is the format hint) and ``build()`` for its bytes."""

    fmt: str
    filename: str
    build: Callable[[], bytes]


def _page(body: str, title: str = "Storm hits the coast") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1><p>{PROSE}</p>{body}</article></body></html>")


def _item(i: int, text: str = PROSE) -> str:
    return (f"<item><title>Story {i}</title><link>https://news.example/{i}</link>"
            f"<description>{text}</description></item>")


def _rss(items: str, attrs: str = "") -> str:
    return (f'<?xml version="1.0"?><rss version="2.0"{attrs}><channel><title>News</title>'
            f"{items}</channel></rss>")


def _atom(count: int) -> str:
    entries = "".join(
        f"<entry><title>Story {i}</title><id>urn:x:{i}</id><link href='https://a.example/{i}'/>"
        f"<content type='html'>&lt;p&gt;{PROSE}&lt;/p&gt;</content></entry>"
        for i in range(count))
    return f"<feed xmlns='http://www.w3.org/2005/Atom'><title>News</title>{entries}</feed>"


def warc(pages: list[bytes]) -> bytes:
    """An uncompressed WARC of one HTTP ``response`` record per page (text/html)."""
    out = bytearray()
    for i, page in enumerate(pages):
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(page)) + page
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/{i}"
                f"\r\nWARC-Date: 2025-04-04T10:00:00Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{i:012d}>\r\n"
                f"Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode()
        out += head + http + b"\r\n\r\n"
    return bytes(out)


def wrap(fmt: str, body: str) -> tuple[bytes, str]:
    """``body`` where ``fmt`` keeps an article's text, unescaped; (bytes, file name)."""
    if fmt == "html":
        return _page(body).encode(), "page.html"
    if fmt == "json":
        return f'{{"title":"Storm","body":"{PROSE} {body}"}}'.encode(), "doc.json"
    if fmt == "jsonl":
        line = f'{{"title":"Storm","body":"{PROSE} {body}"}}'
        return f"{line}\n{body}\n{line}\n".encode(), "lines.jsonl"
    if fmt == "xml":
        return _rss(_item(1, body) + _item(2)).encode(), "feed.xml"
    if fmt == "warc":
        return warc([_page(body).encode(), body.encode()]), "crawl.warc"
    if fmt == "text":
        return in_article(body).encode(), "dump.txt"
    raise ValueError(f"no such format: {fmt}")


def _repeat(token: str, size: int) -> str:
    return (token * (size // len(token) + 1))[:size]


def _b(text: str) -> Callable[[], bytes]:
    return lambda: text.encode()


def _html() -> dict[str, HostileFile]:
    def f(name: str, build: Callable[[], str]) -> tuple[str, HostileFile]:
        return f"html_{name}", HostileFile("html", f"{name}.html", lambda: build().encode())

    return dict([
        f("deep_nesting_10k", lambda: _page("<div>" * 10_000 + PROSE)),
        f("deep_nesting_unclosed_b_100k", lambda: _page("<b>" * 100_000)),
        f("wide_attrs_50k", lambda: _page(
            "<p " + " ".join(f'a{i}="v{i}"' for i in range(50_000)) + f">{PROSE}</p>")),
        f("unclosed_a_100k", lambda: _page("<a " * 100_000)),
        f("comment_open_500k", lambda: _page("<!--" * 500_000)),
        f("huge_text_node_4mb", lambda: _page("<p>" + _repeat("word ", 4_000_000) + "</p>")),
        f("huge_line_no_spaces_4mb", lambda: _page("<p>" + "x" * 4_000_000 + "</p>")),
        f("many_p_100k", lambda: _page(f"<p>{PROSE[:40]}</p>" * 100_000)),
        f("lt_2mb", lambda: _page("<" * 2_000_000)),
        f("quotes_2mb", lambda: _page("<p title='" + "\"'" * 1_000_000 + "'>x</p>")),
        f("digits_4mb", lambda: _page("<p>" + _repeat("1234567890", 4_000_000) + "</p>")),
        f("spaces_4mb", lambda: _page("<p>a" + " " * 4_000_000 + "b</p>")),
        f("entities_1m", lambda: _page("<p>" + "&amp;" * 1_000_000 + "</p>")),
        f("too_big_9mb", lambda: _page("<p>" + _repeat("word ", 9 * 1024 * 1024) + "</p>")),
    ])


def _json() -> dict[str, HostileFile]:
    def f(name: str, build: Callable[[], str]) -> tuple[str, HostileFile]:
        return f"json_{name}", HostileFile("json", f"{name}.json", lambda: build().encode())

    article = json.dumps({"title": "Storm", "body": PROSE})
    return dict([
        f("deep_arrays_100k", lambda: "[" * 100_000 + "]" * 100_000),
        f("deep_objects_50k", lambda: '{"a":' * 50_000 + "1" + "}" * 50_000),
        f("deep_unclosed_1m", lambda: "[" * 1_000_000),
        f("huge_string_4mb", lambda: json.dumps({"title": "Storm",
                                                 "body": _repeat("word ", 4_000_000)})),
        f("escapes_1m", lambda: '{"title":"t","body":"' + "\\u00e9 " * 500_000 + '"}'),
        f("long_array_1m_numbers", lambda: "[" + ",".join(["1"] * 1_000_000) + "]"),
        f("array_9k_articles", lambda: "[" + ",".join([article] * 9_000) + "]"),
        f("array_20k_small_articles", lambda: "[" + ",".join(['{"body":"a b"}'] * 20_000) + "]"),
        f("unterminated_string_2mb", lambda: '{"title":"t","body":"' + "a" * 2_000_000),
        f("many_keys_200k", lambda: "{" + ",".join(f'"k{i}":"v"' for i in range(200_000))
          + f',"body":"{PROSE}"}}'),
        f("quotes_1m", lambda: '{"body":"' + '\\"' * 1_000_000 + '"}'),
    ])


def _jsonl() -> dict[str, HostileFile]:
    line = json.dumps({"title": "Storm", "body": PROSE})

    def f(name: str, build: Callable[[], str]) -> tuple[str, HostileFile]:
        return f"jsonl_{name}", HostileFile("jsonl", f"{name}.jsonl", lambda: build().encode())

    return dict([
        f("100k_lines", lambda: '{"body":"a b c"}\n' * 100_000),
        f("9k_lines", lambda: (line + "\n") * 9_000),
        f("9k_broken_lines", lambda: ('{"body":"' + "a" * 200 + "\n") * 9_000),
        f("9k_deep_lines", lambda: ("[" * 300 + "\n") * 9_000),
        f("one_huge_line_4mb", lambda: json.dumps({"title": "t", "body": "word " * 800_000})
          + "\n" + line + "\n"),
        f("100k_empty_objects", lambda: "{}\n" * 100_000),
    ])


def _xml() -> dict[str, HostileFile]:
    def f(fmt: str, name: str, build: Callable[[], str]) -> tuple[str, HostileFile]:
        return f"{fmt}_{name}", HostileFile("xml", f"{name}.xml", lambda: build().encode())

    return dict([
        f("rss", "5k_items", lambda: _rss("".join(_item(i) for i in range(5_000)))),
        f("rss", "20k_small_items", lambda: _rss("<item><description>a</description></item>"
                                                 * 20_000)),
        f("atom", "5k_entries", lambda: _atom(5_000)),
        f("rss", "huge_attribute_4mb", lambda: _rss(_item(1), f' x="{"a" * 4_000_000}"')),
        f("rss", "wide_attrs_50k", lambda: _rss(_item(1), "".join(
            f' a{i}="v"' for i in range(50_000)))),
        f("rss", "huge_description_4mb", lambda: _rss(
            _item(1, _repeat("&lt;p&gt;word ", 4_000_000)))),
        f("rss", "description_comment_opens", lambda: _rss(
            _item(1, _repeat("&lt;!--", 2_000_000)))),
        f("rss", "deep_in_item_10k", lambda: _rss(
            "<item><description>" + "<x>" * 10_000 + "</x>" * 10_000 + "</description></item>")),
        f("xml", "deep_nesting_100k", lambda: "<a>" * 100_000 + "</a>" * 100_000),
        f("xml", "entities_1m", lambda: _rss(_item(1, "&amp;" * 1_000_000))),
        f("xml", "unclosed_1m", lambda: "<?xml version='1.0'?>" + "<a " * 1_000_000),
    ])


def _warc() -> dict[str, HostileFile]:
    small = _page("").encode()
    return {
        "warc_1k_records": HostileFile("warc", "1k.warc", lambda: warc([small] * 1_000)),
        "warc_3k_records": HostileFile("warc", "3k.warc", lambda: warc([small] * 3_000)),
        "warc_11k_records": HostileFile("warc", "11k.warc", lambda: warc([b"<p>x</p>"] * 11_000)),
        "warc_huge_record_4mb": HostileFile("warc", "huge.warc", lambda: warc(
            [_page(_repeat("word ", 4_000_000)).encode()])),
        "warc_deep_record": HostileFile("warc", "deep.warc", lambda: warc(
            [_page("<div>" * 10_000).encode()] * 10)),
        "warc_lying_lengths": HostileFile("warc", "lying.warc", lambda: (
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999999\r\n\r\n" + small)),
    }


def _gzip(files: dict[str, HostileFile]) -> dict[str, HostileFile]:
    def packed(source: HostileFile) -> Callable[[], bytes]:
        return lambda: gzip.compress(source.build(), compresslevel=1, mtime=0)

    return {f"gzip_{name}": HostileFile("gzip", files[name].filename + ".gz", packed(files[name]))
            for name in ("html_huge_text_node_4mb", "json_huge_string_4mb", "jsonl_100k_lines",
                         "rss_5k_items", "warc_3k_records", "html_many_p_100k")}


def _text() -> dict[str, HostileFile]:
    files = {f"text_{name}_1mb": HostileFile("text", f"{name}.txt", _b(line))
             for name, line in hostile_lines(1_000_000).items()}
    files["text_100k_short_lines"] = HostileFile("text", "lines.txt",
                                                 _b(many_short_lines(100_000)))
    files["text_mixed_in_article_300k"] = HostileFile(
        "text", "mixed.txt", _b(in_article(hostile_lines(300_000)["mixed"])))
    return files


def hostile_files() -> dict[str, HostileFile]:
    """Every hostile file, by name (``html_...``, ``json_...``, ``gzip_...``, ``text_...``)."""
    files = {**_html(), **_json(), **_jsonl(), **_xml(), **_warc()}
    return {**files, **_gzip(files), **_text()}
