"""A day in the life of Heard, end to end in real Chromium, with a real worker, PostgreSQL and Redis.

A child signs in with her code and sends a worry; the duty officer sees the alert and takes it; her worker
replies and she reads the reply; the worker's analysis themes the worry and, after the dashboards' refresh,
the Children in Care Council sees the theme and her words; the participation officer publishes "you said, we
did" and she reads it in her messages; her complaint runs through stage 1 on time. axe-core checks every page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import asyncpg
import pytest
from support import PASSWORD, Client, Council, Process, axe_violations, free_access_code, wait_for

from heard.accounts import secrets as heard_secrets

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def urgent_title() -> str:
    """What an urgent receipt promises now: contact today in office hours; out of hours, never "today"."""
    from datetime import UTC, datetime

    from heard.safeguarding import in_office_hours

    open_now = in_office_hours(datetime.now(UTC), "Mon-Fri 09:00-17:00", "Europe/London")
    return "Someone will be in touch today" if open_now else "The council's offices are closed now"


WORRY = "I am scared of the older boy where I live, he shouts at me at night and I do not feel safe"
OTHERS = [
    "I do not feel safe at my placement because of the shouting at night",
    "Someone at my house scares me and I do not feel safe there",
    "I feel scared at home at night and I want to feel safe",
    "I don't feel safe walking back from school, some older boys follow me",
    "I am scared in my placement, there is a lot of fighting",
    "I am frightened at night and I don't feel safe in my room",
    "I feel unsafe at my foster home when the other kids fight",
]
GOOD = "My foster carer helps me with my homework every night and school is getting better"
REPLY = "Thank you for telling me, Ava. I will visit you tomorrow after school and we will make a plan together."


class Journey:
    """One browser tab per person, and the pages each visited, all checked with axe."""

    def __init__(self, browser, web: Process) -> None:  # type: ignore[no-untyped-def]
        self.browser, self.web, self.visited = browser, web, []

    async def tab(self, page=None):  # type: ignore[no-untyped-def]
        if page is not None:
            return page
        context = await self.browser.new_context(base_url=self.web.url, locale="en-GB")
        tab = await context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
        tab.errors = errors
        return tab

    async def check(self, tab, what: str) -> None:  # type: ignore[no-untyped-def]
        await tab.wait_for_load_state("load")
        assert await axe_violations(tab) == [], f"{what} ({tab.url})"
        assert getattr(tab, "errors", []) == [], f"{what}: {tab.errors}"
        self.visited.append(tab.url)

    async def staff(self, email: str):  # type: ignore[no-untyped-def]
        tab = await self.tab()
        await tab.goto("/staff/sign-in")
        await self.check(tab, "staff sign-in")
        await tab.fill("#email", email)
        await tab.fill("#password", PASSWORD)
        await tab.click("main button[type=submit]")
        await tab.wait_for_url("**/home")
        await self.check(tab, "staff home")
        return tab


async def _submit(tab, button: str) -> None:  # type: ignore[no-untyped-def]
    """Press a form's button and wait for the page it leads to; that page must not report a problem."""
    async with tab.expect_navigation():
        await tab.click(f"text={button}")
    assert await tab.locator(".error-summary").count() == 0, await tab.inner_text("main")


