"""Small-number suppression for every dashboard figure, page, CSV and PDF alike: 1-5 is "c", and nothing gives it away.

What is protected
-----------------
Every figure Heard publishes about children is a count in a *cube*: for one quarter and one
measure (a theme, "feel safe where you live", response-time bands, ...) the cells are

    (group, category)   group    = '*' (everyone) or one attribute's value: 'age:12-15', 'placement:foster', ...
                        category = '*' (the measure's total) or one category: 'negative', 'yes', '2025-04', ...

Two kinds of exact sums hold in that cube, and an attacker can use either:

* across categories: for each group, the categories add up to the group's total
  (a theme's sentiments add up to the theme's statements);
* across groups: for each attribute, its values *plus 'unknown'* (anonymous respondents, ages
  outside the bands) add up to everyone. This is the "second filter" attack: everyone minus
  'placed in area' is 'placed out of area'; everyone minus foster minus kinship is the rest.

The rules
---------
1. Primary: a cell is hidden when its count, or the number of distinct children behind it,
   is 1 to 5. Zero is shown (it identifies nobody).
2. Secondary: every sum above is a *line* (its total and its members, including members no page
   shows, such as 'unknown' or 'not over 21'). A line with exactly one hidden cell would give it
   away by subtraction, so another non-zero cell of the line is hidden too (chosen to keep
   everyone's figures and to spread as little as possible). This repeats until no line has
   exactly one hidden cell. Then an exact check treats the hidden cells as unknowns and every
   line as an equation: any hidden cell the equations pin down together (not only one line at
   a time) gets a further partner, until none can be solved for.
3. One cohort filter at a time. Filters select one group of the cube; every view of a quarter
   and measure is a slice of the same cube, protected as a whole with the same deterministic
   rules, so two views can never disagree about what is hidden: differencing two filtered
   views, or a filtered view and the total, only ever meets lines already protected by rule 2.
   Intersections of two filters ('disabled and placed out of area') would add lines of their
   own (and differences between overlapping groups), so a request with two filters is refused.
4. Nothing is ordered or coloured by a hidden value; percentages are computed only from shown
   cells, and a share of a hidden cell is hidden too. Rates that are not counts (mean response
   time) are shown only when their count is shown.

This is the standard "cell suppression with consistent secondary suppression over all
published margins" used for official statistics; it guards against exact recovery by
subtraction. It does not hide that a hidden cell is small (by design "c" means 1-5 or a
protecting partner).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import msgspec
import numpy as np

SUPPRESSED = "c"
THRESHOLD = 5
ALL = "*"


class Count(msgspec.Struct, frozen=True):
    """A cell's count and the distinct children behind it."""

    n: int
    people: int


Key = tuple[str, str]
"""(group, category); ALL in either place is a total."""


class Line(msgspec.Struct, frozen=True):
    """A total and the members that add up to it."""

    total: Key
    members: tuple[Key, ...]


def is_small(value: int, threshold: int = THRESHOLD) -> bool:
    return 1 <= value <= threshold


def primary(count: Count) -> bool:
    return is_small(count.n) or is_small(count.people)


def lines_of(cells: Iterable[Key], attributes: Mapping[str, Iterable[str]]) -> list[Line]:
    """Every exact sum in a cube: categories within each group, and each attribute's values within each category.

    `attributes` names each cohort attribute and its possible values; values met in the cells
    ('unknown', 'other') are added, so each line holds every member that adds to its total.
    """
    keys = set(cells)
    by_group: dict[str, set[str]] = defaultdict(set)
    by_category_attr: dict[tuple[str, str], set[str]] = defaultdict(set)
    for group, category in keys:
        if category != ALL:
            by_group[group].add(category)
        if group != ALL:
            attr, _, value = group.partition(":")
            by_category_attr[(category, attr)].add(value)
    found = [Line((g, ALL), tuple((g, c) for c in sorted(cats))) for g, cats in sorted(by_group.items())]
    categories = {c for _, c in keys}
    for category in sorted(categories):
        for attr, values in attributes.items():
            every = sorted(set(values) | by_category_attr.get((category, attr), set()))
            found.append(Line((ALL, category), tuple((f"{attr}:{v}", category) for v in every)))
    return found


def protect(cells: Mapping[Key, Count], lines: Iterable[Line]) -> set[Key]:
    """The cells to hide: primary suppression, then secondary until no line has exactly one hidden cell."""
    hidden = {key for key, count in cells.items() if primary(count)}
    todo = list(lines)
    through: dict[Key, list[Line]] = defaultdict(list)
    for line in todo:
        for key in (line.total, *line.members):
            through[key].append(line)
    while True:
        changed = True
        while changed:
            changed = False
            for line in todo:
                if _hidden_in(line, hidden) != 1:
                    continue
                partner = _partner(line, cells, hidden, through)
                if partner is not None:
                    hidden.add(partner)
                    changed = True
        exposed = recoverable(hidden, todo)
        if not exposed:
            return hidden
        # Several lines together pin a cell down: hide one more cell beside it and check again.
        extra = _widen(sorted(exposed)[0], cells, hidden, through)
        if extra is None:
            return hidden
        hidden.add(extra)


