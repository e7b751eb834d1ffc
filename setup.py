"""copydesk's build. Everything about the package is in pyproject.toml; this file only adds
the compiled text-dump parser.

The text-dump parser (``services/pipeline/formats/textdump*.py``, see
``services.pipeline.formats.compiled``) is plain, fully typed Python that mypyc compiles to
C extension modules, which parse a dump in about 0.7x the time
(``python -m benchmarks.bench_parse`` prints which one it timed). mypyc is made for this:
it compiles the code as written, and the ``.py`` files stay the source of truth. The
build records each compiled source's sha256 next to them, so an edited source is never
shadowed by an extension built from an older one (it is read as Python until the next
``pip install``).

The compilation is optional: without mypy (the lock files carry it as a build tool, like
setuptools), without a C compiler, or with ``COPYDESK_PURE_PYTHON=1``, copydesk installs
and runs as pure Python, with the same results.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent


def _compiled_group():  # type: ignore[no-untyped-def]
    """``services/pipeline/formats/compiled.py``, read by path: the build environment may
    not have copydesk's dependencies, which importing the package would need."""
    path = HERE / "services" / "pipeline" / "formats" / "compiled.py"
    spec = importlib.util.spec_from_file_location("_copydesk_compiled", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extensions() -> list[object]:
    group = _compiled_group()
    folder = HERE / group.PACKAGE_DIR
    # An earlier build's extensions go first: whether this build compiles or not, none of
    # them may pass for a build of today's sources.
    shared = group.GROUP_NAME.rsplit(".", 1)[-1] + "__mypyc"
    for name in [*group.MODULES, shared]:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            (folder / f"{name}{suffix}").unlink(missing_ok=True)
    (folder / group.STAMP).unlink(missing_ok=True)
    if os.environ.get(group.FORCE_PURE):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("copydesk: mypy is not installed; the text-dump parser stays pure Python")
        return []
    sources = [folder / f"{name}.py" for name in group.MODULES]
    stamp = {name: hashlib.sha256(path.read_bytes()).hexdigest()
             for name, path in zip(group.MODULES, sources, strict=True)}
    try:
        extensions = mypycify([str(path.relative_to(HERE)) for path in sources], opt_level="3",
                              group_name=group.GROUP_NAME)
    except (Exception, SystemExit) as error:  # noqa: BLE001 (any failure: build it as Python)
        print(f"copydesk: mypyc could not compile the text-dump parser ({error!r}); "
              "it stays pure Python")
        return []
    (folder / group.STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n")
    for extension in extensions:
        extension.optional = True  # no compiler: install the pure-Python parser
    return list(extensions)


setup(ext_modules=_extensions())
