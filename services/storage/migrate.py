"""Apply the plain-SQL migrations in ``migrations/`` with yoyo-migrations.

Several processes may start at once (every compose service, or ``copydesk up`` and
a stray ``copydesk migrate``). yoyo's own lock is a row in a table it first has to
create, which can race, and a killed process leaves that row behind. So the whole
run is serialised by a Postgres session advisory lock, which the server releases
by itself when the holder's connection dies.
"""

from __future__ import annotations

from importlib import resources

import psycopg
import structlog

from services.errors import StorageUnavailable
from services.storage.db import SEARCH_PATH_OPTION

log = structlog.get_logger(__name__)

# Arbitrary but fixed: the advisory-lock key for "copydesk migrations".
_MIGRATION_LOCK_KEY = 0x636F70796465736B  # "copydesk"


def apply_migrations(database_url: str) -> list[str]:
    """Bring the database to the newest schema. Returns the ids applied by this call."""
    from yoyo import get_backend, read_migrations

    migrations_dir = resources.files("services.storage") / "migrations"
    try:
        with psycopg.connect(
            database_url, autocommit=True, options=f"-c {SEARCH_PATH_OPTION}"
        ) as lock_conn:
            lock_conn.execute("SELECT pg_catalog.pg_advisory_lock(%s)", (_MIGRATION_LOCK_KEY,))
            # yoyo keeps its bookkeeping tables in our internal schema, whatever the
            # login role's search_path says.
            lock_conn.execute("CREATE SCHEMA IF NOT EXISTS copydesk")
            backend = get_backend(_yoyo_url(database_url))
            try:
                migrations = read_migrations(str(migrations_dir))
                with backend.lock():
                    pending = backend.to_apply(migrations)
                    backend.apply_migrations(pending)
            finally:
                backend.connection.close()
            lock_conn.execute("SELECT pg_catalog.pg_advisory_unlock(%s)", (_MIGRATION_LOCK_KEY,))
    except psycopg.OperationalError as exc:
        raise StorageUnavailable(f"cannot reach Postgres to migrate: {exc}") from exc
    applied = [m.id for m in pending]
    log.info("migrations_applied", applied=applied, count=len(applied))
    return applied


def _yoyo_url(database_url: str) -> str:
    # yoyo picks its driver from the scheme; "postgresql+psycopg" is psycopg 3.
    scheme, _, rest = database_url.partition("://")
    if scheme not in ("postgres", "postgresql"):
        return database_url
    return f"postgresql+psycopg://{rest}{'&' if '?' in rest else '?'}schema=copydesk"
