"""Where a `copydesk up` stack is, read without starting anything: the state files the
embedded servers leave under the data dir, and their URLs. Kept apart from the server
classes (and from structlog) so `copydesk status` and `copydesk db-url` start fast."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from services.runtime.oshelp import pid_alive, process_cwd

__all__ = ["read_state", "read_urls", "redis_py_url", "running_pid"]


def read_state(data_dir: Path, kind: str) -> dict[str, Any] | None:
    """The remembered state of one server, or ``None`` if it never started here."""
    try:
        state = json.loads((data_dir / f"{kind}.json").read_text())
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def running_pid(state: dict[str, Any]) -> int | None:
    """The recorded server pid if that process is alive and still works in its directory."""
    pid = state.get("pid")
    server_dir = state.get("server_dir")
    if not isinstance(pid, int) or not isinstance(server_dir, str) or not pid_alive(pid):
        return None
    cwd = process_cwd(pid)
    if cwd is not None and cwd != Path(server_dir).resolve():
        return None  # the pid was reused by an unrelated process
    return pid


def read_urls(data_dir: Path, *, running_only: bool = True) -> tuple[str | None, str | None]:
    """The database and broker URLs remembered under ``data_dir``.

    With ``running_only`` (the default) a URL is returned only while its server runs,
    so ``copydesk db-url`` never prints the address of a stopped stack.
    """
    urls: list[str | None] = []
    for kind in ("postgres", "redis"):
        state = read_state(Path(data_dir).absolute(), kind)
        url = state.get("url") if state else None
        if not isinstance(url, str) or (running_only and state and running_pid(state) is None):
            url = None
        urls.append(url)
    return urls[0], urls[1]


def redis_py_url(url: str) -> str:
    """A broker URL as redis-py's ``Redis.from_url`` takes it.

    ``redis+socket://:PW@/path?virtual_host=N`` becomes ``unix://:PW@/path?db=N``;
    any other URL is returned as it is.
    """
    parts = urlsplit(url)
    if parts.scheme != "redis+socket":
        return url
    query = dict(parse_qsl(parts.query))
    db = query.pop("virtual_host", "0")
    query["db"] = db
    return urlunsplit(parts._replace(scheme="unix", query=urlencode(query)))
