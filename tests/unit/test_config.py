from __future__ import annotations

from pathlib import Path

import pytest

from services.config import Settings
from services.errors import ConfigError


def test_defaults_without_environment() -> None:
    s = Settings.from_env({})
    assert s.inbox == Path("inbox")
    assert s.processed_path == Path("inbox/processed")
    assert s.failed_path == Path("inbox/failed")
    assert s.after_claim == "move"
    assert s.visibility_timeout > s.task_time_limit_seconds
    assert s.concurrency >= 1


def test_environment_is_read_and_typed() -> None:
    s = Settings.from_env(
        {
            "COPYDESK_INBOX": "/srv/drop",
            "COPYDESK_STABLE_SECONDS": "2.5",
            "COPYDESK_MAX_FILE_BYTES": "1000",
            "COPYDESK_AFTER_CLAIM": "delete",
            "COPYDESK_PROCESSED_DIR": "/srv/done",
        }
    )
    assert s.inbox == Path("/srv/drop")
    assert s.stable_seconds == 2.5
    assert s.max_file_bytes == 1000
    assert s.after_claim == "delete"
    assert s.processed_path == Path("/srv/done")


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("true", True), (" Yes", True), ("ON", True),
                                            ("0", False), ("false", False), ("no", False), ("off", False)])
def test_switches_read_the_usual_spellings(raw: str, value: bool) -> None:
    assert Settings.from_env({}).enrich_inline is False
    assert Settings.from_env({"COPYDESK_ENRICH_INLINE": raw}).enrich_inline is value


def test_overrides_win_and_none_is_ignored() -> None:
    s = Settings.from_env({"COPYDESK_INBOX": "/a"}, inbox=Path("/b"), data_dir=None)
    assert s.inbox == Path("/b")
    assert s.data_dir == Path(".copydesk")


@pytest.mark.parametrize(
    "env",
    [
        {"COPYDESK_STABLE_SECONDS": "soon"},
        {"COPYDESK_AFTER_CLAIM": "archive"},
        {"COPYDESK_LOG_FORMAT": "xml"},
        {"COPYDESK_TASK_TIME_LIMIT_SECONDS": "100", "COPYDESK_VISIBILITY_TIMEOUT_SECONDS": "50"},
        {"COPYDESK_ENRICH_INLINE": "maybe"},
    ],
)
def test_bad_values_are_config_errors(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env(env)
