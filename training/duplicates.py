"""Exact and near-duplicate résumé texts: normalised-text hashes, MinHash LSH, union-find groups.

Two texts are *exact* duplicates when their normalised forms are equal (case-folded, NFKC,
every run of whitespace or punctuation collapsed to one space). They are *near* duplicates when
the Jaccard similarity of their word 5-gram shingle sets is at least 0.85. Candidate pairs come
from MinHash signatures split into bands (locality-sensitive hashing), so the cost grows with
the number of texts, not with the number of pairs; every candidate is then confirmed with the
exact Jaccard similarity of the two shingle sets, so the LSH never adds a false pair.

Chinese, Japanese and Korean characters are tokens on their own (these scripts do not separate
words with spaces), so shingles of CJK text are character 5-grams.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
import numpy.typing as npt

#: Word n-gram length of the shingles compared for near-duplicates.
SHINGLE_SIZE = 5
#: Jaccard similarity of shingle sets from which two texts are near-duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.85
#: MinHash signature length and its banding: 16 bands of 8 rows find a pair of similarity
#: 0.85 with probability 1 - (1 - 0.85**8)**16 ≈ 0.994 (and 0.9 with ≈ 0.9999).
NUM_PERMUTATIONS = 128
BANDS = 16

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_U64 = np.uint64

K = TypeVar("K", bound=Hashable)


def tokens(text: str) -> list[str]:
    """The normalised word tokens of ``text``: NFKC, case-folded, punctuation dropped.

    Args:
        text: any text.

    Returns:
        Letter-or-digit runs, each CJK character on its own.
    """
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def normalise_text(text: str) -> str:
    """``text`` case-folded with whitespace and punctuation collapsed to single spaces."""
    return " ".join(tokens(text))


def text_hash(text: str) -> str:
    """SHA-256 (hex) of :func:`normalise_text`: equal for texts that differ only in case,
    spacing or punctuation."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


