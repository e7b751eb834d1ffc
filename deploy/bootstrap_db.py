"""Prepare a Postgres server for copydesk, as its superuser; then the services never need it.

Run by compose's `migrate` service before `copydesk migrate` (the image holds this file
as /opt/copydesk/bootstrap_db.py), and by hand against any other server. Idempotent: it
runs at every `up`, so a changed password in `.env` reaches the role on the next start.

    POSTGRES_ADMIN_URL      the superuser (compose: copydesk_admin, made by the image)
    COPYDESK_DATABASE_URL   the application role, its password and its database
    COPYDESK_READER_PASSWORD  optional: lets copydesk_reader log in with this password
                            (empty: the role is left as it is; new, it is NOLOGIN, for
                            SET ROLE and GRANT only)

What it does, the same as the embedded server of `copydesk up`
(services/runtime/postgres_server.py): the application role is LOGIN and nothing more (no
superuser, CREATEDB, CREATEROLE, replication or RLS bypass), with the password of
COPYDESK_DATABASE_URL; the read-only role copydesk_reader exists and is granted to it;
the database exists and the application role owns it, so it owns the schemas its
migrations create; nobody but the owner may CREATE in schema public. Passwords are sent
as SCRAM verifiers computed here, never in clear. It logs JSON lines, like the services,
with URLs masked.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

READER_ROLE = "copydesk_reader"


def _log(event: str, level: str = "info", **values: object) -> None:
    line = {"event": event, "level": level, "process": "bootstrap_db", **values}
    line["timestamp"] = datetime.now(UTC).isoformat()
    print(json.dumps(line), file=sys.stderr, flush=True)


def _fail(event: str, **values: object) -> None:
    _log(event, level="error", **values)
    sys.exit(1)


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def _app_role(database_url: str) -> tuple[str, str, str]:
    parts = urlsplit(database_url)
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    database = unquote(parts.path.lstrip("/"))
    if not (user and password and database):
        _fail("database_url_incomplete", detail="COPYDESK_DATABASE_URL needs a user, a password and a database")
    return user, password, database


def _verifier(conn: psycopg.Connection[object], role: str, password: str) -> str:
    return conn.pgconn.encrypt_password(
        password.encode(), role.encode(), b"scram-sha-256"
    ).decode()


def _ensure_role(conn: psycopg.Connection[object], role: str) -> None:
    if conn.execute("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = %s", (role,)).fetchone():
        return
    conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
    _log("postgres_role_created", role=role)


def bootstrap(admin_url: str, database_url: str, reader_password: str) -> None:
    user, password, database = _app_role(database_url)
    admin_user = urlsplit(admin_url).username
    if user in {admin_user, "postgres"}:
        _fail("database_url_is_superuser", role=user)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        _ensure_role(conn, user)
        _ensure_role(conn, READER_ROLE)
        conn.execute(
            sql.SQL(
                "ALTER ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                "NOBYPASSRLS PASSWORD {}"
            ).format(sql.Identifier(user), sql.Literal(_verifier(conn, user, password)))
        )
        reader = sql.Identifier(READER_ROLE)
        if reader_password:
            conn.execute(
                sql.SQL(
                    "ALTER ROLE {} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                    "NOBYPASSRLS PASSWORD {}"
                ).format(reader, sql.Literal(_verifier(conn, READER_ROLE, reader_password)))
            )
        conn.execute(sql.SQL("GRANT {} TO {}").format(reader, sql.Identifier(user)))
        exists = conn.execute(
            "SELECT 1 FROM pg_catalog.pg_database WHERE datname = %s", (database,)
        ).fetchone()
        verb = "ALTER DATABASE {} OWNER TO {}" if exists else "CREATE DATABASE {} OWNER {}"
        conn.execute(sql.SQL(verb).format(sql.Identifier(database), sql.Identifier(user)))
        if not exists:
            _log("postgres_database_created", database=database, owner=user)
    db_admin_url = urlunsplit(urlsplit(admin_url)._replace(path=f"/{database}"))
    with psycopg.connect(db_admin_url, autocommit=True, connect_timeout=10) as conn:
        # The Postgres 15 defaults, made explicit for older servers.
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        if conn.info.server_version >= 140000:
            conn.execute("ALTER SCHEMA public OWNER TO pg_database_owner")
    _log("postgres_bootstrapped", database_url=_redact(database_url), reader_login=bool(reader_password))


def main() -> None:
    try:
        admin_url = os.environ["POSTGRES_ADMIN_URL"]
        database_url = os.environ["COPYDESK_DATABASE_URL"]
    except KeyError as exc:
        _fail("setting_missing", name=exc.args[0])
    try:
        bootstrap(admin_url, database_url, os.environ.get("COPYDESK_READER_PASSWORD", ""))
    except psycopg.OperationalError as exc:
        # libpq's message names host and user, never the password.
        _fail("postgres_unavailable", admin_url=_redact(admin_url), error=str(exc))


if __name__ == "__main__":
    main()
