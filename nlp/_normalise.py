"""Normalise a copy of a text (quotes, case, text-speak, stretched words) and map offsets back to the original."""

from __future__ import annotations

import bisect
import re
from functools import cache

import msgspec

from nlp._foreign import marker_words
from nlp._resources import lower_set, mapping
from nlp._respell import known, respell

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)
_FOLD_ONE = str.maketrans({"\u2026": "."})
# text.translate(_FOLD_ONE).translate(_FOLD) as plain replacements (no replacement contains another key).
_FOLD_STEPS = (("\u2026", "."), *((chr(k), str(v)) for k, v in _FOLD.items() if k != 0x2026))

# Emoji that carry meaning for sentiment and for jokes; written out as words in the normalised copy.
EMOJI = {
    "\U0001f602": "lol",
    "\U0001f923": "lol",
    "\U0001f480": "lol",
    "\U0001f62d": "crying",
    "\U0001f622": "sad",
    "\u2639": "sad",
    "\U0001f641": "sad",
    "\U0001f61e": "sad",
    "\U0001f614": "sad",
    "\U0001f494": "sad",
    "\u2764": "love",
    "\U0001f60d": "love",
    "\U0001f970": "love",
    "\u2665": "love",
    "\U0001f495": "love",
    "\U0001f60a": "happy",
    "\U0001f642": "happy",
    "\U0001f600": "happy",
    "\U0001f601": "happy",
    "\U0001f603": "happy",
    "\U0001f604": "happy",
    "\U0001f44d": "good",
    "\U0001f621": "angry",
    "\U0001f620": "angry",
    "\U0001f92c": "angry",
    "\U0001f624": "angry",
}


class Normalised(msgspec.Struct, frozen=True):
    """A normalised copy of ``original`` plus the edits needed to map its offsets back."""

    original: str
    text: str
    # (normalised start, normalised end, original start, original end) for every edit that changed length.
    edits: tuple[tuple[int, int, int, int], ...] = ()

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text onto the original text."""
        return self._map(start, is_end=False), self._map(end, is_end=True)

    def _map(self, pos: int, *, is_end: bool) -> int:
        starts = [edit[0] for edit in self.edits]
        i = bisect.bisect_right(starts, pos) - 1
        if i < 0:
            return pos
        n_start, n_end, o_start, o_end = self.edits[i]
        if pos >= n_end:
            return pos - n_end + o_end
        return o_end if is_end and pos > n_start else o_start


@cache
def _table() -> dict[str, str]:
    table = dict(mapping("textspeak.tsv"))
    table.update(EMOJI)
    return table


_RUN = re.compile(r"[\w']+")
_STRETCH = re.compile(r"([a-z])\1{2,}")


@cache
def _phrases() -> dict[str, tuple[str, ...]]:
    """Text-speak keys that span more than one word run ('self-harm'), longest first, by their first run."""
    phrases = sorted((k for k in _table() if not _RUN.fullmatch(k) and k not in EMOJI), key=len, reverse=True)
    heads: dict[str, tuple[str, ...]] = {}
    for phrase in phrases:
        head = _RUN.match(phrase)
        key = head.group() if head else ""
        heads[key] = (*heads.get(key, ()), phrase)
    return heads


@cache
def _whole_word(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    """The alternatives (tried in order) as whole words: not inside a longer run of ``[\\w']``."""
    return re.compile(rf"(?<![\w'])(?:{'|'.join(map(re.escape, alternatives))})(?![\w'])")


def _speak(folded: str) -> list[tuple[int, int, str]]:
    r"""Whole-word text-speak and emoji matches, in order: ``(start, end, key)``.

    A key made of word characters can only match a whole run of ``[\w']`` characters (it must start and end at
    a boundary), so the set of runs says which keys occur, and only those are searched for. A phrase ('self-harm')
    wins over a key that is its first word, as the longer alternative did in one big regex.
    """
    runs = set(_RUN.findall(folded))
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    phrases = _phrases()
    for head in runs.intersection(phrases):
        for m in _whole_word(phrases[head]).finditer(folded):
            found.append((m.start(), m.end(), m.group()))
            taken.append(m.span())
    for key in runs.intersection(_table()):
        for m in _whole_word((key,)).finditer(folded):
            if not any(s <= m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), key))
    if any(e in folded for e in EMOJI):
        found.extend((i, i + 1, c) for i, c in enumerate(folded) if c in EMOJI)
    found.sort()
    return found


