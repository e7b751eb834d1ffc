"""The text-dump body extractor: units, the shipped model, region selection.

The pages here are synthetic and written for these tests (not the fixtures, not the
benchmark pages the model was trained on); each holds an article among the furniture a
flattening tool leaves, in the layout of one tool.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

import numpy as np
import pytest

from services.pipeline.formats.textdump import extract_body
from services.pipeline.formats.textdump_features import FEATURES, context, unit_features
from services.pipeline.formats.textdump_model import Model, load_model
from services.pipeline.formats.textdump_units import clean_line, units

ARTICLE = [
    ("The county council voted on Tuesday to reopen the old ferry landing at Marsh Point, "
    "ending a four-year closure that forced commuters onto a long detour by road."),
    ("Engineers said the timber pier had been rebuilt with steel piles and would carry "
    "twice the load of the original structure, which dated from the 1930s."),
    ("Residents who spoke at the meeting welcomed the decision but asked the council to "
    "keep fares at the level they were before the landing was closed."),
    ("The first crossings are expected in the spring, once the operator has finished "
    "training new crew and the harbour authority has signed off on the moorings."),
]


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(indent) + len(current) + 1 + len(word) > width:
            lines.append(indent + current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(indent + current)
    return lines


def _lynx_page() -> str:
    lines = ["   [1]Skip to content", "", "     * [2]Home", "     * [3]News", "     * [4]Sport",
             "     * [5]Weather", "", "Ferry landing at Marsh Point to reopen", "",
             "   By [6]Ruth Ellery", ""]
    for paragraph in ARTICLE:
        lines += [*_wrap(paragraph, 77, "   "), ""]
    lines += ["   [7]Share on Facebook [8]Share on X [9]Email", "", "   Related", "",
              "     * [10]Bridge repairs delayed again", "     * [11]Bus fares rise in April",
              "", "References", "", "   1. https://example.org/#main",
              "   2. https://example.org/", "   3. https://example.org/news"]
    return "\n".join(lines)


def _get_text_page() -> str:
    """One element per line, paragraphs cut at their links, as ``get_text("\\n")`` writes."""
    nav = ["Home", "News", "Sport", "Business", "Opinion", "Weather", "Subscribe", "Sign in"]
    head = ["Ferry landing at Marsh Point to reopen", "Ruth Ellery", "12 March 2024"]
    before, after = ARTICLE[0].split(" Marsh Point")
    body = [before, "Marsh Point", after, "", *ARTICLE[1:]]  # a link cut the sentence
    tail = ["", "Most read", "Bridge repairs delayed again", "Bus fares rise in April",
            "Cookie settings", "Privacy policy", "© 2024 The Estuary Times"]
    return "\n".join([*nav, "", *head, "", *body, *tail])


def _markdown_page() -> str:
    lines = ["[Skip to content](#main)", "", "  * [Home](https://example.org/)",
             "  * [News](https://example.org/news)", "", "# Ferry landing at Marsh Point to reopen",
             "", "_By [Ruth Ellery](https://example.org/staff/ruth)_", ""]
    first = ARTICLE[0].replace("ferry landing", "[ferry landing](https://example.org/ferry-\n"
                                                 "history)")
    lines += [first, ""]
    for paragraph in ARTICLE[1:]:
        lines += [*_wrap(paragraph, 78), ""]
    lines += ["**Advertisement**", "", "## Most read", "",
              "  * [Bridge repairs delayed again](https://example.org/a)",
              "  * [Bus fares rise in April](https://example.org/b)"]
    return "\n".join(lines)


def _tokens(text: str) -> list[str]:
    return text.replace("\n\n", " ").split()


@pytest.mark.parametrize("page", [_lynx_page, _get_text_page, _markdown_page],
                         ids=["lynx", "get_text", "markdown"])
def test_the_article_and_nothing_else(page: Callable[[], str]) -> None:
    body = extract_body(page())
    assert _tokens(body) == _tokens(" ".join(ARTICLE))


def test_wrapped_lines_join_and_list_items_do_not() -> None:
    found = units(_lynx_page())
    texts = [u.text for u in found]
    assert ARTICLE[0] in texts  # five wrapped lines became one unit
    assert "Home" in texts and "News" in texts  # bullets stay apart
    assert next(u for u in found if u.text == "Home").bullet


def test_a_lynx_list_of_link_targets_makes_no_units() -> None:
    page = _lynx_page()
    listed = page.splitlines().index("References")
    # the list's lines (an address that cleans to a word, labels) are not units
    page += "\n\n   Hidden links:\n   4. mailto:desk@example.org\n  12. javascript:void(0)"
    found = units(page)
    assert found[-1].text == "Bus fares rise in April"
    assert all(u.last < listed for u in found)
    # the same lines with prose after them are not a closing list: they stay
    tail = units(page + "\n\nThe ferry runs every hour from Monday.")
    assert tail[-1].text == "The ferry runs every hour from Monday."
    assert any(u.first > listed for u in tail[:-1])


def test_an_elinks_list_of_link_targets_makes_no_units() -> None:
    """elinks lays its list out otherwise: labels without a colon, a titled link's number
    and title over its address, hidden links as bare indented addresses."""
    page = _lynx_page().split("\nReferences\n")[0]
    listed = len(page.splitlines()) + 1
    page += ("\nReferences\n\n   Visible links\n   1. https://example.org/#main\n"
             "   2. Posts by Ruth Ellery\n\thttps://example.org/staff/ruth\n"
             "  13. https://example.org/news\n\n   Hidden links:\n\thttps://example.org/a\n"
             "\tmailto:desk@example.org")
    found = units(page)
    assert found[-1].text == "Bus fares rise in April"
    assert all(u.last < listed for u in found)
    # a numbered line of words with no address under it is not a titled link: no list
    tail = units(page.replace("\thttps://example.org/staff/ruth\n", ""))
    assert any("Posts by Ruth Ellery" in u.text for u in tail)


def test_a_page_written_one_paragraph_per_line_is_not_rewrapped() -> None:
    lines = [*ARTICLE, "Short line.", *ARTICLE]
    assert [u.text for u in units("\n".join(lines))] == lines


def test_clean_line_counts_the_markup_it_removes() -> None:
    lynx = clean_line("   * [12]Bridge repairs delayed [13]again")
    assert (lynx.text, lynx.bullet, lynx.links) == ("Bridge repairs delayed again", True, 2)
    markdown = clean_line("See [the report](https://example.org/a_(b) \"Title\") and "
                          "![map](https://example.org/m.png) **now**")
    assert (markdown.text, markdown.links) == ("See the report and now", 1)
    assert markdown.link_chars == len("the report")
    escaped = clean_line(r"1\. Prices rose 3\.5 per cent \- the most since 2019")
    assert escaped.text == "Prices rose 3.5 per cent - the most since 2019"
    assert clean_line("(BUTTON) Accept all").placeholders == 1


def test_cjk_text_is_measured_by_terminal_columns() -> None:
    sentence = "今日は晴れです。" * 6
    lines = [sentence[:38], sentence[38:]]  # a wrapper breaks CJK text anywhere
    found = units("\n\n".join(["\n".join(lines)] * 8))
    assert len(found) == 8 and found[0].text == sentence


def test_the_shipped_model_matches_the_features_and_loads_once() -> None:
    model = load_model()
    assert load_model() is model
    rows = context(unit_features(units(_lynx_page())))
    assert rows.shape[1] == model.weights.shape[0] == model.mean.shape[0]
    data = json.loads(resources.files("services.pipeline.formats")
                      .joinpath("textdump_model.json").read_text("utf-8"))
    assert data["features"] == list(FEATURES)


def test_a_model_made_for_other_features_is_refused() -> None:
    data = load_model().to_json()
    data["features"] = [*FEATURES, "something_new"]
    with pytest.raises(ValueError, match="re-train"):
        Model.from_json(data)


def test_training_is_deterministic() -> None:
    from benchmarks.train_textdump import fit

    rng = np.random.default_rng(7)
    x = rng.normal(size=(200, 5))
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(float)
    w = np.ones(200)
    first, second = fit(x, y, w), fit(x, y, w)
    assert all(np.array_equal(a, b) for a, b in zip(first[:3], second[:3], strict=True))
    assert first[2][0] > first[2][1] > 0  # it learnt the rule it was shown


def test_no_prose_no_body() -> None:
    menu = "\n".join(f"* [{n}]Section {n}" for n in range(40))
    assert len(extract_body(menu).split()) < 20


def test_a_dump_opening_with_a_bracketed_label_is_text_not_json() -> None:
    from services.pipeline.formats import parse_file

    page = "[logo] The Estuary Times\n\n" + "\n\n".join(ARTICLE) + "\n\n[Back to top]"
    article = parse_file(page.encode("utf-8"), filename="page.txt")
    assert article.source_format == "text"
    assert _tokens(article.body) == _tokens(" ".join(ARTICLE))


def test_a_dump_that_only_looks_like_json_is_read_as_text() -> None:
    from services.pipeline.formats import parse_file

    page = "[1]Home [2]News\n\n" + "\n\n".join(ARTICLE) + "\n\n[3]Back to top [4]"
    article = parse_file(page.encode("utf-8"), filename="page.txt")
    assert article.source_format == "text"
    assert _tokens(article.body) == _tokens(" ".join(ARTICLE))
