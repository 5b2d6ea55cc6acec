"""Parse nlp/resources/safeguarding_rules.txt into token patterns (the format is described in that file)."""

from __future__ import annotations

import itertools
import re

import msgspec
from spacy.strings import StringStore

from nlp._cues import lexicon
from nlp._matcher import Step
from nlp._resources import RESOURCES

Pattern = tuple[Step, ...]
_STRINGS = StringStore()


class Rule(msgspec.Struct, frozen=True):
    """One disclosure pattern's meaning: categories, level when nothing lowers it, and flags."""

    label: str
    categories: tuple[str, ...]
    level: str
    flags: frozenset[str]


class Exclusion(msgspec.Struct, frozen=True):
    """An idiom that cancels overlapping hits of the given categories (all when empty)."""

    label: str
    categories: frozenset[str]


class RuleSet(msgspec.Struct, frozen=True):
    """Everything the screen's matcher needs: label -> patterns, and what each label means."""

    patterns: dict[str, list[Pattern]]
    rules: dict[str, Rule]
    exclusions: dict[str, Exclusion]


def _ids(words: list[str]) -> frozenset[int]:
    return frozenset(_STRINGS.add(w) for w in words)


def _alternatives(token: str, sets: dict[str, list[str]], optional: bool) -> list[tuple[Step, ...]]:
    """A token's alternatives: one step for the single words, one step sequence per two-word phrase."""
    norms: list[str] = []
    lemmas: list[str] = []
    phrases: list[tuple[Step, ...]] = []
    for alt in token.split("|"):
        if alt == "#":  # a number among the alternatives ('when i was little|#'), not the word '#'
            phrases.append((Step(number=True),))
            continue
        lemma = alt.startswith("~")
        word = alt.removeprefix("~")
        words = sets[word[1:]] if word.startswith("@") else [word]
        if "_" in word:
            phrases.append(
                tuple(
                    Step(norms=_ids([w]), lemmas=_ids([w]), words=(w,), lemma_words=(w,))
                    if lemma
                    else Step(norms=_ids([w]), words=(w,))
                    for w in word.split("_")
                )
            )
        else:
            (lemmas if lemma else norms).extend(words)
    out: list[tuple[Step, ...]] = []
    if norms or lemmas:
        # A lemma word matches its own written form too: the lookup table's lemma of a word can be another word
        # ("feed" -> "fee", "scared" -> "scare"), so `~feed` and `~scared` would otherwise miss "feed" and "scared".
        step = Step(
            norms=_ids(norms + lemmas),
            lemmas=_ids(lemmas),
            optional=optional,
            words=tuple(norms + lemmas),
            lemma_words=tuple(lemmas),
        )
        out.append((step,))
    out.extend(phrases)
    if optional and phrases:
        out.append(())
    return out


def _token(token: str, sets: dict[str, list[str]]) -> list[tuple[Step, ...]]:
    if token.startswith("*"):
        return [(Step(gap=int(token[1:] or 1)),)]
    if token == "#":  # noqa: S105 (a pattern token, not a secret)
        return [(Step(number=True),)]
    if len(token) > 2 and token.startswith("/") and token.endswith("/"):
        return [(Step(regex=re.compile(token[1:-1])),)]
    optional = token.endswith("?") and len(token) > 1
    return _alternatives(token.removesuffix("?") if optional else token, sets, optional)


def compile_pattern(text: str, sets: dict[str, list[str]]) -> list[Pattern]:
    """One pattern line -> matcher patterns (several only when a token offers two-word phrases)."""
    choices = [_token(tok, sets) for tok in text.split()]
    return [tuple(step for group in combo for step in group) for combo in itertools.product(*choices)]


class _Parser:
    def __init__(self) -> None:
        self.sets: dict[str, list[str]] = {}
        self.patterns: dict[str, list[Pattern]] = {}
        self.rules: dict[str, Rule] = {}
        self.exclusions: dict[str, Exclusion] = {}

    def _add(self, label: str, pattern: str) -> None:
        self.patterns.setdefault(label, []).extend(compile_pattern(pattern, self.sets))

    def line(self, line: str) -> None:
        if line.startswith("@"):
            name, _, words = line[1:].partition("=")
            self.sets[name.strip()] = words.split()
            return
        head, _, pattern = line.partition(" : ")
        kind, *args = head.split()
        label = f"{kind}{len(self.patterns)}"
        if kind == "RULE":
            self.rules[label] = Rule(label, tuple(args[0].split(",")), args[1], frozenset(args[2:]))
        elif kind == "EXCLUDE":
            self.exclusions[label] = Exclusion(label, frozenset(args[0].split(",")) if args else frozenset())
        elif kind == "CUE":
            label = f"CUE_{args[0]}"
        else:
            raise ValueError(f"unknown rule line: {line!r}")
        self._add(label, pattern.strip())


def load_rules() -> RuleSet:
    """Parse the rules file."""
    parser = _Parser()
    # @GOOD: the sentiment lexicon's good words, so a rule can say 'a good word' without a list of its own.
    parser.sets["GOOD"] = sorted(word for word, polarity in lexicon().items() if polarity > 0)
    for raw in (RESOURCES / "safeguarding_rules.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            parser.line(line)
    return RuleSet(parser.patterns, parser.rules, parser.exclusions)
