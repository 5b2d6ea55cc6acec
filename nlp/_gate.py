"""A gate in front of a lexicon's patterns: which rules could match a sentence, found from runs of its letters.

Each rule is a regular expression of alternatives (``(ضرب|رفس)(ني|وني)``) with no fixed first letter, so Python's
engine tries every alternative at every position of the sentence, for every rule, on every sentence: most of the
cost of reading another language. But nearly every rule needs one of a few strings to be in the sentence (one of
its verbs, say). Those strings are worked out once from the parsed pattern, and each is looked up by a run of three
or four of its letters; a sentence runs only the rules with such a run among its own, and the rules with no such
strings. The gate only skips rules that cannot match, so what the lexicons find is unchanged
(``tests/nlp/test_nlp_gate.py`` checks that on every text).

The parse is Python's own (``re._parser``, the parser ``re.compile`` uses): a pattern it cannot reduce to
required strings is simply never gated.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

_N = 3  # the shortest required string used as a key
_LONG = 4  # the key taken from a longer one
_CAP = 256  # the most strings a required set may hold before it is not worth tracking
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}

Strings = frozenset[str]


def _product(a: Strings, b: Strings) -> Strings | None:
    if len(a) * len(b) > _CAP:
        return None
    return frozenset(x + y for x, y in itertools.product(a, b))


def _exact(items: Iterable[tuple[object, object]]) -> Strings | None:
    """Every string a (sub)pattern can match, when they are few and fixed; None otherwise."""
    out: Strings = frozenset({""})
    for op, av in items:
        one = _exact_item(op, av)
        if one is None:
            return None
        product = _product(out, one)
        if product is None:
            return None
        out = product
    return out


def _exact_item(op: object, av: object) -> Strings | None:
    if op is sre.LITERAL:
        return frozenset({chr(av)})  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return frozenset({""})
    if op is sre.IN:
        if all(kind is sre.LITERAL for kind, _ in av):  # type: ignore[attr-defined]
            return frozenset(chr(c) for _, c in av)  # type: ignore[attr-defined]
        return None
    if op is sre.SUBPATTERN:
        return None if av[1] else _exact(av[-1])  # type: ignore[index]  # a group with flags of its own
    if op is sre.BRANCH:
        return _union(av[1], _exact)  # type: ignore[index]
    if op in _REPEATS:
        return _exact_repeat(*av)  # type: ignore[misc]
    return None


def _union(
    alternatives: Iterable[Sequence[tuple[object, object]]],
    strings_of: Callable[[Sequence[tuple[object, object]]], Strings | None],
) -> Strings | None:
    """The strings of every alternative of a branch, when each has some and they are few."""
    out: set[str] = set()
    for alternative in alternatives:
        strings = strings_of(alternative)
        if strings is None or len(out) + len(strings) > _CAP:
            return None
        out |= strings
    return frozenset(out)


def _exact_repeat(low: int, high: int, inner: Sequence[tuple[object, object]]) -> Strings | None:
    """An optional part (``x?``) or one repeated once or twice: every string, when they are few."""
    strings = _exact(inner) if high <= 2 else None
    if strings is None:
        return None
    out: set[str] = set()
    for count in range(low, high + 1):
        repeated: Strings | None = frozenset({""})
        for _ in range(count):
            repeated = _product(repeated, strings) if repeated is not None else None
        if repeated is None:
            return None
        out |= repeated
    return frozenset(out)


def _better(a: Strings | None, b: Strings | None) -> Strings | None:
    """The more selective of two required sets: longer shortest string, then fewer strings."""
    if a is None or not _usable(a):
        return b if b is not None and _usable(b) else None
    if b is None or not _usable(b):
        return a
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _usable(strings: Strings) -> bool:
    return bool(strings) and min(map(len, strings)) >= _N


def _required(items: Sequence[tuple[object, object]]) -> Strings | None:
    """A set of strings one of which is in every match of the (sub)pattern, or None when there is none."""
    best: Strings | None = None
    run: Strings = frozenset({""})
    for op, av in items:
        strings = _exact_item(op, av)
        product = _product(run, strings) if strings is not None else None
        if product is not None:
            run = product
            continue
        best = _better(best, run)
        best = _better(best, _required_item(op, av))
        run = strings if strings is not None else frozenset({""})
    return _better(best, run)


def _required_item(op: object, av: object) -> Strings | None:
    if op is sre.SUBPATTERN:
        return None if av[1] else _required(av[-1])  # type: ignore[index]
    if op is sre.BRANCH:
        return _union(av[1], _required)  # type: ignore[index]
    if op in _REPEATS and av[0] >= 1:  # type: ignore[index]
        return _required(av[2])  # type: ignore[index]
    return None


def required_strings(pattern: str) -> Strings | None:
    """Strings one of which every match of ``pattern`` contains (each at least three letters), or None."""
    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return None
    return _required(list(parsed))


class Gate:
    """Rule indexes by key: ``candidates(sentence)`` are the rules that could match it, in rule order."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._always: set[int] = set()
        self._by_key: dict[str, set[int]] = {}
        for index, pattern in enumerate(patterns):
            strings = required_strings(pattern)
            if strings is None:
                self._always.add(index)
                continue
            for s in strings:
                self._by_key.setdefault(_key(s), set()).add(index)
        self._keys = frozenset(self._by_key)
        self._sizes = sorted({len(k) for k in self._keys})

    def candidates(self, sentence: str) -> list[int]:
        found = set(self._always)
        grams = {sentence[i : i + n] for n in self._sizes for i in range(len(sentence) - n + 1)}
        for key in grams & self._keys:
            found |= self._by_key[key]
        return sorted(found)


def _key(s: str) -> str:
    """The part of a required string looked up: four letters where it has them, away from its ends (prefixes
    and endings are shared by many words), and no space (spaces are in every sentence)."""
    for n in (_LONG, _N):
        spans = [s[i : i + n] for i in range(len(s) - n + 1)]
        inner = [g for g in spans if " " not in g]
        if inner:
            return inner[len(inner) // 2]
    return s[(len(s) - _N) // 2 :][:_N]
