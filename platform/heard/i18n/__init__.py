"""UI message catalogues for the languages Heard supports, and language negotiation.

Catalogues live in ``messages/<lang>.json``::

    {"language": "ar", "name": "العربية", "direction": "rtl", "reviewed": false,
     "messages": {"send": "إرسال", ...}}

A key missing from a catalogue falls back to English; a key missing from English is
returned as the key itself, so a forgotten string shows up in review, never as a crash.
``reviewed`` is false until a qualified translator has checked the catalogue; pages show
``translation_not_checked`` for unreviewed catalogues. ``incomplete()`` names every key English
has that another language lacks (and any it has that English does not); a test keeps it empty,
so the fallback is a safety net, never how a child gets English.

Keys under ``staff.`` (field labels of staff forms, the analysis labels staff read) are English only: staff pages
are in English, so ``incomplete()`` does not ask other languages for them and a child's page never uses them. So are
``statement.`` keys, the accessibility statement's body: a legal text, shown in English (marked ``lang="en"``) under a
heading and note in the reader's language, until a translator has checked it.

This package imports nothing from Heard or Litestar, so any layer may use it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import Literal

import msgspec

__all__ = [
    "DEFAULT",
    "ENGLISH_ONLY",
    "STAFF",
    "SUPPORTED",
    "Catalogue",
    "Direction",
    "catalogue",
    "direction",
    "incomplete",
    "labels",
    "negotiate",
]

Direction = Literal["ltr", "rtl"]

DEFAULT = "en"
STAFF = "staff."  # keys only staff pages use: English only
ENGLISH_ONLY: tuple[str, ...] = (STAFF, "statement.")
# English plus the languages most common among unaccompanied children in England:
# Arabic, Dari/Farsi, Pashto and Tigrinya.
SUPPORTED: tuple[str, ...] = ("en", "ar", "fa", "ps", "ti")
_RTL = frozenset({"ar", "fa", "ps", "ur", "he", "ckb", "prs"})
# Tags a browser may send for a language we serve under another tag.
_ALIASES = {"prs": "fa", "fa-af": "fa", "pbt": "ps", "pbu": "ps"}


class _File(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    language: str
    name: str
    direction: Direction
    reviewed: bool
    messages: dict[str, str]


class _Params(dict[str, object]):
    """Leaves an unknown ``{placeholder}`` in place rather than raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalogue:
    """The messages of one language, with English as the fallback."""

    __slots__ = ("_fallback", "_messages", "direction", "lang", "name", "reviewed")

    def __init__(
        self,
        lang: str,
        name: str,
        messages: dict[str, str],
        *,
        direction: Direction,
        reviewed: bool,
        fallback: Catalogue | None = None,
    ) -> None:
        self.lang = lang
        self.name = name
        self.direction: Direction = direction
        self.reviewed = reviewed
        self._messages = messages
        self._fallback = fallback

    def __repr__(self) -> str:
        return f"Catalogue({self.lang!r}, reviewed={self.reviewed})"

    def keys(self) -> frozenset[str]:
        """The keys this catalogue itself translates (not counting the fallback)."""
        return frozenset(self._messages)

    def has(self, key: str) -> bool:
        """Whether this catalogue (not its fallback) translates ``key``."""
        return key in self._messages

    def gettext(self, key: str, /, **params: object) -> str:
        """The message for ``key`` with ``{name}`` placeholders filled from ``params``."""
        text = self._messages.get(key)
        if text is None:
            return self._fallback.gettext(key, **params) if self._fallback else key
        return text.format_map(_Params(params)) if params else text

    __call__ = gettext

    def translate(self, english: str, /) -> str:
        """A sentence another layer wrote in English, in this language when English's catalogue has it, else as given.

        Domain services word their messages in English; those a child reads are also catalogue
        entries, so the page can say them in the child's language without the service knowing it.
        """
        key = _english_index().get(english)
        return self.gettext(key) if key is not None else english


@functools.cache
def _english_index() -> dict[str, str]:
    """English text → key, for ``Catalogue.translate``."""
    english = catalogue(DEFAULT)
    return {english.gettext(key): key for key in sorted(english.keys())}


def direction(lang: str) -> Direction:
    """Text direction of a language tag: ``rtl`` for Arabic-script and Hebrew languages."""
    primary = lang.strip().lower().replace("_", "-").split("-", 1)[0]
    return "rtl" if primary in _RTL else "ltr"


def _load(lang: str) -> _File:
    data = resources.files(__name__).joinpath("messages", f"{lang}.json").read_bytes()
    return msgspec.json.decode(data, type=_File)


@functools.cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue for ``lang``; an unsupported tag gets English."""
    lang = _match(lang) or DEFAULT
    english = None if lang == DEFAULT else catalogue(DEFAULT)
    file = _load(lang)
    return Catalogue(lang, file.name, file.messages, direction=file.direction, reviewed=file.reviewed, fallback=english)


def labels(prefix: str, ids: Iterable[str], lang: str = DEFAULT) -> dict[str, str]:
    """Each id's name for people, in order: the catalogue's ``<prefix>.<id>`` (the ids stay where they are defined,
    such as nlp.schemas; their names live here)."""
    words = catalogue(lang)
    return {i: words.gettext(f"{prefix}.{i}") for i in ids}


def incomplete() -> dict[str, dict[str, frozenset[str]]]:
    """Per language, the English keys it does not translate ("missing") and keys English lacks ("unknown")."""
    every = catalogue(DEFAULT).keys()
    english = frozenset(k for k in every if not k.startswith(ENGLISH_ONLY))
    found: dict[str, dict[str, frozenset[str]]] = {}
    for lang in SUPPORTED[1:]:
        own = catalogue(lang).keys()
        if own != english:
            found[lang] = {"missing": english - own, "unknown": own - english}
    return found


def _match(tag: str) -> str | None:
    tag = tag.strip().lower().replace("_", "-")
    if not tag:
        return None
    if tag in _ALIASES:
        return _ALIASES[tag]
    primary = tag.split("-", 1)[0]
    primary = _ALIASES.get(primary, primary)
    return primary if primary in SUPPORTED else None


def _weighted(header: str) -> list[tuple[float, int, str]]:
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")):
        tag, _, params = item.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, tag))
    return sorted(ranked)


def negotiate(accept_language: str | None, cookie_value: str | None) -> str:
    """The language to use: the child's saved choice, else the browser's best supported, else English."""
    if cookie_value and (chosen := _match(cookie_value)):
        return chosen
    for _, _, tag in _weighted(accept_language or ""):
        if (found := _match(tag)) is not None:
            return found
    return DEFAULT
