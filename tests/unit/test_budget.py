"""Per-file budgets (issue 10, item 3): CPU time and memory per parse and per enrichment
step, total inflated bytes per file, HTML size before lxml, and jobs whose worker died.

Budgets are behaviour, not speed targets: each test sets a budget the work cannot fit
and checks the code it ends with (``too_slow``, ``too_large``, ``worker_lost``), or
checks a linear rewrite gives exactly what the old pattern gave.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import io
import json
import random
import re
import resource
import signal
from pathlib import Path
from types import ModuleType

import pytest

from services.budget import Budget, cpu_time, enforce
from services.domain.models import JobStatus, ParsedArticle, Rejected
from services.errors import NoArticleText, ParseTimeout, TooLarge
from services.ingest import Parser, ingest_job
from services.isolation import run_budgeted
from services.pipeline.enrich import ArticleText, Enricher, Enrichment, run_enrichers
from services.pipeline.formats import Limits, Record, parse_records
from tests.fakes import FakeDatabase

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "containers"
PROSE = ("The council met on Monday evening to discuss the new budget for the coming year, "
         "and members spoke for several hours about roads, schools and parks.")


def _spin() -> None:
    while True:
        pass


# --- services.budget ---------------------------------------------------------------------


def test_cpu_budget_raises_too_slow_and_restores_the_process() -> None:
    before = (signal.getsignal(signal.SIGPROF), resource.getrlimit(resource.RLIMIT_AS))
    with pytest.raises(ParseTimeout) as caught, enforce(Budget(cpu_seconds=0.05, memory_mb=0)):
        _spin()
    assert caught.value.code == "too_slow"
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert (signal.getsignal(signal.SIGPROF), resource.getrlimit(resource.RLIMIT_AS)) == before


def test_expiry_is_sticky_when_the_work_swallows_it() -> None:
    def swallowing() -> None:
        for _ in range(20):
            try:
                _spin()
            except Exception:  # noqa: BLE001,S112 - what a careless library does
                continue

    with pytest.raises(ParseTimeout), enforce(Budget(cpu_seconds=0.05, memory_mb=0)):
        swallowing()


def test_memory_budget_turns_memory_error_into_too_large() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(TooLarge) as caught, enforce(Budget(cpu_seconds=0, memory_mb=64)):
        bytearray(512 * 1024 * 1024)
    assert caught.value.code == "too_large" and "memory budget" in caught.value.message
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(512 * 1024 * 1024)) > 0  # the limit is gone again


def test_a_budget_within_its_limits_changes_nothing() -> None:
    with enforce(Budget(cpu_seconds=5, memory_mb=256)):
        total = sum(range(1000))
    assert total == 499500


def _c_loop() -> int:
    """CPU spent inside one C call that never looks at signals (like a libxml2 XPath
    over a huge node set): the SIGPROF handler cannot run until it returns."""
    import itertools

    return sum(itertools.repeat(1, 10**12))


def _fails() -> None:
    raise NoArticleText("nothing here")


def _crashes() -> None:
    import ctypes

    ctypes.string_at(0)  # a segfault, as a broken C extension would


def test_cpu_time_keeps_its_precision_inside_a_budget() -> None:
    # With the budget's ITIMER_PROF armed, Linux moves CLOCK_PROCESS_CPUTIME_ID (what
    # time.process_time reads) only at scheduler ticks: most short steps read exactly 0.
    # cpu_time, which the stage and step timings use, must not.
    readings = []
    for _ in range(40):
        with enforce(Budget(cpu_seconds=60, memory_mb=0)):
            started = cpu_time()
            sum(i * i for i in range(5000))
            readings.append(cpu_time() - started)
    assert sum(r == 0 for r in readings) < len(readings) // 4


def test_run_budgeted_returns_what_the_child_returned() -> None:
    before = (signal.getsignal(signal.SIGPROF), resource.getrlimit(resource.RLIMIT_CPU))
    assert run_budgeted(Budget(cpu_seconds=5), sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    assert (signal.getsignal(signal.SIGPROF), resource.getrlimit(resource.RLIMIT_CPU)) == before


def test_run_budgeted_raises_the_childs_error_with_its_traceback() -> None:
    with pytest.raises(NoArticleText) as caught:
        run_budgeted(Budget(cpu_seconds=5), _fails)
    assert caught.value.code == "no_article_text" and caught.value.message == "nothing here"
    assert any("_fails" in note for note in getattr(caught.value, "__notes__", []))


def test_run_budgeted_stops_a_c_call_that_signals_cannot() -> None:
    with pytest.raises(ParseTimeout) as caught:
        run_budgeted(Budget(cpu_seconds=0.2, memory_mb=0), _c_loop)
    assert caught.value.code == "too_slow"


def test_run_budgeted_turns_memory_exhaustion_into_too_large() -> None:
    with pytest.raises(TooLarge):
        run_budgeted(Budget(cpu_seconds=5, memory_mb=64), bytearray, 512 * 1024 * 1024)


def test_a_crash_in_the_child_is_an_error_not_a_dead_worker() -> None:
    with pytest.raises(RuntimeError, match="SIGSEGV"):
        run_budgeted(Budget(cpu_seconds=5), _crashes)


def test_without_a_cpu_budget_it_runs_in_this_process() -> None:
    import os

    assert run_budgeted(Budget(cpu_seconds=0, memory_mb=0), os.getpid) == os.getpid()
    assert run_budgeted(Budget(cpu_seconds=5), os.getpid) != os.getpid()


# --- the ingest service ------------------------------------------------------------------


def _job(db: FakeDatabase, content: bytes, name: str = "a.html") -> str:
    sha = hashlib.sha256(content).hexdigest()
    with db.uow() as uow:
        uow.raw.put(sha, content)
        job_id, _ = uow.jobs.create(job_id=f"job-{len(db.store.jobs)}", source_name=name,
                                    sha256=sha, drop_key=f"{name}{sha}")
        uow.commit()
    return job_id


def _slow_parse(data: bytes, *, filename: str, limits: object) -> list[Record]:
    _spin()
    raise AssertionError("unreachable")


def _hungry_parse(data: bytes, *, filename: str, limits: object) -> list[Record]:
    hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB
    raise AssertionError(f"unreachable: {len(hoard)}")


# Each case is over one budget only: the hungry parse's CPU budget is far above what
# zeroing its first arrays costs (0.1 s was not, on a busy machine: too_slow).
@pytest.mark.parametrize(("parse", "budget", "code"), [
    (_slow_parse, Budget(cpu_seconds=0.1, memory_mb=128), "too_slow"),
    (_hungry_parse, Budget(cpu_seconds=30, memory_mb=128), "too_large"),
])
def test_a_file_over_its_budget_is_rejected_not_retried(parse: Parser, budget: Budget, code: str) -> None:
    db = FakeDatabase()
    job_id = _job(db, b"<html>x</html>")
    outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:1", parse=parse, budget=budget)
    assert isinstance(outcome, Rejected) and outcome.error_code == code
    assert db.store.jobs[job_id].status is JobStatus.REJECTED


def test_a_job_whose_worker_keeps_dying_is_rejected_as_worker_lost() -> None:
    db = FakeDatabase()
    job_id = _job(db, b"Title\nBody")
    for _ in range(3):  # three deliveries whose process was killed mid-parse
        with db.uow() as uow:
            uow.jobs.start(job_id, worker="w:1")
    # Two of those ended in a transient error and were retried by Celery: one death so far.
    outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:1", max_lost_attempts=2, retries=2,
                         redelivered=True, parse=_slow_parse,
                         budget=Budget(cpu_seconds=0.05, memory_mb=0))
    assert isinstance(outcome, Rejected) and outcome.error_code == "too_slow"

    # A fresh message (copydesk requeue after retries ran out) is not judged by the
    # deliveries before it.
    db = FakeDatabase()
    job_id = _job(db, b"Title\nBody")
    for _ in range(3):
        with db.uow() as uow:
            uow.jobs.start(job_id, worker="w:1")
    outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:1", max_lost_attempts=2,
                         parse=_slow_parse, budget=Budget(cpu_seconds=0.05, memory_mb=0))
    assert isinstance(outcome, Rejected) and outcome.error_code == "too_slow"

    db = FakeDatabase()
    job_id = _job(db, b"Title\nBody")
    for _ in range(2):
        with db.uow() as uow:
            uow.jobs.start(job_id, worker="w:1")
    outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:1", max_lost_attempts=2,
                         redelivered=True, parse=_slow_parse)
    assert isinstance(outcome, Rejected) and outcome.error_code == "worker_lost"
    assert db.store.jobs[job_id].status is JobStatus.REJECTED
    assert "died 2 times" in str(db.store.finished[job_id]["error_message"])


# --- formats: total inflated bytes, HTML before lxml ----------------------------------------


def _warc_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_warc", FIXTURES / "make_warc.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gzip_encoded_response(uri: str, html: bytes) -> bytes:
    """One WARC response whose HTTP payload is gzip content-encoded (warcio undoes it)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html"),
                                          ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response",
                                                  payload=io.BytesIO(gzip.compress(html)),
                                                  http_headers=headers))
    return out.getvalue()


