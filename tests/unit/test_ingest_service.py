"""The ingest service with fakes of the unit of work: outcomes, idempotency, timing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from services.config import Settings
from services.domain.models import (
    AlreadyFinished,
    Duplicate,
    JobStatus,
    Outcome,
    ParsedArticle,
    Rejected,
    Stored,
)
from services.enrich import InlineEnricher
from services.errors import EmptyInput, JobNotFound
from services.ingest import ingest_job, mark_failed
from services.pipeline.enrich import ArticleText, Enrichment
from services.pipeline.enrich.paragraphs import ParagraphEnricher
from services.pipeline.formats import Record
from services.producer.claim import claim_file
from services.producer.reconciler import reconcile_once
from tests.fakes import FakeDatabase, FakeSender


def fake_parse(data: bytes, *, filename: str, limits: object) -> list[Record]:
    """Title on the first line, body after it; a file of several articles separated by
    '===' lines is a container with one record per article."""
    text = data.decode()
    if not text.strip():
        raise EmptyInput("the file is empty")
    if text.startswith("boom"):
        raise RuntimeError("parser bug")
    records = []
    for n, part in enumerate(text.split("\n===\n"), start=1):
        title, _, body = part.partition("\n")
        article = ParsedArticle(source_format="text", title=title, body=body) if body.strip() else None
        error = None if article else EmptyInput("record without a body")
        records.append(Record(record_no=n, article=article, error=error, raw=part.encode(),
                              source_format="text", name=f"{filename}#{n}.txt"))
    return records


def _job(db: FakeDatabase, content: bytes, name: str = "a.txt") -> str:
    import hashlib

    sha = hashlib.sha256(content).hexdigest()
    with db.uow() as uow:
        uow.raw.put(sha, content)
        job_id, _ = uow.jobs.create(job_id=f"job-{len(db.store.jobs)}", source_name=name, sha256=sha,
                                    drop_key=f"{name}{sha}{len(db.store.jobs)}")
        uow.commit()
    return job_id


def _ingest(db: FakeDatabase, job_id: str) -> Outcome:
    return ingest_job(job_id, uow_factory=db.uow, worker="test:1", parse=fake_parse)


def test_new_article_is_stored_with_stage_timings() -> None:
    db = FakeDatabase()
    job_id = _job(db, b"Title\nSome body words here.")
    outcome = _ingest(db, job_id)
    assert isinstance(outcome, Stored)
    job_id_stored, article = db.store.articles[outcome.article_id]
    assert job_id_stored == job_id and article.title == "Title"
    finished = db.store.finished[job_id]
    assert finished["status"] is JobStatus.STORED
    stage_ms = finished["stage_ms"]
    assert isinstance(stage_ms, dict)
    assert set(stage_ms) == {"load", "parse", "normalise", "signature", "lookup", "store"}


def test_same_body_again_is_a_duplicate_of_the_first() -> None:
    db = FakeDatabase()
    first = _ingest(db, _job(db, b"Title\nSame body."))
    # Different title and whitespace, same normalised body.
    second_job = _job(db, b"Other title\nSame   body.", name="b.txt")
    second = _ingest(db, second_job)
    assert isinstance(first, Stored)
    assert second == Duplicate(duplicate_of=first.article_id)
    assert len(db.store.articles) == 1
    assert db.store.finished[second_job]["duplicate_of"] == first.article_id


def test_running_twice_is_idempotent() -> None:
    db = FakeDatabase()
    job_id = _job(db, b"Title\nBody text.")
    assert isinstance(_ingest(db, job_id), Stored)
    again = _ingest(db, job_id)
    assert again == AlreadyFinished(status=JobStatus.STORED)
    assert len(db.store.articles) == 1


@pytest.mark.parametrize(("content", "code"), [(b"   ", "empty"), (b"boom\nx", "parser_error")])
def test_bad_input_and_parser_bugs_reject_the_job(content: bytes, code: str) -> None:
    db = FakeDatabase()
    job_id = _job(db, content)
    outcome = _ingest(db, job_id)
    assert isinstance(outcome, Rejected) and outcome.error_code == code
    assert db.store.finished[job_id]["error_code"] == code
    assert not db.store.articles


def test_a_container_becomes_child_jobs_and_a_bad_record_rejects_only_itself() -> None:
    from services.domain.models import Split

    db = FakeDatabase()
    job_id = _job(db, b"First\nbody one\n===\nSecond\n\n===\nThird\nbody three", name="feed.txt")
    outcome = _ingest(db, job_id)
    assert isinstance(outcome, Split) and outcome.children == 3
    assert len(outcome.to_send) == 2 and [code for _, code in outcome.rejected] == ["empty"]
    assert db.store.jobs[job_id].status is JobStatus.SPLIT
    children = {db.store.jobs[c].source_name: db.store.jobs[c] for c in (*outcome.to_send, outcome.rejected[0][0])}
    assert set(children) == {"feed.txt#1.txt", "feed.txt#2.txt", "feed.txt#3.txt"}
    assert children["feed.txt#2.txt"].status is JobStatus.REJECTED
    # A redelivered container finds the children it made; each child then runs alone.
    assert _ingest(db, job_id) == AlreadyFinished(status=JobStatus.SPLIT)
    stored = [_ingest(db, child) for child in outcome.to_send]
    assert all(isinstance(o, Stored) for o in stored) and len(db.store.articles) == 2


def test_unknown_job_is_an_error() -> None:
    with pytest.raises(JobNotFound):
        _ingest(FakeDatabase(), "nope")


def test_mark_failed_leaves_final_jobs_alone() -> None:
    db = FakeDatabase()
    done = _job(db, b"T\nbody")
    _ingest(db, done)
    mark_failed(done, uow_factory=db.uow, error="late")
    assert db.store.jobs[done].status is JobStatus.STORED
    pending = _job(db, b"T\nother body", name="c.txt")
    mark_failed(pending, uow_factory=db.uow, error="db down for good")
    assert db.store.jobs[pending].status is JobStatus.FAILED


def _settings(tmp_path: Path, **kw: object) -> Settings:
    return Settings.from_env({}, inbox=tmp_path / "inbox", **kw)


def test_claim_stores_sends_and_moves(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path)
    settings.inbox.mkdir()
    f = settings.inbox / "story.txt"
    f.write_bytes(b"Title\nBody")
    claimed = claim_file(f, settings=settings, uow_factory=db.uow, sender=sender)
    assert claimed is not None and claimed.created and claimed.sent
    assert sender.sent == [claimed.job_id]
    assert db.store.sent_counts[claimed.job_id] == 1
    assert not f.exists() and (settings.processed_path / "story.txt").exists()


def test_reclaiming_the_same_drop_after_a_crash_reuses_its_job(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path, after_claim="delete")
    settings.inbox.mkdir()
    f = settings.inbox / "story.txt"
    f.write_bytes(b"Title\nBody")
    stat = f.stat()
    first = claim_file(f, settings=settings, uow_factory=db.uow, sender=sender)
    # The producer died before the file left the inbox: the same drop is seen again.
    f.write_bytes(b"Title\nBody")
    import os

    os.utime(f, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = claim_file(f, settings=settings, uow_factory=db.uow, sender=sender)
    assert first is not None and second is not None
    assert second.job_id == first.job_id and not second.created
    assert len(db.store.jobs) == 1 and not f.exists()


def test_broker_down_keeps_the_job_queued_and_still_clears_the_inbox(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender(down=True)
    settings = _settings(tmp_path)
    settings.inbox.mkdir()
    f = settings.inbox / "story.txt"
    f.write_bytes(b"Title\nBody")
    claimed = claim_file(f, settings=settings, uow_factory=db.uow, sender=sender)
    assert claimed is not None and not claimed.sent
    assert db.store.jobs[claimed.job_id].status is JobStatus.QUEUED
    assert not f.exists()


def test_symlink_goes_to_failed_with_an_error_note(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path)
    settings.inbox.mkdir()
    link = settings.inbox / "passwd"
    link.symlink_to("/etc/passwd")
    assert claim_file(link, settings=settings, uow_factory=db.uow, sender=sender) is None
    assert not db.store.raw and not sender.sent
    [job] = db.store.jobs.values()
    assert job.status is JobStatus.REJECTED and db.store.finished[job.job_id]["error_code"] == "symlink"
    note = (settings.failed_path / "passwd.error.json").read_text()
    assert '"code": "symlink"' in note
    assert (settings.failed_path / "passwd").is_symlink()


def test_too_large_file_goes_to_failed(tmp_path: Path) -> None:
    db, sender = FakeDatabase(), FakeSender()
    settings = _settings(tmp_path, max_file_bytes=10)
    settings.inbox.mkdir()
    f = settings.inbox / "big.txt"
    f.write_bytes(b"x" * 11)
    assert claim_file(f, settings=settings, uow_factory=db.uow, sender=sender) is None
    assert '"code": "too_large"' in (settings.failed_path / "big.txt.error.json").read_text()


def test_reconcile_skips_when_the_broker_is_down(tmp_path: Path) -> None:
    assert reconcile_once(settings=_settings(tmp_path), uow_factory=FakeDatabase().uow,
                          sender=FakeSender(down=True)) == 0


def test_a_job_delivered_too_often_is_set_aside_as_failed() -> None:
    from services.domain.models import GaveUp

    db = FakeDatabase()
    job_id = _job(db, b"Title\nBody text.")
    for _ in range(3):  # three deliveries that died before finishing
        with db.uow() as uow:
            uow.jobs.start(job_id, worker="w:1")
    outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:1", max_attempts=3, parse=fake_parse)
    assert isinstance(outcome, GaveUp) and outcome.error_code == "attempts_exhausted"
    assert db.store.jobs[job_id].status is JobStatus.FAILED
    assert not db.store.articles


def test_parser_notes_are_stored_on_the_job_and_logged() -> None:
    import json

    from structlog.testing import capture_logs

    db = FakeDatabase()
    doc = json.dumps({"title": "Stray bytes", "body": "The council met on Monday evening to "
                      "discuss the new budget for the coming year, members said."}).encode()
    noted = _job(db, doc[:40] + b"\0" + doc[40:], name="a.json")
    clean = _job(db, doc.replace(b"Monday", b"Friday"), name="b.json")
    with capture_logs() as logs:
        outcome = ingest_job(noted, uow_factory=db.uow, worker="test:1")  # the real parser
    assert isinstance(outcome, Stored)
    assert db.store.articles[outcome.article_id][1].notes == ("nul_bytes_removed:1",)
    assert db.store.finished[noted]["notes"] == ("nul_bytes_removed:1",)
    [finished] = [line for line in logs if line["event"] == "job_finished"]
    assert finished["notes"] == ["nul_bytes_removed:1"]
    assert isinstance(ingest_job(clean, uow_factory=db.uow, worker="test:1"), Stored)
    assert db.store.finished[clean]["notes"] == ()


class _Words(ParagraphEnricher):
    """A per-paragraph step that counts its paragraphs' words and the calls it made."""

    name = "words"

    def __init__(self, *, fail: bool = False) -> None:
        self.computed: list[str] = []
        self.fail = fail

    def memo_key(self) -> str:
        return "words:1"

    def warm(self) -> None:
        if self.fail:
            raise OSError("the model's files are gone")

    def per_paragraph(self, texts: Sequence[str]) -> list[Any]:
        self.computed += texts
        return [len(t.split()) for t in texts]

    def combine(self, article: ArticleText, out: Enrichment, values: Sequence[Any]) -> None:
        out.signals["words"] = sum(values)


