"""Sentiment cues: negation scope, word polarity and contrast, as tokens for the sentiment head's own feature block.

A bag of words reads "not happy" as "happy" and cannot tell "good but" from "good and". The cues name what
it misses: the words in a negation's scope ("neg_happy"), each clause's polarity from a small lexicon
(``sentiment_words.txt``), with a negated word turned round ("not bad" counts as positive), and how clauses on
either side of a contrast ("but", "although", "tho") differ. The lexicon lets the model weigh a polar word it never
saw in training; the clause summary is what tells "mixed" from a plain list of complaints.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from nlp._resources import _lines

CUES = "sentiment_cues"  # the analyzer name stored in a model's BlockSpec
_TOKEN = re.compile(r"[a-z0-9][a-z0-9']*|[.!?;\n]+|,")
_NEGATORS = frozenset(
    [
        *("not", "no", "never", "nothing", "nobody", "noone", "none", "neither", "nor", "cannot", "without"),
        *("hardly", "barely", "can't", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't"),
        *("won't", "wouldn't", "couldn't", "shouldn't", "haven't", "hasn't", "hadn't", "ain't", "dont", "cant"),
        *("didnt", "doesnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "couldnt", "shouldnt"),
        *("havent", "hasnt", "aint"),
    ]
)
# Words after which a negator is an idiom, not a negation: "not gonna lie", "no doubt", "not only".
_IDIOMS = frozenset(["gonna", "going", "only", "doubt", "just"])
_CONTRASTS = frozenset(["but", "although", "though", "tho", "however", "except", "whereas", "apart", "besides", "yet"])
_BREAKS = frozenset(["and", "because", "so", "then", "when", "if"])
_SCOPE = 3  # words a negation reaches


@cache
def lexicon() -> dict[str, int]:
    """Word -> +1 or -1 from ``sentiment_words.txt`` (sections ``[positive]`` and ``[negative]``)."""
    polarity, out = 0, dict[str, int]()
    for line in _lines("sentiment_words.txt"):
        if line in ("[positive]", "[negative]"):
            polarity = 1 if line == "[positive]" else -1
        else:
            out.update(dict.fromkeys(line.split(), polarity))
    return out


def _clauses(tokens: list[str]) -> list[tuple[str, list[str]]]:
    """(what opened the clause, its words): split at sentence ends (".") and contrast words ("but"); a comma stays
    in the clause (it ends a negation's scope)."""
    out: list[tuple[str, list[str]]] = [("start", [])]
    for piece in tokens:
        if piece != "," and not piece[0].isalnum():
            out.append((".", []))
        elif piece in _CONTRASTS:
            out.append(("but", []))
        else:
            out[-1][1].append(piece)
    return [c for c in out if c[1]]


def _clause_cues(words: list[str], lex: dict[str, int]) -> tuple[list[str], int, int]:
    """Cue tokens of one clause and its positive and negative polar-word counts (negation applied)."""
    cues: list[str] = []
    pos = neg = scope = 0
    for i, word in enumerate(words):
        if word in _NEGATORS or word.endswith("n't"):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            scope = 0 if nxt in _IDIOMS else _SCOPE
            continue
        if word in _BREAKS or word == ",":
            scope = 0
        polarity = lex.get(word, 0)
        if scope:
            scope -= 1
            cues.append("neg_" + word)
            polarity = -polarity
            if polarity:
                cues.append("negated_" + ("neg" if polarity > 0 else "pos"))
        if polarity > 0:
            pos += 1
        elif polarity < 0:
            neg += 1
    return cues, pos, neg


def polarity(words: list[str]) -> tuple[int, int]:
    """How many good and bad words a run of lower-case words holds, a negated word counted the other way."""
    _, pos, neg = _clause_cues(words, lexicon())
    return pos, neg


def _polarity(pos: int, neg: int) -> str:
    return "both" if pos and neg else "pos" if pos else "neg" if neg else "flat"


def cue_tokens(text: str) -> list[str]:
    """The cue tokens of a normalised text (case and spacing do not matter)."""
    tokens = _TOKEN.findall(text.lower())
    lex = lexicon()
    out: list[str] = []
    seen: list[str] = []
    total_pos = total_neg = 0
    for opener, words in _clauses(tokens):
        cues, pos, neg = _clause_cues(words, lex)
        out.extend(cues)
        polarity = _polarity(pos, neg)
        out.append("clause_" + polarity)
        if opener == "but" and seen:
            out.append(f"contrast_{seen[-1]}_{polarity}")
        seen.append(polarity)
        total_pos, total_neg = total_pos + pos, total_neg + neg
    out.append("text_" + _polarity(total_pos, total_neg))
    out.extend(["pos"] * min(total_pos, 3) + ["neg"] * min(total_neg, 3))
    flips = sum(a != b and "flat" not in (a, b) for a, b in itertools.pairwise(seen))
    if flips:
        out.append("clauses_flip")
    if "?" in text:
        out.append("question")
    n = sum(1 for t in tokens if t[0].isalnum())  # words
    out.append("len_" + ("1" if n <= 1 else "3" if n <= 3 else "8" if n <= 8 else "20" if n <= 20 else "more"))
    return out
