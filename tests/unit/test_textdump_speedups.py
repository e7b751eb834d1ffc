"""Shortcuts taken for speed in the text-dump parser give the answers of the plain
computation they replace, on every line of the fixtures and on generated edge cases."""

from __future__ import annotations

import random
from pathlib import Path

from services.pipeline.formats import dates

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "textdump"


def _fixture_lines() -> list[str]:
    return [line for path in sorted(FIXTURES.glob("*.txt"))
            for line in path.read_text("utf-8").splitlines()]


def _generated(alphabet: list[str], count: int, *, seed: int, longest: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
            for _ in range(count)]


def test_numeric_dates_are_those_findall_finds() -> None:
    texts = ["\n".join(_fixture_lines()), *_fixture_lines(),
             *_generated([*"0123456789/. a\u0663", "19", "20", "2024"], 20000, seed=1)]
    for text in texts:
        assert list(dates._numeric_dates(text)) == dates._NUMERIC.findall(text), text
