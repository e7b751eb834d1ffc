"""The pure near-duplicate steps: config names, shingles, signatures, bands, verification."""

from __future__ import annotations

import hashlib
import random

import pytest

from services.pipeline.dedup import (
    DEFAULT_CONFIG,
    DEFAULT_THRESHOLDS,
    MinHashConfig,
    Signature,
    Thresholds,
    band_keys,
    is_same_story,
    make_signature,
    shingle_hashes,
    similarity,
    words,
)

_VOCAB = [f"w{i}" for i in range(4000)]


def _text(seed: int, n: int = 700) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_VOCAB) for _ in range(n))


def test_config_name_states_every_parameter_and_round_trips() -> None:
    cfg = MinHashConfig(shingle_words=5, num_perm=128, bands=32, rows=4, seed=1)
    assert str(cfg) == "minhash-w5-p128-b32r4-seed1"
    assert MinHashConfig.from_name(cfg.name) == cfg
    assert DEFAULT_CONFIG.name == "minhash-w4-p128-b42r3-seed1"
    with pytest.raises(ValueError):
        MinHashConfig(num_perm=64, bands=32, rows=4)
    with pytest.raises(ValueError):
        MinHashConfig.from_name("minhash-w5")


@pytest.mark.parametrize("lede", [{"lede_words": 0}, {"lede_bands": -1}, {"lede_rows": 0},
                                  {"lede_bands": 65, "lede_rows": 2}])
