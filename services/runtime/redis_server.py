"""An embedded Redis server under the copydesk data dir.

Configured on the command line (no config file): bind 127.0.0.1 at a remembered free
port, ``dir <data_dir>/redis``, ``appendonly yes`` (AOF, fsync every second; no fsync
when ``durable=False``), no RDB snapshots, ``maxmemory-policy noeviction`` so the
broker never drops a message silently, protected mode on, no password.
Redis runs as the current user, root included.
"""

from __future__ import annotations

import signal
import socket
from pathlib import Path
from typing import Any, ClassVar

import structlog

from services.runtime.binaries import find_redis_server
from services.runtime.server import HOST, EmbeddedServer

__all__ = ["EmbeddedRedis"]

log = structlog.get_logger(__name__)


class EmbeddedRedis(EmbeddedServer):
    """``EmbeddedRedis(data_dir).start()`` returns ``redis://127.0.0.1:PORT/0``."""

    kind: ClassVar[str] = "redis"
    exe_names: ClassVar[frozenset[str]] = frozenset({"redis-server"})
    stop_signal: ClassVar[signal.Signals] = signal.SIGTERM  # fsyncs the AOF, then exits

    def __init__(
        self,
        data_dir: Path,
        *,
        binary: Path | None = None,
        port: int | None = None,
        durable: bool = True,
        die_with_parent: bool = True,
        start_timeout: float = 60.0,
        stop_timeout: float = 30.0,
    ) -> None:
        super().__init__(
            data_dir,
            port=port,
            durable=durable,
            die_with_parent=die_with_parent,
            start_timeout=start_timeout,
            stop_timeout=stop_timeout,
        )
        self.binary = binary
        self._exe: Path | None = None

    @property
    def server_dir(self) -> Path:
        return self.data_dir / "redis"

    def _make_url(self, port: int) -> str:
        return f"redis://{HOST}:{port}/0"

    def _prepare(self) -> None:
        self.server_dir.mkdir(mode=0o700, exist_ok=True)
        self._exe = find_redis_server(explicit=self.binary)

    def _command(self, port: int) -> list[str]:
        assert self._exe is not None
        settings = {
            "port": str(port),
            "bind": HOST,
            "dir": str(self.server_dir),
            "appendonly": "yes",
            "appendfilename": "appendonly.aof",
            "appendfsync": "everysec" if self.durable else "no",
            "save": "",  # no RDB snapshots: the AOF is the persistence
            "maxmemory-policy": "noeviction",
            "protected-mode": "yes",
            "daemonize": "no",
            "logfile": "",  # stdout, which goes to <data_dir>/redis.log
        }
        args = [str(self._exe)]
        for name, value in settings.items():
            args += [f"--{name}", value]
        return args

    def _spawn_options(self) -> dict[str, Any]:
        return {"cwd": str(self.server_dir)}

    def _is_ready(self, port: int) -> bool:
        """``PING`` answers ``+PONG`` (while loading the AOF it answers ``-LOADING``)."""
        try:
            with socket.create_connection((HOST, port), timeout=1.0) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False
