from __future__ import annotations

import json
import logging
import warnings

import pytest
import structlog

from services.logconfig import configure_logging


@pytest.fixture(autouse=True)
def _reset() -> None:
    yield
    structlog.contextvars.clear_contextvars()
    structlog.reset_defaults()
    logging.getLogger().handlers.clear()


def _lines(err: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in err.splitlines() if line.strip()]


def test_json_lines_carry_bound_job_id_for_structlog_and_stdlib(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(log_format="json", process="worker")
    structlog.contextvars.bind_contextvars(job_id="j-1")
    structlog.get_logger("copydesk.test").info("article_stored", article_id=7)
    logging.getLogger("celery.test").warning("plain %s message", "stdlib")
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("a library warning", UserWarning, stacklevel=1)
    first, second, third = _lines(capsys.readouterr().err)
    assert first["event"] == "article_stored" and first["article_id"] == 7 and first["logger"] == "copydesk.test"
    assert second["event"] == "plain stdlib message" and second["level"] == "warning"
    assert second["logger"] == "celery.test"
    assert "a library warning" in str(third["event"])
    for line in (first, second, third):
        assert line["job_id"] == "j-1" and line["process"] == "worker" and "timestamp" in line


def test_console_format_is_not_json(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(log_format="console")
    structlog.get_logger("x").info("file_claimed", source_name="a.txt")
    err = capsys.readouterr().err
    assert "file_claimed" in err and "source_name" in err
    with pytest.raises(json.JSONDecodeError):
        json.loads(err.splitlines()[0])


def test_lines_below_the_level_are_dropped(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(log_format="json", level="WARNING")
    structlog.get_logger("copydesk.test").info("not_shown")
    structlog.get_logger("copydesk.test").warning("shown")
    logging.getLogger("celery.test").info("not shown either")
    assert [line["event"] for line in _lines(capsys.readouterr().err)] == ["shown"]