def test_bad_lede_parameters_are_refused(lede: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        MinHashConfig(**lede)


def test_candidate_curve() -> None:
    cfg = DEFAULT_CONFIG
    assert cfg.candidate_probability(0.4) > 0.9  # content-farm copies are found
    assert cfg.candidate_probability(0.02) < 0.001  # unrelated stories are not
    assert cfg.lede_candidate_probability(0.5) > 0.85  # copies opening alike
    assert cfg.lede_candidate_probability(0.05) < 0.0025


def test_words_ignore_case_punctuation_and_apostrophes() -> None:
    assert words("Don't  STOP—the Band's “music”.") == ["dont", "stop", "the", "bands", "music"]


def test_shingle_hashes_are_deterministic_and_distinct() -> None:
    tokens = ["a", "b", "c", "d", "e", "a", "b", "c", "d", "e"]
    h = shingle_hashes(tokens, 4)
    assert len(h) == 5  # "a b c d" twice counts once
    assert list(h) == list(shingle_hashes(list(tokens), 4))
    assert len(shingle_hashes(["one", "two"], 4)) == 1  # shorter than a shingle: one shingle
    assert len(shingle_hashes([], 4)) == 0


def test_signature_estimates_jaccard() -> None:
    base = _text(1).split()
    # replace a word in every 10th position: Jaccard of 4-shingles ~ (0.6/1.4) ~ 0.43
    edited = [("x" if i % 10 == 0 else w) for i, w in enumerate(base)]
    a, b = make_signature(" ".join(base), DEFAULT_CONFIG), make_signature(" ".join(edited), DEFAULT_CONFIG)
    sa = set(shingle_hashes(base, 4).tolist())
    sb = set(shingle_hashes(edited, 4).tolist())
    true_j = len(sa & sb) / len(sa | sb)
    # without the shingle sets (a signature stored before they were kept): the estimate
    estimated = similarity(Signature(a.values, a.shingles), Signature(b.values, b.shingles))
    assert abs(estimated.jaccard - true_j) < 0.12 and estimated.jaccard != pytest.approx(true_j)
    assert a.shingles == len(sa)


def test_verification_counts_the_shingle_sets_exactly() -> None:
    base = _text(11).split()
    # a copy cut to its first 60 % with every 12th word replaced, against the whole story
    copy = [("z" if i % 12 == 0 else w) for i, w in enumerate(base[:420])]
    sa, sb = set(shingle_hashes(base, 4).tolist()), set(shingle_hashes(copy, 4).tolist())
    shared = len(sa & sb)
    sim = similarity(make_signature(" ".join(base), DEFAULT_CONFIG),
                     make_signature(" ".join(copy), DEFAULT_CONFIG))
    assert sim.jaccard == pytest.approx(shared / len(sa | sb))
    assert sim.containment == pytest.approx(shared / len(sb))
    assert sim.coverage == pytest.approx(shared / len(sa))
    assert 0.6 < sim.containment < 0.75  # a truncated, edited copy: contained


def test_signature_round_trips_through_bytes() -> None:
    sig = make_signature(_text(2), DEFAULT_CONFIG)
    back = Signature.from_bytes(sig.to_bytes(), sig.shingles, sig.set_bytes())
    assert (back.values == sig.values).all() and back.shingles == sig.shingles
    assert len(sig.to_bytes()) == 4 * DEFAULT_CONFIG.num_perm
    assert sig.shingle_set is not None and back.shingle_set is not None
    assert back.shingle_set.tolist() == sig.shingle_set.tolist() == sorted(set(sig.shingle_set.tolist()))
    assert len(sig.set_bytes() or b"") == 4 * sig.shingles  # (no two low halves equal here)
    assert Signature.from_bytes(sig.to_bytes(), sig.shingles).shingle_set is None


def test_band_keys_sorted_distinct_and_config_specific() -> None:
    sig = make_signature(_text(3), DEFAULT_CONFIG)
    keys = band_keys(sig, DEFAULT_CONFIG)
    assert keys == sorted(set(keys)) and len(keys) == DEFAULT_CONFIG.bands + DEFAULT_CONFIG.lede_bands
    assert all(-(2**63) <= k < 2**63 for k in keys)
    other = MinHashConfig(shingle_words=4, num_perm=128, bands=42, rows=3, seed=2)
    assert not set(keys) & set(band_keys(sig, other))
    no_lede = MinHashConfig(lede_bands=0)
    assert no_lede.name == DEFAULT_CONFIG.name  # the lede bands change no signature
    whole = band_keys(make_signature(_text(3), no_lede), no_lede)
    assert len(whole) == DEFAULT_CONFIG.bands and set(whole) < set(keys)


def test_band_keys_stay_the_keys_already_stored() -> None:
    # Stored articles' bands (copydesk.minhash_bands) are matched against new articles'
    # keys: a faster band_keys must give the very same keys for the same config.
    cases = ((3, DEFAULT_CONFIG, 58, "2f3d40fbafec7d0e"), (12, DEFAULT_CONFIG, 58, "096618bce6ea49d7"),
             (3, MinHashConfig(lede_bands=0), 42, "df5b22f37454990c"))
    for seed, config, count, digest in cases:
        keys = band_keys(make_signature(_text(seed), config), config)
        assert len(keys) == count and hashlib.sha256(repr(keys).encode()).hexdigest()[:16] == digest


def test_lede_bands_make_copies_cut_at_different_places_candidates() -> None:
    # Two copies of one story, one cut to its first 30 %, the other with words 260-500
    # dropped and every 20th word replaced: J about 0.25 over the whole texts, so their
    # whole-text bands rarely meet (here: none), but the two ledes are alike.
    story = _text(12, 1000).split()
    cut = story[:300]
    other = [("q" if i % 20 == 7 else w) for i, w in enumerate(story[:260] + story[500:])]
    a, b = make_signature(" ".join(cut), DEFAULT_CONFIG), make_signature(" ".join(other), DEFAULT_CONFIG)
    no_lede = MinHashConfig(lede_bands=0)
    sim = similarity(a, b)
    assert sim.jaccard < 0.3 and is_same_story(a, b)  # contained: the same story, once compared
    assert not set(band_keys(a, no_lede)) & set(band_keys(b, no_lede))
    assert set(band_keys(a, DEFAULT_CONFIG)) & set(band_keys(b, DEFAULT_CONFIG))
    # unrelated texts share no lede band
    assert not set(band_keys(a, DEFAULT_CONFIG)) & set(band_keys(make_signature(_text(13), DEFAULT_CONFIG),
                                                                  DEFAULT_CONFIG))


def test_verification_same_story_truncated_and_unrelated() -> None:
    text = _text(4)
    cut = " ".join(text.split()[:300])  # 43 % of the story
    edited = " ".join(("y" if i % 25 == 0 else w) for i, w in enumerate(text.split()))
    a = make_signature(text, DEFAULT_CONFIG)
    assert is_same_story(a, make_signature(edited, DEFAULT_CONFIG))
    assert is_same_story(a, make_signature(cut, DEFAULT_CONFIG))
    assert similarity(a, make_signature(cut, DEFAULT_CONFIG)).containment > 0.85
    assert not is_same_story(a, make_signature(_text(5), DEFAULT_CONFIG))


def test_a_short_stub_is_not_contained_in_every_long_story() -> None:
    long = make_signature(_text(6, 3000), DEFAULT_CONFIG)
    stub = make_signature(" ".join(_text(6, 3000).split()[:20]), DEFAULT_CONFIG)
    assert not is_same_story(long, stub)  # a 17-shingle stub is below min_shingles
    # A 47-shingle text (the size of a boilerplate notice) inside a short article:
    # wholly contained (J about 0.3), and it still does not join the article.
    article = _text(6, 150)
    short = make_signature(article, DEFAULT_CONFIG)
    notice = make_signature(" ".join(article.split()[:50]), DEFAULT_CONFIG)
    assert not is_same_story(short, notice)
    assert is_same_story(short, notice, Thresholds(min_shingles=30))
    unrelated = make_signature(_text(7, 60), DEFAULT_CONFIG)
    assert not is_same_story(long, unrelated, Thresholds(min_shingles=1))


def test_a_short_text_matches_by_jaccard_only_a_text_of_about_its_size() -> None:
    # A 47-shingle notice that is also about half of a short copy: J near 0.45, over the
    # Jaccard threshold, yet the copy is mostly something else.
    notice = _text(9, 50)
    copy = f"{_text(10, 55)} {notice}"
    sim = similarity(make_signature(notice, DEFAULT_CONFIG), make_signature(copy, DEFAULT_CONFIG))
    assert sim.jaccard >= DEFAULT_THRESHOLDS.jaccard and sim.coverage < 0.6
    assert not is_same_story(make_signature(notice, DEFAULT_CONFIG), make_signature(copy, DEFAULT_CONFIG))
    # The same short text, a few words edited: of one size, it still matches.
    edited = " ".join(("y" if i % 20 == 0 else w) for i, w in enumerate(notice.split()))
    assert is_same_story(make_signature(notice, DEFAULT_CONFIG), make_signature(edited, DEFAULT_CONFIG))


def test_signatures_of_other_configs_are_never_compared() -> None:
    a = make_signature(_text(8), DEFAULT_CONFIG)
    b = make_signature(_text(8), MinHashConfig(num_perm=64, bands=21, rows=3))
    with pytest.raises(ValueError):
        similarity(a, b)


def test_empty_text_has_an_empty_signature() -> None:
    sig = make_signature("", DEFAULT_CONFIG)
    assert sig.shingles == 0
    assert similarity(sig, sig).jaccard == 0.0
