"""Static checks of the deployment files: compose.yaml, deploy/Dockerfile, .dockerignore,
deploy/copydesk.env.example and deploy/k8s/.

No Docker engine and no cluster: the files are parsed and checked against the code they
run. Every `copydesk ...` command a container runs must be a subcommand the CLI's parser
accepts, and every `celery -A workers.app ...` command must name the real Celery app and
options the Celery CLI knows. `docker compose config` and `kubectl kustomize` also run when
their clients are installed (they need no engine and no cluster); otherwise those two checks
are skipped with the reason.
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

# Services built from deploy/Dockerfile (the others are official images).
COPYDESK_SERVICES = ("migrate", "producer", "worker", "enricher", "flower")
# Long-running services that may be stopped in the middle of a task.
GRACEFUL_SERVICES = ("producer", "worker", "enricher")
SCALABLE_SERVICES = ("worker", "enricher")
QUEUES = {"worker": "ingest", "enricher": "enrich"}
K8S_NAMES = {
    "producer": "copydesk-producer",
    "worker": "copydesk-worker",
    "enricher": "copydesk-enricher",
}
# COPYDESK_* names in the deploy files that are deliberately not Settings fields.
NOT_SETTINGS = {"COPYDESK_IMAGE_TAG", "COPYDESK_READER_PASSWORD"}
SETTING_NAMES = {f"COPYDESK_{f.name.upper()}" for f in dataclasses.fields(Settings)}


# --- loading -----------------------------------------------------------------------

_INTERPOLATION = re.compile(r"\$\$|\$\{(?P<name>\w+)(?::?-(?P<default>[^}]*))?\}")


def _interpolate(value: Any) -> Any:
    """Resolve compose's `${VAR:-default}` to its default (never the caller's shell, so
    the checks are reproducible) and `$$` to `$`, recursively."""
    if isinstance(value, str):
        return _INTERPOLATION.sub(
            lambda m: "$" if m.group(0) == "$$" else (m.group("default") or ""), value
        )
    if isinstance(value, list):
        return [_interpolate(v) for v in value]
    if isinstance(value, dict):
        return {k: _interpolate(v) for k, v in value.items()}
    return value


def _load_compose() -> dict[str, Any]:
    # safe_load resolves the `<<: *copydesk` merge keys like compose does.
    return _interpolate(yaml.safe_load(COMPOSE_FILE.read_text()))  # type: ignore[no-any-return]


COMPOSE = _load_compose()
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]


def _load_k8s() -> list[tuple[str, dict[str, Any]]]:
    docs = []
    for path in sorted(K8S_DIR.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc is not None:
                docs.append((path.name, doc))
    return docs


K8S_DOCS = _load_k8s()


def _k8s(kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for _, d in K8S_DOCS if d.get("kind") == kind}


def _argv(command: str | list[str]) -> list[str]:
    return shlex.split(command) if isinstance(command, str) else [str(c) for c in command]


def _shell_argv(script: str) -> list[str]:
    """The first simple command of a shell line (up to a redirection or operator)."""
    argv = []
    for token in shlex.split(script):
        if token in {"|", "||", "&&", ";"} or token.startswith((">", "2>", "<")):
            break
        argv.append(token)
    return argv


def _healthcheck_argv(service: Mapping[str, Any]) -> list[str] | None:
    test = service.get("healthcheck", {}).get("test")
    if not test:
        return None
    if isinstance(test, str):
        return _shell_argv(test)
    if test[0] == "CMD-SHELL":
        return _shell_argv(test[1])
    if test[0] == "CMD":
        return [str(t) for t in test[1:]]
    return None


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
    units = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001, "us": 1e-6}
    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|us|m|s)", value)
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


def _task_time_limit(env: Mapping[str, str]) -> int:
    return Settings.from_env(dict(env)).task_time_limit_seconds


# --- commands: every command a container runs exists ---------------------------------


def _commands() -> Iterator[tuple[str, list[str]]]:
    for name, service in SERVICES.items():
        if "command" in service:
            yield f"compose:{name}:command", _argv(service["command"])
        health = _healthcheck_argv(service)
        if health:
            yield f"compose:{name}:healthcheck", health
    for filename, doc in K8S_DOCS:
        pod = doc.get("spec", {}).get("template", {}).get("spec", {})
        for container in pod.get("containers", []):
            where = f"k8s:{filename}:{container['name']}"
            if "command" in container:
                yield f"{where}:command", [*container["command"], *container.get("args", [])]
            for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                exec_cmd = container.get(probe, {}).get("exec", {}).get("command")
                if exec_cmd:
                    argv = list(exec_cmd)
                    if argv[:2] == ["sh", "-c"]:
                        argv = _shell_argv(argv[2])
                    yield f"{where}:{probe}", argv


COMMANDS = [
    pytest.param(argv, id=origin)
    for origin, argv in _commands()
    if argv and argv[0] in {"copydesk", "celery"}
]


def test_every_copydesk_container_command_is_checked() -> None:
    origins = {p.id for p in COMMANDS}
    for name in COPYDESK_SERVICES:
        assert f"compose:{name}:command" in origins, f"{name} runs no copydesk/celery command"
    for name in SCALABLE_SERVICES:
        assert f"compose:{name}:healthcheck" in origins


@pytest.mark.parametrize("argv", COMMANDS)
def test_command_exists(argv: list[str]) -> None:
    if argv[0] == "copydesk":
        _check_copydesk_command(argv)
    else:
        _check_celery_command(argv)


def _check_copydesk_command(argv: list[str]) -> None:
    from services.cli import build_parser

    parser = build_parser()
    # Walk the subcommands by name first, for a clear message.
    current = parser
    for token in argv[1:]:
        if token.startswith("-"):
            break
        subparsers = [a for a in current._actions if a.choices and isinstance(a.choices, dict)]
        if not subparsers:
            break
        choices = subparsers[0].choices
        assert token in choices, f"`copydesk {token}` is not a subcommand (has {sorted(choices)})"
        current = choices[token]
    # Then let the real parser accept the whole command line, options included.
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            parser.parse_args(argv[1:])
        except SystemExit as exc:
            pytest.fail(f"`{shlex.join(argv)}` is rejected by the CLI: {stderr.getvalue()}{exc}")


def _check_celery_command(argv: list[str]) -> None:
    import click
    from celery import Celery
    from celery.bin.celery import celery as celery_cli

    app_path = _option_value(argv, "-A", "--app")
    assert app_path == "workers.app", f"`{shlex.join(argv)}` must use `-A workers.app`"
    module = importlib.import_module(app_path)
    assert isinstance(getattr(module, "app", None), Celery), f"{app_path}.app is not a Celery app"

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
    command = celery_cli.commands[sub]

    options = [t.split("=", 1)[0] for t in rest if t.startswith("-")]
    if sub == "flower":
        from tornado.options import options as tornado_options

        importlib.import_module("flower.options")  # defines Flower's options
        for opt in options:
            assert opt.lstrip("-") in tornado_options, f"unknown flower option {opt}"
        return
    known = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
    for opt in options:
        assert opt in known, f"`celery {sub}` has no option {opt}"
    if sub == "inspect":
        from celery.worker.control import Panel

        action = next(t for t in rest if not t.startswith("-"))
        assert action in Panel.meta and Panel.meta[action].type == "inspect", action


def test_worker_queues_are_the_apps_queues() -> None:
    app = importlib.import_module("workers.app").app
    routed = {route["queue"] for route in app.conf.task_routes.values()}
    consumed = {_option_value(_argv(SERVICES[n]["command"]), "-Q") for n in SCALABLE_SERVICES}
    assert consumed == routed, "every routed queue needs a worker service, and no more"
    # KEDA watches the Redis list named after the queue: no key prefix may hide it.
    assert not app.conf.broker_transport_options.get("global_keyprefix")


def test_console_script_points_to_the_cli() -> None:
    scripts = tomllib.loads(PYPROJECT.read_text())["project"]["scripts"]
    assert scripts.get("copydesk") == "services.cli:main"
    from services import cli

    assert callable(cli.main)


# --- compose.yaml --------------------------------------------------------------------


def test_required_services_present() -> None:
    assert {"postgres", "redis", *COPYDESK_SERVICES} <= SERVICES.keys()


def test_official_images() -> None:
    assert SERVICES["postgres"]["image"] == "postgres:16"
    assert SERVICES["redis"]["image"] == "redis:7"


def test_copydesk_services_share_one_image() -> None:
    images = {SERVICES[name]["image"] for name in COPYDESK_SERVICES}
    assert len(images) == 1, images
    for name in COPYDESK_SERVICES:
        build = SERVICES[name]["build"]
        assert build["dockerfile"] == "deploy/Dockerfile"
        assert (ROOT / build["context"] / build["dockerfile"]).resolve() == DOCKERFILE


def test_scalable_services_have_no_fixed_name_or_host_ports() -> None:
    for name, service in SERVICES.items():
        assert "container_name" not in service, f"{name}: container_name blocks --scale"
        if name != "flower":
            assert "ports" not in service, f"{name} must not publish host ports"


def test_flower_is_optional_and_the_only_published_port() -> None:
    flower = SERVICES["flower"]
    assert flower["profiles"] == ["monitoring"]
    assert flower["ports"]
    for name, service in SERVICES.items():
        if name != "flower":
            assert not service.get("profiles"), f"{name} would not start with a plain `up`"


def test_redis_persists_and_never_evicts() -> None:
    command = _argv(SERVICES["redis"]["command"])
    assert _option_value(command, "--appendonly") == "yes"
    assert _option_value(command, "--maxmemory-policy") == "noeviction"
    assert _healthcheck_argv(SERVICES["redis"]) == ["redis-cli", "ping"]
    assert any(str(v).endswith(":/data") for v in SERVICES["redis"]["volumes"])


def test_postgres_healthcheck_and_named_volume() -> None:
    postgres = SERVICES["postgres"]
    health = _healthcheck_argv(postgres)
    assert health is not None and health[0] == "pg_isready"
    source = str(postgres["volumes"][0]).split(":", 1)[0]
    assert source in (COMPOSE.get("volumes") or {}), "postgres data must be a named volume"
    assert "/var/lib/postgresql/data" in str(postgres["volumes"][0])


def test_migrate_runs_once_after_postgres() -> None:
    migrate = SERVICES["migrate"]
    assert migrate["restart"] == "no"
    assert _depends_on(migrate).get("postgres") == "service_healthy"


@pytest.mark.parametrize("name", ["producer", "worker", "enricher"])
def test_services_start_after_migrations_and_redis(name: str) -> None:
    deps = _depends_on(SERVICES[name])
    assert deps.get("migrate") == "service_completed_successfully"
    assert deps.get("redis") == "service_healthy"


def test_producer_watches_the_bind_mounted_inbox() -> None:
    producer = SERVICES["producer"]
    inbox = _environment(producer)["COPYDESK_INBOX"]
    assert f"./inbox:{inbox}" in [str(v) for v in producer["volumes"]]


@pytest.mark.parametrize("name", GRACEFUL_SERVICES)
def test_stop_grace_period_exceeds_task_time_limit(name: str) -> None:
    service = SERVICES[name]
    limit = _task_time_limit(_environment(service))
    assert _duration_seconds(service["stop_grace_period"]) > limit


@pytest.mark.parametrize("name", SCALABLE_SERVICES)
def test_workers_consume_their_queue_and_ping_their_own_node(name: str) -> None:
    service = SERVICES[name]
    command = _argv(service["command"])
    assert command[3] == "worker" and _option_value(command, "-Q", "--queues") == QUEUES[name]
    node = _option_value(command, "-n", "--hostname") or "celery@%h"
    health = _healthcheck_argv(service)
    assert health is not None and health[3:5] == ["inspect", "ping"]
    destination = _option_value(health, "-d", "--destination")
    assert destination == node.replace("%h", "$HOSTNAME"), (destination, node)


@pytest.mark.parametrize("name", COPYDESK_SERVICES)
def test_environment_is_valid_settings_with_json_logs(name: str) -> None:
    env = _environment(SERVICES[name])
    unknown = {k for k in env if k.startswith("COPYDESK_")} - SETTING_NAMES
    assert not unknown, f"{name}: not settings (typo?): {unknown}"
    settings = Settings.from_env(env)  # raises ConfigError on a bad value
    assert settings.log_format == "json"
    assert settings.database_url.startswith("postgresql://")
    assert "@postgres:" in settings.database_url
    assert settings.broker_url.startswith("redis://redis:")


def test_docker_compose_config_accepts_the_file() -> None:
    cmd = _compose_client()
    for profile in ([], ["--profile", "monitoring"]):
        result = subprocess.run(
            [*cmd, "-f", str(COMPOSE_FILE), *profile, "config", "-q"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr


def _compose_client() -> list[str]:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, timeout=60)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    pytest.skip("no docker compose client installed (`docker compose` or `docker-compose`)")


# --- Dockerfile and .dockerignore -----------------------------------------------------


def _dockerfile_stages() -> list[list[tuple[str, str]]]:
    """Instructions (KEYWORD, arguments) per build stage, continuations joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    stages: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        keyword, _, args = line.partition(" ")
        if keyword.upper() == "FROM":
            stages.append([])
        stages[-1].append((keyword.upper(), args.strip()))
    return stages


