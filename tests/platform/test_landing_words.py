"""The landing page everyone opens first is in the reader's language, and its language switcher works."""

from __future__ import annotations

import re

import pytest
from support import Client

from heard import i18n


def _switch_to(html: str, lang: str) -> str:
    found = re.search(rf'<a href="(/language\?to={lang}&amp;next=[^"]*)"', html)
    assert found, f"no switcher link to {lang}"
    return found.group(1).replace("&amp;", "&")


@pytest.mark.parametrize("lang", i18n.SUPPORTED)
async def test_the_landing_page_is_in_the_browsers_language(client: Client, lang: str) -> None:
    words = i18n.catalogue(lang)
    r = await client.get("/", headers={"Accept-Language": lang})
    assert r.status_code == 200
    assert f'<html lang="{lang}" dir="{words.direction}">' in r.text
    for key in ("landing.heading", "landing.lead", "landing.child", "landing.staff"):
        assert words.gettext(key) in r.text, key
    if lang != "en":
        assert "I have a code from my worker" not in r.text and "Welcome to Heard" not in r.text


async def test_the_landing_pages_switcher_changes_the_language_and_comes_back(client: Client) -> None:
    english = await client.get("/?signed_out=1")
    assert i18n.catalogue("en").gettext("landing.signed_out") in english.text
    tigrinya = await client.get(_switch_to(english.text, "ti"), follow_redirects=True)
    words = i18n.catalogue("ti")
    assert tigrinya.url.path == "/" and not tigrinya.url.query, "back on the landing page"
    assert '<html lang="ti" dir="ltr">' in tigrinya.text and words.gettext("landing.heading") in tigrinya.text
    assert words.gettext("landing.signed_out") not in tigrinya.text, "back on the page itself, not the sign-out news"
    again = await client.get("/?signed_out=1", headers={"Accept-Language": "ar"})
    assert i18n.catalogue("ti").gettext("landing.signed_out") in again.text, "the chosen language beats the browser's"
