"""The sign-in pages in real Chromium: accessible, usable by keyboard, errors that say what to do."""

from __future__ import annotations

import pytest
from support import Council, axe_violations

pytestmark = pytest.mark.browser


async def test_landing_and_sign_in_pages_pass_axe(page) -> None:  # type: ignore[no-untyped-def]
    for path in ["/", "/sign-in", "/staff/sign-in", "/help"]:
        await page.goto(path)
        assert await axe_violations(page) == [], path


async def test_a_child_signs_in_by_keyboard_alone(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/sign-in")
    await page.keyboard.press("Tab")  # the skip link comes first
    assert await page.evaluate("document.activeElement.textContent") == "Skip to main content"
    await page.focus("#code")
    await page.keyboard.type(council.codes["Ava"].lower())
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/home")
    assert await page.text_content("h1") == "Hi Ava"
    assert await axe_violations(page) == []


async def test_a_wrong_code_shows_an_accessible_error_and_keeps_what_was_typed(page) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/sign-in")
    await page.fill("#code", "ABCD-EFGH-JKMN")
    await page.click("button[type=submit]")
    summary = page.locator(".error-summary")
    assert "That code did not work" in await summary.inner_text()
    assert await page.input_value("#code") == "ABCD-EFGH-JKMN"
    assert await page.get_attribute("#code", "aria-invalid") == "true"
    assert await axe_violations(page) == []


async def test_the_sign_in_page_reflows_on_a_small_phone(page) -> None:  # type: ignore[no-untyped-def]
    await page.set_viewport_size({"width": 320, "height": 640})
    await page.goto("/sign-in")
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False


async def test_staff_sign_in_and_out(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    from support import PASSWORD

    await page.goto("/staff/sign-in")
    await page.fill("#email", council.staff["worker"])
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")
    assert "Statements from children allocated to you" in await page.inner_text("main")
    await page.click("text=Sign out on every device")
    await page.wait_for_url("**/?signed_out=1")
    assert "You have signed out" in await page.inner_text("main")
    await page.goto("/home")
    assert page.url.endswith("/sign-in")