def test_dockerfile_runtime_stage() -> None:
    final = _dockerfile_stages()[-1]
    assert final[0][1].split()[0] == "python:3.11-slim"
    env = " ".join(args for kw, args in final if kw == "ENV")
    assert re.search(r"\bPYTHONUNBUFFERED=1\b", env)
    assert any(kw == "WORKDIR" for kw, _ in final)
    runs = " ".join(args for kw, args in final if kw == "RUN")
    assert not re.search(r"build-essential|\bgcc\b|\bmake\b", runs), "no build tools at runtime"


def test_dockerfile_runs_as_a_fixed_non_root_user() -> None:
    final = _dockerfile_stages()[-1]
    users = [args for kw, args in final if kw == "USER"]
    assert users, "the runtime stage must set USER"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    runs = " && ".join(args for kw, args in final if kw == "RUN")
    useradds = [
        shlex.split(cmd.strip()) for cmd in re.split(r"&&|;", runs) if "useradd" in cmd
    ]
    assert useradds, "create the user in the image"
    useradd = useradds[-1]
    uid, login = _option_value(useradd, "-u", "--uid"), useradd[-1]
    assert uid and uid.isdigit() and uid != "0", "create the user with a fixed, non-zero --uid"
    assert user in {uid, login}, f"USER {user} is not the user created ({login}, uid {uid})"


