"""Container files through the whole stack: one child job per record, traceable to its parent."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.pipeline.formats import parse_records
from tests.e2e.conftest import Stack, wait_for

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "containers"
CONTAINERS = ["articles.jsonl", "feed-rss.xml", "crawl.warc.gz", "articles.json"]


def test_each_record_becomes_a_child_job_and_a_bad_record_rejects_only_itself(stack: Stack) -> None:
    expected = {}
    for name in CONTAINERS:
        records = parse_records((FIXTURES / name).read_bytes(), filename=name)
        expected[name] = (len(records), sum(1 for r in records if r.error is not None))
        stack.drop(FIXTURES / name, name)

    def settled() -> list[tuple[object, ...]]:
        rows = stack.query(
            "SELECT p.source_name, p.status, count(c.job_id),"
            " count(*) FILTER (WHERE c.status = 'rejected'),"
            " count(*) FILTER (WHERE c.status IN ('stored', 'duplicate')),"
            " array_agg(c.record_no ORDER BY c.record_no)"
            " FROM api.jobs p JOIN api.jobs c ON c.parent_job_id = p.job_id"
            " GROUP BY p.source_name, p.status"
        )
        done = [r for r in rows if r[3] + r[4] == r[2]]
        return done if len(done) == len(CONTAINERS) else []

    rows = wait_for(settled, timeout=120, what="every record of every container to finish", stack=stack)
    for name, status, children, rejected, ok, record_nos in rows:
        assert status == "split"
        assert (children, rejected) == expected[name], name
        assert record_nos == list(range(1, children + 1))
        assert ok == children - rejected > 0
    # Each child's lines carry its parent's job id, across the broker.
    children = stack.query(
        "SELECT c.job_id::text, p.job_id::text FROM api.jobs c JOIN api.jobs p ON c.parent_job_id = p.job_id"
        " WHERE c.status IN ('stored', 'duplicate')"
    )
    finished = {line["job_id"]: line for line in stack.logs() if line.get("event") == "job_finished"}
    for child, parent in children:
        assert finished[child]["parent_job_id"] == parent
    urls = stack.query(
        "SELECT a.url FROM api.articles a JOIN api.jobs j USING (job_id) WHERE j.source_name LIKE 'crawl.warc.gz#%%'"
    )
    assert urls and all(str(u).startswith("http") for (u,) in urls)
