"""When is a file in the inbox finished being written?

A writer (``cp``, ``rsync``, a crawler appending) may still be growing a file when
the producer first sees it. ``FileStabilityTracker`` says a file is ready once its
size and modification time have not changed for ``delay`` seconds.

A writer that pauses longer than ``delay`` between appends would fool that rule
alone, so where the platform reports it (inotify's close-after-write, through
watchdog) a file written to and not yet closed is held back too — for at most
``open_grace`` seconds since its last write, in case a close event was missed.
Pure: the caller supplies the observations and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class _Seen:
    size: int
    mtime_ns: int
    since: float


class FileStabilityTracker:
    def __init__(self, *, delay: float, open_grace: float = 60.0) -> None:
        self._delay = delay
        self._open_grace = open_grace
        self._seen: dict[str, _Seen] = {}
        self._open_for_write: dict[str, float] = {}

    def written(self, key: str, *, now: float) -> None:
        """A writer modified ``key`` and has not closed it yet."""
        self._open_for_write[key] = now

    def closed(self, key: str) -> None:
        """The writer of ``key`` closed it."""
        self._open_for_write.pop(key, None)

    def observe(self, key: str, *, size: int, mtime_ns: int, now: float) -> bool:
        """Record what ``key`` looks like at ``now``; True when it is ready to take."""
        seen = self._seen.get(key)
        if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
            self._seen[key] = _Seen(size=size, mtime_ns=mtime_ns, since=now)
            stable = self._delay <= 0
        else:
            stable = now - seen.since >= self._delay
        last_write = self._open_for_write.get(key)
        if last_write is not None and now - last_write < self._open_grace:
            return False
        return stable

    def forget(self, key: str) -> None:
        self._seen.pop(key, None)
        self._open_for_write.pop(key, None)
