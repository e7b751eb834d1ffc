"""The MinHash/LSH parameters, as one frozen object whose string names them.

Like datatrove's ``MinhashConfig``: ``str(config)`` (``minhash-w4-p128-b42r3-seed1``) is
stored beside every signature and mixed into every band key, so signatures made with
other parameters are never compared and never collide in the band index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DEFAULT_CONFIG", "MinHashConfig"]

_NAME = re.compile(r"^minhash-w(?P<w>\d+)-p(?P<p>\d+)-b(?P<b>\d+)r(?P<r>\d+)-seed(?P<seed>\d+)$")


@dataclass(frozen=True, slots=True, kw_only=True)
class MinHashConfig:
    """``shingle_words`` words per shingle; ``num_perm`` hash functions; the first
    ``bands * rows`` of them make the LSH bands; ``seed`` draws the hash functions.
    Everything that changes a signature or a band key is in the name; the verification
    thresholds (``services.pipeline.dedup.verify.Thresholds``) are not, as changing them
    needs no new signatures.
    """

    shingle_words: int = 4
    num_perm: int = 128
    bands: int = 42
    rows: int = 3
    seed: int = 1
    # The lede bands (``signature.band_keys``): ``lede_bands`` bands of ``lede_rows``
    # MinHash values of the first ``lede_words`` words alone. They only add LSH
    # candidates and change no signature, so they are named apart (``lede_name``, mixed
    # into their keys) and the config's name, which signatures are compared by, stays.
    lede_words: int = 60
    lede_bands: int = 16
    lede_rows: int = 3

    def __post_init__(self) -> None:
        if self.shingle_words < 1 or self.num_perm < 1 or self.bands < 1 or self.rows < 1:
            raise ValueError(f"bad MinHash parameters: {self!r}")
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"{self.bands} bands x {self.rows} rows need more than {self.num_perm} permutations")
        if self.lede_words < 1 or self.lede_bands < 0 or self.lede_rows < 1 \
                or self.lede_bands * self.lede_rows > self.num_perm:
            raise ValueError(f"bad lede band parameters: {self!r}")

    @property
    def name(self) -> str:
        return (
            f"minhash-w{self.shingle_words}-p{self.num_perm}-b{self.bands}r{self.rows}"
            f"-seed{self.seed}"
        )

    @property
    def lede_name(self) -> str:
        """What the lede band keys are made with (``lede-n60-w4-b16r3-seed1``)."""
        return (f"lede-n{self.lede_words}-w{self.shingle_words}-b{self.lede_bands}r{self.lede_rows}"
                f"-seed{self.seed}")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_name(cls, name: str) -> MinHashConfig:
        match = _NAME.match(name)
        if not match:
            raise ValueError(f"not a MinHash config name: {name!r}")
        g = {k: int(v) for k, v in match.groupdict().items()}
        return cls(shingle_words=g["w"], num_perm=g["p"], bands=g["b"], rows=g["r"],
                   seed=g["seed"])

    def candidate_probability(self, similarity: float) -> float:
        """Chance that two texts of this Jaccard similarity share at least one band."""
        return 1.0 - (1.0 - similarity**self.rows) ** self.bands

    def lede_candidate_probability(self, similarity: float) -> float:
        """Chance that two ledes of this Jaccard similarity share at least one lede band."""
        return 1.0 - (1.0 - similarity**self.lede_rows) ** self.lede_bands


DEFAULT_CONFIG = MinHashConfig()
