"""Stale republishing: a page dated long after the events its text reports.

Content farms copy old wire stories and stamp them with today's date. The text
betrays its age through the dates it mentions, read relative to the page date P:

* **explicit dates** ("June 5, 2023", "May 2023"): the latest one in the past
  tense is a lower bound of when the text was written;
* **years** ("in 2023"): the latest year mentioned;
* **bare months** ("in June", "a September meeting"): in news style a month without
  a year is one of the current year. A bare month after P's month, in a sentence not
  about the future (no "will", "next", "scheduled", ...), means the text was written
  in or after that month of an earlier year — at least until its end, a year before P.
  "last May" is left out: it fits any date;
* **the lede's weekday** ("voiced concern Tuesday"): an event day more than two days
  before P's weekday suggests an old lede; reported, never decisive (<= 6 days).

``signals["stale_lag_days"]`` is the largest lower bound of days between the text
and the page date; ``stale_republish`` is true when it is at least ``STALE_DAYS``
(30). Without a page date the flag stays null.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from services.pipeline.enrich.base import ArticleText, Enricher, Enrichment
from services.pipeline.enrich.sentiment import body_sentences

STALE_DAYS = 30
MONTHS = {m: i for i, m in enumerate(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december"
    ], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}

_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_DATE = re.compile(_MONTH + r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>(?:19|20)\d{2}))?\b(?!-)")
_YEAR = re.compile(r"(?<![\d$.,/-])(?P<year>(?:19|20)\d{2})(?![\d%/-])")
_FUTURE = re.compile(r"\b(?:will|shall|next|upcoming|scheduled|expected|plans?|planned|due|until|by|coming"
                     r"|later this)\b", re.IGNORECASE)
_BEFORE_MONTH_SKIP = re.compile(r"(?:last|this|next|every|each|since|through|until|by)\s+$", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _month_end(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def stale_evidence(body: str, page: date) -> dict[str, object]:
    lag = 0
    evidence: list[str] = []
    years: list[int] = []
    for sentence in body_sentences(body):
        # Most sentences hold no date and no year (about 94 % of news prose): for those,
        # the tense does not matter and is not looked for. A year holds "19" or "20".
        dates = list(_DATE.finditer(sentence))
        has_year = "19" in sentence or "20" in sentence
        if not dates and not has_year:
            continue
        future = bool(_FUTURE.search(sentence))
        for m in dates:
            month = MONTHS[m["month"].rstrip(".").lower()]
            if m["month"] == "May" and not m["day"] and not m["year"] and not _looks_like_month(sentence, m.start()):
                continue  # "may" the verb, capitalised at a sentence start
            if _BEFORE_MONTH_SKIP.search(sentence[max(0, m.start() - 8) : m.start()]) or future:
                continue
            if m["year"]:
                year = int(m["year"])
                day = int(m["day"]) if m["day"] else None
                when = date(year, month, day) if day and day <= 28 else _month_end(year, month)
                if when < page:
                    days = (page - when).days
                    if days > lag:
                        lag, evidence = days, [*evidence, m.group(0)]
            elif month > page.month:
                # A month of this year that has not come yet: written in an earlier year.
                days = (page - _month_end(page.year - 1, month)).days
                if days > lag:
                    lag, evidence = days, [*evidence, m.group(0)]
        if has_year and not future:
            years.extend(int(y["year"]) for y in _YEAR.finditer(sentence) if int(y["year"]) <= page.year)
    if years and max(years) < page.year:
        days = (page - date(max(years), 12, 31)).days
        if days > lag:
            lag, evidence = days, [*evidence, str(max(years))]
    result: dict[str, object] = {"stale_lag_days": lag, "stale_evidence": evidence[-3:]}
    lede = body_sentences(body)[:1]
    weekday = _WEEKDAY.search(lede[0]) if lede else None
    if weekday:
        result["lede_weekday_lag_days"] = (page.weekday() - WEEKDAYS[weekday[1].lower()]) % 7
    return result


def _looks_like_month(sentence: str, start: int) -> bool:
    # The word before ``start``, found by stepping back over the white space and the word
    # (copying the sentence up to every "May" in it made a long sentence quadratic): the
    # last word of ``sentence[:start].rstrip()``, as ``split`` would give it.
    end = start
    while end > 0 and sentence[end - 1].isspace():
        end -= 1
    begin = end
    while begin > 0 and not sentence[begin - 1].isspace():
        begin -= 1
    return sentence[begin:end].lower() in ("in", "of", "since", "early", "late", "mid", "a", "last", "on")


class StalenessEnricher(Enricher):
    name = "staleness"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        if article.published_at is None or article.published_at.year <= 1:
            return  # no date, or a placeholder (0001-01-01 in some CMS exports)
        evidence = stale_evidence(article.body, article.published_at.date())
        out.signals.update(evidence)
        lag = evidence["stale_lag_days"]
        assert isinstance(lag, int)
        out.stale_republish = lag >= STALE_DAYS
