"""Driving the capture forms in Chromium: signing in, filling any instrument, moving by keyboard."""

from __future__ import annotations

import surveys

CHOICES = {"single_choice", "multiple_choice", "face_scale", "yes_no_not_sure"}


async def sign_in(page, code: str) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/sign-in")
    await page.fill("#code", code)
    await page.click("main button[type=submit]")
    await page.wait_for_url("**/home")


async def answer(page, question: surveys.Question) -> None:  # type: ignore[no-untyped-def]
    """Answer one question with its first option or a harmless answer."""
    q = question
    block = page.locator(f"#hq-{q.id}-block")
    if q.type in CHOICES or (q.type == "number" and q.buttons):
        await block.locator("input").first.check()
    elif q.type == "free_text":
        await page.fill(f"#hq-{q.id}", f"Some words about {q.id}")
    elif q.type == "number":
        await page.fill(f"#hq-{q.id}", str(q.max))
    elif q.type == "month_year":
        await page.select_option(f"#hq-{q.id}-month", "5")
        await page.fill(f"#hq-{q.id}-year", "2020")


async def stepped(page) -> bool:  # type: ignore[no-untyped-def]
    """Whether the form shows one question at a time."""
    return await page.locator("form.hq-survey--steps").count() == 1


async def current_step(page) -> str:  # type: ignore[no-untyped-def]
    """The id of the question on screen in one-question-at-a-time mode."""
    shown = page.locator("[data-question-id]:visible")
    assert await shown.count() == 1, "one question on screen"
    return await shown.get_attribute("data-question-id") or ""


async def to_the_end(page) -> None:  # type: ignore[no-untyped-def]
    """Press Next until Send shows (nothing to do on a one-page form)."""
    next_button = page.locator(".hq-step-next")
    for _ in range(100):
        if not await stepped(page) or await next_button.is_hidden():
            return
        await next_button.click()
    raise AssertionError("Send never showed")


async def fill(page, instrument: surveys.Instrument) -> None:  # type: ignore[no-untyped-def]
    """Answer every question shown, as a child would: all on one page, or step by step, pressing Next."""
    if await stepped(page):
        next_button = page.locator(".hq-step-next")
        while True:
            question = instrument.question(await current_step(page))
            if question.type != "info":
                await answer(page, question)
            if await next_button.is_hidden():
                return
            await next_button.click()
    for q in instrument.questions:
        if q.type != "info" and not await page.locator(f"#hq-{q.id}-block").is_hidden():
            await answer(page, q)


async def tab_to(page, selector: str, limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the element matching `selector` has focus."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")
