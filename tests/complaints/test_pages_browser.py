"""The complaints officer's pages in real Chromium: accessible by axe-core, usable with the keyboard and no script."""

from __future__ import annotations

from datetime import date, timedelta

import asyncpg
import pytest
from complaint_seed import decide_all, new_case, officer, through_stage3
from support import PASSWORD, Council, axe_violations

from heard.complaints import _clock, services
from heard.complaints.schemas import ActionIn

pytestmark = pytest.mark.browser


async def sign_in(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/staff/sign-in")
    await page.fill("#email", council.staff["complaints_officer"])
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")


async def test_every_complaints_page_passes_axe(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    case = await new_case(db, council, date(2026, 3, 2), points=2, events_on=date(2024, 1, 1))
    await decide_all(db, council, await new_case(db, council, date(2026, 3, 3)), "upheld", date(2026, 3, 4))
    closed = await through_stage3(db, council, date(2026, 1, 5))
    await services.add_action(
        db,
        officer(council),
        closed.id,
        ActionIn(description="Panel papers earlier", owner="Manager", due_on=_clock.today() + timedelta(days=14)),
    )
    await sign_in(page, council)
    await page.click("a[href='/staff/complaints']")
    await page.wait_for_url("**/staff/complaints")
    for path in [
        "/staff/complaints",
        "/staff/complaints/new",
        f"/staff/complaints/{case.id}",
        f"/staff/complaints/{closed.id}",
        "/staff/complaints/reports",
        "/staff/complaints/reports?kind=annual&year=2025&version=internal",
    ]:
        await page.goto(path)
        assert await axe_violations(page) == [], path


async def test_a_refused_step_shows_an_error_summary_linked_to_the_field(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    case = await new_case(db, council, date(2026, 3, 2))
    await sign_in(page, council)
    await page.goto(f"/staff/complaints/{case.id}")
    await page.click("#step-investigate")  # a later step, and a form within it, each opened by its summary
    await page.click("#extensions summary")
    await page.fill("#extensions-working_days", "45")
    await page.fill("#extensions-reason", "Waiting for records")
    await page.click("#extensions button[type=submit]")
    summary = page.locator(".error-summary")
    assert "Stage 1 can be extended to at most 20 working days, not 45." in await summary.inner_text()
    assert await page.get_attribute("#extensions-working_days", "aria-invalid") == "true"
    assert await page.input_value("#extensions-reason") == "Waiting for records"
    assert await axe_violations(page) == []
    await page.click(".error-summary a")
    assert await page.evaluate("document.activeElement.id") == "extensions-working_days"
    assert await page.is_visible("#extensions-working_days"), "the step with the error is open"
    await page.fill("#extensions-working_days", "20")
    await page.click("#extensions button[type=submit]")
    await page.wait_for_url(f"**/staff/complaints/{case.id}?done=extensions")
    assert "Extended on" in await page.inner_text("main")


async def test_the_pages_reflow_on_a_small_phone(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    case = await new_case(db, council, date(2026, 3, 2))
    await sign_in(page, council)
    await page.set_viewport_size({"width": 320, "height": 640})
    await page.goto(f"/staff/complaints/{case.id}")
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False
