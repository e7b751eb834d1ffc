"""The text-dump parser's regular expressions are linear (issue 9, item 2).

``regex_audit`` parses each pattern with Python's own regex parser and flags the shapes
that backtrack super-linearly: nested unbounded repeats, adjacent unbounded repeats over
the same characters, and searches that rescan a long run from every start inside it.
The first tests prove the auditor catches known-bad patterns and passes known-good ones;
the last walk every pattern the text-dump modules hold (module globals, patterns inside
tuples, lists and dicts, and literal patterns written into ``re.search(...)`` calls) and
name each offender with its module, its name and the offending sub-pattern.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from tests.unit.regex_audit import Finding, audit, audit_module, patterns_in

_FORMATS = "services.pipeline.formats"
# Every module of services/pipeline (issue 10): formats/* (the text-dump modules, dates,
# detect, decode, feed, html_meta, limits, ...), dedup/*, enrich/*, wire, normalise, and
# any added since. (Not the compiled text-dump modules' shared library, which has no
# source of its own: compiled.py.)
MODULES = tuple(sorted(
    info.name for info in pkgutil.walk_packages(
        importlib.import_module("services.pipeline").__path__, "services.pipeline.")
    if not info.name.endswith("__mypyc")
))


def _kinds(pattern: str, **options: bool) -> set[str]:
    return {finding.kind for finding in audit(pattern, **options)}


# --- the auditor itself ----------------------------------------------------------------

@pytest.mark.parametrize(("pattern", "kind"), [
    (r"(a+)+", "nested"),
    (r"(\w+\s?)+", "nested"),
    (r"(?:a*b*)*c", "nested"),
    (r"(?:[^,]*,?)*$", "nested"),
    (r"(?:x\w+y?)+", "nested"),  # "x" is a word character: the inner run eats the next x
    (r"(?:\w+\s?){0,2000}", "nested"),  # a large bound does not make it linear
    (r"(?i:(?:A+)+)", "nested"),
    (r".*.*x", "adjacent"),
    (r"\s*\s*", "adjacent"),
    (r"\w+\s?\w+", "adjacent"),  # the space between is optional
    (r".{12,}?\s*\|", "adjacent"),  # lazy or greedy alike
    (r"\s*(?:[ap]m)?\s*x", "adjacent"),
    (r"(?:foo\s*)?\s+bar", "adjacent"),  # the first run ends inside an optional group
    (r"a\s*(?=\s)\s*", "adjacent"),  # a zero-width item between does not separate them
    (r"[a-z]+(?i:[A-Z])*", "adjacent"),  # IGNORECASE: [A-Z] matches the same letters
    (r"\[[^\]]*\]", "rescan"),  # "[[[[[...": every "[" scans to the end of the line
    (r"\s+$", "rescan"),  # trailing white space: the classic
    (r"[\w.+-]+@\w+", "rescan"),
    (r"(?m)^\s*x", "rescan"),  # \s crosses the newline a new line's ^ starts after
    (r"(?i)\bmon[a-z]*\s+x", "rescan"),  # "MondayMondayMonday..."
])
def test_auditor_flags_known_bad_patterns(pattern: str, kind: str) -> None:
    found = audit(pattern)
    assert kind in {f.kind for f in found}, f"{pattern!r} not flagged as {kind}: {found}"


@pytest.mark.parametrize("pattern", [
    r"(?:[^()\s]|\([^()\s]{0,200}\)){0,2000}",  # bounded everywhere
    r"[^\]\n]{0,500}",
    r"\s*\S*",  # adjacent, but over disjoint characters
    # Anchored, so only nesting and adjacency count (searched, each would rescan a run):
    r"^(?:\s+\w+)*\.",  # an iteration must start with a space, which \w+ cannot take
    r"^(?:\w+\s)+\s*x",  # ... and after its space, a word: no split to choose
    r"^(?:\s+[A-Z][\w.]*)*\s*\(",  # the loop needs a capital after its spaces
    r"\w+(?:,\s*\w+)*",
    r"\|.*\|",  # a later start is the very "|" the rest needs
    r"(?s)\bby\s+(?P<names>[A-Z].+)$",  # .+ with DOTALL reaches the end, where $ holds
    r"^\s+x",  # anchored: one start per line
    r"\s*+\s*",  # possessive: no backtracking into the first run
    r"(?>\s*)\s*",
    r"\b(?:https?://|www\.)[^\s)\]]{1,2000}",
    r"[.!?][\"')]?\s+(?=[\"(]?[A-Z0-9])",  # the run (spaces) cannot hold a start
    r"(?:\s?[A-Z][a-z]{0,20}){1,5}",
])
def test_auditor_passes_linear_patterns(pattern: str) -> None:
    assert audit(pattern) == []


def test_match_only_use_is_anchored() -> None:
    assert "rescan" in _kinds(r"\s+x")
    assert "rescan" not in _kinds(r"\s+x", anchored=True)


def test_module_list_holds_the_named_modules() -> None:
    for name in ("textdump", "textdump_units", "textdump_features", "textdump_model",
                 "textdump_meta", "textdump_rules", "dates", "detect", "decode", "feed",
                 "html_meta", "limits", "jsondoc", "warc"):
        assert f"{_FORMATS}.{name}" in MODULES
    for name in ("wire", "normalise", "enrich.linklists", "enrich.entities",
                 "enrich.sentiment", "dedup.signature"):
        assert f"services.pipeline.{name}" in MODULES


def test_module_walk_finds_nested_containers_and_inline_patterns() -> None:
    wire = importlib.import_module("services.pipeline.wire")
    names = {name for name, _, _ in patterns_in(wire)}
    assert {"_DATELINE", "_BARE_DATELINE", "_CREDITS[0]", "_CREDITS[6]"} <= names
    dates = importlib.import_module("services.pipeline.formats.dates")
    found = {name: anchored for name, _, anchored in patterns_in(dates)}
    assert "_PATTERNS[0][1]" in found
    inline = [name for name in found if "re.fullmatch" in name]
    assert inline and all(found[name] for name in inline)  # re.fullmatch(...) is anchored


def test_finding_names_module_pattern_and_subpattern() -> None:
    finding = audit(re.compile(r"x(\w+\s?)+y"))[0]
    text = str(Finding(finding.kind, finding.subpattern, finding.detail, "mod", "_NAME"))
    assert text.startswith("mod._NAME: [nested] (\\w+\\s?)+")


# --- every module of services/pipeline --------------------------------------------------


def _report(findings: list[Finding]) -> str:
    return "\n".join(f"  {finding}" for finding in findings)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.rsplit(".", 1)[-1])
def test_no_nested_or_adjacent_unbounded_repeats(module: str) -> None:
    """Exponential (nested) or quadratic-per-start (adjacent) backtracking."""
    found = audit_module(importlib.import_module(module), kinds=("nested", "adjacent"))
    if found:
        pytest.fail(f"{len(found)} super-linear pattern(s) in {module}; bound the inner or "
                    f"one of the adjacent repeats ({{0,N}}):\n{_report(found)}", pytrace=False)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.rsplit(".", 1)[-1])
def test_no_search_rescans_an_unbounded_run(module: str) -> None:
    """Quadratic per line: a search restarting inside a long run scans it again."""
    found = audit_module(importlib.import_module(module), kinds=("rescan",))
    if found:
        pytest.fail(f"{len(found)} pattern(s) in {module} rescan a run from each start; bound "
                    f"the run ({{0,N}}), keep it off the start characters, or anchor the "
                    f"pattern:\n{_report(found)}", pytrace=False)


def test_find_date_shortcuts_are_exact() -> None:
    """``find_date`` searches from ``_YEAR_LEAD`` characters before the first year, and
    only ``_DATE_CHARS`` past the best date so far: no date pattern may put more than the
    first before its year, nor match as much as the second."""
    import re._parser as sre_parse

    dates = importlib.import_module("services.pipeline.formats.dates")
    for kind, pattern in dates._PATTERNS:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        year = pattern.groupindex["year"]
        lead = 0
        for item in parsed:
            if item[0] is sre_parse.SUBPATTERN and item[1][0] == year:
                break
            lead += sre_parse.SubPattern(parsed.state, [item]).getwidth()[1]
        else:  # a top-level group is a required one; nested or absent is not enough
            pytest.fail(f"{kind}: the year is not a required top-level group")
        assert lead <= dates._YEAR_LEAD, f"{kind}: up to {lead} characters before the year"
        width = parsed.getwidth()[1]
        assert width < dates._DATE_CHARS, f"{kind}: a match can be {width} characters long"


@pytest.mark.parametrize(("module", "pattern", "limit"), [
    ("textdump_rules", "_LINK_TAIL", "_LINK_TAIL_CHARS"),
    ("textdump_lines", "_LONE_MARKER", "_LONE_MARKER_CHARS"),
])
def test_end_anchored_shortcuts_are_exact(module: str, pattern: str, limit: str) -> None:
    """A pattern that ends at ``$`` is only tried on the last (or a short) text of so
    many characters: no match may be longer, a newline before the end included."""
    import re._parser as sre_parse

    found = importlib.import_module(f"services.pipeline.formats.{module}")
    compiled = getattr(found, pattern)
    width = sre_parse.parse(compiled.pattern, compiled.flags).getwidth()[1]
    assert width + 1 <= getattr(found, limit), f"{pattern}: a match can be {width} long"
