"""A text dump cut into units: the paragraphs, list items and lines a reader would see.

Every tool that flattens a page writes it differently: lynx and w3m hard-wrap paragraphs
at a fixed width and number their links (``[12]Home``), html2text writes markdown
(``[text](url)``, ``* item``, ``# Heading``), inscriptis and BeautifulSoup's
``get_text()`` write one element per line and split a paragraph wherever it held a link.
``units`` undoes the layout and keeps what the layout said:

* **Unwrapping** follows the rule every word-wrapper uses: a line was broken only because
  the next word did not fit. A document is treated as hard-wrapped when many of its lines
  end near one width; a line then continues into the next when the next line's first
  word would have made it overflow that width. Nothing else is joined that way. A
  markdown heading is one line, unless html2text wrapped it: the line straight under it
  (html2text puts a blank line after a whole heading) that the width explains or that
  goes on in lower case is its end.
* **Fragments** of one paragraph split at inline elements are joined when the next line
  cannot start a sentence (lower case, or closing punctuation) or the previous one cannot
  end one (a comma, an opening quote or bracket).
* **Cleaning** removes markup and keeps its counts as features: link markers and the
  characters inside links (link density, as boilerpipe and jusText use it), bullets,
  headings, ``(BUTTON)``/``IFRAME:``/``[INS:``/``[image]`` placeholders.

Every pattern here has bounded or single unbounded quantifiers over disjoint characters,
so each line costs time linear in its length; a unit's text is built once by ``join``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, repeat
from operator import not_, sub
from typing import Final

from services.pipeline.formats.compiled import checkpoint
from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_rules import has_byline_marker, is_inline_chrome

__all__ = ["IMAGE_NAMES", "UNCASED_STOPS", "WIDE_BLOCKS", "Unit", "clean_line", "dates_only", "references_at", "units",
           "units_of_lines", "word_count"]

# The longest line examined character by character; the rest of a longer line is kept as
# text but not scanned for markup (a 1 MB line of one word is not a paragraph anyone reads).
MAX_LINE_CHARS: Final = 20_000

_LYNX_REF: Final = re.compile(r"\[\d{1,6}\]")
# A link's target: the URL, maybe a "title", maybe one level of parentheses
# (``/wiki/Foo_(bar)``), maybe a space where a wrapped line broke the URL. The two
# alternatives start with different characters, so the match never backtracks between them.
_TARGET: Final = r"\(((?:[^()\n]|\([^()\n]{0,200}\)){0,2000})\)"
_MD_IMAGE: Final = re.compile(r"!\[[^\[\]\n]{0,500}\]" + _TARGET)
_MD_LINK: Final = re.compile(r"\[([^\[\]\n]{0,500})\]" + _TARGET)
# _MD_LINK, with a first alternative for a target without parentheses (most of them), read
# as one run of characters (for speed: _TARGET's repetition of alternatives costs much
# more a character). Where the first alternative matches, _TARGET's matches the same span:
# its items are then single characters up to the ")"; where it fails, the second is
# _MD_LINK itself. The link's text is group 1, or group 3.
_MD_LINK_QUICK: Final = re.compile(r"\[([^\[\]\n]{0,500})\]\(([^()\n]{0,2000})\)"
                                   r"|\[([^\[\]\n]{0,500})\]" + _TARGET)
_MD_REF_LINK: Final = re.compile(r"\[([^\[\]\n]{1,500})\]\[[^\[\]\n]{0,100}\]")
_PLACEHOLDERS: Final = (r"\((?:BUTTON|IMAGE|IMG)\)|\[(?:INS|IMG|IMAGE|image|img|icon|logo|svg|BUTTON|"
                        r"embedded content|video|button)[^\]\n]{0,200}\]|IFRAME:|:INS\]|\[INS:")
_FORM_FIELD: Final = r"\[[ _]{0,200}\]"  # w3m's form fields: [          ]
_PLACEHOLDER: Final = re.compile(_PLACEHOLDERS + "|" + _FORM_FIELD)
# (the same, on a line holding a markdown image without text, whose "[]" is no form field:
# the look-behind is dear where every position is tried, so only such a line pays for it)
_PLACEHOLDER_BESIDE_IMAGES: Final = re.compile(_PLACEHOLDERS + "|(?<!!)" + _FORM_FIELD)
# html2text escapes markdown characters in text: ``1\.``, ``\-``, ``\*``.
_MD_ESCAPE: Final = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
# A list marker: a bullet symbol (``*``, ``-``, ``•``, ``□``, ``☆``, ``>``...), a number
# (``3.``), or lynx's ``o``, followed by a space.
_BULLET: Final = re.compile("^(?:[*+\\-\u2022\u00b7\u25a0-\u25ff\u2010-\u2015\u2043\u2192\u21d2"
                            "\u2605\u2606\u2610-\u2612\u2713\u2714\u27a2\u27a4>~=]|\\d{1,3}[.)]|o(?= ))\\s+")
# The characters a _BULLET match can open with, digits aside.
_BULLET_FIRST: Final = frozenset("*+-\u2022\u00b7\u2043\u2192\u21d2\u2605\u2606\u2713\u2714\u27a2\u27a4>~=o"
                                 + "".join(map(chr, [*range(0x25a0, 0x2600), *range(0x2010, 0x2016),
                                                     *range(0x2610, 0x2613)])))
_O_BULLET_INDENT: Final = 6
_SPEECH_DASHES: Final = frozenset("\u2013\u2014\u2015")
_HEADING: Final = re.compile(r"^#{1,6}\s+")
# Emphasis: "**", "__", or a "*" or "_" opening a word or closing one. (Every alternative
# opens with its character, the one before it read behind it: a search skips to the next
# "*" or "_" instead of trying each alternative's look-behind at every position.)
_EMPHASIS: Final = re.compile(r"\*\*|__|\*(?<![\w*]\*)(?=\w)|\*(?<=[\w.,!?:;)\"']\*)(?![\w*])"
                              r"|_(?<!\w_)(?=\w)|_(?<=[\w.,!?:;)\"']_)(?!\w)")
# A URL or an e-mail address (an author box's "Reach her at ...").
# (The look-behind lets an address start only where a run of its characters starts, so a
# long run of word characters is scanned once, not once per position.)
_URL: Final = re.compile(r"\b(?:https?://|www\.)[^\s)\]]{1,2000}"
                         r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{2,63}")
# _URL's first alternative, all it can match in a text without "@": written to open with
# the letters a match opens with (the boundary checked behind them), so that a search
# skips to the next "h" or "w" instead of trying both alternatives at every position.
_WEB_URL: Final = re.compile(r"(?:h(?<=\bh)ttps?://|w(?<=\bw)ww\.)[^\s)\]]{1,2000}")

# The full stops of scripts without capitals, a sentence's end by themselves: the danda
# of Devanagari and Bengali (and its double), Urdu's full stop, Arabic's question mark,
# Armenian's, Ethiopic's, Burmese's and Khmer's full stops.
UNCASED_STOPS: Final = "\u0964\u0965\u06d4\u061f\u0589\u1362\u104b\u17d4"
_SENTENCE_END: Final = ".!?\u2026\"\u201d\u2019')]\u3002\uff01\uff1f\u300d" + UNCASED_STOPS
_OPENS_NOTHING: Final = ",;:(\u201c\"'\u2018-\u2013\u2014"


class Unit:
    """One paragraph, list item or line of the dump, cleaned, with its layout facts.

    (A plain class rather than a dataclass: compiled (compiled.py), its fields are read
    and set directly, and one is built in a third of the time.)"""

    __slots__ = ("blank_after", "blank_before", "bullet", "first", "heading", "indent", "last",
                 "link_chars", "links", "placeholders", "text", "urls")

    def __init__(self, text: str, first: int, last: int, indent: int, bullet: bool,
                 heading: bool, links: int, link_chars: int, placeholders: int, urls: int,
                 blank_before: bool, blank_after: bool = False) -> None:
        self.text = text  # cleaned text, single-spaced
        self.first = first  # index of its first line in the dump
        self.last = last  # index of its last line
        self.indent = indent  # leading spaces of its first line
        self.bullet = bullet  # drawn as a list item
        self.heading = heading  # a markdown heading
        self.links = links  # link markers (lynx numbers, markdown links)
        self.link_chars = link_chars  # characters of text inside markdown links / after lynx markers
        self.placeholders = placeholders  # (BUTTON), IFRAME:, [image], ...
        self.urls = urls  # bare URLs
        self.blank_before = blank_before
        self.blank_after = blank_after

    def __repr__(self) -> str:
        return f"Unit({self.text!r}, first={self.first}, last={self.last})"


class _Clean:
    """One line with its markup out (``clean_line``); a plain class, as ``Unit``."""

    __slots__ = ("body", "bullet", "heading", "indent", "link_chars", "links", "placeholders",
                 "text", "urls")

    def __init__(self, text: str, indent: int, bullet: bool, heading: bool, links: int,
                 link_chars: int, placeholders: int, urls: int, body: str) -> None:
        self.text = text
        self.indent = indent
        self.bullet = bullet
        self.heading = heading
        self.links = links
        self.link_chars = link_chars
        self.placeholders = placeholders
        self.urls = urls
        self.body = body  # the line without indent, bullet or heading marker, markup still in


def _layout(raw: str) -> tuple[int, bool, bool, str]:
    """(indent, heading, bullet, the line's text without those markers)."""
    line = raw[:MAX_LINE_CHARS].replace("\u00a0", " ").replace("\t", "    ")
    if "\\" in line:
        line = _MD_ESCAPE.sub(r"\1", line)
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    heading = stripped[:1] == "#" and bool(_HEADING.match(stripped))
    if heading:
        stripped = _HEADING.sub("", stripped, count=1).rstrip("# ")
    head = stripped[:1]
    # (only a line opening with a bullet symbol, a digit or an "o" is matched)
    # (lynx draws a third-level list item with an "o", indented deeper than the text: at
    # the text's indent an "o" opening a wrapped line is a Portuguese or Italian word)
    # (and only when white space follows its first character, a symbol's or the "o"'s, or a
    # "." or ")" one of the three after it, a number's: a date or a figure opening a line,
    # "12 March 2025", "2024 was …", is not matched)
    bullet_match = _BULLET.match(stripped) \
        if ((head in _BULLET_FIRST and (head != "o" or indent >= _O_BULLET_INDENT)) or head.isdecimal()) \
        and (stripped[1:2].isspace() or "." in stripped[1:4] or ")" in stripped[1:4]) else None
    # (an en or em dash or a horizontal bar marks the line as a list item would, but is
    # kept: it opens quoted speech in Swedish, Polish, Spanish, Russian and other
    # languages, "– Det är naturligtvis …", part of the paragraph's text)
    if bullet_match and head not in _SPEECH_DASHES:
        stripped = stripped[bullet_match.end():]
    return indent, heading, bullet_match is not None, stripped


# What follows "[" in every bracketed _PLACEHOLDER: "[INS", "[image", "[logo", "[svg",
# "[BUTTON", "[embedded content", "[video", "[button", w3m's "[ ]", "[_]", "[]".
_PLACEHOLDER_AFTER_BRACKET: Final = frozenset("IiesBvlb _]")


def _may_hold_placeholder(text: str) -> bool:
    """False only where ``_PLACEHOLDER`` cannot match: every match holds "(B" or "(I",
    "IFRAME:", ":INS]", or "[" and one of ``_PLACEHOLDER_AFTER_BRACKET``. (For speed: a
    lynx dump has "[12]" link numbers on most lines, which hold none.)"""
    # (the single characters first: most lines hold neither, and they are found quicker)
    if ("(" in text and ("(B" in text or "(I" in text)) \
            or (":" in text and ("IFRAME:" in text or ":INS]" in text)):
        return True
    at = text.find("[")
    while at >= 0:
        if text[at + 1:at + 2] in _PLACEHOLDER_AFTER_BRACKET:
            return True
        at = text.find("[", at + 1)
    return False


def _without_spans(text: str, starts: list[int], ends: list[int]) -> str:
    """The text with the (ordered, disjoint, non-empty list of) spans cut out: what
    ``pattern.sub("", text)`` gives for the matches found, without a second scan."""
    return "".join([text[:starts[0]], *map(text.__getitem__, map(slice, ends, starts[1:])),
                    text[ends[-1]:]])


def _clean_text(text: str) -> tuple[str, int, int, int, int]:
    """(text without markup, links, characters inside links, placeholders, URLs).

    Each pattern is tried only on a line holding the characters any match of it must
    hold (most lines hold none), which leaves the result as it was.
    """
    placeholders = 0
    if _may_hold_placeholder(text):
        if "![](" in text:
            # (a markdown image without text: its "[]" is no form field, or "! (/photo.jpg)"
            # would stay; the image goes below, and counts as a placeholder as it did then)
            text, placeholders = _PLACEHOLDER_BESIDE_IMAGES.subn(" ", text)
            placeholders += text.count("![](")
        else:
            text, placeholders = _PLACEHOLDER.subn(" ", text)
    if "![" in text:
        text = _MD_IMAGE.sub(" ", text)
    links = 0
    link_chars = 0
    if "[" in text:
        if "](" in text:
            parts: list[str] = []
            pos = 0
            for match in _MD_LINK_QUICK.finditer(text):
                parts.append(text[pos:match.start()])
                inside = match[1]
                if inside is None:
                    inside = match[3]
                parts.append(inside)
                links += 1
                link_chars += len(inside)
                pos = match.end()
            parts.append(text[pos:])
            text = "".join(parts)
        if "][" in text:
            text, refs = _MD_REF_LINK.subn(r"\1", text)
            links += refs
        lynx = list(_LYNX_REF.finditer(text))
        if lynx:
            links += len(lynx)
            # A lynx link's text runs from its marker to the next marker or the line's end;
            # count up to 40 characters of it (a link is rarely longer).
            starts = [m.start() for m in lynx]
            ends = [m.end() for m in lynx]
            link_chars += sum(map(min, repeat(40), map(sub, [*starts[1:], len(text)], ends)))
            text = _without_spans(text, starts, ends)
    urls = 0
    if "://" in text or "www." in text or "@" in text:
        text, urls = (_URL if "@" in text else _WEB_URL).subn(" ", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    # (respaced only where that changes something: most lines are single-spaced already,
    # and every whitespace character but the space is unprintable)
    if "  " in text or text.startswith(" ") or text.endswith(" ") or not text.isprintable():
        if "\u3000" in text:
            # (an ideographic space between two characters is the text's own, as a
            # Japanese or Chinese headline sets its parts apart: kept through the respacing)
            text = " ".join(_LONE_IDEOGRAPHIC_SPACE.sub("\ue000", text).split()).replace("\ue000", "\u3000")
        else:
            text = " ".join(text.split())
    return text, links, link_chars, placeholders, urls


_LONE_IDEOGRAPHIC_SPACE: Final = re.compile(r"(?<=\S)\u3000(?=\S)")


def clean_line(raw: str) -> _Clean:
    """Markup out of one line, its counts kept."""
    indent, heading, bullet, body = _layout(raw)
    text, links, link_chars, placeholders, urls = _clean_text(body)
    return _Clean(text, indent, bullet, heading, links, link_chars, placeholders, urls, body)


def _wrap_width(lines: list[str], columns: list[int]) -> int | None:
    """The width a hard-wrapping tool broke lines at, or None if the dump is not wrapped.

    Only lines of several words and no URL count (lynx's References and html2text's
    links run past any width). Wrapped text has many lines ending within a few
    characters of one width, few beyond it (tables, long words and unbreakable links;
    up to 12 % may be), and most of the lines near that width stop mid-sentence; a page
    written one paragraph per line has long lines too, but they end sentences.
    """
    # (the short lines are left out before the sort, and before the tests of words)
    long = sorted((n, line[-1:] in _SENTENCE_END) for line, n in zip(lines, columns, strict=True)
                  if n >= 30 and (line.strip().count(" ") >= 3
                                  or (not line[:40].isascii() and (_WIDE.search(line[:40])
                                                                   or _UNSPACED.search(line[:40]))))
                  and "://" not in line)
    if len(long) < 6:
        return None
    allowed = int(0.12 * len(long))
    # the smallest width with at most ``allowed`` lines more than 2 columns past it
    base = long[max(0, len(long) - 1 - allowed)][0]
    width = max(n for n, _ in long if n <= base + 2)
    near = [ends for n, ends in long if width - 16 <= n <= width]
    wide = sum(n >= 0.6 * width for n, _ in long)  # lines long enough to have been wrapped
    if width > 200 or len(near) < 4 or len(near) < 0.25 * wide or sum(near) > 0.5 * len(near):
        return None
    return width


# East Asian wide and full-width characters (Unicode's East_Asian_Width W and F): the
# blocks that hold them, close enough for a wrap width.
# (first and last code points of each block, which textdump_features looks up in a table)
WIDE_BLOCKS: Final = ((0x1100, 0x115f), (0x2e80, 0x303e), (0x3041, 0x33ff), (0x3400, 0x4dbf),
                      (0x4e00, 0x9fff), (0xa000, 0xa4cf), (0xac00, 0xd7a3), (0xf900, 0xfaff),
                      (0xfe30, 0xfe4f), (0xff00, 0xff60), (0xffe0, 0xffe6))
_WIDE: Final = re.compile("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in WIDE_BLOCKS)
                          + "]")
_WIDE_FIRST: Final = chr(min(first for first, _ in WIDE_BLOCKS))  # no character before it is wide
_HANGUL_FIRST: Final = "\uac00"  # the first and last Hangul syllables
_HANGUL_LAST: Final = "\ud7a3"
# Combining marks a terminal draws on the letter before them: the combining diacritics,
# and Thai's and Lao's vowel and tone marks.
_ZERO_WIDTH_RANGES: Final = "\u0300-\u036f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd"
# (each run pattern is written as one character of its class and then any more, "[…][…]*",
# not "[…]+": a search skips to a character of a class that opens the pattern, but tries
# the whole pattern at every position of the text when a repeat opens it; the same runs)
_WIDE_OR_ZERO_CHAR: Final = ("[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in WIDE_BLOCKS)
                             + _ZERO_WIDTH_RANGES + "]")
_WIDE_OR_ZERO: Final = re.compile(_WIDE_OR_ZERO_CHAR + _WIDE_OR_ZERO_CHAR + "*")
# Runs of wide characters: counted by their lengths (for speed: a CJK text is a few long
# runs, and a list of its characters one by one costs a string each)
_WIDE_RUN: Final = re.compile(_WIDE.pattern + _WIDE.pattern + "*")


def _wide_count(text: str) -> int:
    """The wide characters of the text (``_WIDE``)."""
    return sum(map(len, _WIDE_RUN.findall(text)))
# Scripts written without spaces between words (Thai, Lao, Burmese, Khmer): a line of
# theirs wraps at a phrase's space, and may hold fewer than the words of a wrapped line
_UNSPACED: Final = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def word_count(text: str) -> int:
    """Words, counting Chinese, Japanese and Korean text (no spaces) as one word per two
    characters, about what a reader of those languages gets from a word."""
    spaced = len(text.split())
    if text.isascii():
        return spaced
    wide = _wide_count(text)
    return spaced + wide // 2 if wide else spaced


def _width(text: str) -> int:
    """Columns the text takes on a terminal: wide (CJK) characters take two, combining
    marks (Thai and Lao vowels and tones above and below a letter, accents) none."""
    if text.isascii():
        return len(text)
    # (one scan for both kinds: most lines hold neither)
    found = "".join(_WIDE_OR_ZERO.findall(text))
    if not found:
        return len(text)
    wide = _wide_count(found)
    return len(text) + wide - (len(found) - wide)


def _first_word_width(text: str) -> int:
    """Columns of the first thing a wrapper could not have split: a word, or one wide
    character (CJK text breaks between any two characters)."""
    stripped = text.lstrip()
    if stripped[:1] >= _WIDE_FIRST and _WIDE.match(stripped):
        return 2
    end = stripped.find(" ", 0, 200)
    return _width(stripped if end < 0 else stripped[:end])


_CLOSING: Final = ",.;:!?)]\u2019\u201d"  # never after a space
_LABEL_CHARS: Final = 20  # a one-word label ("Advertisement", "Publicidad") is this short
_FRAGMENT_WORDS: Final = 6  # a link's text cut out of its sentence is this short at most


_ROW_PIPES: Final = 3  # separators of a row of links that ends at its line


_YEAR_DIGITS: Final = re.compile(r"(?:19|20)\d\d")  # what every date find_date reads holds (but a short year's)
_DATES_SEARCHED: Final = 3  # dates looked for on a line of dates
_LABEL_PER_DATE: Final = 25  # characters beside each date on a line of dates, at most
_DATE_WINDOW: Final = 200  # characters a date is looked for in


def dates_only(text: str) -> bool:
    """A line of dates and their labels only (``March 4, 2025, 6:12 PM EST / Updated
    March 4, 2025, 9:40 PM EST``)."""
    if not _YEAR_DIGITS.search(text, 0, _DATE_WINDOW):  # (for speed: most lines hold no year)
        return False
    rest, count, at = len(text), 0, 0
    while count < _DATES_SEARCHED:
        found = find_date(text[at:at + _DATE_WINDOW])
        if found is None:
            break
        rest -= found.end - found.start
        at += found.end
        count += 1
    return count > 0 and rest < _LABEL_PER_DATE * count


# Image file names w3m prints for images without text, one or more opening a line
# ("[mlavoie][dokafor]"): not a lynx link number, nor a markdown link's text.
IMAGE_NAMES: Final = re.compile(r"(?:\[[^\W\d][\w.-]{0,39}\](?!\())+")


def _continues(prev_raw: str, prev: _Clean, cur_raw: str, cur: _Clean, width: int | None,
               lines: list[str], index: int, prev_columns: int = -1) -> bool:
    """True if ``cur`` (``cur_raw``, line ``index`` of ``lines`` or a piece of it) carries
    on the paragraph ``prev`` belongs to. ``prev_columns``: ``_width(prev_raw)`` when the
    caller has it, or -1."""
    if cur.bullet or cur.heading or not cur.text or not prev.text:
        return False
    if cur.text.lower() in _LONE_MARKERS:
        return False  # (a byline's marker on a line of its own, its name under it: "by" / "Clara Ng")
    # (two columns of slack: the width is estimated from the longest lines seen, and
    # wrappers differ on whether a word may end exactly at the limit)
    wrapped = width is not None \
        and (prev_columns if prev_columns >= 0 else _width(prev_raw)) + 1 + _first_word_width(cur_raw) \
        > width - 2
    if prev.heading:
        # html2text wraps a long heading as any line ("# Gut bacteria may explain why
        # some children outgrow peanut allergy, Calloway" / "study finds") and puts a
        # blank line after a whole one: a line straight under it that the wrap explains,
        # or that goes on in lower case, is the heading's end
        return wrapped or cur.text[0].islower()
    if wrapped:
        # (an advertisement's label straight under a paragraph that ended, "Publicidad",
        # would not have fitted either: it is a line of its own)
        if prev.text[-1] in _SENTENCE_END and len(cur.text) <= _LABEL_CHARS \
                and " " not in cur.text.strip() and is_inline_chrome(cur.text):
            return False
        # (nor a link under a line of dates, which a block of its own ends: "March 4, 2025,
        # 6:12 PM EST / Updated …" / "[27]Share on Facebook [28]Share on X")
        if cur_raw.lstrip()[:1] == "[" and dates_only(prev.text):
            return False
        # (nor a masthead under a row of links parted by pipes, "Subscribe | Newsletters |
        # Advertise | Log In" / "SupplyLine Review": a row's wrapped end goes on with a pipe)
        if " | " in prev.text and prev.text.count(" | ") >= _ROW_PIPES and "|" not in cur.text:
            return False
        # (or a centred heading's next line, going on with its sentence, both lines
        # centred on one column: lynx wraps "El Cabildo aprueba … de las playas" /
        # "                    del sur de Tenerife")
        return abs(cur.indent - prev.indent) <= 2 or cur.indent < prev.indent \
            or (_goes_on(prev.text, cur.text) and _same_centre(prev_raw, cur_raw))
    if prev.text[-1] in _SENTENCE_END:
        return False
    head = cur.text[0]
    if head.islower() and cur_raw.lstrip()[:1] == "[":
        # (the letter after the images' file names w3m prints opening the line: a lower-
        # case name goes on no sentence, "[mlavoie][dokafor] By Marguerite Lavoie …")
        opening = cur_raw.lstrip()
        names = IMAGE_NAMES.match(opening)
        if names:
            after = opening[names.end():].lstrip()[:1]
            if not after:
                return False  # (images alone on their line: no sentence goes on there)
            head = after
    if head.islower() or head in ",.;:()!?\u2019\u201d" or prev.text[-1] in _OPENS_NOTHING:
        return True
    # A short capitalised piece (a name in a link) between a line that stopped
    # mid-sentence and one that goes on in lower case is the middle of one sentence; not
    # a byline's first piece under a headline ("By Jane Doe" / "and" / "John Roe").
    # the line after ``cur`` ("" if there is none, or ``cur`` is a piece of its line)
    following = lines[index + 1] if index + 1 < len(lines) and cur_raw is lines[index] else ""
    after = following.lstrip()[:1]
    piece = cur.text
    return (len(piece.split()) <= _FRAGMENT_WORDS and len(prev.text.split()) >= 4
            and ":" not in piece and not any(map(str.isdigit, piece))
            and bool(after) and (after.islower() or after in ",.;:(")
            and not has_byline_marker(piece))


# Byline markers that a render may print alone on their line, the name on the next
_LONE_MARKERS: Final = frozenset(("by", "von", "par", "por", "door", "av", "af", "oleh"))
_CENTRING_SLACK: Final = 3  # twice the columns two centred lines' centres may differ by


def _same_centre(upper: str, lower: str) -> bool:
    """Two lines centred on one column (an odd length and rounding aside)."""
    twice = [2 * (len(raw) - len(raw.lstrip(" "))) + _width(raw.strip()) for raw in (upper, lower)]
    return abs(twice[0] - twice[1]) <= _CENTRING_SLACK


def _goes_on(upper: str, lower: str) -> bool:
    """``lower`` carries on ``upper``'s sentence: it opens in lower case, or (a script
    without capitals) ``upper`` stopped mid-sentence."""
    head = lower[:1]
    return head.islower() or (head.isalpha() and not head.isupper() and upper[-1:] not in _SENTENCE_END)


def _opens_capitalised(line: str) -> bool:
    """The line's first letter, after its indent and a lynx link number, is a capital."""
    text = line.lstrip()
    if text[:1] == "[":
        ref = _LYNX_REF.match(text)
        if ref:
            text = text[ref.end():]
    return text[:1].isupper()


def _block_widths(lines: list[str], columns: list[int], width: int | None
                  ) -> list[int | None]:
    """Per line, the width its paragraph was wrapped at. A wrapped page wraps the text of
    a narrow column or table cell at less than the page width: a run of lines (between
    blank lines) whose longest is clearly shorter than the page width, with several
    lines close to that longest, was wrapped at that narrower width. Not when every line
    after its first opens with a capital: a wrapped paragraph goes on in lower case
    somewhere, while a byline, its date and an "Updated" line under it (three short
    lines of about one length) each open with one."""
    widths: list[int | None] = [width] * len(lines)
    if width is None:
        return widths
    start = 0
    # the blank lines, found in C (the lines are right-stripped: a blank one is empty)
    for end in [*compress(range(len(lines)), map(not_, lines)), len(lines)]:
        if end - start >= 3:
            sizes = columns[start:end]
            local = max(sizes)
            near = sum(local - 12 <= n for n in sizes[:-1])
            if 40 <= local < width - 4 and near >= 2 and near >= 0.6 * (len(sizes) - 1) \
                    and not all(map(_opens_capitalised, lines[start + 1:end])):
                widths[start:end] = [local] * (end - start)
        start = end + 1
    return widths


def _close(unit: Unit, parts: list[str], bodies: list[str]) -> None:
    """Set the unit's text; a markdown link can span the lines of a wrapped paragraph,
    so such a unit is cleaned again as one piece."""
    if len(bodies) > 1 and any("[" in b for b in bodies):
        text, links, link_chars, placeholders, urls = _clean_text(_join(bodies))
        unit.text, unit.links, unit.link_chars = text, links, link_chars
        unit.placeholders, unit.urls = placeholders, urls
    else:
        unit.text = _join(parts)


def _join(parts: list[str]) -> str:
    """Lines of one paragraph joined: with a space, but none between two wide (CJK)
    characters, where a wrapper broke a line that had no space to break at, or after a
    compound's hyphen."""
    if len(parts) == 1:
        return parts[0]
    pieces = [parts[0]]
    for part in parts[1:]:
        # (a character before the first wide block's is not wide: most are not asked)
        # (Korean puts spaces between its words, and a wrapper breaks its lines at them:
        # a line of Hangul is joined to the next with a space)
        wide = part[:1] >= _WIDE_FIRST and _WIDE.match(part) \
            and pieces[-1][-1:] >= _WIDE_FIRST and _WIDE.match(pieces[-1][-1:]) \
            and not (_HANGUL_FIRST <= part[:1] <= _HANGUL_LAST
                     and _HANGUL_FIRST <= pieces[-1][-1:] <= _HANGUL_LAST)
        # (nor after a hyphen a wrapper broke a compound at: "county-" / "wide")
        hyphen = pieces[-1][-1:] == "-" and pieces[-1][-2:-1].isalpha() and part[:1].islower()
        pieces.append(part if wide or hyphen or part[:1] in _CLOSING else " " + part)
    return "".join(pieces)


# Where ``get_text()`` with no separator glued two elements: a word of three or more small
# letters run into a capital ("…cleveland.comSkip to ArticleMenuHomeNews"), or a
# sentence's end run into the next one ("…the show.The band").
_GLUE: Final = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])|(?<=[a-z][.!?])(?=[A-Z][a-z])")
# The characters around every _GLUE point: a quick test (_GLUE's look-arounds at every
# position take four times as long to scan a paragraph, and most hold no glue point).
# (written to open with the capital: a search then stops only at capitals, not at every
# small letter)
_GLUE_HINT: Final = re.compile(r"[A-Z](?<=[a-z.!?][A-Z])[a-z]")
# The capital after every _GLUE point, one a point (no two are next to each other): as
# many matches, found as quickly as the hint's.
_GLUE_CAPITAL: Final = re.compile(r"[A-Z](?:(?<=[a-z]{3}[A-Z])|(?<=[a-z][.!?][A-Z]))(?=[a-z])")
_GLUE_MIN: Final = 4  # glue points in a line before it is cut at them
_GLUE_PER_WORD: Final = 0.03  # and at least this many per word: names like "PlayStation" are rare
_GLUE_PIECE_CHARS: Final = 12  # glued elements are menu items and sentences, not "MondayMonday…"
# Pieces cut from a dump's glued lines, at most: a line that would pass it stays whole
# (the dev pages' renders are cut into 256 at most; every piece is a unit that the
# readers after compare, and a dump of glued lines would otherwise be tens of thousands)
_GLUE_PIECES: Final = 640
# A sentence's end run into the next sentence ("…in the Fan Vote.You may also like"): in
# prose a stop is followed by a space, so two of these in a line are elements glued
# together even where the line is too long for the density rule above; such a line is
# cut at them (not at a capital inside a word: "WordPress", "LinkedIn").
_SENTENCE_GLUE: Final = re.compile(r"(?<=[a-z][.!?])(?=[A-Z][a-z])")
_SENTENCE_GLUE_CAPITAL: Final = re.compile(r"[A-Z](?<=[a-z][.!?][A-Z])(?=[a-z])")
_SENTENCE_GLUE_MIN: Final = 2


