"""Suppression: a small count can be worked out neither from a total nor from two filtered views."""

from __future__ import annotations

import random

from dash_seed import QUARTER, add_child, add_submission, refresh
from support import Client, Council

from dashboards.schemas import cohort_values
from dashboards.suppression import SUPPRESSED, Count, lines_of, protect, recoverable

Q = QUARTER.slug


def _published(cells, hidden):
    return {k: (None if k in hidden else v.n) for k, v in cells.items()}


def _singletons(cells, hidden):
    lines = lines_of(cells, cohort_values())
    return [line for line in lines if sum(k in hidden for k in (line.total, *line.members)) == 1]


def test_counts_of_one_to_five_are_hidden_and_zero_and_six_are_shown():
    cells = {
        ("*", "*"): Count(11, 11),
        ("*", "yes"): Count(6, 6),
        ("*", "no"): Count(5, 5),
        ("*", "not_sure"): Count(0, 0),
    }
    hidden = protect(cells, lines_of(cells, {}))
    assert ("*", "no") in hidden
    assert ("*", "not_sure") not in hidden
    # 11 - 6 would give the 5 away, so a second cell goes too.
    assert ("*", "yes") in hidden or ("*", "*") in hidden


def test_many_statements_from_few_children_are_hidden():
    cells = {("*", "*"): Count(40, 3)}
    assert protect(cells, lines_of(cells, {})) == {("*", "*")}


def test_random_cubes_leave_no_hidden_cell_recoverable_from_any_combination_of_totals():
    rng = random.Random(7)
    values = cohort_values()
    for _ in range(40):
        cells: dict[tuple[str, str], Count] = {}
        people = {}
        for age in ["4-7", "8-11", "12-15", "16-17", "18-25", "unknown"]:
            for placement in ["foster", "residential", "kinship"]:
                for category in ["yes", "no", "not_sure"]:
                    people[(age, placement, category)] = rng.choice([0, 0, 1, 2, 3, 5, 6, 9, 14, 30])
        for (age, placement, category), n in people.items():
            for group in ("*", f"age:{age}", f"placement:{placement}"):
                for key in ((group, category), (group, "*")):
                    old = cells.get(key, Count(0, 0))
                    cells[key] = Count(old.n + n, old.n + n)
        cells = {k: v for k, v in cells.items() if v.n}
        lines = lines_of(cells, {"age": values["age"], "placement": values["placement"]})
        hidden = protect(cells, lines)
        assert all(k in hidden for k, v in cells.items() if 1 <= v.n <= 5)
        assert not [line for line in lines if sum(k in hidden for k in (line.total, *line.members)) == 1]
        assert recoverable(hidden, lines) == set()


async def test_a_small_group_cannot_be_worked_out_from_the_total_and_the_other_filter(
    db, client: Client, council: Council
):
    """30 children placed in the council's area and 3 out of it, all writing about where they live."""
    for i in range(30):
        child = await add_child(db, council, out_of_area=False)
        await add_submission(db, council, child, themes=("placement",), sentiment="negative" if i % 2 else "positive")
    for _ in range(3):
        child = await add_child(db, council, out_of_area=True)
        await add_submission(db, council, child, themes=("placement",), sentiment="negative")
    await refresh(db, council)
    await client.as_staff(council.staff["cicc_member"])

    async def row(cohort: str) -> list[str]:
        page = (await client.get("/api/dashboards/cicc", params={"quarter": Q, "cohort": cohort})).json()
        table = next(t for t in page["tables"] if t["key"] == "themes")
        return next(r["cells"] for r in table["rows"] if r["label"] == "Where I live")

    everyone, inside, outside = await row("*"), await row("area:in"), await row("area:out")
    assert outside[0] == SUPPRESSED
    # Everyone is shown, so placed in area must not be: 33 - 30 would give the 3 away.
    assert everyone[0] == "33"
    assert inside[0] == SUPPRESSED
    # Nor any sentiment that, taken from everyone's, would leave the out-of-area children's.
    for i in range(1, 5):
        if everyone[i] != SUPPRESSED and everyone[i] != "0":
            assert inside[i] == SUPPRESSED or outside[i] != SUPPRESSED


async def test_a_small_group_cannot_be_worked_out_from_its_sibling_groups(db, client: Client, council: Council):
    """Foster 12, kinship 10, secure 2: everyone minus foster minus kinship must not give the 2."""
    for placement, n in [("foster", 12), ("kinship", 10), ("secure", 2)]:
        for _ in range(n):
            child = await add_child(db, council, placement=placement)
            await add_submission(db, council, child, themes=("safety",), sentiment="neutral")
    await refresh(db, council)
    await client.as_staff(council.staff["participation_officer"])
    shown = {}
    for cohort in ["*", "placement:foster", "placement:kinship", "placement:secure"]:
        page = (await client.get("/api/dashboards/cicc", params={"quarter": Q, "cohort": cohort})).json()
        table = next(t for t in page["tables"] if t["key"] == "themes")
        shown[cohort] = next(r["cells"][0] for r in table["rows"] if r["label"] == "Feeling safe")
    assert shown["placement:secure"] == SUPPRESSED
    visible = [c for c in ["placement:foster", "placement:kinship"] if shown[c] != SUPPRESSED]
    assert len(visible) <= 1, shown
    assert shown["*"] == "24"


async def test_csv_shows_the_same_suppressed_cells_as_the_page(db, client: Client, council: Council):
    for _ in range(3):
        child = await add_child(db, council)
        await add_submission(db, council, child, themes=("money",), sentiment="negative")
    await refresh(db, council)
    await client.as_staff(council.staff["cicc_member"])
    csv_text = (await client.get("/dashboards/cicc/export.csv", params={"quarter": Q, "table": "themes"})).text
    money = next(line for line in csv_text.splitlines() if line.startswith("Money"))
    assert money.split(",")[1] == SUPPRESSED
    assert ",3," not in money
