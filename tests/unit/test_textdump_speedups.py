"""Shortcuts taken for speed in the text-dump parser give the answers of the plain
computation they replace, on every line of the fixtures and on generated edge cases."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import numpy as np
import pytest

from services.pipeline import wire
from services.pipeline.formats import dates
from services.pipeline.formats import textdump_features as tf

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
        assert dates._year_ends(text) == [m.start() for m in dates._NUMERIC_END.finditer(text)]


def test_word_lists_are_the_words_of_each_text() -> None:
    texts = [*_fixture_lines(),
             *_generated([*"ab'Z _-0\x00\t\n.,;\u00e9\u2019", "don't", "x'y'z", "\u4e00\u4e01"],
                         5000, seed=2)]
    assert tf._word_lists(texts) == [tf._words(text) for text in texts]
    for start in range(0, 700, 7):  # (small batches: some with no ASCII text at all)
        batch = texts[-start - 7:len(texts) - start]
        assert tf._word_lists(batch) == [tf._words(text) for text in batch]
    assert tf._word_lists([]) == []


def test_first_letters_upper_case_as_isupper_says_and_classes_added_up() -> None:
    words = [w for text in _fixture_lines() for w in tf._words(text)]
    words += _generated([*"aZ1\u00c9\u01c5\u2160\u24b6\u0130", "\U0001d400", "\U0001d41a",
                         "\U00010400"], 5000, seed=7, longest=3)
    words = [w for w in words if w]
    lower = list(map(str.lower, words))
    counts = [3, 0, 1, 80, 7] * (len(words) // 91) + [0, 0]
    counts.append(len(words) - sum(counts))
    classes, capitals = tf._sampled_sums(words, lower, counts)
    at = 0
    for count, total, opening in zip(counts, classes, capitals, strict=True):
        assert total == sum(tf._WORD_CLASS.get(w, 0) for w in lower[at:at + count])
        assert opening == sum(w[0].isupper() for w in words[at:at + count])
        at += count
    assert tf._sampled_sums([], [], [0, 0]) == ([0, 0], [0, 0])


def test_sentence_breaks_in_one_scan_are_those_of_each_text() -> None:
    texts = [*_fixture_lines(),
             *_generated([*"aZ1 .!?\u2026\u3002\uff01\uff1f\"'\u201d\u2019\u201c\u2018()\n\t\x00",
                          "\u4e00"], 6000, seed=8, longest=12)]
    for batch in (texts, texts[:1], texts[-3:], ["", ".", " A"], []):
        lengths = np.asarray([len(t) for t in batch], dtype=np.float64)
        assert tf._sentence_breaks(batch, lengths).tolist() == \
            [len(tf._SENTENCE_BREAK.findall(t)) for t in batch]


def test_the_placeholder_pretest_passes_every_line_the_pattern_matches() -> None:
    from services.pipeline.formats import textdump_units as tu

    texts = [*_fixture_lines(),
             *_generated(["[", "]", "(", ")", "I", "B", "[12]", "(BUTTON)", "(IMG)", "[image",
                          "[ ", "[_", "[]", "IFRAME:", ":INS]", "[INS:", "[svg", "x", " ", "[e",
                          "[video", "[button", "[Button", "[logo", "[icon"], 6000, seed=9,
                         longest=8)]
    for text in texts:
        assert tu._may_hold_placeholder(text) or tu._PLACEHOLDER.search(text) is None, text


def test_lynx_markers_cut_out_as_the_pattern_substitutes() -> None:
    from services.pipeline.formats import textdump_units as tu

    texts = [*_fixture_lines(), *_generated(["[1]", "[12]", "[", "]", "a", " ", "1"], 4000,
                                             seed=10, longest=10)]
    for text in texts:
        found = list(tu._LYNX_REF.finditer(text))
        if found:
            assert tu._without_spans(text, [m.start() for m in found],
                                     [m.end() for m in found]) == tu._LYNX_REF.sub("", text)


def test_credit_keys_skip_only_searches_that_find_nothing(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    texts = [path.read_text("utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    texts += _fixture_lines()
    texts += _generated(["(Reporting by Jane Doe)", "Copyright 2024 AP", "\u00a9 Reuters",
                         "Source: AFP", "VIA: dpa", "Reuters reporters", "\u0130", "\u017f",
                         "CONTR\u0130BUTED", " ", "\n", ", ", "| ", "The Associated Press",
                         "Writing by X", "- AFP", "\u2014 ap  ", "/ Pa", "AFP ", "x\t", "Reuters\u00a0",
                         "by Jane Doe, AP"], 3000, seed=3, longest=8)
    quick = [wire.detect_wire(text, credits=text[-300:]) for text in texts]
    assert sum(info.wire_source is not None for info in quick) >= 100
    monkeypatch.setattr(wire, "_CREDIT_KEYS", (None,) * len(wire._CREDITS))
    monkeypatch.setattr(wire, "_ENDS_LINE", (False,) * len(wire._CREDITS))
    assert quick == [wire.detect_wire(text, credits=text[-300:]) for text in texts]


def test_split_words_are_the_pattern_words() -> None:
    alphabet = [*"ab'Z _-0\x00\t\n.,;\u00e9\u2019\u00b2\u2167\u4e94\u0663\u0301\u01c5\u00aa\u3000",
                "\u2028", "\x1c", "\u00a0", "don't", "\u0441\u043b\u043e\u0432\u043e,",
                "l\u2019homme", "\u4e00\u4e01", "\uac00", "\U0001d41a"]
    for text in [*_fixture_lines(), *_generated(alphabet, 20000, seed=4)]:
        assert tf._split_words(text) == tf._words(text), text


def test_word_counts_found_with_the_features_are_word_count_of_each_unit() -> None:
    from services.pipeline.formats import textdump_units as tu

    texts = [*_fixture_lines(),
             *_generated([*"ab Z.\t\n\x0b\x0c\r\x1c\x1f\x85\u00a0\u1680\u2028\u2029\u202f\u3000",
                          *"\u1100\u115f\u1160\u4e00\uac00\ud7a3\uff01\uffe6\uffe7\u00e9",
                          "\U0001f600", "\U00020000", "  ", "word"], 6000, seed=11)]
    found = [tu.Unit(text, 0, 0, 0, False, False, 0, 0, 0, 0, False) for text in texts]
    ascii_only = [unit for unit in found if unit.text.isascii()]
    for batch in (found, found[:1], found[-5:], ascii_only, ascii_only[:3], []):
        _, words, wide = tf.features_and_words(batch)
        assert words == [tu.word_count(unit.text) for unit in batch]
        assert wide == [len(tu._WIDE.findall(unit.text)) for unit in batch]
        body = "\n\n".join(unit.text for unit in batch)
        assert sum(w - c // 2 for w, c in zip(words, wide, strict=True)) + sum(wide) // 2 \
            == tu.word_count(body)


_MARKUP_PIECES = ["(Reporting by Jane Doe; Editing by John Roe)", "Reporting by X; editing by Y",
                  "# ", "> ", "- ", "* ", "+ ", "\u2022 ", "[", "]", "](", "![", "[12]", "(", ")",
                  "_", "`", "**", " ", "  ", "\t", "\n", "\u3000", "\u00a0", "a", "A", "R", "w",
                  "The", "1", "\u00b2", "\u00e9", "Photo:", "(AP Photo/Jane Doe)", "(Getty Images)",
                  "Getty Images", "credit |", "http://x.com/a", "https://", "www.y.org", "@",
                  "a@b.co", "x.", "wwww.", "_http://", "\u0130"]


def test_credit_lines_are_those_the_stripped_line_matches() -> None:
    from services.pipeline.formats import textdump_rules as tr

    def reference(line: str) -> bool:
        text = tr.strip_markdown(line[:600])
        if text[:1] not in "(aArRwW":
            return False
        return bool(tr._CREDITS.match(" ".join(text.split())))

    texts = [*_fixture_lines(), *_generated(_MARKUP_PIECES, 20000, seed=12, longest=12),
             *(" " * 590 + tail for tail in ("(Reporting by X)", "x", "# (Reporting by X)"))]
    for text in texts:
        assert tr.is_credit_line(text) == reference(text), text


def test_captions_are_those_the_one_pattern_finds() -> None:
    import re

    from services.pipeline.formats import textdump_rules as tr

    caption = re.compile(
        r"\((?:AP|Reuters|AFP|Getty|EPA|Photo|Image)[^)]{0,80}(?:Photo|Images?|/)[^)]{0,80}\)"
        r"\s{0,3}$|\((?:file )?pic(?:ture)?(?:\s{0,2}:[^)]{1,60})?\)\s{0,3}$"
        r"|\((?:(?:photo|image|foto)(?:\s(?:credit|courtesy))?|credit)\s{0,2}:[^)]{1,80}\)\s{0,3}$"
        r"|^(?:photo|image|picture|file photo|caption|credit|pictured|foto|\u0444\u043e\u0442\u043e)"
        r"\s{0,3}[:|/]"
        r"|^(?:image|media|video) (?:caption|source)\s{0,3}[,:]"
        r"|^\W{0,3}(?:getty images|shutterstock|ap photo|reuters/|afp via getty)"
        r"|^[\[\u3010(\uff08](?:\uc0ac\uc9c4|\u5199\u771f|\u56fe|\u5716)[\]\u3011)\uff09]"
        r"|^(?:\u56fe\u4e3a|\u5716\u70ba)",
        re.IGNORECASE,
    )

    def reference(line: str) -> bool:
        head = line[:600]
        # (a credit closing a caption is its own rule: searched for in the line's end)
        return len(line.split(None, 60)) < 60 and bool(
            (caption.search(head) if "(" in head else caption.match(head))
            or tr._CAPTION_CLOSING.search(line[-tr._CAPTION_TAIL:])
            or any(key in line[-tr._LICENSING_TAIL:].lower() for key in tr._LICENSING))

    texts = [*_fixture_lines(), *_generated(_MARKUP_PIECES, 20000, seed=13, longest=12)]
    for text in texts:
        assert tr.is_caption(text) == reference(text), text


def test_urls_without_an_at_sign_are_those_the_whole_pattern_finds() -> None:
    from services.pipeline.formats import textdump_units as tu

    texts = [*_fixture_lines(), *_generated(_MARKUP_PIECES, 20000, seed=14, longest=12)]
    for text in texts:
        if "@" not in text:
            assert tu._WEB_URL.subn(" ", text) == tu._URL.subn(" ", text), text



def test_word_lists_of_ascii_texts_with_apostrophes_are_the_pattern_words() -> None:
    texts = _generated([*"ab'Z _-0.,\t\x00", "''", "'a", "a'", "a''b", "'a'b'", "don't", "\n"],
                       8000, seed=16)
    ascii_only = [text for text in texts if "\n" not in text]
    for batch in (texts, ascii_only, ascii_only[:3], ["'", "a'b'c'd", "''a''"]):
        assert tf._word_lists(batch) == [tf._words(text) for text in batch]


def test_word_lists_of_texts_beyond_ascii_read_as_ascii_are_the_pattern_words() -> None:
    # (punctuation beyond ASCII, a right single quote with or without an apostrophe,
    # letters, digits and connectors beyond ASCII, CJK punctuation the pattern reads as words)
    pieces = [*"ab'Z _-0.?\n", "\u2019", "\u201c", "\u2014", "\u00a0", "\u00e9", "\u00b2", "\u0661",
              "\u203f", "\u30fb", "\u4e00", "\u0130", "\u212a", "\U0001f600", "\u0301", "don\u2019t"]
    texts = _generated(pieces, 20000, seed=17)
    for batch in (texts, texts[:5], ["\u2019", "a\u2019b\u2019c", "\u201cQuoted\u201d \u2014 it\u2019s"]):
        assert tf._word_lists(batch) == [tf._words(text) for text in batch]


def test_terminators_and_link_boxes_not_matched_where_the_quick_tests_say_so() -> None:
    from services.pipeline.formats import textdump_rules as tr

    pieces = [*"(c)0 -:|*#\n", "Related", "MORE from", "Tags:", "tag", "(C) 2024", "\u00a9", "comments",
              "12 Comments", "up next", "Sign up", "\u212a", "keywords:", "x", "Read more", "in other news"]
    texts = [*_fixture_lines(), *_generated(pieces, 20000, seed=18, longest=6)]
    for text in texts:
        if not tr._may_be_terminator(text):
            assert tr._TERMINATORS.match(text) is None, text
        if len(text) > tr._LINK_BOX_CHARS:
            assert tr._LINK_BOX.match(text) is None, text


def test_emphasis_found_from_its_character_as_by_the_look_behinds_first() -> None:
    import re

    from services.pipeline.formats import textdump_rules as tr
    from services.pipeline.formats import textdump_units as tu

    units_pattern = re.compile(r"\*\*|__|(?<![\w*])\*(?=\w)|(?<=[\w.,!?:;)\"'])\*(?![\w*])"
                               r"|(?<![\w])_(?=\w)|(?<=[\w.,!?:;)\"'])_(?!\w)")
    rules_pattern = re.compile(r"\*\*|__|`|(?<![\w*])\*(?=\w)|(?<=[\w.,!?:;)\"'])\*(?![\w*])"
                               r"|(?<!\w)_(?=\w)|(?<=[\w.,!?:;)\"'])_(?!\w)")
    texts = [*_fixture_lines(),
             *_generated([*"*_`ab A.,!?:;)\"'1 \u00e9\u0663\u00b2", "**", "__", "***", "a_b"],
                         30000, seed=17, longest=14)]
    for text in texts:
        assert tu._EMPHASIS.sub("", text) == units_pattern.sub("", text), text
        assert tr._MD_EMPHASIS.sub("", text) == rules_pattern.sub("", text), text


def test_glue_capitals_are_as_many_as_the_glue_points() -> None:
    from services.pipeline.formats import textdump_units as tu

    texts = [*_fixture_lines(),
             *_generated([*"abcAB.!? \u00e9\u00c9", "abc", "Abc", "abC", "a.B", "x!Yz"], 30000,
                         seed=18, longest=14)]
    for text in texts:
        for end in (len(text), len(text) - 1, 5):
            assert len(tu._GLUE_CAPITAL.findall(text, 0, end)) == \
                len(tu._GLUE.findall(text[:end])), text


_LABEL_PIECES = ["photo", "PHOTO", "Foto", "image", "credit", "CREDIT", "\u0130mage", "ph", "oto",
                 ":", " ", "  ", "\t", "a", "x:", "(", ")", "\u00e9", "1", "\u017f", "K"]


def test_credit_labels_are_those_the_pattern_finds() -> None:
    texts = [*_fixture_lines(), *_generated(_LABEL_PIECES, 20000, seed=19, longest=10)]
    for text in texts:
        assert tf._credit_label(text) == (tf._CREDIT_LABEL.search(text) is not None), text


def test_date_shapes_found_from_their_first_digit_are_the_plain_pattern_matches() -> None:
    import re

    plain = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
    texts = ["\n".join(_fixture_lines()), *_fixture_lines(),
             *_generated([*"0123456789/.-: aZ_\n\u0663\u00e9", "19", "20", "2024", "12:30"],
                         30000, seed=20, longest=14)]
    for text in texts:
        assert [m.span() for m in tf._DATE_SHAPE.finditer(text)] == \
            [m.span() for m in plain.finditer(text)], text


def test_inline_chrome_is_not_tried_past_its_longest_match() -> None:
    import re._parser

    from services.pipeline.formats import textdump_rules as tr

    pattern = tr._INLINE_CHROME
    for part in (pattern, tr._SIGN_UP, tr._INBOX_PITCH, tr._SUPPORTED_PITCH):
        assert re._parser.parse(part.pattern, part.flags).getwidth()[1] + 1 \
            <= tr._INLINE_CHROME_CHARS
    tail = tr._SIGN_UP_TAIL
    assert re._parser.parse(tail.pattern, tail.flags).getwidth()[1] + 1 <= tr._SIGN_UP_CHARS
    # (the one pattern, with the alternatives that _SIGN_UP and _INBOX_PITCH hold apart)
    end = r")\W{0,3}$"
    assert pattern.pattern.endswith(end)
    pattern = re.compile(pattern.pattern[:-len(end)] + r"|.{0,200}\bsign up (?:here|now|today)"
                         r"|.{0,160}(?:\b(?:delivered (?:straight |directly )?|sent |straight |direct )"
                         r"to your inbox|\bin ihr(?:em)? postfach|\bdans votre bo\u00eete (?:mail|de r\u00e9ception))"
                         r".{0,80}"
                         r"|.{0,60}\bis a reader-supported publication\b.{0,150}"
                         r"|.{0,100}\b(?:affiliate commission|(?:may|might|we|could) earn (?:a|an) "
                         r"(?:small )?(?:affiliate )?commission|affiliate links?)\b.{0,120}"
                         + end, pattern.flags)
    texts = [*_fixture_lines(),
             *_generated(["Advertisement", "Read more: ", "sign up", " newsletter", "x" * 50,
                          "a@b.co", " ", "-", "Share", "Facebook", "|", " here", " now",
                          " today", "\u017fign up", "!", "\n", " delivered", " to your inbox",
                          " directly", "TO YOUR INBOX", " in Ihrem Postfach", " dans votre bo\u00eete mail",
                          " is a reader-supported publication",
                          "Reader-Supported", " we may earn a commission", " affiliate links",
                          " earn an affiliate commission"], 5000, seed=21, longest=12)]
    for text in texts:
        plain = tr._plain(text)
        assert tr.is_inline_chrome(text) == \
            (bool(pattern.match(plain)) or tr._is_share_row(plain)), text


def test_split_words_around_punctuation_are_the_pattern_words() -> None:
    alphabet = [*tf._EDGE_PUNCTUATION, *"ab \u00e9\u00c9'\u2019_0\u00b2\u0663\u0301", "mot",
                "\u00e9t\u00e9", "l\u2019homme", "x'y", "\u0441\u043b\u043e\u0432\u043e"]
    for text in _generated(alphabet, 30000, seed=22, longest=16):
        assert tf._split_words(text) == tf._words(text), text


def test_markdown_stripped_without_the_markup_scan_as_with_it() -> None:
    import re

    from services.pipeline.formats import textdump_rules as tr

    markup = re.compile(r"[*_\[#>!`\-+•]")

    def reference(line: str) -> str:
        return line.strip() if not markup.search(line) else tr.strip_markdown(line)

    texts = [*_fixture_lines(),
             *_generated([*_MARKUP_PIECES, " #", "#", " ", "   ", "\u3000", "\t"], 20000,
                         seed=23, longest=10)]
    for text in texts:
        assert tr.strip_markdown(text) == reference(text), text


def test_markdown_links_found_with_the_quick_alternative_are_the_pattern_links() -> None:
    from services.pipeline.formats import textdump_units as tu

    def found(pattern: re.Pattern[str], text: str, group: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m[1] if m[1] is not None else m[group])
                for m in pattern.finditer(text)]

    texts = [*_fixture_lines(),
             *_generated(["[", "]", "(", ")", "](", "[a](", "a", " ", "\n", "x)", "(y)", "!",
                          "[t](u)", "((", "))"], 30000, seed=24, longest=14),
             "[a](" + "b" * 1999 + ")", "[a](" + "b" * 2000 + ")", "[a](" + "b" * 2001 + ")",
             "[a](" + "b" * 1995 + "(c)" + ")", "[a](" + "(c)" * 700 + ")"]
    for text in texts:
        assert found(tu._MD_LINK_QUICK, text, 3) == found(tu._MD_LINK, text, 1), text


def test_break_starts_are_the_pattern_match_starts() -> None:
    texts = ["\x00".join(_fixture_lines()), *_fixture_lines(),
             *_generated([*".!?\u2026\u3002\uff01\uff1f\"\u201d\u2019')\u201c\u2018(", " ", "\t", "\n",
                          "\u3000", "\u00a0", "\x85", "\x00", "A", "Z", "0", "9", "a", "\u00c9",
                          "\uff21", "\u0663", ". A", "?) 1"], 40000, seed=25, longest=12)]
    for text in texts:
        assert sorted(tf._break_starts(text)) == \
            [m.start() for m in tf._SENTENCE_BREAK.finditer(text)], text


def test_copyright_found_in_the_bytes_as_in_the_lower_case() -> None:
    beyond = [hex(c) for c in range(0x80, 0x110000)
              if any(letter in chr(c).lower() for letter in "copyright")]
    assert beyond == ["0x130"]  # "\u0130".lower() == "i\u0307"
    texts = [*_fixture_lines(),
             *_generated(["copyright", "COPYRIGHT", "Copy", "RIGHT", "c", "o", "p", "y", "r",
                          "i", "g", "h", "t", "\u0130", "\u0131", "\u212a", "\u03a3", "\u00e9",
                          "\ud800", " ", "\n", "\U0001f600"], 20000, seed=26, longest=12)]
    for text in texts:
        assert tf._holds_copyright(text) == ("copyright" in text.lower()), text


def test_date_patterns_with_grouped_names_and_leads_match_as_the_plain_ones() -> None:
    plain_month = (r"(?P<month>" + "|".join(dates._MONTH_WORDS_LONGEST_FIRST)
                   + r")(?![^\W\d_])\.?")
    plain_weekday = r"(?:(?:" + "|".join(dates._WEEKDAYS) + r")[a-z]{0,6}\.?,?\s{1,3})?"
    words = [*dates._MONTH_NUMBER, *(w.upper() for w in dates._MONTH_NUMBER), "Mon", "tuesday",
             "\u017fept", "K", "5", "12th", "2024", "1999", ",", ".", "de", "of", " ", "  ", "-"]
    texts = [*_fixture_lines(), *(" ".join(random.Random(n).choices(words, k=n % 9 + 1))
                                  for n in range(20000))]
    for kind, pattern in dates._PATTERNS:
        if kind not in ("mdy", "dmy"):
            continue
        lead = dates._MDY_LEAD if kind == "mdy" else dates._DMY_LEAD
        assert pattern.pattern.startswith(lead)
        plain = re.compile(pattern.pattern.removeprefix(lead).replace(dates._MONTH, plain_month)
                           .replace(dates._WEEKDAY, plain_weekday), re.IGNORECASE)
        assert plain.pattern != pattern.pattern
        for text in texts:
            found, expected = pattern.search(text), plain.search(text)
            assert (found and (found.span(), found.groupdict())) \
                == (expected and (expected.span(), expected.groupdict())), text


def test_patterns_are_asked_only_of_lines_holding_what_their_matches_hold() -> None:
    from services.pipeline.formats import textdump as td
    from services.pipeline.formats import textdump_rules as tr
    from services.pipeline.formats import textdump_section as tsec
    from services.pipeline.formats import textdump_site as ts
    from services.pipeline.formats import textdump_units as tu

    texts = [*_fixture_lines(), *_generated(
        [*"ab Z:1.#[]()|/>&-", "\uff1a", "\u2014", "\u2013", "\u4e00", "\u1100", "\u2019",
         "Source", "quelle", "Read more", " \u2014 ", "https://x.org/", "  12. ", "you are here"],
        20000, seed=23)]
    for text in texts:
        if td._INSERT.match(text):
            assert ":" in text[:td._INSERT_COLON], text
        if ts._SOURCE.match(text):
            assert ":" in text or "\uff1a" in text, text
        if ts._MD_ROOT_LINK.match(text):
            assert "](" in text, text
        if ts._LYNX_FEED.match(text):
            assert "#[" in text, text
        if tr.LYNX_NUMBER.search(text):
            assert "[" in text, text
        if tr.LYNX_REFERENCE.match(text):
            assert ". " in text, text
        if tsec.SITE_SECTION_DASH.search(text):
            assert "\u2014" in text or "\u2013" in text, text
        if tu._WIDE.match(text):
            assert text[:1] >= tu._WIDE_FIRST, text
        label = tr._CRUMB_LABEL.match(text)
        if label:
            assert not tr._CRUMB_HINT.search(label.group()), text


def test_comment_headings_found_from_their_opening_words_as_by_the_pattern() -> None:
    from services.pipeline.formats import textdump as td
    from services.pipeline.formats import textdump_rules as tr
    from services.pipeline.formats import textdump_section as tsec

    texts = [*_fixture_lines(), *_generated(
        [*" -:#(1)\n", "\u00e9", "\uff1a", "Comments", "LEAVE", "a", "reply", "post", "Join", "the",
         "discussion", "Reactions", "(12)", "Section", "Ph.D.", "MD", "\u017f", "words here"],
        20000, seed=29),
        *(opening + tail for opening in ("Leave a comment", "## Join the conversation", "POST A REPLY",
                                         "- write a reply", "Add comment", "\u00bb Leave a reply",
                                         "Ab leave a reply", "Comments (12)", "joİn the discussion")
          for tail in ("", " below", " on this story, it is open to every reader"))]
    assert sum(len(t) > td._COMMENTS_SHORT and bool(td._COMMENTS.match(t)) for t in texts) >= 10
    for text in texts:
        assert td._comments_head(text) == bool(td._COMMENTS.match(text)), text
        if tsec._SECTION_LABEL.match(text):
            assert ":" in text or "\uff1a" in text, text
        if tr._CREDENTIAL.match(text):
            assert len(text) <= tr._CREDENTIAL_CHARS, text


def test_log1p_looked_up_is_math_log1p_to_the_bit() -> None:
    counts = np.array([0, 1, 2, 7, 4095, 4096, 4097, 123456, 3], dtype=np.int64)
    logs = [math.log1p(c) for c in counts.tolist()]
    assert tf._log1p_of(counts).tolist() == logs
    assert tf._log1p_of(counts, squared=True).tolist() == [c ** 2 / 10 for c in logs]
    assert tf._log1p_of(np.zeros(0, dtype=np.int64)).tolist() == []


def test_markers_grouped_by_first_letter_match_as_the_plain_alternations() -> None:
    from services.pipeline.formats import textdump_lines as tl
    from services.pipeline.formats import textdump_rules as tr

    lone_marker = re.compile(
        r"^[|\u00b7\u2022\s]{0,3}(?:(?:written |posted |story |words )?by|von|par|por|di|door|av|af"
        r"|publicado por|postado por|publi\u00e9 par|pubblicato da"
        r"|authors?|autor|auteur|published|updated|posted|last updated|publi\u00e9 le|publi\u00e9"
        r"|mis \u00e0 jour le|ver\u00f6ffentlicht(?: am)?|aktualisiert(?: am)?|publicado(?: el| em)?"
        r"|actualizado|atualizado(?: em)?|pubblicato(?: il)?|aggiornato(?: il)?"
        r"|opublikowano|aktualizacja|zaktualizowano|g\u00fcncelleme|yay\u0131nlanma|giri\u015f"
        r"|publicerad|uppdaterad|publiceret|opdateret|publisert|oppdatert|julkaistu|p\u00e4ivitetty"
        r"|\u043e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432\u0430\u043d\u043e"
        r"|\u043e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u043e|penulis|oleh|deur)\s{0,2}:?$"
        r"|^[|\u00b7\u2022\s]{0,3}(?:reporters?|writers?|autora|autores|autorin|autore|autori|autorka"
        r"|auteurs|avtor(?:ja|ji|ica)?|texto?|texte|tekst|yazar|muhabir|pi\u0161e|napisao|napisala"
        r"|\u0430\u0432\u0442\u043e\u0440|\u043f\u0438\u0448\u0435|szerz\u0151k?)\s{0,2}:$",
        re.IGNORECASE)
    inline_chrome = re.compile(
        r"^\W{0,3}(?:advertisement|advertising|ad|sponsored"
        r"|story continues below(?: (?:this )?(?:advertisement|ad))?"
        r"|anzeige|werbung|publicit\u00e9|publicidad|publicidade|pubblicit\u00e0|advertentie|annonce"
        r"|annonse|annons|mainos|reklama|reklam|\u0440\u0435\u043a\u043b\u0430\u043c\u0430|hirdet\u00e9s"
        r"|publicitate|publicitat|oglas|inzerce|rekl\u0101ma|reklaam"
        r"|\u03b4\u03b9\u03b1\u03c6\u03ae\u03bc\u03b9\u03c3\u03b7|\u03b4\u03b9\u03b1\u03c6\u03b7\u03bc\u03b9\u03c3\u03b7"
        r"|qu\u1ea3ng c\u00e1o|iklan|\u5e83\u544a|\u5e7f\u544a|\u5ee3\u544a|\uad11\uace0"
        r"|inzercia|augl\u00fdsing|advertensie|tangazo|patalastas|\u043e\u0433\u043b\u0430\u0441"
        r"|\u05e4\u05e8\u05e1\u05d5\u05de\u05ea|\u0625\u0639\u0644\u0627\u0646"
        r"|\u062a\u0628\u0644\u06cc\u063a\u0627\u062a|\u0627\u0634\u062a\u06c1\u0627\u0631"
        r"|\u0935\u093f\u091c\u094d\u091e\u093e\u092a\u0928|\u09ac\u09bf\u099c\u09cd\u099e\u09be\u09aa\u09a8"
        r"|\u0e42\u0e06\u0e29\u0e13\u0e32"
        r"|f\u00f3gra|hysbyseb|reklam\u00eb|iragarkia|\u10e0\u10d4\u10d9\u10da\u10d0\u10db\u10d0"
        r"|\u0563\u0578\u057e\u0561\u0566\u0564|\u0436\u0430\u0440\u043d\u0430\u043c\u0430"
        r"|\u0441\u0443\u0440\u0442\u0430\u043b\u0447\u0438\u043b\u0433\u0430\u0430|\u0695\u06cc\u06a9\u0644\u0627\u0645"
        r"|\u121b\u1235\u1273\u12c8\u1242\u12eb|\u091c\u093e\u0939\u093f\u0930\u093e\u0924"
        r"|\u0a9c\u0abe\u0ab9\u0ac7\u0ab0\u0abe\u0aa4|\u0a07\u0a38\u0a3c\u0a24\u0a3f\u0a39\u0a3e\u0a30"
        r"|\u0a07\u0a36\u0a24\u0a3f\u0a39\u0a3e\u0a30"
        r"|\u0bb5\u0bbf\u0bb3\u0bae\u0bcd\u0baa\u0bb0\u0bae\u0bcd|\u0c2a\u0c4d\u0c30\u0c15\u0c1f\u0c28"
        r"|\u0c9c\u0cbe\u0cb9\u0cc0\u0cb0\u0cbe\u0ca4\u0cc1|\u0d2a\u0d30\u0d38\u0d4d\u0d2f\u0d02"
        r"|\u0daf\u0dd0\u0db1\u0dca\u0dc0\u0dd3\u0db8|\u1000\u103c\u1031\u102c\u103a\u1004\u103c\u102c"
        r"|thanks? (?:you )?for reading.{0,160}"
        r"|continue reading(?: below)?|scroll (?:down )?to continue.{0,200}|skip advertisement"
        r"|(?:read|see|watch|listen|related|more) ?(?:more|also|now|next|:) ?[:>\-–—|].{0,200}"
        r"|(?:read|see|watch|related) ?:.{0,200}|also (?:read|see|on) ?:.{0,200}"
        r"|click here to (?:subscribe|sign up|register|read|see|watch|follow|join).{0,120}"
        r"|sign up.{0,120}newsletter.{0,60}|sign up for more(?: like this| stories)?"
        r"|sign up for (?:the |our )?(?-i:[A-Z][\w'&]{0,30}(?: [A-Z][\w'&]{0,30}){0,5})"
        r"|by (?:submitting|entering) your e-?mail.{0,200}"
        r"|(?:follow us on|s\u00edg(?:ue|a)nos en|suivez-nous sur|folgen sie uns auf|siga-nos n[oa]"
        r"|seguici su|volg ons op).{0,120}|our standards ?:.{0,100}"
        r"|(?:also read|read also|leggi anche|lesen sie auch|lire aussi|leia tamb\u00e9m"
        r"|lee tambi\u00e9n|czytaj (?:te\u017c|tak\u017ce)|zobacz (?:te\u017c|tak\u017ce)|l\u00e4s ocks\u00e5"
        r"|les ogs\u00e5|l\u00e6s ogs\u00e5|lees ook"
        r"|\u0447\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435|baca juga|ez is \u00e9rdekelheti"
        r"|\u03b4\u03b9\u03b1\u03b2\u03ac\u03c3\u03c4\u03b5 \u03b5\u03c0\u03af\u03c3\u03b7\u03c2"
        r"|cite\u0219te \u0219i|llegeix tamb\u00e9|pro\u010ditajte (?:jo\u0161|i)|\u010dt\u011bte tak\u00e9"
        r"|\u0447\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u043e\u0436)"
        r" ?[|>:\-\u2013\u2014]? ?(?-i:[A-Z\u00c0-\u00de\u0400-\u042f\u201c\"]).{0,200}"
        r"|(?:article |contenu |story |content )?(?:r\u00e9serv\u00e9 aux abonn\u00e9s"
        r"|for subscribers(?: only)?|subscribers? only|subscriber exclusive"
        r"|exclusivo para (?:suscriptores|assinantes)|nur f\u00fcr abonnenten|riservato agli abbonati)"
        r"|you have \d{1,3} free (?:stories|articles?|reads?) left.{0,120}"
        r"|see more ?:.{0,200}|most read(?: in [\w ]{1,30})?|related (?:post|article|story)"
        r" ?:.{0,200}|like this (?:story|article)\?.{0,80}|subscribe to .{0,80}|tell us what you think"
        r"|thanks? (?:you )?for signing up.{0,60}|keep an eye on your inbox.{0,80}"
        r"|thanks? (?:you )?for subscribing.{0,60}|we use your sign-?up.{0,240}"
        r"|was this (?:article|story|page|fact.check) (?:helpful|useful)\??"
        r"|this (?:article|story) (?:appears|appeared) in .{0,120}"
        r"|support (?:local|independent|our) journalism.{0,120}"
        r"|(?:have|got) a (?:news )?tip\?.{0,120}|har du ett tips\?.{0,120}"
        r"|this (?:article|content|information) is (?:provided )?for (?:general )?informational purposes only.{0,200}"
        r"|there was an error processing your subscription.{0,40}|more ?:"
        r"|also on [\w-]{1,60}\.\w{2,4}\b.{0,200}"
        r"|article content|this advertisement has not loaded yet.{0,80}|you can save this article.{0,120}"
        r"|click to (?:share|email|print|copy).{0,80}|listen to this (?:article|story).{0,80}"
        r"|advertise with .{0,60}|this content is blocked.{0,240}|ce contenu est bloqu\u00e9.{0,240}"
        r"|cet article vous a \u00e9t\u00e9 utile.{0,200}|disclaimer ?:.{0,240}|donate (?:today|now)\W{0,3}"
        r"|haberin devam\u0131|dalsza cz\u0119\u015b\u0107 artyku\u0142u.{0,60}"
        r"|download (?:the|our) .{0,60}\bapp\b.{0,120}|participe do canal .{0,100}|join us"
        r"|(?:segu\u00ed|sigue|seguir|contin\u00faa) leyendo|continue lendo|continua a leggere"
        r"|weiterlesen|lire la suite|lees verder|czytaj dalej|devam\u0131n\u0131 oku"
        r"|fehler gefunden\?.{0,40}|\u3010(?:\u95a2\u9023\u8a18\u4e8b|\u95a2\u9023)\u3011.{0,200}"
        r"|il vous reste [\d.,]{1,6} ?% de cet article \u00e0 lire.{0,120}"
        r"|(?:\u8d23\u4efb\u7f16\u8f91|\u8cac\u4efb\u7de8\u8f2f|\u8d23\u7f16) ?[:\uff1a].{1,20}"
        r"|(?:\u58f0\u660e|\u8072\u660e|\u7248\u6743\u58f0\u660e|\u514d\u8d23\u58f0\u660e) ?[:\uff1a].{1,200}"
        r"|(?:read|watch|listen) \| .{0,200}"
        r"|[\w.+-]{1,64}@[\w-]{1,63}\.[\w.]{1,63}|(?:https?://)?(?:www\.)?twitter\.com/\w{1,30}"
        r"|(?:font size|text size|listen to (?:this )?article|\d{1,3} min(?:ute)?s? read|"
        r"reading time.{0,20}|print this (?:article|page)|save (?:article|story)|"
        r"bookmark|gift (?:this )?article|view comments|(?:learn|find out|read|see) more)"
        r")\W{0,3}$",
        re.IGNORECASE)
    pieces = [*tl._LONE_MARKERS, *tl._LONE_LABELS, *tr._INLINE_CHROME_WORDS]
    words = [re.sub(r"\(\?[^)]*\)|\\.|[?()\[\]{}|.*+]|\d", "", p) for p in pieces]
    texts = [*_fixture_lines(), *words, *(w.upper() for w in words),
             *_generated([*words, "| ", "\u2022 ", ":", " ", "  ", "-", "!", "\u017f", "\u212a",
                          "\u0130", "\u0131", "Sign Up For The Daily", "x", "@", "a@b.co",
                          "twitter.com/x", "read more", "Read:", "written", "BY", "Von",
                          "story", "posted", "Also Read | X", "Leggi ancheX", "Subscribers only",
                          "Article r\u00e9serv\u00e9 aux abonn\u00e9s"], 20000, seed=31, longest=4)]
    for pattern, reference in ((tl._LONE_MARKER, lone_marker), (tr._INLINE_CHROME, inline_chrome)):
        assert pattern.flags == reference.flags and pattern.pattern != reference.pattern
        assert sum(bool(reference.match(text)) for text in texts) >= 200
        for text in texts:
            assert bool(pattern.match(text)) == bool(reference.match(text)), text
    for bad in ("", "(?:a)b", "\\d", ".x", "s?x"):
        with pytest.raises(ValueError):
            dates.by_first_letter([bad])


def test_wide_characters_counted_by_runs_as_one_by_one() -> None:
    from services.pipeline.formats import textdump_units as tu

    wide = re.compile(tu._WIDE.pattern)
    zero = re.compile(tu._WIDE_OR_ZERO_CHAR)
    alphabet = ["a", " ", "日", "本", "한", "\u0e34", "\u0301", "\uff21", "\u3000", "é", "\u0e01"]
    for text in _fixture_lines() + _generated(alphabet, 3000, seed=11):
        words = len(text.split())
        count = len(wide.findall(text))
        assert tu.word_count(text) == (words + count // 2 if count else words), text
        found = zero.findall(text)
        width = len(text) + len(wide.findall("".join(found))) - (len(found) - len(wide.findall("".join(found))))
        assert tu._width(text) == (len(text) if text.isascii() or not found else width), text
