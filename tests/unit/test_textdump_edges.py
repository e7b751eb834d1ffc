"""The region's edges: the edge scorer's walk over the paragraphs beyond the grown region,
and the fallback to units of prose when the best region holds no sentence.

Decisions are given by an ``accept`` callable here (as training gives them from the true
labels), so the walk is tested apart from what the shipped weights happen to decide.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt
import pytest

from services.pipeline.formats.textdump_features import FEATURES, unit_features
from services.pipeline.formats.textdump_model import (
    EDGE_FEATURES,
    Edges,
    Model,
    load_model,
    scores,
    select,
)
from services.pipeline.formats.textdump_units import Unit, units

_PARAGRAPH = ("The harbour board met on Thursday evening and agreed, after a long debate, "
              "to spend the reserve on dredging the channel before the summer season.")


def _page(*middle: str) -> list[Unit]:
    return units("\n\n".join(middle))


def _scores(found: list[Unit], high: set[int]) -> npt.NDArray[np.float64]:
    """Scores that make exactly the units in ``high`` the region."""
    return np.asarray([0.95 if i in high else 0.05 for i in range(len(found))])


def test_the_edge_walk_takes_what_accept_takes_and_stops_at_the_first_refusal() -> None:
    found = _page(*[f"{_PARAGRAPH} Part {n}." for n in range(8)])
    own = unit_features(found)
    p = _scores(found, {3, 4})
    asked: list[int] = []

    def accept(index: int, x: npt.NDArray[np.float64]) -> bool:
        assert x.shape == (len(EDGE_FEATURES),)
        asked.append(index)
        return index in (2, 5, 6)

    keep = select(found, load_model(), p=p, own=own, accept=accept)
    assert [i for i, k in enumerate(keep) if k] == [2, 3, 4, 5, 6]
    assert asked == [2, 1, 5, 6, 7]  # outwards from each edge, one refusal ends a side


def test_the_walk_never_crosses_a_date_line_or_a_byline() -> None:
    found = _page(_PARAGRAPH, "By Jane Doe", "March 14, 2024 at 9:05 AM",
                  *[_PARAGRAPH + f" ({n})" for n in range(20)], "First published 2024-03-14",
                  _PARAGRAPH)
    p = _scores(found, {10, 11})
    keep = select(found, load_model(), p=p, own=unit_features(found),
                  accept=lambda index, x: True)
    # the first paragraph under the date line to the last above "First published"
    assert [i for i, k in enumerate(keep) if k] == list(range(3, 23))


def test_the_walk_takes_at_most_a_bounded_number_of_paragraphs_a_side() -> None:
    found = _page(*[_PARAGRAPH + f" ({n})" for n in range(100)])
    p = _scores(found, {10, 11})
    keep = select(found, load_model(), p=p, own=unit_features(found),
                  accept=lambda index, x: True)
    assert [i for i, k in enumerate(keep) if k] == list(range(12 + 30))


def test_without_an_edge_scorer_the_region_ends_where_growth_stops() -> None:
    found = _page(*[f"{_PARAGRAPH} Part {n}." for n in range(6)])
    p = _scores(found, {2, 3})
    model = replace(load_model(), edges=None)
    assert [i for i, k in enumerate(select(found, model, p=p)) if k] == [2, 3]


def test_the_edge_scorer_round_trips_and_refuses_other_features() -> None:
    model = load_model()
    assert model.edges is not None
    assert Model.from_json(model.to_json()).to_json() == model.to_json()
    data = model.to_json()
    edges = dict(data["edges"])  # type: ignore[call-overload]
    edges["features"] = [*EDGE_FEATURES, "something_new"]
    with pytest.raises(ValueError, match="re-train"):
        Model.from_json({**data, "edges": edges})
    assert Model.from_json({**data, "edges": None}).edges is None


def test_an_edge_scorer_decides_by_the_sign_of_its_score() -> None:
    n = len(EDGE_FEATURES)
    yes = Edges(mean=np.zeros(n), scale=np.ones(n), weights=np.zeros(n), bias=0.5)
    no = replace(yes, bias=-0.5)
    x = np.ones(n)
    assert yes.accepts(0, x) and not no.accepts(0, x)


def test_known_scores_and_features_give_what_select_computes_itself() -> None:
    found = _page("Home | News | Sport", *ARTICLE_LINES, "Share this article")
    own = unit_features(found)
    assert own.shape[1] == len(FEATURES)
    p = scores(found, own=own)
    assert select(found, p=p, own=own) == select(found)


ARTICLE_LINES = [f"{_PARAGRAPH} It was the {n}th meeting this year." for n in range(1, 5)]


def test_a_region_without_a_sentence_gives_way_to_the_best_unit_of_prose() -> None:
    from services.pipeline.formats import textdump
    from services.pipeline.formats.textdump_features import unit_features

    found = _page("Home | World | Sport", _PARAGRAPH, "Login", "48 49 50 51", "Next page")
    p = np.asarray([0.05, 0.2, 0.05, 0.9, 0.05])  # page numbers outscore the article
    body, _ = textdump._scored_article(found, replace(load_model(), edges=None), p,
                                       unit_features(found))
    assert [u.text for u in body] == [_PARAGRAPH]


def test_word_counts_are_word_count_of_each_unit() -> None:
    from services.pipeline.formats.textdump_model import word_counts
    from services.pipeline.formats.textdump_units import word_count

    found = _page(_PARAGRAPH, "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3067\u3059",
                  "Caf\u00e9 cr\u00e8me \u2014 two words and a dash", "x", "\ud55c\uad6d\uc5b4 text")
    assert word_counts(found) == [word_count(u.text) for u in found]


# An image's alternative text repeated under every photo: long enough to pass for a
# sentence, and on the page more than once.
_ALT = "A view of the harbour from the breakwater at dusk with the dredger moored"


def test_growth_steps_over_a_unit_repeated_on_the_page_instead_of_ending_there() -> None:
    found = _page(f"{_PARAGRAPH} One.", f"{_PARAGRAPH} Two.", _ALT, f"{_PARAGRAPH} Three.",
                  _ALT, f"{_PARAGRAPH} Four.")
    p = np.asarray([0.95, 0.95, 0.2, 0.35, 0.2, 0.35])
    keep = select(found, replace(load_model(), edges=None), p=p, own=unit_features(found))
    assert [i for i, k in enumerate(keep) if k] == [0, 1, 3, 5]


def test_a_repeated_unit_inside_the_region_needs_the_regions_threshold() -> None:
    found = _page(f"{_PARAGRAPH} One.", _ALT, f"{_PARAGRAPH} Two.", f"{_PARAGRAPH} Three.",
                  f"{_PARAGRAPH} Four.", _ALT)
    p = np.asarray([0.95, 0.4, 0.95, 0.4, 0.95, 0.05])
    keep = select(found, replace(load_model(), edges=None), p=p, own=unit_features(found))
    # the repeated line goes; a paragraph scored the same, seen once, stays
    assert [i for i, k in enumerate(keep) if k] == [0, 2, 3, 4]


def test_a_repeated_unit_does_not_pull_the_region_its_way() -> None:
    # a teaser line shown at the top and the bottom, scored high, each far (more short
    # units than growth steps over) from the article's two paragraphs scored lower
    shorts = [f"Photo {n}" for n in range(8)]
    found = _page(_ALT, *shorts, f"{_PARAGRAPH} One.", f"{_PARAGRAPH} Two.", *shorts[::-1],
                  _ALT)
    p = np.full(len(found), 0.01)
    p[[0, len(found) - 1]] = 0.99
    p[[9, 10]] = 0.6
    keep = select(found, replace(load_model(), edges=None), p=p, own=unit_features(found))
    assert [i for i, k in enumerate(keep) if k] == [9, 10]


def test_the_pieces_cut_from_glued_lines_are_bounded_for_the_whole_dump() -> None:
    from services.pipeline.formats import textdump_units as tu

    glued = "".join(f"Harbour story number {n} in the news" for n in range(400))  # ("newsHarbour")
    assert len(list(tu._lines_unglued([glued]))) > 300  # (a page's glued line is cut)
    lines = [glued] * 6
    pieces = list(tu._lines_unglued(lines))
    # (the lines past the budget stay whole: at most one line's pieces more than it)
    assert len(pieces) <= tu._GLUE_PIECES + len(lines)
    assert sorted({index for index, _ in pieces}) == list(range(len(lines)))


def test_a_long_line_with_sentences_run_together_is_cut_at_them_and_only_there() -> None:
    from services.pipeline.formats import textdump_units as tu

    # get_text() of a page on one line: the article's last paragraph, a related list and
    # the footer run into each other at sentence ends, in a line too long (and too
    # sparse in glue) for the density rule; "WordPress" is not cut
    body = ("The harbour board met on Tuesday and agreed to reopen the old ferry landing, "
            "which has been closed since the storm, to the islanders who use it every day. ") * 3 \
        + "A WordPress page explains the timetable. "
    line = (body + "Tickets go on sale in the Fan Vote.You may also like more from the quay."
            "Registration on or use of this site constitutes acceptance of our User Agreement.")
    pieces = [text for _, text in tu._lines_unglued([line])]
    assert pieces == [body + "Tickets go on sale in the Fan Vote.", "You may also like more from the quay.",
                      "Registration on or use of this site constitutes acceptance of our User Agreement."]
    # one sentence run into the next is a typo, not a page's elements: left whole
    once = body + "It ends here.And starts again."
    assert [text for _, text in tu._lines_unglued([once])] == [once]
