"""Dates as sites print them, parsed into timezone-aware datetimes.

Handles ISO 8601 (``2025-04-07 06:19:27``, ``2025-04-07T06:19:27+02:00``), month names
(``April 4, 2025 at 4:59 PM EDT``, ``Monday, April 7, 2025``, ``7 April 2025 16:20``),
month names in German, French, Spanish, Portuguese, Italian and Dutch (``5. März 2024,
14:30 Uhr``, ``26 février 2024 à 07h15``, ``5 de marzo de 2024``, ``12 de março de 2024``)
and some twenty more, and those of about fifty languages from the Unicode CLDR
(``month_names.py``: ``12 martie 2024``, ``5. ožujka 2024.``, ``12 березня 2024``), and
numeric ``07/04/2025 16:20``. A numeric date is day-first when the first number
exceeds 12, month-first when the second does; when both could be months it follows the
document's other numeric dates (``day_first``), else a 12-hour clock (US style) means
month-first and anything else day-first. Naive times are taken as UTC.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Literal

from services.pipeline.formats.month_names import CLDR_MONTHS

__all__ = ["HOUR_H", "FoundDate", "by_first_letter", "find_date", "numeric_order_hint", "parse_iso", "plausible",
           "western_digits"]

# Month names as printed, lower case, by number: English, German, French, Spanish,
# Portuguese, Italian, Dutch (full names and the usual abbreviations; a trailing dot
# is matched apart); Swedish, Danish and Norwegian; and the forms a date uses in Polish,
# Czech and Russian (genitive), Finnish (partitive) and Turkish.
# Abbreviations that are English words ("out", "set", "ago") are left out. The regex
# alternation is built longest first.
_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro",
        "gennaio", "januari", "stycznia", "ledna", "января", "tammikuuta", "ocak"),
    2: ("february", "feb", "februar", "février", "fevrier", "févr", "fevr", "febrero",
        "fevereiro", "fev", "fév", "febbraio", "februari", "lutego", "února", "февраля",
        "helmikuuta", "şubat"),
    3: ("march", "mar", "märz", "maerz", "mär", "mrz", "mars", "marzo", "março", "marco",
        "maart", "mrt", "marca", "března", "марта", "maaliskuuta", "mart"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "dubna",
        "апреля", "huhtikuuta", "nisan"),
    5: ("may", "mai", "mayo", "maio", "maggio", "mei", "maj", "maja", "května", "мая",
        "toukokuuta", "mayıs"),
    6: ("june", "jun", "juni", "juin", "junio", "junho", "giugno", "czerwca", "června",
        "июня", "kesäkuuta", "haziran"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lipca",
        "července", "июля", "heinäkuuta", "temmuz"),
    8: ("august", "aug", "août", "aout", "agosto", "augustus", "augusti", "sierpnia", "srpna",
        "августа", "elokuuta", "ağustos"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre",
        "setembro", "settembre", "września", "září", "сентября", "syyskuuta", "eylül"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "outubro",
         "ottobre", "października", "října", "октября", "lokakuuta", "ekim"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopadu",
         "ноября", "marraskuuta", "kasım"),
    12: ("december", "dec", "dezember", "dez", "décembre", "decembre", "déc", "diciembre",
         "dic", "dezembro", "dicembre", "grudnia", "prosince", "декабря", "joulukuuta",
         "aralık"),
}
# Names the Unicode CLDR (below) does not hold: the Levant's and Iraq's Arabic names, the
# spelling "إبريل", the Greek genitive of May written without its accent "μαϊου", and the
# Hindi spellings Hindi papers print beside CLDR's: "फरवरी" without the nukta, "सितम्बर",
# "नवम्बर", "दिसम्बर" with a half "m" for the anusvara, "अक्तूबर"; the Hausa "Afrilu" beside
# CLDR's "Afirilu"
_MORE_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("\u0643\u0627\u0646\u0648\u0646 \u0627\u0644\u062b\u0627\u0646\u064a",),
    2: ("\u0634\u0628\u0627\u0637", "\u092b\u0930\u0935\u0930\u0940"),
    3: ("\u0622\u0630\u0627\u0631",),
    4: ("\u0625\u0628\u0631\u064a\u0644", "\u0646\u064a\u0633\u0627\u0646", "afrilu"),
    5: ("\u0623\u064a\u0627\u0631", "\u03bc\u03b1\u03ca\u03bf\u03c5"),
    6: ("\u062d\u0632\u064a\u0631\u0627\u0646",),
    7: ("\u062a\u0645\u0648\u0632",),
    8: ("\u0622\u0628",),
    9: ("\u0623\u064a\u0644\u0648\u0644", "\u0938\u093f\u0924\u092e\u094d\u092c\u0930"),
    10: ("\u062a\u0634\u0631\u064a\u0646 \u0627\u0644\u0623\u0648\u0644", "\u0905\u0915\u094d\u0924\u0942\u092c\u0930"),
    11: ("\u062a\u0634\u0631\u064a\u0646 \u0627\u0644\u062b\u0627\u0646\u064a", "\u0928\u0935\u092e\u094d\u092c\u0930"),
    12: ("\u0643\u0627\u0646\u0648\u0646 \u0627\u0644\u0623\u0648\u0644", "\u0926\u093f\u0938\u092e\u094d\u092c\u0930"),
}
_MONTH_WORDS = {n: words + _MORE_MONTHS[n] for n, words in _MONTH_WORDS.items()}
# And the names of the other languages news sites publish in, from the Unicode CLDR
# (``month_names.py``, written from Babel's data by ``deploy/month_names.py``): Romanian,
# the Balkan languages, Ukrainian, Bulgarian, the Baltic languages, Indonesian, Swahili,
# Hebrew, Persian, … A name this list holds keeps its month here ("listopada", November
# in Polish, is October in Croatian; the CLDR list leaves such names out).
_MONTH_WORDS = {n: words + tuple(name for name in CLDR_MONTHS[n] if name not in words)
                for n, words in _MONTH_WORDS.items()}
# Letters Unicode keeps decomposed in its normal form (the composition exclusions of the
# Indic scripts: a letter and its nukta, CLDR's "ফেব্রুয়ারি" with "য" and the nukta) that
# pages print precomposed as often ("য়"): each month name holding one is matched both ways.
_PRECOMPOSED = {unicodedata.normalize("NFD", c): c for c in map(chr, range(0x0900, 0x0E00))
                if unicodedata.normalize("NFC", c) != c}


def _precomposed(name: str) -> str:
    for pair, letter in _PRECOMPOSED.items():
        name = name.replace(pair, letter)
    return name


_MONTH_WORDS = {n: words + tuple(dict.fromkeys(p for p in map(_precomposed, words) if p not in words))
                for n, words in _MONTH_WORDS.items()}
_MONTH_NUMBER = {word: number for number, words in _MONTH_WORDS.items() for word in words}
_FIXED_TZ = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "cet": 60, "west": 60, "cest": 120,
    "eet": 120, "eest": 180, "msk": 180, "ist": 330, "sgt": 480, "hkt": 480, "awst": 480,
    "jst": 540, "kst": 540, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600,
    # Africa and Southeast Asia; Canadian French (heure normale / avancée de l'Est, …)
    "wat": 60, "cat": 120, "sast": 120, "eat": 180, "pkt": 300, "ict": 420, "wib": 420,
    "wita": 480, "wit": 540, "pht": 480, "hne": -300, "hae": -240, "hnc": -360, "hac": -300,
    "hnr": -420, "har": -360, "hnp": -480, "hap": -420, "hna": -240, "haa": -180,
    # Malaysia, the Gulf, Nepal
    "myt": 480, "gst": 240, "npt": 345,
}
_REGION_TZ = {"et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
              "pt": "America/Los_Angeles"}
# (a zone may stand in parentheses: "14:25 (GMT+7)", "10:20 AM (IST)")
_TZ = (r"(?:\((?=UTC|GMT|[a-z]{2,4}\)))?"
       r"(?P<tz>Z\b|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?(?![\d:])|\b)|"
       r"(?:" + "|".join(k.upper() for k in list(_FIXED_TZ) + list(_REGION_TZ) if k != "z")
       + r")\b)?")
_MONTH_WORDS_LONGEST_FIRST = sorted(_MONTH_NUMBER, key=len, reverse=True)


def by_first_letter(words: list[str]) -> str:
    """``"|".join(words)`` with the words grouped under their first letters
    (``j(?:anuary|anvier|…)|f(?:…)``): the same matches, since words with different first
    letters never match at one position and each group keeps the words' order; and a
    case-blind alternation is tried one branch at a time, so each position of a search
    tries one branch a letter instead of one a word (five times quicker for month names).
    A word is a pattern that opens with a plain character, not quantified (ValueError
    otherwise: it would not be one letter to group under)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if not word or word[0] in _SYNTAX or word[1:2] in _QUANTIFIERS:
            raise ValueError(f"not a word opening with a plain character: {word!r}")
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_SYNTAX = frozenset("\\[(.^$|)*+?{")
_QUANTIFIERS = frozenset("*+?{")