async def _more_children(db: asyncpg.Connection, council: Council, clients: Callable[[], Client]) -> list[int]:
    """Seven more children in care who are worried about feeling safe, through the real API."""
    sent = []
    for i, text in enumerate(OTHERS):
        code, lookup = await free_access_code(db)
        await db.execute(
            """insert into children (council_id, reference, known_as, birth_month, legal_status, placement_type,
                   access_code_lookup, access_code_hash, share_quotes)
               values ($1, $2, $3, '2011-03-01', 'child_in_care', 'foster', $4, $5, true)""",
            council.id, f"{council.slug}-more-{i}", f"Child {i}", lookup, heard_secrets.hash_secret(code),
        )  # fmt: skip
        child = await clients().as_child(code)
        r = await child.post(
            "/api/submissions",
            json={"kind": "statement", "text": text, "audience": ["worker"]},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert r.status_code == 201, r.text
        sent.append(r.json()["id"])
    return sent


@pytest.mark.timeout(900)
async def test_a_day_in_the_life(  # type: ignore[no-untyped-def]
    page,
    browser,
    web: Process,
    worker: Process,
    council: Council,
    clients: Callable[[], Client],
    db: asyncpg.Connection,
) -> None:
    day = Journey(browser, web)
    ava_id = council.children["Ava"]
    await db.execute("update children set share_quotes = true where id = $1", ava_id)

    # 1. Ava signs in with her code and sends a worry: "Scared", and a line about it.
    ava = await day.tab(page)
    await ava.goto("/sign-in")
    await day.check(ava, "child sign-in")
    await ava.fill("#code", council.codes["Ava"])
    await ava.click("main button[type=submit]")
    await ava.wait_for_url("**/home")
    await day.check(ava, "child home")
    await ava.goto("/send")
    await day.check(ava, "tell us something")
    await ava.click("a[href='/send/worried']")
    await ava.wait_for_url("**/send/worried")
    await day.check(ava, "the worried form")
    await ava.check("#hq-feelings-scared")
    await ava.fill("#hq-what_worry", WORRY)
    await ava.click("form.hq-survey button[type=submit]")
    await ava.locator(".receipt__reference").wait_for()
    receipt = await ava.inner_text("main")
    assert urgent_title() in receipt and "0800 1111" in receipt
    await day.check(ava, "the receipt")
    worry_id = await db.fetchval("select id from submissions where child_id = $1", ava_id)
    assert f"H-{worry_id:06d}" in receipt
    await ava.goto("/send/something_good")
    await ava.fill("#hq-what_good", GOOD)
    await ava.check("#audience-council")  # only words sent to the council can become a quote
    await ava.click("form.hq-survey button[type=submit]")
    await ava.locator(".receipt__reference").wait_for()
    good_id = await db.fetchval("select max(id) from submissions where child_id = $1", ava_id)
    others = await _more_children(db, council, clients)

    # 2. The duty officer signs in, sees the alert in the queue and takes it.
    duty = await day.staff(council.staff["duty_officer"])
    await duty.goto("/staff/alerts")
    await day.check(duty, "the duty queue")
    alert_id = await db.fetchval("select id from alerts where submission_id = $1", worry_id)
    assert alert_id is not None, "the worry raised no alert"
    await duty.click(f"a[href='/staff/alerts/{alert_id}']")
    await duty.wait_for_url(f"**/staff/alerts/{alert_id}")
    assert WORRY in await duty.inner_text("main")
    await day.check(duty, "the alert")
    await duty.click("text=Acknowledge: I am taking this")
    await duty.wait_for_url(f"**/staff/alerts/{alert_id}?saved=*")  # the page confirms the step it saved
    assert "Duty Officer" in await duty.inner_text("main")
    await day.check(duty, "the acknowledged alert")
    row = await db.fetchrow("select status, acknowledged_by from alerts where id = $1", alert_id)
    assert row["acknowledged_by"] == council.staff_ids["duty_officer"] and row["status"] != "new"

    # 3. Her worker replies from the submission page; Ava reads the reply in My messages.
    social = await day.staff(council.staff["worker"])
    await social.goto("/staff/inbox")
    await day.check(social, "the worker's inbox")
    await social.click(f"a[href='/staff/submissions/{worry_id}']")
    await social.wait_for_url(f"**/staff/submissions/{worry_id}")
    assert WORRY in await social.inner_text("main")
    await day.check(social, "the worry, as her worker sees it")
    await social.fill("#body", REPLY)
    await social.click("text=Send reply")
    await social.wait_for_url(f"**/staff/submissions/{worry_id}")
    await day.check(social, "the worry with the reply")
    await ava.goto("/messages")
    await day.check(ava, "my messages")
    await ava.click(f"a[href='/messages/{worry_id}']")
    await ava.wait_for_url(f"**/messages/{worry_id}")
    assert REPLY in await ava.inner_text("main")
    await day.check(ava, "the reply")

    # 4. The worker (heard worker) analyses every worry; the dashboards' refresh job runs (through its endpoint);
    #    the participation officer approves Ava's words; the CiCC sees the theme and the quote.
    everyone = [worry_id, good_id, *others]

    async def analysed() -> bool:
        return await db.fetchval("select count(*) from analyses where submission_id = any($1)", everyone) == 9

    await wait_for(analysed, timeout=180, what="the worker's analysis of eight worries")
    themes = await db.fetchval("select themes from analyses where submission_id = $1", worry_id)
    assert "safety" in themes, f"Ava's worry was themed {themes}"
    admin = await clients().as_staff(council.staff["admin"])
    r = await admin.post("/api/dashboards/refresh")
    assert r.status_code == 200 and r.json()["quarters"] >= 1, r.text
    officer = await day.staff(council.staff["participation_officer"])
    await officer.goto("/dashboards/quotes")
    await day.check(officer, "quotes to approve")
    offered = await officer.inner_text("main")
    assert WORRY not in offered, "a worry that raised an alert must never be offered as a quote"
    redacted = await db.fetchval("select redacted from analyses where submission_id = $1", good_id)
    assert redacted in offered, "Ava's good news is not offered for approval"
    await officer.click(f"form[action='/dashboards/quotes/{good_id}'] button[value=approve]")
    await officer.wait_for_url("**/dashboards/quotes**")
    await officer.goto("/dashboards/cicc")
    await day.check(officer, "the CiCC dashboard")
    safety = await officer.locator("#table-themes tr", has_text="Feeling safe").first.inner_text()
    count = safety.split("\t")[1].strip()
    assert count.isdigit() and int(count) >= 6, f"the safety theme shows {count!r}, not a number"
    good_themes = await db.fetchval("select themes from analyses where submission_id = $1", good_id)
    if good_themes:  # quotes are shown under their theme; an unthemed text has nowhere to go
        assert redacted in await officer.inner_text("main"), "Ava's approved words are not on the CiCC page"

    # 5. "You said, we did": proposed, decided, done, worded for children and published; Ava reads it.
    await officer.goto("/dashboards/you-said-we-did/")
    await day.check(officer, "the tracker")
    await officer.select_option("#theme", "safety")
    await officer.fill("#said", "Children told us they do not feel safe at night where they live")
    await officer.click("form:has(#said) button[type=submit]")
    await officer.wait_for_url("**/dashboards/you-said-we-did/*")
    await day.check(officer, "the new item")
    await officer.fill("#decision", "Night-time checks in every children's home")
    await officer.fill("#owner", "Head of residential care")
    await officer.fill("#decided_on", date.today().isoformat())
    await _submit(officer, "Save decision")
    await officer.fill("#changed", "Night staff now check in with every child before bed")
    await officer.fill("#done_on", date.today().isoformat())
    await _submit(officer, "Save what changed")
    await officer.fill("#you_said", "You said you did not feel safe at night.")
    await officer.fill("#we_did", "Now night staff check in with you before bed.")
    await _submit(officer, "Save words for children")
    await _submit(officer, "Publish to children and the public page")
    await officer.wait_for_url("**/dashboards/you-said-we-did/*")
    item = await officer.inner_text("main")
    assert await officer.locator("button", has_text="Take down").count() == 1, f"not published:\n{item}"
    await day.check(officer, "the published item")
    await ava.goto("/messages")
    messages = await ava.inner_text("main")
    assert "You said you did not feel safe at night." in messages
    assert "Now night staff check in with you before bed." in messages
    await day.check(ava, "my messages with you said, we did")
    public = await day.tab()
    await public.goto(f"/you-said-we-did?council={council.slug}")
    assert "Now night staff check in with you before bed." in await public.inner_text("main")
    await day.check(public, "the public page")

    # 6. Ava complains; the complaints officer records the outcome and responds within the stage 1 clock.
    await ava.goto("/send/complaint")
    await day.check(ava, "the complaint form")
    await ava.fill("#hq-what_happened", "Nobody told me I was moving placement until the day before")
    await ava.check("#hq-want_advocate-no")
    await ava.click("form.hq-survey button[type=submit]")
    await ava.locator(".receipt__reference").wait_for()
    await day.check(ava, "the complaint receipt")
    complaint_id = await db.fetchval("select id from complaints where child_id = $1", ava_id)
    assert complaint_id is not None, "the complaint opened no case"
    complaints = await day.staff(council.staff["complaints_officer"])
    await complaints.goto("/staff/complaints")
    await day.check(complaints, "open complaints")
    await complaints.goto(f"/staff/complaints/{complaint_id}")
    assert "Nobody told me I was moving placement" in await complaints.inner_text("main")
    await day.check(complaints, "the complaint")
    await complaints.fill("#acknowledge-note", "Letter to Ava, and a call")
    await complaints.click("#acknowledge button[type=submit]")
    await complaints.wait_for_url(f"**/staff/complaints/{complaint_id}?done=acknowledge")
    await complaints.select_option("#outcomes-outcome", "upheld")
    await complaints.fill("#outcomes-reason", "The move was not explained to Ava in time")
    await complaints.click("#outcomes button[type=submit]")
    await complaints.wait_for_url(f"**/staff/complaints/{complaint_id}?done=outcomes")
    await complaints.fill("#responses-letter", "Dear Ava, we have looked into your complaint and we agree with you.")
    await complaints.fill("#responses-child_letter", "You were right. We should have told you sooner. We are sorry.")
    await complaints.click("#responses button[type=submit]")
    await complaints.wait_for_url(f"**/staff/complaints/{complaint_id}?done=responses")
    case = await complaints.inner_text("main")
    assert "Done on time" in case, "the stage 1 response is not recorded as on time"
    await day.check(complaints, "the answered complaint")
    await ava.goto("/messages")
    mine = await ava.inner_text("main")
    assert "We agreed with you." in mine and "We have answered." in mine
    await day.check(ava, "my messages with the complaint answered")
    assert len(day.visited) >= 25
