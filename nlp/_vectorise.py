"""TF-IDF transform at inference: scikit-learn's word and char_wb features, rebuilt from stored arrays and faster.

scikit-learn fits the vocabularies (``nlp._features.make_vectoriser``); this module reproduces its ``transform``
exactly (same tokens, n-grams, sublinear tf, idf and per-block L2 norm) without its per-n-gram Python loop:
character n-grams never cross a space, so each distinct word's in-vocabulary n-grams are computed once and cached.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import msgspec
import numpy as np
from scipy.sparse import csr_matrix

from nlp._cues import CUES, cue_tokens

_WHITE_SPACES = re.compile(r"\s\s+")
_CACHE_LIMIT = 100_000  # distinct words; cleared when full so a long-running worker stays bounded


class BlockSpec(msgspec.Struct, frozen=True, kw_only=True):
    """A fitted TfidfVectorizer's settings and vocabulary (``terms[i]`` is feature ``i``)."""

    analyzer: str
    ngram_range: tuple[int, int]
    token_pattern: str | None
    stop_words: tuple[str, ...]
    terms: tuple[str, ...]


def spec_of(vectoriser: Any) -> BlockSpec:
    """The :class:`BlockSpec` of a fitted scikit-learn TfidfVectorizer (sublinear tf, l2 norm, lower-case); a
    callable analyzer must be :func:`~nlp._cues.cue_tokens`."""
    if not (vectoriser.sublinear_tf and vectoriser.norm == "l2" and vectoriser.lowercase and vectoriser.use_idf):
        raise ValueError("only sublinear, l2-normalised, lower-casing TF-IDF is supported")
    analyzer = vectoriser.analyzer
    if callable(analyzer):
        if analyzer is not cue_tokens:
            raise ValueError(f"unsupported analyzer {analyzer!r}")
        analyzer = CUES
    vocabulary = vectoriser.vocabulary_
    terms = [""] * len(vocabulary)
    for term, index in vocabulary.items():
        terms[index] = term
    stop = vectoriser.get_stop_words() or ()
    return BlockSpec(
        analyzer=analyzer,
        ngram_range=tuple(vectoriser.ngram_range),
        token_pattern=vectoriser.token_pattern if analyzer == "word" else None,
        stop_words=tuple(sorted(stop)),
        terms=tuple(terms),
    )