_MONTH = r"(?P<month>" + by_first_letter(_MONTH_WORDS_LONGEST_FIRST) + r")(?![^\W\d_])\.?"
_WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# What an "mdy" match opens with: a weekday's or a month's first letter; a "dmy" one: a
# weekday's or a digit. Each pattern opens with a look-ahead for its class, one test a
# position, so that a search passes a position that holds none of them without trying
# the alternations there (the same matches: only where none could start).
_MDY_LEAD = "(?=[" + "".join(sorted({word[0] for word in [*_MONTH_NUMBER, *_WEEKDAYS]})) + "])"
_DMY_LEAD = r"(?=[\d" + "".join(sorted({word[0] for word in _WEEKDAYS})) + "])"
# What may stand between a date and its time: "at", "à", "a las", "às", "um", "alle",
# "om", "kl.", Finnish "klo", Slovenian "ob", Croatian and Serbian "u", Slovak, Czech and
# Polish "o", Ukrainian and Russian "о" and "в", a dash (or an en or em dash), a slash or a bar.
_TIME_JOIN = (r"(?:(?:at|à|a\s(?:las|la)|às|um|alle|ore|om|kl\.?|klo|kello|ob|o|u|\u043e|\u0432)\s{1,3}"
              r"|[-/|\u2013\u2014]\s{0,3})?")
