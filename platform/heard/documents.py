"""Documents people download: every CSV export is written here, so every text cell gets the same formula guard."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV Injection"); a tab or carriage
# return at the start is also how a cell smuggles one past a check of the first character.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")

Cell = str | int | float | None


def safe_cell(value: Cell) -> str | int | float:
    """A text cell a spreadsheet would run as a formula, with a leading apostrophe; anything else as it is.

    The check looks past leading whitespace (" =1+1" is run by some spreadsheets), and the whitespace is kept as
    it was: "\\t=1+1" is written "'\\t=1+1", never collapsed to "=1+1". A plain number ("-3", "+2.5%") is a
    number, not a formula, and is left alone.
    """
    if value is None:
        return ""
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        return value
    if value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Iterable[Sequence[Cell]]) -> str:
    """Rows as CSV text (RFC 4180 line ends), every cell through `safe_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


__all__ = ["FORMULA_START", "safe_cell", "to_csv"]
