"""Every output of the text-dump parser, saved once and compared after a change that must
not change it (a speed-up, a refactor).

    python -m benchmarks.textdump_snapshot write before.json   # with the code before
    python -m benchmarks.textdump_snapshot compare before.json # after; exits 1 on a difference

Documents: the fixtures in ``tests/fixtures/textdump``, the seed in ``tests/fixtures/samples``,
the renders of the development pages by every tool of ``benchmarks.renders.TOOLS`` found on
the machine (rendered and cached first where missing), and the hostile lines of
``benchmarks.hostile_text`` at 300 bytes and 5 KB, alone and inside an article. Each goes
through ``parse_file`` (every field of the article, or the rejection's code),
``textdump.parse`` and ``extract_body``; the unit feature matrix, its context and the
scores are kept as digests of their bytes, so "identical" includes bit-equal features.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[1]


def documents() -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every document the snapshot covers, in a fixed order."""
    from benchmarks.hostile_text import TOKENS, hostile_lines, in_article
    from benchmarks.renders import TOOLS, render_dev_pages

    for path in sorted((REPO / "tests" / "fixtures" / "textdump").glob("*.txt")):
        yield f"fixture/{path.name}", path.read_bytes()
    for path in sorted((REPO / "tests" / "fixtures" / "samples").glob("*.txt")):
        yield f"sample/{path.name}", path.read_bytes()
    for tool, pages in render_dev_pages(tools=list(TOOLS)).items():
        for page, text in sorted(pages.items()):
            yield f"render/{tool}/{page}", text.encode("utf-8")
    for size in (300, 5000):
        lines = hostile_lines(size)
        for token in TOKENS:
            yield f"hostile/{token}/{size}/alone", lines[token].encode("utf-8")
            yield f"hostile/{token}/{size}/article", in_article(lines[token]).encode("utf-8")


def _outcome(run: Callable[[], Any]) -> Any:
    from services.errors import InputError

    try:
        result = run()
    except InputError as exc:
        return {"rejected": exc.code}
    return result.to_json() if hasattr(result, "to_json") else result


def _digest(array: Any) -> str:
    return hashlib.sha256(array.tobytes()).hexdigest()[:16] + f"/{array.shape}"


def outputs(name: str, data: bytes) -> dict[str, Any]:
    from services.pipeline.formats import parse_file
    from services.pipeline.formats.textdump import extract_body, parse
    from services.pipeline.formats.textdump_features import context, unit_features
    from services.pipeline.formats.textdump_model import scores
    from services.pipeline.formats.textdump_units import units

    text = data.decode("utf-8", "replace")
    found = units(text)
    own = unit_features(found)
    return {
        "parse_file": _outcome(lambda: parse_file(data, filename=Path(name).name)),
        "parse": _outcome(lambda: parse(text)),
        "body": extract_body(text),
        "features": _digest(own),
        "context": _digest(context(own)),
        "scores": _digest(scores(found, own=own)),
    }


def snapshot() -> dict[str, dict[str, Any]]:
    return {name: outputs(name, data) for name, data in documents()}


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """One line per document and output that differs (or is missing on one side)."""
    lines = [f"{name}: only before" for name in before.keys() - after.keys()]
    lines += [f"{name}: only after" for name in after.keys() - before.keys()]
    for name in sorted(before.keys() & after.keys()):
        for key, old in before[name].items():
            new = after[name].get(key)
            if old != new:
                lines.append(f"{name}: {key} differs: {str(old)[:120]!r} -> {str(new)[:120]!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["write", "compare"])
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    # The same text as JSON both ways (dates and tuples as the file holds them).
    now = json.loads(json.dumps(snapshot(), sort_keys=True, default=str))
    if args.action == "write":
        args.path.write_text(json.dumps(now, indent=1, sort_keys=True))
        print(f"{len(now)} documents written to {args.path}")
        return 0
    differences = compare(json.loads(args.path.read_text()), now)
    print(f"{len(now)} documents compared with {args.path}: {len(differences)} differences")
    for line in differences[:50]:
        print("  " + line)
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
