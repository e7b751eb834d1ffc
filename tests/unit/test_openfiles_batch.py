"""The producer asks /proc once per poll for every stable file (issue 12: a pass per
file cost the producer about 16 ms of CPU per file on a busy machine)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from services.producer.openfiles import writers


def test_one_pass_finds_the_written_files_among_many(tmp_path: Path) -> None:
    paths = [tmp_path / f"f{i}.txt" for i in range(5)]
    for path in paths:
        path.write_bytes(b"x")
    link = tmp_path / "link.txt"
    link.symlink_to(paths[3])
    code = (f"import time; a = open({str(paths[1])!r}, 'ab'); b = open({str(paths[3])!r}, 'r+b');"
            f" c = open({str(paths[4])!r}, 'rb'); print(flush=True); time.sleep(30)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline()
        assert writers([*paths, link]) == {paths[1], paths[3], link}
        assert writers([]) == set()
    finally:
        holder.kill()
        holder.wait()
