"""Month names from the Unicode CLDR: dates in the languages the parser's own list does
not hold, and the generated module kept equal to its generator."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.pipeline.formats.dates import find_date
from services.pipeline.formats.textdump_meta import read_meta

GENERATOR = Path(__file__).resolve().parents[2] / "deploy" / "month_names.py"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("month_names_generator", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_module_is_what_its_generator_writes() -> None:
    generator = _generator()
    assert generator.TARGET.read_text(encoding="utf-8") == generator.render(), \
        "rerun: python deploy/month_names.py"


@pytest.mark.parametrize(("text", "expected"), [
    ("Publicat: 12 martie 2024, ora 14:30", datetime(2024, 3, 12, 14, 30, tzinfo=UTC)),  # ro
    ("Objavljeno: 5. ožujka 2024. u 09:15", datetime(2024, 3, 5, 9, 15, tzinfo=UTC)),  # hr
    ("Опубліковано 12 березня 2024 р., 14:30", datetime(2024, 3, 12, 14, 30, tzinfo=UTC)),  # uk
    ("Публикувано на 3 октомври 2024", datetime(2024, 10, 3, tzinfo=UTC)),  # bg
    ("Selasa, 12 Maret 2024 14:30 WIB", datetime(2024, 3, 12, 7, 30, tzinfo=UTC)),  # id
    ("Imechapishwa: 4 Machi 2024", datetime(2024, 3, 4, tzinfo=UTC)),  # sw
    ("פורסם: 12 בנובמבר 2024", datetime(2024, 11, 12, tzinfo=UTC)),  # he
    ("Publicat el 12 de març de 2024", datetime(2024, 3, 12, tzinfo=UTC)),  # ca
    ("Avaldatud 12. oktoober 2024", datetime(2024, 10, 12, tzinfo=UTC)),  # et
    ("Publicēts 2. novembris 2024", datetime(2024, 11, 2, tzinfo=UTC)),  # lv
    ("Publikuar më 12 nëntor 2024", datetime(2024, 11, 12, tzinfo=UTC)),  # sq
    ("Zverejnené 12. októbra 2024", datetime(2024, 10, 12, tzinfo=UTC)),  # sk
    # an abbreviation of three letters in a script other than Latin, and "ч." after the time
    ("14 яну 2025, 9:32 ч.", datetime(2025, 1, 14, 9, 32, tzinfo=UTC)),  # bg
    # the year first with "m." and the day with "d."
    ("2025 m. vasario 11 d. 14:08", datetime(2025, 2, 11, 14, 8, tzinfo=UTC)),  # lt
    # numeric dates with a space after each dot, and the words before a time
    ("Objavljeno: 12. 3. 2025 ob 10.45", datetime(2025, 3, 12, 10, 45, tzinfo=UTC)),  # sl
    ("Julkaistu 7.4.2025 klo 18.05", datetime(2025, 4, 7, 18, 5, tzinfo=UTC)),  # fi
    ("Objavljeno 5.3.2024 u 14:30", datetime(2024, 3, 5, 14, 30, tzinfo=UTC)),  # hr
    ("Опубликовано 12 марта 2024 в 14:30", datetime(2024, 3, 12, 14, 30, tzinfo=UTC)),  # ru
    # the digits and months of Bengali, Hindi and Urdu (a space after the time's colon)
    ("প্রকাশ: ১৭ জুলাই ২০২৫, ০৮: ৩০", datetime(2025, 7, 17, 8, 30, tzinfo=UTC)),  # bn
    ("प्रकाशित: १७ जुलाई २०२५", datetime(2025, 7, 17, tzinfo=UTC)),  # hi
    # (and the spellings Hindi papers print beside CLDR's)
    ("15 फरवरी 2025", datetime(2025, 2, 15, tzinfo=UTC)),  # hi
    ("3 सितम्बर 2025", datetime(2025, 9, 3, tzinfo=UTC)),  # hi
    ("3 अक्तूबर 2025", datetime(2025, 10, 3, tzinfo=UTC)),  # hi
    ("3 नवम्बर 2025", datetime(2025, 11, 3, tzinfo=UTC)),  # hi
    ("3 दिसम्बर 2025", datetime(2025, 12, 3, tzinfo=UTC)),  # hi
    ("۱۷ جولائی ۲۰۲۵", datetime(2025, 7, 17, tzinfo=UTC)),  # ur
    # Thai: the months' abbreviations and the Buddhist Era's year (2568 is 2025)
    ("14 มี.ค. 2568 10:22 น.", datetime(2025, 3, 14, 10, 22, tzinfo=UTC)),  # th
    ("แก้ไขล่าสุด: 3 ก.พ. 2568", datetime(2025, 2, 3, tzinfo=UTC)),  # th
    ("14 มีนาคม 2568", datetime(2025, 3, 14, tzinfo=UTC)),  # th
    ("Slovenské noviny, 3. apr 2025 o 8:15", datetime(2025, 4, 3, 8, 15, tzinfo=UTC)),  # sk
    # Persian: the Solar Hijri calendar (25 Azar 1403 is 15 December 2024), named or numbered
    ("کد خبر: ۸۴۱۲۷۳۶ یکشنبه ۲۵ آذر ۱۴۰۳ - ۱۱:۴۵", datetime(2024, 12, 15, 11, 45, tzinfo=UTC)),  # fa
    ("۱۴۰۳/۰۹/۲۵ ساعت ۱۱:۴۵", datetime(2024, 12, 15, 11, 45, tzinfo=UTC)),  # fa
    ("تاريخ انتشار: ۱ فروردين ۱۴۰۴", datetime(2025, 3, 21, tzinfo=UTC)),  # fa, Arabic yeh
])
def test_dates_in_more_languages(text: str, expected: datetime) -> None:
    found = find_date(text)
    assert found is not None and found.value == expected


def test_a_name_two_languages_give_different_months_keeps_the_parsers_own() -> None:
    # "listopada": November in Polish (the parser's own list), October in Croatian
    found = find_date("12 listopada 2024")
    assert found is not None and found.value == datetime(2024, 11, 12, tzinfo=UTC)


def test_a_romanian_date_line_under_the_headline_is_the_publication() -> None:
    meta = read_meta(["Știri", "Consiliul votează reconstruirea podului vechi din port",
                      "Autor: Ana Popescu", "12 martie 2024, 14:30"])
    assert meta.published_at == datetime(2024, 3, 12, 14, 30, tzinfo=UTC)
    assert meta.authors == ["Ana Popescu"]


def test_a_solar_hijri_date_that_is_none_and_a_number_that_is_no_year() -> None:
    assert find_date("۳۱ اسفند ۱۴۰۳") is None  # (Esfand 1403 has 30 days)
    assert find_date("کد خبر: ۱۴۰۳") is None
