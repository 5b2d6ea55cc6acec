"""The children's capture pages in real Chromium: every instrument, errors, keyboard, RTL, drafts, script as text."""

from __future__ import annotations

import asyncpg
import pytest
from capture_browser import fill, sign_in, stepped, tab_to, to_the_end
from capture_seed import open_link
from support import PASSWORD, Council, axe_violations

import surveys

pytestmark = pytest.mark.browser


def urgent_title() -> str:
    """What an urgent receipt promises now: contact today in office hours; out of hours, never "today"."""
    from datetime import UTC, datetime

    from heard.safeguarding import in_office_hours

    open_now = in_office_hours(datetime.now(UTC), "Mon-Fri 09:00-17:00", "Europe/London")
    return "Someone will be in touch today" if open_now else "The council's offices are closed now"


CHILD_FORMS = [
    "get_ready_meeting",
    "worker_visiting",
    "something_good",
    "worried",
    "change_something",
    "where_i_live",
    "complaint",
    "my_views_for_review",
]
SURVEYS = ["my_life_4_7", "my_life_8_11", "my_life_11_17", "my_life_leavers", "feedback_carers", "feedback_parents"]


async def _empty_then_fixed(page, instrument: surveys.Instrument) -> None:  # type: ignore[no-untyped-def]
    assert await axe_violations(page) == [], f"{instrument.id}: the form"
    assert await stepped(page) == instrument.one_at_a_time, f"{instrument.id}: one question at a time"
    await to_the_end(page)
    await page.click("form.hq-survey [data-send]")
    summary = page.locator(".hq-error-summary")
    await summary.wait_for()
    first_link = await summary.locator("a").first.get_attribute("href")
    assert await page.locator(first_link).count() == 1, f"{instrument.id}: summary links to {first_link}"
    assert await axe_violations(page) == [], f"{instrument.id}: the error state"
    await fill(page, instrument)
    await to_the_end(page)
    await page.click("form.hq-survey [data-send]")
    await page.locator(".receipt__reference").wait_for()


