""" "I don't feel safe" in real Chromium on a 360 px phone, by keyboard alone: axe clean, the alert in the duty queue."""

from __future__ import annotations

import asyncpg
import pytest
from support import PASSWORD, Council, axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


async def tab_to(page, selector: str, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


async def fits(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


async def test_a_child_on_a_phone_presses_the_button_by_keyboard_and_the_duty_officer_sees_it(
    page,
    browser,
    web,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    await db.execute("insert into council_settings (council_id, totp_roles) values ($1, '{admin}')", council.id)
    await page.set_viewport_size(PHONE)
    await page.goto("/sign-in")
    await tab_to(page, "#code")
    await page.keyboard.type(council.codes["Ava"])
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/home")
    assert await axe_violations(page) == [], "home"
    assert await fits(page), "home fits 360 px"

    await tab_to(page, ".not-safe summary")
    await page.keyboard.press("Enter")  # open "Add a few words"
    await tab_to(page, "#not-safe-words")
    await page.keyboard.type("I am scared to go home")
    await tab_to(page, ".not-safe__button")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/not-safe/*")
    assert await axe_violations(page) == [], "what happens next"
    assert await fits(page), "what happens next fits 360 px"
    text = await page.inner_text("main")
    assert "999" in text and "0800 1111" in text
    await tab_to(page, "a[href='tel:999']")

    alert_id = await db.fetchval(
        "select id from alerts where child_id = $1 and level = 'urgent' and source = 'child'", council.children["Ava"]
    )
    assert alert_id is not None

    staff = await browser.new_context(base_url=web.url, viewport={"width": 1366, "height": 900})
    duty = await staff.new_page()
    try:
        await duty.goto("/staff/sign-in")
        await duty.fill("#email", council.staff["duty_officer"])
        await duty.fill("#password", PASSWORD)
        await duty.click("button[type=submit]")
        await duty.wait_for_url("**/home")
        await duty.goto("/staff/alerts")
        row = duty.locator(f"a[href='/staff/alerts/{alert_id}']")
        assert await row.count() == 1
        assert "Urgent" in await duty.inner_text("main")
    finally:
        await staff.close()


async def test_the_error_state_keeps_the_words_and_is_accessible(
    page,
    council: Council,
    db: asyncpg.Connection,  # type: ignore[no-untyped-def]
) -> None:
    await page.set_viewport_size(PHONE)
    await page.goto("/sign-in")
    await page.fill("#code", council.codes["Ben"])
    await page.click("main button[type=submit]")
    await page.wait_for_url("**/home")
    await page.goto("/not-safe")
    assert await axe_violations(page) == [], "the not-safe page"
    words = "help " * 210
    await page.fill("#not-safe-words", words)
    await page.click(".not-safe__button")
    await page.locator(".error-summary").wait_for()
    assert await page.input_value("#not-safe-words") == words.strip()
    assert "You have written 1049" in await page.inner_text(".error-summary")
    assert await axe_violations(page) == [], "the error state"
    assert await fits(page)
    assert await db.fetchval("select count(*) from alerts where child_id = $1", council.children["Ben"]) == 0