def _lines_unglued(lines: list[str]) -> Iterable[tuple[int, str]]:
    """``(line index, text)`` for every line, a line of elements glued together cut into
    one piece per element (each keeps its line's index)."""
    cut: dict[int, list[str]] = {}
    budget = _GLUE_PIECES
    # (only lines of over 200 characters are tested, picked in C; most pages have none
    # to cut, and their lines are then enumerated without a generator step each)
    for index in compress(range(len(lines)), map((200).__lt__, map(len, lines))):
        line = lines[index]
        glue = len(_GLUE_CAPITAL.findall(line, 0, MAX_LINE_CHARS)) \
            if _GLUE_HINT.search(line, 0, MAX_LINE_CHARS) else 0
        pieces_long = glue and min(len(line), MAX_LINE_CHARS) / (glue + 1) >= _GLUE_PIECE_CHARS
        if glue >= _GLUE_MIN and glue >= _GLUE_PER_WORD * line.count(" ") and pieces_long and glue < budget:
            cut[index] = _GLUE.split(line[:MAX_LINE_CHARS])
            budget -= glue
        elif glue >= _SENTENCE_GLUE_MIN:
            ends = len(_SENTENCE_GLUE_CAPITAL.findall(line, 0, MAX_LINE_CHARS))
            if ends >= _SENTENCE_GLUE_MIN and ends < budget:
                cut[index] = _SENTENCE_GLUE.split(line[:MAX_LINE_CHARS])
                budget -= ends
    if not cut:
        return enumerate(lines)
    return ((index, piece) for index, line in enumerate(lines)
            for piece in cut.get(index, (line,)))


