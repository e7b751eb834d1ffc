"""`copydesk status`: the snapshot as a table on a terminal, JSON for scripts, or a live
view that redraws with a progress bar (``--watch``). Rendering only; the numbers come
from ``services.observe.snapshot``."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from services.observe.snapshot import Snapshot

__all__ = ["progress_line", "render", "watch"]


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    seconds = max(0.0, seconds)
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    if seconds < 172_800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86_400:.1f} d"


def progress_line(snap: Snapshot) -> str:
    """``312/400 done · 12.3 files/s · ETA 7 s``"""
    eta = "—" if snap.eta_s is None else _duration(snap.eta_s)
    return f"{snap.done}/{snap.files} done · {snap.rate_per_s:.1f} files/s · ETA {eta}"


def render(snap: Snapshot) -> Any:
    """A rich renderable: jobs, queues and workers, throughput, enrichment, failures."""
    from rich.console import Group
    from rich.table import Table

    jobs = Table(title="jobs", title_justify="left", show_header=True, box=None, pad_edge=False)
    jobs.add_column("status")
    jobs.add_column("jobs", justify="right")
    for status in ("queued", "running", "stored", "duplicate", "rejected", "failed", "split"):
        if snap.jobs.get(status):
            jobs.add_row(status, f"{snap.jobs[status]:,}")
    jobs.add_row("[bold]files[/bold]", f"[bold]{snap.files:,}[/bold]")

    flow = Table(title="flow", title_justify="left", show_header=False, box=None, pad_edge=False)
    flow.add_column("what")
    flow.add_column("value", justify="right")
    flow.add_row("finished, last minute", f"{snap.finished_1m:,} ({snap.finished_1m / 60:.1f}/s)")
    flow.add_row("finished, last 5 minutes",
                 f"{snap.finished_5m:,} ({snap.finished_5m / 300:.1f}/s)")
    flow.add_row("backlog (queued + running)", f"{snap.open_jobs:,}")
    flow.add_row("ETA", "—" if snap.eta_s is None else _duration(snap.eta_s))
    flow.add_row("oldest queued", _duration(snap.oldest_queued_s))
    flow.add_row("enriched, last minute", f"{snap.enriched_1m:,}")
    flow.add_row("waiting for enrichment", f"{snap.unenriched:,}")
    flow.add_row("oldest waiting for enrichment", _duration(snap.oldest_unenriched_s))
    if snap.enrich_failed:
        flow.add_row("enrichment failed", f"{snap.enrich_failed:,}")

    broker = Table(title="queues", title_justify="left", box=None, pad_edge=False)
    broker.add_column("queue")
    broker.add_column("waiting", justify="right")
    broker.add_column("workers", justify="right")
    if snap.queues is not None and snap.workers is not None:
        for queue, depth in snap.queues.items():
            broker.add_row(queue, f"{depth:,}", str(snap.workers.get(queue, 0)))
        broker.add_row("running tasks", f"{snap.running_tasks or 0:,}", "")
    else:
        broker.add_row(f"[red]{snap.broker_error}[/red]", "", "")

    parts: list[Any] = [progress_line(snap), jobs, flow, broker]
    if snap.failures:
        failures = Table(title="failures", title_justify="left", box=None, pad_edge=False)
        failures.add_column("status")
        failures.add_column("code")
        failures.add_column("jobs", justify="right")
        failures.add_column("sample message", overflow="fold")
        for failure in snap.failures:
            failures.add_row(failure.status, failure.error_code, f"{failure.count:,}",
                             failure.sample)
        parts.append(failures)
    return Group(*parts)


def print_json(snap: Snapshot) -> None:
    print(json.dumps(snap.as_dict(), ensure_ascii=False))


def watch(take: Callable[[], Snapshot], *, interval: float = 2.0,
          until_done: bool = False) -> Snapshot:
    """Redraw the table and a progress bar every ``interval`` s until Ctrl-C (or, with
    ``until_done``, until nothing is queued or running); returns the last snapshot."""
    from rich.console import Group
    from rich.live import Live
    from rich.progress import BarColumn, Progress, TextColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(bar_width=None))
    task = bar.add_task("", total=1)
    snap = take()
    with Live(refresh_per_second=4, transient=False) as live:
        try:
            while True:
                bar.update(task, completed=snap.done, total=max(snap.files, 1),
                           description=progress_line(snap))
                live.update(Group(bar, render(snap)))
                if until_done and snap.open_jobs == 0 and snap.files:
                    return snap
                time.sleep(interval)
                snap = take()
        except KeyboardInterrupt:
            return snap