# A year ends at a word boundary, or runs straight into its time or the next label when
# a text render dropped the space between them ("March 12, 20246:32 PM": the time is then
# read; "13 Apr 2024Updated 15:20"), or the Arabic mark of the common era follows it:
# "١٠ مارس ٢٠٢٥م"
_YEAR_END = r"(?:\b|(?=\d{1,2}:\d{2})|(?-i:(?=[A-Z][a-z]))|(?=\u0645(?![\u0600-\u06ff])))"
# The half of the day after a time: "p.m.", Arabic "ص" and "م", and the words of Malay
# and Indonesian ("4:10 petang") and Tagalog ("6:45 ng gabi") for morning and afternoon
# or evening (_HALVES)
_AMPM = (r"(?P<ampm>[ap]\.?\s?m\.?|[\u0635\u0645](?![\u0600-\u06ff])"
         # (and the Arabic words, "morning" and "evening": "11:42 مساءً")
         r"|(?:\u0635\u0628\u0627\u062d|\u0645\u0633\u0627\u0621)[\u064b\u0627]{0,2}(?![\u0600-\u06ff])"
         r"|(?:petang|malam|pagi|ng\s(?:hapon|gabi|umaga))\b"
         # (and Greek "π.μ." and "μ.μ.")
         r"|[\u03c0\u03bc]\.\s?\u03bc\.)")
_TIME = (r"(?:(?:[,\s]\s{0,3})?" + _TIME_JOIN + r"(?P<hour>\d{1,2})(?:[:.h]| h |: )(?P<minute>\d{2})"
         r"(?::(?P<second>\d{2})(?:\.\d{1,6})?)?\s{0,3}" + _AMPM + r"?\s{0,3}"
         # (the hours' "h." of Spanish pages before the zone: "09:41 h. CET")
         r"(?:h\.?\s{1,3}(?=[A-Z]))?" + _TZ + ")?")