_CHECKPOINT_LINES: Final = 1023  # lines between two checkpoints (a mask: every 1024th line)

# ``lynx -dump`` (and ``elinks -dump``) ends with the targets of the page's links: a
# ``References`` line, then one numbered address a line (``  12. https://…``), under
# ``Visible links:`` and ``Hidden links:`` labels (elinks writes them without the colon,
# a titled link's address on a line of its own). A list of addresses holds
# no article text, and on a page of many links it is a third of the dump's lines: its
# lines are not made units (the trailer's readers still see them: the home page's number
# is looked up there).
_REFERENCE: Final = re.compile(r" {0,8}\d{1,6}\. \S+")
# elinks writes a titled link as its number and title, its address on the next line,
# indented by a tab: the title line belongs to the list when that line follows it.
_TITLED_REFERENCE: Final = re.compile(r" {0,8}\d{1,6}\. ")
_ADDRESS_LINE: Final = re.compile(r"\t[A-Za-z][A-Za-z0-9+.-]{0,20}:\S*")
_REFERENCE_LABELS: Final = frozenset(("Visible links:", "Hidden links:",  # lynx
                                      "Visible links", "Hidden links"))  # elinks


def references_at(lines: list[str]) -> int:
    """Where the list of link targets that closes a lynx or elinks dump starts: the index
    of its ``References`` line, or ``len(lines)`` when the dump does not end with one.
    (``lines`` right-stripped; read from the end, each line once.)"""
    address_below = False
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line or line.lstrip() in _REFERENCE_LABELS or _REFERENCE.fullmatch(line) \
                or (address_below and _TITLED_REFERENCE.match(line)):
            address_below = False
            continue
        if _ADDRESS_LINE.fullmatch(line):
            address_below = True
            continue
        return index if line == "References" and index < len(lines) - 1 else len(lines)
    return len(lines)