def recoverable(hidden: set[Key], lines: Iterable[Line]) -> set[Key]:
    """Hidden cells whose value follows from the published cells by any combination of the sums (exact algebra).

    With hidden cells as unknowns, each line is one linear equation; a cell is determined exactly
    when no direction in the null space of those equations moves it. Unknowns that share no equation,
    even through others, are independent blocks, solved apart (the cost grows with the cube of a block).
    """
    unknowns = sorted(hidden)
    if not unknowns:
        return set()
    index = {key: i for i, key in enumerate(unknowns)}
    rows: list[dict[int, float]] = []
    for line in lines:
        row: dict[int, float] = defaultdict(float)
        if line.total in index:
            row[index[line.total]] += 1.0
        for key in line.members:
            if key in index:
                row[index[key]] -= 1.0
        row = {i: v for i, v in row.items() if v}
        if row:
            rows.append(row)
    found: set[Key] = set()
    for block, block_rows in _blocks(len(unknowns), rows):
        where = {u: j for j, u in enumerate(block)}
        matrix = np.zeros((len(block_rows), len(block)))
        for r, row in enumerate(block_rows):
            for i, v in row.items():
                matrix[r, where[i]] = v
        # The null space of A is that of AᵀA (unknowns x unknowns, small), whose eigenvalues are 0 there.
        values, vectors = np.linalg.eigh(matrix.T @ matrix)
        null = vectors[:, values < 1e-7]
        free = np.abs(null).max(axis=1) if null.shape[1] else np.zeros(len(block))
        found |= {unknowns[u] for u, j in where.items() if free[j] < 1e-7}
    return found


def _blocks(count: int, rows: list[dict[int, float]]) -> list[tuple[list[int], list[dict[int, float]]]]:
    """The unknowns split into groups joined by shared equations, each with its equations; an unknown in no
    equation is free (never determined), so it is left out."""
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for row in rows:
        first, *rest = row
        for i in rest:
            parent[root(i)] = root(first)
    members: dict[int, list[int]] = defaultdict(list)
    equations: dict[int, list[dict[int, float]]] = defaultdict(list)
    for row in rows:
        equations[root(next(iter(row)))].append(row)
    for i in range(count):
        if root(i) in equations:
            members[root(i)].append(i)
    return [(members[r], equations[r]) for r in sorted(members)]


def _widen(key: Key, cells: Mapping[Key, Count], hidden: set[Key], through: Mapping[Key, list[Line]]) -> Key | None:
    near = [k for line in through.get(key, []) for k in (*line.members, line.total) if k not in hidden]
    near = [k for k in near if _n(cells, k) > 0]
    return min(near, key=lambda k: (k[0] == ALL, _n(cells, k), k)) if near else None


def _hidden_in(line: Line, hidden: set[Key]) -> int:
    return (line.total in hidden) + sum(1 for key in line.members if key in hidden)


def _partner(line: Line, cells: Mapping[Key, Count], hidden: set[Key], through: Mapping[Key, list[Line]]) -> Key | None:
    """The cell to hide with a line's lone hidden one.

    Any non-zero cell of the line will do for safety; the choice only limits how far hiding spreads:
    keep everyone's figures ('*') where possible, prefer a cell that also completes other lines with
    one hidden cell over one that would leave new lines with exactly one, then the smallest.
    """
    candidates = [k for k in (*line.members, line.total) if k not in hidden and _n(cells, k) > 0]
    if not candidates:
        return None

    def cost(key: Key) -> tuple[bool, int, int, int, Key]:
        others = [other for other in through.get(key, []) if other is not line]
        opened = [other for other in others if _hidden_in(other, hidden) == 0]
        closed = sum(1 for other in others if _hidden_in(other, hidden) == 1)
        # A line this would open whose only other non-zero cells are everyone's figures would cost one of them.
        costly = sum(1 for other in opened if not _spare(other, key, cells))
        return (key[0] == ALL, costly, len(opened) - closed, _n(cells, key), key)

    return min(candidates, key=cost)


def _spare(line: Line, taken: Key, cells: Mapping[Key, Count]) -> bool:
    """Whether a line has a non-zero cell outside everyone's figures to hide besides `taken`."""
    return any(k != taken and k[0] != ALL and _n(cells, k) > 0 for k in (*line.members, line.total))


def _n(cells: Mapping[Key, Count], key: Key) -> int:
    count = cells.get(key)
    return 0 if count is None else count.n


def shown(count: Count | None, hide: bool) -> str:
    """A cell as published: the count, "c", or 0 when nobody is in it."""
    if count is None:
        return "0"
    return SUPPRESSED if hide else f"{count.n:,}"


def percent(part: str, whole: str) -> str:
    """A share of two published cells; hidden when either is, so a share never reveals a hidden count."""
    if SUPPRESSED in (part, whole):
        return SUPPRESSED
    top, bottom = int(part.replace(",", "")), int(whole.replace(",", ""))
    return "–" if bottom == 0 else f"{round(100 * top / bottom)}%"


def suppress_row(counts: Sequence[int], total: int | None = None) -> tuple[list[str], str | None]:
    """One row of counts and, when it is published, their total, under the same rules as a cube.

    For tables that are not cubes (the complaints reports): the row and its total form one line.
    """
    members = tuple((ALL, str(i)) for i in range(len(counts)))
    cells = {key: Count(n, n) for key, n in zip(members, counts, strict=True)}
    lines = []
    if total is not None:
        cells[(ALL, ALL)] = Count(total, total)
        lines.append(Line((ALL, ALL), members))
    hidden = protect(cells, lines)
    shown_cells = [SUPPRESSED if key in hidden else str(cells[key].n) for key in members]
    if total is None:
        return shown_cells, None
    return shown_cells, SUPPRESSED if (ALL, ALL) in hidden else str(total)
