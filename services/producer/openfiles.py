"""Is another process still writing a file? (Linux, best effort.)

The stability delay and inotify's close-after-write cover most writers, but a writer
that pauses longer than the delay while its file's events are still queued would
slip through. Just before a claim, the producer asks the kernel: any descriptor in
/proc/*/fd that points at the file and was opened for writing. No library offers this
without a full process listing (psutil's ``open_files`` reports no write mode), so it
is written here. Where /proc is missing or unreadable the answer is "no".
"""

from __future__ import annotations

import os
from pathlib import Path

_WRITE_MODES = os.O_WRONLY | os.O_RDWR


def open_for_writing(path: Path) -> bool:
    return path in writers([path])


def writers(paths: list[Path]) -> set[Path]:
    """Those of ``paths`` another process holds open for writing: one pass over /proc
    for all of them (a pass costs milliseconds on a busy machine, so the producer asks
    once per poll, not once per file)."""
    targets: dict[str, list[Path]] = {}
    for path in paths:
        targets.setdefault(os.path.realpath(path), []).append(path)
    found: set[Path] = set()
    try:
        pids = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
    except OSError:
        return found
    me = str(os.getpid())
    for pid in pids:
        if pid == me:
            continue
        fd_dir = f"/proc/{pid}/fd"
        try:
            fds = os.listdir(fd_dir)
        except OSError:
            continue  # gone, or not ours to read
        for fd in fds:
            try:
                target = os.readlink(f"{fd_dir}/{fd}")
                if target not in targets:
                    continue
                with open(f"/proc/{pid}/fdinfo/{fd}") as info:
                    flags = next(line for line in info if line.startswith("flags:"))
            except (OSError, StopIteration):
                continue
            if int(flags.split()[1], 8) & _WRITE_MODES:
                found.update(targets[target])
    return found
