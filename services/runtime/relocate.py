"""Where a root-run server keeps its data when ``nobody`` cannot reach the data dir.

Postgres and Redis run as ``nobody`` under root, and ``nobody`` must traverse every
directory above their data. When it cannot (pytest's 0700 ``/tmp/pytest-of-root``, a
project under ``/root``), the data goes to ``/var/tmp/copydesk-pg-<hash of the data
dir>/{postgres,redis}`` (a root-owned 0711 home; each server directory in it is 0700
and owned by the server's user) and a ``data_dir`` file there names its owner. Redis
also moves there when its socket path would be too long. Each relocation sweeps away
earlier ones whose data dir no longer exists and in which nothing runs, so test runs
do not pile up data in ``/var/tmp``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
from pathlib import Path

import structlog

from services.runtime.oshelp import ensure_private_dir, find_processes, shared_tmp

__all__ = ["collect_abandoned", "relocated_home", "relocated_pgdata"]

log = structlog.get_logger(__name__)

_NAME = re.compile(r"copydesk-pg-[0-9a-f]{16}")
_OWNER_FILE = "data_dir"
# The server directories a home may hold, and the executables that work in each.
_SERVERS = {"postgres": frozenset({"postgres", "postmaster"}), "redis": frozenset({"redis-server", "redis-check-rdb"})}


def relocated_home(data_dir: Path) -> Path:
    """The relocation home of ``data_dir`` in the shared tmp dir (created, root-owned 0711)."""
    key = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    home = shared_tmp() / f"copydesk-pg-{key}"
    ensure_private_dir(home, owner_uid=os.geteuid(), mode=0o711)
    (home / _OWNER_FILE).write_text(f"{data_dir.resolve()}\n")
    return home


def relocated_pgdata(data_dir: Path) -> Path:
    """The PGDATA path for ``data_dir`` in the shared tmp dir (its parent is created)."""
    return relocated_home(data_dir) / "postgres"


def collect_abandoned(*, keep: Path | None = None) -> list[Path]:
    """Remove relocation homes whose data dir is gone and in which no server runs."""
    removed: list[Path] = []
    root = shared_tmp()
    for home in root.iterdir():
        if not _NAME.fullmatch(home.name) or home == keep:
            continue
        try:
            st = home.lstat()
            owner = Path((home / _OWNER_FILE).read_text().strip())
        except OSError:
            continue  # not ours, or made before owner files existed
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid() or owner.exists():
            continue
        if any(find_processes(cwd=home / sub, exe_names=names) for sub, names in _SERVERS.items()):
            continue
        shutil.rmtree(home, ignore_errors=True)
        removed.append(home)
    if removed:
        log.info("postgres_abandoned_data_removed", paths=[str(p) for p in removed])
    return removed