_TOKEN = re.compile(r"(?<![\w'])[a-z0-9]+(?![\w'])")


def _respelled(folded: str, runs: set[str]) -> list[tuple[int, int, str]]:
    """Words that are not English, a name or in the table, and what :func:`respell` reads them as. Text with
    two words of another language read by the lexicons is left alone (its words are not misspelt English)."""
    unknown = {r for r in runs if r not in known()}
    if not unknown or len(runs & marker_words()) >= 2:
        return []
    found = []
    for m in _TOKEN.finditer(folded):
        token = m.group()
        if token in unknown and token not in marker_words() and (word := respell(token)) is not None:
            table = _table()
            found.append((m.start(), m.end(), " ".join(table.get(w, w) for w in word.split())))
    return found


def _matches(folded: str) -> list[tuple[int, int, str | None]]:
    """Text-speak words, emoji, respelled words (key: "\0" + the respelling) and stretched-letter runs (key
    None) in text order; a stretched run inside a text-speak word is not one."""
    speak = _speak(folded)
    speak += [(s, e, "\0" + w) for s, e, w in _respelled(folded, set(_RUN.findall(folded))) if not _inside(s, speak)]
    speak.sort()
    stretched = [(m.start(), m.end(), None) for m in _STRETCH.finditer(folded)]
    if not stretched:
        return list(speak)
    taken = [(s, e) for s, e, _ in speak]
    merged: list[tuple[int, int, str | None]] = [*speak]
    merged.extend(m for m in stretched if not any(s <= m[0] < e for s, e in taken))
    return sorted(merged, key=lambda m: m[0])


def _inside(pos: int, spans: list[tuple[int, int, str]]) -> bool:
    return any(s <= pos < e for s, e, _ in spans)


def _squeeze(word: str) -> str:
    """'sooo' -> 'so', 'pleaseee' -> 'please', 'hellooo' -> 'hello': drop runs of 3+ letters to one or two."""
    one = re.sub(r"([a-z])\1{2,}", r"\1", word)
    return one if one in lower_set("common_words.txt") else re.sub(r"([a-z])\1{2,}", r"\1\1", word)


def _fold(text: str) -> str:
    if text.isascii():  # the only ASCII character either table changes is the backtick
        return text.replace("`", "'").lower()
    folded = text
    for char, replacement in _FOLD_STEPS:  # str.replace per character present: far faster than translate here
        if char in folded:
            folded = folded.replace(char, replacement)
    folded = folded.lower()
    if len(folded) == len(text):
        return folded
    # A few characters change length when lower-cased (e.g. 'İ'); leave those as they are.
    return "".join(c.translate(_FOLD).lower() if len(c.translate(_FOLD).lower()) == 1 else c for c in text)


def _stretched(text: str, start: int, end: int) -> tuple[int, int, str]:
    """The whole word around a stretched letter run, and its squeezed form."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    word = text[start:end]
    return start, end, _squeeze(word)


def _acronym(word: str) -> bool:
    """A short word written in capitals ("PSHE", "CAMHS"); a longer one is shouting ("SCAREDD") and is read."""
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper()


def normalise(text: str) -> Normalised:
    """Lower-case, straighten quotes, expand text-speak and squeeze stretched words, keeping the original."""
    folded = _fold(text)
    table = _table()
    out: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    pos = n_len = 0
    same = len(folded) == len(text)
    for start, end, key in _matches(folded):
        if start < pos:
            continue
        if same and key is not None and key.startswith("\0") and _acronym(text[start:end]):
            continue  # "PSHE", "IRO": an acronym written in capitals is not misspelt English
        if key is None:
            start, end, repl = _stretched(folded, start, end)
            if start < pos:
                continue
        elif key.startswith("\0"):
            repl = key[1:]
        else:
            repl = table[key]
            if key in EMOJI:
                repl = f" {repl} "
        out.append(folded[pos:start])
        n_start = n_len + start - pos
        out.append(repl)
        n_len = n_start + len(repl)
        edits.append((n_start, n_len, start, end))
        pos = end
    if not edits:
        return Normalised(original=text, text=folded)
    out.append(folded[pos:])
    return Normalised(original=text, text="".join(out), edits=tuple(edits))
