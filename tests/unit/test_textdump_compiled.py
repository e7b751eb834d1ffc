"""The compiled text-dump parser (services/pipeline/formats/compiled.py, setup.py): the
same results as the Python one, and never an extension built from an older source."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from services.errors import InputError
from services.pipeline.formats import compiled

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "textdump"
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
MODULES = ("alpha", "beta")

needs_compiled = pytest.mark.skipif(compiled.mode() != "compiled",
                                    reason=f"the text-dump parser runs as {compiled.mode()}")


def _group(folder: Path, *, built: tuple[str, ...] = MODULES, stamp: bool = True) -> Path:
    for name in MODULES:
        (folder / f"{name}.py").write_text(f"NAME = {name!r}\n")
    for name in built:
        (folder / f"{name}{SUFFIX}").write_bytes(b"")
    if stamp:
        (folder / compiled.STAMP).write_text(json.dumps(
            {name: hashlib.sha256((folder / f"{name}.py").read_bytes()).hexdigest()
             for name in MODULES}))
    return folder


def _reason(folder: Path, environ: dict[str, str] | None = None) -> str | None:
    return compiled.pure_python_reason(folder, environ or {}, MODULES)


def test_a_group_built_from_its_sources_runs_compiled(tmp_path: Path) -> None:
    assert _reason(_group(tmp_path)) is None


def test_an_edited_source_is_read_as_python(tmp_path: Path) -> None:
    folder = _group(tmp_path)
    with (folder / "beta.py").open("a") as source:
        source.write("# edited\n")
    assert _reason(folder) == "beta.py changed since it was compiled (pip install again to compile it)"


def test_a_partial_build_a_missing_stamp_or_the_switch_mean_python(tmp_path: Path) -> None:
    assert _reason(_group(tmp_path, built=())) == "not compiled by this install"
    partial = tmp_path / "partial"
    partial.mkdir()
    assert _reason(_group(partial, built=("alpha",))) == "beta has no compiled module"
    unstamped = tmp_path / "unstamped"
    unstamped.mkdir()
    assert _reason(_group(unstamped, stamp=False)) == f"{compiled.STAMP} is missing or unreadable"
    switched = tmp_path / "switched"
    switched.mkdir()
    assert _reason(_group(switched), {compiled.FORCE_PURE: "1"}) == f"{compiled.FORCE_PURE} is set"


def test_ci_runs_the_compiled_parser() -> None:
    """CI installs copydesk as the README says, which compiles the parser: the benchmark
    figures in the README are the compiled parser's."""
    if not os.environ.get("CI"):
        pytest.skip("only CI promises a compiler")
    assert compiled.mode() == "compiled"


# Parsed in a fresh interpreter, with the parser compiled or not: every field, or the
# rejection's code, of each fixture, the seed and each hostile line (alone and in an article).
_PARSE_ALL = """
import dataclasses, json, sys
from pathlib import Path
from benchmarks.hostile_text import hostile_lines, in_article
from services.errors import InputError
from services.pipeline.formats import compiled, textdump
texts = [p.read_text("utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
texts += [t for line in hostile_lines(3000).values() for t in (line, in_article(line))]
texts.append(sys.argv[2])
out = []
for text in texts:
    try:
        out.append(json.loads(json.dumps(dataclasses.asdict(textdump.parse(text)), default=str)))
    except InputError as error:
        out.append(error.code)
# (how each module of the group was loaded: all as extensions, or all from their sources)
loaded = {sys.modules[f"{compiled.PACKAGE}.{name}"].__file__.endswith(".py") for name in compiled.MODULES
          if f"{compiled.PACKAGE}.{name}" in sys.modules}
print(json.dumps({"mode": compiled.mode(), "results": out,
                  "sources": sorted("source" if py else "extension" for py in loaded)}))
"""


