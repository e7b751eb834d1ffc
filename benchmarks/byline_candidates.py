"""Candidate authors of a text dump and the features a learned byline scorer reads of them.

The experiment of ``benchmarks/eval_author_model.py``, kept out of the parser (it did not
win there): every short line of the header (above the body), of the trailer (after it) and
of the body's edges that holds a person's name — two to four capitalised words in a
script with case, alone or after a label in any language (``By``, ``Von``, ``Par``,
``Story:``, ``Reporter``, …) — gives candidates, one per name span, described by features
that hold across sites and languages (the label, the line's length, its distance from the
body, a date beside it, link and bullet markup, short lines around it, the name's words
written in lower case elsewhere on the page, repeated on the page or in the body, the
capitals, a copyright line, the site's name). Nothing here is fitted to a site.

Every step is linear in the input: the lines are the metadata reader's bounded windows
(``blocks``, cut as ``textdump.parse`` cuts the dump), each read to ``_MAX_LINE_CHARS``
characters and ``_MAX_LINE_WORDS`` words, and the page's words are counted once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from services.pipeline.formats.textdump_lines import Line, is_date_line, to_lines, window
from services.pipeline.formats.textdump_rules import MAX_CHARS, is_caption, is_role, looks_like_name
from services.pipeline.formats.textdump_units import Unit

__all__ = ["FEATURES", "Candidate", "blocks", "candidates", "choose"]

# The metadata reader's windows (``textdump_meta``): non-blank lines read from the top and
# the bottom of the header, and of the trailer
_HEADER_FIRST, _HEADER_LAST = 4, 150
_FOOTER_FIRST, _FOOTER_LAST = 60, 15
_EDGE_UNITS: Final = 3  # the body's first and last units, read for a byline it kept

_MAX_LINE_WORDS: Final = 24  # a longer line is prose or a menu, no byline
_MAX_NAME_WORDS: Final = 4
_NEAR: Final = 3  # non-blank lines from the body that count as "next to it"
_MAX_PAGE_WORDS: Final = 200_000  # words of the page counted for repetition, at most
_MAX_LABEL_WORDS: Final = 3
_MAX_LINE_CHARS: Final = 400  # characters of a line read

# Labels before a name, lower case, without their colon: one, two or three words.
_LABELS: Final = frozenset((
    "by", "written by", "words by", "story by", "text by", "reported by", "reporting by",
    "posted by", "published by", "report by", "story", "words", "text", "report", "reporter",
    "reporters", "author", "authors", "writer", "byline", "contributor", "correspondent",
    "von", "text von", "autor", "autorin", "autoren", "par", "texte", "auteur", "auteure",
    "rédigé par", "écrit par", "por", "texto", "escrito por", "texto de", "reportaje de",
    "redacción", "di", "autore", "testo", "scritto da", "testo di", "door", "tekst", "av",
    "af", "skrevet af", "skrevet av", "text av", "na", "od", "autorka", "autorzy", "przez",
    "írta", "szerző", "kirjoittanut", "toimittaja", "teksti", "yazan", "haber", "muhabir",
    "yazar", "автор", "авторы", "текст", "автори", "аутор", "пише", "piše", "napisao",
    "napisala", "συντάκτης", "γράφει", "oleh", "penulis", "reportase", "deur", "gan",
    "nga", "autori", "autorius", "autors", "avtor", "tác giả", "bài", "bài và ảnh",
    "journalist", "journaliste", "periodista", "giornalista", "redactor", "redakteur",
    "from", "editor", "staff writer", "senior reporter",
))
# Labels of a line that credits something else than the story's writing.
_CREDIT_LABELS: Final = frozenset((
    "photo", "photos", "photo by", "photograph", "image", "images", "picture", "pictures",
    "credit", "credits", "foto", "fotos", "foto di", "foto von", "bild", "bilder", "kuva",
    "source", "sources", "quelle", "fuente", "fonte", "video", "edited by", "illustration",
    "graphic", "graphics", "copyright", "photo credit", "image credit", "editor's note",
    "zdjęcie", "fotó", "фото", "снимка", "φωτογραφία", "ảnh",
))
_JOINERS: Final = frozenset((
    "and", "&", "und", "et", "y", "e", "i", "og", "och", "en", "és", "ve", "и", "і", "a",
    "oraz", "ja", "și", "si", "kaj", "ir", "un", "και", "та", "dan", "with", "mit",
    "avec", "con", "com",
))
_PARTICLES: Final = frozenset((
    "de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "la", "le", "dos",
    "das", "do", "bin", "binti", "al", "el", "ter", "ten", "y", "mac", "ibn", "ben", "st.",
))
_STRIP: Final = ".,;:!?()[]{}\"'*_«»“”„‘’|"
_DASHES: Final = frozenset(("-", "–", "—", "|", "·", "•", "/"))
_LINKS: Final = frozenset(("-", "–", "—", "/", "&"))  # between two names: "A - B", "A / B"

_ENDS: Final = (",", ";", ")", "\u3001")  # a word ending so ends a name

FEATURES: Final = (
    # the words before the name
    "label", "label_colon", "credit_label", "colon_before", "line_start", "after_separator",
    "words_before", "in_run",
    # the name and what follows it
    "name_words", "joined_before", "joined_after", "comma_before", "comma_after", "run_goes_on",
    "words_after", "role_after", "bare", "all_caps", "rules_name", "lower_in_body", "lower_in_page",
    "digit_beside", "cased_share",
    # the line
    "line_words", "long_line", "dated", "digits", "item", "link", "copyright", "caption", "alone",
    "short_around",
    # its place
    "in_header", "in_footer", "distance", "near_body", "date_beside", "role_beside",
    "under_title", "top_of_page",
    # the page
    "repeated", "in_body", "in_title", "site_name",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name on a line, its features (``FEATURES``) and where it stands: ``place`` 0 in
    the header, 1 by the body, 2 in the trailer; ``row`` the line's index there; ``start``
    and ``end`` its words on the line."""

    name: str
    features: tuple[float, ...]
    place: int
    row: int
    start: int
    end: int


