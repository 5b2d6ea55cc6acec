"""Board figures from answers children really sent: posted through HTTP, refreshed, recounted from the raw rows."""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from zoneinfo import ZoneInfo

import asyncpg
from support import Client, Council, free_access_code

from dashboards import services
from dashboards.schemas import FACES, LIFE_SATISFACTION, YES_NO, Quarter
from heard.accounts import secrets as heard_secrets

LONDON = ZoneInfo("Europe/London")
EVERYONE = "All children and young people"


def _quarter_now() -> Quarter:
    return Quarter.of(datetime.now(LONDON).date())


async def _child_with_code(db: asyncpg.Connection, council: Council, n: int, age: int) -> str:
    last_day = _quarter_now().previous(-1).starts.replace(day=1)
    birth = date(last_day.year - age - 1, last_day.month, 1)
    code, lookup = await free_access_code(db)
    await db.execute(
        """insert into children (council_id, reference, known_as, birth_month, legal_status, placement_type,
               access_code_lookup, access_code_hash)
           values ($1, $2, 'Child', $3, 'child_in_care', 'foster', $4, $5)""",
        council.id,
        f"{council.slug}-r{n}",
        birth,
        lookup,
        heard_secrets.hash_secret(code),
    )
    return code


async def respond(client: Client, instrument: str, answers: dict[str, object]) -> None:
    r = await client.post(
        f"/api/instruments/{instrument}/responses",
        json={"answers": answers},
        headers={"Idempotency-Key": uuid.uuid4().hex},
    )
    assert r.status_code == 201, r.text


def _band(n: int) -> str:
    return "0-4" if n <= 4 else "5-6" if n <= 6 else "7-8" if n <= 8 else "9-10"


async def _recount(db: asyncpg.Connection, council: Council, quarter: Quarter) -> dict[str, Counter[str]]:
    """Each child's latest answer to each Board question this quarter, read straight from the stored JSON."""
    rows = await db.fetch(
        """select child_id, answers from submissions
           where council_id = $1 and created_at >= ($2::date)::timestamp at time zone 'Europe/London'
             and created_at < ($2::date + interval '3 months')::timestamp at time zone 'Europe/London'
           order by created_at desc, id desc""",
        council.id,
        quarter.starts,
    )
    counts: dict[str, Counter[str]] = {
        q: Counter() for q in ("feel_safe_home", "trusted_adult", "happiness", "life_satisfaction")
    }
    seen: set[tuple[str, int]] = set()
    for row in rows:
        for question, counter in counts.items():
            if question in row["answers"] and (question, row["child_id"]) not in seen:
                seen.add((question, row["child_id"]))
                value = row["answers"][question]
                counter[_band(value) if question == "life_satisfaction" else value] += 1
    return counts


