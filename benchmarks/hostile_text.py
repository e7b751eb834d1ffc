"""Pathological text dumps: the inputs that make a backtracking parser slower than linear.

Shared by ``tests/unit/test_textdump_hostile.py`` (which asserts only that each input is
parsed or refused with an ``InputError``) and ``benchmarks/bench_parse.py`` (which times
them). Each is what a crawler can really hand over: a page flattened into one enormous
line (minified markup, a table of numbers, a wall of emphasis), a page of a hundred
thousand short lines, or one of those lines inside an ordinary article, where the header,
body and footer readers all see it.

* ``hostile_lines(size)``: ``{name: one line of about size characters}``, each a short
  token repeated (``"[a]("``, ``"**a"``, ``"<!--"``, ``"1/1/"``, ...), chosen for the
  markup the text-dump regexes look for; ``"spaces"`` is a run of blanks between two
  letters so that the line is not blank.
* ``many_short_lines(count)``: ``count`` short lines of mixed kinds (menu items, bullets,
  bylines, dates, lynx references).
* ``in_article(line)``: an article of a few paragraphs with ``line`` as its header,
  a paragraph in its body and its footer.
"""

from __future__ import annotations

import itertools

__all__ = ["ARTICLE", "TOKENS", "hostile_lines", "in_article", "many_short_lines"]

# Repeated to make one line: the markup, separators and prefixes the parser matches on.
TOKENS: dict[str, str] = {
    "words": "word ",
    "spaces": " ",
    "stars": "*",
    "underscores": "_",
    "brackets": "[",
    "link_close_open": "](",
    "image_open": "![",
    "comment_open": "<!--",
    "digits": "1234567890",
    "slash_dates": "1/1/",
    "by": "By ",
    "pipes": "|",
    "pipes_spaced": " | ",
    "em_dashes": "\u2014",
    "md_link_open": "[a](",
    "bold_open": "**a",
    "button": "(BUTTON)",
    "lynx_refs": "[12]",
    "parens": "(",
    "reporting_by": "(Reporting by ",
    "weekdays": "Monday",
    "capitals": "Ab ",
    "crumbs": "Home > ",
    "copyright": "\u00a9 ",
    "mixed": "[a](**a_ [1] |\u2014 By 1/1/2025 <!-- ![x](",
    # elements glued together ("a.Inc"): the line is cut into a unit per element, hundreds
    # of them, which the title, site and byline readers compare with each other
    "glued": "Cookie a.Inc. Posted by Reuters ",
    # a character beyond the BMP, which the character classes are asked one by one
    "emoji": "\U0001f642",
    # wide characters, which the wrap width and the word count count
    "cjk": "\u65e5\u672c",
}

ARTICLE = (
    "The storm reached the coast on Friday, bringing heavy rain and strong winds to the "
    "towns along the bay, officials said on Saturday morning.\n\n"
    "Residents of the harbour district were told to stay indoors until further notice, "
    "the mayor's office said, a warning it repeated twice during the night.\n\n"
    "Emergency crews cleared fallen trees from the main roads, and the power company said "
    "most homes would have electricity again by Sunday evening.\n"
)


def hostile_lines(size: int) -> dict[str, str]:
    """One line of about ``size`` characters per token of ``TOKENS``."""
    lines: dict[str, str] = {}
    for name, token in TOKENS.items():
        line = (token * (size // len(token) + 1))[:size]
        if name == "spaces":
            line = "a" + line[2:] + "b"
        lines[name] = line
    return lines


def many_short_lines(count: int) -> str:
    """``count`` short lines of the kinds page furniture is made of."""
    kinds = ("Home", "* Menu item", "By Jane Doe", "April 4, 2025", "[12]Sport",
             "| News | Sport |", "Share", "Word word word.", "", "1/1/2025 10:00")
    return "\n".join(itertools.islice(itertools.cycle(kinds), count))


def in_article(line: str) -> str:
    """An article with ``line`` above it (header), inside it and below it (footer)."""
    head, tail = ARTICLE.split("\n\n", 1)
    return f"{line}\n\n{head}\n\n{line}\n\n{tail}\n{line}\n"