def test_dockerfile_installs_the_package_with_flower() -> None:
    stages = _dockerfile_stages()
    installs = [
        i for i, stage in enumerate(stages) for kw, args in stage
        if kw == "RUN" and re.search(r"pip install [^&]*[\"']?\.\[flower\]", args)
    ]
    assert installs, "the image must `pip install .[flower]`"
    extras = tomllib.loads(PYPROJECT.read_text())["project"].get("optional-dependencies", {})
    assert any(req.startswith("flower") for req in extras.get("flower", [])), (
        "pyproject.toml must declare the `flower` extra the image installs"
    )
    if installs[-1] != len(stages) - 1:  # built in an earlier stage: copied over
        assert any(kw == "COPY" and args.startswith("--from=") for kw, args in stages[-1])


def _context_sources() -> list[str]:
    sources = []
    for stage in _dockerfile_stages():
        for kw, args in stage:
            if kw in {"COPY", "ADD"} and not args.startswith("--from"):
                parts = [p for p in args.split() if not p.startswith("--")]
                sources += [p.rstrip("/") for p in parts[:-1]]
    return sources


def test_dockerfile_copies_what_the_package_build_needs() -> None:
    sources = _context_sources()
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    needed = {"pyproject.toml", "services", "workers"}
    readme = project.get("readme")
    if isinstance(readme, str):
        needed.add(readme)
    assert needed <= {s.lstrip("./") for s in sources}, needed - set(sources)
    for source in sources:
        assert (ROOT / source).exists(), f"COPY {source}: no such file in the repository"


