"""Verification of an LSH candidate: is it the same story?

Sharing a band only makes two texts candidates; the decision compares the two texts'
shingle sets. With ``|A|``, ``|B|`` the shingle counts and ``|A ∩ B|`` the shingles they
share: the Jaccard similarity ``|A ∩ B| / |A ∪ B|``, and the containment of the smaller
text in the larger one, ``|A ∩ B| / min(|A|, |B|)``. A truncated copy has a low Jaccard
but a high containment.

Both are counted exactly, from the shingle sets kept beside the signatures
(``Signature.shingle_set``), like the exact check of LSH candidates in deduplication
pipelines built on datasketch. Estimated from the MinHash values instead, the
containment carries the estimate's noise multiplied by the size ratio (at J 0.4 with
128 values the Jaccard estimate's standard error is 0.04): a truncated copy 72 % contained
in its original was estimated below 0.6 and split from its story, and a bound wide enough
to keep unrelated texts apart cost recall (``python -m benchmarks.eval_dedup``: recall
0.965 estimated, see the README's *Stories and duplicates*).

Signatures stored before the sets were kept (``shingle_set`` is ``None``) are compared
by estimate: ``J`` the share of equal MinHash values,
``|A ∩ B| ≈ J (|A| + |B|) / (1 + J)``, and the containment from a lower confidence
bound of J (``J - z * sqrt(J (1 - J) / num_perm)``, z = 1.5), so that a short story
sharing a boilerplate paragraph with another (true J 0.14, estimated 0.20 with 128
values) does not look 63 % contained.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from services.pipeline.dedup.signature import Signature

__all__ = ["DEFAULT_THRESHOLDS", "Similarity", "Thresholds", "is_same_story", "similarity"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Thresholds:
    """Same story when the Jaccard reaches ``jaccard``, or the containment reaches
    ``containment`` while the Jaccard is at least ``containment_floor`` and the smaller
    text has ``min_shingles`` shingles.

    The floor matters: a text that is mostly a paragraph many pages carry is contained in
    each of them with a low Jaccard; and when the containment is estimated (signatures
    without shingle sets), a few chance-equal MinHash values (J 0.03) for a short text
    against a long one already "prove" full containment. A real truncated copy keeping
    40 % of a story has J ~ 0.3; unrelated stories sharing a boilerplate paragraph stay
    under 0.21 (measured with ``python -m benchmarks.eval_dedup --sweep``).

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
    containment: float  # of the smaller text in the larger (estimated: a lower bound)
    coverage: float = 1.0  # the share of the larger text's shingles shared

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
    if a.shingle_set is not None and b.shingle_set is not None:
        return _counted(a.shingle_set, b.shingle_set)
    k = a.values.size
    j = float(np.count_nonzero(a.values == b.values)) / k
    low = max(0.0, j - _Z * (j * (1.0 - j) / k) ** 0.5)
    inter = low * (a.shingles + b.shingles) / (1.0 + low)
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return Similarity(j, min(1.0, inter / min(a.shingles, b.shingles)),
                      min(1.0, shared / max(a.shingles, b.shingles)))


def is_same_story(a: Signature, b: Signature, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    return similarity(a, b).matches(thresholds, min(a.shingles, b.shingles))


def _counted(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> Similarity:
    """Jaccard, containment and coverage of two sorted sets of distinct shingle hashes."""
    if a.size == 0 or b.size == 0:
        return Similarity(0.0, 0.0, 0.0)
    shared = int(np.intersect1d(a, b, assume_unique=True).size)
    smaller, larger = min(a.size, b.size), max(a.size, b.size)
    return Similarity(shared / (a.size + b.size - shared), shared / smaller, shared / larger)
