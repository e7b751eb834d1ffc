"""benchmarks.spy_summary: py-spy's raw stacks sorted into stages, libraries and
copydesk's own code, idle waits left out."""

from __future__ import annotations

from pathlib import Path

from benchmarks.spy_summary import summarise

_TASK = ("Worker.workloop (billiard/pool.py:351);ingest_batch (workers/tasks.py:83);"
         "ingest_job (services/ingest.py:120)")


def test_stages_libraries_own_code_and_idle_waits(tmp_path: Path) -> None:
    raw = tmp_path / "ingest-worker-1.txt"
    raw.write_text("\n".join([
        f"{_TASK};parse_records (services/pipeline/formats/__init__.py:10);fromstring (lxml/html.py:5) 7",
        f"{_TASK};_store (services/ingest.py:370);execute (psycopg/connection.py:291) 3",
        (f"{_TASK};_store (services/ingest.py:370);execute (psycopg/connection.py:291);"
         "Connection.wait (psycopg/connection.py:495) 50"),
        f"{_TASK};_log_finished (services/ingest.py:430) 2",
        "Worker.workloop (billiard/pool.py:351);Connection._recv (billiard/connection.py:425) 40",
        "Worker.workloop (billiard/pool.py:351);receive (billiard/pool.py:400) 1",
        "not a sample line",
    ]) + "\n")
    busy, by_category, own = summarise([raw])
    assert busy == 7 + 3 + 2 + 1  # the waits (psycopg's, billiard's) are not busy
    assert by_category == {"stage: parse": 7, "psycopg": 3, "copydesk's own code": 2,
                           "celery, kombu, billiard": 1}
    assert own == {"_log_finished": 2}