# The month's other Arabic name after a slash, as pages of the Levant and Iraq print both:
# "4 شباط / فبراير 2025" (the first decides)
_SECOND_NAME = r"(?:\s{0,2}/\s{0,2}[\u0621-\u064a]{3,8}(?![\u0621-\u064a]))?"
_WEEKDAY = r"(?:(?:" + by_first_letter(_WEEKDAYS) + r")[a-z]{0,6}\.?,?\s{1,3})?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})"
        r"(?:[T ]\s{0,2}(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,6})?)?"
        r"\s{0,3}" + _TZ + ")?", re.IGNORECASE)),
    ("mdy", re.compile(
        # (the comma may touch the year: "Feb 08,2025")
        _MDY_LEAD + _WEEKDAY + r"\b" + _MONTH + r"\s{1,3}(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,\s{0,3}|\s{1,3})"
        r"(?P<year>(?:19|20)\d{2})" + _YEAR_END + _TIME, re.IGNORECASE)),
    # "5 March 2024", "5. März 2024", "5 de marzo de 2024", "the 5th of March, 2024",
    # "8 ta' Lulju 2024" (Maltese), "14 d'abril de 2024" (Catalan),
    # "22.mai.2024" (dots, no spaces: a Brazilian daily's style), "19 November,2025" (the
    # comma touching the year, as in "mdy"); the
    # day may follow a word in lower case straight on, where a render ran two elements
    # together ("di Giulia Benedetti09 aprile 2024")
    ("dmy", re.compile(
        _DMY_LEAD + _WEEKDAY + r"(?:\b|(?-i:(?<=[a-z\u00df-\u00ff])))(?P<day>\d{1,2})"
        r"(?:st|nd|rd|th|er|º)?(?:\.?\s{1,3}|\.(?=[^\W\d_]))(?:(?:of|de|ta['\u2019])\s{1,3}|d['\u2019])?" + _MONTH
        + _SECOND_NAME + r"(?:,?\s{1,3}(?:de\s{1,3})?|,|(?<=\.))(?P<year>(?:19|20)\d{2})" + _YEAR_END + _TIME,
        re.IGNORECASE)),
    # the year first, as Hungarian pages print it: "2024. április 12.", and Lithuanian
    # ones with "m." (metai, year) and "d." (diena, day): "2025 m. vasario 11 d.", and
    # Basque ones with their cases' endings: "2024ko ekainaren 4a", "2024ko martxoaren 12an"
    ("ymd-name", re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})(?:\.|\s?m\.|-?ko)\s{1,3}" + _MONTH
        + r"\s{1,3}(?P<day>\d{1,2})(?:\.|\s?d\.|-?(?:ean|an|a)\b)(?!\d)" + _TIME, re.IGNORECASE)),
    # and Latvian ones with "gada" (of the year) before the day: "2025. gada 5. marts, 07:30"
    ("ymd-name", re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})\.\s{1,3}gada\s{1,3}(?P<day>\d{1,2})\.\s{1,3}" + _MONTH
        + _TIME, re.IGNORECASE)),
    # "2024/03/12", and with dots as Korean, Chinese and Hungarian pages print it:
    # "2024.03.12", "2024. 3. 12."
    ("ymd/", re.compile(
        r"(?<![\w.])(?P<year>(?:19|20)\d{2})(?:/|\.\s?)(?P<mon>\d{1,2})(?:/|\.\s?)"
        r"(?P<day>\d{1,2})(?!\d)\.?" + _TIME, re.IGNORECASE)),
    # Chinese, Japanese and Korean: "2024年3月12日 10時32分", "2024年3月12日(火) 10:32",
    # "2024년 3월 12일 10:32" (read as "ymd/": the month and day are numbers)
    ("ymd/", re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})\s?[\u5e74\ub144]\s?(?P<mon>\d{1,2})\s?[\u6708\uc6d4]\s?"
        r"(?P<day>\d{1,2})\s?[\u65e5\uc77c](?:\s{0,2}[(\uff08][^()\n\uff08\uff09]{1,3}[)\uff09])?"
        r"(?:\s{0,3}(?P<hour>\d{1,2})\s?[:\u6642\uc2dc]\s?(?P<minute>\d{2})\s?[\u5206\ubd84]?)?")),
    # (a space may follow each dot, as Slovenian and Czech pages print it: "12. 3. 2025")
    ("numeric", re.compile(
        r"(?<![\d/.])(?P<a>\d{1,2})(?:/|\.\s?)(?P<b>\d{1,2})(?:/|\.\s?)(?P<year>(?:19|20)\d{2})(?![\d/])"
        + _TIME, re.IGNORECASE)),
    # "08-04-2024": with dashes, both of them (a dash and a slash join a range of dates)
    ("numeric", re.compile(
        r"(?<![\d/.-])(?P<a>\d{1,2})-(?P<b>\d{1,2})-(?P<year>(?:19|20)\d{2})(?![\d/-])"
        + _TIME, re.IGNORECASE)),
)
# A year of two digits, "12-03-24, 18:45" (Dutch dailies), "11/18/19 11:04 PM EST",
# "18.02.25 | 08:30" (Hebrew and Russian sites), "23·10·25 | 05:30" (Spanish regional
# dailies, with middle dots): read only with two digits each for the
# day and month and the time after it, as no count or score is printed. It holds no year
# of four digits: find_date looks for it only in a line without one, from just before
# each colon.
# (or the time after the language's "at", the French hour's "h": "04-09-24 à 11h32", Belgian
# sites)
_SHORT_YEAR = re.compile(
    r"(?<![\d/.\u00b7-])(?P<a>\d{2})(?P<sep>[-/.\u00b7])(?P<b>\d{2})(?P=sep)(?P<year>\d{2})"
    r"(?:,?\s{1,3}|\s{1,3}[|\u00b7\u2022]\s{1,3}|\s(?:\u00e0|a las|at|um|om|alle|kl\.?)\s)"
    r"(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?![\d:])\s{0,3}" + _AMPM + r"?\s{0,3}"
    + _TZ, re.IGNORECASE)
