"""An embedded Redis server under the copydesk data dir, for its owner only.

Configured through stdin (``redis-server -``), so the password never shows in
``/proc/<pid>/cmdline``:

* no TCP listener (``port 0``): a unix socket ``redis.sock`` (mode 0600) in the
  server directory, which is 0700 and owned by the user Redis runs as;
* ``requirepass`` with a generated secret kept in ``<data_dir>/redis.secret`` (0600);
  ``MODULE`` is renamed away;
* as root, Redis runs as ``nobody`` (like the embedded Postgres), never as root;
* ``dir`` is the server directory: ``<data_dir>/redis``, or
  ``/var/tmp/copydesk-pg-<hash>/redis`` when ``nobody`` cannot traverse the data dir
  or the socket path would be too long (see :mod:`services.runtime.relocate`);
* ``appendonly yes`` (AOF, fsync every second; no fsync when ``durable=False``), no
  RDB snapshots, ``maxmemory-policy noeviction`` so the broker never drops a message.

The URL is kombu's ``redis+socket://:SECRET@/path/redis.sock`` (Celery reads it);
:func:`services.runtime.state.redis_py_url` turns it into the ``unix://`` form redis-py's ``from_url`` takes.
"""

from __future__ import annotations

import os
import signal
import socket
import stat
from pathlib import Path
from typing import Any, ClassVar

import structlog

from services.runtime.binaries import find_redis_server
from services.runtime.oshelp import (
    EmbeddedServerError,
    load_secret,
    traversable_by,
)
from services.runtime.relocate import collect_abandoned, relocated_home
from services.runtime.server import EmbeddedServer

__all__ = ["EmbeddedRedis"]

log = structlog.get_logger(__name__)

_SOCKET_MAX = 107  # sun_path is 108 bytes including the NUL
SOCKET_NAME = "redis.sock"


def _quote(value: str) -> str:
    """A value for a Redis config line (double-quoted, backslash escapes)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class EmbeddedRedis(EmbeddedServer):
    """``EmbeddedRedis(data_dir).start()`` returns ``redis+socket://:SECRET@/.../redis.sock``."""

    kind: ClassVar[str] = "redis"
    # Debian's redis-server is a symlink to the multi-call binary redis-check-rdb.
    exe_names: ClassVar[frozenset[str]] = frozenset({"redis-server", "redis-check-rdb"})
    stop_signal: ClassVar[signal.Signals] = signal.SIGTERM  # fsyncs the AOF, then exits
    listens_on_tcp: ClassVar[bool] = False

    def __init__(
        self,
        data_dir: Path,
        *,
        binary: Path | None = None,
        run_as: str = "nobody",
        durable: bool = True,
        die_with_parent: bool = True,
        start_timeout: float = 60.0,
        stop_timeout: float = 30.0,
    ) -> None:
        super().__init__(
            data_dir,
            durable=durable,
            die_with_parent=die_with_parent,
            start_timeout=start_timeout,
            stop_timeout=stop_timeout,
        )
        self.binary = binary
        self.run_as = run_as
        self._exe: Path | None = None
        self._dir: Path | None = None


    @property
    def server_dir(self) -> Path:
        if self._dir is None:
            self._dir = self._locate()
        return self._dir

    @property
    def socket_path(self) -> Path:
        return self.server_dir / SOCKET_NAME

    @property
    def secret_path(self) -> Path:
        return self.data_dir / f"{self.kind}.secret"

    def _locate(self) -> Path:
        here = self.data_dir / "redis"
        user = self.service_user
        reachable = user is None or traversable_by(self.data_dir, user)
        if reachable and len(str(here / SOCKET_NAME)) <= _SOCKET_MAX:
            return here
        home = relocated_home(self.data_dir)
        collect_abandoned(keep=home)
        return home / "redis"

    def _make_url(self, port: int) -> str:
        return f"redis+socket://:{load_secret(self.secret_path)}@{self.socket_path}"

    def _prepare(self) -> None:
        self._make_private_dir()
        self._exe = find_redis_server(explicit=self.binary, user=self.service_user)
        load_secret(self.secret_path)

    def _make_private_dir(self) -> None:
        """The server directory: 0700, owned by the server's user, with all it holds."""
        path = self.server_dir
        path.mkdir(mode=0o700, exist_ok=True)
        st = path.lstat()
        if not stat.S_ISDIR(st.st_mode):
            raise EmbeddedServerError(f"{path} is not a directory")
        user = self.service_user
        if user is not None and st.st_uid != user.uid:
            # Data of an older copydesk that ran Redis as root: hand it over.
            for root, dirs, files in os.walk(path):
                for name in [*dirs, *files]:
                    os.chown(os.path.join(root, name), user.uid, user.gid, follow_symlinks=False)
            os.chown(path, user.uid, user.gid, follow_symlinks=False)
        os.chmod(path, 0o700)

    def _command(self, port: int) -> list[str]:
        assert self._exe is not None
        return [str(self._exe), "-"]  # the configuration comes on stdin

    def _stdin_data(self) -> bytes:
        settings = {
            "port": "0",  # no TCP listener
            "unixsocket": _quote(str(self.socket_path)),
            "unixsocketperm": "600",
            "requirepass": _quote(load_secret(self.secret_path)),
            "rename-command": 'MODULE ""',
            "dir": _quote(str(self.server_dir)),
            "appendonly": "yes",
            "appendfilename": "appendonly.aof",
            "appendfsync": "everysec" if self.durable else "no",
            "save": '""',  # no RDB snapshots: the AOF is the persistence
            "maxmemory-policy": "noeviction",
            "protected-mode": "yes",
            "daemonize": "no",
            "logfile": '""',  # stdout, which goes to <data_dir>/redis.log
        }
        return "".join(f"{name} {value}\n" for name, value in settings.items()).encode()

    def _spawn_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"cwd": str(self.server_dir)}
        user = self.service_user
        if user is not None:
            options.update(user=user.uid, group=user.gid, extra_groups=[])
        return options

    def _is_ready(self, port: int) -> bool:
        """``AUTH`` then ``PING`` answers ``+PONG`` (while loading the AOF, ``-LOADING``)."""
        secret = load_secret(self.secret_path)
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(1.0)
                sock.connect(str(self.socket_path))
                sock.sendall(f"AUTH {secret}\r\nPING\r\n".encode())
                reply = b""
                while reply.count(b"\r\n") < 2:
                    chunk = sock.recv(256)
                    if not chunk:
                        return False
                    reply += chunk
                return reply.split(b"\r\n")[1].startswith(b"+PONG")
        except OSError:
            return False
