"""Body normalisation and the exact-duplicate key.

``normalise_body`` gives the canonical stored form of a body; ``body_hash`` is the
exact-duplicate key. The hash is computed on a much coarser form than the stored body
(case-folded, punctuation and whitespace ignored), so two copies of one text that differ
only in quotes, dashes, spacing, line wrapping or case hash equal.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["body_hash", "normalise_body", "normalise_paragraph", "paragraph_text"]

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "\u0060": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        # hyphen-like marks become a hyphen; the long dashes become one em dash
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\u00ad": None,
        "\u2015": "\u2014", "\u2e3a": "\u2014", "\u2e3b": "\u2014", "\ufe58": "\u2014",
        # zero-width characters and the BOM carry nothing
        "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    }
)
_SPACES = re.compile(r"[^\S\n]+")
_DOUBLE_HYPHEN = re.compile(r"(?<=\s)--(?=\s)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalise_paragraph(text: str) -> str:
    """One paragraph: NFKC, unified quotes and dashes, single spaces, no line breaks."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _CONTROL.sub(" ", text)
    text = _DOUBLE_HYPHEN.sub("\u2014", text)
    return " ".join(text.split())


def normalise_body(text: str) -> str:
    """Canonical body: paragraphs separated by exactly one blank line.

    A paragraph break is a blank line; single line breaks inside a paragraph are
    hard wraps and become spaces.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = (normalise_paragraph(p) for p in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc]")
_NON_WORD = re.compile(r"[\W_]+")


def body_hash(body: str) -> str:
    """sha256 hex of the body case-folded, with punctuation and whitespace ignored.

    Apostrophes are dropped (``don't`` == ``dont``); every other run of punctuation or
    whitespace is one word boundary (``war—and`` == ``war — and``).
    """
    text = unicodedata.normalize("NFKC", body).translate(_QUOTES).casefold()
    text = _APOSTROPHES.sub("", text)
    words = _NON_WORD.sub(" ", text).split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def paragraph_text(text: str) -> str:
    """Whitespace tidy only (typography kept): paragraphs are blank-line separated
    blocks, or lines when the text has no blank line; one blank line between them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _PARAGRAPH_BREAK.split(text) if _PARAGRAPH_BREAK.search(text) else text.split("\n")
    paragraphs = (" ".join(block.split()) for block in blocks)
    return "\n\n".join(p for p in paragraphs if p)
