"""Read the word lists shipped in nlp/resources/ (cached: each file is parsed once per process)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"


def _lines(name: str) -> list[str]:
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def word_set(name: str) -> frozenset[str]:
    """A one-word-per-line resource as a set."""
    return frozenset(_lines(name))


@cache
def lower_set(name: str) -> frozenset[str]:
    """A one-word-per-line resource, lower-cased."""
    return frozenset(line.lower() for line in _lines(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """A two-column tab-separated resource as a dict."""
    pairs = (line.split("\t", 1) for line in _lines(name))
    return {key.strip(): value.strip() for key, value in pairs}