def _word(token: str) -> str:
    word = token.strip(_STRIP)
    # (an initial keeps its full stop: "K. Venkata Ramana")
    return f"{word}." if len(word) == 1 and token.rstrip(_STRIP.replace(".", "")).endswith(".") else word


def _cased_word(word: str) -> str:
    """"title", "upper" or "" for a word that can be a word of a name."""
    if not word or not word[0].isalpha() or not word[0].isupper():
        return ""
    if any(char.isdigit() or char in "/@=#" for char in word):
        return ""
    letters = [char for char in word if char.isalpha()]
    if len(letters) == 1:
        return "initial"  # "J." (a lone capital too)
    rest = letters[1:]
    if all(char.isupper() for char in rest):
        return "upper"
    return "title" if any(char.islower() for char in rest) else ""


def _label_before(words: list[str], at: int) -> tuple[bool, bool, bool]:
    """(a byline label, its colon, a credit label) in the words just before ``at``."""
    for size in range(min(_MAX_LABEL_WORDS, at), 0, -1):
        head = words[at - size:at]
        phrase = " ".join(w.strip(":\uff1a-\u2013|*_").lower() for w in head).strip()
        colon = head[-1].endswith((":", "\uff1a")) or head[-1] in (":", "-", "\u2013")
        if head[-1] in (":", "-", "\u2013") and size > 1:
            phrase = " ".join(w.strip(":\uff1a*_").lower() for w in head[:-1])
        if phrase in _LABELS:
            return True, colon, False
        if phrase in _CREDIT_LABELS:
            return False, colon, True
    return False, False, False


def _span_end(words: list[str], kinds: list[str], at: int, longest: int) -> list[int]:
    """The ends (exclusive) of the names of 2 to ``longest`` words that start at ``at``."""
    ends: list[int] = []
    style = ""
    i = at
    while i < len(words) and i - at < longest:
        kind = kinds[i]
        raw = words[i]
        if kind and (kind == "initial" or not style or kind == style):
            style = style or (kind if kind != "initial" else "")
        elif i > at and words[i].lower() in _PARTICLES and i + 1 < len(words) and kinds[i + 1]:
            i += 1
            continue
        else:
            break
        if raw.endswith((":", "\uff1a")):
            break
        i += 1
        if i - at >= 2:
            ends.append(i)
        if raw.endswith(_ENDS) or (raw.endswith(".") and kind != "initial"):
            break
    return ends


@dataclass(slots=True)
class _Page:
    """What every candidate of a page is compared with, counted once."""

    counts: Counter[str]
    lower_body: frozenset[str]
    lower_page: frozenset[str]
    body: str
    title: str
    site: str


def _page(body: str, texts: Sequence[str], title: str, site: str = "") -> _Page:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(map(_word, text.split()))
    lower = frozenset(w for w in map(_word, body.split()[:_MAX_PAGE_WORDS]) if w and w[0].islower())
    return _Page(counts, lower, frozenset(w for w in counts if w and w[0].islower()), body, title,
                 site.casefold())


