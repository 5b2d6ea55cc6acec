"""The "I don't feel safe" day, end to end in real Chromium with a real web server and PostgreSQL (issues #19, #17).

A child on a 360 px phone presses "I don't feel safe" with a few words, by keyboard alone; the duty officer's queue
on a laptop shows the alert without a reload; the officer records two timed actions; the child's worker replies in
the statement's thread; the child sees the badge, opens the message and writes back; the audit log has every step.
axe-core checks every page visited.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import asyncpg
import pytest
from support import PASSWORD, Council, Process, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 900}
WORDS = "I am scared to go home tonight"
REPLY = "Thank you for telling us. I am coming to see you after school today."
BACK = "Thank you. I will be at school until 3."


async def tab_to(page, selector: str, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    raise AssertionError(f"could not reach {selector} with Tab")


class Visits:
    """Every page visited, each checked with axe (and, on the phone, that nothing is wider than 360 px)."""

    def __init__(self) -> None:
        self.pages: list[str] = []

    async def check(self, page, what: str, phone: bool = False) -> None:  # type: ignore[no-untyped-def]
        await page.wait_for_load_state("load")
        assert await axe_violations(page) == [], f"{what} ({page.url})"
        if phone:
            fits = await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            assert fits, f"{what} is wider than 360 px"
        self.pages.append(page.url)


async def _staff(browser, web: Process, email: str, visits: Visits):  # type: ignore[no-untyped-def]
    context = await browser.new_context(base_url=web.url, viewport=LAPTOP, locale="en-GB")
    tab = await context.new_page()
    await tab.clock.install()  # the queue's polling is driven by the test's clock, the server's by the real one
    await tab.goto("/staff/sign-in")
    await visits.check(tab, "staff sign-in")
    await tab.fill("#email", email)
    await tab.fill("#password", PASSWORD)
    await tab.click("main button[type=submit]")
    await tab.wait_for_url("**/home")
    await visits.check(tab, "staff home")
    return tab


def minutes_ago(n: int) -> str:
    """A clock time n minutes ago, as the duty officer types it ('14:05', the server's local time)."""
    return (datetime.now().astimezone() - timedelta(minutes=n)).strftime("%H:%M")


@pytest.mark.timeout(600)
async def test_i_dont_feel_safe_reaches_the_duty_officer_live_and_the_worker_and_child_talk_after(  # type: ignore[no-untyped-def]
    page, browser, web: Process, council: Council, db: asyncpg.Connection
) -> None:
    visits = Visits()
    ava_id = council.children["Ava"]

    # 1. The duty officer has the queue open on a laptop.
    duty = await _staff(browser, web, council.staff["duty_officer"], visits)
    await duty.goto("/staff/alerts")
    await visits.check(duty, "the duty queue")
    before = await duty.locator("#duty-alerts > li").count()
    await duty.evaluate("window.__sameDocument = true")  # gone if the page were reloaded

    # 2. Ava, on a 360 px phone, presses "I don't feel safe" with a few words, by keyboard alone.
    await page.set_viewport_size(PHONE)
    await page.goto("/sign-in")
    await visits.check(page, "child sign-in", phone=True)
    await tab_to(page, "#code")
    await page.keyboard.type(council.codes["Ava"])
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/home")
    await visits.check(page, "child home", phone=True)
    await tab_to(page, ".not-safe summary")
    await page.keyboard.press("Enter")
    await tab_to(page, "#not-safe-words")
    await page.keyboard.type(WORDS)
    await tab_to(page, ".not-safe__button")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/not-safe/*")
    await visits.check(page, "what happens next", phone=True)
    assert "999" in await page.inner_text("main")
    row = await db.fetchrow(
        "select id, submission_id from alerts where child_id = $1 and level = 'urgent' and source = 'child'", ava_id
    )
    assert row is not None, "the button raised no urgent alert"
    alert_id, sid = row["id"], row["submission_id"]

    # 3. The queue shows it without a reload, at the next poll.
    await duty.clock.run_for(16_000)
    await duty.wait_for_selector(f"#duty-alerts > li[data-id='{alert_id}']")
    assert await duty.locator("#duty-alerts > li").count() == before + 1
    assert await duty.evaluate("window.__sameDocument") is True
    await duty.clock.run_for(500)
    assert "1 new alert." in (await duty.text_content("#duty-live") or "")
    await visits.check(duty, "the queue with the new alert")

    # 4. The officer opens it and records two timed actions.
    await duty.click(f"a[href='/staff/alerts/{alert_id}']")
    await duty.wait_for_url(f"**/staff/alerts/{alert_id}")
    assert WORDS in await duty.inner_text("main")
    await visits.check(duty, "the alert")
    first, second = minutes_ago(10), minutes_ago(2)
    await duty.check("#action-phoned_placement")
    await duty.fill("#done_at", first)
    await duty.click("button:has-text('Save the action')")
    await duty.wait_for_url(f"**/staff/alerts/{alert_id}?saved=*")
    assert await duty.text_content("#saved") == f"Saved: phoned the placement at {first}."
    await visits.check(duty, "the alert after the first action")
    await duty.check("#action-told_social_worker")
    await duty.fill("#done_at", second)
    await duty.fill("#note", "Asked her worker to reply to her today")
    await duty.click("button:has-text('Save the action')")
    await duty.wait_for_url(f"**/staff/alerts/{alert_id}?saved=*")
    assert await duty.text_content("#saved") == f"Saved: told the child's social worker at {second}."
    history = await duty.inner_text("#history")
    assert f"Phoned the placement, done at {first} by Duty Officer" in history
    assert f"Told the child's social worker, done at {second} by Duty Officer" in history
    await visits.check(duty, "the alert after the second action")

    # 5. Her worker replies in the statement's thread.
    social = await _staff(browser, web, council.staff["worker"], visits)
    await social.goto(f"/staff/submissions/{sid}")
    assert WORDS in await social.inner_text("main")
    await visits.check(social, "the statement, as her worker sees it")
    await social.fill("#body", REPLY)
    await social.click("text=Send reply")
    await social.wait_for_url(f"**/staff/submissions/{sid}**")
    await visits.check(social, "the statement with the reply")

    # 6. Ava sees the badge, opens the message, reads the reply and writes back (still by keyboard, on the phone).
    await page.goto("/home")
    badge = page.locator("a[href='/messages'] .badge")
    assert await badge.inner_text() == "1 new reply"
    await visits.check(page, "child home with the badge", phone=True)
    await tab_to(page, "a[href='/messages']")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/messages")
    await visits.check(page, "my messages", phone=True)
    await tab_to(page, f"a[href='/messages/{sid}']")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/messages/{sid}")
    assert REPLY in await page.inner_text("main")
    await visits.check(page, "the message with the reply", phone=True)
    await tab_to(page, "#body")
    await page.keyboard.type(BACK)
    await tab_to(page, "#conversation button[type=submit], form[action^='/messages/'] button[type=submit]")
    await page.keyboard.press("Enter")
    await page.wait_for_url(f"**/messages/{sid}?sent=true*")
    main = await page.inner_text("main")
    assert "Sent. We have kept your message." in main and BACK in main
    await visits.check(page, "the message after writing back", phone=True)
    await page.goto("/home")
    assert await page.locator("a[href='/messages'] .badge").count() == 0  # read now

    # 7. The audit log has each step, by whom.
    steps = await db.fetch(
        """select l.action, l.subject_kind, l.subject_id, l.actor_kind, st.email from audit_log l
           left join staff st on st.id = l.actor_id and l.actor_kind = 'staff'
           where l.council_id = $1 order by l.id""",
        council.id,
    )
    did = [(s["action"], s["subject_kind"], s["subject_id"], s["email"]) for s in steps]
    officer, worker = council.staff["duty_officer"], council.staff["worker"]
    for step in [
        ("raised", "alert", alert_id, None),  # by the system, from her button
        ("read", "alert", alert_id, officer),
        ("recorded_action", "alert", alert_id, officer),
        ("replied", "submission", sid, worker),
        ("read_replies", "submission", sid, None),
        ("wrote", "submission", sid, None),
    ]:
        assert step in did, f"{step} is not in the audit log: {did}"
    assert did.count(("recorded_action", "alert", alert_id, officer)) == 2
    order = [d[0] for d in did if d[2] in (alert_id, sid)]
    assert (
        order.index("raised")
        < order.index("read")
        < order.index("recorded_action")
        < order.index("replied")
        < order.index("read_replies")
        < order.index("wrote")
    )
    child_steps = [s for s in steps if s["action"] in ("read_replies", "wrote")]
    assert {s["actor_kind"] for s in child_steps} == {"child"}
    assert [s["actor_kind"] for s in steps if s["action"] == "raised" and s["subject_id"] == alert_id] == ["system"]
    events = await db.fetch("select kind from alert_events where alert_id = $1 order by id", alert_id)
    assert [e["kind"] for e in events] == ["raised", "acknowledged", "action", "action"]
    assert len(visits.pages) >= 15
