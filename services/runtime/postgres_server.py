"""An embedded PostgreSQL server under the copydesk data dir.

``postgres`` runs directly as our child (not through ``pg_ctl``), so it can carry a
parent-death signal and we hold its pid. Cluster layout and access:

* data in ``<data_dir>/postgres`` (``initdb`` into a staging dir, then renamed, so a
  half-made cluster is never mistaken for a real one);
* every connection proves a password with ``scram-sha-256``: ``pg_hba.conf`` is
  rewritten at every start and has no ``trust`` line. Two generated secrets, each
  0600 in the data dir: ``postgres-admin.secret`` for the superuser
  ``copydesk_admin``, used only to bootstrap (roles, database, ``public`` ACL), and
  ``postgres.secret`` for the application role ``copydesk`` (configurable): not a
  superuser, no CREATEDB or CREATEROLE, owner of database ``copydesk`` and so of the
  schemas its migrations create. :attr:`url` names the application role;
* TCP on 127.0.0.1 at a port chosen at first start and remembered; unix socket in the
  cluster directory (``/tmp`` if that path is too long for a socket);
* as root, Postgres runs as ``nobody`` (it refuses root). If ``nobody`` cannot
  traverse the data dir (e.g. pytest's 0700 ``/tmp/pytest-of-root``), the cluster
  lives in ``/var/tmp/copydesk-pg-<hash>/postgres`` instead; the state file records
  where.

A cluster made by an older copydesk (``trust`` auth, the services as superuser) has
no admin secret: it is refused with a message rather than run as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import structlog

from services.runtime.binaries import PostgresInstall, find_postgres
from services.runtime.oshelp import (
    EmbeddedServerError,
    find_processes,
    load_secret,
    pid_alive,
    traversable_by,
)
from services.runtime.relocate import collect_abandoned, relocated_pgdata
from services.runtime.server import HOST, EmbeddedServer
from services.runtime.state import read_state

if TYPE_CHECKING:
    import psycopg

__all__ = ["READER_ROLE", "EmbeddedPostgres"]

log = structlog.get_logger(__name__)

_SOCKET_MAX = 107  # sun_path is 108 bytes including the NUL
READER_ROLE = "copydesk_reader"

_PG_HBA = """\
# Written by copydesk at every start of its embedded server: edits here are lost.
# Every connection proves a password (SCRAM); the secrets are 0600 files in the
# copydesk data dir. There is no trust line.
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 scram-sha-256
host    all       all   127.0.0.1/32  scram-sha-256
"""


class EmbeddedPostgres(EmbeddedServer):
    """``EmbeddedPostgres(data_dir).start()`` returns ``postgresql://copydesk:SECRET@127.0.0.1:PORT/copydesk``."""

    kind: ClassVar[str] = "postgres"
    exe_names: ClassVar[frozenset[str]] = frozenset({"postgres", "postmaster"})
    stop_signal: ClassVar[signal.Signals] = signal.SIGINT  # "fast" shutdown

    def __init__(
        self,
        data_dir: Path,
        *,
        user: str = "copydesk",
        admin_user: str = "copydesk_admin",
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
        if user == admin_user:
            raise ValueError("the application role and the superuser must differ")
        self.user = user
        self.admin_user = admin_user
        self.database = database
        self.run_as = run_as
        self.bin_dir = bin_dir
        self._install: PostgresInstall | None = None
        self._pgdata: Path | None = None

    # -- where things are -------------------------------------------------------------

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
        collect_abandoned(keep=relocated.parent)
        log.warning(
            "postgres_data_relocated",
            data_dir=str(self.data_dir),
            pgdata=str(relocated),
            reason=f"{user.name} cannot traverse the data dir",
        )
        return relocated

    @property
    def secret_path(self) -> Path:
        """The application role's password (0600)."""
        return self.data_dir / f"{self.kind}.secret"

    @property
    def admin_secret_path(self) -> Path:
        """The superuser's password (0600): bootstrap only."""
        return self.data_dir / f"{self.kind}-admin.secret"

    def admin_conninfo(self, database: str = "postgres") -> str:
        """A libpq conninfo string for the superuser (bootstrap, tests). Never log it.

        The services never get it: they connect with :attr:`url`.
        """
        from psycopg.conninfo import make_conninfo

        if self.port is None:
            raise EmbeddedServerError("embedded postgres has not been started")
        return make_conninfo(
            host=HOST,
            port=self.port,
            user=self.admin_user,
            password=load_secret(self.admin_secret_path),
            dbname=database,
        )

    def _make_url(self, port: int) -> str:
        password = load_secret(self.secret_path)
        return f"postgresql://{self.user}:{password}@{HOST}:{port}/{self.database}"

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
        elif not self.admin_secret_path.exists():
            raise EmbeddedServerError(
                f"{pgdata} was made by an older copydesk (trust authentication, the services "
                "as superuser) and has no admin secret; dump what you need from it "
                "(pg_dump), then delete it (or choose another data dir) so a new cluster "
                "is made, or set COPYDESK_DATABASE_URL"
            )
        self._write_hba(pgdata)
        self._clear_foreign_pidfile(pgdata)

    def _write_hba(self, pgdata: Path) -> None:
        """``pg_hba.conf`` as copydesk wants it, owned by the server's user, mode 0600."""
        target = pgdata / "pg_hba.conf"
        tmp = pgdata / "pg_hba.conf.copydesk-tmp"
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(_PG_HBA)
            user = self.service_user
            if user is not None:
                os.fchown(handle.fileno(), user.uid, user.gid)
        os.replace(tmp, target)

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
        pwfile = self._admin_pwfile(pgdata)
        cmd = [
            str(install.exe("initdb")),
            "-D",
            str(staging),
            "-U",
            self.admin_user,
            "-A",
            "scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--no-locale",
        ]
        if not self.durable:
            cmd.append("--no-sync")
        if install.major >= 14:
            cmd.append("--no-instructions")
        try:
            result = subprocess.run(
                cmd,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=self.start_timeout,
                check=False,
                **self._spawn_options(),
            )
        finally:
            pwfile.unlink(missing_ok=True)
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

    def _admin_pwfile(self, pgdata: Path) -> Path:
        """The superuser's password for ``initdb --pwfile``, readable by the server's user
        only, beside the cluster (which only that user and we can reach)."""
        password = load_secret(self.admin_secret_path)
        path = pgdata.with_name(f".{pgdata.name}.pwfile")
        path.unlink(missing_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(password + "\n")
            user = self.service_user
            if user is not None:
                os.fchown(handle.fileno(), user.uid, user.gid)
        return path

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
        self.bootstrap()

    def bootstrap(self) -> None:
        """As the superuser (runs at every start): the application role with its current
        secret, the reader role, the database the application role owns, and in every
        database no CREATE on ``public`` for PUBLIC."""
        import psycopg

        try:
            with psycopg.connect(
                self.admin_conninfo("postgres"), autocommit=True, connect_timeout=10
            ) as conn:
                self._bootstrap_roles(conn)
                self._bootstrap_database(conn)
                databases = [
                    str(row[0])
                    for row in conn.execute(
                        "SELECT datname FROM pg_catalog.pg_database WHERE datallowconn"
                    )
                ]
            for database in databases:
                with psycopg.connect(
                    self.admin_conninfo(database), autocommit=True, connect_timeout=10
                ) as conn:
                    # Postgres 15 made these the default; older clusters let every role
                    # create objects (such as functions shadowing pg_catalog's) in
                    # public, and only the superuser could change that.
                    conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
                    if conn.info.server_version >= 140000:
                        conn.execute("ALTER SCHEMA public OWNER TO pg_database_owner")
        except psycopg.Error as exc:
            raise EmbeddedServerError(
                f"embedded postgres started but is not usable: {exc}"
            ) from exc

    def _bootstrap_roles(self, conn: psycopg.Connection[Any]) -> None:
        from psycopg import sql

        app = sql.Identifier(self.user)
        verifier = conn.pgconn.encrypt_password(
            load_secret(self.secret_path).encode(), self.user.encode(), b"scram-sha-256"
        ).decode()
        for role, login in ((self.user, True), (READER_ROLE, False)):
            found = conn.execute(
                "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (role,)
            ).fetchone()
            if found is None:
                conn.execute(
                    sql.SQL("CREATE ROLE {} " + ("LOGIN" if login else "NOLOGIN")).format(
                        sql.Identifier(role)
                    )
                )
                log.info("postgres_role_created", role=role)
        # Every start: whatever an older run or a hand left, the role is unprivileged
        # and its password is the secret in the data dir (sent as a SCRAM verifier).
        conn.execute(
            sql.SQL(
                "ALTER ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                "NOBYPASSRLS PASSWORD {}"
            ).format(app, sql.Literal(verifier))
        )
        # Lets the services (and tests) check what the reader sees with SET ROLE; the
        # reader has fewer privileges than the application role.
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(READER_ROLE), app))

    def _bootstrap_database(self, conn: psycopg.Connection[Any]) -> None:
        from psycopg import sql

        name, app = sql.Identifier(self.database), sql.Identifier(self.user)
        found = conn.execute(
            "SELECT 1 FROM pg_catalog.pg_database WHERE datname = %s", (self.database,)
        ).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(name, app))
            log.info("postgres_database_created", database=self.database, owner=self.user)
        else:
            conn.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(name, app))

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
