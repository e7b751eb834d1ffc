"""The live compose tests: the real stack in containers, on whatever engine the user names.

They run only when COPYDESK_COMPOSE names a compose command (`docker compose`,
`podman-compose`, or the path of compose-offline's compose.sh); otherwise every test here
is skipped with that reason. CI has no engine and skips them.
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "compose: runs the compose stack for real (needs COPYDESK_COMPOSE)"
    )
