"""Static checks of the deployment files: what would break or expose a user's deployment.

No engine and no cluster: compose.yaml, deploy/Dockerfile, the lock files and
deploy/k8s/ are parsed and checked against the code they run. The checks are about
behaviour, not layout: the services exist and scale, every command a container runs
exists, health checks work on Docker and podman, a shutdown lets running tasks finish,
nothing has a default secret or more privilege than it needs, and installs are locked.
`kubectl kustomize` and `docker compose config` also run when their clients are
installed (they need no cluster and no engine); otherwise they are skipped with the
reason. tests/compose/ runs the stack for real.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fnmatch
import importlib
import io
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from services.config import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "compose.yaml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
ENV_EXAMPLE = ROOT / "deploy" / "copydesk.env.example"
K8S_DIR = ROOT / "deploy" / "k8s"
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"

# Services built from deploy/Dockerfile (the others are official images).
COPYDESK_SERVICES = ("migrate", "producer", "worker", "enricher", "metrics", "flower")
# Long-running services that may be stopped in the middle of a task.
GRACEFUL_SERVICES = ("producer", "worker", "enricher")
SCALABLE_SERVICES = ("worker", "enricher")
QUEUES = {"worker": "ingest", "enricher": "enrich"}
K8S_NAMES = {"producer": "copydesk-producer", "worker": "copydesk-worker", "enricher": "copydesk-enricher",
             "metrics": "copydesk-metrics"}
# Applied beside the kustomization, not from it: needs the Prometheus Operator's CRD.
K8S_OPTIONAL = {"servicemonitor.yaml"}
# The variables compose must refuse to start without: no secret has a default.
SECRETS = {"POSTGRES_PASSWORD", "COPYDESK_DB_PASSWORD", "REDIS_PASSWORD"}
# COPYDESK_* names in the deploy files that are deliberately not Settings fields.
NOT_SETTINGS = {"COPYDESK_IMAGE_TAG", "COPYDESK_READER_PASSWORD", "COPYDESK_DB_PASSWORD"}
SETTING_NAMES = {f"COPYDESK_{f.name.upper()}" for f in dataclasses.fields(Settings)}
# What the official images' entrypoints need to own their volume and drop to their user.
ENTRYPOINT_CAPS = {"CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"}
VERSION = tomllib.loads(PYPROJECT.read_text())["project"]["version"]


# --- loading -----------------------------------------------------------------------

_INTERPOLATION = re.compile(
    r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|\$(?P<bare>\w+)"
)


class MissingVariable(Exception):
    pass


def _interpolate(value: Any, env: Mapping[str, str]) -> Any:
    """Compose's interpolation with `env` as the only environment (never the caller's
    shell, so the checks are reproducible): `${VAR}`, `${VAR:-default}`, `${VAR:?error}`
    (raises MissingVariable) and `$$` for a literal `$`, recursively."""
    if isinstance(value, str):

        def sub(m: re.Match[str]) -> str:
            if m.group(0) == "$$":
                return "$"
            name = m.group("name") or m.group("bare")
            op, arg, current = m.group("op") or "", m.group("arg") or "", env.get(name)
            empty = current is None or (current == "" and op.startswith(":"))
            if op.endswith("?") and empty:
                raise MissingVariable(name)
            if op.endswith("-") and empty:
                return arg
            return current or ""

        return _INTERPOLATION.sub(sub, value)
    if isinstance(value, list):
        return [_interpolate(v, env) for v in value]
    if isinstance(value, dict):
        return {k: _interpolate(v, env) for k, v in value.items()}
    return value


# The secrets a user's .env would hold (distinct, so a mix-up shows).
TEST_ENV = {name: f"secret{i}{name.lower().replace('_', '')}" for i, name in enumerate(sorted(SECRETS))}
RAW_COMPOSE = yaml.safe_load(COMPOSE_FILE.read_text())  # safe_load resolves `<<:` merges
COMPOSE: dict[str, Any] = _interpolate(RAW_COMPOSE, TEST_ENV)
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]


def _load_k8s() -> list[tuple[str, dict[str, Any]]]:
    docs = []
    for path in sorted(K8S_DIR.glob("*.yaml")):
        docs += [(path.name, d) for d in yaml.safe_load_all(path.read_text()) if d is not None]
    return docs


K8S_DOCS = _load_k8s()


def _k8s(kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for _, d in K8S_DOCS if d.get("kind") == kind}


def _argv(command: str | list[str]) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def _shell_commands(script: str) -> list[list[str]]:
    """The simple commands of a shell line, split at `&&`, `||`, `;` and `|`, without
    redirections and a leading `exec`."""
    commands: list[list[str]] = []
    current: list[str] = []
    for token in shlex.split(script):
        if token in {"|", "||", "&&", ";"}:
            commands.append(current)
            current = []
        elif not token.startswith((">", "2>", "<")):
            current.append(token)
    commands.append(current)
    return [c[1:] if c[:1] == ["exec"] else c for c in commands if c]


def _commands_of(argv: list[str]) -> list[list[str]]:
    if argv[:2] == ["sh", "-c"]:
        return _shell_commands(argv[2])
    return [argv]


def _healthcheck(service: Mapping[str, Any]) -> str:
    test = service.get("healthcheck", {}).get("test")
    assert test and test[0] == "CMD-SHELL", "health checks are CMD-SHELL lines"
    return str(test[1])


def _environment(service: Mapping[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: "" if v is None else str(v) for k, v in env.items()}


def _depends_on(service: Mapping[str, Any]) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def _duration_seconds(value: str | int) -> float:
    """Compose durations: `330s`, `5m30s`, `1h`, or a bare number of seconds."""
    if isinstance(value, int):
        return float(value)
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s)", value)
    assert parts and "".join(n + u for n, u in parts) == value, f"bad duration {value!r}"
    return sum(float(n) * units[u] for n, u in parts)


def _option_value(argv: list[str], *names: str) -> str | None:
    for i, token in enumerate(argv):
        for name in names:
            if token == name and i + 1 < len(argv):
                return argv[i + 1]
            if name.startswith("--") and token.startswith(name + "="):
                return token.split("=", 1)[1]
    return None


def _celery_argv(argv: list[str]) -> list[str] | None:
    """`celery ...` as a list starting with `celery`, also when run through
    /opt/copydesk/run_flower.py (which takes the celery command's arguments)."""
    if argv[:1] == ["celery"]:
        return argv
    if argv[:1] == ["python"] and len(argv) > 1 and argv[1].endswith("run_flower.py"):
        return ["celery", *argv[2:]]
    return None


def _task_time_limit(env: Mapping[str, str]) -> int:
    return Settings.from_env(dict(env)).task_time_limit_seconds


def _pod(doc: Mapping[str, Any]) -> dict[str, Any]:
    pod = doc["spec"]["template"]["spec"]
    assert isinstance(pod, dict)
    return pod


def _workloads() -> list[dict[str, Any]]:
    return [*_k8s("Deployment").values(), *_k8s("Job").values()]


def _config_env() -> dict[str, str]:
    return {k: str(v) for k, v in _k8s("ConfigMap")["copydesk-config"]["data"].items()}


# --- every command a container runs exists ---------------------------------------------


def _commands() -> Iterator[tuple[str, list[str]]]:
    for name, service in SERVICES.items():
        if "command" in service:
            for argv in _commands_of(_argv(service["command"])):
                yield f"compose:{name}:command", argv
        if "healthcheck" in service:
            for argv in _shell_commands(_healthcheck(service)):
                yield f"compose:{name}:healthcheck", argv
    for filename, doc in K8S_DOCS:
        pod = doc.get("spec", {}).get("template", {}).get("spec", {})
        for container in pod.get("containers", []):
            where = f"k8s:{filename}:{container['name']}"
            if "command" in container:
                yield f"{where}:command", [*container["command"], *container.get("args", [])]
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                exec_cmd = container.get(probe, {}).get("exec", {}).get("command")
                if exec_cmd:
                    for argv in _commands_of(list(exec_cmd)):
                        yield f"{where}:{probe}", argv


COMMANDS = [
    pytest.param(argv, id=f"{origin}:{argv[0]}")
    for origin, argv in _commands()
    if argv[0] in {"copydesk", "celery"} or _celery_argv(argv)
]


def test_every_copydesk_service_runs_a_checked_command() -> None:
    origins = {p.id.rsplit(":", 1)[0] for p in COMMANDS if isinstance(p.id, str)}
    for name in COPYDESK_SERVICES:
        assert f"compose:{name}:command" in origins, f"{name} runs no copydesk/celery command"
    for name in SCALABLE_SERVICES:
        assert f"compose:{name}:healthcheck" in origins


@pytest.mark.parametrize("argv", COMMANDS)
def test_command_exists(argv: list[str]) -> None:
    celery_argv = _celery_argv(argv)
    if celery_argv:
        _check_celery_command(celery_argv)
    else:
        _check_copydesk_command(argv)


def _check_copydesk_command(argv: list[str]) -> None:
    from services.cli import build_parser

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            build_parser().parse_args(argv[1:])
        except SystemExit as exc:
            pytest.fail(f"`{shlex.join(argv)}` is rejected by the CLI: {stderr.getvalue()}{exc}")


def _check_celery_command(argv: list[str]) -> None:
    import click
    from celery import Celery
    from celery.bin.celery import celery as celery_cli

    app_path = _option_value(argv, "-A", "--app")
    assert app_path == "workers.app", f"`{shlex.join(argv)}` must use `-A workers.app`"
    assert isinstance(getattr(importlib.import_module(app_path), "app", None), Celery)

    # Global options, then the subcommand.
    group_opts = {o: p for p in celery_cli.params for o in (*p.opts, *p.secondary_opts)}
    i = 1
    while i < len(argv) and argv[i].startswith("-"):
        name = argv[i].split("=", 1)[0]
        assert name in group_opts, f"unknown celery option {name}"
        param = group_opts[name]
        takes_value = isinstance(param, click.Option) and not param.is_flag and "=" not in argv[i]
        i += 2 if takes_value else 1
    assert i < len(argv), f"`{shlex.join(argv)}` names no celery subcommand"
    sub, rest = argv[i], argv[i + 1 :]
    if sub == "flower" and sub not in celery_cli.commands:
        pytest.skip("flower is not installed here; the image installs the `flower` extra")
    assert sub in celery_cli.commands, f"`celery {sub}` is not a celery command"
    options = [t.split("=", 1)[0] for t in rest if t.startswith("-")]
    if sub == "flower":
        from tornado.options import options as tornado_options

        importlib.import_module("flower.options")  # defines Flower's options
        for opt in options:
            assert opt.lstrip("-") in tornado_options, f"unknown flower option {opt}"
        return
    command = celery_cli.commands[sub]
    known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    for opt in options:
        assert opt in known, f"`celery {sub}` has no option {opt}"
    if sub == "inspect":
        from celery.worker.control import Panel

        action = next(t for t in rest if not t.startswith("-"))
        assert action in Panel.meta and Panel.meta[action].type == "inspect", action


def test_helper_scripts_the_containers_run_are_in_the_image() -> None:
    copied = " ".join(args for stage in _dockerfile_stages() for kw, args in stage if kw == "COPY")
    for name, service in SERVICES.items():
        for argv in _commands_of(_argv(service.get("command", []))):
            for token in argv:
                if token.startswith("/opt/copydesk/"):
                    source = f"deploy/{Path(token).name}"
                    assert (ROOT / source).is_file(), f"{name}: {token} has no {source}"
                    assert source in copied, f"{name}: the Dockerfile does not copy {source}"


def test_the_image_builds_copydesk_from_all_its_build_files() -> None:
    """pyproject.toml and setup.py (which compiles the text-dump parser): without the
    latter the image would quietly run the parser as Python."""
    copied = " ".join(args for stage in _dockerfile_stages() for kw, args in stage if kw == "COPY")
    for name in ("pyproject.toml", "setup.py", "README.md", "services", "workers"):
        assert name in copied.split(), f"the Dockerfile does not copy {name}"
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert "**/*.so" in ignored  # a local build's extensions stay out of the image


def test_worker_queues_are_the_apps_queues() -> None:
    app = importlib.import_module("workers.app").app
    routed = {route["queue"] for route in app.conf.task_routes.values()}
    consumed = {_option_value(_argv(SERVICES[n]["command"]), "-Q") for n in SCALABLE_SERVICES}
    assert consumed == routed, "every routed queue needs a worker service, and no more"
    # KEDA watches the Redis list named after the queue: no key prefix may hide it.
    assert not app.conf.broker_transport_options.get("global_keyprefix")


# --- compose: the stack comes up, scales, and stops cleanly ----------------------------


def test_services_present_and_the_plain_up_starts_all_but_flower() -> None:
    assert {"postgres", "redis", *COPYDESK_SERVICES} <= SERVICES.keys()
    for name, service in SERVICES.items():
        assert bool(service.get("profiles")) == (name == "flower"), name


def test_scalable_services_have_no_fixed_name_and_only_flower_and_metrics_publish_on_loopback() -> None:
    for name, service in SERVICES.items():
        assert "container_name" not in service, f"{name}: container_name blocks --scale"
        for port in service.get("ports", []):
            assert name in ("flower", "metrics") and str(port).startswith("127.0.0.1:"), (name, port)


def test_start_order() -> None:
    assert _depends_on(SERVICES["migrate"]).get("postgres") == "service_healthy"
    for name in GRACEFUL_SERVICES:
        deps = _depends_on(SERVICES[name])
        # ...and in reverse, compose stops these before Redis and Postgres go.
        assert deps == {
            "postgres": "service_healthy",
            "redis": "service_healthy",
            "migrate": "service_completed_successfully",
        }, name
    assert SERVICES["migrate"]["restart"] == "no"


def test_data_lives_in_named_volumes_and_the_inbox_is_bind_mounted() -> None:
    volumes = COMPOSE.get("volumes") or {}
    for name, path in (("postgres", "/var/lib/postgresql/data"), ("redis", "/data")):
        sources = {str(v).split(":")[0] for v in SERVICES[name]["volumes"] if str(v).endswith(f":{path}")}
        assert sources and sources <= volumes.keys(), f"{name} data must be a named volume"
    producer = SERVICES["producer"]
    assert f"./inbox:{_environment(producer)['COPYDESK_INBOX']}" in producer["volumes"]


def test_redis_persists_and_never_evicts() -> None:
    command = _argv(SERVICES["redis"]["command"])
    assert _option_value(command, "--appendonly") == "yes"
    assert _option_value(command, "--maxmemory-policy") == "noeviction"


@pytest.mark.parametrize("name", SCALABLE_SERVICES)
def test_worker_health_check_pings_its_own_node_on_any_engine(name: str) -> None:
    command = _argv(SERVICES[name]["command"])
    assert _option_value(command, "-Q", "--queues") == QUEUES[name]
    node = _option_value(command, "-n", "--hostname") or "celery@%h"
    (ping,) = _shell_commands(_healthcheck(SERVICES[name]))
    assert ping[3:5] == ["inspect", "ping"]
    # podman's exec sets no $HOSTNAME; `hostname` is what Celery's %h expands to.
    assert _option_value(ping, "-d", "--destination") == node.replace("%h", "$(hostname)")


def test_redis_and_postgres_health_checks_pass_only_when_usable() -> None:
    redis_check = _healthcheck(SERVICES["redis"])
    # A redis-cli refused for a missing password still exits 0.
    assert "redis-cli" in redis_check and "PONG" in redis_check
    assert "REDISCLI_AUTH" in _environment(SERVICES["redis"])
    (pg_ready,) = _shell_commands(_healthcheck(SERVICES["postgres"]))
    # Over TCP: the entrypoint's first-start server listens on the socket only.
    assert pg_ready[0] == "pg_isready" and _option_value(pg_ready, "-h")


@pytest.mark.parametrize("name", GRACEFUL_SERVICES)
def test_stop_grace_period_lets_a_running_task_finish(name: str) -> None:
    service = SERVICES[name]
    limit = _task_time_limit(_environment(service))
    assert _duration_seconds(service["stop_grace_period"]) > limit
    assert service.get("stop_signal", "SIGTERM") == "SIGTERM", "Celery's warm shutdown"
    assert service.get("init") is True, "PID 1 must forward SIGTERM and reap children"


def test_flower_runs_through_the_launcher_that_ends_on_sigterm() -> None:
    command = _argv(SERVICES["flower"]["command"])
    assert command[:2] == ["python", "/opt/copydesk/run_flower.py"]
    assert "--logging=none" in command, "tornado's plain-text handler would replace JSON logs"


@pytest.mark.parametrize("name", COPYDESK_SERVICES)
def test_every_copydesk_service_logs_json(name: str) -> None:
    env = _environment(SERVICES[name])
    unknown = {k for k in env if k.startswith("COPYDESK_")} - SETTING_NAMES - NOT_SETTINGS
    assert not unknown, f"{name}: not settings (typo?): {unknown}"
    assert Settings.from_env(env).log_format == "json"
    for argv in _commands_of(_argv(SERVICES[name]["command"])):
        if argv[:1] == ["celery"] and "worker" in argv:
            assert "--quiet" in argv[: argv.index("worker")], "the worker banner is plain text"


# --- compose: no default secrets, least privilege -----------------------------------------


@pytest.mark.parametrize("secret", sorted(SECRETS))
def test_compose_refuses_to_start_without_each_secret(secret: str) -> None:
    env = {k: v for k, v in TEST_ENV.items() if k != secret}
    with pytest.raises(MissingVariable):
        _interpolate(RAW_COMPOSE, env)
    with pytest.raises(MissingVariable):
        _interpolate(RAW_COMPOSE, {**env, secret: ""})


def test_no_password_has_a_default() -> None:
    for match in _INTERPOLATION.finditer(COMPOSE_FILE.read_text()):
        name = match.group("name") or ""
        if "PASSWORD" in name and match.group("op"):
            assert match.group("op").endswith("?") or not match.group("arg"), match.group(0)


@pytest.mark.parametrize("name", COPYDESK_SERVICES)
def test_services_connect_as_the_application_role_with_passwords(name: str) -> None:
    env = _environment(SERVICES[name])
    settings = Settings.from_env(env)
    db, broker = urlsplit(settings.database_url), urlsplit(settings.broker_url)
    superuser = _environment(SERVICES["postgres"])["POSTGRES_USER"]
    assert (db.hostname, db.username, db.path) == ("postgres", "copydesk", "/copydesk")
    assert db.username != superuser and db.password == TEST_ENV["COPYDESK_DB_PASSWORD"]
    assert (broker.hostname, broker.password) == ("redis", TEST_ENV["REDIS_PASSWORD"])
    # Only the migrate service's bootstrap sees the superuser's password.
    leaks = [k for k, v in env.items() if TEST_ENV["POSTGRES_PASSWORD"] in v]
    assert leaks == ([] if name != "migrate" else ["POSTGRES_ADMIN_URL"]), leaks


def test_redis_requires_the_brokers_password() -> None:
    command = _argv(SERVICES["redis"]["command"])
    assert _option_value(command, "--requirepass") == TEST_ENV["REDIS_PASSWORD"]


@pytest.mark.parametrize("name", sorted(RAW_COMPOSE["services"]))
def test_every_service_is_confined(name: str) -> None:
    service = SERVICES[name]
    assert service.get("cap_drop") == ["ALL"]
    assert "no-new-privileges:true" in service.get("security_opt", [])
    assert service.get("read_only") is True
    assert not service.get("privileged") and service.get("network_mode") != "host"
    added = set(service.get("cap_add", []))
    assert added <= (ENTRYPOINT_CAPS if name in {"postgres", "redis"} else set()), added
    for volume in service.get("volumes", []):
        assert not str(volume).startswith("/"), f"{name}: no host paths but ./inbox"
    if name in COPYDESK_SERVICES:
        assert "/tmp" in service.get("tmpfs", []), "a writable /tmp on the read-only root"


@pytest.mark.parametrize("name", sorted(RAW_COMPOSE["services"]))
def test_images_have_exact_tags(name: str) -> None:
    image = SERVICES[name]["image"]
    _repo, _, tag = image.partition("@")[0].rpartition(":")
    assert "@sha256:" in image or re.match(r"^v?\d+\.\d+", tag), f"{name}: {image} is not exact"
    if name in COPYDESK_SERVICES:
        assert image == f"copydesk:{VERSION}", "the project's image is tagged with its version"


def test_producer_does_not_run_as_root() -> None:
    user = SERVICES["producer"]["user"].split(":")
    assert "0" not in user and "root" not in user


def test_docker_compose_config_accepts_the_file() -> None:
    cmd = _compose_client()
    for profile in ([], ["--profile", "monitoring"]):
        result = subprocess.run(
            [*cmd, "-f", str(COMPOSE_FILE), *profile, "config", "-q"],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
            env={**os.environ, **TEST_ENV},
        )
        assert result.returncode == 0, result.stderr


def _compose_client() -> list[str]:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=60, check=False)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.skip("no docker compose client installed (`docker compose` or `docker-compose`)")