async def test_answers_sent_through_http_are_the_board_figures(
    db: asyncpg.Connection, council: Council, clients: Callable[[], Client]
) -> None:
    await db.execute(
        """insert into survey_openings (council_id, instrument, access, legal_statuses, opens_on, closes_on)
           values ($1, 'my_life_11_17', 'sign_in', '{child_in_care}', current_date - 1, current_date + 30),
                  ($1, 'my_life_8_11', 'sign_in', '{child_in_care}', current_date - 1, current_date + 30)""",
        council.id,
    )
    faces = list(FACES)
    for i in range(16):
        child = await clients().as_child(await _child_with_code(db, council, i, 12 + i % 4))
        answers = {
            "feel_safe_home": "yes" if i < 10 else "no",
            "trusted_adult": "yes" if i % 8 else "not_sure",
            "happiness": faces[2 + i % 3],
            "life_satisfaction": 6 if i < 7 else 9,
        }
        if i == 0:  # an earlier answer this quarter, in a statement, that the survey's replaces
            await respond(child, "where_i_live", {"feel_safe_home": "no", "why_not_safe": "the door lock is broken"})
        await respond(child, "my_life_11_17", answers)
    quarter = _quarter_now()
    async with db.transaction():
        await services.refresh_quarter(db, council.id, quarter.starts)
    counted = await _recount(db, council, quarter)
    assert counted["feel_safe_home"] == {"yes": 10, "no": 6}
    assert counted["life_satisfaction"] == {"5-6": 7, "9-10": 9}

    board = await clients().as_staff(council.staff["board_member"])
    page = (await board.get("/api/dashboards/board", params={"quarter": quarter.slug})).json()
    tables = {t["key"]: {r["label"]: r["cells"] for r in t["rows"]} for t in page["tables"]}
    for key, categories in (
        ("feel_safe_home", YES_NO),
        ("trusted_adult", YES_NO),
        ("happiness", FACES),
        ("life_satisfaction", LIFE_SATISFACTION),
    ):
        every = tables[key][EVERYONE]
        expected = [counted[key][c] for c in categories]
        shown = dict(zip(categories, every, strict=False))
        for category, want in zip(categories, expected, strict=True):
            if shown[category] != "c":
                assert shown[category] == str(want), f"{key}/{category}: page {shown[category]}, rows {want}"
        hidden = [want for category, want in zip(categories, expected, strict=True) if shown[category] == "c"]
        assert not hidden or any(1 <= want <= 5 for want in hidden), f"{key}: {hidden} hidden with no small count"
        assert every[len(categories)] == str(sum(expected)), key
    assert tables["feel_safe_home"][EVERYONE][:4] == ["10", "6", "0", "16"]
    assert tables["life_satisfaction"][EVERYONE][:4] == ["0", "7", "0", "9"], "a 6 is Medium, never Very high"

    html = (await board.get("/dashboards/board", params={"quarter": quarter.slug})).text
    assert "Feel safe where they live" in html
    for key in ("feel_safe_home", "life_satisfaction"):
        got = await board.get("/dashboards/board/export.csv", params={"quarter": quarter.slug, "table": key})
        exported = {row[0]: row[1:] for row in csv.reader(io.StringIO(got.content.decode("utf-8-sig")))}
        assert exported[EVERYONE] == tables[key][EVERYONE], "the CSV carries the page's figures"


async def test_parents_and_carers_feedback_never_reaches_childrens_figures(
    db: asyncpg.Connection, council: Council, clients: Callable[[], Client]
) -> None:
    from dash_seed import QUARTER, add_child, add_submission, refresh

    for i in range(7):
        child = await add_child(db, council, share_quotes=True)
        await add_submission(
            db, council, child, themes=("placement",), redacted=f"My room is fine {i}", audience=("worker", "council")
        )
    for i in range(14):
        parent = await add_submission(
            db,
            council,
            None,
            kind="survey",
            themes=("placement", "money"),
            redacted=f"As a parent I worry about money {i}",
            audience=("council",),
        )
        instrument = "feedback_parents" if i < 8 else "feedback_carers"
        await db.execute(
            "update submissions set instrument = $2, instrument_version = 1, answers = '{}' where id = $1",
            parent,
            instrument,
        )
    await refresh(db, council, QUARTER)
    cicc = await clients().as_staff(council.staff["cicc_member"])
    html = (await cicc.get("/dashboards/cicc", params={"quarter": QUARTER.slug})).text
    assert "As a parent" not in html
    page = (await cicc.get("/api/dashboards/cicc", params={"quarter": QUARTER.slug})).json()
    themes = {r["label"]: r["cells"] for t in page["tables"] if t["key"] == "themes" for r in t["rows"]}
    assert themes["Where I live"][0] == "7", "only the children's seven statements"
    assert themes["Money"][0] == "0"
    officer = await clients().as_staff(council.staff["participation_officer"])
    listing = (await officer.get("/dashboards/quotes", params={"quarter": QUARTER.slug})).text
    assert "My room is fine" in listing and "As a parent" not in listing
    board = await clients().as_staff(council.staff["board_member"])
    tables = {
        t["key"]: t
        for t in (await board.get("/api/dashboards/board", params={"quarter": QUARTER.slug})).json()["tables"]
    }
    statements = {r["label"]: r["cells"] for r in tables["statements"]["rows"]}
    assert statements[EVERYONE][-1] == "7"
    adults = {r["label"]: r["cells"] for r in tables["adult_feedback"]["rows"]}
    assert adults["Responses"] == adults["About money"] == ["8", "6"], "in their own section"
