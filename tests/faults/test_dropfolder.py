"""The drop folder on a real producer process: files renamed in are claimed promptly,
and a symlinked sub-folder stops the claims instead of being followed (issue 10, item 2)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.faults.conftest import Rig, article_text, wait_until

pytestmark = pytest.mark.faults

STABLE_SECONDS = 1.0


def _claimed_after(rig: Rig, name: str, count: int, *, since: float) -> float:
    """Seconds from ``since`` until ``name`` has ``count`` jobs (polled every 20 ms)."""
    wait_until(
        lambda: rig.query("SELECT count(*) FROM api.jobs WHERE source_name = %s", name)[0][0] >= count,
        timeout=90, what=f"job {count} of {name}",
    )
    return time.monotonic() - since


def test_renamed_in_files_and_same_name_redrops_are_claimed_within_the_delay(rig: Rig, tmp_path: Path) -> None:
    rig.env["COPYDESK_STABLE_SECONDS"] = str(STABLE_SECONDS)
    rig.env["COPYDESK_RESCAN_SECONDS"] = "600"  # events only: the rescan must not be what finds them
    rig.start("producer")
    rig.drop("warmup.txt", article_text(0))
    _claimed_after(rig, "warmup.txt", 1, since=time.monotonic())
    outside = tmp_path / "outside"  # same file system as the inbox: a true rename
    outside.mkdir()
    bound = STABLE_SECONDS + 1.0
    timings: dict[str, float] = {}

    def rename_in(name: str, content: bytes, count: int, label: str) -> None:
        staged = outside / name
        staged.write_bytes(content)
        start = time.monotonic()
        staged.rename(rig.inbox / name)
        rig.dropped.append(name)
        timings[label] = _claimed_after(rig, name, count, since=start)

    rename_in("renamed.txt", article_text(1), 1, "renamed in")
    rename_in("renamed.txt", article_text(2), 2, "renamed in again, same name")
    rename_in("warmup.txt", article_text(3), 2, "renamed in over a name claimed before")
    start = time.monotonic()
    rig.drop("renamed.txt", article_text(4))  # the README's way: a temporary name in the inbox
    timings["re-dropped through a temporary name"] = _claimed_after(rig, "renamed.txt", 3, since=start)
    kept = outside / "kept.txt"  # cp -p: written in place, then the old mtime set back
    kept.write_bytes(article_text(5))
    os.utime(kept, (time.time() - 86_400, time.time() - 86_400))
    start = time.monotonic()
    subprocess.run(["cp", "-p", str(kept), str(rig.inbox / "kept.txt")], check=True)
    rig.dropped.append("kept.txt")
    timings["copied with cp -p"] = _claimed_after(rig, "kept.txt", 1, since=start)
    print("claim delays (s):", {label: round(t, 2) for label, t in timings.items()})
    slow = {label: round(t, 2) for label, t in timings.items() if t > bound}
    assert not slow, f"claimed later than {bound} s: {slow} (all: {timings})"


def test_a_symlinked_failed_folder_stops_claims_and_nothing_is_written_outside(rig: Rig, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (rig.inbox / "failed").symlink_to(outside, target_is_directory=True)
    (rig.inbox / "processed").symlink_to(outside, target_is_directory=True)
    (rig.inbox / "passwd.txt").symlink_to("/etc/passwd")  # rejected: would go to failed/
    rig.drop("story.txt", article_text(7))
    rig.dropped.append("passwd.txt")
    rig.start("worker")
    rig.start("producer")
    log = rig.root / "producer.log"
    wait_until(lambda: log.exists() and b"drop_folder_unsafe" in log.read_bytes(), timeout=30, what="the refusal")
    time.sleep(1.0)
    assert list(outside.iterdir()) == []
    assert sorted(rig.inbox_files()) == ["failed", "passwd.txt", "processed", "story.txt"]  # links listed as entries
    assert rig.query("SELECT count(*) FROM api.jobs") == [(0,)]
    # A person fixes the folders: the waiting files are claimed as usual.
    for folder in ("failed", "processed"):
        (rig.inbox / folder).unlink()
    figures = rig.settle("symlinked failed/ and processed/, then fixed", timeout=60)
    rig.assert_promise(figures)
    assert (figures.articles, figures.rejected) == (1, 1)
    assert list(outside.iterdir()) == []
    assert (rig.inbox / "failed" / "passwd.txt.error.json").exists()
