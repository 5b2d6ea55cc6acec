"""The "tell me when I get a message" page in Chromium: a care leaver on a 360 px phone reaches it from My messages,
fills it, gets a wrong number back with what they typed, saves and removes, by keyboard alone; axe passes each state."""

from __future__ import annotations

import asyncpg
from capture_browser import sign_in, tab_to
from support import Council, axe_violations

from heard.i18n import catalogue

EN = catalogue("en")


async def _no_sideways_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


async def test_a_care_leaver_on_a_phone_sets_and_removes_their_contact_by_keyboard(  # type: ignore[no-untyped-def]
    page, council: Council, db: asyncpg.Connection
) -> None:
    await page.set_viewport_size({"width": 360, "height": 740})
    await sign_in(page, council.codes["Cai"])
    await page.goto("/messages")
    await tab_to(page, "a[href='/messages/nudge']")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/messages/nudge")
    assert await axe_violations(page) == [], "the empty form"
    assert await _no_sideways_scroll(page)

    await tab_to(page, "#email")
    await page.keyboard.type("cai@example.org")
    await page.keyboard.press("Tab")
    assert await page.evaluate("document.activeElement.id") == "phone"
    await page.keyboard.type("12345")
    await page.keyboard.press("Enter")
    await page.wait_for_selector(".error-summary")
    assert EN.gettext("nudge.error.phone") in await page.inner_text(".error-summary")
    assert await page.input_value("#email") == "cai@example.org" and await page.input_value("#phone") == "12345"
    assert await page.get_attribute("#phone", "aria-invalid") == "true"
    assert await axe_violations(page) == [], "the form with a wrong number"
    assert await _no_sideways_scroll(page)

    await page.fill("#phone", "")
    await tab_to(page, "#phone")
    await page.keyboard.type("07400 123456")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/messages/nudge?done=saved")
    assert EN.gettext("nudge.saved") in await page.inner_text("[role=status]")
    assert await page.input_value("#phone") == "07400 123456"
    assert await axe_violations(page) == [], "saved"
    assert await db.fetchval("select nudge_phone from children where id = $1", council.children["Cai"]) == (
        "+447400123456"
    )

    await tab_to(page, "button.secondary")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/messages/nudge?done=removed")
    assert EN.gettext("nudge.removed") in await page.inner_text("[role=status]")
    assert await axe_violations(page) == [], "removed"
    row = await db.fetchrow("select nudge_email, nudge_phone from children where id = $1", council.children["Cai"])
    assert (row["nudge_email"], row["nudge_phone"]) == (None, None)
