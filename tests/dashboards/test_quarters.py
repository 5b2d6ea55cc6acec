"""Quarters are named in the council's convention, months spelled out, alike on dashboards and complaints reports."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from dash_seed import add_child, add_submission, refresh
from support import Council

from dashboards._complaints import period
from dashboards.schemas import Quarter
from heard import quarters
from heard.errors import Invalid


@pytest.mark.parametrize(
    ("starts", "convention", "named", "short"),
    [
        (date(2026, 10, 1), "financial", "October to December 2026 (quarter 3, 2026-27)", "Q3 2026-27"),
        (date(2026, 10, 1), "calendar", "October to December 2026 (quarter 4, 2026)", "Q4 2026"),
        (date(2027, 1, 1), "financial", "January to March 2027 (quarter 4, 2026-27)", "Q4 2026-27"),
        (date(2026, 4, 1), "financial", "April to June 2026 (quarter 1, 2026-27)", "Q1 2026-27"),
        (date(1999, 1, 1), "financial", "January to March 1999 (quarter 4, 1998-99)", "Q4 1998-99"),
    ],
)
def test_a_quarter_is_named_with_its_months_and_its_number_in_the_convention(starts, convention, named, short):
    assert quarters.name(starts, convention) == named
    assert quarters.short(starts, convention) == short


async def test_the_board_and_the_complaints_report_follow_the_councils_convention(db, clients, council: Council):
    quarter = Quarter(2025, 4)  # October to December 2025
    for i in range(7):
        child = await add_child(db, council, age=13)
        await add_submission(db, council, child, themes=("placement",), at=quarter_time(i))
    await refresh(db, council, quarter)
    board = await clients().as_staff(council.staff["board_member"])
    officer = await clients().as_staff(council.staff["complaints_officer"])
    html = (await board.get("/dashboards/board", params={"quarter": quarter.slug})).text
    assert "October to December 2025 (quarter 3, 2025-26)" in html, "financial year unless the council chooses"
    assert not re.search(r"\bQ4 2025\b", html)
    report = (await officer.get("/staff/complaints/reports?kind=quarterly&year=2025&quarter=3")).text
    assert "October to December 2025 (quarter 3, 2025-26)" in report

    await db.execute(
        "insert into council_settings (council_id, quarter_convention, totp_roles) values ($1, 'calendar', '{admin}')",
        council.id,
    )
    html = (await board.get("/dashboards/board", params={"quarter": quarter.slug})).text
    assert "October to December 2025 (quarter 4, 2025)" in html and "2025-26" not in html
    got = await board.get("/dashboards/board/export.csv", params={"quarter": quarter.slug, "table": "comparisons"})
    header = next(csv.reader(io.StringIO(got.content.decode("utf-8-sig"))))
    assert "This quarter (Q4 2025)" in header and "Last quarter (Q3 2025)" in header
    report = (await officer.get("/staff/complaints/reports?kind=quarterly&year=2025&quarter=4")).text
    assert "Complaints learning report, October to December 2025 (quarter 4, 2025)" in report
    with pytest.raises(Invalid, match=r"from 1 \(January to March\) to 4 \(October to December\)"):
        period("quarterly", 2025, 5, "calendar")
    assert period("quarterly", 2025, 4, "calendar")[:2] == (date(2025, 10, 1), date(2025, 12, 31))


def quarter_time(i: int):  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    return datetime(2025, 11, 3 + i, 10, 0, tzinfo=UTC)
