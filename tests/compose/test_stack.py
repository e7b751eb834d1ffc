"""The compose stack, live: up, deploy/smoke.sh on a small corpus, down.

    COPYDESK_COMPOSE="docker compose" python -m pytest tests/compose -m compose -s

Settings (environment):
    COPYDESK_COMPOSE        the compose command; unset: skipped
    COPYDESK_COMPOSE_UP     how to bring the stack up (default: "$COPYDESK_COMPOSE up -d --build")
    COPYDESK_COMPOSE_DOWN   how to take it down (default: "$COPYDESK_COMPOSE down -v")
    COPYDESK_COMPOSE_SCALE  how to scale one service (default: smoke.sh's)
    COPYDESK_COMPOSE_ENGINE docker or podman (default: smoke.sh's guess)
    COPYDESK_SMOKE_FILES    files in the corpus (default 15)

Secrets come from ./.env; deploy/gen-env.sh fills in any that are missing (it never
changes one that is set). The stack is taken down even when the checks fail.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = os.environ.get("COPYDESK_COMPOSE", "")

pytestmark = [
    pytest.mark.compose,
    pytest.mark.timeout(1800),
    pytest.mark.skipif(
        not COMPOSE,
        reason="COPYDESK_COMPOSE is not set: name a compose command (e.g. 'docker compose') to run the live stack",
    ),
]


def _run(command: str, *, timeout: float, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    print(f"$ {command}", file=sys.stderr, flush=True)
    return subprocess.run(
        shlex.split(command), cwd=ROOT, text=True, timeout=timeout, check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture(scope="module")
def stack() -> Iterator[None]:
    subprocess.run([str(ROOT / "deploy" / "gen-env.sh")], cwd=ROOT, check=True)
    (ROOT / "inbox").mkdir(exist_ok=True)
    up = os.environ.get("COPYDESK_COMPOSE_UP", f"{COMPOSE} up -d --build")
    down = os.environ.get("COPYDESK_COMPOSE_DOWN", f"{COMPOSE} down -v")
    try:
        assert _run(up, timeout=1200).returncode == 0, f"`{up}` failed"
        yield
    finally:
        _run(down, timeout=900)


def test_smoke_nothing_lost_nothing_doubled(stack: None) -> None:
    env = {"COMPOSE": COMPOSE, "FILES": os.environ.get("COPYDESK_SMOKE_FILES", "15")}
    if os.environ.get("COPYDESK_COMPOSE_SCALE"):
        env["SCALE"] = os.environ["COPYDESK_COMPOSE_SCALE"]
    if os.environ.get("COPYDESK_COMPOSE_ENGINE"):
        env["ENGINE"] = os.environ["COPYDESK_COMPOSE_ENGINE"]
    result = _run(str(ROOT / "deploy" / "smoke.sh"), timeout=1500, env=env)
    assert result.returncode == 0, "deploy/smoke.sh found lost or doubled files (table above)"