async def test_every_statement_renders_shows_errors_and_sends(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    await db.execute("update children set birth_month = '2010-01-01' where id = $1", council.children["Ava"])
    await sign_in(page, council.codes["Ava"])
    await page.goto("/send")
    assert await axe_violations(page) == []
    for instrument_id in [*CHILD_FORMS, "planning_future"]:
        await page.goto(f"/send/{instrument_id}")
        await _empty_then_fixed(page, surveys.latest(instrument_id))
        if instrument_id == "get_ready_meeting":
            assert "H-" in await page.inner_text(".receipt__reference")
            assert await axe_violations(page) == [], "the receipt"
    sent = await db.fetchval("select count(*) from submissions where child_id = $1", council.children["Ava"])
    assert sent == len(CHILD_FORMS) + 1
    await page.goto("/messages")
    assert await page.locator(".message-card").count() == sent
    assert await axe_violations(page) == []
    await page.click(".message-card a >> nth=0")
    assert await axe_violations(page) == []


async def test_every_survey_works_by_anonymous_link_with_errors_and_sends(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    for instrument_id in SURVEYS:
        token = await open_link(db, council.id, instrument_id)
        await page.goto(f"/s/{token}")
        await _empty_then_fixed(page, surveys.latest(instrument_id))
    assert await axe_violations(page) == [], "the anonymous receipt"
    stored = await db.fetch("select child_id, channel from submissions where council_id = $1", council.id)
    assert len(stored) == len(SURVEYS) and all(r["child_id"] is None for r in stored)
    closed = await open_link(db, council.id, "my_life_8_11", closed=True)
    await page.goto(f"/s/{closed}")
    assert "This survey is closed" in await page.inner_text("h1")
    assert await axe_violations(page) == []


async def test_a_statement_completed_by_keyboard_alone(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    await sign_in(page, council.codes["Ben"])
    await page.goto("/send")
    await tab_to(page, "a[href='/send/something_good']")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/send/something_good")
    await tab_to(page, "#hq-what_good")
    await page.keyboard.type("My carer took me to the seaside")
    await tab_to(page, "#hq-good_feeling-very_sad")
    for _ in range(4):
        await page.keyboard.press("ArrowRight")
    assert await page.is_checked("#hq-good_feeling-very_happy")
    await tab_to(page, "form.hq-survey [data-send]")
    await page.keyboard.press("Enter")
    await page.locator(".receipt__reference").wait_for()
    row = await db.fetchrow("select answers from submissions where child_id = $1", council.children["Ben"])
    assert row["answers"] == {"what_good": "My carer took me to the seaside", "good_feeling": "very_happy"}


async def test_an_arabic_page_reads_right_to_left_and_reflows_on_a_small_phone(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await sign_in(page, council.codes["Ava"])
    await page.goto("/send/worried")
    await page.click(".language-switcher a[lang=ar]")
    await page.wait_for_url("**/send/worried")
    assert await page.get_attribute("html", "dir") == "rtl" and await page.get_attribute("html", "lang") == "ar"
    assert await page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert "أنا قلق" in await page.inner_text("h1")
    assert await page.locator(".translation-notice").is_visible()
    assert await axe_violations(page) == []
    await page.click("form.hq-survey [data-send]")
    await page.locator(".hq-error-summary").wait_for()
    assert await axe_violations(page) == []
    await page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/send", "/send/worried", "/messages"]:
        await page.goto(path)
        overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        assert overflow is False, f"{path} does not reflow at 320px"


async def test_scared_gets_a_calm_receipt_with_childline_and_999(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    await sign_in(page, council.codes["Ava"])
    await page.goto("/send/worried")
    await page.check("#hq-feelings-scared")
    await page.fill("#hq-what_worry", "I lost my bus pass")
    await page.click("form.hq-survey [data-send]")
    await page.locator(".receipt__reference").wait_for()
    text = await page.inner_text("main")
    assert urgent_title() in text and "0800 1111" in text and "999" in text
    assert await axe_violations(page) == []
    level = await db.fetchval(
        "select a.level from alerts a join submissions s on s.id = a.submission_id where s.child_id = $1",
        council.children["Ava"],
    )
    assert level == "urgent"


async def test_a_draft_survives_a_session_expiry(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    ava = council.children["Ava"]
    await sign_in(page, council.codes["Ava"])
    await page.goto("/send/change_something")
    await page.fill("#hq-what_change", "I want to see my sister more")
    await page.locator(".hq-draft-status", has_text="Saved for later").wait_for()
    await db.execute("update sessions set last_seen_at = now() - interval '3 hours' where child_id = $1", ava)
    await page.reload()
    assert page.url.endswith("/sign-in")
    await sign_in(page, council.codes["Ava"])
    await page.goto("/send/change_something")
    assert await page.input_value("#hq-what_change") == "I want to see my sister more"
    # Expired again, this time while pressing Send: nothing is sent and nothing is lost.
    await page.fill("#hq-what_change", "I want to see my sister every week")
    await db.execute("update sessions set last_seen_at = now() - interval '3 hours' where child_id = $1", ava)
    await page.click("form.hq-survey [data-send]")
    await page.wait_for_url("**/sign-in")
    await sign_in(page, council.codes["Ava"])
    await page.click("text=Carry on where you left off")
    await page.wait_for_url("**/send/change_something")
    assert await page.input_value("#hq-what_change") == "I want to see my sister every week"
    assert await db.fetchval("select count(*) from submissions where child_id = $1", ava) == 0


SCRIPTS = "<script>alert(1)</script> and <img src=x onerror=alert(1)>"


async def test_script_is_shown_as_text_and_a_worker_sees_only_allocated_children(  # type: ignore[no-untyped-def]
    page, browser, web, council: Council, db: asyncpg.Connection
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    await sign_in(page, council.codes["Ava"])
    await page.goto("/send/something_good")
    await page.fill("#hq-what_good", SCRIPTS)
    await page.click("form.hq-survey [data-send]")
    await page.locator(".receipt__reference").wait_for()
    sent = await db.fetchval("select id from submissions where child_id = $1", council.children["Ava"])
    await page.goto(f"/messages/{sent}")
    assert SCRIPTS in await page.inner_text("main")
    cais = await db.fetchval(
        """insert into submissions (council_id, child_id, kind, instrument, instrument_version, channel, answers,
               free_text, audience, idempotency_key, request_hash)
           values ($1, $2, 'statement', 'something_good', 1, 'web', $3, 'from Cai', '{worker}', 'seed-cai', '\\x00')
           returning id""",
        council.id,
        council.children["Cai"],
        {"what_good": "from Cai"},
    )

    staff = await browser.new_context(base_url=web.url)
    worker = await staff.new_page()
    worker.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    await worker.goto("/staff/sign-in")
    await worker.fill("#email", council.staff["worker"])
    await worker.fill("#password", PASSWORD)
    await worker.click("main button[type=submit]")
    await worker.wait_for_url("**/home")
    await worker.goto("/staff/inbox")
    inbox = await worker.inner_text("main")
    assert "Ava" in inbox and "Cai" not in inbox
    assert (await worker.goto(f"/staff/submissions/{cais}")).status == 404
    await worker.goto(f"/staff/submissions/{sent}")
    assert SCRIPTS in await worker.inner_text("main")
    await worker.fill("#body", "Thank you, that is lovely <b>news</b>")
    await worker.click("text=Send reply")
    await worker.wait_for_url(f"**/staff/submissions/{sent}")
    await staff.close()
    await page.goto(f"/messages/{sent}")
    assert "Thank you, that is lovely <b>news</b>" in await page.inner_text("main")
    assert dialogs == []


async def test_the_staff_surveys_page_passes_axe_with_and_without_a_mistake(  # type: ignore[no-untyped-def]
    page, web, clients, council: Council, db: asyncpg.Connection
) -> None:
    await open_link(db, council.id, "my_life_8_11")
    admin = await clients().as_staff(council.staff["admin"])  # signed in with TOTP, then handed to the browser
    await page.context.add_cookies(
        [{"name": name, "value": value, "url": web.url} for name, value in admin.cookies.items()]
    )
    await page.goto("/staff/surveys")
    assert "My life" in await page.inner_text("main")
    assert await axe_violations(page) == []
    await page.fill("#closes_on", "not a date")
    await page.click("text=Open the survey")
    await page.locator(".error-summary").wait_for()
    assert await page.get_attribute(".error-summary a", "href") == "#closes_on"
    assert await axe_violations(page) == []
