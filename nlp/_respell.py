"""Respell text-speak that the table does not list, by its shape rather than by a longer list of spellings.

A word that is neither English, nor a name, nor in the text-speak table is tried, in order, as: numbers standing
for sounds ("h8" hate, "l8r" later, "2moro" tomorrow, "sum1" someone); an English word with its vowels dropped
("nvr" never, "gttn" gettin(g), "msgs" messages); one letter added, lost or changed ("nobdy", "scaredd"); and two
or three frequent words run together ("wannadie", "hateithere"). Candidates come from the 20,000 most frequent
words, most frequent first, so "frm" reads "from". Words of fewer than four letters are left alone except for
numbers: too many words share a short shape.
"""

from __future__ import annotations

import re
from functools import cache

from nlp._resources import RESOURCES, lower_set, mapping

_VOWELS = re.compile(r"[aeiou]")
_RULE_WORD = re.compile(r"(?<![a-z'])[a-z]{3,}(?![a-z'])")
_DOUBLE = re.compile(r"(.)\1+")
_DIGIT = re.compile(r"\d")
# Sounds a digit stands for, most likely first ("2" is "to" far more often than "too").
_SOUNDS = {"0": ("o",), "1": ("one", "i"), "2": ("to", "too"), "3": ("e",), "4": ("for", "a"), "8": ("ate",)}
_MIN = 4
_TH_RANK = 300  # 'th' respelled from 'd' or 'f' only into one of this many of the most frequent words
_EDIT_WORDS = 10_000  # one-letter edits are looked for among this many of the most frequent words
# Spellings of a sound, tried when a word as written is not found: "tonite" tonight, "fone" phone, "murda" murder.
_VARIANTS = (
    (re.compile(r"ite$"), "ight"),
    (re.compile(r"^f"), "ph"),
    (re.compile(r"^w"), "wh"),
    (re.compile(r"a$"), "er"),
    (re.compile(r"z$"), "s"),
    (re.compile(r"in$"), "ing"),
)


@cache
def frequent() -> tuple[str, ...]:
    """The frequent-word list, most frequent first."""
    text = (RESOURCES / "frequent_words.txt").read_text(encoding="utf-8")
    return tuple(w for w in text.split("\n") if w and not w.startswith("#"))


@cache
def known() -> frozenset[str]:
    """Words left as they are: English, names, the text-speak table's keys, the words spaCy's English tokenizer
    splits itself ("cannot", "gonna"), which the word lists leave out, and every word the safeguarding rules are
    written in: a word a rule or cue reads ("pshe", "camhs", "yot") is never respelled into another ("push")."""
    from spacy.lang.en.tokenizer_exceptions import TOKENIZER_EXCEPTIONS

    split = frozenset(k.lower() for k in TOKENIZER_EXCEPTIONS if k.isalpha())
    english = lower_set("common_words.txt") | lower_set("first_names.txt") | frozenset(mapping("textspeak.tsv"))
    rule_words, groups = _rule_words()
    # A rule may list a text-speak spelling beside its word ('messages|msgs'): that one is still respelled.
    variants = {w for group in groups for w in group if _close(w) in group}
    return english | split | (rule_words - variants)


