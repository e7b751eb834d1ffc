from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from services.errors import NoArticleText
from services.pipeline.formats import parse_file
from services.pipeline.formats.html import html_fragment_text
from services.pipeline.formats.html_clean import clean_paragraphs

FIXTURES = Path(__file__).parents[1] / "fixtures" / "html"
PROSE = ("The council met on Monday evening to discuss the new budget for the coming year, "
         "and members spoke for several hours about roads, schools and parks.")


def _page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def test_jsonld_newsarticle() -> None:
    article = parse_file((FIXTURES / "newsarticle-jsonld.html").read_bytes(), filename="a.html")
    assert article.source_format == "html"
    assert article.title == "Storm closes ports along the coast"
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.published_at == datetime(2025, 4, 7, 6, 19, 27,
                                            tzinfo=timezone(timedelta(hours=1)))
    assert article.modified_at is not None
    assert (article.site_name, article.section, article.language) == ("Harbour Times", "Weather", "en")
    assert article.canonical_url == "https://harbour.example/news/storm-ports"
    assert (article.wire_source, article.dateline) == ("Reuters", "PLYMOUTH, England")
    assert article.body.startswith("PLYMOUTH, England (Reuters) - A powerful storm")
    assert article.body.endswith("probably on Tuesday morning.")
    assert len(article.body.split("\n\n")) == 4
    for chrome in ("READ MORE", "Most read", "Council tax", "By Jane Doe", "Harbour Times"):
        assert chrome not in article.body


def test_opengraph_and_cp1252() -> None:
    article = parse_file((FIXTURES / "opengraph-cp1252.html").read_bytes(), filename="b.html")
    assert article.title == "Caf\u00e9 owners fight rent rise"
    assert article.authors == ("Mar\u00eda L\u00f3pez",)
    assert article.site_name == "Valley Post" and article.section == "Business"
    assert article.published_at == datetime(2025, 3, 17, 16, 20, tzinfo=UTC)
    assert "\u201cWe have been here for 20 years,\u201d" in article.body
    assert "\u20ac 2 million" in article.body
    assert "Home | Business" not in article.body


def test_title_from_title_tag_without_site_suffix() -> None:
    head = '<title>Budget agreed after long debate | Town Crier</title>' \
           '<meta property="og:site_name" content="Town Crier">'
    article = parse_file(_page(f"<article><p>{PROSE}</p><p>{PROSE}</p></article>", head))
    assert article.title == "Budget agreed after long debate"


def test_agency_author_becomes_wire_source() -> None:
    head = '<meta name="author" content="Associated Press">'
    article = parse_file(_page(f"<article><p>{PROSE}</p><p>{PROSE}</p></article>", head))
    assert article.wire_source == "AP" and article.authors == ()


def test_naive_meta_date_is_utc() -> None:
    head = '<meta property="article:published_time" content="2025-04-07 06:19:27">'
    article = parse_file(_page(f"<article><p>{PROSE}</p><p>{PROSE}</p></article>", head))
    assert article.published_at == datetime(2025, 4, 7, 6, 19, 27, tzinfo=UTC)


def test_headline_repeated_in_body_is_dropped() -> None:
    head = '<meta property="og:title" content="Council agrees the budget">'
    body = f"<article><h1>Council agrees the budget</h1><p>{PROSE}</p><p>{PROSE}</p></article>"
    assert parse_file(_page(body, head)).body.startswith("The council met")


def test_split_body_containers_are_joined() -> None:
    first = "".join(f"<p>Part one paragraph {i}. {PROSE}</p>" for i in range(4))
    second = "".join(f"<p>Part two paragraph {i}. {PROSE}</p>" for i in range(3))
    body = (f'<main><div class="article-body">{first}</div>'
            f'<div class="ad"><span>Advertisement</span></div>'
            f'<div class="article-body">{second}</div></main>')
    text = parse_file(_page(body)).body
    assert "Part one paragraph 0." in text and "Part two paragraph 2." in text


def test_page_without_article_text() -> None:
    with pytest.raises(NoArticleText):
        parse_file(_page("<nav><a href='/'>Home</a></nav><p>Sign in</p>"))


def test_clean_paragraphs() -> None:
    paragraphs = ["Council agrees the budget", "Updated: April 7, 2025 6:19 AM", PROSE,
                  "READ MORE: Another story", PROSE + " Again.", "Don't miss",
                  "Some teaser headline", "Another teaser", "Comments"]
    assert clean_paragraphs(paragraphs, titles=["Council agrees the budget"]) == [
        PROSE, PROSE + " Again."]


def test_fragment_text() -> None:
    assert html_fragment_text("<p>One<br>two</p><script>x()</script><ul><li>three</li></ul>") \
        == "One\n\ntwo\n\nthree"


def test_author_metadata_is_split_into_people_and_credits() -> None:
    head = ('<meta name="author" content="TOM KRISHER">'
            '<meta name="author" content="AP Auto Writer">')
    article = parse_file(_page(f"<article><p>{PROSE}</p><p>{PROSE}</p></article>", head))
    assert article.authors == ("Tom Krisher",)


def test_jsonld_entities_are_decoded_once() -> None:
    # A <script> is raw text to the HTML parser, so JSON-LD strings keep their entities.
    ld = ('{"@context": "https://schema.org", "@type": "NewsArticle",'
          ' "headline": "&#8216;The Medium&#8217; is the message &amp;amp; more",'
          ' "author": {"@type": "Person", "name": "Jos&eacute; Garc&iacute;a"},'
          ' "articleSection": ["Arts &amp; Culture"],'
          ' "publisher": {"@type": "Organization", "name": "Smith &amp; Sons Gazette"}}')
    head = f'<script type="application/ld+json">{ld}</script>'
    article = parse_file(_page(f"<article><p>{PROSE}</p><p>{PROSE}</p></article>", head))
    assert article.title == "\u2018The Medium\u2019 is the message &amp; more"
    assert article.authors == ("Jos\u00e9 Garc\u00eda",)
    assert (article.section, article.site_name) == ("Arts & Culture", "Smith & Sons Gazette")


def test_meta_content_entities_are_not_decoded_twice() -> None:
    # lxml already decoded the attribute: "&amp;lt;" is the text "&lt;", kept as it is.
    head = ('<meta property="og:title" content="Tags like &amp;lt;p&amp;gt; explained">'
            '<meta property="og:site_name" content="A &amp;amp; B">')
    article = parse_file(_page(f"<article><p>{PROSE}</p><p>{PROSE}</p></article>", head))
    assert (article.title, article.site_name) == ("Tags like &lt;p&gt; explained", "A &amp; B")
