"""Which units of a text dump are the article: a learned scorer and a region rule.

Each unit gets the probability that it belongs to the article body from a logistic
regression over ``textdump_features.context`` (the unit's own features and its
neighbours'). The weights ship in ``textdump_model.json`` beside this module and are
re-made by ``python -m benchmarks.train_textdump`` from renderings of the development
pages in ``shared/data`` (nothing else); the file records the features it expects, so a
file made for other features is refused instead of silently misread.

Selection then works like boilerpipe's and trafilatura's: the article is one main region
(the run of units with the largest sum of ``p - threshold``, Kadane's algorithm), grown
over neighbours that are good enough, and inside that region only units the scorer does
not reject are kept (inline advertisements, share rows, "Read more" inserts go).

Where growth stops at a sentence the scorer doubts, a second, small logistic regression
(the edge scorer, ``Edges``) decides whether the article goes on to it, from that
sentence, the short units stepped over to reach it and the region it would join (its
first paragraph under a dateline and a photo, its last one above a product list). It is
trained on the same pages, on scores of models that did not see them.

A unit whose text occurs elsewhere on the page (an image's alternative text under every
photo, a repeated teaser line) is furniture, as jusText treats duplicates: growth and the
edge walk step over it as over a short unit rather than end the article there, it adds
nothing to a region's sum (it neither pulls the region its way nor splits it), and inside
the region it is kept only above the region's threshold.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import compress
from operator import not_
from typing import Final

import numpy as np
import numpy.typing as npt

from services.pipeline.formats.textdump_features import FEATURES, context, unit_features
from services.pipeline.formats.textdump_units import UNCASED_STOPS, Unit, word_count

__all__ = ["EDGE_FEATURES", "Accept", "Edges", "Model", "edge_features", "load_model",
           "scores", "select", "word_counts"]

MODEL_FILE: Final = "textdump_model.json"


# The edge scorer's inputs: about the candidate sentence, the units stepped over to reach
# it (the gap), the region, and some of the candidate's own ``FEATURES``.
_EDGE_OWN: Final = ("stop_share", "link_density", "links_per_word", "ends_sentence", "chrome_share",
                    "title_case_share", "meta_line", "since_meta", "bullet", "heading", "repeats",
                    "glued", "label", "photo_credit", "starts_lower", "position", "comma_rate",
                    "sentence_rate", "quote", "opening_repeats")
EDGE_FEATURES: Final[tuple[str, ...]] = (
    "logit", "p", "log_words", "gap_units", "gap_log_words", "gap_max_p", "gap_meta",
    "before", "edge_logit", "region_mean_p", "region_log_units", "region_log_words",
    "log_words_over_region", "page_max_p", *(f"own_{name}" for name in _EDGE_OWN),
)
_EDGE_OWN_INDEX: Final = [FEATURES.index(name) for name in _EDGE_OWN]
_META: Final = FEATURES.index("meta_line")
_REPEATS: Final = FEATURES.index("repeats")


@dataclass(frozen=True, slots=True)
class Edges:
    """Standardisation and logistic-regression weights for ``EDGE_FEATURES``."""

    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]
    bias: float

    def accepts(self, index: int, x: npt.NDArray[np.float64]) -> bool:
        """Does the article go on to the candidate (``index`` is not needed: an ``Accept``)?"""
        return float(((x - self.mean) / self.scale) @ self.weights + self.bias) >= 0.0

    def to_json(self) -> dict[str, object]:
        return {"features": list(EDGE_FEATURES), "mean": self.mean.tolist(),
                "scale": self.scale.tolist(), "weights": self.weights.tolist(),
                "bias": self.bias}

    @classmethod
    def from_json(cls, data: object) -> Edges:
        if not isinstance(data, dict) or data.get("features") != list(EDGE_FEATURES):
            raise ValueError("the text-dump edge scorer was made for other features; re-train it")
        return cls(mean=np.asarray(data["mean"], dtype=np.float64),
                   scale=np.asarray(data["scale"], dtype=np.float64),
                   weights=np.asarray(data["weights"], dtype=np.float64),
                   bias=_number(data["bias"]))


# Decides on a candidate sentence beyond the region's edge: (its index, its edge features).
Accept = Callable[[int, npt.NDArray[np.float64]], bool]


@dataclass(frozen=True, slots=True)
class Model:
    """Standardisation and logistic-regression weights for the context features."""

    version: str
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]
    bias: float
    region_threshold: float = 0.5  # units above it pull the main region their way
    keep_threshold: float = 0.3  # inside the region, units below it are dropped
    grow_threshold: float = 0.3  # the region grows over neighbouring paragraphs above it
    keep_short_threshold: float = 0.5  # inside the region, for units of three words or less
    # for paragraphs of ``_LONG_WORDS`` words or more, both to grow over and to keep: an
    # article's first paragraph under a dateline, a caption and a share row is judged by
    # that company, and a paragraph that long is rarely furniture
    long_threshold: float = 0.15
    edges: Edges | None = None  # the edge scorer; without it, regions end where growth stops

    def to_json(self) -> dict[str, object]:
        return {
            "version": self.version, "features": list(FEATURES),
            "mean": self.mean.tolist(), "scale": self.scale.tolist(),
            "weights": self.weights.tolist(), "bias": self.bias,
            "region_threshold": self.region_threshold, "keep_threshold": self.keep_threshold,
            "grow_threshold": self.grow_threshold,
            "keep_short_threshold": self.keep_short_threshold,
            "long_threshold": self.long_threshold,
            "edges": self.edges.to_json() if self.edges else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Model:
        if data.get("features") != list(FEATURES):
            raise ValueError("the text-dump model was made for other features; re-train it")
        return cls(
            version=str(data["version"]),
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=_number(data["bias"]),
            region_threshold=_number(data["region_threshold"]),
            keep_threshold=_number(data["keep_threshold"]),
            grow_threshold=_number(data["grow_threshold"]),
            keep_short_threshold=_number(data["keep_short_threshold"]),
            long_threshold=_number(data["long_threshold"]),
            edges=Edges.from_json(data["edges"]) if data.get("edges") is not None else None,
        )


def _number(value: object) -> float:
    """``float(value)`` for what JSON can hold; TypeError for lists, objects and null."""
    if isinstance(value, (int, float, str)):
        return float(value)
    raise TypeError(f"the text-dump model holds {value!r} where a number belongs")


@cache
def load_model() -> Model:
    """The shipped model (read once per process; a few kilobytes of JSON)."""
    text = resources.files("services.pipeline.formats").joinpath(MODEL_FILE).read_text("utf-8")
    return Model.from_json(json.loads(text))


def scores(units: list[Unit], model: Model | None = None, *,
           own: npt.NDArray[np.float64] | None = None) -> npt.NDArray[np.float64]:
    """The probability that each unit is article text (``own``: the units'
    ``unit_features``, if known)."""
    model = model or load_model()
    if not units:
        return np.zeros(0)
    x = (context(unit_features(units) if own is None else own) - model.mean) / model.scale
    z = np.minimum(np.maximum(x @ model.weights + model.bias, -30.0), 30.0)
    return 1.0 / (1.0 + np.exp(-z))


def _main_region(gain: npt.NDArray[np.float64]) -> tuple[int, int]:
    """``[start, end)`` of the run with the largest sum (Kadane), weighted by ``gain``."""
    best, best_span = -np.inf, (0, 0)
    running, start = 0.0, 0
    for index, value in enumerate(gain.tolist()):
        if running <= 0:
            running, start = value, index
        else:
            running += value
        if running > best:
            best, best_span = running, (start, index + 1)
    return best_span


_SENTENCE_ENDS: Final = ".!?\u2026\"\u201d\u2019'\u3002\uff01\uff1f" + UNCASED_STOPS
_SHORT_WORDS: Final = 3  # "Advertisement", "Story continues": a short unit needs a higher score
_GROW_WORDS: Final = 8  # a unit the region may grow over is a sentence at least
_GROW_GAP: Final = 6  # short units the region may step over to reach one
_LONG_WORDS: Final = 25  # a paragraph this long needs only ``Model.long_threshold``


def _grown(words: list[int], p: npt.NDArray[np.float64], start: int, end: int,
           threshold: float, long_threshold: float) -> tuple[int, int]:
    """The region grown over the paragraphs next to it that are likely enough article:
    the scorer is surest in an article's middle, and its first and last paragraphs
    often sit beside furniture that drags them below the region's threshold (a long
    paragraph needs only ``long_threshold``). Growth steps over at most ``_GROW_GAP``
    short units (a caption, an advertisement line)."""

    def eligible(index: int) -> bool:
        needed = long_threshold if words[index] >= _LONG_WORDS else threshold
        return float(p[index]) >= min(needed, threshold) and words[index] >= _GROW_WORDS

    def step(edge: int, direction: int) -> int:
        while True:
            for gap in range(_GROW_GAP + 1):
                index = edge + direction * (gap + 1)
                if not 0 <= index < len(words):
                    return edge
                if eligible(index):
                    edge = index
                    break
                if words[index] >= _GROW_WORDS:
                    return edge  # a sentence the scorer rejects ends the article
            else:
                return edge

    return step(start, -1), step(end - 1, 1) + 1


def select(units: list[Unit], model: Model | None = None, *,
           p: npt.NDArray[np.float64] | None = None,
           own: npt.NDArray[np.float64] | None = None,
           accept: Accept | None = None, words: list[int] | None = None) -> list[bool]:
    """Per unit: is it part of the article? ``p`` and ``own``: the units' scores and
    ``unit_features``, if known; ``accept``: decides at the region's edges instead of
    the model's edge scorer (training walks the edges with the true labels); ``words``:
    the units' ``word_counts``, if known."""
    model = model or load_model()
    if p is None or (own is None and (model.edges is not None or accept is not None)):
        own = unit_features(units)
        p = scores(units, model, own=own) if p is None else p
    if not len(p):
        return []
    if words is None:
        words = word_counts(units)
    counts = np.asarray(words, dtype=np.int64)
    weight = 1.0 + np.minimum(counts, 80) / 10  # as n / 10 in Python
    # A page whose best unit scores low (a short article among much furniture) is judged
    # against its own best: the article is somewhere on every page this is asked about.
    threshold = min(model.region_threshold, 0.5 * float(p.max()))
    steps = _steps(words, own)
    gain = (p - threshold) * weight
    # a repeated sentence-length line (alt text under every photo) neither pulls the
    # region its way nor splits it
    gain[(np.asarray(steps, dtype=np.int64) < counts) & (counts >= _GROW_WORDS)] = 0.0
    start, end = _main_region(gain)
    start, end = _grown(steps, p, start, end, model.grow_threshold, model.long_threshold)
    accept = accept or (model.edges.accepts if model.edges is not None else None)
    forced: set[int] = set()
    if accept is not None and own is not None:
        start, end, forced = _edges(words, steps, p, own, start, end, model, accept)
    keep = [False] * len(units)
    for index in range(start, end):
        needed = model.region_threshold if steps[index] < words[index] >= _GROW_WORDS \
            else model.long_threshold if words[index] >= _LONG_WORDS \
            else model.keep_threshold if words[index] > _SHORT_WORDS \
            else model.keep_short_threshold
        keep[index] = bool(p[index] >= min(needed, threshold)) or index in forced
    _keep_fragments(units, keep, start, end)
    for index in range(start + 1, end - 1):  # a subheading between kept paragraphs
        if units[index].heading and keep[index - 1] and keep[index + 1]:
            keep[index] = True
    return keep


