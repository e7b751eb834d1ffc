"""Drop the seed, get it enriched as `copydesk up` does it: by the ingest worker that
stored it (COPYDESK_ENRICH_INLINE), in the job's trace; and again through the enrich queue
and its worker (`copydesk reenrich`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import psycopg
import pytest

from tests.e2e.conftest import FAST_ENV, SEED, Stack, wait_for
from tests.support import child_env

pytestmark = pytest.mark.e2e


def test_seed_is_enriched_with_language_entities_and_signals(stack: Stack) -> None:
    stack.drop(SEED, "content-farm-ap-copy.txt")
    rows = wait_for(
        lambda: stack.query(
            "SELECT article_id, language, language_confidence, keywords, is_wire_copy, stale_republish,"
            " quality_score, reading_time_s FROM api.articles WHERE enriched_at IS NOT NULL"
        ),
        timeout=120, what="the seed to be enriched", stack=stack,
    )
    article_id, language, confidence, keywords, wire_copy, stale, quality, reading_s = rows[0]
    assert language == "en" and confidence > 0.9
    assert "Iran" in keywords and wire_copy is True and stale is True
    assert 0 <= quality < 0.5 and reading_s > 60

    entities = {(name, etype) for name, etype in stack.query(
        "SELECT name, type FROM api.article_entities WHERE article_id = %s", article_id)}
    assert {("John Kirby", "PERSON"), ("Kremlin", "ORG"), ("Tehran", "PLACE")} <= entities
    assert stack.query("SELECT articles FROM api.entities WHERE name = 'Iran'") == [(1,)]

    # The ingest worker enriched the article it stored, in the job's own trace, and sent
    # no enrich task for it.
    logs = stack.logs()
    enriched = [line for line in logs if line.get("event") == "article_enriched"]
    stored = [line for line in logs if line.get("event") == "job_finished" and line.get("outcome") == "stored"]
    assert len(enriched) == 1 and enriched[0]["article_id"] == article_id
    assert enriched[0]["process"] == "worker" and enriched[0]["job_id"] == stored[0]["job_id"]
    assert not [line for line in logs if line.get("event") == "task_sent" and line.get("task") == "copydesk.enrich"]

    # The enrich queue and its worker: `copydesk reenrich` sends the article there.
    env = child_env(drop=("COPYDESK_DATABASE_URL", "COPYDESK_BROKER_URL"), **FAST_ENV)
    done = subprocess.run(
        [sys.executable, "-m", "services.cli", "reenrich", "--all", "--data-dir", str(stack.data_dir)],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    again = wait_for(
        lambda: [line for line in stack.logs() if line.get("event") == "article_enriched"][1:],
        timeout=120, what="the article to be enriched again", stack=stack,
    )
    assert again[0]["article_id"] == article_id and again[0]["process"] == "enricher"


def test_an_ingest_worker_killed_while_enriching_inline_leaves_the_article_to_the_enrich_queue(
        stack: Stack) -> None:
    # Hold the inline enrichment at its store: it writes the paragraph values it computed,
    # and this lock lets it read them but not write.
    blocker = psycopg.connect(stack.database_url)
    blocker.execute("LOCK TABLE copydesk.paragraph_results IN EXCLUSIVE MODE")
    try:
        stack.drop(SEED, "held.txt")
        held = wait_for(
            lambda: stack.query("SELECT a.article_id, j.worker FROM copydesk.articles a JOIN copydesk.ingest_jobs j"
                                " USING (job_id) WHERE a.enrich_attempts = 1 AND a.enriched_at IS NULL"),
            timeout=120, what="an ingest worker to hold the article's enrichment", stack=stack,
        )
        article_id, worker = held[0]
        os.kill(int(str(worker).rsplit(":", 1)[1]), signal.SIGKILL)  # the pool process enriching it
    finally:
        blocker.rollback()
        blocker.close()

    wait_for(lambda: stack.query("SELECT 1 FROM copydesk.articles WHERE article_id = %s AND enriched_at IS NOT NULL",
                                 article_id),
             timeout=120, what="the article to be enriched after the kill", stack=stack)
    logs = stack.logs()
    enriched = [line for line in logs
                if line.get("event") == "article_enriched" and line.get("article_id") == article_id]
    assert [line["process"] for line in enriched] == ["enricher"]  # sent again by the reconciler
    assert any(article_id in line.get("article_ids", ()) for line in logs if line.get("event") == "enrichment_resent")
    assert stack.query("SELECT count(*), count(*) FILTER (WHERE status = 'stored') FROM api.jobs") == [(1, 1)]
    assert stack.query("SELECT count(*) FROM api.articles") == [(1,)]