# --- the image and the locked installs --------------------------------------------------


def _dockerfile_stages() -> list[list[tuple[str, str]]]:
    """Instructions (KEYWORD, arguments) per build stage, continuations joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    stages: list[list[tuple[str, str]]] = [[]]
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, args = line.partition(" ")
        if keyword.upper() == "FROM":
            stages.append([])
        stages[-1].append((keyword.upper(), args.strip()))
    return stages[1:]


def test_image_runs_as_a_fixed_non_root_uid() -> None:
    users = [args for kw, args in _dockerfile_stages()[-1] if kw == "USER"]
    assert users and re.fullmatch(r"[1-9]\d*(:\d+)?", users[-1]), "USER: a numeric non-root uid"
    k8s_uids = {_pod(d)["securityContext"]["runAsUser"] for d in _workloads()}
    assert k8s_uids == {int(users[-1].split(":")[0])}


def test_image_base_is_an_exact_tag() -> None:
    text = DOCKERFILE.read_text()
    args = dict(re.findall(r"^ARG (\w+)=(\S+)", text, re.MULTILINE))
    for image in re.findall(r"^FROM (\S+)", text, re.MULTILINE):
        image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], image)
        tag = image.partition("@")[0].rpartition(":")[2]
        assert re.match(r"^\d+\.\d+\.\d+", tag) or "@sha256:" in image, image


def test_image_installs_the_lock_with_hashes_and_nothing_else() -> None:
    runs = [args for stage in _dockerfile_stages() for kw, args in stage if kw == "RUN"]
    installs = [r for r in runs if "pip install" in r]
    assert any("--require-hashes" in r and "requirements.lock" in r for r in installs)
    for run in installs:
        if "--require-hashes" not in run:
            # Only copydesk itself, built with the locked setuptools.
            assert "--no-deps" in run and "--no-build-isolation" in run, run


def _context_sources() -> list[str]:
    sources = []
    for stage in _dockerfile_stages():
        for kw, args in stage:
            if kw in {"COPY", "ADD"} and not args.startswith("--from"):
                parts = [p for p in args.split() if not p.startswith("--")]
                sources += [p.rstrip("/") for p in parts[:-1]]
    return sources


def test_build_context_has_what_the_image_needs_and_no_local_state() -> None:
    sources = _context_sources()
    readme = tomllib.loads(PYPROJECT.read_text())["project"]["readme"]
    assert {"pyproject.toml", readme, "services", "workers", "requirements.lock"} <= set(sources)
    patterns = [
        line.strip() for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith(("#", "!"))
    ]
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: no such file"
        for pattern in patterns:
            assert not fnmatch.fnmatch(source, pattern.lstrip("/")), f"{pattern} hides {source}"
    assert {".git", "inbox", ".env"} <= set(patterns)


def _lock(path: Path) -> dict[str, list[str]]:
    """name -> pinned versions (several when markers split them) of a pip lock; every
    requirement must be pinned with `==` and carry at least one sha256."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    pins: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement = line.split(";")[0].split("--hash")[0].strip()
        name, sep, version = requirement.partition("==")
        assert sep and version, f"{path.name}: not pinned: {line[:80]}"
        assert "--hash=sha256:" in line, f"{path.name}: no hash for {name}"
        pins.setdefault(re.sub(r"[-_.]+", "-", name.lower()), []).append(version.strip())
    return pins


