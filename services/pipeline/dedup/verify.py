"""Verification of an LSH candidate: is it the same story?

Sharing a band only makes two texts candidates; the decision compares whole
signatures. With ``J`` the estimated Jaccard similarity of the shingle sets (the share
of equal MinHash values) and ``|A|``, ``|B|`` the shingle counts,
``|A ∩ B| ≈ J (|A| + |B|) / (1 + J)``, so the containment of the smaller text in the
larger one is ``|A ∩ B| / min(|A|, |B|)``. A truncated copy has a low Jaccard but a high
containment.
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
    """

    jaccard: float = 0.4
    containment: float = 0.6
    containment_floor: float = 0.2
    min_shingles: int = 30


@dataclass(frozen=True, slots=True)
class Similarity:
    jaccard: float
    containment: float

    def matches(self, t: Thresholds, smaller: int) -> bool:
        if self.jaccard >= t.jaccard:
            return True
        return (smaller >= t.min_shingles and self.jaccard >= t.containment_floor
                and self.containment >= t.containment)


DEFAULT_THRESHOLDS = Thresholds()


def similarity(a: Signature, b: Signature) -> Similarity:
    if a.values.shape != b.values.shape:
        raise ValueError("signatures of different lengths (different configs) are never compared")
    if a.shingles == 0 or b.shingles == 0:
        return Similarity(0.0, 0.0)
    j = float(np.count_nonzero(a.values == b.values)) / a.values.size
    inter = j * (a.shingles + b.shingles) / (1.0 + j)
    return Similarity(j, min(1.0, inter / min(a.shingles, b.shingles)))


def is_same_story(a: Signature, b: Signature, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> bool:
    return similarity(a, b).matches(thresholds, min(a.shingles, b.shingles))
