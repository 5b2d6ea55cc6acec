"""The privacy pages in real Chromium pass axe-core (WCAG 2.2 AA): one test per page."""

from __future__ import annotations

import asyncpg
import pytest
from privacy_seed import seed_child
from support import Council, axe_violations, sign_in_admin

pytestmark = pytest.mark.browser


async def sign_in_child(page, council: Council, name: str = "Ava") -> None:  # type: ignore[no-untyped-def]
    await page.goto("/sign-in")
    await page.fill("#code", council.codes[name])
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")


async def _request(db: asyncpg.Connection, council: Council) -> int:
    return await db.fetchval(
        "insert into privacy_requests (council_id, child_id, kind, made_by, message) values ($1, $2, 'erasure', 'child', 'Please') returning id",
        council.id,
        council.children["Ava"],
    )


async def test_privacy_index_passes_axe(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    await _request(db, council)
    await sign_in_admin(page, council)
    await page.goto("/admin/privacy")
    assert await axe_violations(page) == []
    await page.goto("/admin/privacy?reference=nobody")
    assert "There is no child with that reference" in await page.inner_text("main")
    assert await axe_violations(page) == []


async def test_subject_access_page_passes_axe(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    ava = await seed_child(db, council, "Ava")
    await sign_in_admin(page, council)
    await page.goto(f"/admin/privacy/children/{ava.child_id}")
    assert ava.phrase in await page.inner_text("main")
    assert await axe_violations(page) == []


async def test_request_page_and_its_refusal_pass_axe(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    request_id = await _request(db, council)
    await sign_in_admin(page, council)
    await page.goto(f"/admin/privacy/requests/{request_id}")
    assert await axe_violations(page) == []
    await page.check("#decision-refuse")
    await page.click("form[action^='/admin/privacy/requests'] button[type=submit]")
    assert "Say why the request is refused" in await page.inner_text(".error-summary")
    assert await axe_violations(page) == []
    await page.fill("#reason", "Needed for safeguarding")
    await page.click("form[action^='/admin/privacy/requests'] button[type=submit]")
    await page.wait_for_url(f"**/admin/privacy/requests/{request_id}")
    assert "Refused" in await page.inner_text("main")
    assert await axe_violations(page) == []


async def test_audit_page_passes_axe(page, council: Council, db: asyncpg.Connection) -> None:  # type: ignore[no-untyped-def]
    await seed_child(db, council, "Ava")
    await sign_in_admin(page, council)
    await page.goto(f"/admin/audit?child_reference={council.slug}-Ava")
    assert "read submission" in await page.inner_text("main")
    assert await axe_violations(page) == []


async def test_retention_page_passes_axe(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await sign_in_admin(page, council)
    await page.goto("/admin/retention")
    assert await axe_violations(page) == []


async def test_childs_privacy_page_passes_axe_and_sends_a_request(page, council: Council) -> None:  # type: ignore[no-untyped-def]
    await sign_in_child(page, council)
    await page.goto("/privacy")
    assert "What Heard keeps about you" in await page.inner_text("h1")
    assert await axe_violations(page) == []
    await page.click("form[action='/privacy'] button[type=submit]")
    assert await axe_violations(page) == []
    await page.check("#kind-erasure")
    await page.fill("#message", "Please remove my old messages")
    await page.click("form[action='/privacy'] button[type=submit]")
    await page.wait_for_url("**/privacy?sent=1")
    assert "We have your request" in await page.inner_text("main")
    assert await axe_violations(page) == []
