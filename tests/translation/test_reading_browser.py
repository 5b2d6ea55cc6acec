"""Words the screen cannot read reach a person, and disclosures in Arabic and Dari reach the duty team: in Chromium,
as the child, the worker and the duty officer see them, each page passing axe."""

from __future__ import annotations

import asyncpg
import pytest
from support import PASSWORD, Council, Process, axe_violations, wait_for

pytestmark = pytest.mark.browser

ARABIC = "صديق أمي يضربني"  # my mum's boyfriend hits me
DARI = "کاکایم مرا لت می‌کند"  # my uncle beats me
SOMALI = "Aabbahay wuu i garaacaa maalin kasta"  # my father beats me every day (no lexicon reads Somali)
TRANSLATION = "My father hits me every day"


async def _child_sends(page, code: str, words: str) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/sign-in")
    await page.fill("#code", code)
    await page.click("main button[type=submit]")
    await page.wait_for_url("**/home")
    await page.goto("/send/worried")
    await page.fill("#hq-what_worry", words)
    await page.click("form.hq-survey [data-send]")
    await page.locator(".receipt__reference").wait_for()


async def _staff(browser, web: Process, email: str):  # type: ignore[no-untyped-def]
    context = await browser.new_context(base_url=web.url, locale="en-GB")
    page = await context.new_page()
    await page.goto("/staff/sign-in")
    await page.fill("#email", email)
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")
    return page


async def _child(browser, web: Process):  # type: ignore[no-untyped-def]
    context = await browser.new_context(base_url=web.url, locale="en-GB")
    return await context.new_page()


async def test_disclosures_in_arabic_and_dari_each_put_an_urgent_alert_in_the_duty_queue(
    browser, web: Process, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    for name, words in [("Ava", ARABIC), ("Ben", DARI)]:
        await _child_sends(await _child(browser, web), council.codes[name], words)
    duty = await _staff(browser, web, council.staff["duty_officer"])
    await duty.goto("/staff/alerts")
    rows = duty.locator("#duty-alerts > li")
    assert await rows.count() == 2
    for name in ("Ava", "Ben"):
        row = rows.filter(has_text=f"{name} ({council.slug}-{name})")
        assert "Urgent" in await row.inner_text(), name
        assert "abuse" in await row.inner_text(), name
    levels = await db.fetch(
        "select c.known_as, a.level from alerts a join children c on c.id = a.child_id where a.council_id = $1",
        council.id,
    )
    assert sorted((r["known_as"], r["level"]) for r in levels) == [("Ava", "urgent"), ("Ben", "urgent")]
    assert await axe_violations(duty) == []


async def test_somali_waits_to_be_read_and_its_translation_raises_the_alert(
    browser, web: Process, worker: Process, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    await _child_sends(await _child(browser, web), council.codes["Ava"], SOMALI)
    sid = await db.fetchval("select id from submissions where child_id = $1", council.children["Ava"])
    assert await db.fetchval("select count(*) from alerts where submission_id = $1", sid) == 0  # nothing read it yet

    async def named() -> bool:
        return await db.fetchval("select language from readings where submission_id = $1", sid) == "so"

    await wait_for(named, timeout=60, what="the analysis to name the language")

    # Ava's worker sees it counted on the home page, then in the queue with the language detected.
    staff = await _staff(browser, web, council.staff["worker"])
    assert "Waiting to be read by a person: 1 (0 overdue)" in await staff.inner_text("main")
    assert await axe_violations(staff) == []
    await staff.click("text=Waiting to be read by a person: 1")
    await staff.wait_for_url("**/staff/reading")
    row = staff.locator("main li")
    assert await row.count() == 1 and "Somali" in await row.inner_text()
    assert await axe_violations(staff) == []
    await staff.set_viewport_size({"width": 360, "height": 740})
    assert not await staff.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")

    # Saving nothing says what is missing and leads the keyboard to the box; the page keeps passing axe.
    await staff.click(f"a[href='/staff/reading/{sid}']")
    assert SOMALI in await staff.inner_text("blockquote")
    await staff.fill("#translation", "   ")
    await staff.click("text=Save the translation")
    summary = staff.locator(".error-summary")
    assert "Write what the child said in English before saving the translation." in await summary.inner_text()
    assert await axe_violations(staff) == []
    await staff.click(".error-summary a")
    assert await staff.evaluate("document.activeElement.id") == "translation"

    # By keyboard: the translation is saved, screened, and raises an urgent alert at once.
    await staff.keyboard.type(TRANSLATION)
    await staff.keyboard.press("Tab")
    await staff.keyboard.press("Enter")
    await staff.wait_for_url(f"**/staff/reading/{sid}?saved=1")
    notice = await staff.inner_text(".notice")
    assert "Translated by Worker on" in notice and "urgent" in notice
    assert await axe_violations(staff) == []
    alert = await db.fetchrow("select level, categories, source from alerts where submission_id = $1", sid)
    assert (alert["level"], list(alert["categories"]), alert["source"]) == ("urgent", ["abuse"], "staff")
    audit = await db.fetchrow(
        "select actor_id, detail from audit_log where action = 'recorded_translation' and subject_id = $1", sid
    )
    assert audit is not None and audit["actor_id"] == council.staff_ids["worker"]

    await staff.goto("/staff/reading")
    assert "Nothing is waiting to be read." in await staff.inner_text("main")
    duty = await _staff(browser, web, council.staff["duty_officer"])
    await duty.goto("/staff/alerts")
    assert "Urgent" in await duty.locator("#duty-alerts > li").filter(has_text="Ava").inner_text()
