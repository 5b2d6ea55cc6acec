"""The single sign-on pages in real Chromium: axe-core clean, and a sign-in that lands on the home page."""

from __future__ import annotations

import pytest
from oidc_provider import Provider
from support import Council, Process, axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
async def sso_page(browser, sso_web: Process):  # type: ignore[no-untyped-def]
    context = await browser.new_context(base_url=sso_web.url, locale="en-GB")
    tab = await context.new_page()
    yield tab
    await context.close()


async def test_offer_page_passes_axe_and_signs_in(sso_page, provider: Provider, council: Council) -> None:  # type: ignore[no-untyped-def]
    provider.email, provider.fault = council.staff["worker"], ""
    await sso_page.goto("/staff/sso")
    assert await axe_violations(sso_page) == []
    await sso_page.click("a.button")
    await sso_page.wait_for_url("**/home")


async def test_error_page_passes_axe(sso_page, provider: Provider, council: Council) -> None:  # type: ignore[no-untyped-def]
    provider.email, provider.fault = council.staff["worker"], "expired"
    await sso_page.goto("/staff/sso/start")
    assert "The sign-in has expired." in await sso_page.inner_text("main")
    assert await axe_violations(sso_page) == []