# The French hour's "h" between digits, where a short year's time may end (either case,
# as ``_SHORT_YEAR`` reads it: "11h32", "11H32")
HOUR_H = re.compile(r"\d[hH]\d{2}")
_SHORT_YEAR_LEAD = 17  # the longest match before its colon: "12-03-24 a las 18", "12-03-24   |   18"
_SHORT_YEAR_TAIL = 40  # ... and after it: the minutes, "p.m." and a zone
_LOOSE_TIME = re.compile(
    r"(?<![\d:])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s{0,3}"
    + _AMPM + r"?\s{0,3}" + _TZ, re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})(?![\d/])")
# How every _NUMERIC match ends: a text without it holds none (and is scanned faster).
_NUMERIC_END = re.compile(r"[/.](?:19|20)\d{2}(?![\d/])")
# Every pattern above holds a year, at most _YEAR_LEAD characters after the date's start,
# and no date is _DATE_CHARS long (tests/unit/test_linear_regex.py checks both): a line
# without a year is not searched at all, the search starts just before the first one, and
# once a date is found the other patterns only look for one that starts before it. The
# cheap patterns (a digit first) go first; the month-name ones, slow per character, last.
_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_LEAD = 80
_DATE_CHARS = 160
_BY_COST = sorted(((rank, kind, pattern) for rank, (kind, pattern) in enumerate(_PATTERNS)),
                  key=lambda item: item[1] in ("mdy", "dmy"))


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: datetime
    start: int
    end: int


def _zone(name: str | None) -> tzinfo:
    if not name:
        return UTC
    key = name.strip().lower().replace(" ", "")
    if key in _FIXED_TZ:
        return timezone(timedelta(minutes=_FIXED_TZ[key]))
    if key in _REGION_TZ:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(_REGION_TZ[key])
        except Exception:  # noqa: BLE001  # no tz database on this host: standard time
            return timezone(timedelta(hours={"et": -5, "ct": -6, "mt": -7, "pt": -8}[key]))
    match = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?", key)
    if match:
        sign = -1 if match[1] == "-" else 1
        minutes = int(match[2]) * 60 + int(match[3] or 0)
        if minutes < 24 * 60:
            return timezone(sign * timedelta(minutes=minutes))
    return UTC


_YEAR_LEADS = ("/19", "/20", ".19", ".20")  # how every _NUMERIC_END match opens


def _year_ends(text: str) -> list[int]:
    """Where each ``_NUMERIC_END`` match starts, in order. (For speed: the pattern's
    search tests every character against its first class; ``str.find`` skips to each of
    the four ways a match opens, and the rest is read after it. Two matches never
    overlap: a year holds no ``/`` or ``.``.)"""
    found: list[int] = []
    size = len(text)
    for lead in _YEAR_LEADS:
        at = text.find(lead)
        while at >= 0:
            end = at + 5  # the separator, the century, two more digits
            if end <= size and text[at + 3].isdecimal() and text[at + 4].isdecimal() \
                    and (end == size or not (text[end].isdecimal() or text[end] == "/")):
                found.append(at)
            at = text.find(lead, at + 1)
    found.sort()
    return found


def _numeric_dates(text: str) -> Iterator[tuple[str, str, str]]:
    """``_NUMERIC.findall(text)``, found from where each match ends (for speed: a
    pattern that opens with a look-behind is tried at every position of the text, the
    year end is found by ``_year_ends``). Two matches never overlap (the look-behind
    refuses a start just after a digit, ``/`` or ``.``), nor do two year ends, and a
    match starts 3 to 5 characters before its year end: each one is found once, in
    order."""
    for at in _year_ends(text):
        for start in range(max(0, at - 5), at - 2):
            match = _NUMERIC.match(text, start)  # (the look-behind sees text[:start])
            if match:
                yield match[1], match[2], match[3]
                break


_SPREAD_DATES = 20  # ambiguous numeric dates read to compare the two orders' spreads


