from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.errors import (
    EmptyInput,
    InputError,
    MalformedJSON,
    MalformedXML,
    NoArticleText,
    TooLarge,
    Undecodable,
    UnsupportedFormat,
)
from services.pipeline.formats import Limits, parse_file, parse_records
from services.pipeline.formats.decode import Decoded, declared_encoding, decode, decode_text
from services.pipeline.formats.detect import detect_format, sniff_binary

ARTICLE = (
    "Storm hits the coast\n"
    "By Jane Doe\n"
    "Published April 4, 2025 at 4:59 PM\n"
    "The storm reached the coast on Friday, bringing heavy rain and strong winds to the "
    "towns along the bay, officials said.\n"
    "Residents in the caf\u00e9 district were told to stay indoors \u201cuntil further notice,\u201d "
    "the mayor\u2019s office said \u2014 a warning it repeated twice.\n"
)


# detection

@pytest.mark.parametrize(
    ("text", "filename", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "", "html"),
        ("  <html lang='en'><head></head></html>", "a.txt", "html"),
        ("<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'></html>", "", "html"),
        ("<?xml version='1.0'?><rss><channel/></rss>", "", "xml"),
        # a feed's root needs no declaration, whatever the name says
        (("<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>x</title><link href='/a'/>"
          "<p>y</p></entry></feed>"), "feed.html", "xml"),
        ("\n<!-- cached --><rss version='2.0'><channel><p>x</p><br></channel></rss>", "", "xml"),
        ("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", "a.txt", "xml"),
        ("<feedback>Readers wrote in.</feedback><p>One</p><p>Two</p>", "", "html"),
        ('{"title": "x"}', "", "json"),
        ('[{"title": "x"}]', "a.json", "json"),
        ("<p>One</p><p>Two</p><p>Three</p>", "a.html", "html"),
        ("One <p>Two</p> <br> text", "a.txt", "text"),
        ("Plain text article.", "a.html", "text"),
        ("# Markdown title\n\nBody.", "a.md", "text"),
    ],
)
def test_detect_format(text: str, filename: str, expected: str) -> None:
    assert detect_format(text, filename=filename) == expected


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n", b"PK\x03\x04rest", b"\x1f\x8b\x08\x00", b"\x89PNG\r\n\x1a\nxx",
             b"\xff\xd8\xff\xe0", b"GIF89a..", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_known_binary_formats_are_unsupported(data: bytes) -> None:
    assert sniff_binary(data)
    with pytest.raises(UnsupportedFormat):
        parse_file(data + b"\x00" * 10)


def test_unknown_binary_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat):
        parse_file(bytes(range(256)) * 20)


# decoding

def test_utf8_with_bom() -> None:
    assert parse_file(codecs.BOM_UTF8 + ARTICLE.encode()).title == "Storm hits the coast"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = ARTICLE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    article = parse_file(data)
    assert article.authors == ("Jane Doe",)
    assert "\u201cuntil further notice,\u201d" in article.body


def test_utf16_without_bom() -> None:
    assert decode_text(ARTICLE.encode("utf-16-le")) == ARTICLE


def test_cp1252_smart_quotes_and_euro() -> None:
    text = "He said \u201cit costs \u20ac5\u201d \u2014 and it\u2019s fine, caf\u00e9."
    assert decode_text(text.encode("cp1252")) == text
    article = parse_file(ARTICLE.encode("cp1252"))
    assert "\u201cuntil further notice,\u201d the mayor\u2019s office" in article.body


def test_latin1() -> None:
    text = "Le caf\u00e9 est tr\u00e8s bon, \u00e0 c\u00f4t\u00e9 de la gare. \u00c9l\u00e8ve na\u00efve."
    assert decode_text(text.encode("latin-1")) == text


def test_cyrillic_legacy_encoding() -> None:
    text = ("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u043a\u0430\u043a "
            "\u0434\u0435\u043b\u0430 \u0443 \u0442\u0435\u0431\u044f \u0441\u0435\u0433\u043e\u0434\u043d\u044f")
    assert decode_text(text.encode("cp1251")) == text


def test_declared_charset_is_used_for_html() -> None:
    html = '<html><head><meta charset="iso-8859-15"></head><body>\u20ac</body></html>'
    data = html.encode("iso-8859-15")
    assert declared_encoding(data) == "iso8859-15"
    assert decode_text(data) == html