def _rule_words() -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """The words of the rule file's patterns and word sets (what follows a RULE, CUE or EXCLUDE line's ':' and a
    word set's '='; never its comments), and each pattern token's alternatives ('messages|texts|msgs')."""
    words: set[str] = set()
    groups: list[frozenset[str]] = []
    for line in (RESOURCES / "safeguarding_rules.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("@"):
            words.update(_RULE_WORD.findall(line.partition("=")[2]))
        elif line.startswith(("RULE", "CUE", "EXCLUDE")):
            pattern = line.partition(":")[2]
            words.update(_RULE_WORD.findall(pattern))
            groups += [frozenset(_RULE_WORD.findall(token)) for token in pattern.split() if "|" in token]
    return frozenset(words), tuple(groups)


def skeleton(word: str) -> str:
    """First letter, then the consonants, doubled letters once: 'never' -> 'nvr', 'messages' -> 'msgs'."""
    return _DOUBLE.sub(r"\1", word[0] + _VOWELS.sub("", word[1:]))


@cache
def _skeletons() -> dict[str, str]:
    out: dict[str, str] = {}
    for word in frequent():
        forms = [word, word[:-1]] if word.endswith("ing") else [word]  # "gettin", "nothin"
        for form in forms:
            shape = skeleton(form)
            if len(shape) >= 3 and shape != form:
                out.setdefault(shape, word)
    return out


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@cache
def _neighbours() -> dict[str, str]:
    """Every frequent word (of four letters or more) and each of its one-letter deletions -> the word."""
    out: dict[str, str] = {}
    for word in frequent()[:_EDIT_WORDS]:
        if len(word) >= _MIN:
            out.setdefault(word, word)
            for d in _deletes(word):
                out.setdefault(d, word)
    return out


@cache
def _ranks() -> dict[str, int]:
    return {w: i for i, w in enumerate(frequent())}


def _numbers(token: str) -> str | None:
    """'h8' -> 'hate', 'l8r' -> 'later', '2moro' -> 'tomorrow' (then the table), 'sum1' -> 'someone'."""
    if token.isdigit() or not _DIGIT.search(token):
        return None
    candidates = [""]
    for char in token:
        options = _SOUNDS.get(char, (char,))
        candidates = [c + o for c in candidates for o in options][:16]
    table = mapping("textspeak.tsv")
    for candidate in candidates:
        if candidate in table:
            return table[candidate]
        if candidate in known():
            return candidate
    for candidate in candidates:
        if (word := _variant(candidate)) is not None:
            return word
        if len(skeleton(candidate)) >= 3 and (word := _skeletons().get(skeleton(candidate))) is not None:
            return word
    return None


def _th(token: str) -> str | None:
    """'th' said as 'd' or 'f' ('dey' they, 'dem' them, 'dat' that, 'fink' think, 'fing' thing): only into one of
    the most frequent words, so 'den', 'dis' and 'fin' are read so only where the frequent word fits them."""
    if token[:1] in ("d", "f") and 3 <= len(token) <= 5:
        candidate = "th" + token[1:]
        if _ranks().get(candidate, _TH_RANK) < _TH_RANK:
            return candidate
    return None


def _variant(token: str) -> str | None:
    for pattern, sound in _VARIANTS:
        candidate = pattern.sub(sound, token)
        if candidate != token and candidate in _ranks():
            return candidate
    return None


def _vowel_poor(token: str) -> bool:
    return len(_VOWELS.findall(token[1:])) <= 1 and len(token) >= 3


def _close(token: str) -> str | None:
    """A spelling of the same sound; for a word with its vowels dropped, the frequent word of the same consonant
    skeleton; else the most frequent word one letter away that starts with the same letter."""
    if (word := _variant(token)) is not None:
        return word
    if _vowel_poor(token):
        return _skeletons().get(skeleton(token))
    neighbours = _neighbours()
    found = [neighbours[token]] if token in neighbours else []
    found += [neighbours[d] for d in _deletes(token) if d in neighbours]
    found = [w for w in found if w[0] == token[0] and abs(len(w) - len(token)) <= 1]
    return min(found, key=_ranks().__getitem__) if found else None


def _split(token: str) -> str | None:
    """Two or three frequent words run together, the split whose words are most frequent."""
    ranks = _ranks()
    best: tuple[int, str] | None = None
    for i in range(2, len(token) - 1):
        head, tail = token[:i], token[i:]
        if head not in ranks:
            continue
        options = [(ranks[head] + ranks[tail], f"{head} {tail}")] if tail in ranks else []
        for j in range(2, len(tail) - 1):
            if tail[:j] in ranks and tail[j:] in ranks:
                options.append(
                    (ranks[head] + ranks[tail[:j]] + ranks[tail[j:]] + 5000, f"{head} {tail[:j]} {tail[j:]}")
                )
        for option in options:
            if best is None or option < best:
                best = option
    return best[1] if best is not None and best[0] < 15000 else None


@cache
def respell(token: str) -> str | None:
    """What an unknown lower-case token stands for, or None to leave it as written."""
    if token in known():
        return None
    if (word := _numbers(token)) is not None:
        return word
    if (word := _th(token)) is not None:
        return word
    # Three letters are read only with no vowel after the first ('bcz', 'agn', 'abt'): 'ana' or 'ima' is a word
    # of its own, not a respelling.
    if not token.isalpha() or (len(token) < _MIN and not (len(token) == 3 and not _VOWELS.search(token[1:]))):
        return None
    if (word := _close(token)) is not None:
        return word
    return _split(token) if len(token) >= 7 else None
