"""The lines around a text dump's body, as the metadata readers see them.

The header (above the body) and the trailer (after it) are cut into units the way the
body is (``textdump_units``: markup stripped, wrapped lines joined, list and heading
markers noted) and each unit becomes a ``Line``. What a tool split apart is joined on
the way: a setext underline (``=====``) marks the line above it as a heading; a
breadcrumb printed one item per line (``Home`` / ``›`` / ``World``) becomes one line; a
marker on a line of its own (``By``, ``Published:``, as ``get_text("\\n")`` writes them)
joins the line after it; a time on a line of its own joins the date above it.

Only a bounded part is read: the first lines of the header (a ``<title>``-like line)
and the lines nearest the body, the first lines of the trailer and its last ones (the
copyright line), each cut to ``MAX_CHARS``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter
from typing import Final

from services.pipeline.formats.dates import HOUR_H, FoundDate, by_first_letter, find_date, western_digits
from services.pipeline.formats.month_names import CLDR_WEEKDAYS
from services.pipeline.formats.textdump_rules import (
    MAX_CHARS,
    byline_names,
    handle_byline,
    has_byline_marker,
    is_role,
    looks_like_name,
    short_line_cache,
    split_breadcrumb,
    split_meta_parts,
)
from services.pipeline.formats.textdump_units import Unit, units
from services.pipeline.wire import canonical_agency

__all__ = [
    "LEAD_SEPARATORS",
    "UPDATE_WORDS",
    "Line",
    "dates_in",
    "find_date_cached",
    "is_byline_line",
    "is_counter",
    "is_date_line",
    "is_relative_time",
    "may_hold_date",
    "name_before_date",
    "name_in_dated_row",
    "name_shaped",
    "names_before_date",
    "to_lines",
    "trail_before_date",
    "window",
    "without_weekday",
]

_FIRST: Final = attrgetter("first")
_UNDERLINE: Final = re.compile(r"[=\-]{3,300}")
# A marker that get_text() put on a line of its own, apart from what it marks: "By",
# "Von", "Par", "Por", "Author:", "Published:", "| Updated:".
_LONE_MARKERS: Final = [
    "written by", "posted by", "story by", "words by", "by", "von",
    "publicado por", "postado por", "publi\u00e9 par", "pubblicato da", "par", "por", "di", "door", "av", "af",
    "authors?", "autor", "auteur", "published", "updated", "posted", "last updated",
    "publi\u00e9 le", "publi\u00e9", "mis \u00e0 jour le", "ver\u00f6ffentlicht(?: am)?",
    "aktualisiert(?: am)?", "publicado(?: el| em)?", "actualizado", "atualizado(?: em)?",
    "pubblicato(?: il)?", "aggiornato(?: il)?", "opublikowano", "aktualizacja", "zaktualizowano",
    "g\u00fcncelleme", "yay\u0131nlanma", "giri\u015f", "publicerad", "uppdaterad", "publiceret",
    "opdateret", "publisert", "oppdatert", "julkaistu", "p\u00e4ivitetty",
    "\u043e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432\u0430\u043d\u043e",
    "\u043e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u043e", "penulis", "oleh", "deur",
]
# ... and the author's labels that are markers only with their colon ("Penulis:" /
# "Rina Anggraini", "Yazar:", "Reporter:"; "Text" alone is a button's label).
_LONE_LABELS: Final = [
    "reporters?", "writers?", "autora", "autores", "autorin", "autore", "autori", "autorka",
    "auteurs", "avtor(?:ja|ji|ica)?", "texto?", "texte", "tekst", "yazar", "muhabir",
    "pi\u0161e", "napisao", "napisala", "\u0430\u0432\u0442\u043e\u0440", "\u043f\u0438\u0448\u0435",
    "szerz\u0151k?",
]
_LONE_MARKER: Final = re.compile(r"^[|\u00b7\u2022\s]{0,3}(?:(?:" + by_first_letter(_LONE_MARKERS)
                                 + r")\s{0,2}:?|(?:" + by_first_letter(_LONE_LABELS) + r")\s{0,2}:)$",
                                 re.IGNORECASE)
_LONE_CONJUNCTIONS: Final = frozenset(("and", "&", "und", "et", "y", "e", "i", "og", "och", "en", "ve"))
_LONE_MARKER_CHARS: Final = 24  # its longest match: "| veröffentlicht am :" and a newline
# A time on a line of its own ("7:05 AM EST") under the date it belongs to.
_LONE_TIME: Final = re.compile(r"^\d{1,2}[:.h]\d{2}(?:\s{0,2}[ap]\.?m\.?)?(?:\s{1,2}[A-Z]{1,5})?$",
                               re.IGNORECASE)
_YEAR_END: Final = re.compile(r"(?:19|20)\d{2}\W{0,3}$")
# "3 hours ago", "vor 3 Stunden", "il y a 3 heures", "hace 3 horas", "há 3 horas".
_RELATIVE_TIME: Final = re.compile(
    r"^\W{0,3}(?:(?:last\s)?(?:published|updated|posted)\s{0,2}:?\s{1,3})?(?:\d{1,3}|an?|one)\s{1,3}(?:min(?:ute)?s?"
    r"|hours?|hrs?|days?|weeks?|months?)\s{1,3}ago\b|^(?:vor|il y a|hace|h\u00e1)\s{1,3}\d{1,3}\s"
    # a day of this week and a time, a line of its own: "Monday 5:30PM", "Yesterday at 9:12"
    r"|^(?:(?:published|updated|posted)\s{1,3})?(?:mon|tues|wednes|thurs|fri|satur|sun|to|yester)"
    r"day,?\s{1,3}(?:at\s{1,3})?\d{1,2}[:.]\d{2}\s{0,2}(?:[ap]\.?m\.?)?$",
    re.IGNORECASE)
_CRUMB_ONLY: Final = frozenset("›»>→/")
_CONNECTORS: Final = frozenset((
    "of", "the", "and", "on", "for", "de", "du", "des", "la", "le", "les", "del", "do", "da",
    "di", "am", "an", "im", "der", "die", "das", "y", "e", "&", "und", "et", "della", "delle",
    "dello", "dei", "degli", "el", "los", "las", "van", "von", "zum", "zur", "vom",
))
_MAX_DATES: Final = 4  # dates read from one line
# Words that may stand beside a date on a date line: markers, "min read", "Uhr".
_DATE_WORDS: Final = 6
_TIME_WORDS: Final = 2  # words between a date and the byline after it ("Uhr", "IST")
_JOINING_CHARS: Final = 3  # a word joining a byline to its date: "on", "le", "am", "el"
_NAME_ROLE_WORDS: Final = 8  # words of a name and a role before a date, at most
# A label and its value of a word or two: "Source: AP", "Fuente: EFE"
_LABEL_PAIR: Final = re.compile(r"^[^\W\d_]{2,20}\s?:\s?\S{1,30}(?:\s\S{1,30})?$")
_SEPARATORS: Final = " |,\u00b7\u2022-\u2013\u2014"
# A counter beside a byline or a date: "Komentari: 14", "Comments (14)", "👁 3 218",
# "💬 27", "14 komentara"; and an update's time alone: "Обновена: 11:05 ч.", "> 16:05".
_COUNTER: Final = re.compile(r"^\W{0,3}(?:[^\W\d]{1,20}\s?[:(]?\s?)?\d[\d .,]{0,8}\)?$"
                             r"|^\d[\d .,]{0,8}\s[^\W\d]{1,20}$")
# (and the French hour's "h": "14h05")
_TIME_ONLY: Final = re.compile(r"^\W{0,3}(?:[^\W\d]{1,20}\s?:?\s)?\d{1,2}[:.h]\d{2}(?:\s?[^\W\d]{1,3}\.?)?$")
_COUNTER_CHARS: Final = 40


class Line:
    """One unit of the header or trailer, never changed once made.

    (A plain class with slots: compiled, its fields are read straight from the object,
    where a named tuple's go through Python's attribute lookup, and the metadata readers
    read them thousands of times a dump; a frozen dataclass takes three times as long
    to build.)"""

    __slots__ = ("blank_before", "bullet", "heading", "indent", "raw", "text")

    def __init__(self, text: str, raw: str, bullet: bool = False, heading: bool = False,
                 blank_before: bool = True, indent: int = 0) -> None:
        self.text = text  # markup stripped, single-spaced, at most MAX_CHARS
        self.raw = raw  # the dump's first line of the unit, at most MAX_CHARS
        self.bullet = bullet
        self.heading = heading
        self.blank_before = blank_before
        self.indent = indent

    def _fields(self) -> tuple[str, str, bool, bool, bool, int]:
        return (self.text, self.raw, self.bullet, self.heading, self.blank_before, self.indent)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Line) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (f"Line(text={self.text!r}, raw={self.raw!r}, bullet={self.bullet}, "
                f"heading={self.heading}, blank_before={self.blank_before}, indent={self.indent})")

    @property
    def plain(self) -> str:
        """The text with a numbered list marker put back: a dump tool reads
        ``5. März 2024`` as an item numbered 5."""
        if not self.bullet:
            return self.text
        lead = self.raw.split(maxsplit=1)[0] if self.raw.strip() else ""
        # (html2text escapes the marker's dot: "17\. května 2024")
        return f"{lead.replace(chr(92), '')} {self.text}" if lead[:1].isdigit() else self.text


def window(lines: Sequence[str], *, first: int, last: int) -> list[int]:
    """The indices of the lines read: those up to the ``first``-th non-blank line and
    from the ``last``-th non-blank line from the end (all of them if they overlap)."""
    # (For speed: the lines are read from each end only as far as the window reaches, and
    # between the two ends only up to a non-blank line; a trailer can run to thousands of
    # lines.)
    size = len(lines)
    top = -1  # the first-th non-blank line (-1 when first is 0)
    found = 0
    at = 0
    while found < first and at < size:
        if lines[at].strip():
            found += 1
            top = at
        at += 1
    if found < first:
        return list(range(size))
    bottom = size  # the last-th non-blank line from the end, below top (size when last is 0)
    found = 0
    at = size - 1
    while found < last and at > top:
        if lines[at].strip():
            found += 1
            bottom = at
        at -= 1
    # they overlap unless a non-blank line stands between them
    if found < last or not any(lines[i].strip() for i in range(top + 1, bottom)):
        return list(range(size))
    return list(range(top + 1)) + list(range(bottom, size))


def to_lines(raw_lines: Sequence[str], *, keep: Sequence[int] | None = None,
             found: Sequence[Unit] | None = None, offset: int = 0) -> list[Line]:
    """The units of the kept lines as ``Line`` objects (see the module docstring).

    ``found``: the units of the whole dump, when the caller has them (the wrap width is
    a property of the whole dump, not of its header); ``raw_lines[0]`` is then the
    dump's line ``offset``. Otherwise the kept lines are cut into units here.
    """
    kept = set(range(len(raw_lines)) if keep is None else keep)
    if found is None:
        masked = [line[:MAX_CHARS] if i in kept else "" for i, line in enumerate(raw_lines)]
        pieces: Sequence[Unit] = units("\n".join(masked))
    else:
        # the units are in line order: only those between the first and the last kept
        # line are looked at
        lo = bisect_left(found, offset + min(kept, default=0), key=_FIRST)
        hi = bisect_left(found, offset + max(kept, default=-1) + 1, key=_FIRST)
        pieces = [u for u in found[lo:hi]
                  if u.first - offset in kept and u.last - offset < len(raw_lines)]
    result: list[Line] = []
    join_next = False
    marker = ""
    marked = False  # the last line was built on a lone marker: "By" / "Daniel Okoye"
    conjunction = ""
    for unit in pieces:
        text = unit.text[:MAX_CHARS]
        if conjunction and result and text:
            # the names of a byline get_text() split at each link: "By" / "Daniel Okoye" /
            # "and" / "Priya Raman"
            last = result[-1]
            result[-1] = Line(f"{last.text} {conjunction} {text}", f"{last.raw} {conjunction} {text}",
                              last.bullet, last.heading, last.blank_before, last.indent)
            conjunction = ""
            continue
        if marked and text.lower() in _LONE_CONJUNCTIONS:
            conjunction = text
            continue
        marked = False
        if result and text[:1] in "=-" and _UNDERLINE.fullmatch(text) and not unit.blank_before:
            result[-1] = _replace(result[-1], heading=True)
        elif text in _CRUMB_ONLY and result:
            join_next = True
        elif join_next and result:
            result[-1] = _replace(result[-1], text=f"{result[-1].text} \u203a {text}")
            join_next = False
        elif len(text) <= _LONE_MARKER_CHARS and _is_lone_marker(text):
            marker = f"{marker} {text}".strip()
        elif result and text[:1].isdigit() and _LONE_TIME.match(text) \
                and _YEAR_END.search(result[-1].text):
            result[-1] = _replace(result[-1], text=f"{result[-1].text} {text}")
        elif text:
            line = raw_lines[unit.first - offset][:MAX_CHARS]
            if marker:
                text, line = f"{marker} {text}", f"{marker} {line}"
                marker = ""
                marked = True
                # (the conjunction run into the first name: "By" / "Daniel Okoye and")
                tail = text.rsplit(None, 1)[-1]
                if tail.lower() in _LONE_CONJUNCTIONS and len(text.split()) > 2:
                    text, line = text[:-len(tail)].rstrip(), line.rstrip()
                    line = line[:-len(tail)].rstrip() if line.endswith(tail) else line
                    conjunction = tail
            result.append(Line(text.strip(), line.strip(), unit.bullet, unit.heading,
                               unit.blank_before, unit.indent))
    return result


@short_line_cache
def _is_lone_marker(text: str) -> bool:
    """``_LONE_MARKER`` matches the text (cached: the header is read into lines twice,
    and a third of the short lines asked are asked again)."""
    return _LONE_MARKER.match(text) is not None


def _replace(line: Line, *, text: str | None = None, heading: bool | None = None) -> Line:
    return Line(text=line.text if text is None else text, raw=line.raw, bullet=line.bullet,
                heading=line.heading if heading is None else heading,
                blank_before=line.blank_before, indent=line.indent)


@short_line_cache
def find_date_cached(text: str, *, day_first: bool | None = None) -> FoundDate | None:
    """``find_date``, cached: the header and trailer readers ask about the same lines."""
    return find_date(text, day_first=day_first)


def may_hold_date(text: str) -> bool:
    """False where ``find_date`` finds no date in the text, told without it: every date
    holds a year (``find_date``), or a time after a year of two digits ("12-03-24, 18:45",
    "04-09-24 à 11h32"), and most lines hold neither (a Thai year of the Buddhist Era
    opens with 25, a Persian one of the Solar Hijri calendar with 14 or 13)."""
    in_ascii = text.isascii()
    probe = text if in_ascii else western_digits(text)  # (a year in Arabic digits)
    return not ("19" not in probe and "20" not in probe and ":" not in probe
                and (in_ascii or ("25" not in probe and "14" not in probe and "13" not in probe))
                and not (("h" in probe or "H" in probe) and HOUR_H.search(probe)))


def dates_in(text: str, *, day_first: bool | None = None) -> list[tuple[str, FoundDate]]:
    """Every date in ``text`` (at most four), each with the text before it since the
    previous date: ``"Published 5 March | Updated 6 March"`` gives two."""
    found: list[tuple[str, FoundDate]] = []
    if not may_hold_date(text):
        return found
    pos = 0
    while pos < len(text) and len(found) < _MAX_DATES:
        date = find_date_cached(text[pos:], day_first=day_first)
        if date is None:
            break
        found.append((text[pos: pos + date.start], FoundDate(
            date.value, pos + date.start, pos + date.end)))
        pos += max(date.end, 1)
    return found


# An article's reading time: its label (English, French, German, Spanish, Italian,
# Portuguese, Dutch, Polish, Turkish, Russian, Czech, Finnish, the Scandinavian languages)
# and the minutes, or the minutes and "read"
_READING_TIME: Final = re.compile(
    r"(?:(?:reading time|read time|temps de lecture|lesezeit|lesedauer|tiempo de lectura|tempo di lettura"
    r"|tempo de leitura|leestijd|czas czytania|okuma süresi|время чтения|čas čtení|lukuaika|lesetid"
    r"|lästid)\s?:?\s?\d{1,3}\s?\w{0,8}\.?"
    r"|\b\d{1,3}\s?(?:min|mins|minutes?|minuten)\.?\s(?:read|de lecture|Lesezeit|de lectura|di lettura"
    r"|leestijd|lesetid|l\u00e4stid))",
    re.IGNORECASE)


@short_line_cache
def is_date_line(text: str, *, day_first: bool | None = None) -> bool:
    """A line that is mostly dates: ``Posted: Tue 4 March 2025, 9:15am``."""
    found = dates_in(text, day_first=day_first)
    if not found:
        return False
    rest = text[found[-1][1].end:] + " ".join(before for before, _ in found)
    if len(rest.split()) <= _DATE_WORDS:
        return True
    # (the reading time after the dates: "… Modifié le 09/04/2025 à 08:02 Temps de lecture : 3 min")
    if any(char.isdigit() for char in rest) and len(_READING_TIME.sub(" ", rest).split()) <= _DATE_WORDS:
        return True
    # (or a row of the date and, beside it, counters and the update's time: "14 яну
    # 2025, 9:32 ч. | Обновена: 11:05 ч. | 👁 3 218 | 💬 27")
    parts = split_meta_parts(text)
    if len(parts) < 2:
        return False
    if is_date_line(parts[0], day_first=day_first):
        return all(is_counter(part) or is_date_line(part, day_first=day_first) for part in parts[1:])
    # (or a row of labelled parts beside its date: "Source: AP | 2025-06-17 09:41 | Views:
    # 12,483 | 0 Comments")
    return any(is_date_line(part, day_first=day_first) for part in parts[1:]) \
        and all(is_counter(part) or is_date_line(part, day_first=day_first) or _LABEL_PAIR.match(part)
                for part in parts)


def is_counter(part: str) -> bool:
    """A count beside a byline or a date, or an update's time alone (``_COUNTER``,
    ``_TIME_ONLY``)."""
    return len(part) <= _COUNTER_CHARS and bool(_COUNTER.match(part) or _TIME_ONLY.match(part))


@short_line_cache
def is_relative_time(text: str) -> bool:
    """``3 hours ago``, ``Updated an hour ago``, ``vor 3 Stunden``, ``Monday 5:30PM``."""
    return bool(_RELATIVE_TIME.match(text))


def name_shaped(text: str) -> bool:
    """One to five capitalised words (connectors allowed), no digits: a name of a
    person, a site or a section rather than a sentence."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 5 or any(map(str.isdigit, text)):
        return False
    if not tokens[0][:1].isupper():
        return False
    return all(t[:1].isupper() or t.lower() in _CONNECTORS or _elided(t) for t in tokens)


