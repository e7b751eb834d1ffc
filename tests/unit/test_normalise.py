from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from services.pipeline.normalise import body_hash, normalise_body, paragraph_text


def test_paragraphs_are_separated_by_one_blank_line() -> None:
    text = "  First  para\nwrapped line.\n\n\n\nSecond\t para.  \r\n\r\nThird. "
    assert normalise_body(text) == "First para wrapped line.\n\nSecond para.\n\nThird."


def test_quotes_and_dashes_are_unified() -> None:
    text = "\u201cIt\u2019s fine,\u201d she said \u2015 or -- maybe \u2012 not \u00ab ok \u00bb"
    assert normalise_body(text) == "\"It's fine,\" she said \u2014 or \u2014 maybe - not \" ok \""


def test_nfkc_and_invisible_characters() -> None:
    assert normalise_body("\ufb01ne\u00a0caf\u0065\u0301\u200b") == "fine caf\u00e9"


def test_empty_body_normalises_to_empty() -> None:
    assert normalise_body(" \n\n \t") == ""


def test_hash_ignores_whitespace_quotes_case_and_punctuation() -> None:
    a = "WASHINGTON (AP) \u2014 The White House said \u201cno.\u201d\n\nIt\u2019s over."
    b = "washington (ap) - the  white house said \"no\"\nits over"
    assert body_hash(a) == body_hash(b)


def test_hash_differs_for_different_words() -> None:
    assert body_hash("The cat sat.") != body_hash("The cat stood.")


def test_hash_is_sha256_hex() -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", body_hash("x"))


def test_paragraph_text_keeps_typography() -> None:
    assert paragraph_text("\u201cA\u201d  b\nC \u2014 d") == "\u201cA\u201d b\n\nC \u2014 d"


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise_body(text)
    assert normalise_body(once) == once


@given(st.text())
def test_hash_is_stable_under_normalisation(text: str) -> None:
    assert body_hash(normalise_body(text)) == body_hash(text)
