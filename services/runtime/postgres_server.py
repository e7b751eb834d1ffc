"""An embedded PostgreSQL server under the copydesk data dir.

``postgres`` runs directly as our child (not through ``pg_ctl``), so it can carry a
parent-death signal and we hold its pid. Cluster layout and access:

* data in ``<data_dir>/postgres`` (``initdb`` into a staging dir, then renamed, so a
  half-made cluster is never mistaken for a real one);
* superuser role ``copydesk`` (configurable), database ``copydesk``, ``trust`` auth:
  any local user who can reach 127.0.0.1 can connect. This is a development and test
  server; use ``COPYDESK_DATABASE_URL`` for anything shared;
* TCP on 127.0.0.1 at a port chosen at first start and remembered; unix socket in the
  cluster directory (``/tmp`` if that path is too long for a socket);
* as root, Postgres runs as ``nobody`` (it refuses root). If ``nobody`` cannot
  traverse the data dir (e.g. pytest's 0700 ``/tmp/pytest-of-root``), the cluster
  lives in ``/var/tmp/copydesk-pg-<hash>/postgres`` instead; the state file records
  where.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any, ClassVar

import structlog

from services.runtime.binaries import PostgresInstall, find_postgres
from services.runtime.oshelp import (
    EmbeddedServerError,
    ServiceUser,
    find_processes,
    pid_alive,
    service_user,
    traversable_by,
)
from services.runtime.relocate import collect_abandoned, relocated_pgdata
from services.runtime.server import HOST, EmbeddedServer, read_state

__all__ = ["EmbeddedPostgres"]

log = structlog.get_logger(__name__)

_SOCKET_MAX = 107  # sun_path is 108 bytes including the NUL


class EmbeddedPostgres(EmbeddedServer):
    """``EmbeddedPostgres(data_dir).start()`` returns ``postgresql://copydesk@127.0.0.1:PORT/copydesk``."""

    kind: ClassVar[str] = "postgres"
    exe_names: ClassVar[frozenset[str]] = frozenset({"postgres", "postmaster"})
    stop_signal: ClassVar[signal.Signals] = signal.SIGINT  # "fast" shutdown

    def __init__(
        self,
        data_dir: Path,
        *,
        user: str = "copydesk",
        database: str = "copydesk",
        run_as: str = "nobody",
        bin_dir: Path | None = None,
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
        self.user = user
        self.database = database
        self.run_as = run_as
        self.bin_dir = bin_dir
        self._install: PostgresInstall | None = None
        self._pgdata: Path | None = None
        self._svc: ServiceUser | None = None
        self._svc_known = False

    # -- where things are -------------------------------------------------------------
    @property
    def service_user(self) -> ServiceUser | None:
        """Who the server runs as: ``None`` means the current user."""
        if not self._svc_known:
            self._svc = service_user(self.run_as)
            self._svc_known = True
        return self._svc

    @property
    def server_dir(self) -> Path:
        """The cluster directory (PGDATA)."""
        if self._pgdata is None:
            self._pgdata = self._locate()
        return self._pgdata

    @property
    def install(self) -> PostgresInstall | None:
        return self._install

    def _locate(self) -> Path:
        recorded = (read_state(self.data_dir, self.kind) or {}).get("server_dir")
        if isinstance(recorded, str) and (Path(recorded) / "PG_VERSION").exists():
            return Path(recorded)
        user = self.service_user
        if user is None or traversable_by(self.data_dir, user):
            return self.data_dir / "postgres"
        relocated = relocated_pgdata(self.data_dir)
        collect_abandoned(exe_names=self.exe_names, keep=relocated.parent)
        log.warning(
            "postgres_data_relocated",
            data_dir=str(self.data_dir),
            pgdata=str(relocated),
            reason=f"{user.name} cannot traverse the data dir",
        )
        return relocated

    def _make_url(self, port: int) -> str:
        return f"postgresql://{self.user}@{HOST}:{port}/{self.database}"

    # -- lifecycle hooks --------------------------------------------------------------
    def _prepare(self) -> None:
        pgdata = self.server_dir
        version_file = pgdata / "PG_VERSION"
        want = int(version_file.read_text().strip()) if version_file.exists() else None
        self._install = find_postgres(
            want_major=want, explicit=self.bin_dir, user=self.service_user
        )
        if want is None:
            self._initdb(pgdata, self._install)
        self._clear_foreign_pidfile(pgdata)

    def _initdb(self, pgdata: Path, install: PostgresInstall) -> None:
        if pgdata.exists():
            if any(pgdata.iterdir()):
                raise EmbeddedServerError(
                    f"{pgdata} exists but holds no Postgres cluster (no PG_VERSION); "
                    "move it away or choose another data dir"
                )
            pgdata.rmdir()
        staging = pgdata.with_name(f"{pgdata.name}.initdb")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(mode=0o700)
        user = self.service_user
        if user is not None:
            os.chown(staging, user.uid, user.gid)
        cmd = [
            str(install.exe("initdb")),
            "-D",
            str(staging),
            "-U",
            self.user,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
        ]
        if not self.durable:
            cmd.append("--no-sync")
        if install.major >= 14:
            cmd.append("--no-instructions")
        result = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=self.start_timeout,
            check=False,
            **self._spawn_options(),
        )
        if result.returncode != 0:
            raise EmbeddedServerError(
                f"initdb failed ({result.returncode}): {' '.join(cmd)}\n{result.stdout}{result.stderr}"
            )
        os.rename(staging, pgdata)
        log.info(
            "postgres_initialized",
            pgdata=str(pgdata),
            version=install.version,
            bin_dir=str(install.bin_dir),
            run_as=user.name if user else None,
        )

    def _clear_foreign_pidfile(self, pgdata: Path) -> None:
        """Drop a stale ``postmaster.pid`` whose pid now belongs to an unrelated process.

        Our own orphans were stopped already (under the lock). A dead pid is left for
        Postgres, which removes the file and the old shared memory itself; a live pid
        (reused, common in containers) would make Postgres refuse to start.
        """
        pidfile = pgdata / "postmaster.pid"
        try:
            first = pidfile.read_text().split("\n", 1)[0].strip()
        except OSError:
            return
        if first.isdigit() and pid_alive(int(first)) and int(first) not in self.exe_pids():
            pidfile.unlink()
            log.warning("postgres_stale_pidfile_removed", pgdata=str(pgdata), pid=int(first))

    def exe_pids(self) -> list[int]:
        """Pids of every process of this cluster (postmaster and backends)."""
        return find_processes(cwd=self.server_dir, exe_names=self.exe_names)

    def _socket_dir(self) -> str:
        pgdata = str(self.server_dir)
        if len(pgdata) + len("/.s.PGSQL.65535") <= _SOCKET_MAX and not set(pgdata) & set(' ,"\\'):
            return pgdata
        return "/tmp"

    def _command(self, port: int) -> list[str]:
        assert self._install is not None
        cmd = [
            str(self._install.exe("postgres")),
            "-D",
            str(self.server_dir),
            "-p",
            str(port),
            "-c",
            f"listen_addresses={HOST}",
            "-c",
            f"unix_socket_directories={self._socket_dir()}",
            "-c",
            "logging_collector=off",
        ]
        if not self.durable:
            # Safe against a crash of the server (tests kill it), not of the machine.
            # synchronous_commit stays on: a committed row must survive SIGKILL.
            for setting in ("fsync=off", "full_page_writes=off"):
                cmd += ["-c", setting]
        return cmd

    def _spawn_options(self) -> dict[str, Any]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        options: dict[str, Any] = {"cwd": "/", "env": env}
        user = self.service_user
        if user is not None:
            options.update(user=user.uid, group=user.gid, extra_groups=[])
        return options

    def _is_ready(self, port: int) -> bool:
        try:
            lines = (self.server_dir / "postmaster.pid").read_text().splitlines()
        except OSError:
            return False
        return len(lines) >= 8 and lines[0].strip() == str(self.pid) and lines[7].strip() == "ready"

    def _after_ready(self, port: int) -> None:
        import psycopg
        from psycopg import sql

        try:
            with psycopg.connect(
                host=HOST,
                port=port,
                user=self.user,
                dbname="postgres",
                autocommit=True,
                connect_timeout=10,
            ) as conn:
                found = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", (self.database,)
                ).fetchone()
                if found is None:
                    conn.execute(
                        sql.SQL("CREATE DATABASE {}").format(sql.Identifier(self.database))
                    )
                    log.info("postgres_database_created", database=self.database)
        except psycopg.Error as exc:
            raise EmbeddedServerError(
                f"embedded postgres started but is not usable: {exc}"
            ) from exc

    def _escalate(self) -> None:
        """Fast shutdown timed out: immediate shutdown (SIGQUIT), then SIGKILL."""
        if self._proc is not None:
            self._proc.send_signal(signal.SIGQUIT)
            try:
                self._proc.wait(5.0)
                return
            except subprocess.TimeoutExpired:
                pass
        self.kill()

    def _data_paths(self) -> list[Path]:
        pgdata = self.server_dir
        return [pgdata.parent] if pgdata.parent != self.data_dir else [pgdata]
