"""Near-duplicate detection, pure: shingles, MinHash signatures, LSH band keys, verification.

No I/O here; ``services.storage.stories`` stores signatures and band keys in Postgres and
assigns stories with them, deciding with ``match_stories``.
"""

from services.pipeline.dedup.config import DEFAULT_CONFIG, MinHashConfig
from services.pipeline.dedup.signature import (
    Signature,
    band_keys,
    make_signature,
    shingle_hashes,
    words,
)
from services.pipeline.dedup.stories import (
    CANDIDATES_PER_BAND,
    Candidate,
    StoryAssignment,
    StoryMatch,
    match_stories,
)
from services.pipeline.dedup.verify import (
    DEFAULT_THRESHOLDS,
    Similarity,
    Thresholds,
    is_same_story,
    similarity,
)

__all__ = [
    "CANDIDATES_PER_BAND",
    "DEFAULT_CONFIG",
    "DEFAULT_THRESHOLDS",
    "Candidate",
    "MinHashConfig",
    "Signature",
    "Similarity",
    "StoryAssignment",
    "StoryMatch",
    "Thresholds",
    "band_keys",
    "is_same_story",
    "make_signature",
    "match_stories",
    "shingle_hashes",
    "similarity",
    "words",
]