def units(text: str) -> list[Unit]:
    """The dump as units, in order; blank lines only separate them."""
    return units_of_lines([line.rstrip() for line in text.splitlines()])


def units_of_lines(stripped: list[str], *, listed: int = -1) -> list[Unit]:
    """``units`` of a dump given as its lines, right-stripped (for a caller that reads
    the lines too: the dump is split once); ``listed``: ``references_at(stripped)``, when
    the caller has it (-1: found here)."""
    lines = stripped[:references_at(stripped) if listed < 0 else listed]
    # per line, the columns it takes (``_width``, asked only of lines beyond ASCII)
    columns = list(map(len, lines))
    for index in compress(range(len(lines)), map(not_, map(str.isascii, lines))):
        columns[index] = _width(lines[index])
    width = _wrap_width(lines, columns)
    widths = _block_widths(lines, columns, width)
    result: list[Unit] = []
    parts: list[str] = []
    bodies: list[str] = []
    prev_raw = ""
    prev_columns = -1  # ``_width(prev_raw)``: its line's ``columns`` when it is the whole line
    prev: _Clean | None = None
    blank = True
    for index, raw in _lines_unglued(lines):
        if not index & _CHECKPOINT_LINES:
            checkpoint()  # a budget's timer may stop the parse here (compiled: compiled.py)
        if not raw.strip():
            blank = True
            prev = None
            continue
        cur = clean_line(raw)
        if not cur.text and not cur.links and not cur.placeholders:
            blank = True  # a line of markup only separates like a blank one
            prev = None
            continue
        if prev is not None and result and _continues(prev_raw, prev, raw, cur, widths[index],
                                                      lines, index, prev_columns):
            unit = result[-1]
            parts.append(cur.text)
            bodies.append(cur.body)
            unit.last = index
            unit.links += cur.links
            unit.link_chars += cur.link_chars
            unit.placeholders += cur.placeholders
            unit.urls += cur.urls
        else:
            if result:
                _close(result[-1], parts, bodies)
                result[-1].blank_after = blank
            parts, bodies = [cur.text], [cur.body]
            # (fields in order, not by keyword: 0.3 us a unit instead of 0.8)
            result.append(Unit("", index, index, cur.indent, cur.bullet, cur.heading,
                               cur.links, cur.link_chars, cur.placeholders, cur.urls, blank))
        prev_raw, prev, blank = raw, cur, False
        # (the width of a whole line was measured for the wrap width already: a line
        # beyond ASCII is not scanned again)
        prev_columns = columns[index] if raw is lines[index] else -1
    if result:
        _close(result[-1], parts, bodies)
        result[-1].blank_after = True
    return [u for u in result if u.text or u.links]
