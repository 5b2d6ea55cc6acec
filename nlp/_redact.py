"""Replace personal details with typed placeholders: [NAME] [PHONE] [EMAIL] [POSTCODE] [ADDRESS] [SCHOOL] [HANDLE]."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from nlp._names import find_names
from nlp._normalise import normalise
from nlp._resources import lower_set, word_set

Span = tuple[int, int, str]

EMAIL = re.compile(r"[\w.+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_.]{2,30}[A-Za-z0-9_]")
PLATFORM_HANDLE = re.compile(
    r"\b(?:insta|instagram|ig|snap|snapchat|tiktok|twitter|fb|facebook|discord|psn|gamertag|username|user name"
    r"|handle|telegram|threads|twitch|roblox)\b(?:\s*(?:is|its|it's|=|:|-|me|at|name|@|on|it)\b\s*){0,3}\s*"
    r"@?(?P<h>[A-Za-z0-9_][A-Za-z0-9_.]{2,29})",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?<![\w+£$])(?:\+\s?|00\s?)?\(?\d[\d\s().-]{4,18}\d(?![\w%])")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
_STREET = (
    r"road|rd|street|st|lane|ln|avenue|ave|close|drive|way|crescent|cres|court|ct|place|grove|gardens|gdns"
    r"|terrace|walk|row|hill|view|mews|square|sq|rise|green|parade|vale|park|mount|croft|fold|meadows?|wharf"
)
_UNITS = (
    r"days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|times?|nights?|people|kids|boys|girls|of|and"
    r"|or|to|in|at|on|the|a|more|less|quid|pounds|miles|stops|floors|doors"
)
ADDRESS = re.compile(
    rf"\b(?:(?:flat|apartment|apt|unit|room)\s*\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+(?!(?:{_UNITS})\b)"
    rf"(?:[A-Za-z][A-Za-z'-]*\s+){{1,3}}(?:{_STREET})\b\.?",
    re.IGNORECASE,
)
NAMED_STREET = re.compile(
    r"\b(?:[A-Z][a-z'-]+\s+){1,3}(?:Road|Street|Lane|Avenue|Close|Drive|Crescent|Grove|Gardens|Terrace|Mews|Square)\b"
)
_SCHOOL_WORDS = (
    r"Academy|College|School|Primary|Juniors?|Infants?|High|Grammar|Comprehensive|Sixth Form"
    r"|University|Uni|PRU|Pupil Referral Unit"
)
SCHOOL = re.compile(
    rf"\b(?:(?:St\.?|Saint)\s+)?(?:[A-Z][\w'-]*\s+){{1,4}}(?:{_SCHOOL_WORDS})(?:\s+School)?\b"
    r"|\bUniversity\s+of\s+(?:the\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?",
)
# Words SCHOOL and LOWER_SCHOOL cannot match without (case-sensitive, like those patterns).
_SCHOOL_CUES = (
    "Academy",
    "College",
    "School",
    "Primary",
    "Junior",
    "Infant",
    "High",
    "Grammar",
    "Comprehensive",
    "Sixth",
    "Uni",
    "PRU",
    "Pupil",
    "academy",
    "college",
    "primary",
    "high school",
)
_STREET_WORDS = (
    "Road",
    "Street",
    "Lane",
    "Avenue",
    "Close",
    "Drive",
    "Crescent",
    "Grove",
    "Gardens",
    "Terrace",
    "Mews",
    "Square",
)
# Words PLATFORM_HANDLE needs (one of them whole, any case).
_PLATFORMS = frozenset(
    [
        "insta",
        "instagram",
        "ig",
        "snap",
        "snapchat",
        "tiktok",
        "twitter",
        "fb",
        "facebook",
        "discord",
        "psn",
        "gamertag",
        "username",
        "user",
        "handle",
        "telegram",
        "threads",
        "twitch",
        "roblox",
    ]
)
_DIGIT = re.compile(r"\d")
_RUN = re.compile(r"\w+")
LOWER_SCHOOL = re.compile(r"\b(?:[a-z][\w'-]+\s+){1,2}(?:academy|college|primary|high school)\b")
_GENERIC = frozenset(
    [
        "the",
        "my",
        "a",
        "an",
        "our",
        "your",
        "his",
        "her",
        "their",
        "this",
        "that",
        "next",
        "new",
        "old",
        "local",
        "big",
        "virtual",
        "secondary",
        "primary",
        "high",
        "special",
        "boarding",
        "sunday",
        "summer",
        "forest",
        "nursery",
        "middle",
        "infant",
        "junior",
        "sixth",
        "form",
        "further",
        "education",
        "catholic",
        "private",
        "state",
        "art",
        "drama",
        "music",
        "dance",
        "film",
        "community",
        "main",
        "grammar",
        "free",
        "mainstream",
        "residential",
        "day",
        "night",
        "holiday",
        "bible",
        "driving",
        "football",
        "cooking",
        "st",
        "saint",
        "i",
        "at",
        "to",
        "in",
        "and",
        "or",
        "but",
        "uni",
        "college",
        "university",
        "school",
        "academy",
        "a-level",
        "level",
        "gcse",
        "btec",
        "foundation",
        "open",
        "city",
    ]
)


@cache
def _helplines() -> frozenset[str]:
    return word_set("helplines.txt")


def _phone_digits(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    if raw.lstrip().startswith(("+", "00")) and digits.startswith(("44", "0044")):
        digits = "0" + digits.removeprefix("00").removeprefix("44").removeprefix("0")
    return digits


def _phones(text: str) -> Iterator[Span]:
    for m in PHONE.finditer(text):
        digits = _phone_digits(m.group())
        if digits in _helplines() or not (10 <= len(digits) <= 11 and digits[0] == "0" and digits[1] != "0"):
            continue
        yield m.start(), m.end(), "PHONE"


def _handles(text: str) -> Iterator[Span]:
    if "@" in text:
        for m in AT_HANDLE.finditer(text):
            yield m.start(), m.end(), "HANDLE"
    if text.isascii() and _PLATFORMS.isdisjoint(_RUN.findall(text.lower())):
        return
    common = lower_set("common_words.txt")
    for m in PLATFORM_HANDLE.finditer(text):
        handle = m.group("h").rstrip(".")
        if handle.lower() in common and not re.search(r"[\d_.]", handle):
            continue
        yield m.start("h"), m.start("h") + len(handle), "HANDLE"


def _school_name_ok(phrase: str) -> bool:
    words = re.findall(r"[\w'-]+", phrase)[:-1]
    return any(w.lower() not in _GENERIC for w in words)


def _schools(text: str) -> Iterator[Span]:
    if not any(word in text for word in _SCHOOL_CUES):
        return
    for m in SCHOOL.finditer(text):
        if m.group().startswith("University") or _school_name_ok(m.group()):
            yield m.start(), m.end(), "SCHOOL"
    common = lower_set("common_words.txt")
    for m in LOWER_SCHOOL.finditer(text):
        for word in list(re.finditer(r"\S+", m.group()))[:-1]:
            if word.group() not in common and word.group() not in _GENERIC:
                yield m.start() + word.start(), m.end(), "SCHOOL"
                break


def _addresses(text: str, digits: bool) -> Iterator[Span]:
    for pattern in (ADDRESS, NAMED_STREET) if digits else (NAMED_STREET,):
        if pattern is NAMED_STREET and not any(word in text for word in _STREET_WORDS):
            continue
        for m in pattern.finditer(text):
            yield m.start(), m.end(), "ADDRESS"


def _regex_spans(text: str) -> Iterator[Span]:
    # Each pattern runs only when the text has what it cannot match without ('@', a digit, a keyword).
    digits = _DIGIT.search(text) is not None
    for pattern, kind, needed in ((EMAIL, "EMAIL", "@" in text), (POSTCODE, "POSTCODE", digits)):
        if needed:
            for m in pattern.finditer(text):
                yield m.start(), m.end(), kind
    yield from _handles(text)
    if digits:
        yield from _phones(text)
    yield from _addresses(text, digits)
    yield from _schools(text)


def find_pii(text: str) -> list[Span]:
    """Non-overlapping ``(start, end, type)`` spans of personal details, in text order."""
    candidates = sorted([*_regex_spans(text), *find_names(text)], key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[Span] = []
    for span in candidates:
        if kept and span[0] < kept[-1][1]:
            if span[1] > kept[-1][1] and span[2] == kept[-1][2]:
                kept[-1] = (kept[-1][0], span[1], span[2])
            continue
        kept.append(span)
    return kept


def redact(text: str) -> str:
    """The text with every personal detail replaced by a typed placeholder; helpline numbers are kept."""
    spans = find_pii(text)
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for start, end, kind in spans:
        out.append(text[pos:start])
        out.append(f"[{kind}]")
        pos = end
    out.append(text[pos:])
    return "".join(out)


def feature_text(text: str) -> str:
    """What the models read: the redacted text, normalised (names become 'name', 'kms' becomes 'kill myself')."""
    return normalise(redact(text)).text
