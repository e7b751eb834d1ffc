"""The command explains itself: every option has help, and --version answers."""

from __future__ import annotations

import argparse

import pytest

from services.cli import build_parser, main


def test_every_option_of_every_command_has_help() -> None:
    parser = build_parser()
    [commands] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    missing = [(name, action.dest) for name, sub in commands.choices.items()
               for action in sub._actions if not action.help]
    assert not missing
    assert {"up", "parse", "status", "metrics", "requeue", "db-url"} <= set(commands.choices)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("copydesk ")


def test_a_malformed_database_url_fails_at_once_saying_what_is_wrong(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COPYDESK_DATABASE_URL", "postgresql://u:s3cret@[::1/db")
    assert main(["status"]) == 2
    err = capsys.readouterr().err
    assert "COPYDESK_DATABASE_URL is malformed" in err and "s3cret" not in err
    assert len(err.strip().splitlines()) == 1
