"""`heard demo` shows the product: two years of figures on the CiCC and Board pages, sign-in codes for every age
band, and a survey anyone can try without an account."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from support import Client

from dashboards.schemas import ALL_GROUP, ATTRIBUTES
from heard import demo
from heard.demo import _history

BANDS = [(4, 7), (8, 11), (12, 15), (16, 17), (18, 25)]


@pytest.fixture
async def printed(database_url: str) -> str:
    """What `heard demo` prints; the council is loaded once per database, later runs only reprint."""
    return await demo.seed(database_url)


async def _staff(clients: Callable[[], Client], email: str) -> Client:
    client = await clients().prepare()
    signed = await client.post("/api/session/staff", json={"email": email, "password": demo.DEMO_PASSWORD})
    assert signed.status_code == 201, signed.text
    return client


def _last_quarter() -> str:
    from dashboards.services import this_quarter

    return this_quarter().previous().slug


async def test_the_demo_prints_a_child_of_every_age_band_and_each_can_sign_in(printed: str, clients) -> None:
    found = re.findall(r"\(age (\d+)\)\s+([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})", printed)
    ages = [int(age) for age, _ in found]
    for low, high in BANDS:
        assert any(low <= age <= high for age in ages), f"no child aged {low} to {high} printed"
    for _, code in found:
        await clients().as_child(code)


async def test_anyone_can_try_the_8_to_11_survey_without_an_account(printed: str, client: Client) -> None:
    link = re.search(r"http://127\.0\.0\.1:8000(/s/[\w-]+)", printed)
    assert link, printed
    page = await client.get(link.group(1))
    assert page.status_code == 200
    assert "<form" in page.text and "happiness" in page.text


async def test_the_board_opens_on_real_figures_and_two_years_of_trends(printed: str, clients) -> None:
    board = await _staff(clients, "board@northshire.example")
    got = await board.get("/api/dashboards/board", params={"quarter": _last_quarter()})
    assert got.status_code == 200, got.text
    page = got.json()
    this_quarter = {row["label"].split(":")[0]: row["cells"][1] for row in page["comparisons"]["rows"]}
    for title in (
        "Children's views that reached their review",
        "Feel safe where they live",
        "Have a trusted adult",
        "Time to first response to statements",
        "Safeguarding alerts acknowledged within target",
    ):
        assert this_quarter[title].endswith("%"), (title, this_quarter[title])
    tiles = {tile["key"]: [row["cells"][0] for row in tile["trend"]["rows"]] for tile in page["tiles"]}
    for key in ("views_in_review", "feel_safe_home", "trusted_adult", "response"):
        assert len(tiles[key]) == 8 and all(v.endswith("%") for v in tiles[key]), (key, tiles[key])
    for split in ATTRIBUTES:
        tables = (await board.get("/api/dashboards/board", params={"quarter": _last_quarter(), "split": split})).json()
        cells = [c for t in tables["tables"] for r in t["rows"][1:] for c in r["cells"]]
        assert sum(c == "c" for c in cells) < len(cells) / 3, f"split by {split}: mostly hidden"


async def test_the_cicc_sees_every_theme_for_everyone_and_figures_for_most_groups(printed: str, clients) -> None:
    cicc = await _staff(clients, "cicc1@northshire.example")
    groups = [ALL_GROUP, *(f"{a}:{v}" for a, (_, values) in ATTRIBUTES.items() for v in values)]
    showing = 0
    for group in groups:
        params = {"quarter": _last_quarter(), **({"cohort": group} if group != ALL_GROUP else {})}
        page = (await cicc.get("/api/dashboards/cicc", params=params)).json()
        totals = [row["cells"][0] for row in page["tables"][0]["rows"]]
        if group == ALL_GROUP:
            assert "c" not in totals and all(int(t) > 0 for t in totals), totals
        showing += sum(t not in ("c", "0") for t in totals) >= len(totals) / 2
    assert showing >= 2 * len(groups) / 3, f"only {showing} of {len(groups)} groups show most themes"


async def test_the_history_is_the_cohort_over_nine_quarters(printed: str, db) -> None:
    council_id = await db.fetchval("select id from councils where slug = 'demo'")
    quarters = await db.fetchval(
        "select count(distinct date_trunc('quarter', created_at)) from submissions where council_id = $1", council_id
    )
    assert quarters >= _history.QUARTERS
    rollups = await db.fetchval("select count(distinct quarter) from dash_refreshes where council_id = $1", council_id)
    assert rollups == quarters, "the dashboards are built before the demo serves"