def _requirement_names(requirements: list[str]) -> set[str]:
    names = set()
    for req in requirements:
        name = re.split(r"[\[<>=!~; ]", req, maxsplit=1)[0]
        names.add(re.sub(r"[-_.]+", "-", name.lower()))
    return names


def test_locks_pin_every_dependency_with_hashes() -> None:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    extras = project["optional-dependencies"]
    service, test = _lock(LOCK), _lock(TEST_LOCK)
    build = _requirement_names(tomllib.loads(PYPROJECT.read_text())["build-system"]["requires"])
    assert _requirement_names(project["dependencies"] + extras["flower"]) | build <= service.keys()
    assert _requirement_names(extras["test"]) | service.keys() <= test.keys()
    # The tests run the versions the image ships.
    assert {n: v for n, v in test.items() if n in service} == service


def test_ci_installs_the_test_lock() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"pip install [^\n]*--require-hashes[^\n]*requirements-test\.lock", ci)
    assert re.search(r"pip install [^\n]*--no-deps[^\n]*-e \.", ci)


# --- deploy/copydesk.env.example --------------------------------------------------------


def test_env_example_documents_every_setting_and_holds_no_secret() -> None:
    lines = ENV_EXAMPLE.read_text().splitlines()
    values = {}
    for i, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep and i > 0 and lines[i - 1].startswith("#"), f"no comment above {line!r}"
            values[key.strip()] = value
    assert values.keys() >= SETTING_NAMES, SETTING_NAMES - values.keys()
    unknown = {k for k in values if k.startswith("COPYDESK_")} - SETTING_NAMES - NOT_SETTINGS
    assert not unknown, unknown
    Settings.from_env(values)  # the example's values are valid
    for key, value in values.items():
        if "PASSWORD" in key or key.endswith("_URL"):
            assert not value, f"{key}: the example must not carry a credential"
    assert values.keys() >= SECRETS