def _enricher(db: FakeDatabase, step: _Words) -> InlineEnricher:
    return InlineEnricher(uow_factory=db.uow, profile="full", enrichers=[step])


def test_an_inline_enricher_writes_the_enrichment_in_the_store_transaction() -> None:
    from structlog.testing import capture_logs

    db, step = FakeDatabase(), _Words()
    job_id = _job(db, b"Title\nFirst paragraph here.\n\nSecond one.")
    commits = db.commits
    with capture_logs() as logs:
        outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:1", parse=fake_parse,
                             enricher=_enricher(db, step))
    assert isinstance(outcome, Stored) and outcome.enriched
    enrichment = db.store.enrichment[outcome.article_id]
    assert enrichment.enriched_at is not None and enrichment.attempts == 0
    assert enrichment.result is not None and enrichment.result.signals["words"] == 5
    assert db.commits - commits == 2  # the load, and the store with its enrichment
    assert len(db.store.paragraphs) == 2 and db.store.jobs[job_id].status is JobStatus.STORED
    [finished] = [line for line in logs if line["event"] == "job_finished"]
    [enriched] = [line for line in logs if line["event"] == "article_enriched"]
    assert "enrich" in finished["stage_ms"] and enriched["before_store"] is True
    assert enriched["paragraphs_computed"] == 2 and enriched["article_id"] == outcome.article_id

    # A copy with one paragraph seen: only the new one is computed. An exact copy of a
    # stored body is a duplicate: nothing is computed for it.
    copy = _job(db, b"Other title\nSecond one.\n\nA paragraph the farm added.", name="b.txt")
    again = _job(db, b"Title\nFirst paragraph here.\n\nSecond one.\n", name="c.txt")
    assert isinstance(ingest_job(copy, uow_factory=db.uow, worker="w:1", parse=fake_parse,
                                 enricher=_enricher(db, step)), Stored)
    assert isinstance(ingest_job(again, uow_factory=db.uow, worker="w:1", parse=fake_parse,
                                 enricher=_enricher(db, step)), Duplicate)
    assert step.computed == ["First paragraph here.", "Second one.", "A paragraph the farm added."]