def test_dockerignore_keeps_the_sources_and_drops_local_state() -> None:
    patterns = [
        line.strip() for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith("!")
    ]
    for source in _context_sources():
        for pattern in patterns:
            assert not fnmatch.fnmatch(source.lstrip("./"), pattern.lstrip("/")), (
                f".dockerignore pattern {pattern!r} excludes {source}, which the image needs"
            )
    assert {".git", "inbox", ".env"} <= set(patterns)


# --- deploy/copydesk.env.example ------------------------------------------------------


def _env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, sep, value = line.partition("=")
            assert sep, f"not KEY=value: {line!r}"
            values[key.strip()] = value
    return values


def test_env_example_documents_every_setting() -> None:
    text = ENV_EXAMPLE.read_text().splitlines()
    keys = _env_example()
    assert SETTING_NAMES <= keys.keys(), SETTING_NAMES - keys.keys()
    unknown = {k for k in keys if k.startswith("COPYDESK_")} - SETTING_NAMES - NOT_SETTINGS
    assert not unknown, unknown
    for i, line in enumerate(text):
        if line and not line.startswith("#"):
            assert i > 0 and text[i - 1].startswith("#"), f"no comment above {line!r}"
    Settings.from_env(keys)  # the example's values are valid


# --- deploy/k8s ----------------------------------------------------------------------


def test_k8s_manifests_are_namespace_free_objects() -> None:
    assert K8S_DOCS
    for filename, doc in K8S_DOCS:
        assert doc.get("apiVersion") and doc.get("kind"), filename
        if doc["kind"] != "Kustomization":
            assert doc["metadata"].get("name"), filename
            assert "namespace" not in doc["metadata"], f"{filename}: namespace-free"


def test_kustomization_lists_every_manifest_but_the_secret_template() -> None:
    (kustomization,) = _k8s_kustomizations()
    listed = set(kustomization["resources"])
    on_disk = {
        p.name for p in K8S_DIR.glob("*.yaml")
        if p.name != "kustomization.yaml" and not p.name.endswith(".example.yaml")
    }
    assert listed == on_disk


