"""The rollup refresh: one council's quarter recomputed from submissions, analyses, replies, alerts and clocks.

The SQL is dashboards.queries'; here are the rules: which answers count, and which cells are hidden.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

import asyncpg

import surveys
from dashboards import queries
from dashboards.schemas import FACES, YES_NO, cohort_values
from dashboards.suppression import ALL, Count, Key, Line, lines_of, protect

# Answers to the survey questions the Board follows: every submission in the quarter that has one, newest first,
# read through `surveys.read_answers` (the one reader of the stored shape) before anything is counted.
WELLBEING_QUESTIONS = ("feel_safe_home", "trusted_adult", "happiness", "life_satisfaction")


async def refresh_quarter(conn: asyncpg.Connection, council_id: int, quarter: date) -> float:
    """Recompute one council's quarter in the caller's transaction; returns the seconds it took."""
    started = time.perf_counter()
    await queries.clear_quarter(conn, council_id, quarter)
    await queries.insert_cells(conn, council_id, quarter, await wellbeing_answers(conn, council_id, quarter))
    await _suppress(conn, council_id, quarter, cohort_values())
    await _suppress(conn, council_id, quarter, None)
    seconds = time.perf_counter() - started
    await queries.record_refresh(conn, council_id, quarter, seconds)
    return seconds


def answer_category(question: str, answer: surveys.Answer) -> str | None:
    """The Board's category for one answer: the option chosen, or the ONS band of a 0-10 score."""
    if question == "life_satisfaction":
        n = answer.number
        if n is None or not 0 <= n <= 10:
            return None
        return "0-4" if n <= 4 else "5-6" if n <= 6 else "7-8" if n <= 8 else "9-10"
    known = FACES if question == "happiness" else YES_NO
    return answer.choices[0] if len(answer.choices) == 1 and answer.choices[0] in known else None


async def wellbeing_answers(
    conn: asyncpg.Connection, council_id: int, quarter: date
) -> list[tuple[str, str, int, int | None]]:
    """(question, category, person, child) for each person's latest answer to each Board question this quarter."""
    seen: set[tuple[str, int]] = set()
    found: list[tuple[str, str, int, int | None]] = []
    for row in await queries.answered(conn, council_id, quarter, list(WELLBEING_QUESTIONS)):
        instrument = surveys.instrument_version(row.instrument, row.instrument_version)
        if instrument is None:
            continue
        answers = surveys.read_answers(instrument, row.answers)
        for question in WELLBEING_QUESTIONS:
            answer = answers.get(question)
            if answer is None or (question, row.person) in seen:
                continue
            seen.add((question, row.person))
            if (category := answer_category(question, answer)) is not None:
                found.append((question, category, row.person, row.child_id))
    return found


# Measures that count the same things per group, published side by side: their totals are equal, so they are
# protected as one set, or a total shown in one would give away a cell hidden in the other ("statements" by month
# and "response" by band both count each statement of the quarter once).
LINKED = (("statements", "response"),)
_SEP = "\x1f"


async def _suppress(
    conn: asyncpg.Connection, council_id: int, quarter: date, attributes: Mapping[str, Iterable[str]] | None
) -> None:
    """Protect each measure's whole cube (and linked measures together) once, here, so every page, CSV and PDF
    shows the same hidden cells. `attributes` None means the team rollup (its groups are the teams found)."""
    teams = attributes is None
    cells: dict[str, dict[Key, Count]] = defaultdict(dict)
    for cell in await queries.cells(conn, council_id, quarter, teams=teams):
        cells[cell.measure][(cell.group, cell.category)] = Count(cell.n, cell.people)
    hide: list[tuple[str, str, str]] = []
    for measures in _sets(cells):
        joined: dict[Key, Count] = {}
        lines: list[Line] = []
        for measure in measures:
            cube = cells[measure]
            groups = attributes
            if groups is None:
                groups = {"team": sorted({g.removeprefix("team:") for g, _ in cube if g != "*"})}
            joined.update({(g, measure + _SEP + c): count for (g, c), count in cube.items()})
            lines += [
                Line(_tag(line.total, measure), tuple(_tag(k, measure) for k in line.members))
                for line in lines_of(cube, groups)
            ]
        for first, other in itertools.pairwise(measures):
            for group in sorted({g for g, _ in joined}):
                a, b = (group, first + _SEP + ALL), (group, other + _SEP + ALL)
                if a in joined or b in joined:
                    lines.append(Line(a, (b,)))
        for group, tagged in protect(joined, lines):
            measure, _, category = tagged.partition(_SEP)
            hide.append((measure, category, group))
    await queries.mark_hidden(conn, council_id, quarter, hide, teams=teams)


def _tag(key: Key, measure: str) -> Key:
    return (key[0], measure + _SEP + key[1])


def _sets(cells: Mapping[str, object]) -> list[tuple[str, ...]]:
    """The measures to protect together: each linked set present, then every other measure alone."""
    linked = [tuple(m for m in group if m in cells) for group in LINKED]
    linked = [group for group in linked if group]
    taken = {m for group in linked for m in group}
    return linked + [(m,) for m in sorted(cells) if m not in taken]
