"""Hostile and awkward input: each is refused with a clear InputError (or parsed
correctly when it is merely awkward), quickly and in bounded memory."""

from __future__ import annotations

import codecs
import contextlib
import gzip
import importlib.util
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.errors import InputError, MalformedXML, TooLarge, Undecodable
from services.pipeline.formats import Limits, TooDeep, parse_file, parse_records

FIXTURES = Path(__file__).parents[1] / "fixtures"
ARTICLE = (
    "Storm hits the coast\n"
    "By Jane Doe\n"
    "Published April 4, 2025 at 4:59 PM\n"
    "The storm reached the coast on Friday, bringing heavy rain and strong winds to the "
    "towns along the bay, officials said.\n"
    "Residents in the caf\u00e9 district were told to stay indoors \u201cuntil further notice,\u201d "
    "the mayor\u2019s office said \u2014 a warning it repeated twice.\n"
)


def _zero_bomb(gigabytes: int) -> bytes:
    """A gzip member claiming ``gigabytes`` GB of zeros, built from one repeated deflate
    block (each full flush ends byte-aligned, so the blocks can be concatenated)."""
    chunk = b"\0" * (1 << 24)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeat = deflate.compress(chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
    count = gigabytes * (1 << 30) // len(chunk)
    body = block + repeat * (count - 1) + deflate.flush()
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + body + zlib.crc32(b"").to_bytes(4, "little") + (0).to_bytes(4, "little")


def test_gzip_bomb_is_refused_quickly_in_bounded_memory() -> None:
    bomb = _zero_bomb(10)  # 10 GB of zeros in about 10 MB
    assert len(bomb) < 20 * 1024 * 1024
    limits = Limits(max_decompressed_bytes=32 * 1024 * 1024)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(TooLarge, match="decompression bomb"):
            parse_records(bomb, filename="bomb.txt.gz", limits=limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert peak < 3 * limits.max_decompressed_bytes


def test_small_gzip_of_zeros_is_binary_not_an_article() -> None:
    with pytest.raises(InputError):
        parse_records(gzip.compress(b"\0" * (4 * 1024 * 1024)), filename="zeros.txt.gz")


def test_corrupt_and_truncated_gzip() -> None:
    packed = gzip.compress(ARTICLE.encode() * 50)
    for data in (packed[: len(packed) // 2], packed[:10] + b"\xff" * 40):
        with pytest.raises(InputError):
            parse_records(data, filename="x.txt.gz")


def test_100k_deep_json() -> None:
    for data in (b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 100_000 + b"1" + b"}" * 100_000):
        with pytest.raises(TooDeep) as caught:
            parse_records(data, filename="deep.json")
        assert caught.value.code == "too_deep"


def test_deep_json_line_in_jsonl_is_that_record_only() -> None:
    good = b'{"title": "t", "body": "one two three four five six seven eight nine"}'
    data = good + b"\n" + b"{" + b'"a":[' * 300 + b"1" + b"]" * 300 + b"}\n" + good
    records = parse_records(data, filename="x.jsonl")
    assert [r.error.code if r.error else "ok" for r in records] == ["ok", "too_deep", "ok"]


def test_100k_deep_html() -> None:
    data = b"<html><body>" + b"<div>" * 100_000 + b"<p>" + ARTICLE.encode() + b"</p>" \
        + b"</div>" * 100_000 + b"</body></html>"
    [record] = parse_records(data, filename="deep.html")
    assert record.error is not None and record.error.code == "too_deep"
    with pytest.raises(TooDeep):
        parse_file(data, filename="deep.html")


def test_html_depth_limit_is_a_setting() -> None:
    page = (b"<html><body>" + b"<div>" * 30 + b"<p>" + ARTICLE.encode() + b"</p>"
            + b"</div>" * 30 + b"</body></html>")
    assert parse_file(page, filename="a.html").body
    with pytest.raises(TooDeep):
        parse_file(page, filename="a.html", limits=Limits(max_depth=20))


def test_100k_deep_xml() -> None:
    data = b"<?xml version='1.0'?>" + b"<a>" * 100_000 + b"</a>" * 100_000
    with pytest.raises(TooDeep):
        parse_records(data, filename="deep.xml")


def test_xml_billion_laughs() -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
              + b"".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'.encode()
                         for p, c in zip("abcdefgh", "bcdefghi", strict=True))
              + b"]><rss><channel><item><title>&i;</title><description>&i;</description>"
              b"</item></channel></rss>")
    started = time.perf_counter()
    with pytest.raises(MalformedXML, match="entities"):
        parse_records(laughs, filename="laughs.xml")
    assert time.perf_counter() - started < 1


def test_xml_external_entity_is_never_read() -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<rss><channel><item><title>&x;</title><description>&x; and more words to make "
           b"a body of text here</description></item></channel></rss>")
    try:
        records = parse_records(xxe, filename="xxe.xml")
    except InputError as exc:
        assert "root:" not in str(exc)
        return
    for record in records:
        assert record.article is None or "root:" not in repr(record.article)


def test_xml_external_dtd_is_not_fetched() -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">'
            b"<rss><channel><item><title>T</title><description>one two three four five six "
            b"seven eight nine</description></item></channel></rss>")
    started = time.perf_counter()
    with contextlib.suppress(InputError):
        parse_records(data, filename="dtd.xml")
    assert time.perf_counter() - started < 1


def test_nul_bytes() -> None:
    # one byte in ten a NUL: binary, or too corrupted to guess at
    with pytest.raises(Undecodable):
        parse_records(b"Title\n" + b"words \0 more words \0 " * 200, filename="nul.txt")