def _elided(token: str) -> bool:
    """A capitalised word after an elided article or preposition: ``l'Ouest``,
    ``d'Azur``, ``dell'Emilia``."""
    head, mark, tail = token.replace("\u2019", "'").partition("'")
    return bool(mark) and head.islower() and len(head) <= 4 and tail[:1].isupper()


def _is_credit_part(part: str) -> bool:
    return bool(canonical_agency(part)) or is_role(part) or is_date_line(part) \
        or part.lower().endswith(("min read", "min", "minutes")) or is_counter(part)


# "Updated" and "modified" in the languages read: the label of a line's update (and
# textdump_meta's _UPDATED)
UPDATE_WORDS: Final = (
    r"updated?|modified|edited|revised|last (?:updated|modified)|mis \u00e0 jour|mise \u00e0 jour"
    r"|modifi\u00e9|modifi\u00e9e|actualizado|actualizada|actualizaci\u00f3n|aktualisiert|ge\u00e4ndert"
    r"|atualizado|atualizada|aggiornato|aggiornata|modifica|modificato|modificata|bijgewerkt|aangepast"
    r"|gewijzigd|aktualizacja|aktualizacji|zaktualizowano|g\u00fcncelleme|g\u00fcncellendi|uppdaterad|uppdaterat"
    r"|opdateret|oppdatert|p\u00e4ivitetty|\u043e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u043e|aktualizov\u00e1no"
    r"|(?:\u0622\u062e\u0631 )?\u062a\u062d\u062f\u064a\u062b"
    # (Thai "updated", "last edited")
    r"|\u0e2d\u0e31[\u0e1b\u0e1e]\u0e40\u0e14[\u0e15\u0e17](?:\u0e25\u0e48\u0e32\u0e2a\u0e38\u0e14)?"
    r"|\u0e41\u0e01\u0e49\u0e44\u0e02\u0e25\u0e48\u0e32\u0e2a\u0e38\u0e14"
    r"|\u03b5\u03bd\u03b7\u03bc\u03ad\u03c1\u03c9\u03c3\u03b7|\u03b5\u03bd\u03b7\u03bc\u03b5\u03c1\u03ce\u03b8\u03b7\u03ba\u03b5"
    r"|friss\u00edtve|friss\u00edt\u00e9s"
    r"|actualizat|actualizare|actualitzat|actualitzada|actualitzaci\u00f3"
    r"|\u043e\u043d\u043e\u0432\u043b\u0435\u043d\u043e|\u043e\u0431\u043d\u043e\u0432\u0435\u043d[\u043e\u0430]"
    r"|\u0430\u0431\u043d\u043e\u045e\u043b\u0435\u043d\u0430"
    r"|\u0430\u043a\u0442\u0443\u0430\u043b\u0438\u0437\u0438\u0440\u0430\u043d\u043e"
    r"|\u0430\u0436\u0443\u0440\u0438\u0440\u0430\u043d\u043e|a\u017eurirano|posodobljeno"
    r"|aktualizovan\u00e9|aktualizace|atnaujinta|atjaunin\u0101ts|uuendatud|diperbarui|uppf\u00e6rt"
    r"|bygewerk|\u05e2\u05d5\u05d3\u05db\u05df|\u0905\u092a\u0921\u0947\u091f|\u0986\u09aa\u09a1\u09c7\u099f"
    r"|\u0e2d\u0e31\u0e1b\u0e40\u0e14\u0e15|dikemas kini|p\u00ebrdit\u00ebsuar")