# --- deploy/k8s ---------------------------------------------------------------------------


def test_kustomization_lists_every_manifest_but_the_secret_template() -> None:
    (kustomization,) = [d for _, d in K8S_DOCS if d.get("kind") == "Kustomization"]
    on_disk = {
        p.name for p in K8S_DIR.glob("*.yaml")
        if p.name != "kustomization.yaml" and not p.name.endswith(".example.yaml")
        and p.name not in K8S_OPTIONAL
    }
    assert set(kustomization["resources"]) == on_disk
    for image in kustomization["images"]:
        assert image.get("digest") or re.match(r"^\d+\.\d+", image.get("newTag", "")), image
    for _, doc in K8S_DOCS:
        assert "namespace" not in doc.get("metadata", {}), "manifests are namespace-free"


def test_k8s_workloads_run_the_compose_commands() -> None:
    deployments = _k8s("Deployment")
    for service, name in K8S_NAMES.items():
        assert _pod(deployments[name])["containers"][0]["command"] == _argv(SERVICES[service]["command"])
    job = _k8s("Job")["copydesk-migrate"]
    assert _pod(job)["containers"][0]["command"] == ["copydesk", "migrate"]


@pytest.mark.parametrize("name", sorted([*_k8s("Deployment"), *_k8s("Job")]))
def test_k8s_pods_are_confined(name: str) -> None:
    pod = _pod({**_k8s("Deployment"), **_k8s("Job")}[name])
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    assert pod.get("automountServiceAccountToken") is False
    writable = {v["name"] for v in pod.get("volumes", [])}
    for container in pod["containers"]:
        ctx = container["securityContext"]
        assert ctx["allowPrivilegeEscalation"] is False
        assert ctx["readOnlyRootFilesystem"] is True
        assert ctx["capabilities"]["drop"] == ["ALL"] and not ctx["capabilities"].get("add")
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        assert mounts.get("/tmp") in writable, "a writable /tmp on the read-only root"