def test_a_few_stray_nul_bytes_are_dropped_and_noted_on_every_record() -> None:
    data = (ARTICLE * 3).encode()
    [record] = parse_records(gzip.compress(data[:60] + b"\0" + data[60:] + b"\0"),
                             filename="a.txt.gz")
    assert record.article is not None and "\0" not in record.article.body
    assert record.article.notes == ("nul_bytes_removed:2",)
    line = b'{"title": "Caf\xc3\xa9", "body": "one two three four five six seven eight nine"}'
    records = parse_records(b"\n".join([line] * 4) + b"\n\0", filename="a.jsonl")
    assert [r.article.notes for r in records if r.article] == [("nul_bytes_removed:1",)] * 4


def test_utf16_with_bom() -> None:
    [record] = parse_records(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), filename="a.txt")
    assert record.article is not None and record.article.authors == ("Jane Doe",)
    assert "\u201cuntil further notice,\u201d" in record.article.body


def test_utf16_jsonl_with_bom() -> None:
    line = '{"title": "Caf\u00e9", "body": "one two three four five six seven eight nine"}'
    data = codecs.BOM_UTF16_LE + f"{line}\n{line}\n".encode("utf-16-le")
    assert [r.article.title for r in parse_records(data, filename="a.jsonl") if r.article] \
        == ["Caf\u00e9", "Caf\u00e9"]


def test_latin1_text() -> None:
    text = ARTICLE.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'") \
        .replace("\u2014", "-") + "Le caf\u00e9 est tr\u00e8s bon, \u00e0 c\u00f4t\u00e9 de la gare.\n"
    article = parse_file(text.encode("latin-1"), filename="a.txt")
    assert "caf\u00e9 district" in article.body and "tr\u00e8s bon" in article.body


def test_cp1252_text() -> None:
    article = parse_file(ARTICLE.encode("cp1252"), filename="a.txt")
    assert "\u201cuntil further notice,\u201d the mayor\u2019s office said \u2014" in article.body


def test_cp1252_feed_declared_in_xml() -> None:
    feed = ('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>Caf\u00e9 Times'
            "</title><item><title>\u201cQuoted\u201d</title><description>The caf\u00e9 owners "
            "said the storm cost them \u20ac5,000 each in repairs.</description></item>"
            "</channel></rss>").encode("cp1252")
    [record] = parse_records(feed, filename="f.xml")
    assert record.article is not None
    assert record.article.site_name == "Caf\u00e9 Times" and "\u20ac5,000" in record.article.body


def test_too_large_file() -> None:
    with pytest.raises(TooLarge):
        parse_records(b"x" * 101, limits=Limits(max_bytes=100))


def test_warc_with_a_non_html_record() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_warc", FIXTURES / "containers" / "make_warc.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = module.article_page("Storm closes ports", [ARTICLE.replace("\n", " ")])
    data = module.build_warc([
        ("response", "https://x.example/a.pdf", b"%PDF-1.7 binary", "application/pdf", "200 OK"),
        ("response", "https://x.example/../../../etc/passwd", page, "text/html", "200 OK"),
        ("response", "file:///etc/passwd", page, "text/html", "200 OK"),
    ])
    [record] = parse_records(data, filename="c.warc.gz")  # file:// is no HTTP response: skipped
    assert record.url == "https://x.example/../../../etc/passwd"  # data only: nothing is opened
    assert record.article is not None and "root:" not in record.article.body


def test_corrupt_warc_keeps_the_records_before_the_break() -> None:
    data = gzip.decompress((FIXTURES / "containers" / "crawl.warc.gz").read_bytes())
    at = data.index(b"WARC/1", data.index(b"https://harbour-times.example/logo.png") - 300)
    records = parse_records(data[:at] + b"NOT A WARC RECORD\r\n\r\n" + data[at:],
                            filename="bad.warc")
    assert [r.ok for r in records] == [True, False]
    assert records[1].error is not None and records[1].error.code == "malformed_warc"


def test_garbage_after_a_warc_header_is_malformed() -> None:
    with pytest.raises(InputError):
        parse_records(b"WARC/1.0\r\nnonsense\r\n\r\n" + b"x" * 100, filename="x.warc")


# the contract: nothing but InputError for any bytes, through parse_records

_PIECES = st.sampled_from([
    b"<html>", b"</html>", b"<body>", b"<p>", b"</p>", b"<?xml version='1.0'?>", b"{", b"}",
    b"[", b"]", b'"body":', b'"title": "x",', b"\n", b'{"body": "a b c d e f g h i"}\n',
    b"<rss><channel>", b"<item>", b"</item>", b"<description>", b"</description>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'>", b"<entry>", b"<content type='html'>",
    b"WARC/1.0\r\n", b"WARC-Type: response\r\n", b"Content-Length: 10\r\n\r\n",
    b"\x1f\x8b\x08", b"\xef\xbb\xbf", b"\xff\xfe", b"\x00", b"<!ENTITY a 'x'>", b"&a;",
    b"By Jane Doe", b"WASHINGTON (AP) \xe2\x80\x94 ", b"The quick brown fox jumps over. ",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), st.lists(_PIECES, max_size=40).map(b"".join),
                 st.lists(_PIECES, max_size=30).map(lambda p: gzip.compress(b"".join(p)))),
       st.sampled_from(["x.txt", "x.json", "x.jsonl", "x.xml", "x.warc", "x.warc.gz", ""]))
def test_parse_records_raises_only_input_errors(data: bytes, filename: str) -> None:
    try:
        records = parse_records(data, filename=filename)
    except InputError:
        return
    assert records
    for record in records:
        assert (record.article is None) != (record.error is None)
        assert isinstance(record.error, (InputError, type(None)))
        assert record.article is None or record.article.body.strip()