_UPDATE_LABEL: Final = re.compile(r"^(?:last\s)?(?:" + UPDATE_WORDS + r")\b", re.IGNORECASE)


_LABEL_WORDS: Final = 3  # a section's name before the date on its row, at most
_LABEL_CHARS: Final = 30


LEAD_SEPARATORS: Final = " |,\u00b7\u2022-\u2013\u2014"


def without_weekday(lead: str) -> str:
    """The text before a date without the weekday closing it (``CLDR_WEEKDAYS``, of one
    word or two: "zo", "So.", "dim.", "niedziela", "Th\u1ee9 n\u0103m") and the separators
    around it."""
    lead = lead.rstrip(LEAD_SEPARATORS)
    rest, _, last = lead.rpartition(" ")
    if rest and last.rstrip(".,").lower() in CLDR_WEEKDAYS:
        return rest.rstrip(LEAD_SEPARATORS)
    before, _, first = rest.rpartition(" ")
    if before and f"{first} {last.rstrip('.,')}".lower() in CLDR_WEEKDAYS:
        return before.rstrip(LEAD_SEPARATORS)
    return lead


_NAMED_ROW_WORDS: Final = 8  # capitalised words before a byline row's date, at most


def names_before_date(text: str, *, day_first: bool | None = None, timed: bool = False) -> bool:
    """A byline's row with no byline's mark: capitalised words (the writer's name, and the
    town the story was filed from, connectors allowed), then the row's one date, its
    weekday perhaps before it, and at most its time or an update's after it ("Marta Gil
    Ortega Villanueva del R\u00edo Martes, 4 de marzo 2025, 09:10"). ``timed``: only with
    the time of day in the date (a headline in title case may close with a day, not a time)."""
    found = dates_in(text, day_first=day_first)
    if len(found) != 1 or (timed and not (found[0][1].value.hour or found[0][1].value.minute)):
        return False
    words = without_weekday(found[0][0]).split()
    if not 2 <= len(words) <= _NAMED_ROW_WORDS or not words[0][:1].isupper() \
            or len(text[found[0][1].end:].split()) > _TIME_WORDS:
        return False
    return all((w[:1].isupper() or w.lower() in _CONNECTORS) and not any(c.isdigit() for c in w) for w in words)


