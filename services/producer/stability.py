"""When is a file in the inbox finished being written?

A writer (``cp``, ``rsync``, a crawler appending) may still be growing a file when
the producer first sees it. ``FileStabilityTracker`` says a file is ready once its
size and modification time have not changed for ``delay`` seconds. Pure: the
caller supplies the observations and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class _Seen:
    size: int
    mtime_ns: int
    since: float


class FileStabilityTracker:
    def __init__(self, *, delay: float) -> None:
        self._delay = delay
        self._seen: dict[str, _Seen] = {}

    def observe(self, key: str, *, size: int, mtime_ns: int, now: float) -> bool:
        """Record what ``key`` looks like at ``now``; True when it has been stable long enough."""
        seen = self._seen.get(key)
        if seen is None or (seen.size, seen.mtime_ns) != (size, mtime_ns):
            self._seen[key] = _Seen(size=size, mtime_ns=mtime_ns, since=now)
            return self._delay <= 0
        return now - seen.since >= self._delay

    def forget(self, key: str) -> None:
        self._seen.pop(key, None)

    def __contains__(self, key: str) -> bool:
        return key in self._seen

    def __len__(self) -> int:
        return len(self._seen)
