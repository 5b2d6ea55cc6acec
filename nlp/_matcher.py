"""A small anchored token matcher over spaCy NORM and LEMMA ids.

spaCy's Matcher evaluates every set-membership ("IN") predicate on every token, which measured 4-5 ms per text
with this rule set; the in-request screen has 1 ms. Here each pattern is indexed by its rarest required token,
so a text only pays for the patterns whose anchor word it contains.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LIKE_NUM, LOWER, NORM, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc

# Words too common to anchor a pattern on when a rarer token is available.
_FUNCTION_WORDS = frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "she",
        "they",
        "him",
        "her",
        "his",
        "them",
        "their",
        "it",
        "its",
        "a",
        "an",
        "the",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "and",
        "or",
        "not",
        "no",
        "be",
        "have",
        "do",
        "is",
        "am",
        "are",
        "was",
        "were",
        "get",
        "go",
        "will",
        "would",
        "can",
        "could",
        "just",
        "so",
        "all",
        "up",
        "out",
        "off",
        "this",
        "that",
        "there",
        "what",
        "when",
        "if",
        "as",
        "by",
        "from",
        "about",
        "like",
        "some",
        "one",
        "any",
        "more",
        "very",
        "really",
        "'",
        "'s",
    ]
)
_COMMON = frozenset(
    [
        "want",
        "say",
        "tell",
        "ask",
        "make",
        "give",
        "keep",
        "home",
        "back",
        "time",
        "every",
        "always",
        "take",
        "come",
        "know",
        "see",
        "feel",
        "think",
        "look",
        "need",
        "let",
        "try",
        "call",
        "put",
        "leave",
        "people",
        "man",
        "flat",
        "house",
        "place",
        "face",
        "head",
        "day",
        "night",
        "again",
        "still",
        "never",
        "nobody",
        "something",
        "stuff",
        "things",
        "been",
        "done",
        "got",
        "where",
    ]
)


@dataclass(frozen=True)
class Step:
    """One pattern position: a token (norm or lemma in a set), an optional token, a gap, a number or a regex."""

    norms: frozenset[int] = frozenset()
    lemmas: frozenset[int] = frozenset()
    optional: bool = False
    gap: int = 0
    number: bool = False
    regex: re.Pattern[str] | None = None
    words: tuple[str, ...] = ()
    lemma_words: tuple[str, ...] = ()

    @property
    def is_gap(self) -> bool:
        return self.gap > 0

    @property
    def is_required(self) -> bool:
        """A plain token step every match must contain (not optional, a gap, a number or a regex)."""
        return not (self.optional or self.gap > 0 or self.number or self.regex is not None)

    def matches(self, toks: Tokens, i: int) -> bool:
        if self.number:
            return bool(toks.nums[i])
        if self.regex is not None:
            return bool(self.regex.search(toks.strings[toks.norms[i]]))
        return toks.norms[i] in self.norms or toks.lemmas[i] in self.lemmas


@dataclass
class Tokens:
    """The arrays a doc is matched on."""

    norms: list[int]
    lemmas: list[int]
    nums: list[int]
    orths: list[int]
    strings: StringStore

    @classmethod
    def from_doc(cls, doc: Doc, lemma_ids: dict[int, int] | None = None) -> Tokens:
        """The doc's arrays; with ``lemma_ids`` (lower-case id -> lemma id) lemmas are looked up here rather than
        read from a lemmatised doc (the same ids, without writing them into the doc first)."""
        if lemma_ids is None:
            arr = doc.to_array([NORM, LEMMA, LIKE_NUM, ORTH])
            return cls(
                arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].tolist(), arr[:, 3].tolist(), doc.vocab.strings
            )
        arr = doc.to_array([NORM, LOWER, LIKE_NUM, ORTH])
        get = lemma_ids.get
        lemmas = [get(x, x) for x in arr[:, 1].tolist()]
        return cls(arr[:, 0].tolist(), lemmas, arr[:, 2].tolist(), arr[:, 3].tolist(), doc.vocab.strings)


@dataclass
class TokenMatcher:
    """Anchored patterns: ``add(label, steps)``, then call on a doc for ``(label, start, end)`` matches."""

    patterns: list[tuple[str, tuple[Step, ...], int]] = field(default_factory=list)
    by_norm: dict[int, list[int]] = field(default_factory=dict)
    by_lemma: dict[int, list[int]] = field(default_factory=dict)
    unanchored: list[int] = field(default_factory=list)
    required: list[tuple[frozenset[int], ...]] = field(default_factory=list)  # per pattern: ids a token needs

    def add(self, label: str, steps: Sequence[Step]) -> None:
        index = len(self.patterns)
        anchor = _anchor(steps)
        self.patterns.append((label, tuple(steps), anchor))
        self.required.append(tuple(step.norms | step.lemmas for step in steps if step.is_required))
        if anchor < 0:
            self.unanchored.append(index)
            return
        for key in steps[anchor].norms:
            self.by_norm.setdefault(key, []).append(index)
        for key in steps[anchor].lemmas:
            self.by_lemma.setdefault(key, []).append(index)

    def _viable(self, index: int, ids: set[int]) -> bool:
        """Every required step of the pattern has some token's norm or lemma in the doc (necessary for a match)."""
        return all(not step_ids.isdisjoint(ids) for step_ids in self.required[index])

    def candidates(self, toks: Tokens) -> Iterator[tuple[int, int]]:
        """(pattern index, anchor position) pairs worth verifying: viable patterns at their anchor words."""
        norms, lemmas = set(toks.norms), set(toks.lemmas)
        ids = norms | lemmas
        viable: dict[int, bool] = {}

        def keep(indices: list[int]) -> list[int]:
            for index in indices:
                if index not in viable:
                    viable[index] = self._viable(index, ids)
            return [index for index in indices if viable[index]]

        by_norm = {key: kept for key in self.by_norm.keys() & norms if (kept := keep(self.by_norm[key]))}
        by_lemma = {key: kept for key in self.by_lemma.keys() & lemmas if (kept := keep(self.by_lemma[key]))}
        if by_norm or by_lemma:
            for i, (norm, lemma) in enumerate(zip(toks.norms, toks.lemmas, strict=True)):
                seen = by_norm.get(norm, [])
                for index in seen:
                    yield index, i
                for index in by_lemma.get(lemma, ()):
                    if index not in seen:
                        yield index, i
        for index in self.unanchored:
            for i in range(len(toks.norms)):
                yield index, i

    def __call__(self, toks: Tokens) -> list[tuple[str, int, int]]:
        found = set()
        for index, i in self.candidates(toks):
            label, steps, anchor = self.patterns[index]
            span = _match_at(steps, anchor, toks, i)
            if span is not None:
                found.add((label, *span))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


