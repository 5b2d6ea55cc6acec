"""How a council names its quarters: financial year (April to March, as councils report) or calendar year.

A quarter is always the same three months (starting January, April, July or October); only its number and year
change with the convention, so figures never move between quarters when a council changes it (the council's
choice is `heard.council.quarter_convention`). Every page, export and report names a quarter through `name`
(months spelled out) or `short`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

Convention = Literal["financial", "calendar"]
CONVENTIONS: tuple[Convention, ...] = get_args(Convention)
DEFAULT: Convention = "financial"

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def numbered(starts: date, convention: Convention) -> tuple[int, str]:
    """The quarter's number and the year it belongs to: (3, '2026-27') or (4, '2026')."""
    calendar_number = (starts.month - 1) // 3 + 1
    if convention == "calendar":
        return calendar_number, str(starts.year)
    first_year = starts.year if starts.month >= 4 else starts.year - 1
    return (calendar_number + 2) % 4 + 1, f"{first_year}-{(first_year + 1) % 100:02d}"


def name(starts: date, convention: Convention) -> str:
    """'October to December 2026 (quarter 3, 2026-27)'."""
    number, year = numbered(starts, convention)
    last = _MONTHS[starts.month + 1]
    return f"{_MONTHS[starts.month - 1]} to {last} {starts.year} (quarter {number}, {year})"


def short(starts: date, convention: Convention) -> str:
    """'Q3 2026-27' or 'Q4 2026': for table headings and chart labels, beside a full name elsewhere on the page."""
    number, year = numbered(starts, convention)
    return f"Q{number} {year}"