def test_warc_payloads_are_capped_per_file_not_per_payload() -> None:
    page = _warc_module().article_page("Roads", [PROSE] * 200)  # about 30 KB each
    warc = b"".join(_gzip_encoded_response(f"https://x.example/{n}", page) for n in range(8))
    assert len(warc) < len(page)  # eight compressed pages are smaller than one inflated
    limits = Limits(max_decompressed_bytes=3 * len(page))  # each page fits, eight do not
    with pytest.raises(TooLarge, match="per file"):
        parse_records(warc, filename="crawl.warc", limits=limits)
    records = parse_records(warc, filename="crawl.warc", limits=Limits(max_decompressed_bytes=9 * len(page)))
    assert len(records) == 8 and all(r.ok for r in records)


def test_gzip_cap_counts_every_member_of_the_file() -> None:
    text = (PROSE + "\n\n").encode() * 400  # about 60 KB
    members = gzip.compress(text) * 4  # four concatenated members
    with pytest.raises(TooLarge, match="decompression bomb"):
        parse_records(members, filename="a.txt.gz", limits=Limits(max_decompressed_bytes=2 * len(text)))


def test_html_over_its_size_limit_is_refused_before_lxml() -> None:
    page = _warc_module().article_page("Roads", [PROSE] * 200)
    limits = Limits(max_html_bytes=len(page) // 2)
    [record] = parse_records(page, filename="a.html", limits=limits)
    assert record.error is not None and record.error.code == "too_large"
    assert "COPYDESK_MAX_HTML_BYTES" in record.error.message
    [record] = parse_records(page, filename="a.html")
    assert record.ok


def test_cli_parse_runs_under_the_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from services.cli import main

    page = tmp_path / "a.html"
    page.write_bytes(_warc_module().article_page("Roads", [PROSE] * 400))
    monkeypatch.setenv("COPYDESK_PARSE_TIMEOUT_S", "0.001")
    assert main(["parse", str(page)]) == 1
    assert json.loads(capsys.readouterr().out)["error_code"] == "too_slow"
    monkeypatch.setenv("COPYDESK_PARSE_TIMEOUT_S", "30")
    assert main(["parse", str(page)]) == 0
    assert json.loads(capsys.readouterr().out)["title"]


# --- linear rewrites ---------------------------------------------------------------------


def test_json_depth_reads_an_unterminated_string_in_one_match() -> None:
    from services.pipeline.formats.limits import _JSON_STRING, json_depth

    hostile = '"' + '\\"' * 20_000  # used to rescan the rest of the text from each quote
    match = _JSON_STRING.match(hostile)
    assert match is not None and match.end() == len(hostile)
    for text, depth in (('{"a": "x\\"[y", "b": [[1]]}', 3), ('["a\\\\", [ ]]', 2), ("[]", 1)):
        assert json_depth(text) == depth


def test_link_texts_match_the_old_regex_and_stop_at_unclosed_anchors() -> None:
    from services.pipeline.enrich.linklists import headline_items, link_texts

    anchor = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
    tokens = ["<a ", "<a>", "</a>", "</a >", "</A\n>", ">", "x", " ", "<abbr>", "</ab>", "<a\n",
              "</a", "<A href=1>"]
    rng = random.Random(10)
    for _ in range(5000):
        page = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 25)))
        assert link_texts(page) == anchor.findall(page), page
    assert link_texts("<a href=x>" * 50_000) == []  # the poison page: no pair, one pass
    body = "Senate begins final push to expand benefits, the report said."
    page = ("<a href=1>Senate begins final push to expand benefits</a>"
            "<a href=2>Man bites dog in seaside town</a>")
    assert headline_items(page, body) == ["Man bites dog in seaside town"]


