"""The conversation in Chromium: a child on a 360 px phone reads a reply and writes back by keyboard alone; their
worker on a 1366 px laptop answers; every page and state passes axe."""

from __future__ import annotations

import re

import asyncpg
from capture_browser import sign_in, tab_to
from support import PASSWORD, Council, axe_violations

REPLY = "I have asked your carer about Friday."
BACK = "Thank you. Friday after school is best."
ANSWER = "Great, Friday it is."


async def _statement(db: asyncpg.Connection, council: Council, *, anonymous: bool = False) -> int:
    sid: int = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, channel, free_text, audience, anonymous,
               idempotency_key, request_hash)
           values ($1, $2, 'statement', 'web', 'Can I see my nan on Friday?', '{worker}', $3, gen_random_uuid()::text,
                   '\\x00') returning id""",
        council.id,
        council.children["Ava"],
        anonymous,
    )
    return sid


async def _no_sideways_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return bool(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


async def test_a_child_on_a_phone_writes_back_by_keyboard_and_the_worker_answers_on_a_laptop(  # type: ignore[no-untyped-def]
    page, browser, web, council: Council, db: asyncpg.Connection
) -> None:
    sid = await _statement(db, council)
    await db.execute(
        "insert into replies (submission_id, staff_id, body) values ($1, $2, $3)",
        sid,
        council.staff_ids["worker"],
        REPLY,
    )
    await page.set_viewport_size({"width": 360, "height": 740})
    await sign_in(page, council.codes["Ava"])
    link = page.get_by_role("link", name=re.compile(r"My messages\s+1 new reply"))
    assert await link.count() == 1, "the unread count is part of the link a screen reader reads"
    assert await axe_violations(page) == [], "home with an unread reply"
    await tab_to(page, "a[href='/messages']")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/messages")
    assert "1 new reply" in await page.inner_text("main")
    assert await axe_violations(page) == [], "my messages with an unread reply"
    await tab_to(page, f"a[href='/messages/{sid}']")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/messages/{sid}")
    assert REPLY in await page.inner_text("main")
    assert await axe_violations(page) == [], "the message with its reply"

    await tab_to(page, "#conversation button[type=submit]")  # sent empty
    await page.keyboard.press("Enter")
    await page.locator(".error-summary").wait_for()
    assert "Write something before sending." in await page.inner_text("main")
    assert await axe_violations(page) == [], "the empty message's error"
    await tab_to(page, "#body")
    await page.keyboard.type(BACK)
    await tab_to(page, "#conversation button[type=submit]")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/messages/{sid}?sent=true*")
    main = await page.inner_text("main")
    assert "Sent. We have kept your message." in main and BACK in main and "Not read yet" in main
    assert await _no_sideways_scroll(page), "the conversation fits a 360 px phone"
    assert await axe_violations(page) == [], "the message after writing back"
    await page.goto("/home")
    assert "new repl" not in await page.inner_text("main")

    laptop = await browser.new_context(base_url=web.url, viewport={"width": 1366, "height": 900})
    worker = await laptop.new_page()
    await worker.goto("/staff/sign-in")
    await worker.fill("#email", council.staff["worker"])
    await worker.fill("#password", PASSWORD)
    await worker.click("main button[type=submit]")
    await worker.wait_for_url("**/home")
    await worker.goto("/staff/inbox")
    await worker.click(f"a[href='/staff/submissions/{sid}']")
    await worker.wait_for_url(f"**/staff/submissions/{sid}")
    main = await worker.inner_text("main")
    assert BACK in main and "Read by the child" in main and "Back to your inbox" in main
    assert await axe_violations(worker) == [], "the worker's statement page"
    await worker.click("text=Send reply")
    await worker.locator(".error-summary").wait_for()
    assert await axe_violations(worker) == [], "the worker's empty reply"
    await worker.fill("#body", ANSWER)
    await worker.click("text=Send reply")
    await worker.wait_for_url(f"**/staff/submissions/{sid}")
    assert "Not read by the child yet" in await worker.inner_text("main")
    await laptop.close()

    await page.goto(f"/messages/{sid}")
    main = await page.inner_text("main")
    assert ANSWER in main and "Worker read it on" in main
    assert main.index(REPLY) < main.index(BACK) < main.index(ANSWER)


async def test_an_anonymous_message_says_nobody_can_reply_and_where_to_get_help(  # type: ignore[no-untyped-def]
    page, council: Council, db: asyncpg.Connection
) -> None:
    sid = await _statement(db, council, anonymous=True)
    await page.set_viewport_size({"width": 360, "height": 740})
    await sign_in(page, council.codes["Ava"])
    await page.goto(f"/messages/{sid}")
    main = await page.inner_text("main")
    assert "nobody can reply to it" in main and "0800 1111" in main
    assert await page.locator("#body").count() == 0
    assert await axe_violations(page) == [], "an anonymous message"
