"""My life 4-7 one question at a time in real Chromium: Next and Back, progress, skipping, keyboard, Send, no script."""

from __future__ import annotations

import asyncpg
import pytest
from capture_browser import current_step, tab_to
from capture_seed import open_link
from support import Council, axe_violations

import surveys

pytestmark = pytest.mark.browser

SEND = "form.hq-survey [data-send]"


async def _progress(page) -> str:  # type: ignore[no-untyped-def]
    return (await page.inner_text(".hq-step-status")).strip()


async def _focused_question(page) -> str | None:  # type: ignore[no-untyped-def]
    return await page.evaluate(
        "() => { const b = document.activeElement.closest('[data-question-id]'); return b && b.dataset.questionId; }"
    )


async def test_the_youngest_answer_one_question_at_a_time(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    life = surveys.latest("my_life_4_7")
    assert life.one_at_a_time
    shown_at_start = len(surveys.visible_questions(life, {}))
    asked_of_all = len([q for q in life.questions if q.show_if is None])
    assert shown_at_start == asked_of_all, "with nothing answered, only the questions every child is asked show"
    token = await open_link(db, council.id, "my_life_4_7")
    await page.goto(f"/s/{token}")
    next_button, back = page.locator(".hq-step-next"), page.locator(".hq-step-back")

    assert await current_step(page) == "with_adult"
    assert await _progress(page) == f"Question 1 of {shown_at_start}"
    assert await page.get_attribute(".hq-step-status", "aria-live") == "polite"
    assert await back.is_hidden() and await page.locator(SEND).is_hidden()
    assert await axe_violations(page) == [], "the first step"

    await next_button.click()
    assert await current_step(page) == "happiness" and await _focused_question(page) == "happiness"
    assert await _progress(page) == f"Question 2 of {shown_at_start}"
    await page.check("#hq-happiness-happy")
    await next_button.click()
    assert await current_step(page) == "feel_safe_home"

    # "Not sure" shows the follow-ups; they share the question's number, so the total never jumps. The child writes
    # something, then changes their mind.
    await page.check("#hq-feel_safe_home-not_sure")
    assert await _progress(page) == f"Question 3 of {shown_at_start}"
    await next_button.click()
    assert await current_step(page) == "why_not_safe"
    assert await _progress(page) == f"Question 3 of {shown_at_start}", "a follow-up is part of its question"
    await page.fill("#hq-why_not_safe", "I miss my old room")
    await back.click()
    assert await current_step(page) == "feel_safe_home" and await _focused_question(page) == "feel_safe_home"
    await page.check("#hq-feel_safe_home-yes")
    assert await _progress(page) == f"Question 3 of {shown_at_start}"
    await next_button.click()
    assert await current_step(page) == "feel_settled", "the hidden follow-ups are skipped"
    assert await _progress(page) == f"Question 4 of {shown_at_start}"
    assert await axe_violations(page) == [], "a middle step"

    # Keyboard alone: choose an answer, then Next.
    await tab_to(page, "#hq-feel_settled-yes")
    await page.keyboard.press("Space")
    assert await page.is_checked("#hq-feel_settled-yes")
    await tab_to(page, ".hq-step-next")
    await page.keyboard.press("Enter")
    assert await current_step(page) == "trusted_adult" and await _focused_question(page) == "trusted_adult"

    while await next_button.is_visible():
        await next_button.click()
    assert await current_step(page) == "helped_by"
    assert await _progress(page) == f"Question {shown_at_start} of {shown_at_start}"
    assert await page.locator(SEND).is_visible() and await back.is_visible()
    assert await axe_violations(page) == [], "the last step"
    await page.set_viewport_size({"width": 320, "height": 640})
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False, "the last step reflows at 320px"
    await page.check("#hq-helped_by-carer")
    await page.click(SEND)
    await page.locator(".receipt__reference").wait_for()

    answers = await db.fetchval("select answers from submissions where council_id = $1", council.id)
    assert answers == {"happiness": "happy", "feel_safe_home": "yes", "feel_settled": "yes", "helped_by": "carer"}


async def test_without_javascript_every_question_is_on_one_page(
    browser, web, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    life = surveys.latest("my_life_4_7")
    token = await open_link(db, council.id, "my_life_4_7")
    context = await browser.new_context(base_url=web.url, java_script_enabled=False)
    page = await context.new_page()
    await page.goto(f"/s/{token}")
    assert await page.locator("[data-question-id]:visible").count() == len(life.questions)
    assert await page.locator(".hq-step-nav").count() == 0
    assert await page.locator(SEND).is_visible()
    await page.check("#hq-happiness-very_happy")
    await page.click(SEND)
    await page.locator(".receipt__reference").wait_for()
    await context.close()
    assert await db.fetchval("select answers from submissions where council_id = $1", council.id) == {
        "happiness": "very_happy"
    }


async def test_without_javascript_enter_in_an_answer_sends_rather_than_switching_words(
    browser, web, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    token = await open_link(db, council.id, "my_life_4_7")
    context = await browser.new_context(base_url=web.url, java_script_enabled=False)
    page = await context.new_page()
    await page.goto(f"/s/{token}")
    await page.check("#hq-happiness-sad")
    await page.focus("#hq-happiness-sad")
    await page.keyboard.press("Enter")
    await page.locator(".receipt__reference").wait_for()
    await context.close()
    assert await db.fetchval("select answers from submissions where council_id = $1", council.id) == {
        "happiness": "sad"
    }


async def test_easy_words_switch_on_and_off_keeping_every_answer(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    life = surveys.latest("my_life_4_7")
    happiness = life.question("happiness")
    easy, usual = life.wording(happiness.easy_read, "en").text, life.wording(happiness.text, "en").text
    token = await open_link(db, council.id, "my_life_4_7")
    await page.goto(f"/s/{token}")
    legend = page.locator("#hq-happiness-block legend")
    assert await legend.inner_text() == easy, "the youngest get easy words first"
    await page.click(".hq-step-next")  # past the note for the trusted adult
    assert await current_step(page) == "happiness"
    await page.check("#hq-happiness-sad")
    await page.click("text=For a grown-up helping: show the longer questions")
    await page.wait_for_load_state()
    assert await legend.inner_text() == usual
    assert await page.is_checked("#hq-happiness-sad"), "switching keeps what was chosen"
    assert await axe_violations(page) == []
    await page.click("text=Show the easy questions again")
    await page.wait_for_load_state()
    assert await legend.inner_text() == easy
    while await page.locator(".hq-step-next").is_visible():
        await page.click(".hq-step-next")
    await page.click(SEND)
    await page.locator(".receipt__reference").wait_for()
    assert await db.fetchval("select answers from submissions where council_id = $1", council.id) == {
        "happiness": "sad"
    }


@pytest.mark.parametrize("lang", ["en", "ti", "ar"])
async def test_the_faces_share_one_row_on_a_small_phone(
    page, web, council: Council, db: asyncpg.Connection, lang: str
) -> None:  # type: ignore[no-untyped-def]
    token = await open_link(db, council.id, "my_life_4_7")
    await page.set_viewport_size({"width": 360, "height": 740})
    await page.context.add_cookies([{"name": "heard_lang", "value": lang, "url": web.url}])
    await page.goto(f"/s/{token}")
    await page.click(".hq-step-next")
    assert await current_step(page) == "happiness"
    faces = page.locator("#hq-happiness-block .hq-option")
    boxes = [await faces.nth(i).bounding_box() for i in range(await faces.count())]
    assert len(boxes) == len(surveys.latest("my_life_4_7").question("happiness").options) == 5
    assert all(b is not None for b in boxes)
    tops = {round(b["y"]) for b in boxes if b}
    assert len(tops) == 1, f"every face on one row, not {len(tops)} rows"
    assert all(b["width"] >= 44 and b["height"] >= 44 for b in boxes if b), "each face is still a big target"
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False
    assert await axe_violations(page) == []