def test_trailing_numbers_rewrite_matches_the_old_regex() -> None:
    from services.pipeline.enrich.entities import _without_trailing_numbers

    old = re.compile(r"(?:\s+[\d.,:-]+)+$")
    rng = random.Random(3)
    for _ in range(5000):
        name = "".join(rng.choice("ab 1.\t-,") for _ in range(rng.randint(0, 14)))
        assert _without_trailing_numbers(name) == old.sub("", name), repr(name)


# --- enrichment steps ----------------------------------------------------------------------


class _Spinning(Enricher):
    name = "spinning"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        _spin()


class _Language(Enricher):
    name = "language"

    def apply(self, article: ArticleText, out: Enrichment) -> None:
        out.language = "en"


def test_an_enrichment_step_over_its_budget_is_skipped_and_recorded() -> None:
    out = run_enrichers([_Spinning(), _Language()], ArticleText(body=PROSE),
                        budget=Budget(cpu_seconds=0.05, memory_mb=0))
    assert out.language == "en"  # the steps after it still ran
    assert out.errors["spinning"][0] == "too_slow"
    assert "enrichment step spinning" in out.errors["spinning"][1]


def test_parsed_article_unchanged_by_budget() -> None:
    page = _warc_module().article_page("Roads", [PROSE] * 20)
    plain = parse_records(page, filename="a.html")[0].article
    with enforce(Budget()):
        budgeted = parse_records(page, filename="a.html")[0].article
    assert isinstance(plain, ParsedArticle) and plain == budgeted


def test_a_spent_budget_ends_the_whole_container_not_one_record() -> None:
    from services.pipeline.formats.containers import make_record

    def over() -> ParsedArticle:
        raise ParseTimeout("the file used up its CPU budget")

    with pytest.raises(ParseTimeout):
        make_record(1, b"{}", "jsonl", "a.jsonl#1.json", over)


def test_only_large_compressed_or_warc_files_are_parsed_in_a_child() -> None:
    from services.ingest import ISOLATE_ABOVE_BYTES, needs_isolation

    assert not needs_isolation(b"<html>" + b"x" * 1000 + b"</html>")
    assert needs_isolation(b"<p>" * (ISOLATE_ABOVE_BYTES // 3 + 1))
    assert needs_isolation(gzip.compress(b"small"))
    assert needs_isolation(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n")
