"""Hostile text dumps through every text-dump entry point (issue 9, item 2).

Each extractor gets the pathological inputs of ``benchmarks.hostile_text``: 100 KB single
lines of one repeated token (words, spaces, ``*``, ``[``, ``<!--``, ``1/1/``, ``By``, ...),
a dump of 100,000 short lines, a 1 MB line, and each long line inside an ordinary
article. The tests assert behaviour only: the call returns, or refuses the text with an
``InputError``; nothing else is raised.

Speed is not asserted here: ``python -m benchmarks.bench_parse`` times the same inputs and
prints them beside the targets. The ``timeout`` marks are a hang guard, far above any
linear run, so that a super-linear regex fails one test instead of stalling the suite.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType

import pytest

from benchmarks.hostile_text import hostile_lines, in_article, many_short_lines
from services.errors import InputError
from services.pipeline import wire
from services.pipeline.formats import dates, parse_file, textdump
from services.pipeline.formats import textdump_features as features
from services.pipeline.formats import textdump_meta as meta
from services.pipeline.formats import textdump_units as units
from tests.unit.regex_audit import module_source

LINE_CHARS = 100_000
LINES = hostile_lines(LINE_CHARS)
HANG_GUARD = pytest.mark.timeout(60)  # a guard against hangs, not a speed target


def _textdump_modules() -> Iterator[ModuleType]:
    package = importlib.import_module("services.pipeline.formats")
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("textdump"):
            yield importlib.import_module(f"{package.__name__}.{info.name}")
    yield dates
    yield wire


def _signatures(module: ModuleType) -> dict[str, ast.arguments]:
    """The parameters of the module's functions, read from its source (a compiled module's
    functions carry no annotations: services/pipeline/formats/compiled.py)."""
    tree = ast.parse(module_source(module))
    return {node.name: node.args for node in tree.body if isinstance(node, ast.FunctionDef)}


def _takes_text(args: ast.arguments) -> bool:
    """A function called with one string: ``f(text)``."""
    positional = [*args.posonlyargs, *args.args]
    first = positional[0] if positional else None
    return first is not None and first.annotation is not None \
        and ast.unparse(first.annotation) == "str" \
        and len(args.defaults) >= len(positional) - 1 \
        and all(default is not None for default in args.kw_defaults)


def _entry_points() -> dict[str, Callable[[str], object]]:
    """Every public text-taking function of the text-dump modules, by name, and the
    entry points that take the text in another shape."""
    found: dict[str, Callable[[str], object]] = {}
    for module in _textdump_modules():
        short = module.__name__.rsplit(".", 1)[-1]
        signatures = _signatures(module)
        for name in getattr(module, "__all__", ()):
            if name in signatures and _takes_text(signatures[name]):
                found[f"{short}.{name}"] = getattr(module, name)
    found["textdump.parse(in_article)"] = lambda text: textdump.parse(in_article(text))
    found["parse_file(.txt)"] = lambda text: parse_file(text.encode(), filename="dump.txt")
    found["textdump_features.context(units)"] = lambda text: features.context(
        features.unit_features(units.units(text)))
    found["wire.detect_wire(credits=)"] = lambda text: wire.detect_wire("", credits=text)
    for place in _meta_places():
        found[f"textdump_meta.read_meta({place}=)"] = _meta_reader(place)
    return found


def _meta_reader(place: str) -> Callable[[str], object]:
    return lambda text: _read_meta_with(place, [text])


def _meta_places() -> list[str]:
    """The line-list parameters of ``read_meta`` (header, footer, body tail, ...)."""
    args = _signatures(meta)["read_meta"]
    return [p.arg for p in [*args.args, *args.kwonlyargs]
            if p.annotation is not None
            and ast.unparse(p.annotation).replace(" ", "") in ("Sequence[str]", "list[str]")]


def _read_meta_with(place: str, lines: list[str]) -> object:
    empty: dict[str, list[str]] = {name: [] for name in _meta_places()}
    read_meta: Callable[..., object] = meta.read_meta  # called by parameter names found at run time
    return read_meta(**{**empty, place: lines})


ENTRY_POINTS = _entry_points()


def _survives(function: Callable[[str], object], text: str) -> None:
    """Returns, or refuses the text as input; any other exception fails the test."""
    with contextlib.suppress(InputError):
        function(text)


def test_every_named_entry_point_is_covered() -> None:
    expected = {"textdump.parse", "textdump.extract_body", "textdump_units.units",
                "textdump_units.clean_line", "dates.find_date", "wire.detect_wire",
                "textdump_rules.strip_markdown", "textdump_rules.byline_names",
                "textdump_features.context(units)", "textdump_meta.read_meta(header=)",
                "textdump_meta.read_meta(footer=)"}
    assert expected <= set(ENTRY_POINTS), sorted(expected - set(ENTRY_POINTS))


@HANG_GUARD
@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_long_pathological_line(entry: str, line: str) -> None:
    _survives(ENTRY_POINTS[entry], LINES[line])


# ``parse`` runs units, features, the model, the metadata readers and the wire detector;
# the others are what sees the whole text apart from it.
_WHOLE_TEXT = ("textdump.parse", "textdump_units.units", "dates.numeric_order_hint",
               "wire.detect_wire(credits=)", "textdump_meta.read_meta(header=)",
               "textdump_meta.read_meta(footer=)")


@pytest.fixture(scope="module")
def short_lines() -> str:
    return many_short_lines(100_000)


@HANG_GUARD
@pytest.mark.parametrize("entry", _WHOLE_TEXT)
def test_100k_short_lines(entry: str, short_lines: str) -> None:
    if entry.startswith("textdump_meta.read_meta"):
        place = entry.split("(")[1].rstrip("=)")
        _read_meta_with(place, short_lines.splitlines())
    else:
        _survives(ENTRY_POINTS[entry], short_lines)


@HANG_GUARD
@pytest.mark.parametrize("entry", ["textdump.parse", "textdump.extract_body",
                                   "textdump_units.clean_line", "textdump.parse(in_article)"])
@pytest.mark.parametrize("token", ["word ", "[a](", "1/1/"])
def test_one_megabyte_line(entry: str, token: str) -> None:
    _survives(ENTRY_POINTS[entry], (token * (1_000_000 // len(token)))[:1_000_000])


def test_the_hostile_search_builds_its_four_shapes_and_runs(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import hostile_search

    made = hostile_search.shapes("ab ", 1000)
    assert list(made) == list(hostile_search.SHAPES)
    assert len(made["line"]) == 1000 and made["line"] in made["line in article"]
    assert made["lines"].count("\n") == 1000 // 200 - 1
    assert hostile_search.main(["--combos", "0", "--size", "400"]) == 0
    assert "slowest at 400 characters" in capsys.readouterr().out
