"""Instructions a text-dump parse takes, counted by callgrind: deterministic where timings
on a shared machine are not, so two versions of the parser compare in any state of the
machine (run it in each checkout, one after the other).

    python -m benchmarks.parse_instructions [--every 5]

The command runs a child under ``valgrind --tool=callgrind`` (the Debian package
``valgrind``) that counts only inside the compiled ``textdump.parse`` (its C function,
``CPyDef_textdump___parse``): once over three warm-up parses alone (the tables built on
first use), once over those and every ``--every``-th cached render of the development
pages (``benchmarks.renders``); it prints the difference per render. The parser must run
compiled (``pip install`` builds it); under callgrind a run takes about a minute.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]
_WARM_UPS = 3
_COLLECTED = re.compile(r"Collected : (\d+)")


def _child(every: int, base: bool) -> None:
    from benchmarks.renders import render_dev_pages
    from services.pipeline.formats import compiled, textdump
    from services.pipeline.formats.textdump_rules import clear_line_caches

    if compiled.mode() != "compiled":
        sys.exit(f"the text-dump parser is not compiled here: {compiled.mode()}")
    docs = [text for pages in render_dev_pages().values() for text in pages.values()][::every]
    for text in docs[:_WARM_UPS]:
        textdump.parse(text)
    if base:
        return
    for text in docs:
        clear_line_caches()  # each parse as if the page were new, as bench_parse times it
        textdump.parse(text)
    print(len(docs))


def _counted(every: int, base: bool) -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        command = ["valgrind", "--tool=callgrind", "--toggle-collect=CPyDef_textdump___parse",
                   f"--callgrind-out-file={folder}/out", sys.executable, "-m",
                   "benchmarks.parse_instructions", "--child", "--every", str(every)]
        done = subprocess.run([*command, *(["--base"] if base else [])], cwd=REPO,
                              capture_output=True, text=True, check=False)
    found = _COLLECTED.search(done.stderr)
    if done.returncode or not found:
        sys.exit(f"callgrind run failed ({done.returncode}):\n{done.stdout}{done.stderr[-2000:]}")
    return int(found[1]), done.stdout.strip()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=5, help="parse every n-th render")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.every, args.base)
        return
    full, renders = _counted(args.every, base=False)
    base, _ = _counted(args.every, base=True)
    count = int(renders.splitlines()[-1])
    print(f"textdump.parse: {(full - base) / count / 1e6:.2f}M instructions a render "
          f"({count} renders, every {args.every}th; callgrind)")


if __name__ == "__main__":
    main()
