"""Driving the capture forms in Chromium: signing in, filling any instrument, moving by keyboard."""

from __future__ import annotations

import surveys

CHOICES = {"single_choice", "multiple_choice", "face_scale", "yes_no_not_sure"}


async def sign_in(page, code: str) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/sign-in")
    await page.fill("#code", code)
    await page.click("main button[type=submit]")
    await page.wait_for_url("**/home")


async def fill(page, instrument: surveys.Instrument) -> None:  # type: ignore[no-untyped-def]
    """Answer every question shown, with the first option or a harmless answer, as a child would."""
    for q in instrument.questions:
        block = page.locator(f"#hq-{q.id}-block")
        if q.type == "info" or await block.is_hidden():
            continue
        if q.type in CHOICES or (q.type == "number" and q.buttons):
            await block.locator("input").first.check()
        elif q.type == "free_text":
            await page.fill(f"#hq-{q.id}", f"Some words about {q.id}")
        elif q.type == "number":
            await page.fill(f"#hq-{q.id}", str(q.max))
        elif q.type == "month_year":
            await page.select_option(f"#hq-{q.id}-month", "5")
            await page.fill(f"#hq-{q.id}-year", "2020")


async def tab_to(page, selector: str, limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")
