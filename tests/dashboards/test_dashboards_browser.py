"""Every dashboard page in real Chromium: axe finds nothing, every chart is an SVG image with its table beside it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from dash_seed import QUARTER, add_child, add_submission, answer, refresh, staff
from support import PASSWORD, Council

from dashboards import services
from dashboards.schemas import ActionIn, ChildTextIn, DecisionIn, DoneIn

pytestmark = pytest.mark.browser
Q = QUARTER.slug


async def _seed(db, council: Council) -> int:
    for i in range(14):
        child = await add_child(db, council, age=9 + i, share_quotes=True, placement="foster" if i % 3 else "kinship")
        sid = await add_submission(
            db,
            council,
            child,
            themes=("placement", "education_work"),
            sentiment=["positive", "negative", "mixed"][i % 3],
            redacted=f"School is ok {i}",
            audience=("council",),
            read_after=timedelta(hours=5 * i),
        )
        if i == 0:
            await services.decide_quote(db, staff(council, "participation_officer"), sid, True)
        await add_submission(
            db,
            council,
            child,
            kind="survey",
            answers={
                "feel_safe_home": answer("feel_safe_home", choice="yes"),
                "happiness": answer("happiness", choice="ok"),
                "life_satisfaction": answer("life_satisfaction", number=i % 11),
            },
        )
    await refresh(db, council)
    officer = staff(council, "participation_officer")
    made = await services.create(
        db, officer, ActionIn(theme="placement", said="More say in moves", said_on=QUARTER.starts)
    )
    await services.decide(
        db, officer, made.id, DecisionIn(decision="Yes", owner="Placements", decided_on=QUARTER.starts)
    )
    await services.record_done(
        db, officer, made.id, DoneIn(changed="Moves planned with children", done_on=QUARTER.starts + timedelta(days=30))
    )
    await services.set_text(
        db,
        officer,
        made.id,
        ChildTextIn(lang="en", you_said="You said moves felt sudden.", we_did="Now we plan moves with you."),
    )
    await services.publish(db, officer, made.id)
    return made.id


async def _sign_in(page, email: str) -> None:
    await page.goto("/staff/sign-in")
    await page.fill("#email", email)
    await page.fill("#password", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")


async def _check(page, path: str) -> None:
    from support import axe_violations

    response = await page.goto(path)
    assert response.status == 200, path
    assert await axe_violations(page) == [], path
    charts = await page.query_selector_all("svg.chart")
    for chart in charts:
        assert await chart.get_attribute("role") == "img"
        assert await chart.eval_on_selector("title", "e => e.textContent.length") > 0
        assert await chart.eval_on_selector("desc", "e => e.textContent.length") > 0
        has_table = await chart.evaluate("e => !!e.closest('.figure').querySelector('table')")
        assert has_table, f"a chart on {path} has no table beside it"


async def test_cicc_and_you_said_we_did_pages_pass_axe(page, db, council: Council):
    action_id = await _seed(db, council)
    await _sign_in(page, council.staff["participation_officer"])
    for path in [
        f"/dashboards/cicc?quarter={Q}",
        f"/dashboards/cicc?quarter={Q}&cohort=age:12-15&theme=education_work",
        "/dashboards/you-said-we-did/",
        f"/dashboards/you-said-we-did/{action_id}",
        f"/dashboards/quotes?quarter={Q}",
        f"/dashboards/board?quarter={Q}",
        f"/dashboards/board?quarter={Q}&split=placement",
    ]:
        await _check(page, path)
    assert await page.locator("svg.chart").count() >= 10


async def test_team_and_public_pages_pass_axe(page, db, council: Council):
    await _seed(db, council)
    await _check(page, f"/you-said-we-did?council={council.slug}")
    await _check(page, f"/you-said-we-did?council={council.slug}&lang=ar")
    await _check(page, "/you-said-we-did")
    await _sign_in(page, council.staff["head_of_service"])
    await _check(page, f"/dashboards/teams?quarter={Q}")


_LAYOUT = """() => {
  const problems = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push('the page scrolls sideways');
  for (const cell of document.querySelectorAll('.figure th, .figure td')) {
    if (cell.scrollWidth > cell.clientWidth + 1) problems.push('clipped cell: ' + cell.textContent.trim());
  }
  for (const wrap of document.querySelectorAll('.table-wrap, .chart-scroll')) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    const style = getComputedStyle(wrap);
    if (scrolls && (style.overflowX !== 'auto' || wrap.tabIndex !== 0 || !style.backgroundImage.includes('gradient')))
      problems.push('content cut off without a scroll cue: ' + (wrap.getAttribute('aria-label') || wrap.textContent.slice(0, 40)));
  }
  for (const svg of document.querySelectorAll('svg.chart')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const px = parseFloat(t.getAttribute('font-size')) * scale;
      if (px < 13.9) { problems.push('chart label at ' + px.toFixed(1) + ' px'); break; }
    }
  }
  return problems;
}"""


@pytest.mark.parametrize("width", [360, 1366])
async def test_board_and_cicc_fit_a_phone_and_a_laptop_without_clipping(page, db, council: Council, width: int):
    await _seed(db, council)
    await page.set_viewport_size({"width": width, "height": 900})
    await _sign_in(page, council.staff["participation_officer"])
    for path in [
        f"/dashboards/board?quarter={Q}&split=age",
        f"/dashboards/board?quarter={Q}",
        f"/dashboards/cicc?quarter={Q}",
    ]:
        await _check(page, path)
        await page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert await page.evaluate(_LAYOUT) == [], f"{path} at {width} px"