# Capital sigmas at words' ends: mypyc's own ``str.lower`` makes them medial (σ), Python
# final (ς); whatever the parser lower-cases must not reach its results differently.
GREEK = (
    "ΠΟΛΙΤΙΚΗ | ΕΙΔΗΣΕΙΣ\n\nΟΙ ΕΚΛΟΓΕΣ ΣΤΗΝ ΑΘΗΝΑ ΚΑΙ Ο ΝΕΟΣ ΔΗΜΑΡΧΟΣ\n\n"
    "Του ΓΙΩΡΓΟΥ ΠΑΠΑΔΟΠΟΥΛΟΣ\n12 Μαρτίου 2024\n\n"
    "Η ΚΥΒΕΡΝΗΣΗ ανακοίνωσε σήμερα ότι οι εκλογές θα γίνουν τον Οκτώβριο, σύμφωνα με τους "
    "ΥΠΟΥΡΓΟΥΣ της χώρας και τους εκπροσώπους των κομμάτων της ΑΝΤΙΠΟΛΙΤΕΥΣΗΣ.\n\n"
    "Ο ΠΡΩΘΥΠΟΥΡΓΟΣ δήλωσε ότι η απόφαση ελήφθη μετά από μακρές συζητήσεις με όλους τους "
    "ΦΟΡΕΙΣ και τις ΟΡΓΑΝΩΣΕΙΣ της κοινωνίας, και ότι οι ΠΟΛΙΤΕΣ θα ενημερωθούν εγκαίρως.\n\n"
    "ΠΗΓΗ: ΕΙΔΗΣΕΙΣ ΑΘΗΝΩΝ\n"
)


def _parsed(environ: dict[str, str], pythonpath: Path = REPO) -> dict[str, object]:
    env = {**os.environ, **environ, "PYTHONPATH": str(pythonpath)}
    done = subprocess.run([sys.executable, "-c", _PARSE_ALL, str(FIXTURES), GREEK], env=env,
                          capture_output=True, text=True, check=True, timeout=300, cwd=pythonpath)
    result: dict[str, object] = json.loads(done.stdout)
    return result


@needs_compiled
def test_the_compiled_parser_gives_the_python_parsers_results() -> None:
    fast, plain = _parsed({}), _parsed({compiled.FORCE_PURE: "1"})
    assert (fast["mode"], plain["mode"]) == ("compiled", f"python ({compiled.FORCE_PURE} is set)")
    # (the modules imported by the package before the choice is made, ``dates``, are
    # loaded the same way as the rest: the mode says what runs)
    assert (fast["sources"], plain["sources"]) == (["extension"], ["source"])
    assert isinstance(fast["results"], list) and len(fast["results"]) > 60
    assert fast["results"] == plain["results"]
    assert sum(isinstance(r, dict) for r in fast["results"]) >= 25  # articles, not only errors


@needs_compiled
def test_an_edited_source_is_not_shadowed_by_its_old_extension(tmp_path: Path) -> None:
    shutil.copytree(REPO / "services", tmp_path / "services",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "benchmarks", tmp_path / "benchmarks",
                    ignore=shutil.ignore_patterns("__pycache__"))
    units = tmp_path / compiled.PACKAGE_DIR / "textdump_units.py"
    units.write_text(units.read_text("utf-8").replace(
        "def units_of_lines(stripped: list[str], *, listed: int = -1) -> list[Unit]:",
        "def units_of_lines(stripped: list[str], *, listed: int = -1) -> list[Unit]:\n    stripped, listed = [], 0",
        1), "utf-8")
    edited = _parsed({}, tmp_path)
    assert edited["mode"] == ("python (textdump_units.py changed since it was compiled "
                              "(pip install again to compile it))")
    assert set(map(str, edited["results"])) == {"no_article_text"}  # the edit runs


def test_fixtures_parse_here_as_in_a_fresh_interpreter() -> None:
    """The subprocess above parses what this process parses (whichever way it runs)."""
    here = []
    for path in sorted(FIXTURES.glob("*.txt")):
        from services.pipeline.formats import textdump
        try:
            here.append(json.loads(json.dumps(dataclasses.asdict(textdump.parse(path.read_text("utf-8"))),
                                              default=str)))
        except InputError as error:
            here.append(error.code)
    assert _parsed({})["results"][:len(here)] == here


# (the timer may first fire inside a garbage-collector callback another library installed,
# where Python prints and drops the exception; the budget's timer fires again until the
# block ends, which is what this test relies on)
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@needs_compiled
def test_a_budget_stops_the_compiled_parser_inside_its_line_loop() -> None:
    """Compiled code runs no signal handler of its own: the budget's timer stops the
    parse at the line loop's checkpoint, not when the whole dump has been cut into units."""
    from benchmarks.hostile_text import many_short_lines
    from services.budget import Budget, enforce
    from services.errors import ParseTimeout
    from services.pipeline.formats.textdump_units import units

    text = many_short_lines(200_000)  # about a second of units()
    with pytest.raises(ParseTimeout) as stopped, enforce(Budget(cpu_seconds=0.05, memory_mb=0)):
        units(text)
    frames = [frame.name for frame in stopped.traceback]
    assert "checkpoint" in frames, frames