def test_a_later_delivery_stores_the_article_before_enriching_it() -> None:
    # The delivery before may have died in the enrichers: the article is stored first,
    # and after_store (enrich_article) counts its runs.
    db, step = FakeDatabase(), _Words()
    job_id = _job(db, b"Title\nBody text.")
    with db.uow() as uow:
        uow.jobs.start(job_id, worker="w:1")  # a delivery that died
    outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:2", parse=fake_parse,
                         enricher=_enricher(db, step))
    assert isinstance(outcome, Stored) and not outcome.enriched
    assert step.computed == [] and db.store.enrichment[outcome.article_id].enriched_at is None


def test_enrichers_that_fail_before_the_store_leave_the_article_stored_unenriched() -> None:
    # (A step that raises is recorded on the enrichment, as in the enrich task; this is
    # the enrichers failing as a whole.)
    db = FakeDatabase()
    job_id = _job(db, b"Title\nBody text.")
    outcome = ingest_job(job_id, uow_factory=db.uow, worker="w:1", parse=fake_parse,
                         enricher=_enricher(db, _Words(fail=True)))
    assert isinstance(outcome, Stored) and not outcome.enriched
    assert db.store.jobs[job_id].status is JobStatus.STORED
    assert db.store.enrichment[outcome.article_id].enriched_at is None  # after_ingest sends it on
