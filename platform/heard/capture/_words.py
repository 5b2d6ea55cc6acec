"""The child's words on the capture pages: the UI message catalogue of their language, and the language list.

Every word a child reads lives in ``heard/i18n/messages/<lang>.json`` (a test keeps every language's
keys the same as English's); catalogues a translator has not checked say so on every page.
"""

from __future__ import annotations

from heard.i18n import SUPPORTED, Catalogue, Direction, catalogue

Words = Catalogue
"""One language's words; usable as the survey macros' ``ui``."""


def words(lang: str) -> Words:
    return catalogue(lang)


def languages() -> list[tuple[str, str, Direction]]:
    """Every supported language as (tag, its own name, direction), for the language switcher."""
    return [(tag, catalogue(tag).name, catalogue(tag).direction) for tag in SUPPORTED]
