"""Word shingles, MinHash signatures and LSH band keys (pure, numpy-vectorised).

* **Words**: the body NFKC-normalised and case-folded, apostrophes dropped, every other
  run of punctuation or space a word boundary (the same view of a text as
  ``services.pipeline.normalise.body_hash``).
* **Shingles**: every run of ``shingle_words`` consecutive words. Each word is hashed
  once (CRC-32, deterministic across processes, unlike ``hash()``); a shingle's 64-bit
  hash is a fixed linear combination of its words' hashes, finished by splitmix64.
* **MinHash**: ``num_perm`` multiply-shift hash functions ``(a*x + b) >> 32`` over 64-bit
  words (``a`` odd), drawn from ``seed``; the signature keeps each function's minimum,
  as ``uint32``. One ``(shingles x num_perm)`` numpy product, no Python loop per shingle.
* **Shingle set**: the distinct shingle hashes' low 32 bits, sorted, kept beside the
  signature for verification by exact set sizes (``services.pipeline.dedup.verify``);
  about 4 bytes a word. Two different shingles share a low half by chance about once in
  4 billion pairs: an article pair of 1,000 shingles each has one spurious common
  shingle in about 4,000 pairs, nothing a threshold notices.
* **Band keys**: the first ``bands * rows`` values cut into ``bands`` bands; a band's key
  is a signed 64-bit BLAKE2b of the config name, the band number and its values, so keys
  of different configs or different bands never meet in the band index.
* **Lede band keys**, beside them: the first ``lede_bands * lede_rows`` hash functions
  over the shingles of the first ``lede_words`` words only, cut the same way, keyed with
  ``config.lede_name``. Content farms cut a story short and keep its opening: such a copy
  can share few enough shingles with another copy cut elsewhere (J 0.15-0.2) that their
  whole-text bands almost never meet (probability 0.29 at J 0.2), while their ledes are
  alike (J 0.46-0.84 in ``python -m benchmarks.eval_dedup --similarities``). They add
  candidates only; verification is the same.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from services.pipeline.dedup.config import MinHashConfig

__all__ = ["Signature", "band_keys", "make_signature", "shingle_hashes", "words"]

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc]")
_WORD = re.compile(r"\w+")
_U64 = np.uint64


def words(body: str) -> list[str]:
    text = unicodedata.normalize("NFKC", body).casefold()
    return _WORD.findall(_APOSTROPHES.sub("", text))


@lru_cache(maxsize=8)
def _shingle_weights(shingle_words: int) -> npt.NDArray[np.uint64]:
    rng = np.random.default_rng(0x5EED)
    return rng.integers(1, 2**63, size=shingle_words, dtype=np.uint64) * _U64(2) + _U64(1)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) * _U64(2) + _U64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def _splitmix64(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    x = x ^ (x >> _U64(30))
    x = x * _U64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> _U64(27))
    x = x * _U64(0x94D049BB133111EB)
    return x ^ (x >> _U64(31))


def shingle_hashes(tokens: list[str], shingle_words: int) -> npt.NDArray[np.uint64]:
    """Distinct 64-bit hashes of the word shingles (a text shorter than one shingle is
    one shingle of all its words)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    word_h = np.fromiter((zlib.crc32(t.encode()) for t in tokens), dtype=np.uint64, count=len(tokens))
    w = min(shingle_words, len(tokens))
    weights = _shingle_weights(shingle_words)
    n = len(tokens) - w + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(w):
            acc += word_h[j : j + n] * weights[j]
        return np.unique(_splitmix64(acc))


@dataclass(frozen=True, slots=True)
class Signature:
    """A MinHash signature and the number of distinct shingles it summarises; and the
    shingle set itself (``shingle_set``: sorted distinct low 32 bits of the shingle
    hashes), or ``None`` for a signature stored before sets were kept."""

    values: npt.NDArray[np.uint32]
    shingles: int
    shingle_set: npt.NDArray[np.uint32] | None = None
    lede: npt.NDArray[np.uint32] | None = None  # the lede's MinHash values (band keys only)

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    def set_bytes(self) -> bytes | None:
        return None if self.shingle_set is None else self.shingle_set.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int, shingle_set: bytes | None = None) -> Signature:
        kept = None if shingle_set is None else np.frombuffer(shingle_set, dtype="<u4").astype(np.uint32)
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), shingles, kept)


def _minhash(hashes: npt.NDArray[np.uint64], a: npt.NDArray[np.uint64],
             b: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]:
    with np.errstate(over="ignore"):
        mixed = (hashes[:, None] * a[None, :] + b[None, :]) >> _U64(32)
    least: npt.NDArray[np.uint32] = mixed.min(axis=0).astype(np.uint32)
    return least


def make_signature(body: str, config: MinHashConfig) -> Signature:
    tokens = words(body)
    hashes = shingle_hashes(tokens, config.shingle_words)
    if hashes.size == 0:
        return Signature(np.full(config.num_perm, 0xFFFFFFFF, dtype=np.uint32), 0,
                         np.zeros(0, dtype=np.uint32))
    a, b = _permutations(config.num_perm, config.seed)
    lede = None
    if config.lede_bands:
        used = config.lede_bands * config.lede_rows
        lede = _minhash(shingle_hashes(tokens[: config.lede_words], config.shingle_words),
                        a[:used], b[:used])
    return Signature(_minhash(hashes, a, b), int(hashes.size),
                     np.unique(hashes.astype(np.uint32)), lede)


def _keys(values: npt.NDArray[np.uint32], bands: int, rows: int, name: str) -> set[int]:
    """Each band's key: blake2b of its rows' little-endian bytes, keyed by the config's
    name and personalised by the band's number (stored keys depend on exactly this)."""
    data = memoryview(values[: bands * rows].astype("<u4").tobytes())
    width = 4 * rows
    keys = set()
    for band, start in enumerate(_band_hashers(name, bands)):
        hasher = start.copy()  # keyed once per process: a copy skips the key's block
        hasher.update(data[band * width:(band + 1) * width])
        keys.add(int.from_bytes(hasher.digest(), "little", signed=True))
    return keys


@lru_cache(maxsize=64)
def _band_hashers(name: str, bands: int) -> tuple[hashlib.blake2b, ...]:
    """Each band's blake2b, keyed by the config's name and personalised by the band's
    number (4 bytes, little-endian), nothing hashed yet."""
    prefix = name.encode()[:64]
    return tuple(hashlib.blake2b(digest_size=8, key=prefix, person=band.to_bytes(4, "little"))
                 for band in range(bands))


def band_keys(signature: Signature, config: MinHashConfig) -> list[int]:
    """The signature's LSH band keys, and its lede's when it has one: signed 64-bit,
    sorted, distinct."""
    keys = _keys(signature.values, config.bands, config.rows, config.name)
    if signature.lede is not None and signature.shingles:
        keys |= _keys(signature.lede, config.lede_bands, config.lede_rows, config.lede_name)
    return sorted(keys)
