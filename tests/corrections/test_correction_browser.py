"""The analysis and its correction form in real Chromium: accessible by axe-core, grouped for screen readers,
usable with the keyboard alone."""

from __future__ import annotations

import asyncpg
import pytest
from correction_seed import analyse, corrections, submission
from support import PASSWORD, Council, axe_violations

pytestmark = pytest.mark.browser


async def _sign_in_as_worker(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/staff/sign-in")
    await page.fill("#email", council.staff["worker"])
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")


async def test_a_worker_corrects_the_analysis_by_keyboard_and_the_page_passes_axe(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    sid = await submission(db, council, "My foster carer shouts at me every night")
    await analyse(db, council, sid, themes=("family_contact",), sentiment="neutral")
    await _sign_in_as_worker(page, council)
    await page.goto(f"/staff/submissions/{sid}")
    assert await axe_violations(page) == []
    for name in ["Themes", "Sentiment", "Safeguarding level", "Kinds of worry (for a concern or urgent level)"]:
        assert await page.get_by_role("group", name=name).count() == 1, name
    assert await page.get_by_role("radio", name="Negative").count() == 1
    assert await page.get_by_role("checkbox", name="Where I live").count() == 1

    await page.focus("#theme-family_contact")
    await page.keyboard.press("Space")  # untick the model's theme
    await page.focus("#theme-placement")
    await page.keyboard.press("Space")
    await page.focus("#sentiment-neutral")
    await page.keyboard.press("ArrowUp")  # radios move with the arrow keys: neutral -> mixed
    await page.keyboard.press("ArrowUp")  # -> negative
    await page.focus("text=Save the correction")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/staff/submissions/{sid}#analysis")
    assert "Corrected by Worker on" in await page.inner_text("#analysis")
    [stored] = await corrections(db, sid)
    assert (list(stored["themes"]), stored["sentiment"]) == (["placement"], "negative")
    assert await axe_violations(page) == []


async def test_a_refused_correction_shows_an_error_summary_that_leads_to_the_group(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    sid = await submission(db, council, "Someone at the park keeps asking me to carry a bag for him")
    await _sign_in_as_worker(page, council)
    await page.goto(f"/staff/submissions/{sid}")
    assert "Not analysed yet" in await page.inner_text("#analysis")
    await page.check("#sentiment-negative")
    await page.check("#level-urgent")
    await page.click("text=Save the correction")
    summary = page.locator(".error-summary")
    assert "Choose at least one kind of worry for the urgent level." in await summary.inner_text()
    assert await page.is_checked("#level-urgent") and await page.is_checked("#sentiment-negative")
    assert await axe_violations(page) == []
    await page.click(".error-summary a")
    assert await page.evaluate("document.activeElement.id") == "category-abuse"
    assert await corrections(db, sid) == []
