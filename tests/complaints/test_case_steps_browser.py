"""The case page one step at a time, in real Chromium: only the step to do now is open, by keyboard, at 360 and 1366."""

from __future__ import annotations

from datetime import date

import asyncpg
import pytest
from complaint_seed import new_case
from support import PASSWORD, Council, axe_violations

pytestmark = pytest.mark.browser

OPEN_FORMS = """() => [...document.querySelectorAll('main form')]
    .filter(f => f.checkVisibility())
    .map(f => f.getAttribute('action').split('/').pop())"""
BROKEN_DATES = """() => [...document.querySelectorAll('main time')]
    .filter(t => t.getClientRects().length > 1).map(t => t.textContent)"""


async def sign_in(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/staff/sign-in")
    await page.fill("#email", council.staff["complaints_officer"])
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")


async def current_step(page) -> str:  # type: ignore[no-untyped-def]
    return str(await page.inner_text("[aria-current=step] h3"))


async def test_only_the_current_steps_form_is_open_acknowledge_then_investigate(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    case = await new_case(db, council, date(2026, 3, 2), points=2)
    await sign_in(page, council)
    await page.set_viewport_size({"width": 1366, "height": 900})
    await page.goto(f"/staff/complaints/{case.id}")
    assert await current_step(page) == "Acknowledge the complaint (now)"
    assert await page.evaluate(OPEN_FORMS) == ["acknowledge"]
    later = await page.locator(".steps__item--later > details > summary").all_inner_texts()
    assert later == ["Investigate (later)", "Send the stage 1 response (later)", "Move to stage 2 or close (later)"]

    # By keyboard: the date is today's already; tab to the button and press Enter.
    await page.fill("#acknowledge-acknowledged_on", "2026-03-03")
    await page.focus("#acknowledge-note")
    await page.keyboard.type("Letter sent, and a call to the child")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Record the acknowledgement"
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/staff/complaints/{case.id}?done=acknowledge")
    assert await page.inner_text("[role=status]") == "Saved."
    done = page.locator(".steps__item--done")
    assert await done.locator("h3").inner_text() == "Acknowledge the complaint (done)"
    assert await done.locator("p").inner_text() == "Acknowledged on 2026-03-03: Letter sent, and a call to the child."
    assert await current_step(page) == "Investigate (now)"
    assert await page.evaluate(OPEN_FORMS) == ["outcomes"]

    # A later step opens from the keyboard when wanted, and shuts again.
    summary = page.locator(".steps__item--later > details > summary").first
    await summary.focus()
    await page.keyboard.press("Enter")
    assert await page.evaluate(OPEN_FORMS) == ["outcomes", "responses"]
    await page.keyboard.press("Enter")
    assert await page.evaluate(OPEN_FORMS) == ["outcomes"]

    for point in ("1", "2"):
        await page.select_option("#outcomes-point_id", label=f"{point}. Point {point}")
        await page.select_option("#outcomes-outcome", "upheld")
        await page.fill("#outcomes-decided_on", "2026-03-05")
        await page.click("#outcomes button[type=submit]")
        await page.wait_for_url(f"**/staff/complaints/{case.id}?done=outcomes")
    assert await current_step(page) == "Send the stage 1 response (now)"
    assert await page.evaluate(OPEN_FORMS) == ["responses"]
    stored = await db.fetchval(
        "select acknowledged_on from complaint_stages where complaint_id = $1 and stage = 1", case.id
    )
    assert stored == date(2026, 3, 3)


async def test_an_acknowledgement_with_a_wrong_date_keeps_the_step_open_with_the_error(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    case = await new_case(db, council, date(2026, 3, 2))
    await sign_in(page, council)
    await page.goto(f"/staff/complaints/{case.id}")
    await page.fill("#acknowledge-acknowledged_on", "2026-03-01")
    await page.fill("#acknowledge-note", "Phoned the carer")
    await page.click("#acknowledge button[type=submit]")
    summary = await page.inner_text(".error-summary")
    assert "'acknowledged_on' (2026-03-01) is before the day the complaint was received (2026-03-02)." in summary
    assert await page.input_value("#acknowledge-note") == "Phoned the carer"
    assert await page.get_attribute("#acknowledge-acknowledged_on", "aria-invalid") == "true"
    await page.fill("#acknowledge-acknowledged_on", "2099-01-01")
    await page.click("#acknowledge button[type=submit]")
    assert "is in the future" in await page.inner_text(".error-summary")


async def test_a_step_further_down_shows_its_error_opened(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    case = await new_case(db, council, date(2026, 3, 2))
    await sign_in(page, council)
    await page.goto(f"/staff/complaints/{case.id}")
    await page.click("#step-investigate")
    await page.click("#extensions summary")
    await page.fill("#extensions-working_days", "45")
    await page.fill("#extensions-reason", "Waiting for records")
    await page.click("#extensions button[type=submit]")
    assert "not 45" in await page.inner_text(".error-summary")
    assert await page.is_visible("#extensions-working_days")
    assert await page.input_value("#extensions-reason") == "Waiting for records"
    await page.click(".error-summary a")
    assert await page.evaluate("document.activeElement.id") == "extensions-working_days"


@pytest.mark.parametrize("width", [360, 1366])
async def test_the_case_page_is_accessible_and_reflows(
    page, council: Council, db: asyncpg.Connection, width: int
) -> None:  # type: ignore[no-untyped-def]
    case = await new_case(db, council, date(2026, 3, 2), points=2, events_on=date(2024, 1, 1))
    await sign_in(page, council)
    await page.set_viewport_size({"width": width, "height": 800})
    await page.goto(f"/staff/complaints/{case.id}")
    assert await current_step(page) == "Decide whether to consider this late complaint (now)"
    assert await page.evaluate(OPEN_FORMS) == ["late-decision"]
    assert await axe_violations(page) == []
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False
    assert await page.evaluate(BROKEN_DATES) == []
    height = await page.evaluate("document.documentElement.scrollHeight")
    assert height < (4500 if width == 360 else 3200), height  # it was about 7,000 with every form open
    await page.click(".steps__item--later > details > summary >> nth=0")
    assert await axe_violations(page) == []