def trail_before_date(text: str) -> list[str] | None:
    """The breadcrumb a row prints before its date, the date (and its weekday) closing the
    row ("X\u00e3 h\u1ed9i \u203a Giao th\u00f4ng Th\u1ee9 n\u0103m, 21/11/2024 - 15:42"):
    its items, or None."""
    if len(text) > _TRAIL_ROW_CHARS or not any(mark in text for mark in _TRAIL_MARKS):
        return None
    found = dates_in(text)
    if not found:
        return None
    lead = found[0][0]
    crumbs = split_breadcrumb(without_weekday(lead))
    return crumbs if crumbs and is_date_line(text[len(lead.rstrip()):].strip()) else None


_TRAIL_ROW_CHARS: Final = 160
_TRAIL_MARKS: Final = ">\u203a\u00bb\u2192/"  # one of them stands in every trail (``split_breadcrumb``)


def label_before_date(text: str) -> str | None:
    """The capitalised label of up to three words that opens a line of one date and
    nothing after it but the time ("Ekonomika 2025. gada 5. marts, 07:30"): a kicker
    printed with the date above the headline, or a date's own label; else None."""
    found = dates_in(text)
    # (the time, or a count of views, may follow it: "Економіка | 03 вересня 2023, 08:15 👁 1 742";
    # or the update's date: "Locarnese 12.06.2024 - 07:30 Aggiornato: 12.06.2024 - 11:05")
    rest = text[found[0][1].end:].strip(" |\u00b7\u2022-\u2013") if found else ""
    updated = len(found) == 2 and _UPDATE_LABEL.match(rest) is not None
    # (or the story's reading time: "Verkeer · 22 okt 2025, 18:40 3 min leestijd")
    rest = _READING_TIME.sub("", rest).strip(" |\u00b7\u2022-\u2013") if rest[:1].isdigit() or "min" in rest else rest
    if not (len(found) == 1 or updated) or (not updated and len(rest.split()) > 1
                                            and not (len(rest) <= _COUNTER_CHARS and is_counter(rest))):
        return None
    label = found[0][0].strip(_SEPARATORS)
    return label if 1 <= len(label.split()) <= _LABEL_WORDS and len(label) <= _LABEL_CHARS \
        and name_shaped(label) else None


