"""Dates as sites print them, parsed into timezone-aware datetimes.

Handles ISO 8601 (``2025-04-07 06:19:27``, ``2025-04-07T06:19:27+02:00``), month names
(``April 4, 2025 at 4:59 PM EDT``, ``Monday, April 7, 2025``, ``7 April 2025 16:20``),
and numeric ``07/04/2025 16:20``. A numeric date is day-first when the first number
exceeds 12, month-first when the second does; when both could be months it follows the
document's other numeric dates (``day_first``), else a 12-hour clock (US style) means
month-first and anything else day-first. Naive times are taken as UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

__all__ = ["FoundDate", "find_date", "numeric_order_hint", "parse_iso"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_FIXED_TZ = {
    "utc": 0, "gmt": 0, "z": 0, "wet": 0, "bst": 60, "cet": 60, "west": 60, "cest": 120,
    "eet": 120, "eest": 180, "msk": 180, "ist": 330, "sgt": 480, "hkt": 480, "awst": 480,
    "jst": 540, "kst": 540, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360,
    "pst": -480, "pdt": -420, "akst": -540, "akdt": -480, "hst": -600,
}
_REGION_TZ = {"et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
              "pt": "America/Los_Angeles"}
_TZ = (r"(?P<tz>Z\b|[+-]\d{2}:?\d{2}\b|(?:UTC|GMT)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?\b|"
       r"(?:" + "|".join(k.upper() for k in list(_FIXED_TZ) + list(_REGION_TZ) if k != "z")
       + r")\b)?")
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
         r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = (r"(?:(?:,|\s)\s*(?:at\s+|-\s+|\|\s*)?(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})"
         r"(?::(?P<second>\d{2})(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?\s?m\.?)?\s*" + _TZ + ")?")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})"
        r"(?:[T ]\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
        r"\s*" + _TZ + ")?", re.IGNORECASE)),
    ("mdy", re.compile(
        _WEEKDAY + r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
        r"(?P<year>(?:19|20)\d{2})\b" + _TIME, re.IGNORECASE)),
    ("dmy", re.compile(
        _WEEKDAY + r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?" + _MONTH + r",?\s+"
        r"(?P<year>(?:19|20)\d{2})\b" + _TIME, re.IGNORECASE)),
    ("ymd/", re.compile(
        r"(?<!\d)(?P<year>(?:19|20)\d{2})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?!\d)" + _TIME, re.IGNORECASE)),
    ("numeric", re.compile(
        r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d{2})(?![\d/])"
        + _TIME, re.IGNORECASE)),
)
_LOOSE_TIME = re.compile(
    r"(?<![\d:])(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?)?\s*" + _TZ, re.IGNORECASE)
_NUMERIC = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](?:19|20)\d{2}(?![\d/])")


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


def numeric_order_hint(text: str) -> bool | None:
    """True if the text's numeric dates are day-first, False if month-first, else None."""
    for a, b in _NUMERIC.findall(text):
        if int(a) > 12 >= int(b):
            return True
        if int(b) > 12 >= int(a):
            return False
    return None


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
    elif kind in ("mdy", "dmy"):
        month = _MONTHS[(groups["month"] or "")[:3].lower()]
        day = int(groups["day"] or 0)
    else:
        month, day = int(groups["mon"] or 0), int(groups["day"] or 0)
    hour = int(groups.get("hour") or 0)
    minute = int(groups.get("minute") or 0)
    second = int(groups.get("second") or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    return naive.replace(tzinfo=_zone(groups.get("tz")))


def find_date(line: str, *, day_first: bool | None = None) -> FoundDate | None:
    """The first date in ``line``; a time printed apart from it (``6:19 AM EDT, Mon
    April 7, 2025``) is joined to it."""
    best: tuple[int, str, re.Match[str]] | None = None
    for kind, pattern in _PATTERNS:
        match = pattern.search(line)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind, match)
    if best is None:
        return None
    _, kind, match = best
    groups: dict[str, str | None] = dict(match.groupdict())
    start, end = match.span()
    if not groups.get("hour"):
        rest = line[:start] + " " * (end - start) + line[end:]
        loose = _LOOSE_TIME.search(rest)
        if loose:
            groups.update({k: v for k, v in loose.groupdict().items() if v})
            start, end = min(start, loose.start()), max(end, loose.end())
    value = _build(groups, kind=kind, day_first=day_first, line=line)
    return FoundDate(value, start, end) if value else None


def parse_iso(text: str) -> datetime | None:
    """An ISO 8601 timestamp (as in JSON-LD or <meta>), naive taken as UTC."""
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        found = find_date(text)
        return found.value if found else None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