def _steps(words: list[int], own: npt.NDArray[np.float64] | None) -> list[int]:
    """``words``, but 0 for a unit whose text occurs elsewhere on the page (``own``'s
    ``repeats``): an image's alternative text or a caption repeated under every photo, a
    teaser line shown twice. Growth and the edge walk step over such a unit as over a
    short one instead of ending the article at it (jusText's view of duplicates: they
    are furniture), and inside the region it is kept only above the region's threshold."""
    if own is None or not len(own):
        return words
    repeated = (own[:, _REPEATS] > 0).tolist()
    return [0 if r else w for w, r in zip(words, repeated, strict=True)]


def word_counts(units: list[Unit]) -> list[int]:
    """``word_count`` of every unit's text: split by the C string methods for all of them,
    and asked of ``word_count`` only for the texts beyond ASCII (CJK words)."""
    texts = [u.text for u in units]
    counts = list(map(len, map(str.split, texts)))
    for index in compress(range(len(texts)), map(not_, map(str.isascii, texts))):
        counts[index] = word_count(texts[index])
    return counts


_EDGE_STEPS: Final = 30  # sentences the edge scorer may add on each side
# A candidate for the edge scorer is a paragraph of this many words: shorter units on the
# way (a caption, "Read more: ...") are stepped over, and kept only if they score well.
_EDGE_WORDS: Final = 15


