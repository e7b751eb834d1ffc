"""Search for text dumps the text-dump parser is slow on, beyond ``benchmarks.hostile_text``.

    python -m benchmarks.hostile_search [--seed 7] [--combos 60] [--size 100000]

``hostile_text`` holds the pathological tokens ``bench_parse`` times at every run; this
looks for new ones. It repeats tokens of the kinds page furniture and markup are made of
(labels, bylines, dates, separators, link and image markup, scripts without spaces,
characters beyond the BMP), alone and in random pairs, triples and fives, into four
shapes: one line of ``--size`` characters, that line inside an ordinary article, lines
of 200 characters making up the same size, and those inside an article. Each is parsed
at a quarter of the size and at the size; it prints the slowest inputs at the size and
the largest ratios between the two (about 4 when the work is linear in the input).

The search found the two inputs that became ``hostile_text``'s "glued" and "emoji"
tokens (3.4 s and 0.9 s before their fixes) and the "cjk" one. Its figures are those of
the parser this install runs (``compiled.mode()`` is printed first); a run takes a few
minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.hostile_text import in_article
from services.errors import InputError
from services.pipeline.formats import compiled, textdump

# Tokens of page furniture, markup and scripts, each repeated to fill an input.
TOKENS: tuple[str, ...] = (
    "March ", "Published: ", "Updated ", "By Jane ", "Jane Doe, ", "and ", "@a ", "http://a.b/", "www.a.",
    "#", "> ", "\u00bb ", "\u00b7 ", "\u2022 ", "\u2013 ", "Photo: ", "Source: ", "(AP) ", "Read more ", "\t",
    "\u200b", "\u00e9", "\u65e5\u672c", "\u0628 ", "\u0928\u092e ", "\u2026", ".", "..", "'", '"', "a.", "A.",
    "Mr. ", "1. ", "12:00 ", "2025-01-01 ", "01.01.2025 ", "Share ", "Advertisement ", "\u00a9 2025 A ", "-",
    "=", "~", "<", ">", "&amp;", "Jan 1, 2025 \u00b7 ", "By A B and C D, ", "AB ", "A ", "Ab Cd ", "aB",
    "Home | ", "News / ", "Sport \u203a ", "1 ", "a1", "a-b ", "A-B ", "(a) ", "[a] ", "{a}", "**", "__",
    "*a*", "_a_", "`", "~~", "![](", "](a)", "[](", "Reuters ", "Tags: ", "Filed under ", "Posted by ",
    "Written by ", "Reporter ", "Editor: ", "von ", "par ", "por ", "di ", "\u0410\u0432\u0442\u043e\u0440: ",
    "\u8a18\u8005", "\u3001", "\u3002", "\uff08", "\uff09", "Mon, ", "2025 ", "1st ", "at ", "PM ", "GMT ",
    "+0100 ", "min read ", "Follow ", "Cookie ", "Accept ", "Trending ", "Related ", "(0) ", "Tweet ",
    "a@b.com ", "$1 ", "1%", "1,000 ", "\u00bd", "\U0001f642", "\u00a0", "\u3000", " \u2014 ", ": ", ", ",
    "A. B. ", "van der ", "O'Brien ", "J.R.R. ", "A B C D E F G ", "[12]A ", "[IMG] ", "(BUTTON) A ",
    "IFRAME: ", "   * ", "1) ", "Q: ", "\u2014 By ", "BY ", "Inc. ", "All rights reserved. ", "Menu ",
    "Skip to content ", "LIVE ", "BREAKING: ", "Page 1 of 2 ", "\u00ab ", "\u2039 ", "\u2192 ",
)
SHAPES = ("line", "line in article", "lines", "lines in article")


def shapes(token: str, size: int) -> dict[str, str]:
    """The four inputs of ``size`` characters made of ``token``."""
    line = (token * (size // len(token) + 1))[:size]
    lines = "\n".join([(token * (200 // len(token) + 1))[:200]] * (size // 200))
    return dict(zip(SHAPES, (line, in_article(line), lines, in_article(lines)), strict=True))


def parse_ms(text: str) -> float:
    started = time.perf_counter()
    with contextlib.suppress(InputError):  # (a refusal is an answer too)
        textdump.parse(text)
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--combos", type=int, default=60, help="random combinations of each size (2, 3, 5)")
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args(argv)
    print(f"text-dump parser: {compiled.mode()}")
    rng = random.Random(args.seed)
    combos = [(t,) for t in TOKENS] + [tuple(rng.sample(TOKENS, k)) for k in (2, 3, 5) for _ in range(args.combos)]
    found: list[tuple[float, float, str, tuple[str, ...]]] = []
    for combo in combos:
        token = "".join(combo)
        small, large = shapes(token, args.size // 4), shapes(token, args.size)
        for shape in SHAPES:
            quarter, whole = parse_ms(small[shape]), parse_ms(large[shape])
            found.append((whole, whole / max(quarter, 0.5), shape, combo))
    print(f"slowest at {args.size:,} characters (ms, time at the size / time at a quarter, shape, tokens):")
    for whole, ratio, shape, combo in sorted(found, reverse=True)[:15]:
        print(f"  {whole:8.1f}  x{ratio:4.1f}  {shape:16s} {combo!r}")
    print("largest ratios among inputs of 20 ms or more (about 4 when linear):")
    for whole, ratio, shape, combo in sorted((f for f in found if f[0] >= 20), key=lambda f: -f[1])[:15]:
        print(f"  {whole:8.1f}  x{ratio:4.1f}  {shape:16s} {combo!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
