from __future__ import annotations

from pathlib import Path

import pytest

from services.producer.ignore import is_ignored
from services.producer.stability import FileStabilityTracker


@pytest.mark.parametrize(
    "name",
    [".hidden", ".article.html", "a.tmp", "story.part", "page.html.crdownload", "notes.txt~", "x.error.json"],
)
def test_ignored_names(name: str) -> None:
    assert is_ignored(name)


@pytest.mark.parametrize("name", ["story.html", "feed.xml", "dump.txt", "a b $(x).json", "tmp.html", "part1.txt"])
def test_article_names_are_taken(name: str) -> None:
    assert not is_ignored(name)


def test_file_is_ready_only_after_being_unchanged_for_the_delay() -> None:
    tracker = FileStabilityTracker(delay=1.0)
    assert not tracker.observe("a", size=10, mtime_ns=1, now=100.0)
    assert not tracker.observe("a", size=10, mtime_ns=1, now=100.5)
    assert tracker.observe("a", size=10, mtime_ns=1, now=101.0)


def test_growing_file_restarts_the_clock() -> None:
    tracker = FileStabilityTracker(delay=1.0)
    tracker.observe("a", size=10, mtime_ns=1, now=100.0)
    assert not tracker.observe("a", size=20, mtime_ns=2, now=100.9)  # grew
    assert not tracker.observe("a", size=20, mtime_ns=2, now=101.5)
    assert tracker.observe("a", size=20, mtime_ns=2, now=101.9)


def test_touch_without_growth_restarts_the_clock() -> None:
    tracker = FileStabilityTracker(delay=1.0)
    tracker.observe("a", size=10, mtime_ns=1, now=100.0)
    assert not tracker.observe("a", size=10, mtime_ns=5, now=101.2)
    assert tracker.observe("a", size=10, mtime_ns=5, now=102.2)


def test_forget_and_zero_delay() -> None:
    tracker = FileStabilityTracker(delay=0)
    assert tracker.observe("a", size=1, mtime_ns=1, now=0.0)
    slow = FileStabilityTracker(delay=1.0)
    slow.observe("a", size=1, mtime_ns=1, now=0.0)
    slow.forget("a")
    assert not slow.observe("a", size=1, mtime_ns=1, now=5.0)  # seen afresh: its clock starts again


def test_a_file_open_for_writing_is_held_back_until_closed() -> None:
    tracker = FileStabilityTracker(delay=0.3, open_grace=60)
    tracker.written("a", now=100.0)
    tracker.observe("a", size=10, mtime_ns=1, now=100.0)
    assert not tracker.observe("a", size=10, mtime_ns=1, now=100.9)  # paused writer, still open
    tracker.closed("a")
    assert tracker.observe("a", size=10, mtime_ns=1, now=101.0)


def test_a_missed_close_event_holds_a_file_back_only_for_the_grace() -> None:
    tracker = FileStabilityTracker(delay=0.3, open_grace=5)
    tracker.written("a", now=100.0)
    tracker.observe("a", size=10, mtime_ns=1, now=100.0)
    assert not tracker.observe("a", size=10, mtime_ns=1, now=104.0)
    assert tracker.observe("a", size=10, mtime_ns=1, now=105.1)


def test_open_for_writing_sees_another_process_writer_and_not_a_reader(tmp_path: Path) -> None:
    import subprocess
    import sys

    from services.producer.openfiles import open_for_writing

    path = tmp_path / "growing.txt"
    path.write_bytes(b"start")
    assert not open_for_writing(path)
    for mode, expected in (("ab", True), ("rb", False)):
        holder = subprocess.Popen(
            [sys.executable, "-c",
             f"import sys, time; f = open({str(path)!r}, {mode!r}); print(flush=True); time.sleep(30)"],
            stdout=subprocess.PIPE,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline()  # the file is open now
            assert open_for_writing(path) is expected
        finally:
            holder.kill()
            holder.wait()
