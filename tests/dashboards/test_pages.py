"""Dashboard pages: who may see them, how bad filters are refused, and that figures match the seeded data."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from dash_seed import QUARTER, add_child, add_submission, answer, refresh
from support import Client, Council

Q = QUARTER.slug


def table_rows(html: str, key: str) -> dict[str, list[str]]:
    """The published rows of one table on a page, by row label."""
    block = re.search(rf'<table id="[^"]*" data-key="{re.escape(key)}">(.*?)</table>', html, re.S)
    assert block, f"no table {key}"
    rows = {}
    for row in re.findall(r"<tr><th scope=\"row\">(.*?)</th>(.*?)</tr>", block.group(1), re.S):
        rows[row[0].replace("&#39;", "'").replace("&amp;", "&")] = re.findall(r"<td[^>]*>(.*?)</td>", row[1])
    return rows


@pytest.mark.parametrize(
    ("path", "allowed", "refused"),
    [
        ("/dashboards/cicc", "cicc_member", "board_member"),
        ("/dashboards/cicc", "participation_officer", "worker"),
        ("/dashboards/board", "board_member", "cicc_member"),
        ("/dashboards/teams", "duty_manager", "board_member"),
        ("/dashboards/quotes", "participation_officer", "cicc_member"),
        ("/dashboards/you-said-we-did/", "board_member", "worker"),
        ("/api/dashboards/board", "participation_officer", "duty_officer"),
    ],
)
async def test_a_role_without_the_dashboard_gets_403(clients, council: Council, path: str, allowed: str, refused: str):
    ok = await clients().as_staff(council.staff[allowed])
    no = await clients().as_staff(council.staff[refused])
    got = await ok.get(path, params={"quarter": Q})
    assert got.status_code == 200, got.text
    assert (await no.get(path, params={"quarter": Q})).status_code == 403


async def test_signed_out_people_are_sent_to_sign_in(client: Client):
    response = await client.get("/dashboards/board", headers={"accept": "text/html"})
    assert response.status_code in (302, 303) and "/sign-in" in response.headers["location"]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/dashboards/cicc", {"quarter": "2025-Q5"}, "quarter"),
        ("/dashboards/cicc", {"quarter": "next"}, "quarter"),
        ("/dashboards/cicc", {"quarter": "2999-Q1"}, "quarter"),
        ("/dashboards/cicc", {"cohort": "age:99"}, "cohort"),
        ("/dashboards/cicc", {"cohort": "shoe:size"}, "cohort"),
        ("/dashboards/cicc", {"theme": "pizza"}, "theme"),
        ("/dashboards/cicc/export.csv", {"table": "nope"}, "table"),
        ("/dashboards/board", {"split": "height"}, "split"),
        ("/api/dashboards/cicc", {"cohort": "uasc:maybe"}, "cohort"),
    ],
)
async def test_a_bad_filter_is_a_400_naming_the_parameter(client: Client, council: Council, path, params, field):
    await client.as_staff(council.staff["participation_officer"])
    response = await client.get(path, params=params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["errors"][0]["field"] == field
    assert field in body["detail"]


async def test_two_groups_at_once_are_refused_naming_the_parameter(client: Client, council: Council):
    await client.as_staff(council.staff["cicc_member"])
    response = await client.get("/dashboards/cicc?cohort=age:12-15&cohort=uasc:yes")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "cohort"


async def _seed_figures(db, council: Council) -> dict[str, int]:
    """Numbers big enough to be shown: 8 children aged 12-15 and 7 aged 16-17, answering and writing."""
    younger = [await add_child(db, council, age=13) for _ in range(8)]
    older = [await add_child(db, council, age=16, placement="residential") for _ in range(7)]
    for i, child in enumerate(younger + older):
        await add_submission(
            db,
            council,
            child,
            themes=("placement", "family_contact"),
            sentiment="negative" if i < 9 else "positive",
            read_after=timedelta(hours=3),
        )
        await add_submission(
            db,
            council,
            child,
            kind="survey",
            answers={
                "feel_safe_home": answer("feel_safe_home", choice="yes" if i < 9 else "no"),
                "trusted_adult": answer("trusted_adult", choice="yes"),
                "happiness": answer("happiness", choice="happy"),
                "life_satisfaction": answer("life_satisfaction", number=8),
            },
        )
    for child in younger:
        await add_submission(db, council, child, kind="review", used_in_review=True)
    await refresh(db, council)
    return {"children": 15, "negative": 9, "positive": 6, "feel_safe": 9}


async def test_cicc_figures_equal_the_seeded_data(db, client: Client, council: Council):
    seeded = await _seed_figures(db, council)
    await client.as_staff(council.staff["cicc_member"])
    html = (await client.get("/dashboards/cicc", params={"quarter": Q, "theme": "placement"})).text
    themes = table_rows(html, "themes")
    # Statements and answers, positive, negative, mixed, neutral, last quarter
    assert themes["Where I live"][:5] == ["15", "6", "9", "0", "0"]
    assert themes["Family and contact"][0] == "15"
    assert themes["Money"][0] == "0"
    expected = await db.fetchval(
        """select count(*) from submissions s join analyses a on a.submission_id = s.id
           where s.council_id = $1 and 'placement' = any(a.themes)""",
        council.id,
    )
    assert int(themes["Where I live"][0]) == expected == seeded["children"]
    trend = table_rows(html, "trend")
    assert trend[QUARTER.short][:2] == ["15", "9"]
    assert trend[QUARTER.short][2] == "60%"


async def test_board_figures_equal_the_seeded_data(db, client: Client, council: Council):
    await _seed_figures(db, council)
    await client.as_staff(council.staff["board_member"])
    html = (await client.get("/dashboards/board", params={"quarter": Q, "split": "age"})).text
    safe = table_rows(html, "feel_safe_home")
    # Yes, No, Not sure, Total, % yes
    assert safe["All children and young people"] == ["9", "6", "0", "15", "60%"]
    direct = await db.fetchval(
        """select count(*) from submissions where council_id = $1 and answers ->> 'feel_safe_home' = 'yes'""",
        council.id,
    )
    assert direct == 9
    # 16-17s: 1 yes and 6 no. The 1 is hidden, and so is enough else that it cannot be worked out.
    assert safe["Aged 16 to 17"][0] == "c"
    assert safe["Aged 12 to 15"][0] == "c" or safe["Aged 16 to 17"][3] == "c"
    views = table_rows(html, "views_in_review")
    assert views["Aged 12 to 15"] == ["8", "0", "8", "100%"]
    response = table_rows(html, "response")
    assert response["All children and young people"][0] == "15"  # every statement read within a day
    wellbeing = table_rows(html, "happiness")
    assert wellbeing["Aged 12 to 15"][3] == "8" and wellbeing["Aged 16 to 17"][3] == "7"
    months = table_rows(html, "statements")
    assert months["All children and young people"] == ["0", "15", "0", "15"]


async def test_every_table_downloads_as_the_same_csv(db, client: Client, council: Council):
    await _seed_figures(db, council)
    await client.as_staff(council.staff["participation_officer"])
    html = (await client.get("/dashboards/board", params={"quarter": Q})).text
    links = re.findall(r'href="(/dashboards/board/export\.csv\?[^"]+)"', html)
    keys = re.findall(r'data-key="([^"]+)"', html)
    assert len(links) == len(keys) >= 10
    response = await client.get(links[1].replace("&amp;", "&"))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    table = table_rows(html, keys[1])
    assert {r[0]: r[1:] for r in rows[1:]} == table


async def test_the_board_report_is_a_pdf(db, client: Client, council: Council):
    await _seed_figures(db, council)
    await client.as_staff(council.staff["board_member"])
    response = await client.get("/dashboards/board/report.pdf", params={"quarter": Q})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


async def test_team_view_counts_unanswered_statements(db, client: Client, council: Council):
    await db.execute("update staff set team = 'North' where id = $1", council.staff_ids["worker"])
    for _ in range(7):
        child = await add_child(db, council)
        await db.execute(
            "insert into allocations (council_id, child_id, staff_id, relation, starts_on) values ($1, $2, $3, 'worker', '2020-01-01')",
            council.id,
            child,
            council.staff_ids["worker"],
        )
        await add_submission(db, council, child, read_after=timedelta(days=2))
    await refresh(db, council)
    await client.as_staff(council.staff["head_of_service"])
    html = (await client.get("/dashboards/teams", params={"quarter": Q})).text
    rows = table_rows(html, "teams")
    # within a day, within 3 days, within a week, later, none, statements, % within a day, no reply yet
    assert rows["North"] == ["0", "7", "0", "0", "0", "7", "0%", "7"]