def _k8s_kustomizations() -> list[dict[str, Any]]:
    return [d for _, d in K8S_DOCS if d.get("kind") == "Kustomization"]


def _pod(doc: Mapping[str, Any]) -> dict[str, Any]:
    return doc["spec"]["template"]["spec"]  # type: ignore[no-any-return]


def _config_env() -> dict[str, str]:
    return {k: str(v) for k, v in _k8s("ConfigMap")["copydesk-config"]["data"].items()}


def test_k8s_workloads_exist_and_run_the_compose_commands() -> None:
    deployments = _k8s("Deployment")
    for service, name in K8S_NAMES.items():
        container = _pod(deployments[name])["containers"][0]
        assert container["command"] == _argv(SERVICES[service]["command"]), name
    job = _k8s("Job")["copydesk-migrate"]
    assert _pod(job)["containers"][0]["command"] == _argv(SERVICES["migrate"]["command"])


def test_k8s_pods_are_non_root_and_read_the_config() -> None:
    secrets = {d["metadata"]["name"] for _, d in K8S_DOCS if d["kind"] == "Secret"}
    configmaps = set(_k8s("ConfigMap"))
    for doc in [*_k8s("Deployment").values(), *_k8s("Job").values()]:
        pod = _pod(doc)
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["runAsUser"] != 0
        for container in pod["containers"]:
            for ref in container.get("envFrom", []):
                if "configMapRef" in ref:
                    assert ref["configMapRef"]["name"] in configmaps
                if "secretRef" in ref:
                    assert ref["secretRef"]["name"] in secrets


def test_k8s_config_is_valid_settings() -> None:
    config = _config_env()
    unknown = {k for k in config if k.startswith("COPYDESK_")} - SETTING_NAMES
    assert not unknown, unknown
    assert Settings.from_env(config).log_format == "json"
    secret_keys = {
        k for _, d in K8S_DOCS if d["kind"] == "Secret" for k in d.get("stringData", {})
    }
    assert {"COPYDESK_DATABASE_URL", "COPYDESK_BROKER_URL"} <= secret_keys


def test_k8s_grace_period_exceeds_task_time_limit() -> None:
    limit = _task_time_limit(_config_env())
    for name in K8S_NAMES.values():
        assert _pod(_k8s("Deployment")[name])["terminationGracePeriodSeconds"] > limit, name


def test_producer_mounts_the_inbox_claim() -> None:
    pod = _pod(_k8s("Deployment")["copydesk-producer"])
    claims = {
        v["name"]: v["persistentVolumeClaim"]["claimName"]
        for v in pod["volumes"] if "persistentVolumeClaim" in v
    }
    mounts = {m["mountPath"]: m["name"] for m in pod["containers"][0]["volumeMounts"]}
    inbox_volume = mounts[_config_env()["COPYDESK_INBOX"]]
    assert claims[inbox_volume] in _k8s("PersistentVolumeClaim")


def test_workers_autoscale_on_their_queue_length() -> None:
    deployments = _k8s("Deployment")
    scaled = {d["spec"]["scaleTargetRef"]["name"]: d for d in _k8s("ScaledObject").values()}
    for service in SCALABLE_SERVICES:
        name = K8S_NAMES[service]
        assert name in scaled, f"no ScaledObject for {name}"
        assert "replicas" not in deployments[name]["spec"], f"{name}: KEDA owns replicas"
        spec = scaled[name]["spec"]
        # Retries wait inside a running worker; zero replicas would strand them.
        assert spec.get("minReplicaCount", 0) >= 1
        (trigger,) = spec["triggers"]
        assert trigger["type"] == "redis"
        command = _pod(deployments[name])["containers"][0]["command"]
        assert trigger["metadata"]["listName"] == _option_value(command, "-Q", "--queues")
        address_env = trigger["metadata"].get("addressFromEnv")
        if address_env:
            assert address_env in _config_env(), f"{address_env} is not in copydesk-config"


def test_kubectl_kustomize_builds_the_manifests() -> None:
    if not shutil.which("kubectl"):
        pytest.skip("kubectl is not installed")
    result = subprocess.run(
        ["kubectl", "kustomize", str(K8S_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "KUBECONFIG": os.devnull},
    )
    assert result.returncode == 0, result.stderr
    kinds = [d["kind"] for d in yaml.safe_load_all(result.stdout) if d]
    assert kinds.count("Deployment") == 3 and "Job" in kinds and "ScaledObject" in kinds
