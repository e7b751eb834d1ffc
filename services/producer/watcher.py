"""The drop-folder producer: native file events, a start-up scan, a periodic rescan.

Events (watchdog) and scans only nominate paths; one loop decides. A nominated
file is claimed once ``FileStabilityTracker`` says it stopped changing; claimed or
failed files leave the inbox, so nothing is queued twice. The same loop runs the
reconciler every ``reconcile_interval_seconds``.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import structlog

from services.config import Settings
from services.errors import StorageUnavailable, UnsafeFolder
from services.ports import Clock, TaskSender, UnitOfWork
from services.producer.claim import claim_files, move_to_failed, recover_claims, source_name
from services.producer.dropdirs import DropDirs
from services.producer.ignore import is_ignored
from services.producer.openfiles import writers
from services.producer.reconciler import reconcile_enrichment, reconcile_once
from services.producer.stability import FileStabilityTracker

if TYPE_CHECKING:
    from watchdog.observers.api import BaseObserver

log = structlog.get_logger(__name__)

_TICK_SECONDS = 0.2
_UNSAFE_FOLDER_PAUSE_SECONDS = 5.0


class Producer:
    def __init__(
        self,
        *,
        settings: Settings,
        uow_factory: Callable[[], UnitOfWork],
        sender: TaskSender,
        clock: Clock = time.monotonic,
    ) -> None:
        self._settings = settings
        self._uow_factory = uow_factory
        self._sender = sender
        self._clock = clock
        self._tracker = FileStabilityTracker(delay=settings.stable_seconds)
        # (path, event type): "scan" for the start-up scan and rescans.
        self._nominated: queue.SimpleQueue[tuple[str, str]] = queue.SimpleQueue()
        self._watching: set[str] = set()
        self._stop = threading.Event()
        self._paused_until = 0.0
        self._next_scan = 0.0
        self._next_reconcile = clock() + settings.reconcile_interval_seconds

    def stop(self) -> None:
        self._stop.set()

    def run(self) -> None:
        inbox = self._settings.inbox
        inbox.mkdir(parents=True, exist_ok=True)
        observer = self._start_observer(inbox)
        log.info("producer_started", inbox=str(inbox.resolve()), stable_seconds=self._settings.stable_seconds)
        self._next_reconcile = self._clock() + self._settings.reconcile_interval_seconds
        try:
            while not self._stop.is_set():
                self.tick()
                self._stop.wait(_TICK_SECONDS)
        finally:
            if observer is not None:
                observer.stop()
                observer.join(timeout=5)
            log.info("producer_stopped")

    def tick(self) -> None:
        """One turn of the loop: a scan when one is due (claims a crash left first),
        the nominations since the last turn, the claims of stable files, and the
        reconciler when it is due."""
        now = self._clock()
        if now >= self._next_scan:
            self._recover_claims(now=now)
            self.scan()
            self._next_scan = now + self._settings.rescan_seconds
        self._drain_nominations()
        self.poll(now=self._clock())
        if self._clock() >= self._next_reconcile:
            self._guarded(self._reconcile)
            self._next_reconcile = self._clock() + self._settings.reconcile_interval_seconds

    def nominate(self, path: str, event_type: str) -> None:
        """A file event (watchdog's type: "created", "modified", "closed", "moved") or
        "scan": the path is looked at by the next turn. Safe from any thread."""
        self._nominated.put((path, event_type))

    def scan(self) -> None:
        """Nominate every candidate file now in the inbox."""
        try:
            with os.scandir(self._settings.inbox) as entries:
                for entry in entries:
                    if not entry.is_dir(follow_symlinks=False):
                        self.nominate(entry.path, "scan")
        except FileNotFoundError:
            self._settings.inbox.mkdir(parents=True, exist_ok=True)

    def poll(self, *, now: float) -> None:
        """Claim each watched file that has been stable long enough."""
        if now < self._paused_until:
            return
        stable: list[Path] = []
        for path_str in sorted(self._watching):
            path = Path(path_str)
            try:
                st = path.lstat()
            except FileNotFoundError:
                self._forget(path_str)
                continue
            if self._tracker.observe(path_str, size=st.st_size, mtime_ns=st.st_mtime_ns, now=now):
                stable.append(path)
        writing = writers(stable) if stable else set()  # one /proc pass for all of them
        for path in writing:  # a paused writer whose events are still on the way
            self._tracker.written(str(path), now=now)
        ready = [path for path in stable if path not in writing]
        if not ready:
            return
        try:
            # The folders are opened (and checked) once for the turn's claims.
            with DropDirs.open(self._settings) as dirs:
                self._claim(ready, dirs, now=now)
        except UnsafeFolder as exc:
            self._refuse_folder(exc, now=now)

    def _claim(self, paths: list[Path], dirs: DropDirs, *, now: float) -> None:
        """Claim the turn's stable files, several to a transaction (``claim_files``)."""
        try:
            outcomes = claim_files(paths, settings=self._settings, uow_factory=self._uow_factory,
                                   sender=self._sender, dirs=dirs)
        except StorageUnavailable as exc:
            # Leave the files not claimed where they are; try again after a pause.
            log.warning("claim_postponed", files=len(paths), error=str(exc))
            self._paused_until = now + 2.0
            return
        for path, outcome in outcomes.items():
            if isinstance(outcome, Exception):  # one odd file must not crash-loop the producer
                log.error("claim_crashed", source_name=source_name(path), exc_info=outcome)
                self._set_aside(path, outcome)
            self._forget(str(path))

    def _recover_claims(self, *, now: float) -> None:
        """Finish the claims a crash left in ``.claiming`` (start-up and every rescan)."""
        if now < self._paused_until:
            return
        try:
            recover_claims(settings=self._settings, uow_factory=self._uow_factory, sender=self._sender)
        except StorageUnavailable as exc:
            log.warning("claim_postponed", error=str(exc))
            self._paused_until = now + 2.0
        except UnsafeFolder as exc:
            self._refuse_folder(exc, now=now)

    def _refuse_folder(self, exc: UnsafeFolder, *, now: float) -> None:
        """A folder the claim writes to is a symlink or not ours: claim nothing (files
        wait in the inbox) until a person fixes it; checked again after a pause."""
        log.error("drop_folder_unsafe", folder=str(exc.folder), reason=exc.reason)
        self._paused_until = now + _UNSAFE_FOLDER_PAUSE_SECONDS

    def _set_aside(self, path: Path, exc: Exception) -> None:
        try:
            move_to_failed(path, settings=self._settings, code="claim_error", message=f"{type(exc).__name__}: {exc}")
        except (OSError, UnsafeFolder):
            log.exception("set_aside_failed", source_name=source_name(path))

    def _drain_nominations(self) -> None:
        while True:
            try:
                path_str, event_type = self._nominated.get_nowait()
            except queue.Empty:
                return
            path = Path(path_str)
            if path.parent.resolve() != self._settings.inbox.resolve() or is_ignored(path.name):
                continue
            if event_type == "modified":
                self._tracker.written(path_str, now=self._clock())
            elif event_type in ("closed", "created", "moved"):
                # A file renamed in arrives as "created" (from outside the inbox) or
                # "moved" and no close follows: it counts as closed after writing.
                # A writer that still holds it open (or a "created" from open(O_CREAT)
                # before any write) is caught by the /proc check just before the claim.
                self._tracker.closed(path_str)
            self._watching.add(path_str)

    def _forget(self, path_str: str) -> None:
        self._watching.discard(path_str)
        self._tracker.forget(path_str)

    def _reconcile(self) -> None:
        reconcile_once(settings=self._settings, uow_factory=self._uow_factory, sender=self._sender)
        reconcile_enrichment(settings=self._settings, uow_factory=self._uow_factory, sender=self._sender)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except StorageUnavailable as exc:
            log.warning("reconcile_postponed", error=str(exc))

    def _start_observer(self, inbox: Path) -> BaseObserver | None:
        """Native events are a fast path only; the rescan finds anything they miss."""
        try:
            from watchdog.events import FileSystemEvent, FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:  # pragma: no cover - watchdog is a dependency
            return None

        nominate = self.nominate

        class _Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type in ("opened", "closed_no_write"):
                    return
                target = getattr(event, "dest_path", "") or event.src_path
                nominate(os.fsdecode(target), event.event_type)

        observer = Observer()
        observer.schedule(_Handler(), str(inbox), recursive=False)
        observer.daemon = True
        observer.start()
        return observer