def byline_after_date(rest: str, site_name: str | None) -> tuple[list[str], list[str]] | None:
    """The byline in ``rest``, the text after a date, a word of the time's perhaps between
    them: "Erstellt: 18.06.2024, 17:35 Uhr Von: Markus Hintermaier"."""
    words = rest.split(None, _TIME_WORDS)
    for at in range(len(words)):
        after = " ".join(words[at:]).lstrip(_SEPARATORS)
        if after and has_byline_marker(after):
            return byline_names(after, site_name=site_name)
    return None


def name_before_date(text: str, found: Sequence[tuple[str, FoundDate]], site: str | None) -> str | None:
    """The name alone before the line's one date (``found``, its ``dates_in``), and the
    story's reading time after it: "Karabo Dlamini 18 Nov 2026 5 min read" (without the
    reading time, a kicker and a place are as often before a date: "Cronaca Casalvecchio
    di Sopra 28 ottobre 2025"). Not a weekday of two words ("Thứ Năm"), nor the site's name."""
    if len(found) != 1:
        return None
    rest = text[found[0][1].end:].strip(_SEPARATORS)
    name = found[0][0].strip(_SEPARATORS)
    return name if looks_like_name(name) and without_weekday(name) == name and name.lower() not in CLDR_WEEKDAYS \
        and (site is None or name.casefold() != site.casefold()) and rest \
        and len(rest) <= _COUNTER_CHARS and not _READING_TIME.sub("", rest).strip() else None