def _stopper(words: list[int], meta: npt.NDArray[np.float64], edge: int, direction: int
             ) -> tuple[int, list[int]] | None:
    """The paragraph next to ``edge`` (at most ``_GROW_GAP`` units away, where growth
    stopped), and the units between; none past a date line or a byline (``meta``): an
    article does not run across one, its first paragraph follows them, and a "First
    published" line or an author's byline closes it."""
    for gap in range(_GROW_GAP + 1):
        index = edge + direction * (gap + 1)
        if not 0 <= index < len(words):
            return None
        if words[index] >= _EDGE_WORDS:
            return index, list(range(edge + direction, index, direction))
        if meta[index]:
            return None
    return None


def _logit(q: float) -> float:
    q = min(max(q, 1e-4), 1 - 1e-4)
    return math.log(q / (1 - q))


def edge_features(words: list[int], p: npt.NDArray[np.float64],
                  own: npt.NDArray[np.float64], region: tuple[int, int], candidate: int,
                  gap: list[int]) -> npt.NDArray[np.float64]:
    """``EDGE_FEATURES`` of a sentence beyond an edge of ``region`` (``[start, end)``)."""
    start, end = region
    before = candidate < start
    inside = p[start:end]
    region_words = words[start:end]
    log_words = math.log1p(words[candidate])
    return np.concatenate([[
        _logit(float(p[candidate])), float(p[candidate]), log_words, float(len(gap)),
        math.log1p(sum(words[g] for g in gap)), max((float(p[g]) for g in gap), default=0.0),
        max((float(own[g, _META]) for g in gap), default=0.0), float(before),
        _logit(float(p[start if before else end - 1])), float(inside.mean()),
        math.log1p(end - start), math.log1p(sum(region_words)),
        log_words - sum(map(math.log1p, region_words)) / len(region_words),
        float(p.max()),
    ], own[candidate, _EDGE_OWN_INDEX]])


