"""Find people's names: known first names, titles with surnames, and names after cues like 'my sw' or 'called'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from nlp._resources import lower_set

Span = tuple[int, int, str]

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Mister|Missus)\.?\s+[A-Z][a-z'’-]+(?:-[A-Z][a-z]+)?\b")
_ROLE = (
    r"sw|social\s+worker|pa|personal\s+adviser|personal\s+advisor|carer|foster\s+carer|foster\s+mum|foster\s+dad"
    r"|key\s*worker|iro|advocate|teacher|mentor|tutor|worker|support\s+worker|friend|best\s+friend|mate|bestie"
    r"|bf|gf|boyfriend|girlfriend|partner|ex|sister|brother|little\s+brother|little\s+sister|big\s+brother"
    r"|big\s+sister|half\s+brother|half\s+sister|step\s+brother|step\s+sister|stepbrother|stepsister|cousin"
    r"|auntie|aunty|aunt|uncle|nan|nanny|nana|grandma|gran|grandad|grandpa|son|daughter|baby|dad's|mum's"
    r"|stepdad|stepmum|step\s+dad|step\s+mum|neighbour|manager|officer|solicitor|interpreter|coach|therapist"
    r"|counsellor|nurse|doctor|dr|head|headteacher|new\s+one|old\s+one|keyworker"
)
_OWNERS = ("my", "our", "his", "her", "their", "the", "mum's", "dad's", "a", "new", "old")
_CUE_WORDS = (
    "called",
    "named",
    "name's",
    r"name\s+is",
    "names",
    r"thank\s+you",
    "thanks",
    "thankyou",
    "cheers",
    "hi",
    "hiya",
    "hello",
    "dear",
    r"shout\s*out\s+to",
    r"shoutout\s+to",
    r"love\s+you",
    "miss",
    "with",
    "and",
    "tell",
    "ask",
    "asked",
    "told",
    "auntie",
    "aunty",
    "uncle",
    "nanny",
    "nana",
    "nan",
    "grandma",
    "grandad",
    "cousin",
)
CUE = re.compile(
    rf"\b(?:(?:{'|'.join(_OWNERS)})\s+(?:(?:new|old|little|big|best|ex|foster)\s+)?"
    rf"(?:{_ROLE})(?:\s+(?:is|was|called|named))?"
    rf"|{'|'.join(_CUE_WORDS)})\s+(?P<n>[A-Za-z][a-z'’-]*[a-z])",
    re.IGNORECASE,
)
# The first word of every cue: in ASCII text a cue can only start where one of these words does.
_CUE_FIRST = frozenset(
    re.split(r"[^a-z]", variant)[0] for cue in (*_OWNERS, *_CUE_WORDS) for variant in (cue, cue.replace(r"\s*", ""))
)
_RUN = re.compile(r"\w+")
_STRONG_CUES = re.compile(r"^(?:called|named|name's|name\s+is|names)\b", re.IGNORECASE)
_WEAK_CUES = frozenset(
    {
        "with",
        "and",
        "tell",
        "ask",
        "asked",
        "told",
        "miss",
        "hi",
        "hiya",
        "hello",
        "dear",
        "thanks",
        "cheers",
        "love you",
    }
)


@cache
def _plain() -> frozenset[str]:
    return lower_set("first_names.txt")


def plain_first_names() -> frozenset[str]:
    """First names that are not also English words ('Jayden', not 'Will')."""
    return _plain()


@cache
def _wordlike() -> frozenset[str]:
    return lower_set("first_names_wordlike.txt")


@cache
def _common() -> frozenset[str]:
    return lower_set("common_words.txt")


def _bare(word: str) -> str:
    """'Leah's' -> 'Leah'."""
    return re.sub(r"['’]s$", "", word)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n:;"


def _known(text: str, m: re.Match[str]) -> bool:
    low = m.group().lower()
    if low not in _plain() and low not in _wordlike():
        if not low.endswith(("'s", "’s")):
            return False
        low = low[:-2]
    word = _bare(m.group())
    if low in _plain():
        return word[0].isupper() or (len(low) > 2 and low not in _common())
    if low in _wordlike():
        return word[0].isupper() and not word.isupper() and not _sentence_start(text, m.start())
    return False


def _cued(m: re.Match[str]) -> bool:
    word = _bare(m.group("n"))
    low = word.lower()
    cue = m.group()[: m.start("n") - m.start()].strip().lower()
    strong = bool(_STRONG_CUES.match(cue))
    if "'" in word or "’" in word or low.replace("-", "") in _common():
        return strong and word[0].isupper() and low in _wordlike()
    if low in _plain():
        return cue not in _WEAK_CUES or word[0].isupper()
    if low in _wordlike():
        return word[0].isupper() or strong
    if cue in _WEAK_CUES:
        return False
    return word[0].isupper() or strong or len(low) > 2


def _cue_matches(text: str) -> Iterator[re.Match[str]]:
    """Cue matches, allowing a name to be the next cue's first word ('miss my friend Jawad')."""
    if not text.isascii():
        pos = 0
        while m := CUE.search(text, pos):
            yield m
            pos = m.start("n")
        return
    # The same matches, trying the regex only where a cue word starts (searching from every position is slow).
    pos = 0
    for word in _RUN.finditer(text):
        if word.start() >= pos and word.group().lower() in _CUE_FIRST and (m := CUE.match(text, word.start())):
            yield m
            pos = m.start("n")


@cache
def _any_name() -> frozenset[str]:
    return _plain() | _wordlike()


def _first_names(text: str) -> Iterator[Span]:
    names = _any_name()
    for m in WORD.finditer(text):
        low = m.group().lower()
        possessive = low.endswith(("'s", "’s")) and low[:-2] in names
        if (low in names or possessive) and _known(text, m):
            yield m.start(), m.start() + len(_bare(m.group())), "NAME"
    for m in _cue_matches(text):
        if _cued(m):
            yield m.start("n"), m.start("n") + len(_bare(m.group("n"))), "NAME"
    for m in TITLE.finditer(text):
        yield m.start(), m.start() + len(_bare(m.group())), "NAME"


def _with_surnames(text: str, spans: list[Span]) -> Iterator[Span]:
    """Extend a name over a following capitalised surname ('Riley Morgan')."""
    for start, end, kind in spans:
        m = re.match(r"\s+([A-Z][a-z'’-]+(?:-[A-Z][a-z]+)?)\b", text[end:])
        if m and m.group(1).lower() not in _common() and _bare(m.group(1)).lower() not in _GENERIC_CAPS:
            end += len(_bare(m.group(1))) + len(m.group()) - len(m.group(1))
        yield start, end, kind


_GENERIC_CAPS = frozenset({"i", "academy", "college", "school", "road", "street", "lane", "council", "home", "office"})


def _repeats(text: str, spans: list[Span]) -> Iterator[Span]:
    """Once a word is known to be a name here, every capitalised use of it is ('Poppy says...')."""
    found = {text[s:e] for s, e, _ in spans if text[s].isupper() and " " not in text[s:e]}
    if found:
        for m in re.finditer(r"\b(?:" + "|".join(map(re.escape, sorted(found))) + r")\b", text):
            yield m.start(), m.end(), "NAME"


def find_names(text: str) -> list[Span]:
    """``(start, end, 'NAME')`` spans of people's names (may overlap; the caller merges)."""
    spans = sorted(set(_first_names(text)))
    spans = sorted(set(spans) | set(_repeats(text, spans)))
    return list(_with_surnames(text, spans))
