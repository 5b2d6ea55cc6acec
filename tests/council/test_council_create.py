"""`heard council create`: a council and its first admin from the command line, with a one-time set-up link."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
import time

import asyncpg
import pyotp
import pytest
from support import ROOT, Process, axe_violations

pytestmark = pytest.mark.browser

LINK = re.compile(r"http://\S+/staff/set-up/\S+")


def create(env: dict[str, str], web: Process, slug: str, email: str, name: str = "North Shire Council"):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "heard", "council", "create", "--slug", slug, "--name", name, "--admin-email", email],
        env={**env, "HEARD_BASE_URL": web.url},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def new_slug() -> str:
    return f"c-{secrets.token_hex(4)}"


async def counts(db: asyncpg.Connection) -> tuple[int, int, int]:
    row = await db.fetchrow(
        "select (select count(*) from councils), (select count(*) from staff), (select count(*) from staff_setup_links)"
    )
    return tuple(row)  # type: ignore[return-value]


async def test_the_printed_link_sets_up_the_admin_who_then_signs_in(  # type: ignore[no-untyped-def]
    env: dict[str, str], web: Process, db: asyncpg.Connection, page
) -> None:
    slug, email = new_slug(), f"boss@{new_slug()}.example"
    done = create(env, web, slug, email)
    assert done.returncode == 0, done.stderr
    assert f"Created North Shire Council ({slug})" in done.stdout
    link = LINK.search(done.stdout)
    assert link, done.stdout

    await page.goto(link.group(0))
    assert email in await page.inner_text("main")
    assert await axe_violations(page) == []
    secret = (await page.inner_text("#totp-secret")).strip()
    await page.fill("#password", "a long password for heard")
    await page.fill("#confirm", "a long password for heard")
    await page.fill("#code", pyotp.TOTP(secret).now())
    await page.click("form button[type=submit]")
    await page.wait_for_selector("text=Your recovery codes")
    codes = await page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    assert await axe_violations(page) == []

    await page.goto("/staff/sign-in")
    await page.fill("#email", email)
    await page.fill("#password", "a long password for heard")
    await page.click("button[type=submit]")
    await page.wait_for_url("**/staff/totp")
    # A code works once, and set-up spent this step's: the app's next code is accepted for clock drift.
    await page.fill("#code", pyotp.TOTP(secret).at(time.time() + 30))
    await page.click("button[type=submit]")
    await page.wait_for_url("**/home")
    await page.goto("/admin/council")
    assert await page.input_value("#name") == "North Shire Council"

    # The link worked once: opening it again says so in plain words.
    response = await page.goto(link.group(0))
    assert response.status == 410
    assert "already been used" in await page.inner_text("main")
    assert await axe_violations(page) == []


async def test_running_it_again_with_the_same_slug_changes_nothing_and_says_so(
    env: dict[str, str], web: Process, db: asyncpg.Connection
) -> None:
    slug = new_slug()
    assert create(env, web, slug, f"first@{slug}.example").returncode == 0
    before = await counts(db)
    again = create(env, web, slug, f"second@{slug}.example", name="Another Name")
    assert again.returncode == 1
    assert (
        f"A council with the slug '{slug}' already exists (North Shire Council). Nothing was changed." in again.stderr
    )
    assert "http" not in again.stdout
    assert await counts(db) == before


async def test_an_admin_email_already_on_staff_makes_nothing(
    env: dict[str, str], web: Process, db: asyncpg.Connection
) -> None:
    slug = new_slug()
    assert create(env, web, slug, f"taken@{slug}.example").returncode == 0
    before = await counts(db)
    other = new_slug()
    again = create(env, web, other, f"taken@{slug}.example")
    assert again.returncode == 1
    assert f"taken@{slug}.example already has a Heard account. Nothing was changed." in again.stderr
    assert await counts(db) == before
    assert await db.fetchval("select count(*) from councils where slug = $1", other) == 0


@pytest.mark.parametrize(
    ("slug", "email", "said"),
    [
        ("North Shire", "a@b.example", "cannot be a slug: use 2 to 40 lower-case letters, digits and dashes"),
        ("ok-slug", "not-an-email", "'not-an-email' is not an email address."),
    ],
)
async def test_a_bad_slug_or_email_is_refused_in_plain_words(
    env: dict[str, str], web: Process, db: asyncpg.Connection, slug: str, email: str, said: str
) -> None:
    before = await counts(db)
    done = create(env, web, slug, email)
    assert done.returncode == 1
    assert said in done.stderr
    assert await counts(db) == before


async def test_an_expired_link_says_so(env: dict[str, str], web: Process, db: asyncpg.Connection, page) -> None:  # type: ignore[no-untyped-def]
    slug = new_slug()
    done = create(env, web, slug, f"late@{slug}.example")
    link = LINK.search(done.stdout)
    assert link
    await db.execute(
        """update staff_setup_links set expires_at = now() - interval '1 minute'
           where staff_id = (select id from staff where email = $1)""",
        f"late@{slug}.example",
    )
    response = await page.goto(link.group(0))
    assert response.status == 410
    assert "has expired (links last 24 hours)" in await page.inner_text("main")
    response = await page.goto(link.group(0)[:-3] + "xyz")
    assert "is not one Heard made" in await page.inner_text("main")
