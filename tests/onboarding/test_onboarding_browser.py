"""The import pages in real Chromium pass axe-core (WCAG 2.2 AA): one test per page."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import Council, axe_violations, sign_in_admin
from test_onboarding_import import files

pytestmark = pytest.mark.browser


async def _upload(page, tmp_path: Path, texts: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/admin/onboarding")
    for name, text in texts.items():
        path = tmp_path / f"{name}.csv"
        path.write_text(text)
        await page.set_input_files(f"#{name}", str(path))
    await page.click("form[action='/admin/onboarding'] button[type=submit]")


async def test_upload_page_passes_axe(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await sign_in_admin(page, council)
    await page.goto("/admin/onboarding")
    assert "placement_type" in await page.inner_text("main")
    assert await axe_violations(page) == []


async def test_problem_report_passes_axe(page, council: Council, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    await sign_in_admin(page, council)
    bad = files(council)["children"] + "X9,Zed,2012-13,child_in_care,hostel,en,no,no,no,\n"
    await _upload(page, tmp_path, {"children": bad})
    await page.wait_for_selector(".error-summary")
    assert "'hostel' is not a placement type" in await page.inner_text("main")
    assert await axe_violations(page) == []


async def test_check_apply_and_codes_pages_pass_axe(page, council: Council, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    await sign_in_admin(page, council)
    await _upload(page, tmp_path, files(council))
    await page.wait_for_selector("text=What would change")
    assert await axe_violations(page) == []
    await page.click("form[action='/admin/onboarding/apply'] button[type=submit]")
    await page.wait_for_selector("text=Import applied")
    assert await axe_violations(page) == []
    await page.click("form[action='/admin/onboarding/codes'] button[type=submit]")
    await page.wait_for_selector("text=Print these now")
    assert await axe_violations(page) == []
