"""Drop the seed, get it enriched as `copydesk up` does it: by the ingest worker that
stores it (COPYDESK_ENRICH_INLINE), in the job's trace and its store transaction; and
again through the enrich queue and its worker (`copydesk reenrich`)."""

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
    assert enriched[0]["before_store"] is True and "enrich" in stored[0]["stage_ms"]  # in the store's transaction
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


def test_an_ingest_worker_killed_while_storing_its_enriched_article_stores_it_on_the_next_delivery(
        stack: Stack) -> None:
    # Hold the store transaction of an article enriched before its store: it writes the
    # paragraph values the enrichers computed, and this lock lets the enrichers read
    # them but not the store write them.
    blocker = psycopg.connect(stack.database_url)
    blocker.execute("LOCK TABLE copydesk.paragraph_results IN EXCLUSIVE MODE")
    try:
        stack.drop(SEED, "held.txt")
        held = wait_for(
            lambda: [line for line in stack.logs() if line.get("event") == "story_assigned"],
            timeout=120, what="an ingest worker to hold the article's store", stack=stack,
        )
        [worker] = stack.query("SELECT worker FROM copydesk.ingest_jobs WHERE job_id = %s", held[0]["job_id"])[0]
        os.kill(int(str(worker).rsplit(":", 1)[1]), signal.SIGKILL)  # the pool process storing it
    finally:
        blocker.rollback()
        blocker.close()

    [(article_id,)] = wait_for(
        lambda: stack.query("SELECT article_id FROM copydesk.articles WHERE enriched_at IS NOT NULL"),
        timeout=120, what="the article to be stored and enriched after the kill", stack=stack)
    # The killed store left nothing; the next delivery stored the article first and then
    # enriched it, counting the run (the one before might have died in the enrichers).
    enriched = [line for line in stack.logs() if line.get("event") == "article_enriched"]
    assert [(line["article_id"], line["process"], line.get("before_store")) for line in enriched] == [
        (article_id, "worker", None)]
    assert stack.query("SELECT count(*), count(*) FILTER (WHERE status = 'stored'), max(attempts)"
                       " FROM copydesk.ingest_jobs") == [(1, 1, 2)]
    assert stack.query("SELECT count(*) FROM api.articles") == [(1,)]