def _anchor(steps: Sequence[Step]) -> int:
    """The required token step with the rarest words (-1 when there is none)."""
    best, best_score = -1, float("inf")
    for i, step in enumerate(steps):
        if step.optional or step.is_gap or step.number or step.regex is not None:
            continue
        score = sum(10_000 if w in _FUNCTION_WORDS else 100 if w in _COMMON else 1 for w in step.words)
        if score < best_score:
            best, best_score = i, score
    return best


def _forward(steps: tuple[Step, ...], k: int, toks: Tokens, pos: int) -> int | None:
    """Match steps[k:] starting at token ``pos``; the end of the shortest match."""
    if k == len(steps):
        return pos
    step = steps[k]
    if step.is_gap:
        for skip in range(step.gap + 1):
            if pos + skip > len(toks.norms):
                break
            end = _forward(steps, k + 1, toks, pos + skip)
            if end is not None:
                return end
        return None
    if step.optional:
        end = _forward(steps, k + 1, toks, pos)
        if end is not None:
            return end
    if pos < len(toks.norms) and step.matches(toks, pos):
        return _forward(steps, k + 1, toks, pos + 1)
    return None


def _backward(steps: tuple[Step, ...], k: int, toks: Tokens, pos: int) -> int | None:
    """Match steps[:k+1] ending just before token ``pos`` (right to left); the start of the shortest match."""
    if k < 0:
        return pos
    step = steps[k]
    if step.is_gap:
        for skip in range(step.gap + 1):
            if pos - skip < 0:
                break
            start = _backward(steps, k - 1, toks, pos - skip)
            if start is not None:
                return start
        return None
    if step.optional:
        start = _backward(steps, k - 1, toks, pos)
        if start is not None:
            return start
    if pos > 0 and step.matches(toks, pos - 1):
        return _backward(steps, k - 1, toks, pos - 1)
    return None


def _match_at(steps: tuple[Step, ...], anchor: int, toks: Tokens, i: int) -> tuple[int, int] | None:
    if anchor >= 0:
        if not steps[anchor].matches(toks, i):
            return None
        start, end = _backward(steps, anchor - 1, toks, i), _forward(steps, anchor + 1, toks, i + 1)
    else:
        start, end = i, _forward(steps, 0, toks, i)
    if start is None or end is None or end <= start:
        return None
    return start, end
