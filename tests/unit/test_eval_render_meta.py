"""The real-page metadata check (``benchmarks.eval_render_meta``) counts what it says."""

from __future__ import annotations

from datetime import date

from benchmarks.eval_render_meta import Declared, declared, score

_BODY = (
    "The harbour board voted on Tuesday to rebuild the old swing bridge, closed to traffic since a"
    " storm cracked its deck two winters ago, at a cost of twelve million pounds.\n\n"
    "Work will start in the spring and take two years, the board said, with a ferry running for"
    " foot passengers while the crossing is shut.\n\n"
    "Traders on the quay welcomed the decision but asked for the ferry to run late on market days,"
    " when most of their customers cross from the town."
)


def _render(headline: str, byline: str, dated: str) -> str:
    return f"{headline}\n\n{byline}\n\n{dated}\n\n{_BODY}\n"


def test_declared_metadata_is_read_from_json_ld_and_meta_tags() -> None:
    html = (b'<html><head><title>Bridge | Harbour Herald</title>'
            b'<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Board votes to rebuild'
            b' the bridge", "datePublished": "2024-03-06T02:00:00+00:00", "author": {"@type": "Person",'
            b' "name": "Jane Doe"}}</script></head><body><p>x</p></body></html>')
    found = declared(html)
    assert (found.title, found.authors, found.day) == ("Board votes to rebuild the bridge", ["Jane Doe"],
                                                        date(2024, 3, 6))


def test_titles_count_only_where_printed_and_dates_within_a_day() -> None:
    pages = {
        # (printed in New York the evening before the UTC date declared: agrees)
        "a": Declared("Board votes to rebuild the bridge", ["Jane Doe"], date(2024, 3, 6)),
        # (a declared SEO title the render never prints is not counted; two days off disagrees)
        "b": Declared("Bridge rebuild: all you need to know", ["Jane Doe", "John Roe"], date(2024, 3, 8)),
    }
    renders = {
        "a": _render("Board votes to rebuild the bridge", "By Jane Doe", "March 5, 2024"),
        "b": _render("Board votes to rebuild the bridge", "By John Roe and Jane Doe", "March 6, 2024"),
    }
    misses: list[str] = []
    counts = score("lynx", renders, pages, misses)
    assert (counts["title_pages"], counts["title"]) == (1, 1)
    assert (counts["date_pages"], counts["date"], counts["date_none"]) == (2, 1, 0)
    # ("b": both names, in another order: all agree, not the first)
    assert (counts["author_pages"], counts["first"], counts["all"], counts["author_none"]) == (2, 1, 2, 0)
    assert len(misses) == 1 and "date: declared 2024-03-08" in misses[0]


def test_a_long_declared_title_cut_short_agrees_with_the_whole_headline() -> None:
    long = ("Harbour board votes to rebuild the old swing bridge and run a ferry for foot passengers while"
            " the crossing is shut")
    cut = long[:95]
    pages = {"a": Declared(cut, [], None), "b": Declared("Board votes to rebuild", [], None)}
    renders = {"a": _render(long, "By Jane Doe", "March 5, 2024"),
               "b": _render("Board votes to rebuild the bridge", "By Jane Doe", "March 5, 2024")}
    counts = score("lynx", renders, pages)
    # ("a": 95 characters declared, the headline starts with them; "b": a short declared
    # title is no cut one, and the headline must equal it)
    assert (counts["title_pages"], counts["title"]) == (2, 1)


def test_sites_count_only_where_printed() -> None:
    pages = {"a": Declared("Board votes to rebuild the bridge", [], None, "The Harbour Herald"),
             "b": Declared("Board votes to rebuild the bridge", [], None, "Harbour Network")}
    render = _render("Board votes to rebuild the bridge", "By Jane Doe", "March 5, 2024") \
        + "\n© 2024 The Harbour Herald\n"
    counts = score("lynx", {"a": render, "b": render}, pages)
    # ("b": a declared name the render never prints is not counted)
    assert (counts["site_pages"], counts["site"]) == (1, 1)