def test_truncated_utf8_is_still_utf8() -> None:
    assert decode_text("caf\u00e9 \u20ac".encode()[:-1]) == "caf\u00e9 "


def test_a_stray_nul_byte_in_text_is_dropped_and_noted() -> None:
    data = ARTICLE.encode()
    article = parse_file(data[:100] + b"\x00" + data[100:] + b"\x00", filename="a.txt")
    assert article.body == parse_file(data, filename="a.txt").body
    assert article.notes == ("nul_bytes_removed:2",)
    assert article.to_json()["notes"] == ["nul_bytes_removed:2"]
    assert parse_file(data, filename="a.txt").notes == ()


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_stray_nul_bytes_are_dropped_before_the_encoding_is_guessed(encoding: str) -> None:
    text = ARTICLE * 3
    data = text.encode(encoding)
    decoded = decode(data[:50] + b"\x00" + data[50:200] + b"\x00\x00" + data[200:])
    assert decoded == Decoded(text, ("nul_bytes_removed:3",))


def test_a_stray_nul_character_in_utf16_text_is_dropped() -> None:
    text = ARTICLE * 3
    data = codecs.BOM_UTF16_LE + (text[:80] + "\x00" + text[80:]).encode("utf-16-le")
    assert decode(data) == Decoded(text, ("nul_bytes_removed:1",))
    assert decode(text.encode("utf-16-le")) == Decoded(text)  # BOM-less: half its bytes zero


@pytest.mark.parametrize("data", [
    # more than 1% of the file
    ARTICLE.encode()[:100] + b"\x00" * 5 + ARTICLE.encode()[100:],
    b"Title\n" + b"words \0 more words \0 " * 200,
    # few NULs, but other control bytes too: binary, or worse than a stray NUL
    ARTICLE.encode()[:100] + b"\x00\x01\x02" + ARTICLE.encode()[100:],
    # UTF-16 text full of NUL characters
    codecs.BOM_UTF16_LE + ("\x00" * 10 + ARTICLE).encode("utf-16-le"),
    # too short for one NUL to be 1% of it
    b"Storm hits the coast\x00",
    # mostly NULs
    b"\x00" * 100 + b"text",
])
def test_nul_bytes_beyond_a_few_stray_ones_are_undecodable(data: bytes) -> None:
    with pytest.raises(Undecodable):
        decode(data)
    with pytest.raises((Undecodable, UnsupportedFormat)):
        parse_file(data, filename="a.txt")


def test_broken_utf16_bom_is_undecodable() -> None:
    with pytest.raises(Undecodable):
        parse_file(codecs.BOM_UTF16_LE + b"\x00\xd8a")


# size, emptiness, content