def numeric_order_hint(text: str) -> bool | None:
    """True if the text's numeric dates are day-first, False if month-first, else None.

    The first date whose day is over 12 decides. Where every one could be read either
    way (``11/09/2025``, ``11/06/2025``, ``11/02/2025``), the order under which the
    page's dates lie closer together in time, by half at least, is taken: a page's
    dates, its article's and its latest stories', fall within weeks of one another.
    """
    ambiguous: list[tuple[int, int, int]] = []
    for a, b, year in _numeric_dates(text):
        if int(a) > 12 >= int(b):
            return True
        if int(b) > 12 >= int(a):
            return False
        if len(ambiguous) < _SPREAD_DATES and 1 <= int(a) <= 12 and 1 <= int(b) <= 12:
            ambiguous.append((int(a), int(b), int(year)))
    if len({(a, b) for a, b, _ in ambiguous}) < 2:
        return None
    day_first = _spread([(year, b, a) for a, b, year in ambiguous])
    month_first = _spread([(year, a, b) for a, b, year in ambiguous])
    if 2 * month_first < day_first:
        return False
    if 2 * day_first < month_first:
        return True
    return None


def _spread(dates: list[tuple[int, int, int]]) -> int:
    """Days between the earliest and the latest of (year, month, day) dates; a day past
    its month's end counts as the month's last."""
    ordinals = [datetime(year, month, min(day, 28), tzinfo=UTC).toordinal() + max(0, day - 28)
                for year, month, day in dates]
    return max(ordinals) - min(ordinals)


# Arabic "ص" (morning) and "م" (evening) after a time, and _AMPM's words: a.m. and p.m.
_ARABIC_HALVES = {word + end: half for word, half in (("\u0635\u0628\u0627\u062d", "am"),
                                                      ("\u0645\u0633\u0627\u0621", "pm"))
                  for end in ("", "\u064b", "\u0627", "\u0627\u064b", "\u064b\u0627")}
_HALVES = {"\u0635": "am", "\u0645": "pm", **_ARABIC_HALVES, "petang": "pm", "malam": "pm", "pagi": "am",
           "ng hapon": "pm", "ng gabi": "pm", "ng umaga": "am", "\u03c0.\u03bc.": "am",
           "\u03c0. \u03bc.": "am", "\u03bc.\u03bc.": "pm", "\u03bc. \u03bc.": "pm"}
# Arabic-Indic and Persian digits, read as the digits they are ("١٢ يونيو ٢٠٢٤")
# The zeros of the decimal digits of Arabic-Indic, Persian, Devanagari, Bengali, Gurmukhi,
# Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam, Thai, Lao, Tibetan, Burmese, Khmer
# and Mongolian writing, and the full-width ones
_ZEROS = (0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50,
          0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0xff10)
_DIGITS = str.maketrans({chr(zero + d): str(d) for zero in _ZEROS for d in range(10)})
_EASTERN_DIGIT = re.compile("[" + "".join(f"{chr(zero)}-{chr(zero + 9)}" for zero in _ZEROS) + "]")


def western_digits(text: str) -> str:
    """The text with the decimal digits of other scripts (``_ZEROS``) made ASCII ones (one
    character each: positions stay)."""
    return text if text.isascii() or not _EASTERN_DIGIT.search(text) else text.translate(_DIGITS)


def _build(groups: dict[str, str | None], *, kind: str, day_first: bool | None,
           line: str) -> datetime | None:
    year = int(groups["year"] or 0)
    if kind == "numeric":
        a, b = int(groups["a"] or 0), int(groups["b"] or 0)
        if a > 12:
            day, month = a, b
        elif b > 12:
            month, day = a, b
        else:
            first = day_first if day_first is not None else not re.search(
                r"\d\s*[ap]\.?\s?m\b", line, re.IGNORECASE)
            day, month = (a, b) if first else (b, a)
    elif kind in ("mdy", "dmy", "ymd-name"):
        month = _MONTH_NUMBER[(groups["month"] or "").lower()]
        day = int(groups["day"] or 0)
    else:
        month, day = int(groups["mon"] or 0), int(groups["day"] or 0)
    hour = int(groups.get("hour") or 0)
    minute = int(groups.get("minute") or 0)
    second = int(groups.get("second") or 0)
    half = " ".join((groups.get("ampm") or "").lower().split())
    ampm = _HALVES.get(half, half)
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    zone = groups.get("tz")
    if zone and zone.upper() == "BST" and naive.month in _NO_BRITISH_SUMMER:
        return naive.replace(tzinfo=_BANGLADESH)  # (British Summer Time runs March to October)
    return naive.replace(tzinfo=_zone(zone))


_NO_BRITISH_SUMMER = frozenset((11, 12, 1, 2))
_BANGLADESH = timezone(timedelta(hours=6))


