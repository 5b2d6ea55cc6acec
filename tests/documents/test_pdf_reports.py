"""The complaints reports and the Board pack as PDFs: tagged, every chart with its text alternative and table, the
figures exactly as the pages publish them (suppressed the same), quotes, and this quarter's "you said, we did"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import asyncpg
from complaint_seed import new_case
from dash_seed import QUARTER, add_child, add_submission, answer, refresh, staff
from reading import Read, assert_accessible, once, read
from support import Client, Council

from dashboards import services
from dashboards.schemas import ActionIn, DecisionIn, DoneIn

Q = QUARTER.slug
QUOTE = "I want [name] to ask me before I move & not after"
NOT_APPROVED = "Nobody asks me what I think about contact"


def flat(text: str) -> str:
    return " ".join(text.split())


async def test_the_complaints_report_pdf_is_tagged_and_suppressed_as_the_page(
    council: Council, clients: Callable[[], Client], db: asyncpg.Connection
) -> None:
    await new_case(db, council, date(2025, 10, 6))
    co = await clients().as_staff(council.staff["complaints_officer"])
    base = "/staff/complaints/reports?kind=quarterly&year=2025&quarter=3"
    title = "Complaints learning report, October to December 2025 (quarter 3, 2025-26)"
    published = read((await co.get(base + "&format=pdf")).content)
    assert_accessible(published, title=title)
    assert published.tables and all(t.count("TH") >= 2 for t in published.tables)
    api = (await co.get("/api/complaints/reports?kind=quarterly&year=2025&quarter=3")).json()
    for table in api["tables"]:
        for label, value in table["rows"]:
            assert f"{label} {value}" in flat(published.text), (label, value)
    assert "Stage 1 complaints received c" in flat(published.text)
    assert "1 October 2025 to 31 December 2025" in flat(published.text)
    assert "Local Government and Social Care Ombudsman" in flat(published.text)
    internal = read((await co.get(base + "&format=pdf&version=internal")).content)
    assert "Stage 1 complaints received 1" in flat(internal.text)
    assert "Internal version: not for publication" in internal.text


async def _seed(db: asyncpg.Connection, council: Council) -> None:
    """Numbers big enough to be shown (15 children), one child of three too few to be, a quote and changes."""
    younger = [await add_child(db, council, age=13, share_quotes=True) for _ in range(8)]
    older = [await add_child(db, council, age=16, placement="residential") for _ in range(7)]
    for i, child in enumerate(younger + older):
        await add_submission(db, council, child, themes=("placement",), read_after=timedelta(hours=3))
        await add_submission(
            db,
            council,
            child,
            kind="survey",
            answers={
                "feel_safe_home": answer("feel_safe_home", choice="yes" if i < 9 else "no"),
                "trusted_adult": answer("trusted_adult", choice="yes" if i < 12 else "no"),
            },
        )
    for child in younger:
        await add_submission(db, council, child, kind="review", used_in_review=True)
    to_council = ("worker", "council")
    quoted = await add_submission(db, council, younger[0], themes=("placement",), redacted=QUOTE, audience=to_council)
    await add_submission(
        db, council, younger[1], themes=("family_contact",), redacted=NOT_APPROVED, audience=to_council
    )
    await refresh(db, council)
    officer = staff(council, "participation_officer")
    await services.decide_quote(db, officer, quoted, True)
    for said, changed, done_on in [
        ("Children want more time with brothers and sisters", "Sibling weekends started", date(2025, 6, 20)),
        ("Children want their own bank cards", "Bank cards from 16, before this quarter", date(2025, 3, 1)),
    ]:
        made = await services.create(
            db, officer, ActionIn(theme="family_contact", said=said, said_on=date(2025, 1, 10))
        )
        await services.decide(
            db, officer, made.id, DecisionIn(decision="Agreed", owner="Fostering service", decided_on=date(2025, 2, 1))
        )
        await services.record_done(db, officer, made.id, DoneIn(changed=changed, done_on=done_on))


async def _board_pack(db: asyncpg.Connection, council: Council, clients: Callable[[], Client]) -> tuple[Read, dict]:
    await _seed(db, council)
    board = await clients().as_staff(council.staff["board_member"])
    r = await board.get("/dashboards/board/report.pdf", params={"quarter": Q})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == f'attachment; filename="board-report-{Q}.pdf"'
    page = (await board.get("/api/dashboards/board", params={"quarter": Q})).json()
    return read(r.content), page


async def test_the_board_pack_is_tagged_with_every_chart_and_its_text_alternative(
    db: asyncpg.Connection, council: Council, clients: Callable[[], Client]
) -> None:
    pack, page = await _board_pack(db, council, clients)
    name = await db.fetchval("select name from councils where id = $1", council.id)
    # The quarter with its months spelled out, in the council's convention (financial year by default).
    assert_accessible(pack, title=f"{name}: Corporate Parenting Board report, April to June 2025 (quarter 1, 2025-26)")
    assert "April to June 2025 (quarter 1, 2025-26)" in flat(pack.text)
    tables = [*(t["trend"] for t in page["tiles"]), page["comparisons"], *page["tables"]]
    charts = [t["chart"]["title"] for t in tables if t.get("chart")]
    assert page["tiles"] and len(charts) >= len(page["tiles"])  # a trend chart per headline, and the tables'
    assert pack.alts == charts  # every chart is a Figure whose alternative is its title, in page order
    assert len(pack.tables) == len(tables) + 1  # each chart's data table, and the headlines
    for tile in page["tiles"]:
        assert len(tile["trend"]["rows"]) == 8  # eight quarters
        assert tile["status_text"] in pack.text


async def test_the_board_pack_figures_are_the_pages_with_the_same_suppression(
    db: asyncpg.Connection, council: Council, clients: Callable[[], Client]
) -> None:
    pack, page = await _board_pack(db, council, clients)
    text = flat(pack.text)
    for table in [page["comparisons"], *page["tables"]]:
        for row in table["rows"]:
            if len(" ".join(row["cells"])) < 40:  # short rows read back on one line
                assert " ".join([row["label"], *row["cells"]]) in text, (table["key"], row)
    safe = next(t for t in page["tables"] if t["key"] == "feel_safe_home")
    everyone = next(r for r in safe["rows"] if r["label"] == "All children and young people")
    yes = await db.fetchval(
        "select count(*) from submissions where council_id = $1 and answers ->> 'feel_safe_home' = 'yes'", council.id
    )
    assert everyone["cells"][:2] == [str(yes), "6"] == ["9", "6"]
    trusted = next(t for t in page["tables"] if t["key"] == "trusted_adult")
    hidden = next(r for r in trusted["rows"] if r["label"] == "All children and young people")
    assert hidden["cells"][1] == "c"  # three said no: too few to show, in the page and in the pack
    assert " ".join([hidden["label"], *hidden["cells"]]) in text
    assert "3" not in hidden["cells"][:2]


async def test_the_board_pack_has_the_approved_quotes_and_this_quarters_changes(
    db: asyncpg.Connection, council: Council, clients: Callable[[], Client]
) -> None:
    pack, _ = await _board_pack(db, council, clients)
    assert once(pack.text, QUOTE)
    assert NOT_APPROVED not in flat(pack.text)
    assert "You said, we did" in pack.text
    assert once(pack.text, "Children want more time with brothers and sisters")
    assert once(pack.text, "Sibling weekends started") and "20 June 2025" in flat(pack.text)
    assert "Bank cards from 16" not in flat(pack.text)  # done last quarter, not this one
