"""Enrichers one by one (no servers), the profiles, and the seed's entities."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.budget import Budget
from services.config import Settings
from services.errors import ConfigError
from services.pipeline.enrich import (
    ArticleText,
    Enricher,
    Enrichment,
    Entity,
    build_enrichers,
    run_enrichers,
)
from services.pipeline.enrich.entities import EntityEnricher, collect, normalise
from services.pipeline.enrich.keywords import KeywordEnricher
from services.pipeline.enrich.language import LanguageEnricher
from services.pipeline.enrich.linklists import LinkListEnricher
from services.pipeline.enrich.quality import (
    MEAN_READABILITY_PART,
    MEAN_SPECIFICITY_PART,
    quality_score,
)
from services.pipeline.enrich.readability import ReadingTimeEnricher, flesch_reading_ease, syllables
from services.pipeline.enrich.sentiment import SentimentEnricher
from services.pipeline.enrich.staleness import StalenessEnricher, stale_evidence
from services.pipeline.enrich.wire import WireEnricher
from services.pipeline.formats import parse_file
from services.pipeline.wire import is_wire_original
from tests.support import SEED


@pytest.fixture(scope="module")
def seed() -> ArticleText:
    raw = SEED.read_bytes()
    parsed = parse_file(raw, filename=SEED.name)
    return ArticleText(
        body=parsed.body, title=parsed.title, site_name=parsed.site_name, url=parsed.url,
        published_at=parsed.published_at, wire_source=parsed.wire_source, page_text=raw.decode(),
    )  # fmt: skip


def _run(step: Enricher, article: ArticleText, language: str | None = None) -> Enrichment:
    out = Enrichment(language=language)
    step(article, out)
    return out


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The government said on Tuesday that the new budget would cut taxes for most families.", "en"),
        ("Le gouvernement a annoncé mardi que le nouveau budget réduirait les impôts des familles.", "fr"),
        ("Die Regierung kündigte am Dienstag an, dass der neue Haushalt die Steuern senken werde.", "de"),
        ("El gobierno anunció el martes que el nuevo presupuesto reduciría los impuestos.", "es"),
        ("Правительство во вторник объявило, что новый бюджет снизит налоги для семей.", "ru"),
    ],
)
def test_language_is_iso_639_1_with_a_confidence(text: str, code: str) -> None:
    out = _run(LanguageEnricher(), ArticleText(body=text))
    assert out.language == code
    assert out.language_confidence is not None and 0 < out.language_confidence <= 1
    assert "language" in out.timings_ms


def test_too_little_text_has_no_language() -> None:
    assert _run(LanguageEnricher(), ArticleText(body="OK 42")).language is None


def test_seed_entities_include_the_people_organisations_and_places_it_names(seed: ArticleText) -> None:
    out = _run(EntityEnricher(), seed, language="en")
    assert out.entities is not None
    found = {(e.name, e.type) for e in out.entities}
    people = {"John Kirby", "Sergei Shoigu", "Joe Biden"}
    orgs = {"White House", "National Security Council", "Congress", "Wagner", "Hezbollah", "Kremlin"}
    places = {"Iran", "Russia", "Ukraine", "Moscow", "Tehran", "North Korea"}
    assert {(n, "PERSON") for n in people} <= found
    assert {(n, "ORG") for n in orgs} <= found
    assert {(n, "PLACE") for n in places} <= found
    kirby = next(e for e in out.entities if e.name == "John Kirby")
    assert kirby.mentions >= 7  # "Kirby" alone counts for the full name
    assert not any(e.name == "Kirby" for e in out.entities)


def test_entities_are_skipped_for_other_languages() -> None:
    out = _run(EntityEnricher(), ArticleText(body="Emmanuel Macron est à Paris."), language="fr")
    assert out.entities is None


def test_entity_names_are_normalised() -> None:
    assert normalise("the White House") == "White House"
    assert normalise("Kirby\u2019s") == "Kirby"
    assert normalise("WASHINGTON") == "Washington"
    assert normalise("NATO") == "NATO"
    entities = collect([("U.S.", "GPE"), ("US", "GPE"), ("the Kremlin", "GPE"), ("Ukrainian", "NORP"),
                        ("Jane Roe", "PERSON"), ("Roe", "PERSON"), ("1990", "DATE")])
    got = {(e.name, e.type, e.mentions) for e in entities}
    assert got == {("United States", "PLACE", 2), ("Kremlin", "ORG", 1), ("Ukrainian", "NORP", 1),
                   ("Jane Roe", "PERSON", 2)}


def test_keywords_are_ranked_with_scores() -> None:
    body = ("The city council approved the new tram line on Monday. The tram line will link the "
            "harbour to the airport. Council members said the tram line cost less than a bus lane. "
            "Residents near the harbour welcomed the tram.")
    out = _run(KeywordEnricher(), ArticleText(body=body, title="Council approves tram line"), language="en")
    words = [k for k, _ in out.keywords]
    assert words[0] == "tram line"
    assert out.keywords[0][1] == 1.0 and all(0 < s <= 1 for _, s in out.keywords)
    assert "said" not in words and len(out.keywords) <= 10


def test_sentiment_for_english_only() -> None:
    good = _run(SentimentEnricher(), ArticleText(body="The rescue was a wonderful success. Everyone was happy."),
                language="en")
    bad = _run(SentimentEnricher(), ArticleText(body="The attack was a horrible disaster. Many were killed."),
               language="en")
    assert good.sentiment is not None and bad.sentiment is not None
    assert good.sentiment > 0.3 and bad.sentiment < -0.3
    assert _run(SentimentEnricher(), ArticleText(body="Ein schrecklicher Tag."), language="de").sentiment is None


def test_readability_and_reading_time() -> None:
    assert syllables("make") == 1 and syllables("table") == 2 and syllables("asked") == 1
    assert syllables("government") == 3
    easy = flesch_reading_ease("The cat sat on the mat. It was a big cat.")
    hard = flesch_reading_ease(
        "Notwithstanding considerable institutional reluctance, parliamentary representatives "
        "unanimously authorised comprehensive infrastructural modernisation."
    )
    assert easy is not None and hard is not None and easy > 90 and hard < 0
    out = _run(ReadingTimeEnricher(), ArticleText(body="word " * 476), language="en")
    assert out.reading_time_s == 120


def test_wire_copy_on_a_non_wire_site() -> None:
    body = "WASHINGTON (AP) — Officials met on Monday."
    copy = _run(WireEnricher(), ArticleText(body=body, site_name="Quantum Capital Pro"))
    assert (copy.wire_source, copy.is_wire_copy) == ("AP", True)
    original = _run(WireEnricher(), ArticleText(body=body, site_name="AP News", url="https://apnews.com/x"))
    assert (original.wire_source, original.is_wire_copy) == ("AP", False)
    plain = _run(WireEnricher(), ArticleText(body="Officials met on Monday.", site_name="Daily"))
    assert (plain.wire_source, plain.is_wire_copy) == (None, False)
    assert is_wire_original("Reuters", None) and not is_wire_original("Daily Planet", "https://daily.example/")


def test_seed_is_a_stale_republish(seed: ArticleText) -> None:
    out = _run(StalenessEnricher(), seed)
    assert out.stale_republish is True
    assert out.signals["stale_lag_days"] >= 180
    assert out.signals["lede_weekday_lag_days"] == 6  # "Tuesday" on a Monday page


def test_fresh_stories_are_not_stale() -> None:
    page = datetime(2025, 4, 7, tzinfo=UTC).date()
    assert stale_evidence("Officials met on Monday. Elections will be held in June.", page)["stale_lag_days"] == 0
    assert stale_evidence("Sales rose in March and again last May. It may rain.", page)["stale_lag_days"] == 0
    assert stale_evidence("In 2024 sales rose; in 2025 they fell.", page)["stale_lag_days"] == 0
    lag = stale_evidence("The deal signed on March 3, 2021 was cancelled.", page)["stale_lag_days"]
    assert isinstance(lag, int) and lag > 1000
    assert _run(StalenessEnricher(), ArticleText(body="In June.")).stale_republish is None  # no page date


def test_seed_page_is_padded_with_link_lists(seed: ArticleText) -> None:
    out = Enrichment(language="en")
    KeywordEnricher()(seed, out)
    LinkListEnricher()(seed, out)
    assert out.link_list_spam is True and out.signals["link_items"] >= 20
    clean = _run(LinkListEnricher(), ArticleText(body="A short story.", page_text="A short story.\n"))
    assert clean.link_list_spam is False
    assert _run(LinkListEnricher(), ArticleText(body="x")).link_list_spam is None


def test_quality_score_formula() -> None:
    good = Enrichment(readability=60.0, entities=[], is_wire_copy=False)
    assert quality_score(good, words=800) == pytest.approx((1 + 1 + 0) / 3, abs=1e-3)
    bad = Enrichment(readability=60.0, stale_republish=True, link_list_spam=True, is_wire_copy=True)
    assert quality_score(bad, words=800) == pytest.approx(
        (1 + 1 + MEAN_SPECIFICITY_PART) / 3 * 0.5 * 0.8 * 0.9, abs=1e-3)
    assert 0 <= quality_score(Enrichment(readability=-40.0), words=0) <= 1


def test_a_part_that_was_not_measured_neither_helps_nor_hurts() -> None:
    # A long article in a language without readability or NER: its score is what an
    # English article of the same length with typical readability and entities gets,
    # not 1.0 above every English article.
    foreign = quality_score(Enrichment(language="de"), words=800)
    plain = quality_score(
        Enrichment(readability=60.0, entities=[Entity(name=f"E{i}", type="ORG", mentions=1) for i in range(8)]),
        words=800)
    opaque = quality_score(Enrichment(readability=10.0, entities=[]), words=800)
    assert opaque < foreign < plain == 1.0
    assert foreign == pytest.approx((1 + MEAN_READABILITY_PART + MEAN_SPECIFICITY_PART) / 3,
                                    abs=1e-3)


def test_profiles(seed: ArticleText) -> None:
    full = run_enrichers(build_enrichers("full"), seed, profile="full")
    fast = run_enrichers(build_enrichers("fast"), seed, profile="fast")
    assert full.entities and fast.entities is None and "entities" not in fast.timings_ms
    assert full.language == fast.language == "en"
    assert full.quality_score is not None and fast.quality_score is not None
    assert full.quality_score < 0.5  # stale, padded wire copy
    with pytest.raises(ValueError):
        build_enrichers("turbo")


def test_profile_setting() -> None:
    assert Settings.from_env({}).enrich_profile == "full"
    assert Settings.from_env({"COPYDESK_ENRICH_PROFILE": "fast"}).enrich_profile == "fast"
    with pytest.raises(ConfigError):
        Settings.from_env({"COPYDESK_ENRICH_PROFILE": "turbo"})


def test_importing_enrichment_loads_no_model() -> None:
    import subprocess
    import sys

    code = ("import sys, services.pipeline.enrich, services.enrich; "
            "print(any(m in sys.modules for m in ('spacy', 'lingua', 'vaderSentiment')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_step_that_fails_on_an_article_is_recorded_and_the_others_still_run() -> None:
    class Broken(Enricher):
        name = "broken"

        def apply(self, article: ArticleText, out: Enrichment) -> None:
            raise ValueError("year 0 is out of range")

    steps = [Broken(), *build_enrichers("fast")]
    for budget in (None, Budget(cpu_seconds=5, memory_mb=0)):
        out = run_enrichers(steps, ArticleText(body="The ferry ran again on Monday. " * 20),
                            profile="fast", budget=budget)
        assert out.errors["broken"][0] == "step_failed" and "year 0" in out.errors["broken"][1]
        assert out.language == "en" and out.quality_score is not None


def test_stop_word_lists_are_spacys_read_without_importing_the_language_package() -> None:
    import subprocess
    import sys

    # In a fresh interpreter: importing spacy.lang.fr runs its tokenizer exceptions
    # (seconds of CPU on the first French article); the list is read from its file.
    code = ("import sys; from services.pipeline.enrich import models; "
            "fr = models.stop_words('fr'); models.all_stop_words(); "
            "print('spacy.lang.fr' in sys.modules, len(fr), models.loaded())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False" and int(out[1]) > 400
    assert out[-1] == "['stop_words:25']"

    from spacy.lang.fr.stop_words import STOP_WORDS

    from services.pipeline.enrich import models

    assert models.stop_words("fr") == frozenset(w.casefold() for w in STOP_WORDS)
    assert models.stop_words("../../etc") == models.stop_words("xx") == models.stop_words("en")
