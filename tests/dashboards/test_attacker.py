"""An attacker with every number a Board member and a CiCC member can fetch for a quarter solves for hidden cells.

Each published table is read back into cells of the rollup cube (measure, group, category). The attacker
knows how the figures fit together: categories add up to their group's total; an attribute's groups add
up to everyone, less people in no published group (an unknown, never negative); the Board's statements
and response tables count the same statements per group. Every hidden cell is then bounded with integer
programming over all of that at once; none may have a single possible value.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

import numpy as np
import pytest
from dash_seed import QUARTER, add_child, add_submission, refresh
from scipy.optimize import Bounds, LinearConstraint, milp
from support import Council

from dashboards._board import MEASURES, WELLBEING
from dashboards.schemas import ALL_GROUP, ATTRIBUTES, SENTIMENTS, THEMES, cohort_label

Q = QUARTER.slug
Cell = tuple[str, str, str]  # measure, group, category ('*' for a total)


def _groups_by_label() -> dict[str, str]:
    found = {cohort_label(ALL_GROUP): ALL_GROUP}
    for attr, (_, values) in ATTRIBUTES.items():
        found.update({label: f"{attr}:{value}" for value, label in values.items()})
    return found


def _categories(key: str) -> list[str]:
    if key == "statements":
        first = QUARTER.starts
        return [f"{first.year}-{first.month + i:02d}" for i in range(3)]
    return list(next(m for m in (*MEASURES, *WELLBEING) if m.key == key).categories)


class Attacker:
    def __init__(self) -> None:
        self.known: dict[Cell, int] = {}
        self.hidden: set[Cell] = set()

    def see(self, cell: Cell, text: str) -> None:
        if text == "c":
            self.hidden.add(cell)
        elif text not in ("–", "") and not text.endswith("%"):
            self.known[cell] = int(text.replace(",", ""))

    def read_board(self, page: dict) -> None:
        labels = _groups_by_label()
        for table in page["tables"]:
            key = table["key"]
            if key == "adult_feedback":
                continue
            categories = _categories(key)
            for row in table["rows"]:
                group = labels[row["label"]]
                for category, text in zip([*categories, "*"], row["cells"], strict=False):
                    self.see((key, group, category), text)

    def read_cicc(self, page: dict, group: str) -> None:
        names = {label: key for key, label in THEMES.items()}
        themes = next(t for t in page["tables"] if t["key"] == "themes")
        for row in themes["rows"]:
            measure = f"theme:{names[row['label']]}"
            for category, text in zip(["*", *SENTIMENTS], row["cells"], strict=False):
                self.see((measure, group, category), text)

    def published(self, cell: Cell) -> bool:
        return cell in self.known or cell in self.hidden

    def equations(self) -> tuple[list[dict[object, float]], list[str]]:
        """Every sum the attacker knows holds, and the unpublished remainders it needs (never negative)."""
        cells = sorted(self.known.keys() | self.hidden)
        slack: list[str] = []
        equations: list[dict[object, float]] = []
        by_measure_group: dict[tuple[str, str], list[Cell]] = defaultdict(list)
        for cell in cells:
            by_measure_group[(cell[0], cell[1])].append(cell)
        for (measure, group), members in by_measure_group.items():
            total = (measure, group, "*")
            parts = [c for c in members if c[2] != "*"]
            if self.published(total):
                equations.append({total: 1.0, **dict.fromkeys(parts, -1.0)})
        measures = {c[0] for c in cells}
        categories = {(c[0], c[2]) for c in cells}
        for measure, category in categories:
            everyone = (measure, ALL_GROUP, category)
            for attr in ATTRIBUTES:
                members = [c for c in cells if c[0] == measure and c[2] == category and c[1].startswith(attr + ":")]
                if members and self.published(everyone):
                    rest = f"rest:{measure}:{category}:{attr}"
                    slack.append(rest)
                    equations.append({everyone: 1.0, rest: -1.0, **dict.fromkeys(members, -1.0)})
        if {"statements", "response"} <= measures:
            for group in {c[1] for c in cells}:
                a, b = ("statements", group, "*"), ("response", group, "*")
                if self.published(a) and self.published(b):
                    equations.append({a: 1.0, b: -1.0})
        return equations, slack

    def determined(self) -> set[Cell]:
        """Hidden cells with exactly one integer value consistent with everything published."""
        equations, slack = self.equations()
        unknowns = sorted(self.hidden)
        variables: list[object] = [*unknowns, *slack]
        index = {v: i for i, v in enumerate(variables)}
        rows, rhs = [], []
        for eq in equations:
            row = np.zeros(len(variables))
            constant = 0.0
            for key, coef in eq.items():
                if key in index:
                    row[index[key]] += coef
                else:
                    constant += coef * self.known.get(key, 0)  # type: ignore[call-overload]
            if row.any():
                rows.append(row)
                rhs.append(-constant)
        found = set()
        if not rows:
            return found
        constraint = LinearConstraint(np.array(rows), rhs, rhs)
        bounds = Bounds(np.zeros(len(variables)), np.full(len(variables), np.inf))
        integrality = np.ones(len(variables))
        for cell in unknowns:
            objective = np.zeros(len(variables))
            objective[index[cell]] = 1.0
            low = milp(objective, constraints=constraint, bounds=bounds, integrality=integrality)
            high = milp(-objective, constraints=constraint, bounds=bounds, integrality=integrality)
            assert low.success, f"the published figures contradict each other around {cell}"
            if high.success and round(low.fun) == round(-high.fun):
                found.add(cell)
        return found


async def _fetch_everything(clients, council: Council) -> Attacker:
    attacker = Attacker()
    board = await clients().as_staff(council.staff["board_member"])
    for split in [None, *ATTRIBUTES]:
        params = {"quarter": Q, **({"split": split} if split else {})}
        got = await board.get("/api/dashboards/board", params=params)
        assert got.status_code == 200, got.text
        attacker.read_board(got.json())
    cicc = await clients().as_staff(council.staff["cicc_member"])
    groups = [ALL_GROUP, *(f"{a}:{v}" for a, (_, values) in ATTRIBUTES.items() for v in values)]
    for group in groups:
        params = {"quarter": Q, **({"cohort": group} if group != ALL_GROUP else {})}
        got = await cicc.get("/api/dashboards/cicc", params=params)
        assert got.status_code == 200, got.text
        attacker.read_cicc(got.json(), group)
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
    await refresh(db, council, QUARTER)
    attacker = await _fetch_everything(clients, council)
    assert ("response", ALL_GROUP, "within_1d") in attacker.hidden
    assert attacker.determined() == set()


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_no_hidden_cell_follows_from_everything_published(db, clients, council: Council, seed: int):
    rng = random.Random(seed)
    for _ in range(rng.randint(25, 45)):
        child = await add_child(db, council, age=rng.choice([9, 13, 16, 19]),
                                placement=rng.choice(["foster", "kinship", "residential"]),
                                out_of_area=rng.random() < 0.3, disability=rng.random() < 0.2)
        for _ in range(rng.randint(1, 2)):
            await add_submission(db, council, child, themes=tuple(rng.sample(sorted(THEMES)[:4], rng.randint(1, 2))),
                                 sentiment=rng.choice(list(SENTIMENTS)),
                                 read_after=rng.choice([None, timedelta(hours=2), timedelta(days=2),
                                                        timedelta(days=5), timedelta(days=9)]))
    await refresh(db, council, QUARTER)
    attacker = await _fetch_everything(clients, council)
    assert attacker.hidden, "the seed should need some cells hidden"
    assert attacker.determined() == set()