_ROW_CHARS: Final = 160  # a byline's row of parts, at most
_ROW_PARTS: Final = 5  # its parts, at most
_ROW_PART_WORDS: Final = 4  # words of each part beside the date, at most


def name_in_dated_row(text: str, site: str | None = None) -> str | None:
    """The writer's name in a byline's row with no byline's mark: a row cut at its
    separators (``split_meta_parts``) into parts, one of them the row's one date (its label
    perhaps before it), the others short, without figures or a sentence's close — the name,
    the town the story was filed from, a desk: "Priya Sethi | mumbai | Updated on: 19
    November,2025 11:32 AM IST", "Marek Nowak · Kraków · 12.03.2025". The first of those
    parts that the byline's name test (``byline_names``, not strict) reads as one name and
    not the site's; else None."""
    if len(text) > _ROW_CHARS:
        return None
    parts = split_meta_parts(text)
    if not 2 <= len(parts) <= _ROW_PARTS:
        return None
    dated = [at for at, part in enumerate(parts) if dates_in(part)]
    if len(dated) != 1 or not is_date_line(parts[dated[0]]):
        return None
    others = [part for at, part in enumerate(parts) if at != dated[0]]
    if any(len(part.split()) > _ROW_PART_WORDS or part[-1] in ".!?" or any(c.isdigit() for c in part)
           for part in others):
        return None
    for part in others:
        found = byline_names(part, site_name=site, strict=False)
        if found and len(found[0]) == 1 and not found[1] \
                and (site is None or part.casefold() != site.casefold()):
            return found[0][0]
    return None


