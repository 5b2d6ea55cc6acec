"""The accessibility statement: public, linked from every page's footer, naming the standard, how Heard is tested,
its known gaps, the council's contact for problems, the EHRC's enforcement and the date prepared; axe clean."""

from __future__ import annotations

from collections.abc import Callable

import asyncpg
import pytest
from support import Client, Council, axe_violations

from heard.pages import STATEMENT_PREPARED

pytestmark = pytest.mark.browser

CONTACT = "access@northshire.gov.uk"


async def _set_contact(db: asyncpg.Connection, council: Council, contact: str) -> None:
    await db.execute(
        """insert into council_settings (council_id, accessibility_contact) values ($1, $2)
           on conflict (council_id) do update set accessibility_contact = excluded.accessibility_contact""",
        council.id,
        contact,
    )


async def test_the_statement_says_what_the_regulations_ask_with_the_councils_contact(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await _set_contact(db, council, CONTACT)
    name = await db.fetchval("select name from councils where id = $1", council.id)
    r = await client.get(f"/accessibility?council={council.slug}")
    assert r.status_code == 200
    text = r.text
    assert "WCAG) version 2.2 at level AA" in text, "the standard it meets"
    assert "axe-core" in text and "keyboard checks" in text and "320 and 360 pixels" in text, "how it was tested"
    assert "Known gaps" in text and "not yet been checked by a qualified translator" in text
    assert f'<a href="mailto:{CONTACT}">{CONTACT}</a>' in text, "the council's contact, from its settings"
    assert name in text
    assert "Equality and Human Rights Commission (EHRC)" in text and "Equality Advisory and Support Service" in text
    assert f"prepared on {STATEMENT_PREPARED.day} {STATEMENT_PREPARED:%B %Y}" in text


async def test_without_a_contact_the_statement_says_how_to_reach_the_council_another_way(
    client: Client, council: Council, db: asyncpg.Connection
) -> None:
    await _set_contact(db, council, "")
    r = await client.get(f"/accessibility?council={council.slug}")
    assert r.status_code == 200 and "has not yet given a contact for accessibility problems" in r.text
    assert "mailto:" not in r.text


async def test_every_page_links_to_the_statement_from_its_footer(
    client: Client, council: Council, clients: Callable[[], Client]
) -> None:
    ava = await clients().as_child(council.codes["Ava"])
    admin = await clients().as_staff(council.staff["admin"])
    pages = [
        (client, "/"),
        (client, "/sign-in"),
        (client, "/staff/sign-in"),
        (client, "/help"),
        (client, "/accessibility"),
        (ava, "/home"),
        (ava, "/send"),
        (ava, "/messages"),
        (ava, "/privacy"),
        (admin, "/home"),
        (admin, "/admin"),
        (admin, "/admin/council"),
    ]
    for who, path in pages:
        r = await who.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200, path
        footer = r.text.split('<footer class="site-footer">', 1)[1]
        assert 'href="/accessibility"' in footer, path


@pytest.mark.parametrize("lang", ["en", "ar"])
async def test_the_statement_passes_axe_and_reflows_in_each_direction(  # type: ignore[no-untyped-def]
    page, web, council: Council, db: asyncpg.Connection, lang: str
) -> None:
    await _set_contact(db, council, CONTACT)
    await page.context.add_cookies([{"name": "heard_lang", "value": lang, "url": web.url}])
    await page.goto(f"/accessibility?council={council.slug}")
    assert await page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    assert await page.locator(f'a[href="mailto:{CONTACT}"]').is_visible()
    assert await page.get_attribute(".statement", "lang") == "en", "the English statement is marked as English"
    assert await axe_violations(page) == []
    await page.set_viewport_size({"width": 360, "height": 740})
    overflow = await page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
    assert overflow is False
    # The footer link is reachable by keyboard from the top of the page.
    await page.goto("/help")
    for _ in range(40):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.getAttribute('href')") == "/accessibility":
            break
    else:
        raise AssertionError("the accessibility link is not reachable by keyboard")
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/accessibility")
