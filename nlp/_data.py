"""Read and validate labelled JSON Lines (the corpus, dev set, corrections) and predict input."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import msgspec

from nlp.schemas import CATEGORIES, LEVELS, SENTIMENTS, THEMES, Level


class DataError(ValueError):
    """A line of an input file is not what it should be; the message names the file and line."""


class GoldSafeguarding(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Labelled safeguarding: level and categories."""

    level: Level = "none"
    categories: tuple[str, ...] = ()


class Item(msgspec.Struct, frozen=True, kw_only=True):
    """One labelled text (LABELS.md); corrections may leave out pii and kind."""

    id: str | int | None = None
    text: str
    themes: tuple[str, ...] = ()
    sentiment: str = "neutral"
    safeguarding: GoldSafeguarding = GoldSafeguarding()
    pii: tuple[str, ...] = ()
    kind: str | None = None


class PredictInput(msgspec.Struct, frozen=True):
    """A line of ``predict`` input."""

    text: str
    id: Any = None


_ITEM = msgspec.json.Decoder(Item)
_INPUT = msgspec.json.Decoder(PredictInput)


def _check(item: Item) -> str | None:
    if unknown := set(item.themes) - set(THEMES):
        return f"unknown theme(s) {sorted(unknown)}"
    if item.sentiment not in SENTIMENTS:
        return f"unknown sentiment {item.sentiment!r}"
    if item.safeguarding.level not in LEVELS:
        return f"unknown safeguarding level {item.safeguarding.level!r}"
    if unknown := set(item.safeguarding.categories) - set(CATEGORIES):
        return f"unknown safeguarding categor(ies) {sorted(unknown)}"
    if item.safeguarding.level != "none" and not item.safeguarding.categories:
        return "safeguarding level is not none but no categories are given"
    return None


def _lines(lines: Iterable[str], source: str) -> Iterator[tuple[int, bytes]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line.encode()


def parse_items(lines: Iterable[str], source: str) -> list[Item]:
    """Labelled items from JSON Lines; raises DataError naming the first bad line."""
    items = []
    for number, raw in _lines(lines, source):
        try:
            item = _ITEM.decode(raw)
        except msgspec.DecodeError as exc:
            raise DataError(f"{source}:{number}: {exc}") from exc
        if problem := _check(item):
            raise DataError(f"{source}:{number}: {problem}")
        items.append(item)
    return items


def read_items(path: Path) -> list[Item]:
    """Labelled items from a file."""
    with path.open(encoding="utf-8") as f:
        return parse_items(f, str(path))


def parse_inputs(lines: Iterable[str], source: str) -> Iterator[PredictInput]:
    """``{"id", "text"}`` lines; raises DataError naming the first bad line."""
    for number, raw in _lines(lines, source):
        try:
            yield _INPUT.decode(raw)
        except msgspec.DecodeError as exc:
            raise DataError(f"{source}:{number}: {exc}") from exc
