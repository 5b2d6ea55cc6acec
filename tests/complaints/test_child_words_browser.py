"""A child complains through the real form in Arabic on a small phone: the receipt and My messages say the complaint's
own due date, written out in Arabic, and both pages pass axe."""

from __future__ import annotations

import asyncpg
import pytest
from support import Council, axe_violations

from heard import i18n

pytestmark = pytest.mark.browser


async def test_a_complaint_sent_in_arabic_gets_its_own_due_date_written_out(
    page, council: Council, db: asyncpg.Connection
) -> None:  # type: ignore[no-untyped-def]
    await page.set_viewport_size({"width": 360, "height": 740})
    await page.goto("/sign-in")
    await page.fill("#code", council.codes["Cai"])
    await page.click("main button[type=submit]")
    await page.wait_for_url("**/home")
    await page.goto("/language?to=ar&next=/send/complaint")
    await page.fill("#hq-what_happened", "لا أحد يرد على مكالماتي")
    await page.check("#hq-want_advocate-no")
    await page.click("form.hq-survey button[type=submit]")
    await page.locator(".receipt__reference").wait_for()
    due = await db.fetchval(
        """select k.due_on from complaint_clocks k join complaints c on c.id = k.complaint_id
           where c.child_id = $1 and k.kind = 'stage1_response'""",
        council.children["Cai"],
    )
    ar = i18n.catalogue("ar")
    written = f"{due.day} {ar.gettext(f'month.{due.month}')} {due.year}"
    receipt = await page.inner_text("main")
    assert ar.gettext("complaint.receipt", date=written) in receipt
    assert ar.gettext("receipt.when") not in receipt
    assert await axe_violations(page) == []
    await page.goto("/messages")
    mine = await page.inner_text("main")
    assert ar.gettext("complaint.status.due", date=written) in mine
    assert "لا أحد يرد على مكالماتي" in mine and "What the child wrote" not in mine
    assert await axe_violations(page) == []
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False