def test_k8s_network_policy_covers_every_pod_and_admits_only_scrapes() -> None:
    policies = _k8s("NetworkPolicy")
    policy = policies["copydesk"]
    selector = policy["spec"]["podSelector"]["matchLabels"]
    for doc in _workloads():
        labels = doc["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), doc["metadata"]["name"]
    assert set(policy["spec"]["policyTypes"]) == {"Ingress", "Egress"}
    assert not policy["spec"].get("ingress")
    ports = {p["port"] for rule in policy["spec"]["egress"] for p in rule["ports"]}
    assert ports == {53, 5432, 6379}
    # the one opening: Prometheus to the exporter's port, on the exporter's pods only
    scrape = policies["copydesk-metrics"]["spec"]
    assert scrape["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "metrics"
    assert [p["port"] for rule in scrape["ingress"] for p in rule["ports"]] == [9464]


def test_k8s_config_and_secret_template() -> None:
    config = _config_env()
    assert not {k for k in config if k.startswith("COPYDESK_")} - SETTING_NAMES
    assert Settings.from_env(config).log_format == "json"
    (secret,) = _k8s("Secret").values()
    data = secret["stringData"]
    assert {"COPYDESK_DATABASE_URL", "COPYDESK_BROKER_URL", "REDIS_PASSWORD"} <= data.keys()
    assert urlsplit(data["COPYDESK_BROKER_URL"]).password, "Redis has a password"
    assert urlsplit(data["COPYDESK_DATABASE_URL"]).username == "copydesk"
    for doc in _workloads():
        for container in _pod(doc)["containers"]:
            refs = {next(iter(r.values()))["name"] for r in container.get("envFrom", [])}
            assert refs == {"copydesk-config", "copydesk-secrets"}


def test_k8s_grace_period_exceeds_task_time_limit() -> None:
    limit = _task_time_limit(_config_env())
    for service, name in K8S_NAMES.items():
        if service in GRACEFUL_SERVICES:  # the exporter holds no task
            assert _pod(_k8s("Deployment")[name])["terminationGracePeriodSeconds"] > limit, name


def test_k8s_producer_mounts_the_inbox_claim() -> None:
    pod = _pod(_k8s("Deployment")["copydesk-producer"])
    claims = {v["name"]: v["persistentVolumeClaim"]["claimName"]
              for v in pod["volumes"] if "persistentVolumeClaim" in v}
    mounts = {m["mountPath"]: m["name"] for m in pod["containers"][0]["volumeMounts"]}
    assert claims[mounts[_config_env()["COPYDESK_INBOX"]]] in _k8s("PersistentVolumeClaim")


def test_workers_autoscale_on_their_queue_with_the_redis_password() -> None:
    deployments = _k8s("Deployment")
    auths = _k8s("TriggerAuthentication")
    (secret,) = _k8s("Secret").values()
    scaled = {d["spec"]["scaleTargetRef"]["name"]: d for d in _k8s("ScaledObject").values()}
    for service in SCALABLE_SERVICES:
        name = K8S_NAMES[service]
        assert "replicas" not in deployments[name]["spec"], f"{name}: KEDA owns replicas"
        spec = scaled[name]["spec"]
        # Retries wait inside a running worker; zero replicas would strand them.
        assert spec.get("minReplicaCount", 0) >= 1
        (trigger,) = spec["triggers"]
        command = _pod(deployments[name])["containers"][0]["command"]
        assert trigger["type"] == "redis"
        assert trigger["metadata"]["listName"] == _option_value(command, "-Q", "--queues")
        assert trigger["metadata"]["addressFromEnv"] in _config_env()
        auth = auths[trigger["authenticationRef"]["name"]]
        (ref,) = [r for r in auth["spec"]["secretTargetRef"] if r["parameter"] == "password"]
        assert ref["name"] == secret["metadata"]["name"] and ref["key"] in secret["stringData"]


def test_kubectl_kustomize_builds_the_manifests() -> None:
    if not shutil.which("kubectl"):
        pytest.skip("kubectl is not installed")
    result = subprocess.run(
        ["kubectl", "kustomize", str(K8S_DIR)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "KUBECONFIG": os.devnull},
    )
    assert result.returncode == 0, result.stderr
    kinds = [d["kind"] for d in yaml.safe_load_all(result.stdout) if d]
    assert kinds.count("Deployment") == 4 and {"Job", "NetworkPolicy", "TriggerAuthentication"} <= set(kinds)