@short_line_cache
def is_byline_line(text: str, *, site_name: str | None = None) -> bool:
    """A byline: ``By X``, ``X View``, ``Author: X``, or a name beside a role, an agency
    or a date (``Jane Doe | Reporter``, ``*Jane Doe* · 2025-02-11``)."""
    if byline_names(text, site_name=site_name) or handle_byline(text):
        return True
    # (a date and its label first: "Erstellt: 18.06.2024, 17:35 Uhr Von: Markus Hintermaier")
    found = dates_in(text)
    if found and len(found[0][0].split()) <= _DATE_WORDS \
            and byline_after_date(text[found[-1][1].end:], site_name):
        return True
    # (or the byline first, the date run into it: "By Harriet Oduya and Tomasz Wielgosz March
    # 12, 2025 Updated March 13, 2025", "By Jane Doe on March 12, 2025")
    if found and has_byline_marker(found[0][0]):
        lead = found[0][0].rstrip(_SEPARATORS)
        last = lead.rsplit(" ", 1)[-1]
        if last.islower() and len(last) <= _JOINING_CHARS:
            lead = lead[:len(lead) - len(last)].rstrip(_SEPARATORS)
        if byline_names(lead, site_name=site_name):
            return True
    # (or a name and its role before the date, with no marker: "Clemens Raab Redakteur Chronik
    # 22.05.2024, 06:00 Akt. 22.05.2024, 08:41"; the role tells the name from a headline's words)
    if found and len(found[0][0].split()) <= _NAME_ROLE_WORDS:
        named = byline_names(found[0][0].strip(_SEPARATORS), site_name=site_name, strict=False)
        if named and named[0] and named[1] and all(map(is_role, named[1])):
            return True
        if name_before_date(text, found, site_name):
            return True
    parts = split_meta_parts(text)
    if len(parts) < 2:
        return False
    if any(byline_names(part, site_name=site_name) for part in parts):
        return True
    # (a name, or names and nothing else: "Jana Nováková , Peter Horváth · 3. apr 2025";
    # beside a date, the outlet's name too: "Jordan McLeod · MPB News · Posted: Nov 27, …")
    # (and an update's label with a date short of its year: "… | Last Updated: October 7")
    dated = any(map(is_date_line, parts[1:]))
    return (looks_like_name(parts[0]) or bool(byline_names(parts[0], strict=False))) \
        and all(_is_credit_part(p) or is_relative_time(p) or (dated and name_shaped(p))
                or (dated and bool(_UPDATE_LABEL.match(p)))
                or (site_name is not None and p.casefold() == site_name.casefold())
                for p in parts[1:])