# Thai dates: the months' abbreviations, dots and all (CLDR's: "14 มี.ค. 2568 10:22 น."),
# and the year of the Buddhist Era, 543 years ahead (2568 is 2025). ``_thai`` rewrites them
# in place as what the patterns read, each the same length, so positions stay.
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
_THAI_MONTHS = ("\u0e21.\u0e04.", "\u0e01.\u0e1e.", "\u0e21\u0e35.\u0e04.", "\u0e40\u0e21.\u0e22.",
                "\u0e1e.\u0e04.", "\u0e21\u0e34.\u0e22.", "\u0e01.\u0e04.", "\u0e2a.\u0e04.",
                "\u0e01.\u0e22.", "\u0e15.\u0e04.", "\u0e1e.\u0e22.", "\u0e18.\u0e04.")
_THAI_ABBREVIATION = re.compile("|".join(map(re.escape, _THAI_MONTHS)))
_AS_ENGLISH = dict(zip(_THAI_MONTHS, ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                      "sep", "oct", "nov", "dec"), strict=True))
_BUDDHIST_YEAR = re.compile(r"(?<!\d)25[4-9]\d(?!\d)")
_BUDDHIST_ERA = 543


def _thai(line: str) -> str:
    if line.isascii() or not _THAI_LETTER.search(line):
        return line
    line = _THAI_ABBREVIATION.sub(lambda m: _AS_ENGLISH[m[0]].ljust(len(m[0])), line)
    return _BUDDHIST_YEAR.sub(lambda m: str(int(m[0]) - _BUDDHIST_ERA), line)


# The months of the Solar Hijri calendar, as Persian pages print them (Arabic letters yeh
# and kaf made Persian ones first)
_SOLAR_MONTHS = ("\u0641\u0631\u0648\u0631\u062f\u06cc\u0646", "\u0627\u0631\u062f\u06cc\u0628\u0647\u0634\u062a",
                        "\u062e\u0631\u062f\u0627\u062f", "\u062a\u06cc\u0631", "\u0645\u0631\u062f\u0627\u062f",
                        "\u0634\u0647\u0631\u06cc\u0648\u0631", "\u0645\u0647\u0631", "\u0622\u0628\u0627\u0646",
                        "\u0622\u0630\u0631", "\u062f\u06cc", "\u0628\u0647\u0645\u0646",
                        "\u0627\u0633\u0641\u0646\u062f")
_SOLAR_MONTH_NUMBER = {name: number for number, name in enumerate(_SOLAR_MONTHS, start=1)}
_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})
# "۲۵ آذر ۱۴۰۳ - ۱۱:۴۵", "۱۴۰۳/۰۹/۲۵ ساعت ۱۱:۴۵" (the digits made western ones first)
_SOLAR_TIME = (r"(?:\s{0,3}[-\u2013\u060c,|]?\s{0,3}(?:\u0633\u0627\u0639\u062a\s{0,2})?"  # ("ساعت", hour)
               r"(?P<hour>\d{1,2}):(?P<minute>\d{2}))?")
_SOLAR_DATE = re.compile(
    r"(?:(?<!\d)(?P<day>\d{1,2})\s{0,2}(?P<month>" + "|".join(_SOLAR_MONTHS) + r")\s{0,2}(?P<year>1[34]\d{2})(?!\d)"
    r"|(?<![\d/])(?P<nyear>1[34]\d{2})/(?P<mon>\d{1,2})/(?P<nday>\d{1,2})(?![\d/]))" + _SOLAR_TIME)
_PERSIAN_SCRIPT = re.compile("[\u0600-\u06ff]")


def _solar_hijri_date(line: str) -> FoundDate | None:
    """A date of the Solar Hijri calendar in a line of Persian, made Gregorian by
    ``jdatetime`` (the calendar's arithmetic, made for the job; imported on the first such
    date, as few pages print one: it takes about 16 ms)."""
    if line.isascii() or not _PERSIAN_SCRIPT.search(line):
        return None
    match = _SOLAR_DATE.search(line.translate(_PERSIAN_LETTERS))
    if not match:
        return None
    import jdatetime

    year = int(match["year"] or match["nyear"])
    month = _SOLAR_MONTH_NUMBER[match["month"]] if match["month"] else int(match["mon"])
    day = int(match["day"] or match["nday"])
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    try:
        gregorian = jdatetime.date(year, month, day).togregorian()
        value = datetime(gregorian.year, gregorian.month, gregorian.day, hour, minute, tzinfo=UTC)
    except ValueError:
        return None
    return FoundDate(value, *match.span())


# A date's year glued to the day of the next date: a page printing its published and
# updated dates side by side, one of them hidden by the style sheet a text render does
# not apply ("3 November 20254 November 2025"; the next one's month a name)
_GLUED_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=\d{1,2}\.?\s[^\W\d_])")