@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"  \n"])
def test_empty(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        parse_file(data)


def test_too_large() -> None:
    with pytest.raises(TooLarge):
        parse_file(b"x" * 101, limits=Limits(max_bytes=100))
    assert parse_file(ARTICLE.encode(), limits=Limits(max_bytes=len(ARTICLE.encode()))).body


@pytest.mark.parametrize("data", [b"hello", b"Home > News\nMenu\nLogin", b"<html><body><p>hi</p></body></html>"])
def test_no_article_text(data: bytes) -> None:
    with pytest.raises(NoArticleText):
        parse_file(data)


def test_json_article() -> None:
    doc = {"headline": "T", "author": [{"name": "Jane Doe"}], "datePublished": "2025-04-07T06:19:27Z",
           "articleBody": "<p>PARIS (AFP) - First paragraph of the story here.</p><p>Second.</p>"}
    article = parse_file(json.dumps(doc).encode(), filename="a.json")
    assert (article.source_format, article.title, article.authors) == ("json", "T", ("Jane Doe",))
    assert article.body == "PARIS (AFP) - First paragraph of the story here.\n\nSecond."
    assert article.wire_source == "AFP" and article.published_at is not None


def test_json_entities_are_decoded_once() -> None:
    doc = {"headline": "&#8216;The Medium&#8217; is the message",
           "author": [{"name": "Jos&eacute; Garc&iacute;a"}], "section": "Arts &amp; Culture",
           "site_name": "Smith &amp; Sons", "url": "https://example.com/a?x=1&amp;y=2",
           "articleBody": "<p>The council met &amp;amp; talked about &lt;p&gt; tags on Monday "
                          "evening, members said.</p>"}
    article = parse_file(json.dumps(doc).encode(), filename="a.json")
    assert article.title == "\u2018The Medium\u2019 is the message"
    assert article.authors == ("Jos\u00e9 Garc\u00eda",)
    assert (article.section, article.site_name) == ("Arts & Culture", "Smith & Sons")
    assert article.url == "https://example.com/a?x=1&y=2"
    # HTML body: decoded once, by the HTML parser
    assert article.body == "The council met &amp; talked about <p> tags on Monday evening, " \
        "members said."
    # plain-text body: decoded once, by html.unescape
    doc["articleBody"] = "It&#8217;s the council &amp;amp; the mayor who met on Monday evening."
    assert parse_file(json.dumps(doc).encode(), filename="a.json").body == \
        "It\u2019s the council &amp; the mayor who met on Monday evening."


def test_malformed_json() -> None:
    with pytest.raises(MalformedJSON):
        parse_file(b'{"title": "x", "body": }', filename="a.json")


def test_json_array_of_articles_is_a_container() -> None:
    with pytest.raises(UnsupportedFormat):
        parse_file(b'[{"body": "a b c d e f g h i"}, {"body": "a b c d e f g h i"}]')


def test_xml_rss_item() -> None:
    data = (b"<?xml version='1.0'?><rss><channel><item><title>T</title><author>Jane Doe</author>"
            b"<pubDate>Mon, 07 Apr 2025 06:19:27 GMT</pubDate><description>&lt;p&gt;LONDON "
            b"(Reuters) - Words of the story go here.&lt;/p&gt;</description></item></channel></rss>")
    article = parse_file(data)
    assert (article.title, article.wire_source, article.dateline) == ("T", "Reuters", "LONDON")
    assert article.published_at is not None and article.published_at.day == 7


def test_malformed_xml() -> None:
    with pytest.raises(MalformedXML):
        parse_file(b"<?xml version='1.0'?><a><b></a>")


def test_xml_entities_are_not_expanded() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><item><body>&b;&b;</body></item>')
    with pytest.raises(InputError):
        parse_file(bomb)


# the contract: nothing but InputError for any bytes

_PIECES = st.sampled_from([
    b"<html>", b"</html>", b"<body>", b"<p>", b"</p>", b"<?xml version='1.0'?>", b"{", b"}",
    b"[", b"]", b'"body":', b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00", b"\n", b"\r\n",
    b"By Jane Doe", b"Related", b"WASHINGTON (AP) \xe2\x80\x94 ", b"Date:2025-04-07 06:19:27",
    b"The quick brown fox jumps over the lazy dog again and again today. ", b"\x93q\x94",
    b"<meta charset='utf-16'>", b"%PDF", b"\x80\x81\xfe", b"Home > News", b"# Title\n",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=2000), st.lists(_PIECES, max_size=40).map(b"".join),
                 st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_parse_file_raises_only_input_errors(data: bytes) -> None:
    try:
        article = parse_file(data, filename="x.txt")
    except InputError:
        return
    assert article.body.strip()


@pytest.mark.parametrize("placeholder", ["0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
                                         "2204-05-01T10:00:00Z", "1899-12-31"])
def test_a_placeholder_date_is_dropped_and_the_next_source_used(placeholder: str) -> None:
    page = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        f'"headline": "Ferry back", "datePublished": "{placeholder}", '
        f'"dateModified": "{placeholder}"}}</script>'
        '<meta property="article:published_time" content="2019-11-20T08:00:00Z"></head>'
        "<body><article><h1>Ferry back</h1><p>The harbour ferry returned to service on Monday "
        "after a winter of repairs, the operator said, and the first crossing was full.</p>"
        "</article></body></html>"
    ).encode()
    article = parse_file(page, filename="a.html")
    assert article.published_at == datetime(2019, 11, 20, 8, 0, tzinfo=UTC)
    assert article.modified_at is None or article.modified_at.year >= 1900


def test_a_placeholder_date_left_by_a_parser_is_dropped_and_noted() -> None:
    doc = (b'{"title": "Ferry back", "published_at": "0001-01-01T00:00:00Z", "body": "The '
           b'harbour ferry returned to service on Monday after a winter of repairs."}')
    [record] = parse_records(doc, filename="a.json")
    assert record.article is not None and record.article.published_at is None
