"""Writes ``services/pipeline/formats/month_names.py``: the month names dates are printed
with in the languages news sites publish in, and the weekday names printed before them,
from the Unicode CLDR data that Babel ships.

    python deploy/month_names.py           # rewrite the module
    python deploy/month_names.py --check   # exit 1 if the module is not what it writes

Babel loads a locale's data in tens of milliseconds, too slow for every process that
parses a date, so the names are written out once into a plain module (the parser's
``dates.py`` adds them to its own list). ``tests/unit/test_month_names.py`` runs
``--check``'s comparison, so the module cannot drift from its source.

Per locale: the full names in the format and stand-alone contexts (the genitive
"12 березня" and the nominative "березень"), and the abbreviations of four letters or
more (a shorter one is too often a word: "mar", "set", "lis"; in scripts other than
Latin, of three or more: "яну", "окт"). A name written with a
word the locale's long date pattern puts before it ("de març") is kept without that
word; one joined to a prefix or suffix in that pattern (Hebrew "בנובמבר", Basque
"martxoaren") is kept with it too. Names holding a digit (Vietnamese "tháng 3") are not
names. A name two locales give different months ("listopada": November in Polish,
October in Croatian) is left out: the parser's own list, which names the Polish month,
decides those it holds.

Weekdays: every name and abbreviation of the same locales (wide, abbreviated, short; both
contexts), lower case, without a closing full stop, in one set: a byline reader cuts the
one before a date ("Pieter Van Damme en Lotte Claes zo 9 februari 2025").
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "services" / "pipeline" / "formats" / "month_names.py"

# The languages: Western and Northern Europe, Central and Eastern Europe (Latin and
# Cyrillic), the Baltics, Greek, Turkish and the Caucasus, Arabic (with the Maghreb's and the Levant's
# month names: Algeria's and Tunisia's "جوان", Morocco's "يوليوز", the Levant's and Iraq's
# "شباط"), Persian, Hebrew,
# Southeast Asia and East Africa in Latin script (Vietnamese gives weekdays only: its month
# names hold digits), Hindi, Marathi, Bengali, Urdu and Thai; Nepali and the other languages of
# India's dailies (Tamil, Telugu, Kannada, Malayalam, Gujarati, Punjabi, Odia, Assamese); Kazakh, Uzbek and
# Mongolian; Sinhala, Burmese, Khmer and Amharic; Maltese, Hausa, Somali, Pashto, Yoruba,
# Igbo and Zulu.
LOCALES = (
    "en", "de", "fr", "es", "pt", "it", "nl", "sv", "da", "nb", "nn", "fi", "is", "ga", "cy",
    "ca", "gl", "eu", "af", "lb",
    "pl", "cs", "sk", "sl", "hr", "bs", "sr", "sr_Latn", "mk", "bg", "ro", "hu", "sq", "ru",
    "uk", "be",
    "lt", "lv", "et", "el", "tr", "az", "ka", "hy", "ar", "ar_DZ", "ar_MA", "ar_LB", "fa", "he", "id",
    "ms", "tl", "sw", "vi",
    "hi", "mr", "bn", "ur", "th", "ne", "ta", "te", "kn", "ml", "gu", "pa", "or", "as", "kk", "uz", "mn",
    "si", "my", "km", "am",
    "mt", "ha", "so", "ps", "yo", "ig", "zu",
)
MIN_ABBREVIATION = 4
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[a-z\u00c0-\u024f]")  # a name in Latin script opens with one
# A CLDR date pattern's month field and the text joined to it: quoted literals or
# letters outside ASCII (ASCII letters are pattern fields)
_JOINED = re.compile(r"((?:'[^']*'|[^\x00-\x7f\s])*)MMMM((?:'[^']*'|[^\x00-\x7f\s])*)")


def _affixes(locale: object) -> tuple[str, str]:
    from babel.dates import get_date_format

    pattern = get_date_format("long", locale=locale).pattern  # type: ignore[arg-type]
    found = _JOINED.search(pattern)
    if not found:
        return "", ""
    return tuple(part.replace("'", "") for part in found.groups())  # type: ignore[return-value]


def names_by_locale() -> dict[str, dict[int, set[str]]]:
    from babel import Locale
    from babel.dates import get_month_names

    out: dict[str, dict[int, set[str]]] = {}
    for code in LOCALES:
        locale = Locale.parse(code)
        prefix, suffix = _affixes(locale)
        months: dict[int, set[str]] = {n: set() for n in range(1, 13)}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in get_month_names(width, context, locale).items():
                    name = name.lower().rstrip(".").strip()
                    name = re.sub(r"^(?:de|d[\u2019'])\s?", "", name) if code in ("ca", "gl") else name
                    letters = sum(ch.isalpha() for ch in name)
                    shortest = MIN_ABBREVIATION if name.isascii() or _LATIN.match(name) \
                        else MIN_ABBREVIATION - 1
                    if _DIGIT.search(name) or not name or \
                            (width == "abbreviated" and letters < shortest):
                        continue
                    months[number].add(name)
                    if width == "wide" and context == "format" and (prefix or suffix):
                        months[number].add(f"{prefix}{name}{suffix}".lower())
        out[code] = months
    return out


def merged() -> dict[int, tuple[str, ...]]:
    """Each name with its month, sorted; a name two locales give different months is out."""
    months_of: dict[str, set[int]] = {}
    for months in names_by_locale().values():
        for number, names in months.items():
            for name in names:
                months_of.setdefault(name, set()).add(number)
    table: dict[int, list[str]] = {n: [] for n in range(1, 13)}
    for name, numbers in sorted(months_of.items()):
        if len(numbers) == 1:
            table[next(iter(numbers))].append(name)
    return {n: tuple(names) for n, names in table.items()}


def weekdays() -> tuple[str, ...]:
    """Every weekday name of the locales, sorted (names holding a digit left out)."""
    from babel import Locale
    from babel.dates import get_day_names

    names: set[str] = set()
    for code in LOCALES:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated", "short"):
                for name in get_day_names(width, context, locale).values():
                    name = name.lower().rstrip(".").strip()
                    if name and not _DIGIT.search(name):
                        names.add(name)
    return tuple(sorted(names))


def render() -> str:
    import babel

    lines = [
        '"""Month names from the Unicode CLDR (Babel ' + babel.__version__ + "), lower case, by month;",
        "and weekday names, in one set.",
        "",
        "Written by ``python deploy/month_names.py`` (its docstring says which names and",
        "why); do not edit by hand. Locales:",
        *textwrap.wrap(", ".join(LOCALES) + '."""', width=88),
        "",
        "CLDR_MONTHS: dict[int, tuple[str, ...]] = {",
    ]
    for number, names in merged().items():
        lines.append(f"    {number}: (")
        for name in names:
            lines.append(f"        {name!r},")
        lines.append("    ),")
    lines.append("}")
    lines.append("")
    lines.append("CLDR_WEEKDAYS: frozenset[str] = frozenset((")
    lines.extend(f"    {name!r}," for name in weekdays())
    lines.append("))")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        same = TARGET.exists() and TARGET.read_text(encoding="utf-8") == text
        print("month_names.py is up to date" if same else "month_names.py differs: rerun")
        return 0 if same else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
