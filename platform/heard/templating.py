"""Jinja filters shared by every page."""

from __future__ import annotations

import re
from datetime import datetime

from markupsafe import Markup, escape


def highlight(text: str, phrases: list[str]) -> Markup:
    """The text, escaped, with each phrase marked (case-insensitive), so a duty officer sees why it was flagged."""
    wanted = sorted({p for p in phrases if p.strip()}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(p) for p in wanted), re.IGNORECASE)
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [escape(text[last : match.start()]), Markup("<mark>"), escape(match.group()), Markup("</mark>")]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def when(moment: datetime | None) -> str:
    """A time people read at a glance: '23 Nov 2026, 14:05'."""
    return "" if moment is None else moment.astimezone().strftime("%-d %b %Y, %H:%M")


def minutes(total: float | int | None) -> str:
    """'45 min', '3 h 5 min', '2 days 4 h'."""
    if total is None:
        return "–"
    m = int(total)
    if m < 60:
        return f"{m} min"
    if m < 1440:
        return f"{m // 60} h {m % 60} min"
    return f"{m // 1440} days {(m % 1440) // 60} h"


FILTERS = {"highlight": highlight, "when": when, "minutes": minutes}
