"""The gate in front of each lexicon skips only rules that cannot match: what the lexicons find is unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp._foreign import LEXICONS, _sentences, fold, lexicon, needs_reading
from nlp._gate import Gate, required_strings
from nlp._paths import training_data

ROOT = Path(__file__).resolve().parents[2]

CODES = sorted(p.stem for p in LEXICONS.glob("*.txt"))


def _texts() -> list[str]:
    paths = [*training_data(), *sorted((ROOT / "bench" / "data").glob("*/*.jsonl"))]
    return [
        json.loads(line)["text"]
        for path in paths
        if path.exists()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    """Every sentence of every text in another language that the repository holds, folded as the reader folds."""
    out = [fold(s) for text in _texts() if needs_reading(text) for s in _sentences(text)]
    assert len(out) > 3_000  # the corpus and evaluation sets are there: the check below is not vacuous
    return out


@pytest.mark.parametrize("code", CODES)
def test_gate_never_skips_a_rule_that_matches(code: str, sentences: list[str]) -> None:
    lex = lexicon(code)
    found = 0
    for sentence in sentences:
        matching = [i for i, rule in enumerate(lex.rules) if rule.pattern.search(sentence)]
        assert set(matching) <= set(lex.gate.candidates(sentence)), (code, sentence)
        found += len(matching)
    assert found > 0, f"no {code} rule matched any sentence: the comparison checked nothing"


def test_gate_skips_most_rules_of_an_unrelated_sentence() -> None:
    lex = lexicon("pl")
    assert len(lex.gate.candidates(fold("Lubię grać w piłkę z kolegami po szkole"))) < len(lex.rules) / 3


def test_required_strings_of_a_pattern() -> None:
    assert required_strings("(ضرب|رفس)(ني|وني)") == frozenset({"ضربني", "ضربوني", "رفسني", "رفسوني"})
    assert required_strings(r"(?<!\w)(?:bije|leje) mnie\b") == frozenset({"bije mnie", "leje mnie"})
    # The most telling part of a pattern with a gap in it.
    assert required_strings("chce .{0,10}umrzec") == frozenset({"umrzec"})


@pytest.mark.parametrize(
    "pattern",
    [
        "ab",  # too short to look up
        "(abc)?x",  # nothing in it is required
        ".{0,5}",
        "[^abc]+",
        "(?i:abcdef)",  # a flag of its own: the letters could be any case
        "(abcdef",  # not a pattern at all: the lexicon's own compile reports it; the gate just never skips it
    ],
)
def test_a_pattern_with_no_required_string_is_always_run(pattern: str) -> None:
    assert required_strings(pattern) is None
    gate = Gate([pattern, "zzzzz"])
    assert gate.candidates("nothing to see") == [0]


def test_gate_keeps_rule_order() -> None:
    gate = Gate(["third", "first", "second"])
    assert gate.candidates("first second third") == [0, 1, 2]
