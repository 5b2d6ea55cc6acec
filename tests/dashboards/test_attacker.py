"""An attacker with every number a Board member and a CiCC member can fetch solves for hidden cells.

The attacker fetches, for this quarter and the one before, every Board split and every CiCC group with every
theme's trend (the JSON; test_recount shows each CSV and page prints the same cells), and reads each figure back
into a cell of a quarter's rollup cube (quarter, measure, group, category): the tables, the last-quarter
column, the eight-quarter trends, the glance table's shares and the tiles' trends. Seen from several places a
cell must read the same everywhere, and a share must be 'c' whenever a count behind it is. The attacker knows
how the figures fit together: categories add up to their group's total; an attribute's groups add up to
everyone, less people in no published group (an unknown, never negative); the Board's statements and response
tables count the same statements per group; a shown share is its rounded percentage. Every hidden cell is then
bounded with integer programming over all of that at once; none may have a single possible value.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from dash_seed import QUARTER, add_child, add_submission, answer, refresh
from scipy.optimize import Bounds, LinearConstraint, milp
from support import Client, Council

from dashboards._board import MEASURES, TREND_QUARTERS, WELLBEING
from dashboards.schemas import ALL_GROUP, ATTRIBUTES, FACES, SENTIMENTS, THEMES, YES_NO, Quarter, cohort_label

Cell = tuple[str, str, str, str]  # quarter, measure, group, category ('*' for a total)
FETCHED = (QUARTER, QUARTER.previous())
SOME_THEMES = sorted(THEMES)[:4]


def _groups_by_label() -> dict[str, str]:
    found = {cohort_label(ALL_GROUP): ALL_GROUP}
    for attr, (_, values) in ATTRIBUTES.items():
        found.update({label: f"{attr}:{value}" for value, label in values.items()})
    return found


def _categories(key: str, quarter: Quarter) -> list[str]:
    if key == "statements":
        first = quarter.starts
        return [f"{first.year}-{first.month + i:02d}" for i in range(3)]
    return list(next(m for m in (*MEASURES, *WELLBEING) if m.key == key).categories)


HEADLINES = {m.key: m.headline for m in (*MEASURES, *WELLBEING)}


def _every_category(measure: str, slug: str) -> list[str]:
    if measure.startswith("theme:"):
        return list(SENTIMENTS)
    year, number = slug.split("-Q")
    return _categories(measure, Quarter(int(year), int(number)))


class Attacker:
    def __init__(self) -> None:
        self.known: dict[Cell, int] = {}
        self.hidden: set[Cell] = set()
        self.shares: list[tuple[Cell, Cell, int]] = []  # part, whole, the percentage shown

    def see(self, cell: Cell, text: str) -> None:
        if text == "c":
            assert cell not in self.known, f"{cell} is shown in one place and hidden in another"
            self.hidden.add(cell)
        else:
            value = int(text.replace(",", ""))
            assert cell not in self.hidden, f"{cell} is hidden in one place and shown ({value}) in another"
            assert self.known.setdefault(cell, value) == value, f"{cell} reads {self.known[cell]} and {value}"

    def see_share(self, part: Cell, whole: Cell, text: str) -> None:
        """A share is published only when both its counts are; the attacker keeps it as a constraint."""
        if text in ("c", "–"):
            return
        assert part not in self.hidden and whole not in self.hidden, f"{text} shown of a hidden count: {part}"
        self.shares.append((part, whole, int(text.rstrip("%"))))

    def read_board(self, page: dict, quarter: Quarter) -> None:
        labels = _groups_by_label()
        q = quarter.slug
        for table in page["tables"]:
            key = table["key"]
            if key == "adult_feedback":
                continue
            categories = _categories(key, quarter)
            headline = HEADLINES.get(key)
            for row in table["rows"]:
                group = labels[row["label"]]
                for category, text in zip([*categories, "*"], row["cells"], strict=False):
                    self.see((q, key, group, category), text)
                if headline:
                    self.see_share((q, key, group, headline), (q, key, group, "*"), row["cells"][len(categories) + 1])
        for m, row in zip(MEASURES, page["comparisons"]["rows"], strict=True):
            for shown, text in ((quarter, row["cells"][1]), (quarter.previous(), row["cells"][4])):
                self.see_share((shown.slug, m.key, ALL_GROUP, m.headline or ""), (shown.slug, m.key, ALL_GROUP, "*"),
                               text)  # fmt: skip
        history = [quarter.previous(i) for i in reversed(range(TREND_QUARTERS))]
        for m, tile in zip(MEASURES, page["tiles"], strict=True):
            for shown, row in zip(history, tile["trend"]["rows"], strict=True):
                self.see_share((shown.slug, m.key, ALL_GROUP, m.headline or ""), (shown.slug, m.key, ALL_GROUP, "*"),
                               row["cells"][0])  # fmt: skip

    def read_cicc(self, page: dict, quarter: Quarter, group: str, theme: str) -> None:
        names = {label: key for key, label in THEMES.items()}
        tables = {t["key"]: t for t in page["tables"]}
        q, last = quarter.slug, quarter.previous().slug
        for row in tables["themes"]["rows"]:
            measure = f"theme:{names[row['label']]}"
            for category, text in zip(["*", *SENTIMENTS], row["cells"], strict=False):
                self.see((q, measure, group, category), text)
            self.see((last, measure, group, "*"), row["cells"][-1])
        history = [quarter.previous(i) for i in reversed(range(TREND_QUARTERS))]
        for shown, row in zip(history, tables["trend"]["rows"], strict=True):
            total, negative = (shown.slug, f"theme:{theme}", group, "*"), (shown.slug, f"theme:{theme}", group,
                                                                                  "negative")  # fmt: skip
            self.see(total, row["cells"][0])
            self.see(negative, row["cells"][1])
            self.see_share(negative, total, row["cells"][2])

    def published(self, cell: Cell) -> bool:
        return cell in self.known or cell in self.hidden

    def equations(self) -> tuple[list[dict[object, float]], list[str]]:
        """Every sum the attacker knows holds, and the unpublished remainders it needs (never negative)."""
        cells = sorted(self.known.keys() | self.hidden)
        slack: list[str] = []
        equations: list[dict[object, float]] = []
        by_cube_group: dict[tuple[str, str, str], list[Cell]] = defaultdict(list)
        by_cube_category: dict[tuple[str, str, str], list[Cell]] = defaultdict(list)
        for cell in cells:
            by_cube_group[cell[:3]].append(cell)
            by_cube_category[(cell[0], cell[1], cell[3])].append(cell)
        for (q, measure, group), members in by_cube_group.items():
            total = (q, measure, group, "*")
            parts = [c for c in members if c[3] != "*"]
            if not (self.published(total) and parts):
                continue
            if {c[3] for c in parts} == set(_every_category(measure, q)):
                equations.append({total: 1.0, **dict.fromkeys(parts, -1.0)})
            else:  # a trend shows only some categories: the rest are unpublished, never negative
                rest = f"rest:{q}:{measure}:{group}:*"
                slack.append(rest)
                equations.append({total: 1.0, rest: -1.0, **dict.fromkeys(parts, -1.0)})
        for (q, measure, category), members in by_cube_category.items():
            everyone = (q, measure, ALL_GROUP, category)
            if not self.published(everyone):
                continue
            for attr in ATTRIBUTES:
                group = [c for c in members if c[2].startswith(attr + ":")]
                if group:
                    rest = f"rest:{q}:{measure}:{category}:{attr}"
                    slack.append(rest)
                    equations.append({everyone: 1.0, rest: -1.0, **dict.fromkeys(group, -1.0)})
        for q, measure, group in list(by_cube_group):
            a, b = (q, "statements", group, "*"), (q, "response", group, "*")
            if measure == "statements" and self.published(a) and self.published(b):
                equations.append({a: 1.0, b: -1.0})
        return equations, slack

    def determined(self) -> set[Cell]:
        """Hidden cells with exactly one integer value consistent with everything published."""
        equations, slack = self.equations()
        found: set[Cell] = set()
        for unknowns, rests in _components(sorted(self.hidden), slack, equations):
            found |= self._solve(unknowns, rests, equations)
        return found

    def _solve(self, unknowns: list[Cell], slack: list[str], equations: list[dict[object, float]]) -> set[Cell]:
        variables: list[object] = [*unknowns, *slack]
        problem = self._problem(variables, equations)
        if problem is None:
            return set()
        first = _extreme(problem, 0, 1.0)
        assert first is not None, "the published figures contradict each other"
        free: set[Cell] = set()
        determined = set()
        for i, cell in enumerate(unknowns):
            for sign in (-1.0, 1.0):
                if cell in free:
                    break
                other = _extreme(problem, i, sign)
                if other is None:  # no largest value: it can take many
                    free.add(cell)
                    break
                # Any cell that differs between two solutions can take two values: it is not determined.
                free |= {c for j, c in enumerate(unknowns) if other[j] != first[j]}
            if cell not in free:
                determined.add(cell)
        return determined

    def _problem(self, variables: list[object], equations: list[dict[object, float]]) -> dict | None:
        """The sums as equations and the shares as pairs of inequalities, over non-negative integers."""
        index = {v: i for i, v in enumerate(variables)}
        rows, low, high = [], [], []
        for eq in equations:
            row, constant = self._row(eq, index, len(variables))
            if row is not None:
                rows += [row]
                low += [-constant]
                high += [-constant]
        for part, whole, p in self.shares:  # (p - 0.5) * whole <= 100 * part <= (p + 0.5) * whole
            for bound, above in ((p - 0.5, True), (p + 0.5, False)):
                row, constant = self._row({part: 100.0, whole: -bound}, index, len(variables))
                if row is not None:
                    rows += [row]
                    low += [-constant if above else -np.inf]
                    high += [np.inf if above else -constant]
        if not rows:
            return None
        return {
            "constraints": LinearConstraint(np.array(rows), low, high),
            "bounds": Bounds(np.zeros(len(variables)), np.full(len(variables), np.inf)),
            "integrality": np.ones(len(variables)),
        }

    def _row(self, eq: dict[object, float], index: dict[object, int], size: int) -> tuple[np.ndarray | None, float]:
        row = np.zeros(size)
        constant = 0.0
        for key, coef in eq.items():
            if key in index:
                row[index[key]] += coef
            else:
                constant += coef * self.known.get(key, 0)  # type: ignore[call-overload]
        return (row if row.any() else None), constant


def _extreme(problem: dict, i: int, sign: float) -> np.ndarray | None:
    """A solution with variable i smallest (sign 1) or largest (-1); None when it has no largest."""
    objective = np.zeros(len(problem["integrality"]))
    objective[i] = sign
    found = milp(objective, **problem)
    if sign < 0 and found.status in (3, 4):  # HiGHS may say "unbounded or infeasible"; feasible is known
        return None
    assert found.status == 0, f"the published figures contradict each other ({found.message})"
    return np.round(found.x)


def _components(unknowns: list[Cell], slack: list[str], equations: list[dict[object, float]]):  # type: ignore[no-untyped-def]
    """Groups of unknowns that share equations (through each other or a remainder); solved apart."""
    parent: dict[object, object] = {v: v for v in [*unknowns, *slack]}

    def root(v: object) -> object:
        while parent[v] != v:
            v = parent[v]
        return v

    for eq in equations:
        present = [k for k in eq if k in parent]
        for other in present[1:]:
            parent[root(other)] = root(present[0])
    groups: dict[object, tuple[list[Cell], list[str]]] = defaultdict(lambda: ([], []))
    for cell in unknowns:
        groups[root(cell)][0].append(cell)
    for rest in slack:
        if root(rest) in groups:
            groups[root(rest)][1].append(rest)
    return list(groups.values())


async def _fetch_everything(clients, council: Council) -> Attacker:  # type: ignore[no-untyped-def]
    attacker = Attacker()
    board: Client = await clients().as_staff(council.staff["board_member"])
    cicc: Client = await clients().as_staff(council.staff["cicc_member"])
    groups = [ALL_GROUP, *(f"{a}:{v}" for a, (_, values) in ATTRIBUTES.items() for v in values)]
    for quarter in FETCHED:
        for split in [None, *ATTRIBUTES]:
            params = {"quarter": quarter.slug, **({"split": split} if split else {})}
            got = await board.get("/api/dashboards/board", params=params)
            assert got.status_code == 200, got.text
            attacker.read_board(got.json(), quarter)
        for group in groups:
            for theme in SOME_THEMES if quarter == QUARTER else SOME_THEMES[:1]:
                params = {"quarter": quarter.slug, "theme": theme, **({"cohort": group} if group != ALL_GROUP else {})}
                got = await cicc.get("/api/dashboards/cicc", params=params)
                assert got.status_code == 200, got.text
                attacker.read_cicc(got.json(), quarter, group, theme)
    return attacker


# Statements read within a day, 3 days or a week, by age and placement: a population where protecting the
# "response" table on its own left its placement totals hidden while the "statements" table showed them.
LINKED_CASE = {
    (13, "residential", timedelta(days=2)): 11,
    (16, "foster", timedelta(days=2)): 3,
    (16, "residential", timedelta(days=2)): 3,
    (13, "foster", timedelta(days=2)): 2,
    (16, "foster", timedelta(days=5)): 1,
    (16, "foster", timedelta(hours=3)): 1,
    (13, "foster", timedelta(days=5)): 1,
}


async def test_a_hidden_response_cell_cannot_be_worked_out_from_the_statements_table(db, clients, council: Council):
    for (age, placement, read_after), n in LINKED_CASE.items():
        for _ in range(n):
            child = await add_child(db, council, age=age, placement=placement)
            await add_submission(db, council, child, themes=("placement",), read_after=read_after)
    await refresh(db, council, *FETCHED)
    attacker = await _fetch_everything(clients, council)
    assert (QUARTER.slug, "response", ALL_GROUP, "within_1d") in attacker.hidden
    assert attacker.determined() == set()


def _in(quarter: Quarter, rng: random.Random) -> datetime:
    return datetime.combine(quarter.starts, datetime.min.time(), UTC) + timedelta(days=rng.randint(3, 85), hours=11)


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_no_hidden_cell_follows_from_everything_published(db, clients, council: Council, seed: int):
    rng = random.Random(seed)
    for _ in range(rng.randint(25, 45)):
        child = await add_child(db, council, age=rng.choice([9, 13, 16, 19]),
                                placement=rng.choice(["foster", "kinship", "residential"]),
                                out_of_area=rng.random() < 0.3, disability=rng.random() < 0.2)  # fmt: skip
        for quarter in FETCHED:
            for _ in range(rng.randint(0, 2)):
                await add_submission(db, council, child, at=_in(quarter, rng),
                                     themes=tuple(rng.sample(SOME_THEMES, rng.randint(1, 2))),
                                     sentiment=rng.choice(list(SENTIMENTS)),
                                     read_after=rng.choice([None, timedelta(hours=2), timedelta(days=2),
                                                            timedelta(days=5), timedelta(days=9)]))  # fmt: skip
            if rng.random() < 0.5:
                await add_submission(db, council, child, kind="survey", at=_in(quarter, rng), answers={
                    "feel_safe_home": answer("feel_safe_home", choice=rng.choice(list(YES_NO))),
                    "happiness": answer("happiness", choice=rng.choice(list(FACES))),
                })  # fmt: skip
            if rng.random() < 0.3:
                await add_submission(db, council, child, kind="review", at=_in(quarter, rng),
                                     used_in_review=rng.random() < 0.6)  # fmt: skip
    await refresh(db, council, *FETCHED)
    attacker = await _fetch_everything(clients, council)
    assert attacker.hidden, "the seed should need some cells hidden"
    assert {c[0] for c in attacker.hidden} == {q.slug for q in FETCHED}, "both quarters have hidden cells"
    assert attacker.determined() == set()


def test_the_attacker_finds_a_cell_left_alone_in_a_sum_and_a_cell_given_away_by_a_share():
    """The solver itself: a lone hidden category is its total less the others; a share pins down its part."""
    lone = Attacker()
    q = QUARTER.slug
    for category, text in (("positive", "7"), ("negative", "c"), ("mixed", "6"), ("neutral", "0"), ("*", "16")):
        lone.see((q, "theme:money", ALL_GROUP, category), text)
    assert lone.determined() == {(q, "theme:money", ALL_GROUP, "negative")}

    pair = Attacker()
    for category, text in (("yes", "c"), ("no", "c"), ("not_sure", "9"), ("*", "12")):
        pair.see((q, "feel_safe_home", ALL_GROUP, category), text)
    assert pair.determined() == set(), "yes and no add to 3: either could be 0 to 3"
    pair.hidden.discard((q, "feel_safe_home", ALL_GROUP, "yes"))
    pair.known[(q, "feel_safe_home", ALL_GROUP, "yes")] = 2
    with pytest.raises(AssertionError, match="shown of a hidden count"):
        pair.see_share((q, "feel_safe_home", ALL_GROUP, "no"), (q, "feel_safe_home", ALL_GROUP, "*"), "8%")

    leaky = Attacker()  # were a share of a hidden count published, the solver would use it
    for category, text in (("yes", "c"), ("no", "c"), ("not_sure", "10"), ("*", "20")):
        leaky.see((q, "trusted_adult", ALL_GROUP, category), text)
    leaky.shares.append(((q, "trusted_adult", ALL_GROUP, "yes"), (q, "trusted_adult", ALL_GROUP, "*"), 25))
    assert leaky.determined() == {(q, "trusted_adult", ALL_GROUP, "yes"), (q, "trusted_adult", ALL_GROUP, "no")}
