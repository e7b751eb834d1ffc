"""The text-dump parser's learned byline fallback (services/pipeline/formats/textdump_byline.py):
its candidates, the names it never takes, its thresholds, the shipped model and its place
in ``textdump.parse`` (only where no rule finds an author)."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import pytest

from services.pipeline.formats import textdump
from services.pipeline.formats.textdump_byline import (
    FEATURES,
    BylineModel,
    Candidate,
    candidates,
    choose,
    fallback_authors,
    load_byline_model,
)
from services.pipeline.formats.textdump_lines import Line

BODY = (
    "Commuters on the harbour ferries will see fewer sailings from Monday, the operator said, "
    "after a shortage of qualified crew forced it to cut the evening timetable.\n\n"
    "Passenger groups said the cuts would hit shift workers hardest, as the last evening "
    "sailings are the only way home for many hospital and hotel staff."
)

DUMP = f"""Harbour Gazette

  * News
  * Sport

Ferry timetable changes from Monday after crew shortage

Monday 3 March 2025

{BODY}

"We know this is frustrating, and we are sorry," a spokesperson said. "We are
recruiting as fast as the training rules allow, and we expect the full
timetable to return before the winter school holidays."

STORY

Related stories
"""


def _lines(*texts: str) -> list[Line]:
    return [Line(text, text) for text in texts]


def _names(head: list[Line], foot: list[Line] | None = None, *, body: str = BODY) -> set[str]:
    found = candidates(head, foot or [], body=body, title="Ferry timetable changes",
                       given=load_byline_model().given)
    return {c.name for c in found}


def test_the_shipped_model_loads_and_reads_these_features() -> None:
    model = load_byline_model()
    assert len(model.weights) == len(model.mean) == len(model.scale) == len(FEATURES)
    assert 0.5 <= model.threshold <= model.trailer < 1
    assert {"marguerite", "john", "aisha"} <= model.given
    assert "getty" not in model.given
    assert BylineModel.from_json(model.to_json()) == model


def test_a_model_made_for_other_features_is_refused() -> None:
    data = load_byline_model().to_json()
    data["features"] = [*FEATURES[:-1], "something_else"]
    with pytest.raises(ValueError, match="other features"):
        BylineModel.from_json(data)


def test_the_model_file_ships_inside_the_package() -> None:
    text = resources.files("services.pipeline.formats").joinpath("textdump_byline.json").read_text("utf-8")
    assert json.loads(text)["features"] == list(FEATURES)


def test_a_labelled_name_is_a_candidate_with_its_features() -> None:
    found = candidates([], _lines("Story: Marguerite Okonjo"), body=BODY, title="Ferry",
                       given=frozenset({"marguerite"}))
    [okonjo] = [c for c in found if c.name == "Marguerite Okonjo"]
    features = dict(zip(FEATURES, okonjo.features, strict=True))
    assert features["label"] == 1.0 and features["given_first"] == 1.0
    assert features["in_footer"] == 1.0 and features["org_word"] == 0.0


@pytest.mark.parametrize("line", [
    "Getty Images",  # an agency of images
    "Rural Affairs",  # a desk
    "Harbour News Desk",
    "Photo: Marguerite Okonjo",  # a credit's label
    "Marguerite Okonjo/Getty",  # a photographer and her agency
    "Reuters / Marguerite Okonjo",
])
def test_organisations_and_credits_are_no_candidates(line: str) -> None:
    assert not _names([], _lines(line)) & {"Getty Images", "Rural Affairs", "Harbour News",
                                           "News Desk", "Marguerite Okonjo"}


def test_a_press_contact_is_no_candidate_unless_a_byline_label_names_it() -> None:
    contact = _lines("Media Contact", "Marguerite Okonjo, Public Affairs Manager", "Phone: 906-555-0148")
    assert "Marguerite Okonjo" not in _names([], contact)
    # (a byline's label wins: "By Jane Doe" over a "Contact us" link)
    assert "Marguerite Okonjo" in _names(_lines("Contact us", "By Marguerite Okonjo"))


def test_someone_the_body_is_about_in_a_teaser_sentence_is_no_candidate() -> None:
    body = BODY + "\n\nOperator boss Marguerite Okonjo said the shortage would last weeks."
    teaser = _lines("The shortage has hit the operator and its boss Marguerite Okonjo hard this year.")
    assert "Marguerite Okonjo" not in _names(teaser, body=body)
    # (but the same name opening a line, an author's bio, is one)
    bio = _lines("Marguerite Okonjo is our transport reporter and has covered the harbour for years.")
    assert "Marguerite Okonjo" in _names(bio, body=body)


def _candidate(name: str, place: int, row: int = 0, start: int = 0) -> Candidate:
    return Candidate(name, (0.0,) * len(FEATURES), place, row, start, start + len(name.split()))


def test_a_name_after_the_body_needs_the_stricter_trailer_threshold() -> None:
    header, trailer = [_candidate("Jane Doe", 0)], [_candidate("Jane Doe", 2)]
    assert choose(header, [0.75], threshold=0.7, also=0.5, trailer=0.8)[0] == ["Jane Doe"]
    assert choose(trailer, [0.75], threshold=0.7, also=0.5, trailer=0.8)[0] == []
    assert choose(trailer, [0.85], threshold=0.7, also=0.5, trailer=0.8)[0] == ["Jane Doe"]
    assert choose(header, [0.65], threshold=0.7, also=0.5, trailer=0.8)[0] == []


def test_the_fallback_names_the_author_the_rules_miss() -> None:
    dump = DUMP.replace("STORY", "Story: Marguerite Okonjo")
    assert textdump.parse(dump, byline_fallback=False).authors == ()
    assert textdump.parse(dump).authors == ("Marguerite Okonjo",)


@pytest.mark.parametrize("line", ["Getty Images", "Marguerite Okonjo/Getty", "Photo: Marguerite Okonjo",
                                  "Rural Affairs"])
def test_the_fallback_gives_no_author_to_a_page_that_names_none(line: str) -> None:
    assert textdump.parse(DUMP.replace("STORY", line)).authors == ()


def test_the_fallback_never_replaces_the_rules_author() -> None:
    dump = DUMP.replace("Monday 3 March 2025", "By Tobias Wren\n\nMonday 3 March 2025") \
        .replace("STORY", "Story: Marguerite Okonjo")
    assert textdump.parse(dump).authors == textdump.parse(dump, byline_fallback=False).authors == ("Tobias Wren",)


def test_fallback_authors_reads_the_blocks_it_is_given() -> None:
    model = load_byline_model()
    names = fallback_authors([], _lines("Story: Marguerite Okonjo"), [], body=BODY, title="Ferry",
                             site=None, model=model)
    assert names == ["Marguerite Okonjo"]
    # (a model whose bias finds nobody)
    quiet = dataclasses.replace(model, bias=-50.0)
    assert fallback_authors([], _lines("Story: Marguerite Okonjo"), [], body=BODY, title="Ferry",
                            site=None, model=quiet) == []


@pytest.mark.parametrize(("field", "value"), [("bias", "high"), ("weights", 3.0), ("given", [1, 2])])
def test_a_malformed_model_file_is_refused(field: str, value: object) -> None:
    data = load_byline_model().to_json()
    data[field] = value
    with pytest.raises(TypeError, match="byline model"):
        BylineModel.from_json(data)


def test_someone_a_sentence_describes_in_a_post_no_writer_holds_is_never_chosen() -> None:
    dump = DUMP.replace("STORY", "Story: Marguerite Okonjo")
    assert textdump.parse(dump).authors == ("Marguerite Okonjo",)
    source = DUMP.replace("STORY", "Maria Lopez is director of the city's emergency services department.")
    assert textdump.parse(source).authors == ()
    [lopez] = [c for c in candidates([], _lines("Maria Lopez is director of the city's emergency services."),
                                     body=BODY, given=frozenset()) if c.name == "Maria Lopez"]
    assert lopez.vetoed
    assert choose([lopez], [0.99], threshold=0.7, also=0.5) == ([], 0.0)
    # (a writer's bio is not vetoed)
    [bio] = [c for c in candidates([], _lines("Maria Lopez is a senior reporter covering the city's services."),
                                   body=BODY, given=frozenset()) if c.name == "Maria Lopez"]
    assert not bio.vetoed