class UnionFind(Generic[K]):
    """Disjoint sets over hashable keys, with path halving and union by size."""

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self._parent: dict[K, K] = {}
        self._size: dict[K, int] = {}
        for key in keys:
            self.add(key)

    def add(self, key: K) -> None:
        """Add ``key`` as a set of its own (no-op when present)."""
        if key not in self._parent:
            self._parent[key] = key
            self._size[key] = 1

    def find(self, key: K) -> K:
        """The representative of ``key``'s set (``key`` is added when new)."""
        self.add(key)
        parent = self._parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: K, b: K) -> None:
        """Merge the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]

    def groups(self) -> list[list[K]]:
        """Every set, as a list of keys in insertion order."""
        by_root: dict[K, list[K]] = defaultdict(list)
        for key in self._parent:
            by_root[self.find(key)].append(key)
        return list(by_root.values())


@dataclass(frozen=True, slots=True)
class NearDuplicatePair:
    """Two texts (by index) whose shingle sets have Jaccard similarity ``jaccard``."""

    a: int
    b: int
    jaccard: float


class _TokenHasher:
    """Stable 64-bit hashes of tokens (Python's ``hash`` changes between runs)."""

    def __init__(self) -> None:
        self._cache: dict[str, int] = {}

    def __call__(self, toks: Sequence[str]) -> npt.NDArray[np.uint64]:
        cache = self._cache
        for tok in set(toks).difference(cache):
            cache[tok] = int.from_bytes(
                hashlib.blake2b(tok.encode("utf-8"), digest_size=8).digest(), "little"
            )
        return np.fromiter(map(cache.__getitem__, toks), dtype=_U64, count=len(toks))


def _odd_constants(rng: np.random.Generator, n: int) -> npt.NDArray[np.uint64]:
    return rng.integers(0, 2**64 - 1, size=n, dtype=_U64, endpoint=True) | _U64(1)


@functools.cache
def _mix(k: int) -> npt.NDArray[np.uint64]:
    # Fixed constants: shingle hashes must be equal across runs and machines.
    return _odd_constants(np.random.default_rng(20240601), k)


def shingle_hashes(
    text: str, hasher: _TokenHasher | None = None, k: int = SHINGLE_SIZE
) -> npt.NDArray[np.uint64]:
    """The distinct 64-bit hashes of the word ``k``-gram shingles of ``text`` (sorted).

    A text shorter than ``k`` tokens is one shingle; an empty text has none.
    """
    toks = tokens(text)
    if not toks:
        return np.empty(0, dtype=_U64)
    th = (hasher or _TokenHasher())(toks)
    mix = _mix(k)
    if len(th) < k:
        acc = np.zeros(1, dtype=_U64)
        for j in range(len(th)):
            acc = (acc ^ th[j : j + 1]) * mix[j]
            acc ^= acc >> _U64(29)
        return acc
    n = len(th) - k + 1
    acc = np.zeros(n, dtype=_U64)
    for j in range(k):  # position-dependent mixing: a shingle is an ordered k-gram
        acc = (acc ^ th[j : j + n]) * mix[j]
        acc ^= acc >> _U64(29)
    return np.unique(acc)


class MinHasher:
    """MinHash signatures of shingle-hash sets with ``num_perm`` multiply-xorshift hash functions."""

    def __init__(self, num_perm: int = NUM_PERMUTATIONS, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self._a = _odd_constants(rng, num_perm)
        self._b = _odd_constants(rng, num_perm)
        self._c = _odd_constants(rng, num_perm)

    def signature(self, shingles: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
        """The signature (``num_perm`` minima) of a non-empty shingle-hash array."""
        sig = np.full(self.num_perm, np.iinfo(np.uint64).max, dtype=_U64)
        for start in range(0, len(shingles), 2048):  # bounded memory on very long texts
            x = shingles[start : start + 2048, None] * self._a[None, :] + self._b[None, :]
            x ^= x >> _U64(31)
            x *= self._c[None, :]
            x ^= x >> _U64(29)
            np.minimum(sig, x.min(axis=0), out=sig)
        return sig


def jaccard(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> float:
    """Jaccard similarity of two sorted arrays of distinct shingle hashes."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def near_duplicate_pairs(
    texts: Sequence[str | None],
    *,
    threshold: float = NEAR_DUPLICATE_THRESHOLD,
    num_perm: int = NUM_PERMUTATIONS,
    bands: int = BANDS,
) -> list[NearDuplicatePair]:
    """Pairs of texts whose word 5-gram shingle sets have Jaccard similarity ≥ ``threshold``.

    Args:
        texts: the texts; ``None`` or empty texts are skipped.
        threshold: the similarity from which a pair is reported.
        num_perm: MinHash signature length; must be divisible by ``bands``.
        bands: LSH bands; more bands find lower similarities at the cost of more candidates.

    Returns:
        Confirmed pairs ``(a, b, jaccard)`` with ``a < b``, sorted by ``(a, b)``. Texts with the
        same shingle set are represented by the first of them only (group exact duplicates
        with :func:`text_hash`), which keeps many copies of one text from costing n² pairs.

    Raises:
        ValueError: if ``num_perm`` is not a multiple of ``bands``.
    """
    if num_perm % bands:
        raise ValueError(f"num_perm ({num_perm}) must be a multiple of bands ({bands})")
    rows = num_perm // bands
    hasher = _TokenHasher()
    minhash = MinHasher(num_perm)
    shingles: dict[int, npt.NDArray[np.uint64]] = {}
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    seen: set[bytes] = set()
    for i, text in enumerate(texts):
        if not text:
            continue
        sh = shingle_hashes(text, hasher)
        key = hashlib.sha256(sh.tobytes()).digest()
        if len(sh) == 0 or key in seen:
            continue
        seen.add(key)
        shingles[i] = sh
        sig = minhash.signature(sh)
        for band in range(bands):
            buckets[(band, sig[band * rows : (band + 1) * rows].tobytes())].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    candidates.add((members[x], members[y]))
    pairs = []
    for a, b in sorted(candidates):
        sim = jaccard(shingles[a], shingles[b])
        if sim >= threshold:
            pairs.append(NearDuplicatePair(a, b, round(sim, 4)))
    return pairs
