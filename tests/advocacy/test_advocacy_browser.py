"""I want an advocate in Chromium on a 360 px phone: the form, its errors and its progress page are axe clean."""

from __future__ import annotations

import pytest
from support import Council, axe_violations

pytestmark = pytest.mark.browser


async def test_the_advocate_form_by_keyboard_on_a_phone(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await page.set_viewport_size({"width": 360, "height": 740})
    await page.goto("/sign-in")
    await page.fill("#code", council.codes["Cai"])
    await page.click("main button[type=submit]")
    await page.wait_for_url("**/home")
    await page.click("a[href='/advocate']")
    await page.wait_for_url("**/advocate")
    assert await axe_violations(page) == [], "the form"
    await page.fill("#note", "I want someone on my side at my review")
    await page.keyboard.press("Tab")  # to the first choice
    assert await page.evaluate("document.activeElement.id") == "contact_by-worker"
    await page.keyboard.press("ArrowDown")  # to "Phone or text me"
    await page.click("button[type=submit]")
    await page.locator(".error-summary").wait_for()
    assert "Write the phone number" in await page.inner_text(".error-summary")
    assert await page.input_value("#note") == "I want someone on my side at my review"
    assert await page.is_checked("#contact_by-phone")
    assert await axe_violations(page) == [], "the error state"
    await page.fill("#contact_detail", "07700 900123")
    await page.click("button[type=submit]")
    await page.wait_for_url("**/advocate/*")
    assert await axe_violations(page) == [], "the progress page"
    assert await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    await page.goto("/messages")
    assert "Your requests for an advocate" in await page.inner_text("main")
    assert await axe_violations(page) == [], "My messages"
