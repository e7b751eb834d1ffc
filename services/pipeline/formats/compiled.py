"""The text-dump parser runs compiled when the install compiled it, and as Python otherwise.

The modules in ``MODULES`` are plain, fully typed Python. ``pip install`` compiles them
with mypyc (``setup.py``) into C extension modules beside the ``.py`` files — about 0.7x
the time on a dump (``python -m benchmarks.bench_parse`` prints which of the two it timed;
``COPYDESK_PURE_PYTHON=1`` times the other) and the same results
(``tests/unit/test_textdump_compiled.py`` compares them).

Python imports an extension module before a ``.py`` file of the same name, so an edited
source would be shadowed by an extension built from its older text. The build records the
sha256 of every source it compiled in ``STAMP``; when the package is imported,
``use_fresh_sources()`` checks them, and if any source differs from what was compiled
(or an extension is missing, or ``COPYDESK_PURE_PYTHON`` is set) it makes the import
system read the ``.py`` files of the whole group — compiled and interpreted modules of
the group never mix. ``mode()`` tells which one runs, and why.

Compiled semantics to know: mypyc checks annotated types at run time (a numpy scalar
where ``bool`` is declared is a ``TypeError``), and its own ``str.lower`` (Python before
3.13) lower-cases a word-final capital sigma as a medial one (σ, where Python gives ς).
The group lower-cases text only to test it against ASCII keywords, and words for the
stop-word tables with the built-in ``str.lower``; the comparison in
``tests/unit/test_textdump_compiled.py`` includes Greek capitals.

This file uses the standard library only: ``setup.py`` reads it before copydesk's
dependencies are installed.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType

__all__ = ["GROUP_NAME", "MODULES", "PACKAGE", "PACKAGE_DIR", "STAMP", "checkpoint", "mode",
           "pure_python_reason", "use_fresh_sources"]

PACKAGE = "services.pipeline.formats"
PACKAGE_DIR = Path(*PACKAGE.split("."))
MODULES = ("textdump", "textdump_byline", "textdump_features", "textdump_lines", "textdump_meta",
           "textdump_model", "textdump_rules", "textdump_section", "textdump_site", "textdump_title",
           "textdump_units")
GROUP_NAME = f"{PACKAGE}._textdump"  # mypyc's shared library: _textdump__mypyc.<suffix>
STAMP = "_compiled_sources.json"  # {module: sha256 of the .py that was compiled}
FORCE_PURE = "COPYDESK_PURE_PYTHON"

_reason: str | None = "not checked yet"


def _extension(folder: Path, name: str) -> Path | None:
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def pure_python_reason(folder: Path, environ: Mapping[str, str] = os.environ,
                       modules: Sequence[str] = MODULES) -> str | None:
    """Why the group in ``folder`` must be read as Python, or None to run it compiled."""
    if environ.get(FORCE_PURE):
        return f"{FORCE_PURE} is set"
    missing = [name for name in modules if _extension(folder, name) is None]
    if len(missing) == len(modules):
        return "not compiled by this install"
    if missing:
        return f"{missing[0]} has no compiled module"
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{STAMP} is missing or unreadable"
    for name in modules:
        source = folder / f"{name}.py"
        if source.is_file() and stamp.get(name) != hashlib.sha256(source.read_bytes()).hexdigest():
            return f"{name}.py changed since it was compiled (pip install again to compile it)"
    return None


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the group's modules as their ``.py`` files, ahead of the extensions."""

    def __init__(self, sources: Mapping[str, Path]) -> None:
        self._sources = dict(sources)

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        source = self._sources.get(fullname)
        if source is None:
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def use_fresh_sources() -> str | None:
    """Called once by the package's ``__init__``, before any module of the group is
    imported: if the group must run as Python, put a finder for its ``.py`` files first in
    ``sys.meta_path``. Returns the reason, or None when the compiled modules run."""
    global _reason
    folder = Path(__file__).resolve().parent
    _reason = pure_python_reason(folder)
    built = any(_extension(folder, name) for name in MODULES)
    if _reason is not None and built and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        already = [m for m in MODULES if f"{PACKAGE}.{m}" in sys.modules]
        if not already:
            sources = {f"{PACKAGE}.{name}": folder / f"{name}.py" for name in MODULES}
            sys.meta_path.insert(0, _SourceFinder(sources))
    return _reason


def checkpoint() -> None:
    """A point where a budget's CPU timer (``services.budget.enforce``) can stop compiled
    code. Python runs signal handlers between bytecodes; a compiled loop executes none,
    so a timer that fired inside one would be noticed only when the loop ends. The
    group's long loops (over every line of a dump) call this every so often: a function
    of this interpreted module, whose first instruction runs the pending handler."""


def mode() -> str:
    """``compiled`` or ``python (<why>)``: what runs the text-dump parser here."""
    return "compiled" if _reason is None else f"python ({_reason})"