def char_wb_ngrams(word: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char_wb`` n-grams of one whitespace-free word (a short word counted once)."""
    padded = f" {word} "
    size = len(padded)
    out = []
    for n in range(lo, hi + 1):
        offset = 0
        out.append(padded[offset : offset + n])
        while offset + n < size:
            offset += 1
            out.append(padded[offset : offset + n])
        if offset == 0:
            break
    return out


class _Block:
    """One TF-IDF block: text -> in-vocabulary feature indices, repeated as often as they occur. A cue block reads
    the text as given (scikit-learn passes it to a callable analyzer untouched); the others read it lower-cased
    with runs of white space squeezed, which changes none of their tokens."""

    def __init__(self, spec: BlockSpec, idf: np.ndarray) -> None:
        self.spec = spec
        self.idf = idf
        self.vocabulary = {term: i for i, term in enumerate(spec.terms)}
        self.stop = frozenset(spec.stop_words)
        self.lo, self.hi = spec.ngram_range
        self.token = re.compile(spec.token_pattern) if spec.token_pattern else None
        self.cues = spec.analyzer == CUES
        self._cache: dict[str, tuple[int, ...]] = {}

    def __len__(self) -> int:
        return len(self.spec.terms)

    def indices(self, text: str, offset: int) -> list[int]:
        """Feature indices of a lower-cased text (the original text for a cue block), plus ``offset``."""
        if self.cues:
            get = self.vocabulary.get
            return [j + offset for j in map(get, cue_tokens(text)) if j is not None]
        if self.token is not None:
            return self._word_indices(text, offset)
        return self._char_indices(text, offset)

    def _word_indices(self, text: str, offset: int) -> list[int]:
        assert self.token is not None
        tokens = [t for t in self.token.findall(text) if t not in self.stop]
        grams = tokens if self.lo == 1 else []
        for n in range(max(self.lo, 2), min(self.hi, len(tokens)) + 1):
            grams = grams + [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        get = self.vocabulary.get
        return [j + offset for j in map(get, grams) if j is not None]

    def _char_indices(self, text: str, offset: int) -> list[int]:
        cache = self._cache
        out: list[int] = []
        for word in text.split():
            found = cache.get(word)
            if found is None:
                found = self._ngram_indices(word, offset)
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[word] = found
            out.extend(found)
        return out

    def _ngram_indices(self, word: str, offset: int) -> tuple[int, ...]:
        get = self.vocabulary.get
        return tuple(j + offset for j in map(get, char_wb_ngrams(word, self.lo, self.hi)) if j is not None)


class Vectoriser:
    """The concatenation of TF-IDF blocks (each block L2-normalised on its own, like a FeatureUnion)."""

    def __init__(self, specs: Sequence[BlockSpec], idfs: Sequence[np.ndarray]) -> None:
        self.specs = tuple(specs)
        self.blocks = [_Block(s, np.asarray(i, dtype=np.float32)) for s, i in zip(specs, idfs, strict=True)]
        self.offsets = [0]
        for block in self.blocks:
            self.offsets.append(self.offsets[-1] + len(block))
        self.idf = np.concatenate([b.idf for b in self.blocks]) if self.blocks else np.zeros(0, np.float32)

    @classmethod
    def from_union(cls, union: Any) -> Vectoriser:
        """From a fitted scikit-learn FeatureUnion of TfidfVectorizers."""
        parts = [v for _, v in union.transformer_list]
        return cls([spec_of(v) for v in parts], [v.idf_ for v in parts])

    @property
    def n_features(self) -> int:
        return self.offsets[-1]

    def columns(self, *, cues: bool) -> np.ndarray:
        """The feature indices of the cue blocks (``cues=True``) or of every other block."""
        spans = [
            np.arange(start, start + len(block), dtype=np.int64)
            for block, start in zip(self.blocks, self.offsets, strict=False)
            if block.cues == cues
        ]
        return np.concatenate(spans) if spans else np.zeros(0, np.int64)

    def block_vocabulary(self, i: int) -> dict[str, int]:
        """Term -> index within block ``i``."""
        return self.blocks[i].vocabulary

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        """The float32 TF-IDF matrix of ``texts`` (rows in order)."""
        cols: list[int] = []
        ends = np.zeros(len(texts), dtype=np.int64)
        pairs = list(zip(self.blocks, self.offsets, strict=False))
        for r, text in enumerate(texts):
            low = _WHITE_SPACES.sub(" ", text.lower())
            for block, offset in pairs:
                cols.extend(block.indices(text if block.cues else low, offset))
            ends[r] = len(cols)
        n = self.n_features
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), np.diff(ends, prepend=0))
        keys, counts = np.unique(rows * n + np.array(cols, dtype=np.int64), return_counts=True)
        indptr = np.searchsorted(keys, np.arange(len(texts) + 1, dtype=np.int64) * n)
        x = csr_matrix((counts.astype(np.float32), (keys % n).astype(np.int32), indptr), shape=(len(texts), n))
        np.log(x.data, out=x.data)
        x.data += 1.0
        x.data *= self.idf[x.indices]
        self._normalise(x)
        return x

    def _normalise(self, x: csr_matrix) -> None:
        """L2-normalise each row's part of each block (sums in float64, as scikit-learn does)."""
        if not x.nnz:
            return
        rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
        block = np.searchsorted(self.offsets, x.indices, side="right") - 1
        key = rows * len(self.blocks) + block
        squares = (x.data * x.data).astype(np.float64)
        norms = np.sqrt(np.bincount(key, weights=squares, minlength=x.shape[0] * len(self.blocks)))
        x.data = (x.data / norms[key]).astype(np.float32)
