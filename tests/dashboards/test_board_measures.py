"""Board measures the council sets: goal, target, red/amber/green, last quarter, a national figure with its source."""

from __future__ import annotations

import pytest
from dash_seed import QUARTER, add_child, add_submission, answer, refresh
from support import Council

Q = QUARTER.slug
ROW = "Feel safe where they live: % yes"


async def _nine_of_fifteen_feel_safe(db, council: Council) -> None:
    for i in range(15):
        child = await add_child(db, council, age=13)
        await add_submission(
            db,
            council,
            child,
            kind="survey",
            answers={"feel_safe_home": answer("feel_safe_home", choice="yes" if i < 9 else "no")},
        )
    await refresh(db, council)


@pytest.mark.parametrize(("target", "status"), [(50, "green"), (62, "amber"), (70, "red"), (None, "none")])
async def test_status_follows_the_councils_target(db, clients, council: Council, target, status):
    await _nine_of_fifteen_feel_safe(db, council)
    await db.execute(
        """insert into board_measures (council_id, measure, goal, target_percent, amber_within, national_percent,
               national_source, national_year)
           values ($1, 'feel_safe_home', 'Every child feels safe at home', $2, 5, 70, 'Bright Spots survey', '2024')""",
        council.id,
        target,
    )
    board = await clients().as_staff(council.staff["board_member"])
    page = (await board.get("/api/dashboards/board", params={"quarter": Q})).json()
    tile = next(t for t in page["tiles"] if t["key"] == "feel_safe_home")
    assert (tile["value"], tile["status"], tile["goal"]) == ("60%", status, "Every child feels safe at home")
    assert tile["target"] == ("–" if target is None else f"{target}%")
    assert len(tile["trend"]["rows"]) == 8 and tile["trend"]["rows"][-1] == {"label": QUARTER.short, "cells": ["60%"]}
    row = next(r for r in page["comparisons"]["rows"] if r["label"] == ROW)["cells"]
    # Goal, this quarter, target, status, last quarter, national figure
    assert row[0] == "Every child feels safe at home" and row[1] == "60%"
    assert row[3].lower().startswith(status if status != "none" else "no status")
    assert row[4] == "–" and row[5] == "70% (Bright Spots survey, 2024)"
    html = (await board.get("/dashboards/board", params={"quarter": Q})).text
    assert "Board summary" in html and f"tile-{status}" in html


async def test_a_national_figure_set_on_the_board_page_is_kept_with_its_source(db, clients, council: Council):
    officer = await clients().as_staff(council.staff["participation_officer"])
    r = await officer.post(
        "/dashboards/board/national",
        data={"measure": "trusted_adult", "national_percent": "81.5", "source": "Ofsted 2025"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    row = await db.fetchrow(
        "select national_percent, national_source from board_measures where council_id = $1", council.id
    )
    assert (float(row["national_percent"]), row["national_source"]) == (81.5, "Ofsted 2025")
    bad = await officer.post("/dashboards/board/national", data={"measure": "trusted_adult", "national_percent": "120"})
    assert bad.status_code in (400, 422) and "100" in bad.text
