"""Generated hostile documents for every format (issue 10, item 4).

Hypothesis builds documents from the tokens of ``benchmarks.hostile_inputs.TOKENS``
(markup openers, quotes, digits, spaces, brackets and each format's framing), each
repeated a few to a few thousand times and concatenated, then wrapped where that format
keeps an article's text (``hostile_inputs.wrap``) or given to the parser bare, gzipped or
not. Every document is parsed by ``parse_records`` under the worker's default budget
(``services.budget.enforce`` with ``parse_budget``/``Limits.from_settings`` of default settings).
The tests assert behaviour only: records come back, each an article or an
``InputError``, or the whole file is refused with an ``InputError``; nothing else.

Speed and memory are not asserted here: ``python -m benchmarks.bench_hostile`` parses the
large hostile files of each format and prints their CPU time and peak RSS.
"""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.hostile_inputs import FORMATS, TOKENS, wrap
from services.budget import enforce
from services.config import Settings
from services.errors import InputError
from services.ingest import parse_budget
from services.pipeline.formats import Limits, parse_records

DEFAULTS = Settings.from_env({})
BUDGET = parse_budget(DEFAULTS)
LIMITS = Limits.from_settings(DEFAULTS)
BARE_NAMES = {"html": "x.html", "json": "x.json", "jsonl": "x.jsonl", "xml": "x.xml",
              "warc": "x.warc", "text": "x.txt"}
HANG_GUARD = pytest.mark.timeout(120)  # a guard against hangs, not a speed target


@st.composite
def _documents(draw: st.DrawFn, fmt: str) -> tuple[bytes, str]:
    """A run of hostile tokens, wrapped as an article of ``fmt`` or bare; maybe gzipped."""
    runs = draw(st.lists(st.tuples(st.sampled_from(TOKENS[fmt]), st.integers(1, 3_000)),
                         min_size=1, max_size=6))
    body = "".join(token * count for token, count in runs)
    if draw(st.booleans()):
        data, filename = wrap(fmt, body)
    else:
        data, filename = body.encode(), draw(st.sampled_from([BARE_NAMES[fmt], ""]))
    if draw(st.integers(0, 4)) == 0:
        data, filename = gzip.compress(data, mtime=0), filename + ".gz"
    return data, filename


def _parse_under_budget(data: bytes, filename: str) -> None:
    try:
        with enforce(BUDGET):
            records = parse_records(data, filename=filename, limits=LIMITS)
    except InputError:
        return
    assert records
    for record in records:
        assert (record.article is None) != (record.error is None)
        assert record.error is None or isinstance(record.error, InputError)


@HANG_GUARD
@pytest.mark.parametrize("fmt", FORMATS)
def test_generated_hostile_documents_parse_or_are_refused(fmt: str) -> None:
    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(_documents(fmt))
    def check(document: tuple[bytes, str]) -> None:
        _parse_under_budget(*document)

    check()


@HANG_GUARD
@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(sorted({t for ts in TOKENS.values() for t in ts})),
                          st.integers(1, 500)), min_size=1, max_size=12),
       st.sampled_from([*BARE_NAMES.values(), ""]))
def test_tokens_of_every_format_mixed(runs: list[tuple[str, int]], filename: str) -> None:
    _parse_under_budget("".join(token * count for token, count in runs).encode(), filename)