def _line_features(lines: Sequence[Line], i: int, *, place: int, distance: int,
                   title_at: int, words: list[str], dates: list[bool], longer: bool
                   ) -> tuple[float, ...]:
    line = lines[i]
    size = len(lines)
    raw = line.raw
    return (
        min(len(words), _MAX_LINE_WORDS) / _MAX_LINE_WORDS, float(longer),
        float(dates[i]),
        float(any(char.isdigit() for char in line.text)),
        float(line.bullet or line.heading),
        float("](" in raw or "http" in raw or ("[" in raw and "]" in raw)),
        float("\u00a9" in line.text or "copyright" in line.text.lower()),
        float(is_caption(line.text)),
        float(line.blank_before and (i + 1 >= size or lines[i + 1].blank_before)),
        # (a menu or a share row: short lines around it)
        sum(1 for j in (i - 2, i - 1, i + 1, i + 2)
            if 0 <= j < size and 0 < len(lines[j].text.split(maxsplit=3)) <= 3) / 4,
        float(place == 0),
        float(place == 2),
        min(distance, 60) / 60,
        float(distance <= _NEAR),
        float((i > 0 and dates[i - 1]) or (i + 1 < size and dates[i + 1])),
        float(i + 1 < size and len(lines[i + 1].text) < 60 and is_role(lines[i + 1].text)),
        float(place == 0 and 0 <= title_at < i),
        float(place == 0 and i < size // 4),
    )


def _title_at(lines: Sequence[Line], title: str) -> int:
    if not title:
        return -1
    return next((i for i in range(len(lines) - 1, -1, -1) if lines[i].text == title), -1)


def _of_lines(lines: Sequence[Line], *, place: int, page: _Page) -> list[Candidate]:
    """The candidates of one block: ``place`` 0 the header, 1 the body's edges and the
    lines left out of it, 2 the trailer."""
    title_at = _title_at(lines, page.title) if place == 0 else -1
    # (non-blank lines between each line and the body, counted once)
    seen = [0] * (len(lines) + 1)
    for i, line in enumerate(lines):
        seen[i + 1] = seen[i] + bool(line.text)
    dates = [len(line.text) < 120 and is_date_line(line.text) for line in lines]
    found: list[Candidate] = []
    for i, line in enumerate(lines):
        # (a slash or a bar parts a name from what follows it: "Kimone Thelwell/Staff Reporter")
        cut = line.text[:_MAX_LINE_CHARS].replace("/", " / ").replace("|", " | ")
        words = cut.split(maxsplit=_MAX_LINE_WORDS)
        longer = len(words) > _MAX_LINE_WORDS
        words = words[:_MAX_LINE_WORDS]
        if not words:
            continue
        kinds = [_cased_word(_word(w)) for w in words]
        distance = seen[-1] - seen[i + 1] if place == 0 else 0 if place == 1 else seen[i]
        shared: tuple[float, ...] | None = None
        for at in range(len(words)):
            # (a name starts a run of capitalised words, or is the run's second word: a
            # label or a word of the site's before it, "Minn Rebecca Zammit")
            opens = bool(kinds[at]) and (at == 0 or not kinds[at - 1]
                                         or words[at - 1].endswith((",", ":", ";")))
            second = bool(kinds[at]) and not opens and at > 0 and (
                at == 1 or not kinds[at - 2] or words[at - 2].endswith((",", ":", ";")))
            if not (opens or second):
                continue
            for end in _span_end(words, kinds, at, _MAX_NAME_WORDS):
                if shared is None:
                    shared = _line_features(lines, i, place=place, distance=distance,
                                            title_at=title_at, words=words, dates=dates,
                                            longer=longer)
                found.append(_candidate(words, kinds, at, end, shared, page, second,
                                        (place, i)))
    return found


def _candidate(words: list[str], kinds: list[str], at: int, end: int, shared: tuple[float, ...],
               page: _Page, second: bool, where: tuple[int, int]) -> Candidate:
    name = " ".join(map(_word, words[at:end]))
    label, colon, credit = _label_before(words, at)
    before = words[at - 1] if at else ""
    after = words[end:end + _MAX_NAME_WORDS]
    tokens = name.split()
    surname = tokens[-1]
    joined_before = before.lower() in _JOINERS or before in _LINKS
    joined_after = bool(after) and (after[0].lower() in _JOINERS or after[0] in _LINKS)
    comma_before = before.endswith((",", "\u3001"))
    comma_after = words[end - 1].endswith((",", "\u3001"))
    cased = sum(1 for kind in kinds if kind) / len(kinds)
    own = (
        float(label), float(colon and label), float(credit),
        float(before.endswith((":", "\uff1a"))), float(at == 0),
        float(before in _DASHES or before.endswith((",", "|"))),
        min(at, 8) / 8, float(second),
        len(tokens) / _MAX_NAME_WORDS, float(joined_before), float(joined_after),
        float(comma_before), float(comma_after),
        float(end < len(words) and bool(kinds[end]) and not words[end - 1].endswith(_ENDS)),
        min(len(words) - end, 8) / 8,
        float(bool(after) and is_role(" ".join(map(_word, after)))),
        float(at == 0 and end == len(words)),
        float(all(kinds[j] in ("upper", "initial") for j in range(at, end))),
        float(looks_like_name(name)),
        sum(1 for t in tokens if t.lower() in page.lower_body) / len(tokens),
        sum(1 for t in tokens if t.lower() in page.lower_page) / len(tokens),
        float((bool(after) and after[0][:1].isdigit()) or (bool(before) and before[:1].isdigit())),
        cased,
    )
    return Candidate(name, (*own, *shared, min(page.counts[surname], 6) / 6,
                            float(name in page.body), float(surname in page.title),
                            float(bool(page.site) and (name.casefold() in page.site
                                                       or page.site in name.casefold()))),
                     where[0], where[1], at, end)


def candidates(head: Sequence[Line], foot: Sequence[Line], *, middle: Sequence[Line] = (),
               body: str, title: str | None = None, site: str | None = None) -> list[Candidate]:
    """The candidate names of the header lines ``head``, the body's edges and the lines
    left out of it ``middle`` and the trailer lines ``foot`` (``textdump_lines.Line``, as
    the metadata reader cuts them), with their features."""
    page = _page(body, [*(line.text for line in head), *(line.text for line in foot), body],
                 title or "", site or "")
    return [*_of_lines(head, place=0, page=page), *_of_lines(middle, place=1, page=page),
            *_of_lines(foot, place=2, page=page)]


_JOINED: Final = tuple(FEATURES.index(name) for name in (
    "joined_before", "joined_after", "comma_before", "comma_after"))
_RUN_GOES_ON: Final = FEATURES.index("run_goes_on")


def _joined(found: Candidate) -> bool:
    """Joined to another name, and a whole name ("Public Affairs" of "…, Public Affairs
    Manager" is not)."""
    return any(found.features[i] > 0 for i in _JOINED) and not found.features[_RUN_GOES_ON]


def choose(found: Sequence[Candidate], p: Sequence[float], *, threshold: float,
           also: float) -> tuple[list[str], float]:
    """The authors the candidates' probabilities ``p`` give, and the best one's: the most
    likely name if it reaches ``threshold``, with the other names of its line that reach
    ``also`` and are joined to another name ("A, B and C"; in the line's order, none
    overlapping a likelier one, none a job title)."""
    if not found:
        return [], 0.0
    best = max(range(len(found)), key=p.__getitem__)
    if p[best] < threshold:
        return [], float(p[best])
    top = found[best]
    same = sorted((k for k in range(len(found)) if found[k].place == top.place
                   and found[k].row == top.row and (k == best or (p[k] >= also and _joined(found[k])))),
                  key=lambda k: (k != best, -p[k]))
    chosen: list[Candidate] = []
    for k in same:
        c = found[k]
        if all(c.end <= o.start or c.start >= o.end for o in chosen) \
                and c.name not in {o.name for o in chosen} and not (chosen and is_role(c.name)):
            chosen.append(c)
    return [c.name for c in sorted(chosen, key=lambda c: c.start)], float(p[best])


def blocks(lines: Sequence[str], header: Sequence[str], footer: Sequence[str], *,
           found: Sequence[Unit], body_at: Sequence[int], listed: int
           ) -> tuple[list[Line], list[Line], list[Line]]:
    """The lines read for names, as ``textdump.parse`` cuts the dump: the header's and the
    trailer's (the metadata reader's windows of them; ``listed``, the index in ``footer``
    of lynx's list of links), and by the body its first and last units and the units
    left out between them. ``header`` is ``lines[:start]`` and ``footer`` ``lines[end:]``
    of the body's first and last line."""
    end = found[body_at[-1]].last + 1
    head = to_lines(header, keep=window(header, first=_HEADER_FIRST, last=_HEADER_LAST), found=found)
    foot = to_lines(footer, keep=window(footer[:listed], first=_FOOTER_FIRST, last=_FOOTER_LAST),
                    found=found, offset=end)
    kept = set(body_at)
    edges = {*body_at[:_EDGE_UNITS], *body_at[-_EDGE_UNITS:]}
    middle = [Line(u.text[:MAX_CHARS], lines[u.first][:MAX_CHARS], u.bullet, u.heading,
                   u.blank_before, u.indent)
              for i, u in enumerate(found[body_at[0]:body_at[-1] + 1], start=body_at[0])
              if i not in kept or i in edges]
    return head, foot, middle
