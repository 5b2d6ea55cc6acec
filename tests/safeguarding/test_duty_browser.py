"""The duty queue in real Chromium on a laptop and a phone: it keeps up without a reload, says so to screen
readers, records each step with a confirmation, and passes axe."""

from __future__ import annotations

import asyncpg
import pytest
from support import PASSWORD, Council, axe_violations
from test_duty_queue import SATURDAY_NIGHT, in_hours, raise_at

pytestmark = pytest.mark.browser


async def sign_in(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/staff/sign-in")
    await page.fill("#email", council.staff["duty_officer"])
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")


async def test_a_new_alert_appears_and_the_counts_change_without_a_reload(  # type: ignore[no-untyped-def]
    page, council: Council, db: asyncpg.Connection
) -> None:
    await page.set_viewport_size({"width": 1366, "height": 900})
    await page.clock.install()
    first = await raise_at(db, council, in_hours())
    await sign_in(page, council)
    await page.goto("/staff/alerts?queue=day")
    assert await page.locator("#duty-alerts > li").count() == 1
    assert await page.text_content("#count-open") == "1"
    assert await page.is_visible("text=This page updates itself every 15 seconds.")
    assert await axe_violations(page) == []
    await page.evaluate("window.__sameDocument = true")  # gone if the page were reloaded

    await page.focus(f"a[href='/staff/alerts/{first}']")  # a keyboard user on the first alert keeps their place
    second = await raise_at(db, council, in_hours())
    await page.clock.run_for(16_000)
    await page.wait_for_selector(f"#duty-alerts > li[data-id='{second}']")
    assert await page.text_content("#count-open") == "2"
    assert "2 not closed" in await page.text_content("#count-day")
    await page.clock.run_for(500)  # the announcement is set just after the region is cleared
    said = await page.text_content("#duty-live")
    assert said.startswith("1 new alert. 2 alerts in this queue, 2 not yet acknowledged, 2 urgent.")
    assert await page.get_attribute("#duty-live", "aria-live") == "polite"
    assert await page.evaluate("window.__sameDocument") is True
    assert await page.evaluate("document.activeElement.getAttribute('href')") == f"/staff/alerts/{first}"
    assert {
        int(i) for i in await page.locator("#duty-alerts > li").evaluate_all("items => items.map(li => li.dataset.id)")
    } == {first, second}
    assert await axe_violations(page) == []


async def test_two_actions_a_note_and_their_confirmations_in_the_history(  # type: ignore[no-untyped-def]
    page, council: Council, db: asyncpg.Connection
) -> None:
    await page.set_viewport_size({"width": 1366, "height": 900})
    alert_id = await raise_at(db, council, in_hours())
    await sign_in(page, council)
    await page.goto(f"/staff/alerts/{alert_id}")
    await page.check("#action-phoned_placement")
    await page.fill("#done_at", "00:05")
    await page.click("button:has-text('Save the action')")
    await page.wait_for_url(f"**/staff/alerts/{alert_id}?saved=*")
    assert await page.text_content("#saved") == "Saved: phoned the placement at 00:05."
    assert await page.get_attribute("#saved", "role") == "status"
    await page.check("#action-told_social_worker")
    await page.fill("#note", "Left a message for the worker")
    await page.click("button:has-text('Save the action')")
    assert (await page.text_content("#saved") or "").startswith("Saved: told the child's social worker at ")
    await page.fill("#new_note", "Placement called back: he is safe tonight")
    await page.click("button:has-text('Save the note')")
    assert (await page.text_content("#saved") or "").startswith("Saved: note added at ")
    history = await page.inner_text("#history")
    assert "Action: Phoned the placement, done at 00:05 by Duty Officer" in history
    assert "Action: Told the child's social worker" in history and "Left a message for the worker" in history
    assert "Note by Duty Officer" in history and "he is safe tonight" in history
    assert await page.locator("#history textarea, #history input").count() == 0  # nothing in the history is editable
    assert await axe_violations(page) == []


async def test_on_a_360px_phone_each_alerts_status_is_in_view(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    await raise_at(db, council, in_hours())
    await sign_in(page, council)
    await page.set_viewport_size({"width": 360, "height": 780})
    await page.goto("/staff/alerts?queue=day")
    status = page.locator(".duty-alert__status").first
    assert await status.is_visible()
    box = await status.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert "Overdue" in await status.inner_text()
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False
    assert await axe_violations(page) == []


async def test_the_out_of_hours_queue_and_the_named_contact_warning(  # type: ignore[no-untyped-def]
    page, council: Council, db: asyncpg.Connection
) -> None:
    await db.execute(
        "update children set placement_contact = 'Foster carer: Jane Okafor, 01632 960555' where id = $1",
        council.children["Dee"],
    )
    night = await raise_at(db, council, SATURDAY_NIGHT, text="Jane locks me in my room")
    await sign_in(page, council)
    await page.goto("/staff/alerts?queue=day")
    assert await page.locator(f"#duty-alerts > li[data-id='{night}']").count() == 0
    await page.click("a:has-text('Emergency duty team (out of hours)')")
    await page.wait_for_url("**/staff/alerts?queue=edt")
    card = page.locator(f"#duty-alerts > li[data-id='{night}']")
    assert "Out of hours: emergency duty team" in await card.inner_text()
    assert await page.get_attribute("a[href='/staff/alerts?queue=edt']", "aria-current") == "page"
    assert await axe_violations(page) == []
    await card.locator("a").click()
    warning = page.locator("#contact-warning")
    assert await warning.is_visible()
    assert "the child's statement names Jane" in await warning.inner_text()
    assert await axe_violations(page) == []


async def test_a_duty_officer_opens_an_alert_and_adds_a_note_by_keyboard_alone(  # type: ignore[no-untyped-def]
    page, council: Council, db: asyncpg.Connection
) -> None:
    alert_id = await raise_at(db, council, in_hours())
    await sign_in(page, council)
    await page.goto("/staff/alerts?queue=day")
    for _ in range(30):
        await page.keyboard.press("Tab")
        if (await page.evaluate("document.activeElement.getAttribute('href')")) == f"/staff/alerts/{alert_id}":
            break
    else:
        pytest.fail("the alert's link cannot be reached with the Tab key")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/staff/alerts/{alert_id}")
    await page.focus("#new_note")
    await page.keyboard.type("Checked by phone with the school")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.textContent") == "Save the note"
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/staff/alerts/{alert_id}?saved=*")
    assert (await page.text_content("#saved") or "").startswith("Saved: note added at ")
    assert "Checked by phone with the school" in await page.inner_text("#history")