def find_date(line: str, *, day_first: bool | None = None) -> FoundDate | None:
    """The first date in ``line``; a time printed apart from it (``6:19 AM EDT, Mon
    April 7, 2025``) is joined to it. A Persian line's Solar Hijri date is read too."""
    line = _thai(western_digits(line))
    found = _first_date(line, day_first=day_first)
    if found is None and ("20" in line or "19" in line):
        # (the first of two glued dates, ending where the space is put back between them)
        # (only where a date follows: "March 12, 20241 people" holds none)
        glued = _GLUED_YEAR.search(line)
        after = _first_date(line[glued.end():], day_first=day_first) if glued else None
        if glued and after and after.start == 0:
            found = _first_date(f"{line[:glued.end()]} {line[glued.end():]}", day_first=day_first)
            return found if found and found.end <= glued.end() else None
    return found


def _first_date(line: str, *, day_first: bool | None) -> FoundDate | None:
    year = _YEAR.search(line)
    if year is None:
        if not line.isascii():
            solar = _solar_hijri_date(line)
            if solar:
                return solar
        return _short_year_date(line, day_first=day_first) if ":" in line or HOUR_H.search(line) else None
    pos = max(0, year.start() - _YEAR_LEAD)  # lookbehinds and \b still see what precedes
    # The leftmost date; at the same start, the pattern listed first in _PATTERNS.
    best: tuple[int, int, str, re.Match[str]] | None = None
    for rank, kind, pattern in _BY_COST:
        stop = len(line) if best is None else min(len(line), best[0] + _DATE_CHARS)
        match = pattern.search(line, pos, stop)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, kind, match)
    if best is None:
        return None
    _, _, kind, match = best
    groups: dict[str, str | None] = dict(match.groupdict())
    start, end = match.span()
    if not groups.get("hour"):
        rest = line[:start] + " " * (end - start) + line[end:]
        loose = _LOOSE_TIME.search(rest)
        # (not a time printed beside another date: "5 marzo 2024 (modifica il 6 marzo
        # 2024 | 10:12)" was published on the 5th at a time it does not give)
        between = (line[end:loose.start()] if loose.start() >= end else line[loose.end():start]) \
            if loose else ""
        if loose and not _YEAR.search(between):
            groups.update({k: v for k, v in loose.groupdict().items() if v})
            start, end = min(start, loose.start()), max(end, loose.end())
    value = _build(groups, kind=kind, day_first=day_first, line=line)
    return FoundDate(value, start, end) if value else None


def _short_year_date(line: str, *, day_first: bool | None) -> FoundDate | None:
    """A ``_SHORT_YEAR`` date in a line without a year of four digits (20xx), searched for
    only just before each colon or each hour's "h" between digits (for speed: most lines
    hold none)."""
    at = line.find(":")
    while at >= 0:
        found = _short_year_at(line, at, day_first=day_first)
        if found is not None:
            return found or None
        at = line.find(":", at + 1)
    # (or just before the French hour's "h": "Publié le 04-09-24 à 11h32")
    for hour in HOUR_H.finditer(line):
        found = _short_year_at(line, hour.start() + 1, day_first=day_first)
        if found is not None:
            return found or None
    return None


def _short_year_at(line: str, at: int, *, day_first: bool | None) -> FoundDate | Literal[False] | None:
    """The ``_SHORT_YEAR`` date whose time's mark (a colon, an "h") stands at ``at``: the
    date, False when one matches but names no day, None when none matches there."""
    match = _SHORT_YEAR.search(line, max(0, at - _SHORT_YEAR_LEAD), at + _SHORT_YEAR_TAIL)
    if not match or match.start() >= at:
        return None
    groups: dict[str, str | None] = dict(match.groupdict())
    groups["year"] = f"20{groups['year']}"
    value = _build(groups, kind="numeric", day_first=day_first, line=line)
    return FoundDate(value, *match.span()) if value else False


# Times outside these bounds are placeholders, not dates: .NET's 0001-01-01 in JSON-LD,
# a CMS's zero epoch, a year typed 2204.
_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_AHEAD = timedelta(days=2)  # an embargoed story may carry tomorrow's date


def plausible(value: datetime) -> bool:
    """Whether an article could have been published at ``value`` (timezone-aware)."""
    return _EARLIEST <= value <= datetime.now(UTC) + _AHEAD and value != _EPOCH


def parse_iso(text: str) -> datetime | None:
    """An ISO 8601 timestamp (as in JSON-LD or <meta>), naive taken as UTC; None for a
    placeholder (``plausible``), so the next source of the date is tried."""
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        found = find_date(text)
        return found.value if found is not None and plausible(found.value) else None
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return value if plausible(value) else None