def _edges(words: list[int], steps: list[int], p: npt.NDArray[np.float64],
           own: npt.NDArray[np.float64], start: int, end: int, model: Model, accept: Accept
           ) -> tuple[int, int, set[int]]:
    """The region carried over the sentences ``accept`` takes at either edge (and grown
    again past each), and those sentences, kept whatever their score. At most
    ``_EDGE_STEPS`` on each side, each step reading the region once: linear. ``steps``:
    the word counts the walk and growth go by (``_steps``: repeated units count none)."""
    forced: set[int] = set()
    meta = own[:, _META]
    for direction in (-1, 1):
        for _ in range(_EDGE_STEPS):
            found = _stopper(steps, meta, start if direction < 0 else end - 1, direction)
            if found is None:
                break
            candidate, gap = found
            if not accept(candidate, edge_features(words, p, own, (start, end), candidate, gap)):
                break
            forced.add(candidate)
            if direction < 0:
                start = _grown(steps, p, candidate, end, model.grow_threshold,
                               model.long_threshold)[0]
            else:
                end = _grown(steps, p, start, candidate + 1, model.grow_threshold,
                             model.long_threshold)[1]
    return start, end, forced


def _keep_fragments(units: list[Unit], keep: list[bool], start: int, end: int) -> None:
    """Keep a run of dropped units that sits in one block (no blank line) between two kept
    ones, after a unit that stopped mid-sentence: a paragraph that ``get_text()`` cut
    into lines at its links and markup."""
    index = start
    while index < end:
        if keep[index]:
            index += 1
            continue
        run_end = index
        while run_end < end and not keep[run_end] and not units[run_end].blank_before:
            run_end += 1
        closed = run_end < end and keep[run_end] and not units[run_end].blank_before
        before = units[index - 1].text if index > start else ""
        mid_sentence = bool(before) and before[-1] not in _SENTENCE_ENDS
        if closed and mid_sentence and keep[index - 1] and not units[index].blank_before:
            keep[index:run_end] = [True] * (run_end - index)
        index = max(run_end, index + 1)
