"""Verification of an LSH candidate: is it the same story?

Sharing a band only makes two texts candidates; the decision compares whole
signatures. With ``J`` the estimated Jaccard similarity of the shingle sets (the share
of equal MinHash values) and ``|A|``, ``|B|`` the shingle counts,
``|A ∩ B| ≈ J (|A| + |B|) / (1 + J)``, so the containment of the smaller text in the
larger one is ``|A ∩ B| / min(|A|, |B|)``. A truncated copy has a low Jaccard but a high
containment.

The containment is computed from a lower confidence bound of J
(``J - z * sqrt(J (1 - J) / num_perm)``, z = 1.5), not J itself: the size ratio
amplifies the estimate's noise, and a short story sharing a boilerplate paragraph with
another (true J 0.14, estimated 0.20 with 128 values) would otherwise look 63 % contained.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from services.pipeline.dedup.signature import Signature

__all__ = ["DEFAULT_THRESHOLDS", "Similarity", "Thresholds", "is_same_story", "similarity"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Thresholds:
    """Same story when the estimated Jaccard reaches ``jaccard``, or the estimated
    containment reaches ``containment`` while the Jaccard estimate is at least
    ``containment_floor`` and the smaller text has ``min_shingles`` shingles.

    The floor matters: containment is derived from the Jaccard estimate and the size
    ratio, so for a short text against a long one a few chance-equal MinHash values
    (J 0.03) already "prove" full containment. A real truncated copy keeping 40 % of a
    story has J ~ 0.3; unrelated stories sharing a boilerplate paragraph stay under 0.21
    (measured with ``python -m benchmarks.eval_dedup --sweep``).

    ``min_shingles`` keeps a short text from being "contained" anywhere: a body of a
    few dozen words is as often a notice that many pages carry (copyright, newsletter,
    comment rules: 30-60 words) as a story, and a body that came out as such a notice
    (a page whose article the extractor missed) was contained in every copy carrying
    it and joined their stories into one: at 30 shingles, one such text dump in
    ``python -m benchmarks.eval_dedup`` merged 11 stories (pairwise precision 0.50); at
    60, none.

    A short text still matches by Jaccard, but only a text of about its own size: the
    shared shingles must also cover ``2 * jaccard / (1 + jaccard)`` of the larger text,
    which is what a Jaccard of ``jaccard`` between two texts of equal size gives. So the
    rule above is not undone by Jaccard alone: a 47-shingle notice inside a copy of about
    twice its size has J 0.45, and the notice covers less than half of that copy. (In
    ``python -m benchmarks.eval_dedup --copies 8 --seed 11`` such a body joined three
    stories into one: pairwise precision 0.93.)
    """

    jaccard: float = 0.4
    containment: float = 0.6
    containment_floor: float = 0.2
    min_shingles: int = 60


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float  # of the smaller text in the larger (lower bound, see the module)
    coverage: float = 1.0  # the estimated share of the larger text's shingles shared

    def matches(self, t: Thresholds, smaller: int) -> bool:
        if smaller < t.min_shingles:
            return self.jaccard >= t.jaccard and self.coverage >= 2 * t.jaccard / (1 + t.jaccard)
        if self.jaccard >= t.jaccard:
            return True
        return self.jaccard >= t.containment_floor and self.containment >= t.containment


DEFAULT_THRESHOLDS = Thresholds()


_Z = 1.5


def similarity(a: Signature, b: Signature) -> Similarity:
    if a.values.shape != b.values.shape:
        raise ValueError("signatures of different lengths (different configs) are never compared")
    if a.shingles == 0 or b.shingles == 0:
        return Similarity(0.0, 0.0)
    k = a.values.size
    j = float(np.count_nonzero(a.values == b.values)) / k
    low = max(0.0, j - _Z * (j * (1.0 - j) / k) ** 0.5)
    inter = low * (a.shingles + b.shingles) / (1.0 + low)
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return Similarity(j, min(1.0, inter / min(a.shingles, b.shingles)),
                      min(1.0, shared / max(a.shingles, b.shingles)))


def is_same_story(a: Signature, b: Signature, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    return similarity(a, b).matches(thresholds, min(a.shingles, b.shingles))
